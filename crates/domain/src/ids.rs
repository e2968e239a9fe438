//! Typed identifiers. Use these instead of bare integers so an album id can
//! never be passed where a track id is expected.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A path or query segment that is not a valid id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a valid id")]
pub struct IdParseError(pub String);

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = IdParseError;

            /// Ids are positive decimal integers.
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s.parse::<i64>() {
                    Ok(n) if n > 0 && !s.starts_with('+') => Ok(Self(n)),
                    _ => Err(IdParseError(s.chars().take(40).collect())),
                }
            }
        }
    };
}

id_type!(
    /// Identifies an artist.
    ArtistId
);
id_type!(
    /// Identifies an album.
    AlbumId
);
id_type!(
    /// Identifies a track.
    TrackId
);
id_type!(
    /// Identifies a playlist.
    PlaylistId
);
id_type!(
    /// Identifies one place in a playlist (a track may be in one twice).
    PlaylistEntryId
);
id_type!(
    /// Identifies one notification of one listener.
    NotificationId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_parse_only_positive_integers() {
        assert_eq!("42".parse::<TrackId>(), Ok(TrackId(42)));
        for bad in ["0", "-1", "+3", "abc", "", "1.5", "99999999999999999999"] {
            assert!(bad.parse::<TrackId>().is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn ids_serialize_as_plain_numbers() {
        assert_eq!(
            serde_json::to_string(&AlbumId(7)).ok().as_deref(),
            Some("7")
        );
    }
}

//! Taste signals as both backends read them: one row per like or rolled-up
//! play count ([`TasteRow`], read by position: thousands come back for a
//! listener and their friends), converted into [`TasteSignal`]s.

use chorus_domain::{ArtistId, TasteSignal, TasteSource, UserId};
use chorus_storage::{StorageError, StorageResult};

/// `source` of a like of an artist.
pub const ARTIST_LIKE: i64 = 0;
/// `source` of a like of one of the artist's tracks.
pub const TRACK_LIKE: i64 = 1;
/// `source` of a listener's rolled-up plays of the artist.
pub const PLAYS: i64 = 2;

/// A like or a listener's rolled-up plays of an artist: select, in this
/// order, `user_id`, `artist_id`, `source` (one of the constants above),
/// `at_ms` (a like's time, Unix ms), `weight` and `plays` (of plays).
pub type TasteRow = (i64, i64, i64, Option<i64>, Option<f64>, Option<i64>);

fn bad(what: &str) -> StorageError {
    StorageError::Backend(format!("invalid taste row: {what}").into())
}

/// The signal of a row.
pub fn signal(row: TasteRow) -> StorageResult<TasteSignal> {
    let (user_id, artist_id, source, at_ms, weight, plays) = row;
    let at_ms = || at_ms.ok_or_else(|| bad("a like without its time"));
    let source = match source {
        ARTIST_LIKE => TasteSource::ArtistLike { at_ms: at_ms()? },
        TRACK_LIKE => TasteSource::TrackLike { at_ms: at_ms()? },
        PLAYS => TasteSource::Plays {
            stored_weight: weight.ok_or_else(|| bad("plays without weight"))?,
            count: u32::try_from(plays.unwrap_or(0)).unwrap_or(u32::MAX),
        },
        other => return Err(bad(&format!("source {other}"))),
    };
    Ok(TasteSignal {
        user: UserId(user_id),
        artist: ArtistId(artist_id),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_become_signals_and_bad_ones_are_refused() {
        let like = signal((1, 2, TRACK_LIKE, Some(5), None, None)).unwrap();
        assert_eq!(like.source, TasteSource::TrackLike { at_ms: 5 });
        assert_eq!((like.user, like.artist), (UserId(1), ArtistId(2)));
        let plays = signal((1, 2, PLAYS, None, Some(1.5), Some(3))).unwrap();
        assert_eq!(
            plays.source,
            TasteSource::Plays {
                stored_weight: 1.5,
                count: 3
            }
        );
        assert!(signal((1, 2, ARTIST_LIKE, None, None, None)).is_err());
        assert!(signal((1, 2, 7, Some(1), None, None)).is_err());
    }
}

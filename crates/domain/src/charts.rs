//! Charts: the most played tracks and artists over a period, globally or
//! among a listener's friends (`GET /api/charts`, `/charts`).

use serde::{Deserialize, Serialize};

use crate::catalog::{ArtistRef, Track};

/// Most entries a chart lists.
pub const CHART_LENGTH: u32 = 50;
const DAY_MS: i64 = 24 * 3600 * 1000;

/// Whose plays a chart counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum ChartScope {
    /// Everyone's (that is not private).
    #[default]
    Global,
    /// The signed-in listener's friends'.
    Friends,
}

impl ChartScope {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Global => "global",
            Self::Friends => "friends",
        }
    }
}

/// The period a chart covers, ending now.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum ChartPeriod {
    /// The last 7 days, today included.
    #[default]
    Week,
    /// The last 30 days, today included.
    Month,
}

impl ChartPeriod {
    pub const ALL: [Self; 2] = [Self::Week, Self::Month];

    pub fn days(self) -> i64 {
        match self {
            Self::Week => 7,
            Self::Month => 30,
        }
    }

    /// The first UTC day (days since the Unix epoch) the period counts at
    /// `now_ms`.
    pub fn first_day(self, now_ms: i64) -> i64 {
        day_of(now_ms) - self.days() + 1
    }

    /// The start, in ms since the epoch, of [`Self::first_day`].
    pub fn start_ms(self, now_ms: i64) -> i64 {
        self.first_day(now_ms) * DAY_MS
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Week => "week",
            Self::Month => "month",
        }
    }
}

/// The UTC day (days since the Unix epoch) of a time in ms.
pub fn day_of(ms: i64) -> i64 {
    ms.div_euclid(DAY_MS)
}

/// A chart as served.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Chart {
    pub scope: ChartScope,
    pub period: ChartPeriod,
    /// RFC 3339 time the chart was computed.
    pub computed_at: String,
    pub tracks: Vec<ChartTrack>,
    pub artists: Vec<ChartArtist>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChartTrack {
    /// 1 for the most played.
    pub rank: u32,
    pub track: Track,
    pub plays: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChartArtist {
    pub rank: u32,
    pub artist: ArtistRef,
    pub plays: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_end_today_and_count_whole_days() {
        let now = 20_000 * DAY_MS + 5;
        assert_eq!(ChartPeriod::Week.first_day(now), 19_994);
        assert_eq!(ChartPeriod::Month.first_day(now), 19_971);
        assert_eq!(ChartPeriod::Week.start_ms(now), 19_994 * DAY_MS);
        assert_eq!(day_of(-1), -1);
    }
}

//! Presence: who of a listener's friends is online and what they are
//! playing right now (the WebSocket's `presence` message).

use serde::{Deserialize, Serialize};

use crate::account::{DisplayName, Username};
use crate::activity::ListeningState;
use crate::catalog::Track;
use crate::time::rfc3339_from_ms;

/// A report older than this means the player stopped reporting (the tab
/// closed or slept): the listener is no longer "playing now". The player
/// sends a heartbeat every 15 s while it plays.
pub const NOW_PLAYING_STALE_MS: u64 = 45_000;

/// What a listener is playing now, as friends see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NowPlaying {
    pub track: Track,
    /// Position in the track when the server sent this (extrapolated from
    /// the last report: clients add the time since they received it).
    pub position_ms: u64,
    /// RFC 3339 time this listen of the track started.
    pub started_at: String,
}

impl NowPlaying {
    /// What a listener in `state` (whose track is `track`) is playing at
    /// `now_ms`: nothing when paused, when the last report is older than
    /// [`NOW_PLAYING_STALE_MS`], or when the position extrapolated from the
    /// last report passes the end of the track. The position is the
    /// reported one plus the time since, never past the track's end.
    pub fn from_state(state: &ListeningState, track: Track, now_ms: u64) -> Option<Self> {
        let since = now_ms.saturating_sub(state.reported_at_ms);
        if state.paused || since > NOW_PLAYING_STALE_MS {
            return None;
        }
        let position_ms = state.position_ms.saturating_add(since);
        if position_ms > track.duration_ms {
            return None;
        }
        Some(Self {
            position_ms: position_ms.min(track.duration_ms),
            started_at: rfc3339_from_ms(state.started_at_ms),
            track,
        })
    }
}

/// A friend's presence: `{"username", "display_name", "online",
/// "now_playing"}`. A private listener (by setting or private session)
/// shows as offline with nothing playing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Presence {
    pub username: Username,
    pub display_name: DisplayName,
    pub online: bool,
    pub now_playing: Option<NowPlaying>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::TrackId;

    const MINUTE: u64 = 60_000;
    const STARTED: u64 = 1_700_000_000_000;

    fn track(duration_ms: u64) -> Track {
        crate::fixtures::track(1, duration_ms)
    }

    /// Reported at `position_ms`, `STARTED + 10 s`.
    fn state(position_ms: u64, paused: bool) -> ListeningState {
        ListeningState {
            track_id: TrackId(1),
            position_ms,
            paused,
            reported_at_ms: STARTED + 10_000,
            started_at_ms: STARTED,
            listened_ms: 10_000,
            played: false,
        }
    }

    #[test]
    fn the_position_moves_on_from_the_last_report() {
        let now = STARTED + 10_000 + 5_000;
        let playing = NowPlaying::from_state(&state(10_000, false), track(3 * MINUTE), now);
        let playing = playing.expect("playing");
        assert_eq!(playing.position_ms, 15_000);
        assert_eq!(playing.started_at, "2023-11-14T22:13:20.000Z");
        assert_eq!(playing.track.id, TrackId(1));
    }

    #[test]
    fn paused_listeners_play_nothing() {
        let now = STARTED + 11_000;
        assert_eq!(
            NowPlaying::from_state(&state(10_000, true), track(3 * MINUTE), now),
            None
        );
    }

    #[test]
    fn a_report_older_than_the_stale_limit_plays_nothing() {
        let reported = STARTED + 10_000;
        let s = state(0, false);
        let long = track(10 * MINUTE);
        assert!(
            NowPlaying::from_state(&s, long.clone(), reported + NOW_PLAYING_STALE_MS).is_some()
        );
        assert_eq!(
            NowPlaying::from_state(&s, long, reported + NOW_PLAYING_STALE_MS + 1),
            None
        );
    }

    #[test]
    fn extrapolation_stops_at_the_end_of_the_track() {
        let reported = STARTED + 10_000;
        let s = state(50_000, false);
        let at_end = NowPlaying::from_state(&s, track(MINUTE), reported + 10_000);
        assert_eq!(at_end.map(|p| p.position_ms), Some(MINUTE));
        assert_eq!(
            NowPlaying::from_state(&s, track(MINUTE), reported + 10_001),
            None,
            "past the end: the track is over"
        );
    }

    #[test]
    fn a_clock_behind_the_report_does_not_move_backwards() {
        let s = state(20_000, false);
        let playing = NowPlaying::from_state(&s, track(MINUTE), STARTED);
        assert_eq!(playing.map(|p| p.position_ms), Some(20_000));
    }
}

//! Presence: who of a listener's friends is online and what they are
//! playing right now (the WebSocket's `presence` message).

use serde::{Deserialize, Serialize};

use crate::account::{DisplayName, Username};
use crate::catalog::Track;

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

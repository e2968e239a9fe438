//! Activity: what listeners do (play, pause, like, befriend) as events with
//! a monotonically increasing id, and the listening rule that turns
//! now-playing reports into recorded plays.

use serde::{Deserialize, Serialize};

use crate::account::PublicUser;
use crate::catalog::{ArtistRef, Track};
use crate::ids::TrackId;

/// What an activity event records. Names are API contracts: extend, never rename.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    NowPlaying,
    Paused,
    Played,
    LikedTrack,
    LikedArtist,
    Friended,
    /// Made a playlist (`playlist` names it).
    CreatedPlaylist,
    /// Added tracks to a playlist: one event for all additions of one
    /// listener to one playlist within [`crate::PLAYLIST_ADDITIONS_BATCH_MS`].
    AddedToPlaylist,
}

impl ActivityKind {
    pub const ALL: [Self; 8] = [
        Self::NowPlaying,
        Self::Paused,
        Self::Played,
        Self::LikedTrack,
        Self::LikedArtist,
        Self::Friended,
        Self::CreatedPlaylist,
        Self::AddedToPlaylist,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::NowPlaying => "now_playing",
            Self::Paused => "paused",
            Self::Played => "played",
            Self::LikedTrack => "liked_track",
            Self::LikedArtist => "liked_artist",
            Self::Friended => "friended",
            Self::CreatedPlaylist => "created_playlist",
            Self::AddedToPlaylist => "added_to_playlist",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One event of the feed (`GET /api/feed`, and the WebSocket's `event`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeedItem {
    pub id: i64,
    /// RFC 3339 time of the event.
    pub at: String,
    pub user: PublicUser,
    pub kind: ActivityKind,
    pub track: Option<Track>,
    pub artist: Option<ArtistRef>,
    /// The new friend, for `friended`.
    pub friend: Option<PublicUser>,
    /// The playlist, for `created_playlist` and `added_to_playlist`.
    #[serde(default)]
    pub playlist: Option<crate::playlist::PlaylistRef>,
}

/// A page of the feed, newest first; `next` is the `before` of the next page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeedPage {
    pub items: Vec<FeedItem>,
    pub next: Option<i64>,
}

/// A track shorter than this never counts as a play.
pub const MIN_PLAYABLE_MS: u64 = 30_000;
/// Listening this long always counts (for tracks of 8 minutes and more).
pub const PLAY_AFTER_MS: u64 = 240_000;
/// A report this long after the previous one starts a new listen.
pub const LISTEN_GAP_MS: u64 = 30 * 60 * 1000;
/// Position may run ahead of the wall clock by this much between reports
/// (report jitter) and still count.
const JITTER_MS: u64 = 2_000;

/// The scrobbling rule listeners know: a track of at least 30 s counts as
/// played once heard for half its length or 4 minutes, whichever is less.
pub fn counts_as_play(track_ms: u64, listened_ms: u64) -> bool {
    track_ms >= MIN_PLAYABLE_MS && listened_ms >= (track_ms / 2).min(PLAY_AFTER_MS)
}

/// A player's report (`POST /api/now-playing`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ListenReport {
    pub track_id: TrackId,
    pub position_ms: u64,
    pub paused: bool,
    /// When the player saw this (Unix ms), for a report sent later (made
    /// offline, sent when the network returned); absent: now. The server
    /// takes times up to [`MAX_REPORT_AGE`] old, never in the future.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_ms: Option<u64>,
}

/// How old a report's own time (`at_ms`) may be: a week offline.
pub const MAX_REPORT_AGE: std::time::Duration = std::time::Duration::from_secs(7 * 24 * 3600);

/// Where a listener is in the current track, as the server keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListeningState {
    pub track_id: TrackId,
    pub position_ms: u64,
    pub paused: bool,
    /// Server time (ms since the epoch) of the last report.
    pub reported_at_ms: u64,
    /// When this listen of the track started (server ms).
    pub started_at_ms: u64,
    /// Time actually heard so far.
    pub listened_ms: u64,
    /// Whether this listen was already recorded as a play.
    pub played: bool,
}

impl ListeningState {
    /// Applies a report made at `now_ms` for a track `track_ms` long: the
    /// new state and the events it causes, in order. A report made before
    /// the last one applied changes nothing: a retried report never counts
    /// twice (one made at the same time adds no listening time either).
    pub fn apply(
        previous: Option<&Self>,
        report: ListenReport,
        now_ms: u64,
        track_ms: u64,
    ) -> (Self, Vec<ActivityKind>) {
        // A report older than the last one applied (a late retry, or one
        // overtaken by a newer one) changes nothing and counts nothing.
        if let Some(p) = previous.filter(|p| now_ms < p.reported_at_ms) {
            return (*p, Vec::new());
        }
        let continuing = previous.filter(|p| {
            p.track_id == report.track_id && now_ms.saturating_sub(p.reported_at_ms) < LISTEN_GAP_MS
        });
        let mut events = Vec::new();
        let mut state = match continuing {
            None => {
                if !report.paused {
                    events.push(ActivityKind::NowPlaying);
                }
                Self {
                    track_id: report.track_id,
                    position_ms: report.position_ms,
                    paused: report.paused,
                    reported_at_ms: now_ms,
                    started_at_ms: now_ms,
                    listened_ms: 0,
                    played: false,
                }
            }
            Some(p) => {
                // Heard since the last report: the wall time, but no more
                // than the position moved (seeking ahead is not listening).
                let heard = if p.paused {
                    0
                } else {
                    let wall = now_ms.saturating_sub(p.reported_at_ms);
                    let moved = report.position_ms.saturating_sub(p.position_ms);
                    wall.min(moved + JITTER_MS)
                };
                match (p.paused, report.paused) {
                    (false, true) => events.push(ActivityKind::Paused),
                    (true, false) => events.push(ActivityKind::NowPlaying),
                    _ => {}
                }
                Self {
                    position_ms: report.position_ms,
                    paused: report.paused,
                    reported_at_ms: now_ms,
                    listened_ms: p.listened_ms + heard,
                    ..*p
                }
            }
        };
        if !state.played && counts_as_play(track_ms, state.listened_ms) {
            state.played = true;
            events.push(ActivityKind::Played);
        }
        (state, events)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRACK: TrackId = TrackId(7);

    fn report(position_ms: u64, paused: bool) -> ListenReport {
        ListenReport {
            track_id: TRACK,
            position_ms,
            paused,
            at_ms: None,
        }
    }

    #[test]
    fn a_retried_or_overtaken_report_counts_nothing_twice() {
        let (s, _) = ListeningState::apply(None, report(0, false), 1_000, 60_000);
        let (s, _) = ListeningState::apply(Some(&s), report(20_000, false), 21_000, 60_000);
        // The same report again (a retry): no time heard, no event.
        let (same, events) = ListeningState::apply(Some(&s), report(20_000, false), 21_000, 60_000);
        assert!(events.is_empty());
        assert_eq!(same.listened_ms, 20_000);
        // An older one arriving late: nothing changes.
        let (late, events) = ListeningState::apply(Some(&s), report(10_000, false), 11_000, 60_000);
        assert!(events.is_empty());
        assert_eq!(late, s);
        // What follows counts from the newest report only.
        let (next, events) =
            ListeningState::apply(Some(&late), report(30_000, false), 31_000, 60_000);
        assert_eq!(events, [ActivityKind::Played]);
        assert_eq!(next.listened_ms, 30_000);
    }

    #[test]
    fn the_play_rule_is_half_or_four_minutes_for_tracks_of_thirty_seconds() {
        assert!(!counts_as_play(29_999, 29_999));
        assert!(counts_as_play(30_000, 15_000));
        assert!(!counts_as_play(60_000, 29_999));
        assert!(counts_as_play(600_000, 240_000));
        assert!(!counts_as_play(600_000, 239_999));
    }

    #[test]
    fn a_listen_starts_with_now_playing_and_becomes_a_play_at_half() {
        let (s, events) = ListeningState::apply(None, report(0, false), 1_000, 60_000);
        assert_eq!(events, [ActivityKind::NowPlaying]);
        let (s, events) = ListeningState::apply(Some(&s), report(20_000, false), 21_000, 60_000);
        assert!(events.is_empty());
        assert_eq!(s.listened_ms, 20_000);
        let (s, events) = ListeningState::apply(Some(&s), report(30_000, false), 31_000, 60_000);
        assert_eq!(events, [ActivityKind::Played]);
        let (_, events) = ListeningState::apply(Some(&s), report(59_000, false), 60_000, 60_000);
        assert!(events.is_empty(), "a listen is recorded once");
    }

    #[test]
    fn seeking_ahead_is_not_listening() {
        let (s, _) = ListeningState::apply(None, report(0, false), 0, 60_000);
        let (s, events) = ListeningState::apply(Some(&s), report(55_000, false), 5_000, 60_000);
        assert!(events.is_empty());
        assert!(s.listened_ms <= 7_000, "{}", s.listened_ms);
    }

    #[test]
    fn paused_time_is_not_listening_and_pauses_are_events() {
        let (s, _) = ListeningState::apply(None, report(0, false), 0, 60_000);
        let (s, events) = ListeningState::apply(Some(&s), report(10_000, true), 10_000, 60_000);
        assert_eq!(events, [ActivityKind::Paused]);
        let (s, events) = ListeningState::apply(Some(&s), report(10_000, false), 500_000, 60_000);
        assert_eq!(events, [ActivityKind::NowPlaying]);
        assert_eq!(s.listened_ms, 10_000);
    }

    #[test]
    fn another_track_starts_a_new_listen() {
        let (s, _) = ListeningState::apply(None, report(0, false), 0, 60_000);
        let other = ListenReport {
            track_id: TrackId(8),
            position_ms: 0,
            paused: false,
            at_ms: None,
        };
        let (s, events) = ListeningState::apply(Some(&s), other, 10_000, 60_000);
        assert_eq!(events, [ActivityKind::NowPlaying]);
        assert_eq!(
            (s.track_id, s.listened_ms, s.started_at_ms),
            (TrackId(8), 0, 10_000)
        );
    }

    #[test]
    fn short_tracks_never_count() {
        let (s, _) = ListeningState::apply(None, report(0, false), 0, 20_000);
        let (_, events) = ListeningState::apply(Some(&s), report(20_000, false), 20_000, 20_000);
        assert!(events.is_empty());
    }

    #[test]
    fn kinds_have_their_api_names() {
        for kind in ActivityKind::ALL {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
            assert_eq!(ActivityKind::parse(kind.as_str()), Some(kind));
        }
    }
}

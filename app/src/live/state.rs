//! What the browser knows of its friends, live, and the pure rules that
//! keep it right: events are kept newest first, each once; presence is one
//! entry per friend, those playing first. Unit-tested here; the socket and
//! the views only call these.
#![cfg_attr(not(feature = "hydrate"), allow(dead_code))]

use chorus_domain::{FeedItem, Presence};

/// Most events kept for the sidebar and the top of the feed page.
pub const MAX_RECENT: usize = 100;

/// A friend's presence and when this browser received it (ms since the
/// epoch), to move their progress bar on between messages.
#[derive(Debug, Clone, PartialEq)]
pub struct FriendNow {
    pub presence: Presence,
    pub received_at_ms: f64,
}

impl FriendNow {
    /// Where the friend is in their track at `now_ms`: the position the
    /// server sent plus the time since, never past the track's end.
    pub fn position_ms(&self, now_ms: f64) -> Option<u64> {
        let playing = self.presence.now_playing.as_ref()?;
        let elapsed = (now_ms - self.received_at_ms).max(0.0) as u64;
        Some((playing.position_ms + elapsed).min(playing.track.duration_ms))
    }
}

/// Adds a live event on top if it is newer than everything kept (a replay
/// after a reconnect may repeat one). Returns whether it was added.
pub fn add_event(recent: &mut Vec<FeedItem>, event: FeedItem) -> bool {
    if recent.first().is_some_and(|newest| newest.id >= event.id) {
        return false;
    }
    recent.insert(0, event);
    recent.truncate(MAX_RECENT);
    true
}

/// The newest event id kept: where a resume starts from.
pub fn newest_id(recent: &[FeedItem]) -> i64 {
    recent.first().map_or(0, |e| e.id)
}

/// Replaces `presence`'s friend's entry; friends neither online nor playing
/// are dropped. Kept in display order: playing first, then online, then by
/// name.
pub fn set_presence(friends: &mut Vec<FriendNow>, presence: Presence, now_ms: f64) {
    friends.retain(|f| f.presence.username != presence.username);
    if presence.online || presence.now_playing.is_some() {
        friends.push(FriendNow {
            presence,
            received_at_ms: now_ms,
        });
    }
    friends.sort_by(|a, b| {
        let key = |f: &FriendNow| {
            (
                f.presence.now_playing.is_none(),
                !f.presence.online,
                f.presence.display_name.as_str().to_lowercase(),
            )
        };
        key(a).cmp(&key(b))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use chorus_domain::{ActivityKind, DisplayName, NowPlaying, PublicUser, Track, Username};

    fn user(name: &str) -> PublicUser {
        PublicUser {
            username: Username::parse(name).unwrap(),
            display_name: DisplayName::parse(name).unwrap(),
        }
    }

    fn track(duration_ms: u64) -> Track {
        chorus_domain::fixtures::track(1, duration_ms)
    }

    fn event(id: i64) -> FeedItem {
        FeedItem {
            id,
            at: "2026-11-27T00:00:00Z".into(),
            user: user("ada"),
            kind: ActivityKind::Played,
            track: None,
            artist: None,
            friend: None,
            playlist: None,
        }
    }

    fn presence(name: &str, online: bool, playing: Option<u64>) -> Presence {
        let user = user(name);
        Presence {
            username: user.username,
            display_name: user.display_name,
            online,
            now_playing: playing.map(|position_ms| NowPlaying {
                track: track(60_000),
                position_ms,
                started_at: "2026-11-27T00:00:00Z".into(),
            }),
        }
    }

    #[test]
    fn events_are_kept_newest_first_and_once() {
        let mut recent = Vec::new();
        assert!(add_event(&mut recent, event(3)));
        assert!(add_event(&mut recent, event(5)));
        assert!(!add_event(&mut recent, event(5)), "a replayed event");
        assert!(!add_event(&mut recent, event(4)), "an older event");
        assert_eq!(recent.iter().map(|e| e.id).collect::<Vec<_>>(), [5, 3]);
        assert_eq!(newest_id(&recent), 5);
        assert_eq!(newest_id(&[]), 0);
    }

    #[test]
    fn recent_events_are_bounded() {
        let mut recent = Vec::new();
        for id in 1..=(MAX_RECENT as i64 + 10) {
            add_event(&mut recent, event(id));
        }
        assert_eq!(recent.len(), MAX_RECENT);
        assert_eq!(recent[0].id, MAX_RECENT as i64 + 10);
    }

    #[test]
    fn presence_orders_playing_then_online_and_drops_the_gone() {
        let mut friends = Vec::new();
        set_presence(&mut friends, presence("zed", true, None), 0.0);
        set_presence(&mut friends, presence("bob", true, None), 0.0);
        set_presence(&mut friends, presence("yan", true, Some(1_000)), 0.0);
        let names = |f: &[FriendNow]| {
            f.iter()
                .map(|f| f.presence.username.as_str().to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&friends), ["yan", "bob", "zed"]);
        set_presence(&mut friends, presence("bob", false, None), 0.0);
        assert_eq!(names(&friends), ["yan", "zed"]);
    }

    #[test]
    fn a_friends_position_moves_on_with_the_clock_up_to_the_end() {
        let mut friends = Vec::new();
        set_presence(&mut friends, presence("ada", true, Some(10_000)), 1_000.0);
        let ada = &friends[0];
        assert_eq!(ada.position_ms(1_000.0), Some(10_000));
        assert_eq!(ada.position_ms(6_000.0), Some(15_000));
        assert_eq!(ada.position_ms(999_999.0), Some(60_000));
        assert_eq!(
            ada.position_ms(0.0),
            Some(10_000),
            "clock skew never rewinds"
        );
    }
}

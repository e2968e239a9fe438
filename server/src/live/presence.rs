//! What one feed socket has told its client about each friend's presence,
//! so it sends only changes. The client moves a playing friend's position
//! on by itself, so a position that moved on as the clock did is no change;
//! a seek, a pause, another track, going on- or offline is.

use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::time::Duration;

use chorus_domain::{Presence, TrackId, UserId, NOW_PLAYING_STALE_MS};
use chorus_storage::FriendPresence;
use tokio::time::Instant;

/// A position this far from where the client's extrapolation has it is a
/// seek worth telling (reports arrive with network jitter).
const DRIFT_MS: u64 = 2_000;

/// A friend's presence as sent: online only when connected somewhere and
/// not private.
pub fn compose(stored: FriendPresence) -> Presence {
    Presence {
        username: stored.user.username,
        display_name: stored.user.display_name,
        online: stored.online && !stored.private,
        now_playing: if stored.private {
            None
        } else {
            stored.now_playing
        },
    }
}

/// What the client was told of a friend's listen: enough to tell a change
/// from the clock moving on. Boxed in [`Told`], so a friend who plays
/// nothing costs a few bytes (a socket keeps one per friend online).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Listen {
    track: TrackId,
    duration_ms: u64,
    /// A fingerprint of when the listen started (a new listen of the same
    /// track is a change).
    started: u64,
    position_ms: u64,
    /// When it was sent (the client extrapolates from then).
    sent: Instant,
    /// When it was last confirmed by a read.
    checked: Instant,
}

impl Listen {
    /// Whether a client told `self` shows `now` already, at `at`.
    fn shows(&self, now: &Listen, at: Instant) -> bool {
        let elapsed = at.saturating_duration_since(self.sent);
        let expected = self
            .position_ms
            .saturating_add(u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX))
            .min(self.duration_ms);
        self.track == now.track
            && self.started == now.started
            && expected.abs_diff(now.position_ms) <= DRIFT_MS
    }
}

/// The presence a client has for one friend, compact.
struct Told {
    online: bool,
    /// A fingerprint of the username and display name.
    names: u32,
    listen: Option<Box<Listen>>,
}

fn fingerprint(parts: &[&str]) -> u64 {
    let mut hasher = DefaultHasher::new();
    parts.hash(&mut hasher);
    hasher.finish()
}

impl Told {
    fn of(presence: &Presence, now: Instant) -> Self {
        let names = fingerprint(&[presence.username.as_str(), presence.display_name.as_str()]);
        Self {
            online: presence.online,
            // Half the bits tell a rename just as well.
            names: names as u32,
            listen: presence.now_playing.as_ref().map(|playing| {
                Box::new(Listen {
                    track: playing.track.id,
                    duration_ms: playing.track.duration_ms,
                    started: fingerprint(&[&playing.started_at]),
                    position_ms: playing.position_ms,
                    sent: now,
                    checked: now,
                })
            }),
        }
    }

    /// Whether the client, told `self`, shows `now` already at `at`.
    fn shows(&self, now: &Told, at: Instant) -> bool {
        self.online == now.online
            && self.names == now.names
            && match (&self.listen, &now.listen) {
                (None, None) => true,
                (Some(a), Some(b)) => a.shows(b, at),
                _ => false,
            }
    }
}

/// Per friend, what the client was told. A friend never told about is, for
/// the client, offline with nothing playing.
#[derive(Default)]
pub struct PresenceView {
    told: HashMap<UserId, Told>,
}

impl PresenceView {
    /// Takes `friend`'s presence read at `now`; whether the client must be
    /// told. A friend offline with nothing playing is what the client
    /// shows by default, so nothing is kept for them.
    pub fn update(&mut self, friend: UserId, presence: &Presence, now: Instant) -> bool {
        let fresh = Told::of(presence, now);
        let blank = !fresh.online && fresh.listen.is_none();
        match self.told.get_mut(&friend) {
            Some(told) if told.shows(&fresh, now) => {
                if let Some(listen) = told.listen.as_mut() {
                    listen.checked = now;
                }
                false
            }
            None if blank => false,
            _ => {
                if blank {
                    self.told.remove(&friend);
                } else {
                    self.told.insert(friend, fresh);
                }
                true
            }
        }
    }

    /// Forgets someone who is no longer a friend; whether the client shows
    /// them online or playing (then it gets a last word: offline, nothing
    /// playing).
    pub fn forget(&mut self, friend: UserId) -> bool {
        self.told.remove(&friend).is_some()
    }

    /// Friends told to be playing whose track has ended by `now`, or whose
    /// last report may have gone stale (no read since): read them again.
    pub fn due(&self, now: Instant) -> Vec<UserId> {
        let stale = Duration::from_millis(NOW_PLAYING_STALE_MS);
        self.told
            .iter()
            .filter(|(_, told)| {
                told.listen.as_ref().is_some_and(|listen| {
                    let left = listen.duration_ms.saturating_sub(listen.position_ms);
                    let ends = listen.sent + Duration::from_millis(left);
                    now >= ends.min(listen.checked + stale)
                })
            })
            .map(|(id, _)| *id)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chorus_domain::{DisplayName, NowPlaying, Username};

    const BOB: UserId = UserId(2);

    fn presence(online: bool, position_ms: Option<u64>) -> Presence {
        Presence {
            username: Username::parse("bob").unwrap(),
            display_name: DisplayName::parse("Bob").unwrap(),
            online,
            now_playing: position_ms.map(|position_ms| NowPlaying {
                track: chorus_domain::fixtures::track(1, 180_000),
                position_ms,
                started_at: "2026-11-27T19:00:00.000Z".into(),
            }),
        }
    }

    #[test]
    fn friends_offline_and_idle_are_not_announced() {
        let mut view = PresenceView::default();
        let now = Instant::now();
        assert!(!view.update(BOB, &presence(false, None), now));
        assert!(view.update(BOB, &presence(true, None), now));
        assert!(!view.update(BOB, &presence(true, None), now), "once");
        assert!(view.update(BOB, &presence(false, None), now), "gone");
        assert!(!view.forget(BOB), "nothing kept for an offline friend");
    }

    #[test]
    fn a_position_moving_with_the_clock_is_no_change_but_a_seek_is() {
        let mut view = PresenceView::default();
        let start = Instant::now();
        assert!(view.update(BOB, &presence(true, Some(0)), start));
        let later = start + Duration::from_secs(15);
        assert!(!view.update(BOB, &presence(true, Some(15_300)), later));
        assert!(view.update(BOB, &presence(true, Some(90_000)), later));
        assert!(view.update(BOB, &presence(true, None), later), "paused");
    }

    #[test]
    fn a_playing_friend_is_read_again_when_the_report_may_be_stale_or_the_track_over() {
        let mut view = PresenceView::default();
        let start = Instant::now();
        view.update(BOB, &presence(false, Some(0)), start);
        assert!(view.due(start + Duration::from_secs(44)).is_empty());
        assert_eq!(view.due(start + Duration::from_secs(45)), [BOB]);
        // A read confirming it postpones the staleness check.
        let checked = start + Duration::from_secs(30);
        view.update(BOB, &presence(false, Some(30_000)), checked);
        assert!(view.due(start + Duration::from_secs(60)).is_empty());

        view.update(BOB, &presence(false, Some(179_000)), start);
        assert_eq!(
            view.due(start + Duration::from_secs(1)),
            [BOB],
            "the track is over"
        );
    }

    #[test]
    fn a_friend_removed_gets_one_last_offline_word() {
        let mut view = PresenceView::default();
        let now = Instant::now();
        view.update(BOB, &presence(true, Some(0)), now);
        assert!(view.forget(BOB));
        assert!(!view.forget(BOB));
    }
}

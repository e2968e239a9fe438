//! What the listener did while Chorus could not be reached: listening
//! reports and likes, kept in order and sent when the network returns.
//!
//! [`Outbox`] is the queue as plain data (unit-tested natively); the
//! browser half ([`browser`]) keeps it in `localStorage`, sends it in order
//! and starts again when the browser says it is back `online`. Every
//! listening report goes through it with the time it was made (`at_ms`), so
//! plays made offline count when they happened; the server counts a report
//! it has already applied only once, so a report sent twice (the page closed
//! mid-send) costs nothing.

#[cfg(feature = "hydrate")]
pub(crate) mod browser;

use chorus_domain::ListenReport;
use serde::{Deserialize, Serialize};

use crate::social::likes::Likeable;

/// One thing to tell the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Pending {
    /// `POST /api/now-playing`, with `at_ms` set.
    Listen { report: ListenReport },
    /// A like (or unlike) of a track or artist.
    Like { what: Likeable, liked: bool },
}

/// An entry and its number, so the sender removes exactly what it sent even
/// when more was queued meanwhile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub id: u64,
    pub pending: Pending,
}

/// Queued entries, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outbox {
    entries: Vec<Entry>,
    next_id: u64,
}

/// At most this many entries are kept (about 40 hours of playing at one
/// report every 15 s); beyond it the oldest reports go first, since the
/// server refuses reports older than a week anyway.
pub const MAX_ENTRIES: usize = 10_000;

impl Outbox {
    /// Queues `pending`. A like replaces a queued like of the same thing
    /// (liking then unliking offline sends only the unlike).
    pub fn push(&mut self, pending: Pending) {
        if let Pending::Like { what, .. } = &pending {
            let what = *what;
            self.entries
                .retain(|e| !matches!(e.pending, Pending::Like { what: w, .. } if w == what));
        }
        if self.entries.len() >= MAX_ENTRIES {
            self.entries.remove(0);
        }
        self.entries.push(Entry {
            id: self.next_id,
            pending,
        });
        self.next_id += 1;
    }

    /// The oldest entry, to send next.
    pub fn first(&self) -> Option<&Entry> {
        self.entries.first()
    }

    /// Removes the entry numbered `id` (sent, or refused for good).
    pub fn remove(&mut self, id: u64) {
        self.entries.retain(|e| e.id != id);
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use chorus_domain::{ArtistId, TrackId};

    use super::*;

    fn listen(track: i64, at_ms: u64) -> Pending {
        Pending::Listen {
            report: ListenReport {
                track_id: TrackId(track),
                position_ms: 0,
                paused: false,
                at_ms: Some(at_ms),
            },
        }
    }

    #[test]
    fn entries_leave_in_the_order_they_came_and_only_when_removed() {
        let mut outbox = Outbox::default();
        outbox.push(listen(1, 10));
        outbox.push(listen(2, 20));
        let first = outbox.first().cloned().unwrap();
        assert_eq!(first.pending, listen(1, 10));
        // More arrives while the first is being sent.
        outbox.push(listen(3, 30));
        outbox.remove(first.id);
        assert_eq!(outbox.first().unwrap().pending, listen(2, 20));
        assert_eq!(outbox.len(), 2);
        // Removing what is gone already changes nothing.
        outbox.remove(first.id);
        assert_eq!(outbox.len(), 2);
    }

    #[test]
    fn a_later_like_of_the_same_thing_replaces_the_queued_one() {
        let mut outbox = Outbox::default();
        let song = Likeable::Track(TrackId(7));
        outbox.push(Pending::Like {
            what: song,
            liked: true,
        });
        outbox.push(listen(1, 10));
        outbox.push(Pending::Like {
            what: Likeable::Artist(ArtistId(7)),
            liked: true,
        });
        outbox.push(Pending::Like {
            what: song,
            liked: false,
        });
        let kinds: Vec<_> = std::iter::from_fn(|| {
            let entry = outbox.first()?.clone();
            outbox.remove(entry.id);
            Some(entry.pending)
        })
        .collect();
        assert!(outbox.is_empty());
        assert_eq!(
            kinds,
            vec![
                listen(1, 10),
                Pending::Like {
                    what: Likeable::Artist(ArtistId(7)),
                    liked: true
                },
                Pending::Like {
                    what: song,
                    liked: false
                },
            ]
        );
    }

    #[test]
    fn a_full_outbox_drops_its_oldest_entry() {
        let mut outbox = Outbox::default();
        for i in 0..=MAX_ENTRIES as u64 {
            outbox.push(listen(1, i));
        }
        assert_eq!(outbox.len(), MAX_ENTRIES);
        assert_eq!(outbox.first().unwrap().pending, listen(1, 1));
    }

    #[test]
    fn it_survives_a_round_trip_through_json() {
        let mut outbox = Outbox::default();
        outbox.push(listen(1, 10));
        outbox.push(Pending::Like {
            what: Likeable::Track(TrackId(2)),
            liked: true,
        });
        let json = serde_json::to_string(&outbox).unwrap();
        assert_eq!(serde_json::from_str::<Outbox>(&json).unwrap(), outbox);
    }
}

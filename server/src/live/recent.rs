//! The instance's log of recent shareable events: read from the activity
//! table once per hint by the hub, already encoded as the socket's `event`
//! message, each with its audience — its listener's friends, read after the
//! event was committed — so a connection takes exactly the events its
//! listener may see. A connection whose cursor is older than the log reads
//! the table instead.

use std::collections::VecDeque;
use std::sync::{PoisonError, RwLock};

use axum::extract::ws::Utf8Bytes;
use chorus_domain::UserId;

/// Events kept; at a few hundred events a second this is many seconds of
/// activity, far more than a hint takes to reach a connection.
const CAPACITY: usize = 4096;

/// Who may see an event: its listener's friends, sorted.
pub type Audience = std::sync::Arc<[UserId]>;

/// One event, ready to send.
struct Logged {
    id: i64,
    audience: Audience,
    message: Utf8Bytes,
}

struct Log {
    /// Every shareable event with an id in `(from, to]` is in `events`.
    from: i64,
    to: i64,
    events: VecDeque<Logged>,
}

/// What the log can tell a connection about the events after its cursor.
pub enum Since {
    /// What its listener may see, in order, and the id it is now up to.
    Events { messages: Vec<Utf8Bytes>, to: i64 },
    /// More than the bound asked for: resync.
    TooMany,
    /// The cursor is older than the log: read the table.
    Older,
}

pub struct RecentEvents {
    log: RwLock<Log>,
}

impl RecentEvents {
    /// An empty log covering everything up to `latest`.
    pub fn starting_at(latest: i64) -> Self {
        Self {
            log: RwLock::new(Log {
                from: latest,
                to: latest,
                events: VecDeque::with_capacity(CAPACITY),
            }),
        }
    }

    /// Where the log is complete up to (read the table after it).
    pub fn to(&self) -> i64 {
        self.log.read().unwrap_or_else(PoisonError::into_inner).to
    }

    /// Appends events read after [`Self::to`], oldest first, and records
    /// that everything up to `to` has been read.
    pub fn append(&self, events: impl IntoIterator<Item = (i64, Audience, Utf8Bytes)>, to: i64) {
        let mut log = self.log.write().unwrap_or_else(PoisonError::into_inner);
        for (id, audience, message) in events {
            if id <= log.to {
                continue;
            }
            if log.events.len() == CAPACITY {
                if let Some(oldest) = log.events.pop_front() {
                    log.from = oldest.id;
                }
            }
            log.events.push_back(Logged {
                id,
                audience,
                message,
            });
            log.to = id;
        }
        log.to = log.to.max(to);
    }

    /// Forgets everything and covers up to `latest` from now on (after
    /// more events than the log holds arrived at once).
    pub fn restart_at(&self, latest: i64) {
        let mut log = self.log.write().unwrap_or_else(PoisonError::into_inner);
        log.events.clear();
        log.from = latest;
        log.to = latest;
    }

    /// The events `viewer` may see after `cursor`, at most `max`.
    pub fn since(&self, cursor: i64, viewer: UserId, max: usize) -> Since {
        let log = self.log.read().unwrap_or_else(PoisonError::into_inner);
        if cursor < log.from {
            return Since::Older;
        }
        let start = log.events.partition_point(|e| e.id <= cursor);
        let mut messages = Vec::new();
        for event in log.events.range(start..) {
            if event.audience.binary_search(&viewer).is_ok() {
                if messages.len() == max {
                    return Since::TooMany;
                }
                messages.push(event.message.clone());
            }
        }
        Since::Events {
            messages,
            to: log.to.max(cursor),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ADA: UserId = UserId(1);
    const BOB: UserId = UserId(2);

    fn event(id: i64, audience: &[UserId]) -> (i64, Audience, Utf8Bytes) {
        (id, audience.into(), Utf8Bytes::from(format!("event {id}")))
    }

    fn texts(since: Since) -> (Vec<String>, i64) {
        match since {
            Since::Events { messages, to } => {
                (messages.iter().map(|m| m.as_str().to_owned()).collect(), to)
            }
            Since::TooMany => panic!("too many"),
            Since::Older => panic!("older"),
        }
    }

    #[test]
    fn a_connection_gets_what_its_listener_may_see_after_its_cursor_in_order() {
        let log = RecentEvents::starting_at(10);
        log.append(
            [event(11, &[ADA]), event(12, &[BOB]), event(14, &[ADA, BOB])],
            15,
        );
        assert_eq!(
            texts(log.since(10, ADA, 10)),
            (vec!["event 11".into(), "event 14".into()], 15)
        );
        assert_eq!(texts(log.since(11, ADA, 10)).0, ["event 14"]);
        assert_eq!(
            texts(log.since(20, ADA, 10)),
            (vec![], 20),
            "a cursor ahead of the log stays"
        );
        assert!(matches!(log.since(9, ADA, 10), Since::Older));
        assert!(matches!(log.since(10, ADA, 1), Since::TooMany));
    }

    #[test]
    fn events_already_logged_are_not_logged_twice() {
        let log = RecentEvents::starting_at(0);
        log.append([event(1, &[ADA]), event(2, &[ADA])], 2);
        log.append([event(2, &[ADA]), event(3, &[ADA])], 3);
        let all = texts(log.since(0, ADA, 10)).0;
        assert_eq!(all, ["event 1", "event 2", "event 3"]);
    }

    #[test]
    fn when_full_the_oldest_go_and_older_cursors_read_the_table() {
        let log = RecentEvents::starting_at(0);
        let many = (1..=CAPACITY as i64 + 2).map(|id| event(id, &[ADA]));
        log.append(many, 0);
        assert!(matches!(log.since(1, ADA, usize::MAX), Since::Older));
        let (kept, to) = texts(log.since(2, ADA, usize::MAX));
        assert_eq!((kept.len(), to), (CAPACITY, CAPACITY as i64 + 2));

        log.restart_at(5_000);
        assert!(matches!(log.since(4_999, ADA, 10), Since::Older));
        assert_eq!(texts(log.since(5_000, ADA, 10)), (vec![], 5_000));
    }
}

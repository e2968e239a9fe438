//! Receivers: one task per socket reads every message, takes the time of
//! receipt first, and classifies it; a collector task turns the
//! classifications into a latency histogram and counts.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use futures_util::StreamExt;
use hdrhistogram::Histogram;
use serde::Deserialize;
use tokio::sync::{mpsc, oneshot};
use tokio::time::Instant;
use tokio_tungstenite::tungstenite::Message;

use crate::publish::{Kind, Ledger};
use crate::report::latency_histogram;
use crate::ws::Socket;

/// What a socket received.
#[derive(Debug)]
pub enum Delivery {
    /// The event of a report, this long after the report was sent (µs).
    Matched {
        latency_us: u64,
        at: Instant,
    },
    /// An event from a publisher that is not the one its order names
    /// (wrong kind or track): a lost, duplicated or reordered event.
    Mismatched,
    /// An event no report explains (not from a publisher, or more events
    /// than reports).
    Unexpected,
    /// An event from a user who is not this socket's friend.
    Stranger,
    Presence,
    Resync,
    /// Any other text message (`error`, unknown types).
    Other,
    /// The socket ended.
    Closed,
}

#[derive(Deserialize)]
struct Incoming {
    #[serde(rename = "type")]
    kind: String,
    event: Option<Event>,
}

#[derive(Deserialize)]
struct Event {
    user: User,
    kind: String,
    track: Option<Track>,
}

#[derive(Deserialize)]
struct User {
    username: String,
}

#[derive(Deserialize)]
struct Track {
    id: i64,
}

/// Who a socket belongs to, to check that it only hears its friends.
pub struct Listener {
    /// 0-based user number on the ring.
    pub user: usize,
    pub users: usize,
    pub half_friends: usize,
    /// User number of each publisher.
    pub publisher_users: Arc<Vec<usize>>,
}

impl Listener {
    fn is_friend(&self, publisher: usize) -> bool {
        let Some(&other) = self.publisher_users.get(publisher) else {
            return false;
        };
        let d = self.user.abs_diff(other);
        let d = d.min(self.users - d);
        d >= 1 && d <= self.half_friends
    }
}

/// Reads a socket until it ends.
pub async fn listen(
    mut socket: Socket,
    me: Listener,
    ledger: Arc<Ledger>,
    out: mpsc::UnboundedSender<Delivery>,
) {
    let mut seen: HashMap<usize, usize> = HashMap::new();
    while let Some(message) = socket.next().await {
        let at = Instant::now();
        let delivery = match message {
            Ok(Message::Text(text)) => classify(&text, at, &me, &ledger, &mut seen),
            Ok(Message::Close(_)) | Err(_) => break,
            Ok(_) => continue,
        };
        let _ = out.send(delivery);
    }
    let _ = out.send(Delivery::Closed);
}

fn classify(
    text: &str,
    at: Instant,
    me: &Listener,
    ledger: &Ledger,
    seen: &mut HashMap<usize, usize>,
) -> Delivery {
    let Ok(message) = serde_json::from_str::<Incoming>(text) else {
        return Delivery::Other;
    };
    match (message.kind.as_str(), message.event) {
        ("event", Some(event)) => {
            let Some(publisher) = ledger.publisher(&event.user.username) else {
                return Delivery::Unexpected;
            };
            if !me.is_friend(publisher) {
                return Delivery::Stranger;
            }
            let n = seen.entry(publisher).or_default();
            let sent = ledger.get(publisher, *n);
            *n += 1;
            match sent {
                Some(sent)
                    if Kind::parse(&event.kind) == Some(sent.kind)
                        && event.track.map(|t| t.id) == Some(sent.track) =>
                {
                    let latency = at.saturating_duration_since(sent.at);
                    Delivery::Matched {
                        latency_us: u64::try_from(latency.as_micros())
                            .unwrap_or(u64::MAX)
                            .max(1),
                        at,
                    }
                }
                Some(_) => Delivery::Mismatched,
                None => Delivery::Unexpected,
            }
        }
        ("presence", _) => Delivery::Presence,
        ("resync", _) => Delivery::Resync,
        _ => Delivery::Other,
    }
}

/// Everything the receivers saw.
pub struct Collected {
    pub latency: Histogram<u64>,
    pub last_receipt: Option<Instant>,
    pub mismatched: u64,
    pub unexpected: u64,
    pub strangers: u64,
    pub presence: u64,
    pub resync: u64,
    pub other: u64,
    pub closed: u64,
}

/// Collects deliveries until `stop` (then takes what is queued); `matched`
/// counts live.
pub async fn collect(
    mut deliveries: mpsc::UnboundedReceiver<Delivery>,
    matched: Arc<AtomicU64>,
    mut stop: oneshot::Receiver<()>,
) -> anyhow::Result<Collected> {
    let mut c = Collected {
        latency: latency_histogram()?,
        last_receipt: None,
        mismatched: 0,
        unexpected: 0,
        strangers: 0,
        presence: 0,
        resync: 0,
        other: 0,
        closed: 0,
    };
    loop {
        let delivery = tokio::select! {
            biased;
            delivery = deliveries.recv() => delivery,
            _ = &mut stop => deliveries.try_recv().ok(),
        };
        let Some(delivery) = delivery else {
            return Ok(c);
        };
        match delivery {
            Delivery::Matched { latency_us, at } => {
                c.latency.saturating_record(latency_us);
                c.last_receipt = Some(c.last_receipt.map_or(at, |last| last.max(at)));
                matched.fetch_add(1, Ordering::Relaxed);
            }
            Delivery::Mismatched => c.mismatched += 1,
            Delivery::Unexpected => c.unexpected += 1,
            Delivery::Stranger => c.strangers += 1,
            Delivery::Presence => c.presence += 1,
            Delivery::Resync => c.resync += 1,
            Delivery::Other => c.other += 1,
            Delivery::Closed => c.closed += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listener(user: usize) -> Listener {
        Listener {
            user,
            users: 100,
            half_friends: 2,
            publisher_users: Arc::new(vec![0, 50]),
        }
    }

    #[test]
    fn friends_are_the_nearest_on_the_ring() {
        assert!(listener(1).is_friend(0));
        assert!(listener(98).is_friend(0));
        assert!(!listener(3).is_friend(0));
        assert!(!listener(0).is_friend(0));
        assert!(listener(52).is_friend(1));
    }

    #[test]
    fn events_are_matched_in_order_by_kind_and_track() {
        let ledger = Ledger::new(&["load00001".to_owned()]);
        let mut seen = HashMap::new();
        let event = |kind: &str, track: i64| {
            format!(
                r#"{{"type":"event","event":{{"id":1,"user":{{"username":"load00001"}},"kind":"{kind}","track":{{"id":{track}}}}}}}"#
            )
        };
        let now = Instant::now();
        let me = listener(1);
        assert!(matches!(
            classify(&event("now_playing", 1), now, &me, &ledger, &mut seen),
            Delivery::Unexpected
        ));
        ledger.push(
            0,
            crate::publish::Sent {
                at: now,
                kind: Kind::NowPlaying,
                track: 7,
            },
        );
        ledger.push(
            0,
            crate::publish::Sent {
                at: now,
                kind: Kind::Paused,
                track: 7,
            },
        );
        let mut seen = HashMap::new();
        assert!(matches!(
            classify(&event("now_playing", 7), now, &me, &ledger, &mut seen),
            Delivery::Matched { .. }
        ));
        assert!(matches!(
            classify(&event("now_playing", 7), now, &me, &ledger, &mut seen),
            Delivery::Mismatched
        ));
        assert!(matches!(
            classify(&event("paused", 7), now, &listener(10), &ledger, &mut seen),
            Delivery::Stranger
        ));
        assert!(matches!(
            classify(
                r#"{"type":"presence","username":"x"}"#,
                now,
                &me,
                &ledger,
                &mut seen
            ),
            Delivery::Presence
        ));
        assert!(matches!(
            classify(r#"{"type":"resync"}"#, now, &me, &ledger, &mut seen),
            Delivery::Resync
        ));
    }
}

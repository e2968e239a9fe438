//! Publishers: users that send now-playing reports at a fixed total rate,
//! each waiting for its previous report to complete. Every report records
//! exactly one event: the reports go play track A, pause A, play B, pause B
//! … (a new track starts a new listen — `now_playing` — and pausing a
//! playing track is `paused`), and no listen lasts long enough to become a
//! `played`. The [`Ledger`] keeps when each report was sent, for the
//! receivers to match.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use anyhow::bail;
use hdrhistogram::Histogram;
use reqwest::header::{COOKIE, ORIGIN};
use reqwest::StatusCode;
use tokio::time::Instant;

use crate::report::latency_histogram;

/// One report as sent: the event it must cause.
#[derive(Debug, Clone, Copy)]
pub struct Sent {
    /// Just before the request was sent.
    pub at: Instant,
    pub kind: Kind,
    pub track: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    NowPlaying,
    Paused,
}

impl Kind {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "now_playing" => Some(Self::NowPlaying),
            "paused" => Some(Self::Paused),
            _ => None,
        }
    }
}

/// The reports of every publisher in order; a receiver's n-th event from a
/// publisher is its n-th successful report (the server sends each
/// friend's events in order, each once).
pub struct Ledger {
    by_name: HashMap<String, usize>,
    sent: Vec<Mutex<Vec<Sent>>>,
}

impl Ledger {
    pub fn new(names: &[String]) -> Self {
        Self {
            by_name: names.iter().cloned().zip(0..).collect(),
            sent: names.iter().map(|_| Mutex::new(Vec::new())).collect(),
        }
    }

    /// The publisher number of a username.
    pub fn publisher(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }

    pub fn get(&self, publisher: usize, n: usize) -> Option<Sent> {
        let sent = self.sent.get(publisher)?;
        let sent = sent.lock().unwrap_or_else(PoisonError::into_inner);
        sent.get(n).copied()
    }

    pub fn push(&self, publisher: usize, report: Sent) {
        if let Some(sent) = self.sent.get(publisher) {
            sent.lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(report);
        }
    }

    /// Forgets the last report (it failed: no event).
    pub fn pop(&self, publisher: usize) {
        if let Some(sent) = self.sent.get(publisher) {
            sent.lock().unwrap_or_else(PoisonError::into_inner).pop();
        }
    }
}

/// What one publisher did.
pub struct Published {
    pub publisher: usize,
    pub ok: u64,
    pub failed: u64,
    /// Reports sent later than their slot (the previous one was still running).
    pub late: u64,
    /// Time of `POST /api/now-playing` itself, µs.
    pub post_latency: Histogram<u64>,
}

/// A publisher's schedule and identity.
pub struct Publisher {
    pub number: usize,
    pub cookie: String,
    /// When its first report is due.
    pub start: Instant,
    pub period: Duration,
    pub until: Instant,
}

/// HTTP side shared by publishers.
pub struct Api {
    pub client: reqwest::Client,
    pub url: String,
    pub origin: String,
    /// Tracks to cycle through (at least two).
    pub tracks: Vec<i64>,
}

impl Api {
    pub async fn report(
        &self,
        cookie: &str,
        track: i64,
        paused: bool,
    ) -> anyhow::Result<StatusCode> {
        let body = serde_json::json!({ "track_id": track, "position_ms": 0, "paused": paused });
        let response = self
            .client
            .post(&self.url)
            .header(COOKIE, cookie)
            .header(ORIGIN, &self.origin)
            .json(&body)
            .send()
            .await?;
        Ok(response.status())
    }
}

/// Runs one publisher until its deadline.
pub async fn run(api: Arc<Api>, ledger: Arc<Ledger>, me: Publisher) -> anyhow::Result<Published> {
    if api.tracks.len() < 2 {
        bail!("need at least two tracks to cycle through");
    }
    let mut done = Published {
        publisher: me.number,
        ok: 0,
        failed: 0,
        late: 0,
        post_latency: latency_histogram()?,
    };
    let mut due = me.start;
    let mut k = 0usize;
    while due < me.until {
        if Instant::now() > due + Duration::from_millis(5) {
            done.late += 1;
        }
        tokio::time::sleep_until(due).await;
        let track = api.tracks[(k / 2) % api.tracks.len()];
        let paused = k % 2 == 1;
        let kind = if paused {
            Kind::Paused
        } else {
            Kind::NowPlaying
        };
        let at = Instant::now();
        ledger.push(me.number, Sent { at, kind, track });
        match api.report(&me.cookie, track, paused).await {
            Ok(StatusCode::NO_CONTENT) => {
                done.ok += 1;
                k += 1;
            }
            Ok(status) => {
                ledger.pop(me.number);
                done.failed += 1;
                eprintln!("report failed: {status}");
            }
            Err(e) => {
                ledger.pop(me.number);
                done.failed += 1;
                eprintln!("report failed: {e:#}");
            }
        }
        let took = at.elapsed();
        done.post_latency
            .record(u64::try_from(took.as_micros()).unwrap_or(u64::MAX).max(1))?;
        due += me.period;
    }
    Ok(done)
}

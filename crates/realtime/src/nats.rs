//! Cross-instance fan-out over NATS core pub/sub: every instance publishes
//! its hints on one subject and hands every other instance's hints to its
//! own live hub.
//!
//! Use [`NatsFanout::connect`] when `CHORUS_BUS_URL` is `nats://…`. Hints
//! reach this instance's hub at once (never through the bus), and travel
//! to the others in small batches. NATS core is at-most-once: a hint lost
//! while the bus is down or a subscriber is slow only delays what it names,
//! because the activity table is the source of truth. When the connection
//! to NATS comes back, the hub is handed [`Hint::Resync`] and every
//! connection reads what it may have missed.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use async_nats::{Client, ConnectOptions, Event};
use chorus_domain::{Clock, SystemClock};
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use tokio::sync::{broadcast, mpsc};

use crate::fanout::{Fanout, Hint, HINT_BACKLOG};

/// Hints waiting to go out on the bus before new ones are dropped (the
/// bus is down or slower than the writers; the table repairs it).
const OUTBOX: usize = 65_536;
/// Hints sent in one bus message at most.
const BATCH: usize = 512;

/// One bus message: who sent it, when, and the hints.
#[derive(Serialize, Deserialize)]
struct Envelope {
    from: u64,
    sent_ms: u64,
    hints: Vec<Hint>,
}

/// The fan-out of a scaled-out deployment: local hints at once, everyone
/// else's over NATS.
pub struct NatsFanout {
    local: broadcast::Sender<Hint>,
    outbox: mpsc::Sender<Hint>,
    /// Hints queued or being sent, not yet handed to the client.
    unsent: Arc<AtomicUsize>,
    client: Client,
}

impl NatsFanout {
    /// Connects to the NATS server at `url` (retrying in the background if
    /// it is down, so an instance starts without its bus), publishing and
    /// subscribing on `subject`. `instance` tells this instance's own
    /// messages apart.
    pub async fn connect(
        url: &str,
        subject: &str,
        instance: u64,
    ) -> Result<Arc<Self>, async_nats::ConnectError> {
        let local = broadcast::channel(HINT_BACKLOG).0;
        let events = local.clone();
        let client = ConnectOptions::new()
            .name("chorus")
            .retry_on_initial_connect()
            .event_callback(move |event| {
                let events = events.clone();
                async move { on_event(&event, &events) }
            })
            .connect(url)
            .await?;
        let (outbox, pending) = mpsc::channel(OUTBOX);
        let unsent = Arc::new(AtomicUsize::new(0));
        tokio::spawn(send_loop(
            client.clone(),
            subject.to_owned(),
            instance,
            pending,
            unsent.clone(),
        ));
        tokio::spawn(receive_loop(
            client.clone(),
            subject.to_owned(),
            instance,
            local.clone(),
        ));
        Ok(Arc::new(Self {
            local,
            outbox,
            unsent,
            client,
        }))
    }

    /// Waits until every hint published so far has been written to the
    /// bus (on shutdown, so the last offline changes reach the others).
    pub async fn flush(&self) {
        while self.unsent.load(Ordering::Acquire) > 0 {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        if let Err(e) = self.client.flush().await {
            tracing::warn!(error = %e, "bus flush failed");
        }
    }
}

impl Fanout for NatsFanout {
    fn publish(&self, hint: Hint) {
        let _ = self.local.send(hint);
        self.unsent.fetch_add(1, Ordering::AcqRel);
        if self.outbox.try_send(hint).is_err() {
            self.unsent.fetch_sub(1, Ordering::AcqRel);
            metrics::counter!("chorus_bus_hints_dropped_total").increment(1);
        }
    }

    fn hints(&self) -> broadcast::Receiver<Hint> {
        self.local.subscribe()
    }

    /// NATS core is at-most-once.
    fn may_lose_hints(&self) -> bool {
        true
    }
}

fn on_event(event: &Event, hub: &broadcast::Sender<Hint>) {
    match event {
        Event::Connected => {
            tracing::info!("bus connected");
            // Whatever was published meanwhile may be lost.
            let _ = hub.send(Hint::Resync);
        }
        Event::Disconnected => tracing::warn!("bus disconnected; reconnecting"),
        Event::SlowConsumer(_) => {
            tracing::warn!("bus dropped messages for this slow instance");
            let _ = hub.send(Hint::Resync);
        }
        other => tracing::info!(event = %other, "bus event"),
    }
}

/// Sends queued hints in batches, in order.
async fn send_loop(
    client: Client,
    subject: String,
    instance: u64,
    mut pending: mpsc::Receiver<Hint>,
    unsent: Arc<AtomicUsize>,
) {
    let mut hints = Vec::with_capacity(BATCH);
    while pending.recv_many(&mut hints, BATCH).await > 0 {
        let taken = hints.len();
        let count = taken as u64;
        let envelope = Envelope {
            from: instance,
            sent_ms: now_ms(),
            hints: std::mem::take(&mut hints),
        };
        match serde_json::to_vec(&envelope) {
            Ok(payload) => match client.publish(subject.clone(), payload.into()).await {
                Ok(()) => metrics::counter!("chorus_bus_hints_published_total").increment(count),
                Err(e) => {
                    metrics::counter!("chorus_bus_hints_dropped_total").increment(count);
                    tracing::warn!(error = %e, "bus publish failed");
                }
            },
            Err(e) => tracing::error!(error = %e, "cannot encode hints"),
        }
        unsent.fetch_sub(taken, Ordering::AcqRel);
    }
}

/// Hands other instances' hints to this instance's hub, noting how long
/// they took.
async fn receive_loop(
    client: Client,
    subject: String,
    instance: u64,
    hub: broadcast::Sender<Hint>,
) {
    let mut messages = loop {
        match client.subscribe(subject.clone()).await {
            Ok(subscriber) => break subscriber,
            Err(e) => {
                tracing::warn!(error = %e, "cannot subscribe to the bus; retrying");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    };
    while let Some(message) = messages.next().await {
        let envelope: Envelope = match serde_json::from_slice(&message.payload) {
            Ok(envelope) => envelope,
            Err(e) => {
                tracing::warn!(error = %e, "unreadable bus message ignored");
                continue;
            }
        };
        if envelope.from == instance {
            continue;
        }
        let lag = now_ms().saturating_sub(envelope.sent_ms);
        metrics::histogram!("chorus_bus_lag_seconds").record(lag as f64 / 1000.0);
        metrics::counter!("chorus_bus_hints_received_total").increment(envelope.hints.len() as u64);
        for hint in envelope.hints {
            let _ = hub.send(hint);
        }
    }
}

/// The wall clock, read as the domain's [`SystemClock`]: the bus lag is
/// measured between instances' system clocks, never a test clock.
fn now_ms() -> u64 {
    SystemClock.now().as_ms()
}

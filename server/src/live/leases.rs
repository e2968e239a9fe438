//! This instance's online leases: presence across instances. A listener is
//! online while some instance holds an unexpired lease for them.
//!
//! The keeper takes the registry's changes (a listener's first socket here
//! opened, or their last one closed), writes or drops the lease, then
//! announces the presence change. It renews every lease it holds each
//! third of the lease's length (`--online-ttl`, 30 s by default), and sweeps
//! expired leases as often: an instance that dies stops renewing, so its
//! listeners go offline within 4/3 of the lease's length (40 s by
//! default), announced by whichever instance sweeps first.

use std::sync::{Arc, Weak};
use std::time::Duration;

use chorus_domain::{Clock, UserId};
use chorus_realtime::{Fanout, Hint, OnlineRegistry};
use chorus_storage::{OnlineStore, StorageResult};
use tokio::sync::{mpsc, oneshot};
use tokio::time::{interval, MissedTickBehavior};

/// How long a lease lasts unless renewed, by default.
pub const DEFAULT_LEASE: Duration = Duration::from_secs(30);
/// Leases written per statement.
const CHUNK: usize = 1000;

/// Asks the keeper to have handled every change sent so far.
pub struct Leases {
    settle: mpsc::Sender<oneshot::Sender<()>>,
}

impl Leases {
    /// Starts the keeper of `instance`'s leases. It ends when the registry
    /// is dropped.
    pub fn start(
        instance: i64,
        lease: Duration,
        registry: &Arc<OnlineRegistry>,
        changes: mpsc::UnboundedReceiver<UserId>,
        store: Arc<dyn OnlineStore>,
        fanout: Arc<dyn Fanout>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        let (settle, settles) = mpsc::channel(4);
        let keeper = Keeper {
            instance,
            lease,
            registry: Arc::downgrade(registry),
            store,
            fanout,
            clock,
        };
        tokio::spawn(keeper.run(changes, settles));
        Self { settle }
    }

    /// Waits until the keeper has handled every change sent before this
    /// call (used on shutdown, after the sockets closed, so their
    /// listeners' friends hear they went offline).
    pub async fn settled(&self) {
        let (done, handled) = oneshot::channel();
        if self.settle.send(done).await.is_ok() {
            let _ = handled.await;
        }
    }
}

struct Keeper {
    instance: i64,
    /// How long a lease lasts; renewals and sweeps come every third of it.
    lease: Duration,
    registry: Weak<OnlineRegistry>,
    store: Arc<dyn OnlineStore>,
    fanout: Arc<dyn Fanout>,
    clock: Arc<dyn Clock>,
}

impl Keeper {
    async fn run(
        self,
        mut changes: mpsc::UnboundedReceiver<UserId>,
        mut settles: mpsc::Receiver<oneshot::Sender<()>>,
    ) {
        let mut renew = interval(self.lease / 3);
        let mut sweep = interval(self.lease / 3);
        renew.set_missed_tick_behavior(MissedTickBehavior::Delay);
        sweep.set_missed_tick_behavior(MissedTickBehavior::Delay);
        let mut batch = Vec::new();
        loop {
            let result = tokio::select! {
                received = changes.recv_many(&mut batch, CHUNK) => {
                    if received == 0 {
                        return;
                    }
                    self.changed(std::mem::take(&mut batch)).await
                }
                Some(done) = settles.recv() => {
                    while let Ok(user) = changes.try_recv() {
                        batch.push(user);
                    }
                    let result = self.changed(std::mem::take(&mut batch)).await;
                    let _ = done.send(());
                    result
                }
                _ = renew.tick() => self.renew().await,
                _ = sweep.tick() => self.sweep().await,
            };
            if let Err(e) = result {
                // A lease not written is renewed next time; one not
                // dropped expires.
                tracing::warn!(error = %e, "online leases not updated");
            }
        }
    }

    /// Writes or drops the leases of `users` as the registry has them now,
    /// then announces their presence.
    async fn changed(&self, mut users: Vec<UserId>) -> StorageResult<()> {
        let Some(registry) = self.registry.upgrade() else {
            return Ok(());
        };
        users.sort_unstable();
        users.dedup();
        let (online, offline): (Vec<UserId>, Vec<UserId>) =
            users.iter().partition(|user| registry.is_online(**user));
        drop(registry);
        self.store
            .hold_online(self.instance, &online, self.until())
            .await?;
        if !offline.is_empty() {
            self.store.release_online(self.instance, &offline).await?;
        }
        for user in users {
            self.fanout.publish(Hint::Presence { user });
        }
        Ok(())
    }

    async fn renew(&self) -> StorageResult<()> {
        let Some(registry) = self.registry.upgrade() else {
            return Ok(());
        };
        let users = registry.users();
        drop(registry);
        metrics::gauge!("chorus_online_listeners").set(users.len() as f64);
        for chunk in users.chunks(CHUNK) {
            self.store
                .hold_online(self.instance, chunk, self.until())
                .await?;
        }
        Ok(())
    }

    /// When a lease written now ends.
    fn until(&self) -> u64 {
        self.clock.now().after(self.lease).as_ms()
    }

    async fn sweep(&self) -> StorageResult<()> {
        let offline = self.store.expire_online(self.clock.now().as_ms()).await?;
        if !offline.is_empty() {
            tracing::info!(listeners = offline.len(), "expired online leases");
        }
        for user in offline {
            self.fanout.publish(Hint::Presence { user });
        }
        Ok(())
    }
}

//! The instance's live hub: it takes every hint from the fan-out, reads what
//! the hints name once — the shareable events after its log's end, the
//! presence of the listeners named — and hands the result, already encoded,
//! to the connections following those listeners. So a hint costs one read
//! per instance, not one per follower.
//!
//! What it reads carries its audience: the listener's friends, read after
//! the event or the presence change. A connection takes only what its own
//! listener is in the audience of, so one whose friend set is a moment out
//! of date (an unfriending it has not heard of yet) still never takes what
//! it may no longer see.
//!
//! Hints arriving together are read together. Behind a bus that may lose
//! hints, the hub also reads new events each [`POLL_EVERY`] without a hint,
//! so a lost activity hint delays its event by at most that. When hints were lost (the hub fell
//! behind, or the bus reconnected) or a read fails, every connection is
//! told it lagged and reads what it needs from the table itself.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Weak};
use std::time::Duration;

use axum::extract::ws::Utf8Bytes;
use chorus_domain::{Clock, Presence, UserId};
use chorus_realtime::protocol::ServerMessage;
use chorus_realtime::{Fanout, Hint, OnlineRegistry, Subscription, Subscriptions};
use chorus_storage::{ActivityStore, SharedEvent, SocialStore, StorageError, StorageResult};
use tokio::sync::broadcast::{self, error::RecvError, error::TryRecvError};
use tokio::time::{interval, Instant, MissedTickBehavior};

use super::presence::compose;
use super::recent::{Audience, RecentEvents};

/// Hints read together at most.
const BATCH: usize = 1024;
/// Events read from the table per query.
const PAGE: u32 = 1000;
/// Pages read after one batch of hints before the log starts over (the
/// connections behind it then read the table).
const MAX_PAGES: usize = 8;
/// How often the hub reads new events without being told.
const POLL_EVERY: Duration = Duration::from_secs(1);

/// What a connection is handed about a listener it follows.
#[derive(Clone)]
pub enum News {
    /// `user`'s friendships changed: their own connections read their
    /// friend set again. Delivered before anything else of the same batch,
    /// so a connection never takes news of someone no longer a friend.
    Friends { user: UserId },
    /// `user` has new events up to `activity_id`; the log has them.
    Activity { user: UserId, activity_id: i64 },
    /// `user`'s presence as their friends see it.
    Presence(Arc<SharedPresence>),
    /// A session of `user` ended (`None`: all of them): its sockets close.
    SessionEnded { user: UserId, session: Option<u64> },
    /// A playlist `user` edits changed.
    Playlist {
        user: UserId,
        playlist: chorus_domain::PlaylistId,
    },
    /// `user`'s notifications changed.
    Notifications { user: UserId },
}

/// One listener's presence, read once for all their friends' connections.
pub struct SharedPresence {
    pub user: UserId,
    /// Who may see it: `user`'s friends at the time of the read.
    pub audience: Audience,
    pub presence: Presence,
    /// The `presence` message, encoded.
    pub message: Utf8Bytes,
    /// When the read began (its data is at least that new).
    pub read_at: Instant,
}

pub struct LiveHub {
    subscriptions: Arc<Subscriptions<News>>,
    pub recent: RecentEvents,
    /// Each account's open sockets on this instance.
    pub sockets: Arc<super::account_sockets::AccountSockets>,
}

impl LiveHub {
    /// Starts routing `fanout`'s hints. The task ends when the fan-out
    /// closes (the application is dropped).
    pub async fn start(
        fanout: &dyn Fanout,
        activity: Arc<dyn ActivityStore>,
        social: Arc<dyn SocialStore>,
        online: &Arc<OnlineRegistry>,
        clock: Arc<dyn Clock>,
    ) -> StorageResult<Arc<Self>> {
        // Subscribe first: an event committed before the log's start is in
        // the table, one after it is announced.
        let hints = fanout.hints();
        let poll = fanout.may_lose_hints().then_some(POLL_EVERY);
        let latest = activity.latest_activity_id().await?;
        let hub = Arc::new(Self {
            subscriptions: Arc::default(),
            recent: RecentEvents::starting_at(latest),
            sockets: Arc::default(),
        });
        let router = Router {
            hub: Arc::clone(&hub),
            activity,
            social,
            // Weak: the hub ends with the application that holds it.
            online: Arc::downgrade(online),
            clock,
        };
        tokio::spawn(router.run(hints, poll));
        Ok(hub)
    }

    /// News about `users` for a new connection, until it is dropped.
    pub fn subscribe(&self, users: Vec<UserId>) -> Subscription<News> {
        self.subscriptions.subscribe(users)
    }
}

/// Hints read together: whose friendships changed, the newest event per
/// listener and whose presence.
#[derive(Default)]
struct Batch {
    lagged: bool,
    /// Read new events even if no hint named one.
    poll: bool,
    friends: HashSet<UserId>,
    activity: HashMap<UserId, i64>,
    presence: HashSet<UserId>,
    sessions_ended: Vec<(UserId, Option<u64>)>,
    playlists: HashSet<(UserId, chorus_domain::PlaylistId)>,
    notifications: HashSet<UserId>,
    len: usize,
}

impl Batch {
    fn add(&mut self, hint: Hint) {
        self.len += 1;
        match hint {
            Hint::Activity { user, activity_id } => {
                let newest = self.activity.entry(user).or_insert(activity_id);
                *newest = (*newest).max(activity_id);
            }
            Hint::Presence { user } => {
                self.presence.insert(user);
            }
            Hint::Friends { user } => {
                self.friends.insert(user);
                self.presence.insert(user);
            }
            Hint::SessionEnded { user, session } => self.sessions_ended.push((user, session)),
            Hint::Playlist { user, playlist } => {
                self.playlists.insert((user, playlist));
            }
            Hint::Notifications { user } => {
                self.notifications.insert(user);
            }
            Hint::Resync => {
                self.lagged = true;
                self.poll = true;
            }
        }
    }
}

struct Router {
    hub: Arc<LiveHub>,
    activity: Arc<dyn ActivityStore>,
    social: Arc<dyn SocialStore>,
    online: Weak<OnlineRegistry>,
    clock: Arc<dyn Clock>,
}

impl Router {
    /// Routes hints until the application is dropped, reading new events
    /// every `poll` too, if given.
    async fn run(self, mut hints: broadcast::Receiver<Hint>, poll: Option<Duration>) {
        let mut poll = poll.map(|every| {
            let mut poll = interval(every);
            poll.set_missed_tick_behavior(MissedTickBehavior::Delay);
            poll
        });
        loop {
            let mut batch = Batch::default();
            tokio::select! {
                hint = hints.recv() => match hint {
                    Ok(hint) => batch.add(hint),
                    Err(RecvError::Lagged(_)) => batch.lagged = true,
                    Err(RecvError::Closed) => return,
                },
                _ = tick(poll.as_mut()) => batch.poll = true,
            }
            let started = Instant::now();
            while batch.len < BATCH {
                match hints.try_recv() {
                    Ok(hint) => batch.add(hint),
                    Err(TryRecvError::Lagged(_)) => batch.lagged = true,
                    Err(_) => break,
                }
            }
            if self.online.strong_count() == 0 {
                return;
            }
            let hinted = batch.len > 0;
            if let Err(e) = self.route(batch).await {
                tracing::error!(error = %e, "live hub read failed; connections read the table");
                self.hub.subscriptions.lag_all();
            }
            if hinted {
                metrics::histogram!("chorus_fanout_latency_seconds")
                    .record(started.elapsed().as_secs_f64());
            }
        }
    }

    async fn route(&self, mut batch: Batch) -> StorageResult<()> {
        let subscriptions = &self.hub.subscriptions;
        if batch.lagged {
            tracing::warn!("live hub missed hints (it fell behind, or the bus reconnected); connections read the table");
            subscriptions.lag_all();
        }
        // First: nothing else of this batch reaches a socket whose session
        // ended.
        for (user, session) in batch.sessions_ended {
            subscriptions.deliver(user, &News::SessionEnded { user, session });
        }
        for user in batch.friends {
            subscriptions.deliver(user, &News::Friends { user });
        }
        for (user, playlist) in batch.playlists {
            subscriptions.deliver(user, &News::Playlist { user, playlist });
        }
        for user in batch.notifications {
            subscriptions.deliver(user, &News::Notifications { user });
        }
        let events = if batch.activity.is_empty() && !batch.poll {
            Vec::new()
        } else {
            self.read_new_events().await?
        };
        // Events whose hint was lost (or not yet arrived) are news too.
        for event in &events {
            let newest = batch.activity.entry(event.user).or_insert(event.item.id);
            *newest = (*newest).max(event.item.id);
        }
        let users: Vec<UserId> = batch.presence.into_iter().collect();
        // When the read began: what it found is at least that new. (Its end
        // is not: a socket's own read that began meanwhile may be newer,
        // and a stale "offline" would then overwrite what it told.)
        let read_at = Instant::now();
        let stored = self
            .activity
            .presence(&users, self.clock.now().as_ms())
            .await?;
        // One read of the audiences for all of it: a report's event and its
        // presence change name the same listener.
        let named: Vec<UserId> = events.iter().map(|e| e.user).chain(users).collect();
        let audiences = self.audiences(&named).await?;
        let audience = |user| {
            audiences
                .get(&user)
                .map_or_else(|| Arc::new([]) as Audience, Arc::clone)
        };

        if let Some(last) = events.last() {
            let to = last.item.id;
            let mut encoded = Vec::with_capacity(events.len());
            for event in events {
                let id = event.item.id;
                let message = encode(&ServerMessage::Event {
                    event: Box::new(event.item),
                })?;
                encoded.push((id, audience(event.user), message));
            }
            metrics::counter!("chorus_events_read_total").increment(encoded.len() as u64);
            self.hub.recent.append(encoded, to);
        }
        for (user, activity_id) in batch.activity {
            subscriptions.deliver(user, &News::Activity { user, activity_id });
        }
        for friend in stored {
            let user = friend.id;
            let presence = compose(friend);
            let message = encode(&ServerMessage::Presence(presence.clone()))?;
            let shared = SharedPresence {
                user,
                audience: audience(user),
                presence,
                message,
                read_at,
            };
            subscriptions.deliver(user, &News::Presence(Arc::new(shared)));
        }
        Ok(())
    }

    /// The shareable events after the log's end, oldest first. When more
    /// than [`MAX_PAGES`] pages arrived at once the log starts over from
    /// the newest event instead (connections behind it read the table).
    async fn read_new_events(&self) -> StorageResult<Vec<SharedEvent>> {
        let mut events = Vec::new();
        let mut after = self.hub.recent.to();
        for _ in 0..MAX_PAGES {
            let page = self.activity.shared_after(after, PAGE).await?;
            let full = page.len() == PAGE as usize;
            after = page.last().map_or(after, |e| e.item.id);
            events.extend(page);
            if !full {
                return Ok(events);
            }
        }
        let latest = self.activity.latest_activity_id().await?;
        self.hub.recent.restart_at(latest);
        Ok(Vec::new())
    }
}

impl Router {
    /// Each of `users`' friends now, sorted.
    async fn audiences(&self, users: &[UserId]) -> StorageResult<HashMap<UserId, Audience>> {
        let mut unique = users.to_vec();
        unique.sort_unstable();
        unique.dedup();
        let mut friends: HashMap<UserId, Vec<UserId>> = HashMap::new();
        for (user, friend) in self.social.friends_of(&unique).await? {
            friends.entry(user).or_default().push(friend);
        }
        Ok(friends
            .into_iter()
            .map(|(user, mut list)| {
                list.sort_unstable();
                (user, Audience::from(list))
            })
            .collect())
    }
}

/// The next tick, or never without a timer.
async fn tick(poll: Option<&mut tokio::time::Interval>) {
    match poll {
        Some(poll) => {
            poll.tick().await;
        }
        None => std::future::pending().await,
    }
}

fn encode(message: &ServerMessage) -> StorageResult<Utf8Bytes> {
    let text = serde_json::to_string(message).map_err(|e| StorageError::Backend(Box::new(e)))?;
    Ok(text.into())
}

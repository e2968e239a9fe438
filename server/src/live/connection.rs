//! One feed socket. The connection keeps a cursor (the last event id it
//! sent) and, whenever the hub says a friend has new activity, takes the
//! events after its cursor that its listener may see from the hub's log
//! (or, when it may have missed news, its cursor is older than the log, or
//! its friend set changed, reads them from the activity table) and sends
//! them in order. So every event is sent once, in order, and nothing
//! private is ever sent to this viewer.
//!
//! A client that has events already names the newest in the handshake
//! (`?after=ID`): the cursor starts there, and the replay goes out before
//! anything live. The older `resume` message still works: before any event
//! went out live it moves the cursor back and replays; after, what the
//! client lacks is older than what it was sent, so it is told to `resync`
//! rather than sent events out of order. Replays are rate-limited per
//! socket ([`ReplayBudget`]).
//!
//! Presence works alike: the hub hands over each friend's presence as it
//! changes; when the socket opens or its friend set changes, the connection
//! reads its friends' presence itself. It sends only what changed (see
//! [`super::presence`]). While it runs, the socket counts its listener as
//! online. When the instance drains, it closes with 1001 (going away): the
//! client reconnects, to another instance, and resumes by cursor.
//!
//! A socket lives no longer than its session ([`SessionWatch`]): log-out,
//! a password change or expiry close it with 4001. An account holds at
//! most a few sockets per instance (`super::account_sockets`): a newer one
//! closes the oldest with 4008.

use std::time::Duration;

use axum::extract::ws::{CloseFrame, Message, WebSocket};
use chorus_domain::UserId;
use chorus_realtime::protocol::{ClientMessage, ServerMessage, MAX_REPLAY};
use chorus_realtime::{Lagged, Subscription};
use tokio::time::{interval, timeout, Instant, MissedTickBehavior};

use super::account_sockets::Seat;
use super::hub::{News, SharedPresence};
use super::presence::PresenceView;
use super::recent::Since;
use super::session_watch::SessionWatch;
use super::FeedContext;

mod friends;

/// A ping every this often keeps proxies from closing an idle socket.
const PING_EVERY: Duration = Duration::from_secs(20);
/// A client silent (no pong, no message) this long is gone.
const IDLE_TIMEOUT: Duration = Duration::from_secs(60);
/// A client that cannot take a message within this time is too slow: it is
/// closed (it resumes by cursor when it reconnects) so it never holds
/// others up.
const SEND_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a closing socket waits for the client's close frame.
const CLOSE_WAIT: Duration = Duration::from_secs(2);
/// Events read per catch-up; more than this many pending means resync.
const CATCH_UP_BATCH: u32 = MAX_REPLAY;

/// Close codes: RFC 6455's, and Chorus's own (4000–4999, private use;
/// documented in `docs/realtime.md`).
const GOING_AWAY: u16 = 1001;
const POLICY: u16 = 1008;
const TOO_BIG: u16 = 1009;
const SERVER_ERROR: u16 = 1011;
/// The session ended (log-out, password change, expiry): reconnect only if
/// still signed in.
pub const SESSION_ENDED: u16 = 4001;
/// A newer feed socket of the account took this one's place: do not
/// reconnect by yourself.
pub const REPLACED: u16 = 4008;

/// Why the connection ends.
enum End {
    Closed,
    Close(u16, &'static str),
}

struct Connection {
    socket: WebSocket,
    context: FeedContext,
    viewer: UserId,
    /// News of the listener's friends and the listener; whom it follows is
    /// the friend set (plus the listener).
    news: Subscription<News>,
    /// The newest event id this client has (sent or skipped by resync).
    cursor: i64,
    /// Where the cursor stood when events started going out live, once
    /// one has (since the start or the last resync): a `resume` before
    /// that is older than what the client was sent.
    live_since: Option<i64>,
    replays: ReplayBudget,
    session: SessionWatch,
    /// What the client was told of each friend's presence.
    presence: PresenceView,
    /// When the connection last started reading every friend's presence
    /// itself: the hub's presence read before that is older than what the
    /// client was told, and is ignored.
    presence_read: Instant,
    /// The number of pending friend requests the client was last told.
    requests_told: Option<u32>,
    /// The number of unread notifications the client was last told.
    unread_told: Option<u32>,
}

/// What a connection starts from, read during the handshake: the events
/// after `?after=ID` when the client named it, else "now": the moment the
/// client got its 101, so anything committed after that reaches it.
pub struct Start {
    news: Subscription<News>,
    cursor: i64,
    replay: bool,
    session: SessionWatch,
}

impl Start {
    /// Subscribes to the friends' news first, then reads the cursor: an
    /// event committed in between is above the cursor and announced, so it
    /// is sent once.
    pub async fn read(
        context: &FeedContext,
        viewer: UserId,
        after: Option<i64>,
        session: SessionWatch,
    ) -> Result<Self, chorus_storage::StorageError> {
        let friends = context.social.friend_ids(viewer).await?;
        let news = context.live.subscribe(followed(viewer, friends));
        let cursor = match after {
            Some(after) => after,
            None => context.activity.latest_activity_id().await?,
        };
        Ok(Self {
            news,
            cursor,
            replay: after.is_some(),
            session,
        })
    }
}

pub async fn run(socket: WebSocket, context: FeedContext, viewer: UserId, start: Start) {
    let Start {
        news,
        cursor,
        replay,
        session,
    } = start;
    // Online, open, seated and waited for by a draining instance while
    // this runs, however it ends.
    let _online = context.online.connect(viewer);
    let _open = OpenSocket::count();
    let _tracked = context.drain.track_socket();
    let seat = context.live.sockets.seat(viewer);
    let mut connection = Connection {
        socket,
        context,
        viewer,
        news,
        cursor,
        live_since: None,
        replays: ReplayBudget::new(),
        session,
        presence: PresenceView::default(),
        presence_read: Instant::now(),
        requests_told: None,
        unread_told: None,
    };
    let opened = async {
        if replay {
            connection.replays.take();
            connection.catch_up_from_table().await?;
        }
        connection.presence_of_all().await?;
        connection.friend_requests().await?;
        connection.notifications().await
    };
    let end = match opened.await {
        Ok(()) => connection.serve(&seat).await,
        Err(end) => end,
    };
    if let End::Close(code, reason) = end {
        close(connection.socket, code, reason).await;
    }
}

/// How many replays (`resume`, and `?after=` at the start) a socket may
/// ask for: [`Self::BURST`] at once, then one per [`Self::REFILL`]. Each
/// reads the activity table; a client asking faster is misbehaving, and
/// is closed (it may reconnect with `?after=`).
struct ReplayBudget {
    tokens: f64,
    at: Instant,
}

impl ReplayBudget {
    const BURST: f64 = 5.0;
    const REFILL: Duration = Duration::from_secs(2);

    fn new() -> Self {
        Self {
            tokens: Self::BURST,
            at: Instant::now(),
        }
    }

    /// Spends one replay; whether there was one to spend.
    fn take(&mut self) -> bool {
        let now = Instant::now();
        let refilled = now.duration_since(self.at).as_secs_f64() / Self::REFILL.as_secs_f64();
        self.tokens = (self.tokens + refilled).min(Self::BURST);
        self.at = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// Counts a socket in the `chorus_feed_sockets` gauge while it lives.
struct OpenSocket;

impl OpenSocket {
    fn count() -> Self {
        metrics::gauge!("chorus_feed_sockets").increment(1.0);
        Self
    }
}

impl Drop for OpenSocket {
    fn drop(&mut self) {
        metrics::gauge!("chorus_feed_sockets").decrement(1.0);
    }
}

/// Whose news a connection wants: its friends' and its listener's own
/// (which may mean a new friend).
fn followed(viewer: UserId, mut friends: Vec<UserId>) -> Vec<UserId> {
    friends.push(viewer);
    friends
}

/// Sends a close frame, then waits (briefly) for the client's, reading
/// whatever it still sends meanwhile. A socket dropped with unread bytes is
/// reset, and the reset can destroy the close frame before the client
/// reads it (the client then sees an error instead of the code): when the
/// rest cannot be read (after an oversized message, or the stream ended),
/// the connection is held open for the wait instead, so the client reads
/// the close first.
async fn close(mut socket: WebSocket, code: u16, reason: &'static str) {
    let frame = CloseFrame {
        code,
        reason: reason.into(),
    };
    if let Ok(Ok(())) = timeout(SEND_TIMEOUT, socket.send(Message::Close(Some(frame)))).await {
        let _ = timeout(CLOSE_WAIT, async {
            loop {
                match socket.recv().await {
                    Some(Ok(Message::Close(_))) => return,
                    Some(Ok(_)) => {}
                    Some(Err(_)) | None => std::future::pending::<()>().await,
                }
            }
        })
        .await;
    }
}

impl Connection {
    async fn serve(&mut self, seat: &Seat) -> End {
        let mut ping = interval(PING_EVERY);
        ping.set_missed_tick_behavior(MissedTickBehavior::Delay);
        let mut last_heard = Instant::now();
        let mut draining = std::pin::pin!(self.context.drain.started());
        let mut replaced = std::pin::pin!(seat.replaced.notified());
        loop {
            let session_ends = tokio::time::sleep_until(self.session.ends_at());
            let step = tokio::select! {
                () = &mut draining => Err(End::Close(GOING_AWAY, "server restarting; reconnect")),
                () = &mut replaced => Err(End::Close(REPLACED, "a newer feed socket of this account replaced this one")),
                () = session_ends => self.check_session().await,
                incoming = self.socket.recv() => {
                    last_heard = Instant::now();
                    self.on_incoming(incoming).await
                }
                item = self.news.recv() => self.on_news(item).await,
                _ = ping.tick() => {
                    if last_heard.elapsed() > IDLE_TIMEOUT {
                        Err(End::Close(GOING_AWAY, "idle"))
                    } else {
                        match self.presence_due().await {
                            Ok(()) => self.send(Message::Ping(Default::default())).await,
                            Err(end) => Err(end),
                        }
                    }
                }
            };
            if let Err(end) = step {
                return end;
            }
        }
    }

    async fn on_incoming(
        &mut self,
        incoming: Option<Result<Message, axum::Error>>,
    ) -> Result<(), End> {
        match incoming {
            None | Some(Ok(Message::Close(_))) => Err(End::Closed),
            Some(Err(e)) => {
                // tungstenite refuses oversized messages while reading.
                let too_big =
                    e.to_string().contains("too long") || e.to_string().contains("too big");
                if too_big {
                    Err(End::Close(TOO_BIG, "message too big"))
                } else {
                    Err(End::Closed)
                }
            }
            Some(Ok(Message::Text(text))) => match ClientMessage::parse(&text) {
                Some(ClientMessage::Resume { after }) => {
                    if !self.replays.take() {
                        return Err(End::Close(
                            POLICY,
                            "too many resumes; reconnect with ?after=ID",
                        ));
                    }
                    self.resume(after).await
                }
                None => {
                    let message =
                        "unknown message; expected {\"type\":\"resume\",\"after\":ID}".to_owned();
                    self.send_json(&ServerMessage::Error { message }).await
                }
            },
            Some(Ok(Message::Binary(_))) => Err(End::Close(POLICY, "text messages only")),
            Some(Ok(_)) => Ok(()), // ping and pong: liveness only
        }
    }

    async fn on_news(&mut self, news: Result<News, Lagged>) -> Result<(), End> {
        match news {
            Ok(News::SessionEnded { user, session })
                if user == self.viewer
                    && session.is_none_or(|ended| ended == self.session.fingerprint) =>
            {
                Err(session_ended())
            }
            // Our own friendships changed: perhaps a new friend, or one less.
            Ok(News::Friends { user }) if user == self.viewer => {
                self.refresh_friends().await?;
                self.catch_up_from_table().await?;
                self.friend_requests().await
            }
            Ok(News::Activity { user, activity_id })
                if self.is_friend(user) && activity_id > self.cursor =>
            {
                self.catch_up().await
            }
            Ok(News::Presence(shared)) if self.is_friend(shared.user) => {
                self.shared_presence(&shared).await
            }
            Ok(News::Playlist { user, playlist }) if user == self.viewer => {
                self.send_json(&ServerMessage::PlaylistChanged {
                    playlist_id: playlist,
                })
                .await
            }
            Ok(News::Notifications { user }) if user == self.viewer => self.notifications().await,
            Ok(_) => Ok(()),
            // Missed news: the table has everything (and the session
            // store, whether the session still is).
            Err(Lagged) => {
                self.check_session().await?;
                self.refresh_friends().await?;
                self.catch_up_from_table().await?;
                self.presence_of_all().await?;
                self.friend_requests().await?;
                self.notifications().await
            }
        }
    }

    /// A friend's presence as the hub read it, if this listener is still
    /// among those who may see it (if not, they are no longer friends) and
    /// the read is not older than the connection's own.
    async fn shared_presence(&mut self, shared: &SharedPresence) -> Result<(), End> {
        if shared.read_at < self.presence_read {
            return Ok(());
        }
        if shared.audience.binary_search(&self.viewer).is_err() {
            return self.unfriended(shared.user).await;
        }
        if self
            .presence
            .update(shared.user, &shared.presence, shared.read_at)
        {
            self.send(Message::Text(shared.message.clone())).await?;
        }
        Ok(())
    }

    /// Sends what the listener may see after the cursor, from the hub's log
    /// when it reaches back that far; too much pending means resync.
    async fn catch_up(&mut self) -> Result<(), End> {
        let since =
            self.context
                .live
                .recent
                .since(self.cursor, self.viewer, CATCH_UP_BATCH as usize);
        match since {
            Since::Events { messages, to } => {
                let count = messages.len();
                if count > 0 {
                    self.live_since.get_or_insert(self.cursor);
                }
                for message in messages {
                    self.send(Message::Text(message)).await?;
                }
                metrics::counter!("chorus_events_fanned_out_total").increment(count as u64);
                self.cursor = to;
                Ok(())
            }
            Since::TooMany => self.resync().await,
            Since::Older => self.catch_up_from_table().await,
        }
    }

    /// Sends everything after the cursor, read from the table; too much
    /// pending means resync.
    async fn catch_up_from_table(&mut self) -> Result<(), End> {
        let events = self
            .context
            .activity
            .feed_after(self.viewer, self.cursor, CATCH_UP_BATCH + 1)
            .await
            .map_err(read_failed)?;
        if events.len() > CATCH_UP_BATCH as usize {
            return self.resync().await;
        }
        if !events.is_empty() {
            self.live_since.get_or_insert(self.cursor);
        }
        for event in events {
            let id = event.id;
            self.send_json(&ServerMessage::Event {
                event: Box::new(event),
            })
            .await?;
            self.cursor = id;
            metrics::counter!("chorus_events_fanned_out_total").increment(1);
        }
        Ok(())
    }

    /// `resume`: the client has every event up to `after`. Before any
    /// event went out live, everything after it is replayed in order (or
    /// resync past the bound). After, the events it sent start at
    /// `live_since`: anything the client lacks before that could only
    /// come out of order, so then it is told to resync; a client that has
    /// more than was sent is believed.
    async fn resume(&mut self, after: i64) -> Result<(), End> {
        let Some(live_since) = self.live_since else {
            self.cursor = after;
            return self.catch_up_from_table().await;
        };
        if after >= live_since {
            self.cursor = self.cursor.max(after);
            return Ok(());
        }
        let missed = self
            .context
            .activity
            .feed_after(self.viewer, after, 1)
            .await
            .map_err(read_failed)?;
        match missed.first() {
            Some(event) if event.id <= live_since => self.resync().await,
            _ => Ok(()),
        }
    }

    async fn resync(&mut self) -> Result<(), End> {
        self.cursor = self
            .context
            .activity
            .latest_activity_id()
            .await
            .map_err(read_failed)?;
        self.live_since = None;
        self.send_json(&ServerMessage::Resync).await
    }

    /// Reads the session again at its end (or after missed news): closes
    /// when it ended.
    async fn check_session(&mut self) -> Result<(), End> {
        if self.session.still_open().await {
            Ok(())
        } else {
            Err(session_ended())
        }
    }

    async fn send_json(&mut self, message: &ServerMessage) -> Result<(), End> {
        let text = serde_json::to_string(message)
            .map_err(|_| End::Close(SERVER_ERROR, "encoding failed"))?;
        self.send(Message::Text(text.into())).await
    }

    async fn send(&mut self, message: Message) -> Result<(), End> {
        match timeout(SEND_TIMEOUT, self.socket.send(message)).await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(_)) => Err(End::Closed),
            Err(_) => Err(End::Close(POLICY, "too slow; reconnect and resume")),
        }
    }
}

fn session_ended() -> End {
    End::Close(SESSION_ENDED, "session ended")
}

fn read_failed(e: impl std::fmt::Display) -> End {
    tracing::error!(error = %e, "feed socket read failed");
    End::Close(SERVER_ERROR, "try again")
}

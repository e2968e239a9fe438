//! One feed socket. The connection keeps a cursor (the last event id it
//! sent) and, whenever a hint says a friend — or the listener — has new
//! activity, or it may have missed hints, reads the events after its cursor
//! from the activity table and sends them in order. So every event is sent
//! once, in order, and nothing private is ever read for this viewer.
//!
//! Presence works alike: when the socket opens, and whenever a hint names a
//! friend (or the friend set changes), the connection reads the friends'
//! presence from storage and sends what changed (see [`super::presence`]).
//! While it runs, the socket counts its listener as online.

use std::collections::HashSet;
use std::time::Duration;

use axum::extract::ws::{CloseFrame, Message, WebSocket};
use chorus_domain::UserId;
use chorus_realtime::protocol::{ClientMessage, ServerMessage, MAX_REPLAY};
use chorus_realtime::{Hint, Lagged, Subscription};
use tokio::time::{interval, timeout, Instant, MissedTickBehavior};

use super::presence::PresenceView;
use crate::state::AppState;

mod friends;

/// A ping every this often keeps proxies from closing an idle socket.
const PING_EVERY: Duration = Duration::from_secs(20);
/// A client silent (no pong, no message) this long is gone.
const IDLE_TIMEOUT: Duration = Duration::from_secs(60);
/// A client that cannot take a message within this time is too slow: it is
/// closed (it resumes by cursor when it reconnects) so it never holds
/// others up.
const SEND_TIMEOUT: Duration = Duration::from_secs(10);
/// Events read per catch-up; more than this many pending means resync.
const CATCH_UP_BATCH: u32 = MAX_REPLAY;

/// Close codes (RFC 6455).
const GOING_AWAY: u16 = 1001;
const POLICY: u16 = 1008;
const TOO_BIG: u16 = 1009;
const SERVER_ERROR: u16 = 1011;

/// Why the connection ends.
enum End {
    Closed,
    Close(u16, &'static str),
}

struct Connection {
    socket: WebSocket,
    state: AppState,
    viewer: UserId,
    friends: HashSet<UserId>,
    /// The newest event id this client has (sent or skipped by resync).
    cursor: i64,
    /// What the client was told of each friend's presence.
    presence: PresenceView,
    /// The friend set changed: follow its hints.
    follow_changed: bool,
}

/// What a connection starts from, read during the handshake: so "now" for
/// a socket without `resume` is the moment the client got its 101, and
/// anything committed after that reaches it.
pub struct Start {
    hints: Subscription,
    friends: HashSet<UserId>,
    cursor: i64,
}

impl Start {
    /// Subscribes to the friends' hints first, then reads the cursor: an
    /// event committed in between is above the cursor and announced, so it
    /// is sent once.
    pub async fn read(
        state: &AppState,
        viewer: UserId,
    ) -> Result<Self, chorus_storage::StorageError> {
        let friends: HashSet<UserId> = state.social.friend_ids(viewer).await?.into_iter().collect();
        let hints = state.fanout.subscribe(followed(viewer, &friends));
        let cursor = state.activity.latest_activity_id().await?;
        Ok(Self {
            hints,
            friends,
            cursor,
        })
    }
}

pub async fn run(socket: WebSocket, state: AppState, viewer: UserId, start: Start) {
    let Start {
        mut hints,
        friends,
        cursor,
    } = start;
    // Online while this runs, however it ends.
    let _online = state.online.connect(viewer);
    let mut connection = Connection {
        socket,
        state,
        viewer,
        friends,
        cursor,
        presence: PresenceView::default(),
        follow_changed: false,
    };
    let end = match connection.presence_of_all().await {
        Ok(()) => connection.serve(&mut hints).await,
        Err(end) => end,
    };
    if let End::Close(code, reason) = end {
        close(connection.socket, code, reason).await;
    }
}

/// Whose hints a connection wants: its friends' and its listener's own
/// (which may mean a new friend).
fn followed(viewer: UserId, friends: &HashSet<UserId>) -> Vec<UserId> {
    friends.iter().copied().chain([viewer]).collect()
}

async fn close(mut socket: WebSocket, code: u16, reason: &'static str) {
    let frame = CloseFrame {
        code,
        reason: reason.into(),
    };
    let _ = timeout(SEND_TIMEOUT, socket.send(Message::Close(Some(frame)))).await;
}

impl Connection {
    async fn serve(&mut self, hints: &mut Subscription) -> End {
        let mut ping = interval(PING_EVERY);
        ping.set_missed_tick_behavior(MissedTickBehavior::Delay);
        let mut last_heard = Instant::now();
        loop {
            let step = tokio::select! {
                incoming = self.socket.recv() => {
                    last_heard = Instant::now();
                    self.on_incoming(incoming).await
                }
                hint = hints.recv() => self.on_hint(hint).await,
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
            if std::mem::take(&mut self.follow_changed) {
                hints.follow(followed(self.viewer, &self.friends));
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
            Some(Ok(Message::Text(text))) => match serde_json::from_str::<ClientMessage>(&text) {
                Ok(ClientMessage::Resume { after }) => self.replay(after).await,
                Err(_) => {
                    let message =
                        "unknown message; expected {\"type\":\"resume\",\"after\":ID}".to_owned();
                    self.send_json(&ServerMessage::Error { message }).await
                }
            },
            Some(Ok(Message::Binary(_))) => Err(End::Close(POLICY, "text messages only")),
            Some(Ok(_)) => Ok(()), // ping and pong: liveness only
        }
    }

    async fn on_hint(&mut self, hint: Result<Hint, Lagged>) -> Result<(), End> {
        match hint {
            Ok(hint) if hint.user() == self.viewer => {
                // Our own activity: perhaps a new friend, or one less.
                self.refresh_friends().await?;
                self.catch_up().await
            }
            // Whatever changes presence (reports, privacy, friendships) also
            // publishes a presence hint: an activity hint only means events.
            Ok(Hint::Activity { user, activity_id })
                if self.friends.contains(&user) && activity_id > self.cursor =>
            {
                self.catch_up().await
            }
            Ok(Hint::Presence { user }) if self.friends.contains(&user) => {
                self.presence_of(&[user]).await
            }
            Ok(_) => Ok(()),
            // Missed hints: the table has everything.
            Err(Lagged) => {
                self.refresh_friends().await?;
                self.catch_up().await?;
                self.presence_of_all().await
            }
        }
    }

    /// Sends everything after the cursor; too much pending means resync.
    async fn catch_up(&mut self) -> Result<(), End> {
        let events = self
            .state
            .activity
            .feed_after(self.viewer, self.cursor, CATCH_UP_BATCH + 1)
            .await
            .map_err(storage_failed)?;
        if events.len() > CATCH_UP_BATCH as usize {
            return self.resync().await;
        }
        for event in events {
            let id = event.id;
            self.send_json(&ServerMessage::Event {
                event: Box::new(event),
            })
            .await?;
            self.cursor = id;
        }
        Ok(())
    }

    /// `resume`: everything after `after`, or resync past the bound.
    async fn replay(&mut self, after: i64) -> Result<(), End> {
        self.cursor = after;
        self.catch_up().await
    }

    async fn resync(&mut self) -> Result<(), End> {
        self.cursor = self
            .state
            .activity
            .latest_activity_id()
            .await
            .map_err(storage_failed)?;
        self.send_json(&ServerMessage::Resync).await
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

fn storage_failed(e: chorus_storage::StorageError) -> End {
    tracing::error!(error = %e, "feed socket read failed");
    End::Close(SERVER_ERROR, "try again")
}

//! The feed socket in the browser. It loads the first feed page over HTTP,
//! then opens `/ws/feed?after=ID` with the newest event it has, so nothing
//! between the two is lost and the replay comes before anything live. When
//! the socket drops it reconnects with exponential backoff (1 s doubling to
//! 30 s, ±20 % jitter) from its newest event; coming back online or to the
//! tab reconnects at once. `resync` reloads the first page and resumes
//! from there. Closed because the session ended (4001), it asks who is
//! signed in: signed out, it stops; still signed in (this tab changed the
//! password), it reconnects at once. Replaced by a newer socket of the
//! account (4008), it waits to be woken rather than take the place back.

use std::time::Duration;

use chorus_realtime::protocol::{ClientMessage, ServerMessage};
use leptos::lazy;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CloseEvent, MessageEvent, WebSocket};

use super::state::{add_event, newest_id, set_presence};
use super::{Live, LiveStatus};
use crate::account::Account;

/// Close codes the server sends (`docs/realtime.md`).
const SESSION_ENDED: u16 = 4001;
const REPLACED: u16 = 4008;

const FIRST_RETRY_MS: f64 = 1_000.0;
const MAX_RETRY_MS: f64 = 30_000.0;
/// Events loaded over HTTP before the socket opens.
const FIRST_PAGE: u32 = 30;

/// An open socket and the handlers it calls (dropped with it).
struct Socket {
    ws: WebSocket,
    _on_open: Closure<dyn FnMut()>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_close: Closure<dyn FnMut(CloseEvent)>,
}

impl Socket {
    /// Closes without calling back (the handlers go away with it).
    fn shut(self) {
        self.ws.set_onopen(None);
        self.ws.set_onmessage(None);
        self.ws.set_onclose(None);
        let _ = self.ws.close();
    }

    fn is_open_or_opening(&self) -> bool {
        matches!(
            self.ws.ready_state(),
            WebSocket::OPEN | WebSocket::CONNECTING
        )
    }
}

/// The socket and its reconnection state.
#[derive(Default)]
struct Link {
    socket: Option<Socket>,
    /// Someone is signed in: keep a socket open.
    wanted: bool,
    /// Failed attempts since the last open socket.
    attempt: u32,
    /// Bumped when who is signed in changes, so late callbacks of an
    /// earlier session do nothing.
    session: u32,
    retry: Option<TimeoutHandle>,
}

/// What the socket's functions and callbacks share. `Copy`.
#[derive(Clone, Copy)]
struct Feed {
    live: Live,
    account: Account,
    link: StoredValue<Link, LocalStorage>,
}

impl Feed {
    fn current_session(self) -> u32 {
        self.link.with_value(|link| link.session)
    }
}

/// Connects while someone is signed in (from now on: call it once, when
/// someone first is) and installs the wake-up listeners. What it creates
/// belongs to `owner`, the app's: this runs after an await, outside it.
/// A chunk of its own (`#[lazy]`), so visitors never load the socket.
#[lazy]
pub(super) fn start(live: Live, account: Account, owner: Owner) {
    owner.with(|| {
        let feed = Feed {
            live,
            account,
            link: StoredValue::new_local(Link::default()),
        };
        install_wake_listeners(feed);
        Effect::new(move |_| begin(feed, account.me.with(Option::is_some)));
    });
}

/// Starts over for whoever is signed in now (or stops).
fn begin(feed: Feed, signed_in: bool) {
    let live = feed.live;
    let (session, was_wanted) = {
        let mut link = feed.link.write_value();
        let was_wanted = link.wanted;
        if let Some(socket) = link.socket.take() {
            socket.shut();
        }
        if let Some(retry) = link.retry.take() {
            retry.clear();
        }
        link.wanted = signed_in;
        link.attempt = 0;
        link.session += 1;
        (link.session, was_wanted)
    };
    live.clear();
    if !signed_in {
        live.status.set(LiveStatus::Off);
        if was_wanted {
            // Signed out: no requests of anyone's on the app badge.
            crate::pwa::show_friend_requests(0);
        }
        return;
    }
    live.status.set(LiveStatus::Connecting);
    leptos::task::spawn_local(async move {
        load_first_page(live).await;
        if feed.current_session() == session {
            open(feed, session);
        }
    });
}

/// Loads the newest feed page into `recent` (replacing it).
async fn load_first_page(live: Live) {
    match crate::social::client::feed(None, FIRST_PAGE).await {
        Ok(page) => {
            live.recent.set(page.items);
            live.older.set(page.next);
        }
        Err(message) => leptos::logging::warn!("feed: {message}"),
    }
    live.loaded.set(true);
}

/// The socket's address, resuming after event `after`.
fn feed_url(after: i64) -> Option<String> {
    let location = web_sys::window()?.location();
    let scheme = if location.protocol().ok()? == "https:" {
        "wss"
    } else {
        "ws"
    };
    Some(format!(
        "{scheme}://{}/ws/feed?after={after}",
        location.host().ok()?
    ))
}

fn open(feed: Feed, session: u32) {
    let live = feed.live;
    let after = newest_id(&live.recent.get_untracked());
    let Some(ws) = feed_url(after).and_then(|url| WebSocket::new(&url).ok()) else {
        retry_later(feed, session);
        return;
    };
    live.status.set(LiveStatus::Connecting);

    let on_open = Closure::<dyn FnMut()>::new(move || {
        if feed.current_session() != session {
            return;
        }
        feed.link.update_value(|link| link.attempt = 0);
        live.status.set(LiveStatus::Live);
        // The server replays what came after `after`, then every online
        // friend's presence.
        live.friends.set(Vec::new());
    });
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        if feed.current_session() != session {
            return;
        }
        if let Some(text) = event.data().as_string() {
            on_message(feed, session, &text);
        }
    });
    let on_close = Closure::<dyn FnMut(CloseEvent)>::new(move |event: CloseEvent| {
        if feed.current_session() != session {
            return;
        }
        match event.code() {
            SESSION_ENDED => session_ended(feed, session),
            REPLACED => {
                feed.link.update_value(|link| link.socket = None);
                live.status.set(LiveStatus::Reconnecting);
            }
            _ => retry_later(feed, session),
        }
    });
    ws.set_onopen(Some(on_open.as_ref().unchecked_ref()));
    ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    ws.set_onclose(Some(on_close.as_ref().unchecked_ref()));
    let socket = Socket {
        ws,
        _on_open: on_open,
        _on_message: on_message,
        _on_close: on_close,
    };
    // Replacing the previous socket drops its handlers; this never runs
    // inside them (reconnects start from a timer or an event listener).
    feed.link.update_value(|link| {
        if let Some(old) = link.socket.replace(socket) {
            old.shut();
        }
    });
}

fn on_message(feed: Feed, session: u32, text: &str) {
    let live = feed.live;
    match serde_json::from_str::<ServerMessage>(text) {
        Ok(ServerMessage::Event { event }) => {
            live.recent.update(|recent| {
                add_event(recent, *event);
            });
        }
        Ok(ServerMessage::Presence(presence)) => {
            let now = js_sys::Date::now();
            live.friends
                .update(|friends| set_presence(friends, presence, now));
        }
        Ok(ServerMessage::FriendRequests { pending }) => {
            crate::pwa::show_friend_requests(pending as usize);
        }
        Ok(ServerMessage::Notifications { unread }) => live.unread.set(unread),
        Ok(ServerMessage::PlaylistChanged { playlist_id }) => {
            live.playlist_changed.update(|last| {
                let count = last.map_or(0, |(_, n)| n.wrapping_add(1));
                *last = Some((playlist_id, count));
            });
        }
        Ok(ServerMessage::Resync) => {
            leptos::task::spawn_local(async move {
                load_first_page(live).await;
                if feed.current_session() == session {
                    send_resume(feed, newest_id(&live.recent.get_untracked()));
                }
            });
        }
        Ok(ServerMessage::Error { message }) => leptos::logging::warn!("feed socket: {message}"),
        Err(e) => leptos::logging::warn!("feed socket sent something unknown: {e}"),
    }
}

fn send_resume(feed: Feed, after: i64) {
    let Ok(text) = serde_json::to_string(&ClientMessage::Resume { after }) else {
        return;
    };
    feed.link.with_value(|link| {
        if let Some(socket) = &link.socket {
            let _ = socket.ws.send_with_str(&text);
        }
    });
}

/// The server closed the socket because its session ended: signed out
/// (here or elsewhere), the account shows it; still signed in (this
/// tab's session got a new id), reconnect now.
fn session_ended(feed: Feed, session: u32) {
    feed.live.status.set(LiveStatus::Reconnecting);
    leptos::task::spawn_local(async move {
        let me = crate::account::client::me().await;
        if feed.current_session() != session {
            return;
        }
        match me {
            Some(_) => open(feed, session),
            // The account's effect stops the link.
            None => feed.account.me.set(None),
        }
    });
}

/// Waits (exponential backoff with jitter), then opens a new socket.
fn retry_later(feed: Feed, session: u32) {
    feed.live.status.set(LiveStatus::Reconnecting);
    let attempt = {
        let mut link = feed.link.write_value();
        link.attempt += 1;
        link.attempt
    };
    let base =
        (FIRST_RETRY_MS * 2f64.powi(attempt.saturating_sub(1).min(8) as i32)).min(MAX_RETRY_MS);
    let delay = base * (0.8 + 0.4 * js_sys::Math::random());
    let handle = set_timeout_with_handle(
        move || {
            feed.link.update_value(|link| link.retry = None);
            if feed.current_session() == session {
                open(feed, session);
            }
        },
        Duration::from_millis(delay as u64),
    );
    feed.link.update_value(|link| {
        if let Some(old) = link.retry.take() {
            old.clear();
        }
        link.retry = handle.ok();
    });
}

/// Back online, or back to the tab: reconnect now rather than at the end
/// of the backoff.
fn wake(feed: Feed) {
    let (wanted, healthy, session) = feed.link.with_value(|link| {
        let healthy = link.socket.as_ref().is_some_and(Socket::is_open_or_opening);
        (link.wanted, healthy, link.session)
    });
    if !wanted || healthy {
        return;
    }
    feed.link.update_value(|link| {
        if let Some(retry) = link.retry.take() {
            retry.clear();
        }
        link.attempt = 0;
    });
    open(feed, session);
}

fn install_wake_listeners(feed: Feed) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let on_wake = Closure::<dyn FnMut()>::new(move || {
        let visible = web_sys::window()
            .and_then(|w| w.document())
            .is_none_or(|d| d.visibility_state() == web_sys::VisibilityState::Visible);
        if visible {
            wake(feed);
        }
    });
    let callback = on_wake.as_ref().unchecked_ref();
    let _ = window.add_event_listener_with_callback("online", callback);
    let _ = window.add_event_listener_with_callback("pageshow", callback);
    if let Some(document) = window.document() {
        let _ = document.add_event_listener_with_callback("visibilitychange", callback);
    }
    // Listens for the page's lifetime.
    on_wake.forget();
}

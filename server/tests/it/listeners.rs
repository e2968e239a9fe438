//! Listeners driven by session cookie (no cookie jar: the socket handshake
//! needs the header itself), their feed sockets, and reading messages off
//! them. Shared by the live feed and presence tests.

use std::time::Duration;

use futures_util::StreamExt;
use reqwest::Method;
use serde_json::{json, Value};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use crate::helpers::{Site, TestApp};

pub type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// How long a test waits for a message that should come.
pub const ARRIVES: Duration = Duration::from_secs(5);
/// How long a test listens, after a marker, for one that should not.
pub const QUIET: Duration = Duration::from_millis(300);

/// A signed-up listener, by session cookie.
pub struct Listener {
    pub cookie: String,
}

/// Signs `username` up (display name = username).
pub async fn listener(app: &impl Site, username: &str) -> Listener {
    let body = json!({"username": username, "display_name": username, "password": "correct horse battery"});
    let response = app
        .http()
        .post(app.link("/api/auth/signup"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let cookie = session_cookie(&response).expect("a session cookie");
    Listener { cookie }
}

/// The `chorus_session=…` pair a response sets, if it sets one.
pub fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.starts_with("chorus_session="))
        .and_then(|value| value.split(';').next())
        .map(str::to_owned)
}

impl Listener {
    pub async fn call(&self, app: &impl Site, method: Method, path: &str) -> reqwest::Response {
        app.http()
            .request(method, app.link(path))
            .header("cookie", &self.cookie)
            .send()
            .await
            .unwrap()
    }

    pub async fn send_json(
        &self,
        app: &impl Site,
        method: Method,
        path: &str,
        body: Value,
    ) -> reqwest::Response {
        app.http()
            .request(method, app.link(path))
            .header("cookie", &self.cookie)
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    /// Sends `body` (`null`: none) and expects `status` on an answer that
    /// is never cached; the answer's JSON (`null` for none).
    pub async fn expect(
        &self,
        app: &impl Site,
        method: Method,
        path: &str,
        body: Value,
        status: u16,
    ) -> Value {
        let response = self.send_json(app, method.clone(), path, body).await;
        let got = response.status().as_u16();
        assert_eq!(
            crate::helpers::header(&response, "cache-control"),
            "private, no-store",
            "{method} {path}"
        );
        let text = response.text().await.unwrap();
        assert_eq!(got, status, "{method} {path}: {text}");
        serde_json::from_str(&text).unwrap_or(Value::Null)
    }

    /// `GET /api/me`: the account as the server has it now.
    pub async fn me(&self, app: &impl Site) -> Value {
        let response = self.call(app, Method::GET, "/api/me").await;
        assert_eq!(response.status(), 200);
        response.json().await.unwrap()
    }

    pub async fn like(&self, app: &impl Site, track: i64) {
        let path = format!("/api/tracks/{track}/like");
        assert_eq!(self.call(app, Method::PUT, &path).await.status(), 200);
    }

    pub async fn unlike(&self, app: &impl Site, track: i64) {
        let path = format!("/api/tracks/{track}/like");
        self.call(app, Method::DELETE, &path).await;
    }

    /// Reports the player's state (`POST /api/now-playing`).
    pub async fn report(&self, app: &impl Site, track: i64, position_ms: u64, paused: bool) {
        let body = json!({"track_id": track, "position_ms": position_ms, "paused": paused});
        let response = self
            .send_json(app, Method::POST, "/api/now-playing", body)
            .await;
        assert_eq!(response.status(), 204);
    }

    pub async fn set_privacy(&self, app: &impl Site, activity: &str) {
        let body = json!({ "activity": activity });
        let response = self
            .send_json(app, Method::PUT, "/api/me/privacy", body)
            .await;
        assert_eq!(response.status(), 200);
    }

    pub async fn private_session(&self, app: &impl Site, enabled: bool) -> Value {
        let body = json!({ "enabled": enabled });
        let response = self
            .send_json(app, Method::PUT, "/api/me/private-session", body)
            .await;
        assert_eq!(response.status(), 200);
        response.json().await.unwrap()
    }

    pub async fn connect(&self, app: &impl Site) -> Socket {
        self.connect_with(app, "").await
    }

    /// Opens a feed socket that resumes after event `after`.
    pub async fn connect_after(&self, app: &impl Site, after: i64) -> Socket {
        self.connect_with(app, &format!("?after={after}")).await
    }

    /// Opens a feed socket with `query` (`""` or `?…`) in its URL.
    pub async fn connect_with(&self, app: &impl Site, query: &str) -> Socket {
        let url = app.address().replace("http://", "ws://") + "/ws/feed" + query;
        let mut request = url.into_client_request().unwrap();
        request
            .headers_mut()
            .insert("cookie", self.cookie.parse().unwrap());
        request
            .headers_mut()
            .insert("origin", app.address().parse().unwrap());
        let (socket, response) = tokio_tungstenite::connect_async(request).await.unwrap();
        assert_eq!(response.status(), 101);
        socket
    }
}

/// Makes `a` and `b` friends (a asks, b accepts).
pub async fn friends(app: &impl Site, a: &Listener, a_name: &str, b: &Listener, b_name: &str) {
    a.call(app, Method::POST, &format!("/api/friends/{b_name}"))
        .await;
    b.call(app, Method::POST, &format!("/api/friends/{a_name}"))
        .await;
}

/// The next JSON message, or `None` within `wait`. Pings are skipped, and
/// so are the counts of `friend_requests` and unread `notifications`,
/// which come with every opening and every change of theirs:
/// [`next_friend_requests`] and [`next_unread`] read those.
pub async fn next_json(socket: &mut Socket, wait: Duration) -> Option<Value> {
    next_text_where(socket, wait, |message| {
        message["type"] != "friend_requests" && message["type"] != "notifications"
    })
    .await
}

/// The next count of unread notifications (other messages are skipped),
/// or `None` within `wait`.
pub async fn next_unread(socket: &mut Socket, wait: Duration) -> Option<u64> {
    let message =
        next_text_where(socket, wait, |message| message["type"] == "notifications").await?;
    Some(message["unread"].as_u64().expect("a count"))
}

/// The next `friend_requests` count (other messages are skipped), or `None`
/// within `wait`.
pub async fn next_friend_requests(socket: &mut Socket, wait: Duration) -> Option<u64> {
    let message =
        next_text_where(socket, wait, |message| message["type"] == "friend_requests").await?;
    Some(message["pending"].as_u64().expect("a count"))
}

async fn next_text_where(
    socket: &mut Socket,
    wait: Duration,
    wanted: impl Fn(&Value) -> bool,
) -> Option<Value> {
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        let message = tokio::time::timeout_at(deadline, socket.next())
            .await
            .ok()??
            .unwrap();
        if let Message::Text(text) = message {
            let message: Value = serde_json::from_str(&text).unwrap();
            if wanted(&message) {
                return Some(message);
            }
        }
    }
}

/// The next message, which must be an event; its `event`.
pub async fn expect_event(socket: &mut Socket) -> Value {
    let message = next_json(socket, ARRIVES).await.expect("an event");
    assert_eq!(message["type"], "event", "{message}");
    message["event"].clone()
}

/// The next message, which must be presence.
pub async fn expect_presence(socket: &mut Socket) -> Value {
    let message = next_json(socket, ARRIVES).await.expect("presence");
    assert_eq!(message["type"], "presence", "{message}");
    message
}

/// Asserts nothing arrives within [`QUIET`].
pub async fn expect_quiet(socket: &mut Socket) {
    if let Some(message) = next_json(socket, QUIET).await {
        panic!("expected nothing, got {message}");
    }
}

/// Reads until the server's close frame, within `wait`: its code, and the
/// JSON messages that came before it (`friend_requests` counts aside). After the close nothing arrives: the
/// stream ends.
pub async fn closed(socket: &mut Socket, wait: Duration) -> (u16, Vec<Value>) {
    let deadline = tokio::time::Instant::now() + wait;
    let mut before = Vec::new();
    let code = loop {
        let message = tokio::time::timeout_at(deadline, socket.next())
            .await
            .unwrap_or_else(|_| panic!("no close within {wait:?}; got {before:?}"));
        match message {
            Some(Ok(Message::Close(frame))) => break u16::from(frame.expect("a close code").code),
            Some(Ok(Message::Text(text))) => {
                let message: Value = serde_json::from_str(&text).unwrap();
                if message["type"] != "friend_requests" {
                    before.push(message);
                }
            }
            Some(Ok(_)) => {}
            other => panic!("the socket ended without a close frame: {other:?}"),
        }
    };
    if let Ok(Some(Ok(after))) = tokio::time::timeout(QUIET, socket.next()).await {
        assert!(
            matches!(after, Message::Close(_)),
            "{after:?} arrived after the close"
        );
    }
    (code, before)
}

/// The ids of the newest `n` tracks.
pub async fn track_ids(app: &TestApp, n: usize) -> Vec<i64> {
    let page = app.json(&format!("/api/tracks?limit={n}")).await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_i64().unwrap())
        .collect()
}

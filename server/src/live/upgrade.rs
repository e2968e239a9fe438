//! Accepting a feed socket: a signed-in session, a same-origin page (a
//! WebSocket handshake is not covered by CORS), small buffers; none while
//! the instance drains (503: the client retries, reaching another one).
//! `?after=ID` names the newest event the client has: the socket replays
//! what came after it before anything live.

use axum::extract::ws::WebSocketUpgrade;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use chorus_realtime::protocol::MAX_CLIENT_MESSAGE;
use http::header::{HOST, ORIGIN};
use http::HeaderMap;

use super::session_watch::SessionWatch;
use super::{connection, FeedContext};
use crate::auth::{signed_in, AuthSession};
use crate::http::error::ApiError;
use crate::state::AppState;

/// Read and write buffers per socket (tungstenite's default read buffer of
/// 128 KiB would cost ~1 GB per 10,000 idle sockets).
const SOCKET_BUFFER: usize = 4 * 1024;

/// Whether the handshake comes from a page of this site (or from a client
/// that is not a browser, which sends no `Origin`).
fn same_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(ORIGIN).and_then(|o| o.to_str().ok()) else {
        return true;
    };
    let host = headers
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default();
    let authority = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"));
    authority == Some(host)
}

/// The handshake's query.
#[derive(Debug, serde::Deserialize)]
pub struct FeedQuery {
    /// The newest event id the client has.
    after: Option<i64>,
}

/// The live friend feed (WebSocket).
///
/// Friends' events as they happen, `resume` by event id without gaps or
/// duplicates, and friends' presence. The protocol is in docs/realtime.md.
#[utoipa::path(
    get,
    path = "/ws/feed",
    tag = "live",
    security(("session" = [])),
    params(
        ("after" = Option<i64>, Query, minimum = 0,
            description = "The newest event id the client has: what came after it is replayed before anything live"),
    ),
    responses(
        (status = 101, description = "Switching to the WebSocket protocol (docs/realtime.md)"),
        (status = 400, description = "Not a WebSocket handshake (axum's plain-text rejection), or `after` is not an event id", body = String, content_type = "text/plain"),
        (status = 401, description = "Not signed in", body = crate::http::error::ErrorBody),
        (status = 403, description = "`cross-origin request refused`: the `Origin` is not this site", body = crate::http::error::ErrorBody),
        (status = 503, description = "This instance is draining; reconnect (to another one)", body = crate::http::error::ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
pub async fn feed_socket(
    State(state): State<AppState>,
    auth: AuthSession,
    headers: HeaderMap,
    query: Result<Query<FeedQuery>, axum::extract::rejection::QueryRejection>,
    upgrade: WebSocketUpgrade,
) -> Result<Response, ApiError> {
    if state.drain.is_draining() {
        return Err(ApiError::Unavailable(
            "this instance is shutting down; reconnect",
        ));
    }
    if !same_origin(&headers) {
        return Err(ApiError::Forbidden("cross-origin request refused"));
    }
    let viewer = signed_in(&auth)?.id;
    let Query(FeedQuery { after }) = query
        .map_err(|_| ApiError::BadRequest("after must be an event id (a whole number)".into()))?;
    if after.is_some_and(|after| after < 0) {
        return Err(ApiError::BadRequest("after must not be negative".into()));
    }
    let session = match auth.session.id() {
        Some(id) => SessionWatch::start(state.sessions.clone(), id).await,
        None => None,
    }
    .ok_or(ApiError::Unauthorized("sign in first"))?;
    let context = FeedContext::from(&state);
    let start = connection::Start::read(&context, viewer, after, session).await?;
    Ok(upgrade
        .read_buffer_size(SOCKET_BUFFER)
        .write_buffer_size(SOCKET_BUFFER)
        .max_message_size(MAX_CLIENT_MESSAGE)
        .max_frame_size(MAX_CLIENT_MESSAGE)
        .on_upgrade(move |socket| connection::run(socket, context, viewer, start))
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(origin: Option<&str>, host: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(HOST, host.parse().unwrap());
        if let Some(o) = origin {
            h.insert(ORIGIN, o.parse().unwrap());
        }
        h
    }

    #[test]
    fn only_this_sites_pages_may_open_a_feed() {
        assert!(same_origin(&headers(
            Some("http://127.0.0.1:3000"),
            "127.0.0.1:3000"
        )));
        assert!(same_origin(&headers(
            Some("https://chorus.example"),
            "chorus.example"
        )));
        assert!(same_origin(&headers(None, "chorus.example")));
        assert!(!same_origin(&headers(
            Some("https://evil.example"),
            "chorus.example"
        )));
        assert!(!same_origin(&headers(
            Some("https://chorus.example.evil"),
            "chorus.example"
        )));
        assert!(!same_origin(&headers(Some("null"), "chorus.example")));
    }
}

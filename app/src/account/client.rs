//! Browser calls to the account API (`/api/auth/*`, `/api/me*`). Errors are
//! the server's own messages, ready to show.

use chorus_domain::{ActivityPrivacy, Me};
use gloo_net::http::{Request, Response};
use serde::Deserialize;
use serde_json::{json, Value};

#[derive(Deserialize)]
struct ErrorBody {
    error: String,
}

async fn error_of(response: Response) -> String {
    match response.json::<ErrorBody>().await {
        Ok(body) => body.error,
        Err(_) => format!("the server answered {}", response.status()),
    }
}

const OFFLINE: &str = "Chorus can't be reached. Check your connection and try again.";

/// Sends a JSON API request; an error status becomes the server's message.
pub(crate) async fn send(
    method: &str,
    path: &str,
    body: Option<Value>,
) -> Result<Response, String> {
    let builder = match method {
        "PUT" => Request::put(path),
        "GET" => Request::get(path),
        "DELETE" => Request::delete(path),
        _ => Request::post(path),
    };
    let request = match body {
        Some(body) => builder.json(&body).map_err(|e| e.to_string())?,
        None => builder.build().map_err(|e| e.to_string())?,
    };
    let response = request.send().await.map_err(|_| OFFLINE.to_owned())?;
    if response.ok() {
        Ok(response)
    } else {
        Err(error_of(response).await)
    }
}

async fn account(method: &str, path: &str, body: Value) -> Result<Me, String> {
    let response = send(method, path, Some(body)).await?;
    response.json::<Me>().await.map_err(|e| e.to_string())
}

/// Who is signed in (`None` when nobody is).
pub async fn me() -> Result<Option<Me>, String> {
    match send("GET", "/api/me", None).await {
        Ok(response) => response
            .json::<Me>()
            .await
            .map(Some)
            .map_err(|e| e.to_string()),
        Err(_) => Ok(None),
    }
}

pub async fn sign_up(username: &str, display_name: &str, password: &str) -> Result<Me, String> {
    let body = json!({"username": username, "display_name": display_name, "password": password});
    account("POST", "/api/auth/signup", body).await
}

pub async fn log_in(username: &str, password: &str) -> Result<Me, String> {
    account(
        "POST",
        "/api/auth/login",
        json!({"username": username, "password": password}),
    )
    .await
}

pub async fn log_out() -> Result<(), String> {
    send("POST", "/api/auth/logout", None).await.map(|_| ())
}

pub async fn change_password(current: &str, new: &str) -> Result<(), String> {
    let body = json!({"current_password": current, "new_password": new});
    send("PUT", "/api/me/password", Some(body))
        .await
        .map(|_| ())
}

pub async fn set_privacy(privacy: ActivityPrivacy) -> Result<Me, String> {
    account("PUT", "/api/me/privacy", json!({"activity": privacy})).await
}

/// Starts or ends a private session (ghost mode).
pub async fn set_private_session(enabled: bool) -> Result<Me, String> {
    account(
        "PUT",
        "/api/me/private-session",
        json!({ "enabled": enabled }),
    )
    .await
}

/// Reports the listener's position in a track (`POST /api/now-playing`).
pub async fn report_listening(
    track: chorus_domain::TrackId,
    position_ms: u64,
    paused: bool,
) -> Result<(), String> {
    let body = json!({"track_id": track, "position_ms": position_ms, "paused": paused});
    send("POST", "/api/now-playing", Some(body))
        .await
        .map(|_| ())
}

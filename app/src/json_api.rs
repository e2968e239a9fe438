//! How the browser calls the JSON API: [`call`] with an endpoint of
//! [`chorus_domain::api`] and the concrete path its path functions build.
//! Every browser call to `/api/...` goes through it; the `client` modules
//! of `account`, `social` and `discover` name the calls.

use chorus_domain::api::{Endpoint, Method};
use gloo_net::http::{Request, Response};
use serde::Deserialize;

/// The error of a call that never reached the server.
pub(crate) const OFFLINE: &str = "Chorus can't be reached. Check your connection and try again.";

/// The API's error body.
#[derive(Deserialize)]
struct ErrorBody {
    error: String,
}

/// Calls `E` at `path` with `request` and reads its answer. An error is a
/// message ready to show: the server's own for an error status.
pub(crate) async fn call<E: Endpoint>(
    path: &str,
    request: &E::Request,
) -> Result<E::Response, String> {
    let builder = match E::METHOD {
        Method::Get => Request::get(path),
        Method::Post => Request::post(path),
        Method::Put => Request::put(path),
        Method::Patch => Request::patch(path),
        Method::Delete => Request::delete(path),
    };
    // `()`, no body, serializes as `null`: nothing is sent.
    let body = serde_json::to_string(request).map_err(|e| e.to_string())?;
    let request = if body == "null" {
        builder.build()
    } else {
        builder
            .header("Content-Type", "application/json")
            .body(body)
    };
    let response = request
        .map_err(|e| e.to_string())?
        .send()
        .await
        .map_err(|_| OFFLINE.to_owned())?;
    if !response.ok() {
        return Err(error_of(response).await);
    }
    // A 204 has no body: it reads as `null`, that is `()`.
    let text = response.text().await.map_err(|e| e.to_string())?;
    let json = if text.is_empty() { "null" } else { &text };
    serde_json::from_str(json).map_err(|e| e.to_string())
}

async fn error_of(response: Response) -> String {
    match response.json::<ErrorBody>().await {
        Ok(body) => body.error,
        Err(_) => format!("the server answered {}", response.status()),
    }
}

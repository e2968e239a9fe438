//! `GET /share?title=&text=&url=`: the installed app's share target (the
//! manifest's `share_target`). A Chorus link shared to the app opens it:
//! the first album, artist, track or listener page path found in `url`,
//! then in `text` (a link of any host gives only its path, so the answer
//! never leads away from this site). Anything else shared is searched
//! for; nothing at all opens the home page.

use axum::extract::Query;
use axum::http::header::LOCATION;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chorus_domain::search::MAX_QUERY_CHARS;
use chorus_domain::PublicPage;
use serde::Deserialize;

use crate::http::cache::CachePolicy;

/// What the system share sheet sends (every field optional).
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct Shared {
    /// The shared page's title.
    title: Option<String>,
    /// Free text, which may hold a link.
    text: Option<String>,
    /// The shared link.
    url: Option<String>,
}

/// `GET /share` → 303 to the shared Chorus page, a search, or home.
#[utoipa::path(
    get,
    path = "/share",
    summary = "Open what was shared to the installed app",
    tag = "pages",
    params(Shared),
    responses(
        (status = 303, description = "To the shared album, artist, track or listener page; else to a search for the shared text; else home",
            headers(("Location" = String, description = "A path on this site"))),
    )
)]
pub async fn share(Query(shared): Query<Shared>) -> Response {
    let mut words = [&shared.url, &shared.text]
        .into_iter()
        .flatten()
        .flat_map(|field| field.split_whitespace());
    let target = words
        .find_map(PublicPage::from_link)
        .map(|page| page.to_string())
        .or_else(|| search_path(&shared))
        .unwrap_or_else(|| "/".to_owned());
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(location) = HeaderValue::from_str(&target) {
        response.headers_mut().insert(LOCATION, location);
    }
    CachePolicy::NoStore.apply(response.headers_mut());
    response
}

/// A search for the shared text (or title), if there is any.
fn search_path(shared: &Shared) -> Option<String> {
    let query: String = [&shared.text, &shared.title]
        .into_iter()
        .flatten()
        .map(|s| s.trim())
        .find(|s| !s.is_empty())?
        .chars()
        .take(MAX_QUERY_CHARS)
        .collect();
    let encoded: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("q", &query)
        .finish();
    Some(format!("/search?{encoded}"))
}

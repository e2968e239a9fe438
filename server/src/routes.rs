//! The router: which path goes to which handler, and the layers around them.

pub mod activity;
pub mod api;
pub mod auth;
pub mod cover;
pub mod discovery;
pub mod embed;
pub mod health;
pub mod media;
pub mod notifications;
pub mod openapi;
pub mod playlists;
pub mod profiles;
pub mod service_worker;
pub mod share;
pub mod site;
pub mod sitemap;
pub mod social;

/// A JSON API path of [`chorus_domain::api`] as its handler declares it
/// in `#[utoipa::path(path = ...)]`: the part after
/// [`chorus_domain::api::ROOT`], where the router nests the API (`/api/me`
/// → `/me`). Panics, when the router is built, for a path outside it.
pub(crate) fn in_api(path: &'static str) -> &'static str {
    let root = chorus_domain::api::ROOT;
    path.strip_prefix(root)
        .unwrap_or_else(|| panic!("{path} is not under {root}"))
}

/// An id in a path (a track's, a playlist's, …): one that cannot exist is
/// not found.
pub(crate) fn id_in_path<T: std::str::FromStr>(
    raw: &str,
) -> Result<T, crate::http::error::ApiError> {
    raw.parse()
        .map_err(|_| crate::http::error::ApiError::NotFound)
}

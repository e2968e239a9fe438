//! What every handler can reach: the stores and shared limiters. Cheap to clone.

use std::sync::Arc;

use chorus_catalog::MediaStore;
use chorus_storage::{ActivityStore, CatalogStore, SitemapStore, SocialStore, UserStore};
use leptos::config::LeptosOptions;

/// Shared application state, handed to axum handlers and (as context) to
/// Leptos server functions.
#[derive(Clone)]
pub struct AppState {
    /// The use cases that write (listening, likes, privacy, friendships):
    /// they record, announce on the bus and purge the CDN.
    pub services: chorus_services::Services,
    /// Listeners' libraries (playlists, liked songs, albums, artists).
    pub libraries: chorus_services::Libraries,
    /// Notifications, and dedications to friends.
    pub notifications: chorus_services::Notifications,
    /// Playlists and who may see and edit them.
    pub playlists: chorus_services::Playlists,
    pub catalog: Arc<dyn CatalogStore>,
    pub users: Arc<dyn UserStore>,
    pub social: Arc<dyn SocialStore>,
    pub activity: Arc<dyn ActivityStore>,
    /// The public pages the sitemap lists.
    pub sitemap: Arc<dyn SitemapStore>,
    /// The site's public address, if configured (`--public-url`).
    pub public_url: Option<app::public_url::PublicUrl>,
    /// Compatibility, recommendations, charts and search.
    pub discovery: chorus_discovery::Discovery,
    /// The database behind the stores (pool figures for `/metrics`).
    pub database: crate::database::Database,
    /// Set when the instance drains (shutdown).
    pub drain: crate::drain::Drain,
    /// This instance's feed sockets' news: what hints name, read once.
    pub live: Arc<crate::live::LiveHub>,
    /// Who has a feed socket open here (the leases keeper writes it to
    /// the database).
    pub online: Arc<chorus_realtime::OnlineRegistry>,
    /// Password checks per account (log-in, password change).
    pub login_limiter: crate::auth::rate_limit::LoginLimiter,
    /// Browsers accounts signed in on.
    pub devices: crate::auth::devices::Devices,
    /// The session table (a feed socket reads its session again at its end).
    pub sessions: crate::auth::session_store::DatabaseSessions,
    pub media: MediaStore,
    pub leptos: LeptosOptions,
}

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}

impl AppState {
    /// The site's public address for a request with `headers`
    /// ([`app::public_url::PublicUrl::for_request`]).
    pub fn public_url_for(
        &self,
        headers: &http::HeaderMap,
    ) -> Result<app::public_url::PublicUrl, crate::http::error::ApiError> {
        app::public_url::PublicUrl::for_request(self.public_url.as_ref(), headers).ok_or_else(
            || crate::http::error::ApiError::BadRequest("the request names no valid Host".into()),
        )
    }
}

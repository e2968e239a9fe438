//! What every handler can reach: the stores and shared limiters. Cheap to clone.

use std::sync::Arc;

use chorus_catalog::MediaStore;
use chorus_storage::{ActivityStore, CatalogStore, SocialStore, UserStore};
use leptos::config::LeptosOptions;

/// Shared application state, handed to axum handlers and (as context) to
/// Leptos server functions.
#[derive(Clone)]
pub struct AppState {
    pub catalog: Arc<dyn CatalogStore>,
    pub users: Arc<dyn UserStore>,
    pub social: Arc<dyn SocialStore>,
    pub activity: Arc<dyn ActivityStore>,
    /// Compatibility, recommendations, charts and search.
    pub discovery: chorus_discovery::Discovery,
    /// The database behind the stores (pool figures for `/metrics`).
    pub database: crate::database::Database,
    /// Set when the instance drains (shutdown).
    pub drain: crate::drain::Drain,
    /// Hints from activity writers to every instance's live hub.
    pub fanout: Arc<dyn chorus_realtime::Fanout>,
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
    /// Drops CDN-cached public pages when what they show changes.
    pub purger: crate::cdn::Purger,
    pub media: MediaStore,
    pub leptos: LeptosOptions,
}

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}

impl AppState {
    /// Tells live feed sockets about newly recorded events.
    pub fn announce(&self, recorded: impl IntoIterator<Item = chorus_storage::Recorded>) {
        for event in recorded {
            self.fanout.publish(chorus_realtime::Hint::Activity {
                activity_id: event.id,
                user: event.user,
            });
        }
    }

    /// Tells live feed sockets that these listeners' presence may have
    /// changed (what they play, privacy).
    pub fn announce_presence(&self, users: impl IntoIterator<Item = chorus_domain::UserId>) {
        for user in users {
            self.fanout
                .publish(chorus_realtime::Hint::Presence { user });
        }
    }

    /// Tells every instance that a session of `user` ended (`session`: its
    /// fingerprint; `None`: all of them), so its feed sockets close.
    pub fn announce_session_ended(&self, user: chorus_domain::UserId, session: Option<u64>) {
        self.fanout
            .publish(chorus_realtime::Hint::SessionEnded { user, session });
    }

    /// Tells live feed sockets that these listeners' friendships changed:
    /// their own sockets read their friend set again.
    pub fn announce_friendships(&self, users: impl IntoIterator<Item = chorus_domain::UserId>) {
        for user in users {
            self.fanout.publish(chorus_realtime::Hint::Friends { user });
        }
    }
}

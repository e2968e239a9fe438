//! Starting the server: open the stores, write the demo catalog if the
//! catalog is empty, build the router and bind the listener. Tests call
//! [`Application::build`] with port 0 and a fresh data folder.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use chorus_catalog::{demo, Importer, MediaStore};
use chorus_storage::{ActivityStore, CatalogStore, SocialStore, UserStore};
use chorus_storage_sqlite::SqliteStore;
use tokio::net::TcpListener;

use crate::auth::rate_limit::UsernameLimiter;
use crate::auth::sessions::session_layer;
use crate::http::cache::CachePolicy;
use crate::live::LiveHub;
use crate::progress;
use crate::router::router;
use crate::settings::Settings;
use crate::state::AppState;

/// The stores a server or command works with.
#[derive(Clone)]
pub struct Stores {
    pub catalog: Arc<dyn CatalogStore>,
    pub users: Arc<dyn UserStore>,
    pub social: Arc<dyn SocialStore>,
    pub activity: Arc<dyn ActivityStore>,
    pub media: MediaStore,
    /// The database itself, for the session table.
    pub database: SqliteStore,
}

/// Opens the database and the media store named by `settings`.
pub async fn open_stores(settings: &Settings) -> anyhow::Result<Stores> {
    std::fs::create_dir_all(&settings.data_dir)
        .with_context(|| format!("cannot create data folder {}", settings.data_dir.display()))?;
    let url = settings.database_url();
    let database = SqliteStore::open(&url)
        .await
        .with_context(|| format!("cannot open database {url}"))?;
    Ok(Stores {
        catalog: Arc::new(database.clone()),
        users: Arc::new(database.clone()),
        social: Arc::new(database.clone()),
        activity: Arc::new(database.clone()),
        media: MediaStore::new(settings.media_dir()),
        database,
    })
}

/// A server bound to its address, ready to run.
pub struct Application {
    listener: TcpListener,
    router: axum::Router,
    stores: Stores,
}

impl Application {
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let stores = open_stores(&settings).await?;
        if settings.demo_if_empty {
            let importer = Importer::new(stores.catalog.clone(), stores.media.clone());
            let written = demo::ensure_demo_catalog(
                stores.catalog.as_ref(),
                &importer,
                &settings.data_dir,
                progress::rendered,
                progress::imported,
            )
            .await?;
            if let Some(report) = written {
                progress::summary(&report);
            }
        }
        let listener = TcpListener::bind(settings.addr)
            .await
            .with_context(|| format!("cannot listen on {}", settings.addr))?;
        let sessions =
            session_layer(stores.database.pool().clone(), settings.secure_cookies).await?;
        let fanout: Arc<dyn chorus_realtime::Fanout> =
            Arc::new(chorus_realtime::LocalFanout::new());
        let online = Arc::new(chorus_realtime::OnlineRegistry::new(fanout.clone()));
        let live = LiveHub::start(
            fanout.as_ref(),
            stores.activity.clone(),
            stores.social.clone(),
            &online,
        )
        .await?;
        let state = AppState {
            catalog: stores.catalog.clone(),
            users: stores.users.clone(),
            social: stores.social.clone(),
            activity: stores.activity.clone(),
            online,
            live,
            fanout,
            login_limiter: UsernameLimiter::new(settings.auth_limits),
            purger: match crate::cdn::from_url(&settings.cdn)? {
                Some(cdn) => crate::cdn::Purger::spawn(cdn),
                None => crate::cdn::Purger::none(),
            },
            media: stores.media.clone(),
            leptos: settings.site,
        };
        Ok(Self {
            listener,
            router: router(
                state,
                sessions,
                settings.auth_limits,
                CachePolicy::PublicPage {
                    cdn_ttl: settings.page_ttl,
                },
            ),
            stores,
        })
    }

    /// The stores this server works with (tests seed and inspect them).
    pub fn stores(&self) -> &Stores {
        &self.stores
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until `shutdown` completes, then finishes in-flight requests.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let service = self
            .router
            .into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(self.listener, service)
            .with_graceful_shutdown(shutdown)
            .await
    }
}

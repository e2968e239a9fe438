//! Starting the server: open the stores, write the demo catalog if the
//! catalog is empty, connect the bus, build the router and bind the
//! listener; and stopping it: drain, then exit within a bounded time. Tests
//! call [`Application::build`] with port 0 and a fresh data folder.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use chorus_catalog::{demo, Importer, MediaStore};
use chorus_discovery::Discovery;
use chorus_domain::{Clock, SystemClock};
use chorus_realtime::{Fanout, LocalFanout, NatsFanout, OnlineRegistry};
use chorus_storage::{ActivityStore, CatalogStore, OnlineStore, SocialStore, UserStore};
use tokio::net::TcpListener;

use crate::auth::devices::Devices;
use crate::auth::rate_limit::LoginLimiter;
use crate::auth::sessions::session_layer;
use crate::charts::ChartRefresher;
use crate::database::Database;
use crate::drain::Drain;
use crate::http::cache::CachePolicy;
use crate::http::connections::{serve, ConnectionLimits};
use crate::live::{Leases, LiveHub};
use crate::progress;
use crate::router::{router, RouterSettings};
use crate::settings::Settings;
use crate::state::AppState;

/// The stores a server or command works with.
#[derive(Clone)]
pub struct Stores {
    pub catalog: Arc<dyn CatalogStore>,
    pub users: Arc<dyn UserStore>,
    pub social: Arc<dyn SocialStore>,
    pub activity: Arc<dyn ActivityStore>,
    pub transactions: Arc<dyn chorus_storage::Transactions>,
    pub online: Arc<dyn OnlineStore>,
    pub sitemap: Arc<dyn chorus_storage::SitemapStore>,
    pub playlists: Arc<dyn chorus_storage::PlaylistStore>,
    pub notifications: Arc<dyn chorus_storage::NotificationStore>,
    pub discovery: Discovery,
    pub media: MediaStore,
    /// The database itself, for the session table and pool figures.
    pub database: Database,
    /// The one clock everything in the process reads.
    pub clock: Arc<dyn Clock>,
}

/// Opens the database and the media store named by `settings`.
pub async fn open_stores(settings: &Settings) -> anyhow::Result<Stores> {
    std::fs::create_dir_all(&settings.data_dir)
        .with_context(|| format!("cannot create data folder {}", settings.data_dir.display()))?;
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let database = Database::open(&settings.database_url(), &settings.pool, clock.clone()).await?;
    let stores = database.stores();
    Ok(Stores {
        catalog: stores.clone(),
        users: stores.clone(),
        social: stores.clone(),
        activity: stores.clone(),
        transactions: stores.clone(),
        online: stores.clone(),
        sitemap: stores.clone(),
        playlists: stores.clone(),
        notifications: stores.clone(),
        discovery: Discovery::new(
            stores.clone(),
            stores.clone(),
            stores.clone(),
            stores.clone(),
            stores,
        ),
        media: MediaStore::new(settings.media_dir()),
        database,
        clock,
    })
}

/// A server bound to its address, ready to run.
pub struct Application {
    listener: TcpListener,
    router: axum::Router,
    stores: Stores,
    drain: Drain,
    charts: ChartRefresher,
    leases: Leases,
    bus: Option<Arc<NatsFanout>>,
    purger: crate::cdn::Purger,
    connections: ConnectionLimits,
    shutdown_timeout: std::time::Duration,
}

impl Application {
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let stores = open_stores(&settings).await?;
        if settings.demo_if_empty {
            let importer = Importer::new(
                stores.catalog.clone(),
                stores.transactions.clone(),
                stores.media.clone(),
            );
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
        let (session_store, sessions) =
            session_layer(&stores.database, settings.secure_cookies, settings.sessions).await?;
        crate::telemetry::prometheus();
        let instance = instance_id();
        let bus = match settings.bus_url.as_deref() {
            None | Some("") => None,
            Some(url) if url.starts_with("nats://") => Some(
                NatsFanout::connect(url, BUS_SUBJECT, instance.unsigned_abs())
                    .await
                    .with_context(|| format!("cannot use the bus at {url}"))?,
            ),
            Some(url) => anyhow::bail!("unsupported bus URL {url}: use nats://HOST:PORT"),
        };
        let fanout: Arc<dyn Fanout> = match &bus {
            Some(bus) => bus.clone(),
            None => Arc::new(LocalFanout::new()),
        };
        let (changes, changed) = tokio::sync::mpsc::unbounded_channel();
        let online = Arc::new(OnlineRegistry::new(changes));
        let leases = Leases::start(
            instance,
            settings.online_lease,
            &online,
            changed,
            stores.online.clone(),
            fanout.clone(),
            stores.clock.clone(),
        );
        let live = LiveHub::start(
            fanout.as_ref(),
            stores.activity.clone(),
            stores.social.clone(),
            &online,
            stores.clock.clone(),
        )
        .await?;
        let drain = Drain::default();
        tracing::info!(
            instance,
            database = stores.database.engine(),
            bus = if bus.is_some() { "nats" } else { "in-process" },
            "instance starting"
        );
        let purger = match crate::cdn::from_url(&settings.cdn)? {
            Some(cdn) => {
                crate::cdn::Purger::new(cdn, stores.database.stores(), true, stores.clock.clone())
            }
            None => crate::cdn::Purger::none(),
        };
        let charts = ChartRefresher::new(
            stores.discovery.clone(),
            purger.clone(),
            stores.clock.clone(),
        );
        charts.clone().spawn(settings.charts_every, &drain);
        let services = chorus_services::Services::new(
            chorus_services::Stores {
                transactions: stores.transactions.clone(),
                users: stores.users.clone(),
                social: stores.social.clone(),
            },
            fanout.clone(),
            Arc::new(purger.clone()),
            stores.clock.clone(),
        );
        let playlists = chorus_services::Playlists::new(
            chorus_services::PlaylistStores {
                playlists: stores.playlists.clone(),
                social: stores.social.clone(),
                users: stores.users.clone(),
                notifications: stores.notifications.clone(),
                transactions: stores.transactions.clone(),
            },
            services.announcer().clone(),
            Arc::new(purger.clone()),
            stores.clock.clone(),
        );
        let notifications = chorus_services::Notifications::new(
            chorus_services::NotificationStores {
                notifications: stores.notifications.clone(),
                social: stores.social.clone(),
                users: stores.users.clone(),
                catalog: stores.catalog.clone(),
            },
            playlists.clone(),
            services.announcer().clone(),
            stores.clock.clone(),
        );
        let libraries = chorus_services::Libraries::new(
            stores.catalog.clone(),
            stores.social.clone(),
            playlists.clone(),
        );
        let state = AppState {
            services,
            libraries,
            notifications,
            playlists,
            catalog: stores.catalog.clone(),
            users: stores.users.clone(),
            social: stores.social.clone(),
            activity: stores.activity.clone(),
            sitemap: stores.sitemap.clone(),
            public_url: settings.public_url.clone(),
            discovery: stores.discovery.clone(),
            database: stores.database.clone(),
            drain: drain.clone(),
            online,
            live,
            login_limiter: LoginLimiter::new(
                settings.auth_limits,
                stores.database.stores(),
                stores.clock.clone(),
            ),
            devices: Devices::new(
                stores.database.stores(),
                settings.secure_cookies,
                stores.clock.clone(),
            ),
            sessions: session_store,
            media: stores.media.clone(),
            leptos: settings.site,
        };
        let router = router(
            state,
            sessions,
            RouterSettings {
                limits: settings.auth_limits,
                page_policy: CachePolicy::PublicPage {
                    cdn_ttl: settings.page_ttl,
                },
                trusted_proxies: settings.trusted_proxies,
                request_timeout: settings.request_timeout,
                sessions: settings.sessions,
            },
        );
        Ok(Self {
            listener,
            router,
            stores,
            drain,
            charts,
            leases,
            bus,
            purger,
            connections: within_file_limit(settings.connections),
            shutdown_timeout: settings.shutdown_timeout,
        })
    }

    /// The stores this server works with (tests seed and inspect them).
    pub fn stores(&self) -> &Stores {
        &self.stores
    }

    /// The drain of this server: tests start it without stopping the
    /// server, to see what a draining instance answers.
    pub fn drain(&self) -> Drain {
        self.drain.clone()
    }

    /// What refreshes this server's charts (tests refresh on demand).
    pub fn charts(&self) -> ChartRefresher {
        self.charts.clone()
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// The router this application serves (the route-coverage test of the
    /// OpenAPI document reads its routes).
    pub fn router(&self) -> &axum::Router {
        &self.router
    }

    /// Serves until `shutdown` completes, then drains: not ready any more,
    /// no new feed sockets (503), open ones closed with 1001, no new
    /// connections, in-flight requests finished, pending CDN purges sent;
    /// the offline changes of the closed sockets announced. Returns within
    /// the shutdown timeout (plus a second) whatever is left.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let Self {
            listener,
            router,
            drain,
            leases,
            bus,
            purger,
            connections,
            shutdown_timeout,
            ..
        } = self;
        let signal = {
            let drain = drain.clone();
            async move {
                shutdown.await;
                tracing::info!("draining");
                drain.start();
            }
        };
        let server = async {
            serve(listener, router, connections, signal).await;
            Ok::<(), std::io::Error>(())
        };
        let mut server = std::pin::pin!(server);
        // The server returns only once the drain has started, and may return
        // within the very poll that started it (nothing in flight): so the
        // drain's own work waits on the drain, never on which of the two a
        // `select!` happened to see first.
        let requests = async {
            tokio::select! {
                served = &mut server => Some(served),
                () = drain.started() => tokio::time::timeout(shutdown_timeout, &mut server).await.ok(),
            }
        };
        let rest = async {
            drain.started().await;
            tokio::join!(
                drain.sockets_closed(shutdown_timeout),
                purger.flush(shutdown_timeout),
            )
        };
        let (served, (sockets_closed, purged)) = tokio::join!(requests, rest);
        if !sockets_closed {
            tracing::warn!("feed sockets still open at the shutdown timeout");
        }
        if !purged {
            tracing::warn!(
                "CDN purges still pending at exit; they stay queued for the other instances"
            );
        }
        let settle = async {
            leases.settled().await;
            if let Some(bus) = &bus {
                bus.flush().await;
            }
        };
        if tokio::time::timeout(std::time::Duration::from_secs(1), settle)
            .await
            .is_err()
        {
            tracing::warn!("offline changes not all announced before exit");
        }
        let served = served.unwrap_or_else(|| {
            tracing::warn!("requests still in flight at the shutdown timeout");
            Ok(())
        });
        tracing::info!("stopped");
        served
    }
}

/// `limits`, with the connection cap lowered to what the process may open:
/// its file-descriptor limit is raised to the hard limit first, and a
/// margin is kept for the database, media files and the bus.
fn within_file_limit(limits: ConnectionLimits) -> ConnectionLimits {
    const MARGIN: u64 = 256;
    let wanted = u64::try_from(limits.max_connections).unwrap_or(u64::MAX);
    let open_files = rlimit::increase_nofile_limit(wanted.saturating_add(MARGIN)).unwrap_or(0);
    if open_files == 0 || open_files >= wanted.saturating_add(MARGIN) {
        return limits;
    }
    let cap = open_files.saturating_sub(MARGIN).max(1);
    tracing::warn!(
        wanted,
        cap,
        open_files,
        "the open-file limit is too low for --max-connections; capping connections lower (raise `ulimit -n`)"
    );
    ConnectionLimits {
        max_connections: usize::try_from(cap).unwrap_or(usize::MAX),
        ..limits
    }
}

/// The NATS subject every instance publishes hints on and listens to.
const BUS_SUBJECT: &str = "chorus.hints";

/// A random id for this instance's leases and bus messages (no two
/// instances alive at once share one).
fn instance_id() -> i64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u32(std::process::id());
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    // Positive, so it reads well in logs and SQL.
    (hasher.finish() >> 1) as i64
}

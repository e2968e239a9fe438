//! Spawning the app and talking to it.

use std::path::PathBuf;
use std::sync::Arc;

use chorus_catalog::{ImportReport, Importer, MediaStore};
use chorus_server::auth::rate_limit::AuthLimits;
use chorus_server::settings::Settings;
use chorus_server::startup::{Application, Stores};
use chorus_storage::CatalogStore;
use leptos::config::LeptosOptions;
use tempfile::TempDir;

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub catalog: Arc<dyn CatalogStore>,
    pub media: MediaStore,
    /// The server's own stores, to seed what HTTP cannot (e.g. plays at
    /// chosen times).
    pub stores: Stores,
    pub data_dir: TempDir,
    /// Started by [`TestApp::stop`], or directly to see a draining server.
    pub drain: chorus_server::drain::Drain,
    /// Refreshes the charts (and purges their page) when a test says so.
    pub charts: chorus_server::charts::ChartRefresher,
    /// Stops the server (see [`TestApp::stop`]).
    running: std::sync::Mutex<Option<(tokio::sync::oneshot::Sender<()>, RunningServer)>>,
}

type RunningServer = tokio::task::JoinHandle<std::io::Result<()>>;

/// Generous limits so tests that sign many people up are not throttled;
/// the rate-limit tests set their own.
pub const TEST_LIMITS: AuthLimits = AuthLimits {
    per_ip_per_minute: 10_000,
    per_username_per_minute: 10_000,
};

/// The settings of a test server: port 0, `data_dir`, no demo catalog.
pub fn settings(data_dir: PathBuf, auth_limits: AuthLimits) -> Settings {
    let addr = ([127, 0, 0, 1], 0).into();
    Settings {
        addr,
        site: LeptosOptions::builder()
            .output_name("chorus")
            .site_root(data_dir.join("site").display().to_string())
            .site_addr(addr)
            .build(),
        data_dir,
        database_url: None,
        demo_if_empty: false,
        secure_cookies: false,
        auth_limits,
        cdn: "none".into(),
        page_ttl: chorus_server::settings::DEFAULT_PAGE_TTL,
        pool: Default::default(),
        bus_url: None,
        shutdown_timeout: std::time::Duration::from_secs(10),
        online_lease: chorus_server::live::DEFAULT_LEASE,
        // Tests refresh the charts when they want to (TestApp::refresh_charts).
        charts_every: std::time::Duration::from_secs(3600),
        trusted_proxies: Default::default(),
        connections: Default::default(),
        request_timeout: chorus_server::http::timeout::DEFAULT_REQUEST_TIMEOUT,
        sessions: Default::default(),
        public_url: None,
    }
}

/// `Cache-Control` of public pages with the default CDN freshness.
pub const PAGE_POLICY: &str =
    "public, max-age=60, s-maxage=86400, stale-while-revalidate=60, stale-if-error=86400";

/// Starts the server on a random port with an empty catalog.
pub async fn spawn_app() -> TestApp {
    spawn_app_with_limits(TEST_LIMITS).await
}

/// Starts the server with the given authentication rate limits.
pub async fn spawn_app_with_limits(limits: AuthLimits) -> TestApp {
    spawn_app_configured(|settings| settings.auth_limits = limits).await
}

/// Starts the server with settings changed by `configure`. What it logs at
/// `warn` and above goes to the test's captured output (shown when the
/// test fails).
pub async fn spawn_app_configured(configure: impl FnOnce(&mut Settings)) -> TestApp {
    let _ = tracing_subscriber::fmt()
        .with_test_writer()
        .with_max_level(tracing::Level::WARN)
        .try_init();
    let data_dir = tempfile::tempdir().unwrap();
    let mut settings = settings(data_dir.path().to_owned(), TEST_LIMITS);
    configure(&mut settings);
    let app = Application::build(settings).await.unwrap();
    let stores = app.stores().clone();
    let drain = app.drain();
    let charts = app.charts();
    let (catalog, media) = (stores.catalog.clone(), stores.media.clone());
    let address = format!("http://{}", app.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(app.run_until(async {
        let _ = stopped.await;
    }));
    TestApp {
        running: std::sync::Mutex::new(Some((stop, server))),
        address,
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
        catalog,
        media,
        stores,
        data_dir,
        drain,
        charts,
    }
}

/// Starts the server on a fresh PostgreSQL database (dropped with the
/// returned guard, which must outlive the app).
pub async fn spawn_app_on_postgres() -> (TestApp, chorus_storage_postgres::testing::TempDatabase) {
    let database = chorus_storage_postgres::testing::TempDatabase::create().await;
    let url = database.url().to_owned();
    let app = spawn_app_configured(|settings| settings.database_url = Some(url)).await;
    (app, database)
}

/// Starts the server with the sample files imported.
pub async fn spawn_app_with_music() -> TestApp {
    let app = spawn_app().await;
    let report = app.import_samples().await;
    assert_eq!(
        report.added,
        crate::fixtures::sample_files().len(),
        "{report:?}"
    );
    app
}

impl TestApp {
    /// Reports, likes and private sessions written through the services
    /// on this app's database at times the test chooses (announcing
    /// nothing: what the test reads next comes from the database).
    pub fn writes(&self) -> chorus_storage_conformance::Writes {
        let clock =
            chorus_domain::TestClock::at(chorus_domain::Clock::now(&chorus_domain::SystemClock));
        chorus_storage_conformance::Writes::new(
            chorus_services::Stores {
                transactions: self.stores.transactions.clone(),
                users: self.stores.users.clone(),
                social: self.stores.social.clone(),
            },
            std::sync::Arc::new(clock),
        )
    }

    /// Stops the server: it takes no more connections at once and finishes
    /// what it was doing (given 10 s; after that it is aborted, and the
    /// test goes on with the origin gone either way).
    pub async fn stop(&self) {
        let running = self.running.lock().unwrap().take();
        if let Some((stop, mut server)) = running {
            let _ = stop.send(());
            match tokio::time::timeout(std::time::Duration::from_secs(10), &mut server).await {
                Ok(finished) => finished.unwrap().unwrap(),
                Err(_) => {
                    eprintln!("the server did not finish in-flight work within 10 s; aborted");
                    server.abort();
                }
            }
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    /// A client that keeps cookies, like one browser.
    pub fn browser(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap()
    }

    pub fn importer(&self) -> Importer {
        Importer::new(
            self.catalog.clone(),
            self.stores.transactions.clone(),
            self.media.clone(),
        )
    }

    pub fn music_dir(&self) -> PathBuf {
        self.data_dir.path().join("incoming")
    }

    pub async fn import_samples(&self) -> ImportReport {
        crate::fixtures::write_samples(&self.music_dir());
        self.importer()
            .import_dir(&self.music_dir(), |_| {})
            .await
            .unwrap()
    }

    pub async fn json(&self, path: &str) -> serde_json::Value {
        let response = self.get(path).await;
        assert_eq!(response.status(), 200, "GET {path}");
        response.json().await.unwrap()
    }
}

/// A server reachable over HTTP: an in-process [`TestApp`] or a `chorus`
/// process of a cluster test.
pub trait Site {
    /// `http://HOST:PORT`.
    fn address(&self) -> &str;
    fn http(&self) -> &reqwest::Client;
    fn link(&self, path: &str) -> String {
        format!("{}{path}", self.address())
    }
}

impl Site for TestApp {
    fn address(&self) -> &str {
        &self.address
    }
    fn http(&self) -> &reqwest::Client {
        &self.client
    }
}

/// A header as a string, or "" when absent.
pub fn header(response: &reqwest::Response, name: &str) -> String {
    response
        .headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

/// A test case run twice: `NAME::sqlite` on the default embedded database
/// and `NAME::postgres` on a fresh PostgreSQL one.
macro_rules! on_both_databases {
    ($($case:ident),* $(,)?) => {$(
        mod $case {
            #[tokio::test]
            async fn sqlite() {
                super::$case(crate::helpers::spawn_app().await).await;
            }

            #[tokio::test]
            async fn postgres() {
                let (app, _database) = crate::helpers::spawn_app_on_postgres().await;
                super::$case(app).await;
            }
        }
    )*};
}
pub(crate) use on_both_databases;

//! Durable CDN purges, through real Varnish: a purge the CDN did not take
//! is stored and retried until it does; one pending at SIGTERM is sent
//! before the instance exits; one pending at a crash is sent by the next
//! instance. Switching activity to private empties the public profile at
//! once. The CDN "outage" is a gate between the server and Varnish that
//! drops purge connections while closed; pages still flow through Varnish.

use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::Method;
use tokio::net::{TcpListener, TcpStream};

use crate::helpers::{header, TestApp};
use crate::listeners::{listener, Listener};
use crate::process::Instance;
use crate::varnish::{behind_varnish, free_port, Varnish};

/// A TCP gate in front of Varnish's purge port: open, it forwards; closed,
/// it cuts the connections it holds and drops each new one unanswered (a
/// purge then fails).
#[derive(Clone)]
struct Gate {
    port: u16,
    open: Arc<tokio::sync::watch::Sender<bool>>,
}

impl Gate {
    async fn to(target: u16) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let gate = Self {
            port: listener.local_addr().unwrap().port(),
            open: Arc::new(tokio::sync::watch::channel(true).0),
        };
        let open = Arc::clone(&gate.open);
        tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                let mut state = open.subscribe();
                if !*state.borrow_and_update() {
                    continue; // dropped: closed
                }
                tokio::spawn(async move {
                    let Ok(mut outbound) = TcpStream::connect(("127.0.0.1", target)).await else {
                        return;
                    };
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound) => {}
                        _ = state.wait_for(|open| !*open) => {}
                    }
                });
            }
        });
        gate
    }

    fn set_open(&self, open: bool) {
        self.open.send_replace(open);
    }

    fn cdn(&self) -> String {
        format!("varnish://127.0.0.1:{}", self.port)
    }
}

/// GET through Varnish: (X-Cache, body).
async fn through(varnish: &Varnish, path: &str) -> (String, String) {
    let response = reqwest::get(varnish.url(path)).await.unwrap();
    (header(&response, "x-cache"), response.text().await.unwrap())
}

async fn first_artist(base: &str) -> (i64, String) {
    let artists: serde_json::Value = reqwest::get(format!("{base}/api/artists"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let artist = &artists["items"][0];
    (
        artist["id"].as_i64().unwrap(),
        artist["name"].as_str().unwrap().to_owned(),
    )
}

/// Waits until the page at `path` shows `text`, fetched anew (a MISS).
async fn shows_within(varnish: &Varnish, path: &str, text: &str, limit: Duration) {
    let started = Instant::now();
    loop {
        let (cache, page) = through(varnish, path).await;
        if page.contains(text) {
            assert_eq!(cache, "MISS", "fetched anew after the purge");
            return;
        }
        assert!(
            started.elapsed() < limit,
            "{path} does not show {text:?} after {limit:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn pending(app: &TestApp) -> u64 {
    app.stores.database.stores().pending_purges().await.unwrap()
}

#[tokio::test]
async fn a_purge_the_cdn_missed_is_kept_and_sent_when_it_is_back() {
    let varnish_port = free_port();
    let gate = Gate::to(varnish_port).await;
    let app = crate::helpers::spawn_app_configured(|settings| {
        settings.cdn = gate.cdn();
        settings.trusted_proxies = "127.0.0.1".parse().unwrap();
    })
    .await;
    app.import_samples().await;
    let origin = app.address.rsplit(':').next().unwrap().parse().unwrap();
    let varnish = Varnish::start(varnish_port, origin);
    let ada = listener(&app, "ada").await;
    let (artist, name) = first_artist(&app.address).await;
    through(&varnish, "/users/ada").await;
    assert_eq!(through(&varnish, "/users/ada").await.0, "HIT");
    // The import's purges missed Varnish while it started; their backoff
    // grew with the import's length. Sent before the gate closes, they
    // leave only the like's purge pending below.
    let started = std::time::Instant::now();
    while pending(&app).await > 0 {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the import's purges were not sent"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    gate.set_open(false);
    let like = format!("/api/artists/{artist}/like");
    assert_eq!(ada.call(&app, Method::PUT, &like).await.status(), 200);
    tokio::time::sleep(Duration::from_millis(800)).await;
    let (cache, stale) = through(&varnish, "/users/ada").await;
    assert_eq!(cache, "HIT", "the purge did not get through");
    assert!(!stale.contains(&name));
    assert_eq!(pending(&app).await, 1, "kept until the CDN confirms it");

    gate.set_open(true);
    shows_within(&varnish, "/users/ada", &name, Duration::from_secs(5)).await;
    assert_eq!(pending(&app).await, 0, "confirmed, then forgotten");
}

#[tokio::test]
async fn switching_to_private_empties_the_public_profile_at_once() {
    let (app, varnish) = behind_varnish(|_| {}).await;
    let ada = listener(&app, "ada").await;
    let (artist, name) = first_artist(&app.address).await;
    // Cached before the like, so the page with it comes only from the purge.
    through(&varnish, "/users/ada").await;
    assert_eq!(through(&varnish, "/users/ada").await.0, "HIT");
    let like = format!("/api/artists/{artist}/like");
    assert_eq!(ada.call(&app, Method::PUT, &like).await.status(), 200);
    shows_within(&varnish, "/users/ada", &name, Duration::from_secs(2)).await;
    assert_eq!(through(&varnish, "/users/ada").await.0, "HIT");

    ada.set_privacy(&app, "private").await;
    let switched = Instant::now();
    loop {
        let (cache, page) = through(&varnish, "/users/ada").await;
        if !page.contains(&name) {
            assert_eq!(cache, "MISS");
            break;
        }
        assert!(
            switched.elapsed() < Duration::from_secs(1),
            "the public profile still shows the likes 1 s after going private"
        );
    }
}

/// An instance on `data_dir`'s SQLite, purging through `gate`.
async fn instance(data_dir: &std::path::Path, gate: &Gate, addr: &str) -> Instance {
    Instance::spawn(&[
        ("CHORUS_DATA_DIR", data_dir.display().to_string()),
        ("CHORUS_CDN", gate.cdn()),
        ("CHORUS_TRUSTED_PROXIES", "127.0.0.1".to_owned()),
        ("CHORUS_ADDR", addr.to_owned()),
    ])
    .await
}

/// Imports the sample tracks into the database in `data_dir`.
async fn with_music(data_dir: &std::path::Path) {
    let dir = data_dir.join("incoming");
    crate::fixtures::write_samples(&dir);
    let status = tokio::process::Command::new(env!("CARGO_BIN_EXE_chorus"))
        .arg("import")
        .arg(&dir)
        .env("CHORUS_DATA_DIR", data_dir)
        .env_remove("DATABASE_URL")
        .env_remove("CHORUS_CDN")
        .status()
        .await
        .unwrap();
    assert!(status.success());
}

/// The SQLite database of `data_dir`, where the purges wait.
async fn database(data_dir: &std::path::Path) -> sqlx::SqlitePool {
    let url = format!("sqlite://{}", data_dir.join("chorus.db").display());
    sqlx::SqlitePool::connect(&url).await.unwrap()
}

/// The purges waiting in the SQLite database of `data_dir`: (count, most
/// attempts).
async fn queued(data_dir: &std::path::Path) -> (i64, i64) {
    let pool = database(data_dir).await;
    let row: (i64, Option<i64>) = sqlx::query_as("SELECT COUNT(*), MAX(attempts) FROM cdn_purges")
        .fetch_one(&pool)
        .await
        .unwrap();
    pool.close().await;
    (row.0, row.1.unwrap_or(0))
}

/// The keys waiting to be purged.
async fn queued_keys(data_dir: &std::path::Path) -> Vec<String> {
    let pool = database(data_dir).await;
    let keys = sqlx::query_scalar("SELECT key FROM cdn_purges ORDER BY key")
        .fetch_all(&pool)
        .await
        .unwrap();
    pool.close().await;
    keys
}

/// `ada` likes the first artist on `site` while the gate is closed; then
/// waits until the purge failed `attempts` times (its next retry is then
/// at least 0.1 s × 2^(attempts-1) away). The artist's name.
async fn like_while_the_cdn_is_down(
    site: &Instance,
    ada: &Listener,
    gate: &Gate,
    data_dir: &std::path::Path,
    attempts: i64,
) -> String {
    let (artist, name) = first_artist(&site.address).await;
    gate.set_open(false);
    let like = format!("/api/artists/{artist}/like");
    assert_eq!(ada.call(site, Method::PUT, &like).await.status(), 200);
    let started = Instant::now();
    while queued(data_dir).await.1 < attempts {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{}",
            site.log()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    name
}

/// An instance with music on a fresh SQLite database, purging through a
/// gate to Varnish, Varnish in front, and ada's profile cached there.
async fn cached_profile() -> (tempfile::TempDir, Gate, Instance, Varnish, Listener) {
    let data_dir = tempfile::tempdir().unwrap();
    with_music(data_dir.path()).await;
    let varnish_port = free_port();
    let gate = Gate::to(varnish_port).await;
    let site = instance(data_dir.path(), &gate, "127.0.0.1:0").await;
    let varnish = Varnish::start(varnish_port, site.port());
    let ada = listener(&site, "ada").await;
    through(&varnish, "/users/ada").await;
    assert_eq!(through(&varnish, "/users/ada").await.0, "HIT");
    (data_dir, gate, site, varnish, ada)
}

/// The profile Varnish serves is the old one.
async fn still_stale(varnish: &Varnish, name: &str) {
    let (cache, stale) = through(varnish, "/users/ada").await;
    assert_eq!(cache, "HIT");
    assert!(!stale.contains(name), "the purge got through");
}

#[tokio::test]
async fn a_purge_pending_at_sigterm_is_sent_before_the_instance_exits() {
    let (data_dir, gate, mut site, varnish, ada) = cached_profile().await;
    let name = like_while_the_cdn_is_down(&site, &ada, &gate, data_dir.path(), 5).await;
    still_stale(&varnish, &name).await;

    // The CDN is back, and the next retry is over a second away: the
    // drain sends the purge now.
    gate.set_open(true);
    let (status, _) = site.terminate().await;
    assert!(status.success(), "{}", site.log());
    assert_eq!(queued(data_dir.path()).await.0, 0, "{}", site.log());
    let gone = reqwest::get(varnish.url("/users/ada")).await.unwrap();
    assert_ne!(
        header(&gone, "x-cache"),
        "HIT",
        "purged from Varnish before the exit (the origin is gone now)"
    );
}

#[tokio::test]
async fn a_purge_pending_at_a_crash_is_sent_by_the_next_instance() {
    let (data_dir, gate, mut site, varnish, ada) = cached_profile().await;
    let port = site.port();
    let name = like_while_the_cdn_is_down(&site, &ada, &gate, data_dir.path(), 1).await;

    // SIGKILL: no drain, no flush. The like's purge is stored (other keys
    // may be too: the charts' first refresh, started with the instance,
    // can finish after the gate closed).
    site.child.kill().await.unwrap();
    let keys = queued_keys(data_dir.path()).await;
    assert!(
        keys.iter().any(|key| key == "user:ada"),
        "stored across the crash: {keys:?}"
    );
    still_stale(&varnish, &name).await;

    gate.set_open(true);
    let _next = instance(data_dir.path(), &gate, &format!("127.0.0.1:{port}")).await;
    shows_within(&varnish, "/users/ada", &name, Duration::from_secs(5)).await;
    assert_eq!(queued(data_dir.path()).await.0, 0);
}

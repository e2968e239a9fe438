//! The real CDN: Debian's `varnishd` running `deploy/varnish/chorus.vcl`
//! (only its backend port changed) in front of the real server.

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use reqwest::Method;
use serde_json::Value;
use tempfile::TempDir;

use crate::helpers::{header, spawn_app_configured, TestApp};
use crate::listeners::listener;

/// varnishd in the foreground, killed when dropped.
pub struct Varnish {
    child: Child,
    pub port: u16,
    _dir: TempDir,
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Varnish {
    /// Starts varnishd on `port` in front of the origin on `origin`, and
    /// waits until it takes connections.
    pub fn start(port: u16, origin: u16) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let shipped =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../deploy/varnish/chorus.vcl");
        let vcl = std::fs::read_to_string(shipped)
            .unwrap()
            .replace(".port = \"3000\";", &format!(".port = \"{origin}\";"));
        assert!(
            vcl.contains(&format!("\"{origin}\"")),
            "the backend port is set"
        );
        let vcl_path = dir.path().join("chorus.vcl");
        std::fs::write(&vcl_path, vcl).unwrap();
        let child = Command::new("varnishd")
            // No default grace: what grace an object gets is the VCL's.
            .args(["-F", "-j", "none", "-T", "none", "-s", "malloc,32m"])
            .args(["-p", "default_grace=0"])
            // As scripts/varnish.sh: below the origin's idle keep-alive.
            .args(["-p", "backend_idle_timeout=10"])
            .arg("-n")
            .arg(dir.path().join("work"))
            .arg("-a")
            .arg(format!("127.0.0.1:{port}"))
            .arg("-f")
            .arg(&vcl_path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("varnishd is installed (.ci/run installs Debian's varnish)");
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "varnishd did not start");
            std::thread::sleep(Duration::from_millis(20));
        }
        Self {
            child,
            port,
            _dir: dir,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

impl Drop for Varnish {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The server (purging through Varnish) with music, and Varnish in front.
async fn origin_behind_varnish(page_ttl: u32) -> (TestApp, Varnish) {
    behind_varnish(|settings| settings.page_ttl = page_ttl).await
}

/// The server with music, set by `configure`, purging through Varnish,
/// which it trusts to forward client addresses; and Varnish in front.
pub async fn behind_varnish(
    configure: impl FnOnce(&mut chorus_server::settings::Settings),
) -> (TestApp, Varnish) {
    let port = free_port();
    let app = spawn_app_configured(|settings| {
        settings.cdn = format!("varnish://127.0.0.1:{port}");
        settings.trusted_proxies = "127.0.0.1".parse().unwrap();
        configure(settings);
    })
    .await;
    app.import_samples().await;
    let origin = app.address.rsplit(':').next().unwrap().parse().unwrap();
    (app, Varnish::start(port, origin))
}

async fn get(client: &reqwest::Client, url: &str) -> (String, String) {
    let response = client.get(url).send().await.unwrap();
    assert_eq!(response.status(), 200, "{url}");
    let cache = header(&response, "x-cache");
    (cache, response.text().await.unwrap())
}

async fn an_album_path(app: &TestApp) -> String {
    format!(
        "/albums/{}",
        app.json("/api/albums").await["items"][0]["id"]
    )
}

#[tokio::test]
async fn a_public_page_is_a_hit_the_second_time_and_the_same_with_a_session() {
    let (app, varnish) = origin_behind_varnish(3600).await;
    let ada = listener(&app, "ada").await;
    let path = an_album_path(&app).await;
    let client = reqwest::Client::new();

    let (first, page) = get(&client, &varnish.url(&path)).await;
    assert_eq!(first, "MISS");
    let (second, again) = get(&client, &varnish.url(&path)).await;
    assert_eq!((second.as_str(), &again), ("HIT", &page));

    let signed_in = client
        .get(varnish.url(&path))
        .header("cookie", &ada.cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(header(&signed_in, "x-cache"), "HIT");
    assert_eq!(header(&signed_in, "set-cookie"), "");
    let bytes = signed_in.text().await.unwrap();
    assert_eq!(bytes, page, "the same cached bytes, nothing of ada's");
    assert!(!bytes.contains("ada"));
}

#[tokio::test]
async fn a_private_endpoint_is_never_cached() {
    let (app, varnish) = origin_behind_varnish(3600).await;
    let (ada, bob) = (listener(&app, "ada").await, listener(&app, "bob").await);
    let client = reqwest::Client::new();
    for (who, name) in [(&ada, "ada"), (&bob, "bob"), (&ada, "ada")] {
        let response = client
            .get(varnish.url("/api/me"))
            .header("cookie", &who.cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(header(&response, "x-cache"), "PASS");
        let me: Value = response.json().await.unwrap();
        assert_eq!(me["username"], name, "each their own");
    }
    let anonymous = client.get(varnish.url("/api/me")).send().await.unwrap();
    assert_eq!(anonymous.status(), 401);
}

#[tokio::test]
async fn a_change_purges_the_pages_showing_it_within_a_second() {
    let (app, varnish) = origin_behind_varnish(3600).await;
    let ada = listener(&app, "ada").await;
    let artist = app.json("/api/artists").await["items"][0].clone();
    let name = artist["name"].as_str().unwrap().to_owned();
    let client = reqwest::Client::new();
    let profile = varnish.url("/users/ada");
    let (_, before) = get(&client, &profile).await;
    assert!(!before.contains(&name));
    assert_eq!(get(&client, &profile).await.0, "HIT");

    let like = format!("/api/artists/{}/like", artist["id"]);
    assert_eq!(ada.call(&app, Method::PUT, &like).await.status(), 200);
    let liked = Instant::now();
    loop {
        let (cache, page) = get(&client, &profile).await;
        if page.contains(&name) {
            assert_eq!(cache, "MISS", "fetched anew");
            break;
        }
        assert!(
            liked.elapsed() < Duration::from_secs(1),
            "the profile still shows the old likes after 1 s"
        );
    }
    assert_eq!(get(&client, &profile).await.0, "HIT", "cached again");
}

#[tokio::test]
async fn purges_are_taken_only_from_allowed_addresses() {
    let (_app, varnish) = origin_behind_varnish(3600).await;
    let purge = Method::from_bytes(b"PURGE").unwrap();
    let outsider = reqwest::Client::builder()
        .local_address("127.0.0.2".parse::<std::net::IpAddr>().unwrap())
        .build()
        .unwrap();
    let refused = outsider
        .request(purge.clone(), varnish.url("/"))
        .header("xkey-purge", "home")
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
    let accepted = reqwest::Client::new()
        .request(purge, varnish.url("/"))
        .header("xkey-purge", "home")
        .send()
        .await
        .unwrap();
    assert_eq!(accepted.status(), 200);
}

#[tokio::test]
async fn with_the_origin_stopped_cached_pages_are_still_served() {
    let (app, varnish) = origin_behind_varnish(1).await;
    let path = an_album_path(&app).await;
    let client = reqwest::Client::new();
    let (_, page) = get(&client, &varnish.url(&path)).await;
    app.stop().await;
    // Past the page's one-second freshness, with no origin to refresh it
    // from: only the grace the VCL takes from stale-if-error serves it.
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    let (_, stale) = get(&client, &varnish.url(&path)).await;
    assert_eq!(stale, page);
}

#[tokio::test]
async fn an_import_that_changes_tracks_purges_their_pages_and_the_sitemap() {
    let (app, varnish) = origin_behind_varnish(3600).await;
    let track = app.json("/api/tracks").await["items"][0].clone();
    let (page, album, sitemap) = (
        varnish.url(&format!("/tracks/{}", track["id"])),
        varnish.url(&format!("/albums/{}", track["album"]["id"])),
        varnish.url("/sitemap.xml"),
    );
    let client = reqwest::Client::new();
    for url in [&page, &album, &sitemap] {
        get(&client, url).await;
        assert_eq!(get(&client, url).await.0, "HIT", "{url}");
    }

    // Every sample re-tagged: new bytes at the same paths.
    for (rel, _) in crate::fixtures::sample_files() {
        use lofty::config::WriteOptions;
        use lofty::prelude::*;
        let path = app.music_dir().join(rel);
        let mut file = lofty::read_from_path(&path).unwrap();
        file.primary_tag_mut()
            .unwrap()
            .set_title("Retitled Song".into());
        file.save_to_path(&path, WriteOptions::default()).unwrap();
    }
    let import = std::process::Command::new(env!("CARGO_BIN_EXE_chorus"))
        .arg("import")
        .arg(app.music_dir())
        .env("CHORUS_DATA_DIR", app.data_dir.path())
        .env(
            "CHORUS_CDN",
            format!("varnish://127.0.0.1:{}", varnish.port),
        )
        .env_remove("DATABASE_URL")
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&import.stderr);
    assert!(import.status.success(), "{log}");
    assert!(!log.contains("purge failed"), "{log}");

    for url in [&page, &album] {
        let (cache, html) = get(&client, url).await;
        assert_eq!(cache, "MISS", "{url} purged by the import");
        assert!(html.contains("Retitled Song"), "{url}");
    }
    assert_eq!(
        get(&client, &sitemap).await.0,
        "MISS",
        "the sitemap purged too"
    );
}

#[tokio::test]
async fn the_charts_page_is_cached_until_a_recomputation_changes_it() {
    let (app, varnish) = origin_behind_varnish(3600).await;
    let _ada = listener(&app, "ada").await;
    let client = reqwest::Client::new();
    let charts = varnish.url("/charts");
    let track = app.json("/api/tracks").await["items"][0].clone();
    let title = track["title"].as_str().unwrap().to_owned();
    let (first, before) = get(&client, &charts).await;
    assert_eq!(first, "MISS");
    assert!(!before.contains(&title));
    assert_eq!(get(&client, &charts).await.0, "HIT");

    crate::discovery::play(&app, "ada", track["id"].as_i64().unwrap()).await;
    assert_eq!(get(&client, &charts).await.0, "HIT", "not recomputed yet");
    assert!(app.charts.refresh().await.unwrap());
    let refreshed = Instant::now();
    loop {
        let (cache, page) = get(&client, &charts).await;
        if page.contains(&title) {
            assert_eq!(cache, "MISS", "fetched anew");
            break;
        }
        assert!(
            refreshed.elapsed() < Duration::from_secs(1),
            "the charts page is stale 1 s after the recomputation"
        );
    }
    assert!(!app.charts.refresh().await.unwrap(), "unchanged");
    assert_eq!(
        get(&client, &charts).await.0,
        "HIT",
        "not purged for nothing"
    );
}

#[tokio::test]
async fn search_answers_are_shared_by_everyone() {
    let (app, varnish) = origin_behind_varnish(3600).await;
    let ada = listener(&app, "ada").await;
    let client = reqwest::Client::new();
    let url = varnish.url("/api/search?q=a");
    let (first, answer) = get(&client, &url).await;
    assert_eq!(first, "MISS");
    let signed_in = client
        .get(&url)
        .header("cookie", &ada.cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(header(&signed_in, "x-cache"), "HIT");
    assert_eq!(signed_in.text().await.unwrap(), answer);
}

//! A purge waits for the read replica. A real streaming replica of the
//! test PostgreSQL (pg_basebackup, then `postgres` in standby mode with
//! `recovery_min_apply_delay`, so it lags by design) serves the profile
//! reads; Varnish sits in front. After a change, the origin still reads the
//! old profile from the replica for a while: a purge sent at once would let
//! Varnish cache that old page again for a day. The purge must wait until
//! the replica has replayed the change, so every page Varnish fetches
//! after it is the new one.
//!
//! Needs replication allowed from 127.0.0.1 in the primary's `pg_hba.conf`
//! (`scripts/lib.sh` adds the line) and, as root, runs the standby as the
//! `postgres` user.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use chorus_storage_postgres::testing::{admin_url, TempDatabase};
use reqwest::Method;
use tokio::process::{Child, Command};

use crate::helpers::{header, spawn_app_configured};
use crate::listeners::listener;
use crate::varnish::{free_port, Varnish};

/// How far behind the replica applies what the primary commits.
const LAG: &str = "3s";

/// A standby of the test server, lagging by [`LAG`]; stopped when dropped.
struct Replica {
    child: Child,
    port: u16,
    _dir: tempfile::TempDir,
}

/// The directory of PostgreSQL's server programs.
fn pg_bin() -> PathBuf {
    let versions = std::fs::read_dir("/usr/lib/postgresql")
        .expect("PostgreSQL's server programs in /usr/lib/postgresql")
        .filter_map(Result::ok)
        .map(|entry| entry.path().join("bin"))
        .filter(|bin| bin.join("postgres").exists());
    versions
        .max()
        .expect("a PostgreSQL version with its server programs")
}

/// `program args…`, as the `postgres` user when running as root (the
/// server refuses to run as root).
fn as_postgres(program: &Path) -> Command {
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout == b"0\n")
        .unwrap_or(false);
    if root {
        let mut command = Command::new("runuser");
        command.args(["-u", "postgres", "--"]).arg(program);
        command
    } else {
        Command::new(program)
    }
}

impl Replica {
    async fn start() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        std::process::Command::new("chmod")
            .args(["755"])
            .arg(dir.path())
            .status()
            .unwrap();
        std::fs::create_dir(&data).unwrap();
        // PostgreSQL wants its data directory its own and closed to others.
        std::process::Command::new("chmod")
            .args(["700"])
            .arg(&data)
            .status()
            .unwrap();
        std::process::Command::new("chown")
            .args(["postgres:postgres"])
            .arg(&data)
            .status()
            .ok();
        let url = reqwest::Url::parse(&admin_url()).unwrap();
        let backup = as_postgres(&pg_bin().join("pg_basebackup"))
            .arg("-h")
            .arg(url.host_str().unwrap_or("127.0.0.1"))
            .arg("-p")
            .arg(url.port().unwrap_or(5432).to_string())
            .args([
                "-U",
                url.username(),
                "-X",
                "stream",
                "--checkpoint=fast",
                "-R",
                "-D",
            ])
            .arg(&data)
            .output()
            .await
            .unwrap();
        assert!(
            backup.status.success(),
            "pg_basebackup failed (is replication from 127.0.0.1 allowed in pg_hba.conf? \
             scripts/lib.sh adds it): {}",
            String::from_utf8_lossy(&backup.stderr)
        );
        let port = free_port();
        // Debian keeps the configuration outside the data directory: the
        // standby gets a minimal one of its own. Queries are never cancelled
        // for replay's sake (a read would fail with a 500): replay waits.
        let settings = format!(
            "port = {port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{}'\n\
             hot_standby = on\nrecovery_min_apply_delay = '{LAG}'\n\
             hot_standby_feedback = on\nmax_standby_streaming_delay = -1\n\
             shared_buffers = 16MB\nlogging_collector = off\n",
            data.display()
        );
        let write = |name: &str, text: &str| {
            let path = data.join(name);
            let mut existing = std::fs::read_to_string(&path).unwrap_or_default();
            existing.push_str(text);
            std::fs::write(&path, existing).unwrap();
            std::process::Command::new("chown")
                .args(["postgres:postgres"])
                .arg(&path)
                .status()
                .ok();
        };
        write("postgresql.conf", &settings);
        write(
            "pg_hba.conf",
            "local all all trust\nhost all all 127.0.0.1/32 trust\n",
        );
        write("pg_ident.conf", "");
        let log = dir.path().join("standby.log");
        let child = as_postgres(&pg_bin().join("postgres"))
            .arg("-D")
            .arg(&data)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .kill_on_drop(true)
            .spawn()
            .unwrap();
        let replica = Self {
            child,
            port,
            _dir: dir,
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        while sqlx::PgPool::connect(&replica.url("postgres"))
            .await
            .is_err()
        {
            assert!(
                Instant::now() < deadline,
                "the standby did not start: {}",
                std::fs::read_to_string(&log).unwrap_or_default()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        replica
    }

    fn url(&self, database: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{database}", self.port)
    }
}

impl Drop for Replica {
    fn drop(&mut self) {
        if let Some(pid) = self.child.id() {
            // SIGINT: PostgreSQL's fast shutdown (killing runuser alone
            // would leave the server running).
            let _ = std::process::Command::new("pkill")
                .args(["-INT", "-P", &pid.to_string()])
                .status();
            let _ = self.child.start_kill();
        }
    }
}

#[tokio::test]
async fn a_purge_waits_until_the_replica_has_replayed_the_change() {
    let database = TempDatabase::create().await;
    let replica = Replica::start().await;
    let name = database.name().to_owned();
    let replica_url = replica.url(&name);
    let varnish_port = free_port();
    let app = spawn_app_configured(|settings| {
        settings.database_url = Some(database.url().to_owned());
        settings.pool.read_replica_url = Some(replica_url.clone());
        settings.cdn = format!("varnish://127.0.0.1:{varnish_port}");
        settings.trusted_proxies = "127.0.0.1".parse().unwrap();
    })
    .await;
    app.import_samples().await;
    let ada = listener(&app, "ada").await;
    let origin = app.address.rsplit(':').next().unwrap().parse().unwrap();
    let varnish = Varnish::start(varnish_port, origin);

    // The replica catches up with the set-up (the schema, the catalog and
    // ada, all read from it), then Varnish keeps the page.
    let started = Instant::now();
    loop {
        let profile = reqwest::get(app.url("/api/users/ada")).await.unwrap();
        let artists = reqwest::get(app.url("/api/artists")).await.unwrap();
        let caught_up = profile.status() == 200
            && artists.status() == 200
            && artists.json::<serde_json::Value>().await.unwrap()["items"][0].is_object();
        if caught_up {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the replica never caught up"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let cached = Instant::now();
    while header(
        &reqwest::get(varnish.url("/users/ada")).await.unwrap(),
        "x-cache",
    ) != "HIT"
    {
        assert!(
            cached.elapsed() < Duration::from_secs(10),
            "Varnish never kept the page"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let artists: serde_json::Value = app.json("/api/artists").await;
    let (artist, artist_name) = (
        artists["items"][0]["id"].as_i64().unwrap(),
        artists["items"][0]["name"].as_str().unwrap().to_owned(),
    );

    let like = format!("/api/artists/{artist}/like");
    assert_eq!(ada.call(&app, Method::PUT, &like).await.status(), 200);
    let liked = Instant::now();
    let mut lag_seen = false;
    loop {
        // The origin reads the lagging replica...
        let direct = reqwest::get(app.url("/users/ada"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        lag_seen |= !direct.contains(&artist_name);
        // ...and Varnish never caches what it read before the replay.
        let response = reqwest::get(varnish.url("/users/ada")).await.unwrap();
        let cache = header(&response, "x-cache");
        let page = response.text().await.unwrap();
        if cache == "MISS" {
            assert!(
                page.contains(&artist_name),
                "purged before the replica replayed the like: Varnish cached the old page"
            );
        }
        if page.contains(&artist_name) {
            break;
        }
        assert!(
            liked.elapsed() < Duration::from_secs(20),
            "the profile was never purged"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        lag_seen,
        "the replica lagged (otherwise this proves nothing)"
    );
    assert!(
        liked.elapsed() >= Duration::from_secs(2),
        "the new page came before the replica could have replayed the like"
    );
}

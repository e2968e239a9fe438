//! Scale-out: real `chorus serve` processes on their own ports sharing one
//! PostgreSQL database (fresh per test) and a NATS bus (a `nats-server` of
//! the test's own, so it can be stopped). Listeners on different instances
//! see each other live; a crashed instance's listeners go offline when
//! their leases expire; the log-in limit per username is one limit for all;
//! a SIGTERMed instance drains and its clients resume on another with
//! nothing lost or doubled; a bus outage loses nothing.

use std::process::Stdio;
use std::time::Duration;

use chorus_domain::{ContentHash, MediaFile, MediaKind};
use chorus_storage::{ImportOutcome, NewTrack};
use chorus_storage_postgres::testing::TempDatabase;
use chorus_storage_postgres::{PgOptions, PostgresStore};
use futures_util::{SinkExt, StreamExt};
use serde_json::json;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};
use tokio_tungstenite::tungstenite::Message;

use crate::helpers::Site;
use crate::listeners::{
    expect_event, expect_presence, friends, listener, next_json, next_unread, Socket,
};
use crate::process::Instance;

/// How long an instance may take to start or stop.
const STARTS: Duration = Duration::from_secs(30);

impl Instance {
    /// Starts an instance of a cluster: on `database`, talking over `bus`.
    async fn start(database: &str, bus: &str, data_dir: &std::path::Path) -> Self {
        Self::spawn(&[
            ("DATABASE_URL", database.to_owned()),
            ("CHORUS_BUS_URL", bus.to_owned()),
            ("CHORUS_DATA_DIR", data_dir.display().to_string()),
            ("CHORUS_LOGIN_PER_USERNAME_PER_MINUTE", "3".to_owned()),
            // Leases of 3 s, renewed and swept every second: a crashed
            // instance's listeners go offline within 4 s.
            ("CHORUS_ONLINE_TTL", "3".to_owned()),
        ])
        .await
    }
}

/// A `nats-server` of the test's own on a free port.
struct Nats {
    port: u16,
    child: Option<Child>,
}

impl Nats {
    async fn start() -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut nats = Self { port, child: None };
        nats.restart().await;
        nats
    }

    fn url(&self) -> String {
        format!("nats://127.0.0.1:{}", self.port)
    }

    /// Starts the server (again, on the same port) and waits until it
    /// says it is ready.
    async fn restart(&mut self) {
        let mut child = Command::new("nats-server")
            .args(["-a", "127.0.0.1", "-p", &self.port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("nats-server is installed (.ci/run installs it)");
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        tokio::time::timeout(STARTS, async {
            while let Some(line) = lines.next_line().await.unwrap() {
                if line.contains("Server is ready") {
                    return;
                }
            }
            panic!("nats-server exited");
        })
        .await
        .expect("nats-server is ready");
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        self.child = Some(child);
    }

    async fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().await.unwrap();
        }
    }
}

/// A database, a bus and `n` instances sharing them.
struct Cluster {
    instances: Vec<Instance>,
    nats: Nats,
    store: PostgresStore,
    _database: TempDatabase,
    _data_dir: tempfile::TempDir,
}

impl Cluster {
    async fn start(n: usize) -> Self {
        let database = TempDatabase::create().await;
        let nats = Nats::start().await;
        let data_dir = tempfile::tempdir().unwrap();
        // The first instance migrates; the others find the schema made.
        let mut instances = Vec::new();
        for _ in 0..n {
            instances.push(Instance::start(database.url(), &nats.url(), data_dir.path()).await);
        }
        let store = PostgresStore::connect(database.url(), PgOptions::default())
            .await
            .unwrap();
        Self {
            instances,
            nats,
            store,
            _database: database,
            _data_dir: data_dir,
        }
    }

    /// Adds `n` tracks to the catalog (metadata only: nobody streams them).
    async fn tracks(&self, n: usize) -> Vec<i64> {
        let mut ids = Vec::new();
        for i in 0..n {
            let track = NewTrack {
                title: format!("Song {i}"),
                artist: "Artist".into(),
                album_artist: "Artist".into(),
                album: "Album".into(),
                disc_number: 1,
                track_number: u32::try_from(i + 1).ok(),
                year: None,
                genre: None,
                duration_ms: 180_000,
                audio: MediaFile {
                    hash: ContentHash::parse(&format!("{i:064x}")).unwrap(),
                    kind: MediaKind::Ogg,
                },
                cover: None,
                source_path: format!("/music/{i}.ogg"),
            };
            match chorus_services::import_track(&self.store, track)
                .await
                .unwrap()
            {
                ImportOutcome::Added(id) => ids.push(id.0),
                other => panic!("{other:?}"),
            }
        }
        ids
    }
}

async fn resume(socket: &mut Socket, after: i64) {
    let message = json!({"type": "resume", "after": after}).to_string();
    socket.send(Message::Text(message.into())).await.unwrap();
}

/// The events that arrive within `wait`, skipping presence.
async fn events_within(socket: &mut Socket, wait: Duration) -> Vec<i64> {
    let deadline = tokio::time::Instant::now() + wait;
    let mut ids = Vec::new();
    while let Some(message) = next_json(
        socket,
        deadline.saturating_duration_since(tokio::time::Instant::now()),
    )
    .await
    {
        if message["type"] == "event" {
            ids.push(message["event"]["id"].as_i64().unwrap());
        }
    }
    ids
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn listeners_on_three_instances_see_each_other_live() {
    let cluster = Cluster::start(3).await;
    let [a, b, c] = &cluster.instances[..] else {
        unreachable!()
    };
    let track = cluster.tracks(1).await[0];
    let ada = listener(a, "ada").await;
    let bob = listener(b, "bob").await;
    let cy = listener(c, "cyd").await;
    friends(a, &ada, "ada", &bob, "bob").await;
    friends(c, &cy, "cyd", &ada, "ada").await;

    // A session made on one instance is good on every other.
    assert_eq!(ada.me(b).await["username"], "ada");

    let mut ada_socket = ada.connect(a).await;
    bob.like(b, track).await;
    let event = expect_event(&mut ada_socket).await;
    assert_eq!(event["kind"], "liked_track", "{}", a.log());
    assert_eq!(event["user"]["username"], "bob");

    // Presence crosses instances too: cy comes online on C, then plays.
    let mut cy_socket = cy.connect(c).await;
    loop {
        let message = expect_presence(&mut ada_socket).await;
        if message["username"] == "cyd" && message["online"] == true {
            break;
        }
    }
    cy.report(c, track, 1_000, false).await;
    let mut playing = None;
    while playing.is_none() {
        let message = next_json(&mut ada_socket, Duration::from_secs(5))
            .await
            .expect("cy's track");
        if message["type"] == "presence" && message["username"] == "cyd" {
            playing = message["now_playing"]["track"]["id"].as_i64();
        }
    }
    assert_eq!(playing, Some(track));

    // cy's socket on C hears of ada's like made on A.
    ada.like(a, track).await;
    loop {
        let message = next_json(&mut cy_socket, Duration::from_secs(5))
            .await
            .expect("ada's like reaches C");
        if message["type"] == "event" {
            assert_eq!(message["event"]["user"]["username"], "ada");
            break;
        }
    }

    // A song cy sends on C counts as unread on ada's socket on A (bob's
    // acceptance and cy's request were the first two).
    let sent = cy
        .send_json(
            c,
            reqwest::Method::POST,
            "/api/dedications",
            json!({"to": "ada", "track_id": track, "message": "hear this"}),
        )
        .await;
    assert_eq!(sent.status(), 201);
    let mut unread = None;
    while unread != Some(3) {
        unread = next_unread(&mut ada_socket, Duration::from_secs(5)).await;
        assert!(unread.is_some(), "the count reaches A: {}", a.log());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_crashed_instances_listeners_go_offline_when_their_leases_expire() {
    let mut cluster = Cluster::start(2).await;
    let (ada, bob) = {
        let [a, b] = &cluster.instances[..] else {
            unreachable!()
        };
        let ada = listener(a, "ada").await;
        let bob = listener(b, "bob").await;
        friends(a, &ada, "ada", &bob, "bob").await;
        (ada, bob)
    };
    let mut bob_socket = bob.connect(&cluster.instances[1]).await;
    let _ada_socket = ada.connect(&cluster.instances[0]).await;
    loop {
        let message = expect_presence(&mut bob_socket).await;
        if message["username"] == "ada" && message["online"] == true {
            break;
        }
    }

    // SIGKILL: no drain, nothing released; only the lease's expiry tells.
    let crashed = std::time::Instant::now();
    cluster.instances[0].child.kill().await.unwrap();
    let offline = next_json(&mut bob_socket, Duration::from_secs(10))
        .await
        .expect("ada goes offline");
    assert_eq!(offline["type"], "presence", "{offline}");
    assert_eq!(offline["username"], "ada", "{offline}");
    assert_eq!(offline["online"], false, "{offline}");
    let took = crashed.elapsed();
    assert!(
        took >= Duration::from_secs(1) && took <= Duration::from_secs(5),
        "offline after {took:?}: not at once (nothing was released), within the lease and a sweep"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_log_in_limit_per_username_is_shared_by_every_instance() {
    let cluster = Cluster::start(3).await;
    listener(&cluster.instances[0], "ada").await;
    let log_in = |instance: &Instance, password: &str| {
        let request = instance
            .http()
            .post(instance.link("/api/auth/login"))
            .json(&json!({"username": "ada", "password": password}));
        async move { request.send().await.unwrap().status() }
    };
    // One wrong guess on each instance: three in all, the limit.
    for instance in &cluster.instances {
        assert_eq!(log_in(instance, "wrong password!").await, 401);
    }
    assert_eq!(
        log_in(&cluster.instances[0], "correct horse battery").await,
        429,
        "the fourth attempt, on any instance, waits"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sigterm_drains_an_instance_and_its_clients_resume_elsewhere_losing_nothing() {
    let mut cluster = Cluster::start(3).await;
    let tracks = cluster.tracks(6).await;
    let (ada, bob) = {
        let [a, b, _] = &cluster.instances[..] else {
            unreachable!()
        };
        let ada = listener(a, "ada").await;
        let bob = listener(b, "bob").await;
        friends(a, &ada, "ada", &bob, "bob").await;
        (ada, bob)
    };
    let mut socket = ada.connect(&cluster.instances[0]).await;
    let b = &cluster.instances[1];
    bob.like(b, tracks[0]).await;
    let mut seen = vec![expect_event(&mut socket).await["id"].as_i64().unwrap()];

    // Bob keeps liking while A drains.
    let liking = {
        let (address, cookie) = (b.address.clone(), bob.cookie.clone());
        let tracks = tracks[1..].to_vec();
        tokio::spawn(async move {
            let client = reqwest::Client::new();
            for track in tracks {
                let response = client
                    .put(format!("{address}/api/tracks/{track}/like"))
                    .header("cookie", &cookie)
                    .send()
                    .await
                    .unwrap();
                assert_eq!(response.status(), 200);
            }
        })
    };
    // Ada's client reads all along, as a browser does: it sees what A
    // sends until the close, and answers the close at once.
    let reading = tokio::spawn(async move {
        let mut ids = Vec::new();
        let end = loop {
            match socket.next().await {
                Some(Ok(Message::Text(text))) => {
                    let message: serde_json::Value = serde_json::from_str(&text).unwrap();
                    if message["type"] == "event" {
                        ids.push(message["event"]["id"].as_i64().unwrap());
                    }
                }
                Some(Ok(Message::Close(frame))) => break Ok(frame.map(|f| u16::from(f.code))),
                Some(Ok(_)) => {}
                other => break Err(format!("{other:?}")),
            }
        };
        (ids, end)
    });
    let (status, took) = cluster.instances[0].terminate().await;
    let log = cluster.instances[0].log();
    assert!(status.success(), "exit status {status}: {log}");
    assert!(took < Duration::from_secs(7), "drained in {took:?}: {log}");
    // Whatever A sent before closing counts; then the close says 1001.
    let (ids, end) = reading.await.unwrap();
    assert_eq!(end, Ok(Some(1001)), "{log}");
    seen.extend(ids);
    liking.await.unwrap();

    // Ada's client reconnects to C and resumes after the last id it has.
    let c = &cluster.instances[2];
    let mut socket = ada.connect(c).await;
    resume(&mut socket, *seen.last().unwrap()).await;
    seen.extend(events_within(&mut socket, Duration::from_secs(2)).await);

    let likes = bob_like_ids(&cluster.store, &tracks).await;
    assert_eq!(seen, likes, "every like once, in order");
}

/// The ids of the `liked_track` events, oldest first (read as ada sees
/// them: from her feed, which has only bob's activity).
async fn bob_like_ids(store: &PostgresStore, tracks: &[i64]) -> Vec<i64> {
    use chorus_storage::{ActivityStore, UserStore};
    let ada = store
        .user_by_username(&chorus_domain::Username::parse("ada").unwrap())
        .await
        .unwrap()
        .unwrap();
    let page = store.feed(ada.id, None, 100).await.unwrap();
    let mut ids: Vec<i64> = page
        .items
        .iter()
        .filter(|e| e.kind == chorus_domain::ActivityKind::LikedTrack)
        .map(|e| e.id)
        .collect();
    ids.reverse();
    assert_eq!(ids.len(), tracks.len());
    ids
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_bus_outage_crashes_nothing_and_loses_nothing() {
    let mut cluster = Cluster::start(2).await;
    let tracks = cluster.tracks(3).await;
    let [a, b] = &cluster.instances[..] else {
        unreachable!()
    };
    let ada = listener(a, "ada").await;
    let bob = listener(b, "bob").await;
    friends(a, &ada, "ada", &bob, "bob").await;
    let mut socket = ada.connect(a).await;
    bob.like(b, tracks[0]).await;
    let first = expect_event(&mut socket).await["id"].as_i64().unwrap();

    cluster.nats.stop().await;
    let [a, b] = &cluster.instances[..] else {
        unreachable!()
    };
    // Without the bus, B's hint never reaches A: A finds the event in the
    // table on its own.
    bob.like(b, tracks[1]).await;
    let second = expect_event(&mut socket).await["id"].as_i64().unwrap();
    assert!(second > first);
    assert_eq!(
        a.http()
            .get(a.link("/healthz"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(
        b.http()
            .get(b.link("/readyz"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );

    let received = bus_hints_received(a).await;
    cluster.nats.restart().await;
    let [a, b] = &cluster.instances[..] else {
        unreachable!()
    };
    // Presence and other hints missed meanwhile are read again on
    // reconnection; new ones travel on the bus again.
    bob.like(b, tracks[2]).await;
    let third = expect_event(&mut socket).await["id"].as_i64().unwrap();
    assert!(third > second);
    assert!(
        events_within(&mut socket, Duration::from_millis(500))
            .await
            .is_empty(),
        "nothing twice"
    );
    assert_eq!(
        a.http()
            .get(a.link("/readyz"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    // And the bus carries B's hints to A again.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while bus_hints_received(a).await <= received {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the bus came back: {}",
            a.log()
        );
        bob.report(b, tracks[0], 0, false).await;
    }
}

/// `chorus_bus_hints_received_total` of an instance.
async fn bus_hints_received(instance: &Instance) -> f64 {
    let text = instance
        .http()
        .get(instance.link("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    text.lines()
        .find_map(|line| line.strip_prefix("chorus_bus_hints_received_total "))
        .map_or(0.0, |n| n.trim().parse().unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn logging_out_on_one_instance_closes_the_sessions_socket_on_another() {
    let cluster = Cluster::start(2).await;
    let [a, b] = &cluster.instances[..] else {
        unreachable!()
    };
    let ada = listener(a, "ada").await;
    let mut socket_on_b = ada.connect(b).await;
    let started = std::time::Instant::now();
    let out = ada.call(a, reqwest::Method::POST, "/api/auth/logout").await;
    assert_eq!(out.status(), 204);
    let (code, _) = crate::listeners::closed(&mut socket_on_b, Duration::from_secs(1)).await;
    assert_eq!(code, chorus_server::live::SESSION_ENDED, "{}", b.log());
    assert!(started.elapsed() < Duration::from_secs(1));
}

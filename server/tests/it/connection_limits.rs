//! Timeouts and limits at the front door, on real sockets: a stalled
//! request head is closed (while everyone else is answered), an idle
//! kept-alive connection too, the connection cap holds newcomers back
//! until a place frees up, a slow request gets 503 while the feed socket
//! outlives the request timeout; security headers on every response; an
//! invented method is counted under one metric label.

use std::time::{Duration, Instant};

use chorus_server::http::connections::ConnectionLimits;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::helpers::{header, spawn_app_configured, spawn_app_with_music, TestApp};
use crate::listeners::{expect_event, friends, listener, track_ids};

fn host(app: &TestApp) -> String {
    app.address.trim_start_matches("http://").to_owned()
}

/// A connection that sent the start of a request head and stalled.
async fn stalled(app: &TestApp) -> TcpStream {
    let mut stream = TcpStream::connect(host(app)).await.unwrap();
    stream
        .write_all(b"GET /api/tracks HTTP/1.1\r\nHost: chorus\r\nX-Slow: ")
        .await
        .unwrap();
    stream
}

/// Waits until the server closes `stream` (EOF or reset); how long it took.
async fn closed_within(stream: &mut TcpStream, limit: Duration) -> Duration {
    let started = Instant::now();
    let mut buf = [0u8; 512];
    loop {
        match tokio::time::timeout_at((started + limit).into(), stream.read(&mut buf)).await {
            Ok(Ok(0) | Err(_)) => return started.elapsed(),
            Ok(Ok(_)) => {} // a 408 or similar before the close is fine
            Err(_) => panic!("the connection was still open after {limit:?}"),
        }
    }
}

#[tokio::test]
async fn a_stalled_request_head_is_closed_within_30_s_while_others_are_answered() {
    // The shipped default timeout, not a test value.
    let app = spawn_app_configured(|_| {}).await;
    assert!(ConnectionLimits::default().header_read_timeout <= Duration::from_secs(30));
    let mut slow: Vec<TcpStream> = Vec::new();
    for _ in 0..50 {
        slow.push(stalled(&app).await);
    }
    // Everyone else is served meanwhile.
    for _ in 0..20 {
        let started = Instant::now();
        assert_eq!(app.get("/api/tracks").await.status(), 200);
        assert!(started.elapsed() < Duration::from_secs(2));
    }
    let waited = closed_within(&mut slow[0], Duration::from_secs(30)).await;
    assert!(
        waited >= Duration::from_secs(5),
        "closed by the header timeout, not at once ({waited:?})"
    );
    for stream in &mut slow[1..] {
        closed_within(stream, Duration::from_secs(5)).await;
    }
}

#[tokio::test]
async fn an_idle_kept_alive_connection_is_closed() {
    let app = spawn_app_configured(|settings| {
        settings.connections.header_read_timeout = Duration::from_secs(1);
    })
    .await;
    let mut stream = TcpStream::connect(host(&app)).await.unwrap();
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: chorus\r\n\r\n")
        .await
        .unwrap();
    let mut response = vec![0u8; 4096];
    let n = stream.read(&mut response).await.unwrap();
    assert!(String::from_utf8_lossy(&response[..n]).starts_with("HTTP/1.1 200"));
    // Kept alive, then idle: closed after the timeout.
    let waited = closed_within(&mut stream, Duration::from_secs(5)).await;
    assert!(waited >= Duration::from_millis(800), "{waited:?}");
}

#[tokio::test]
async fn at_the_connection_cap_a_newcomer_waits_for_a_free_place() {
    let app = spawn_app_configured(|settings| {
        settings.connections = ConnectionLimits {
            max_connections: 3,
            header_read_timeout: Duration::from_secs(2),
        };
    })
    .await;
    let _held = [
        stalled(&app).await,
        stalled(&app).await,
        stalled(&app).await,
    ];
    // Accepted only when a stalled one is closed, ~2 s later.
    let started = Instant::now();
    let response = reqwest::Client::new()
        .get(app.url("/healthz"))
        .timeout(Duration::from_secs(10))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(
        started.elapsed() >= Duration::from_millis(1_500),
        "served before a place was free ({:?})",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_request_slower_than_the_timeout_gets_503_and_the_feed_socket_is_exempt() {
    let timeout = Duration::from_secs(2);
    let app = spawn_app_configured(|settings| settings.request_timeout = timeout).await;
    app.import_samples().await;
    // A body that never finishes arriving.
    let mut stream = TcpStream::connect(host(&app)).await.unwrap();
    stream
        .write_all(
            b"POST /api/auth/login HTTP/1.1\r\nHost: chorus\r\nContent-Type: application/json\r\n\
              Content-Length: 100\r\n\r\n{\"username\":",
        )
        .await
        .unwrap();
    let started = Instant::now();
    let mut answer = vec![0u8; 4096];
    let n = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut answer))
        .await
        .expect("answered")
        .unwrap();
    let answer = String::from_utf8_lossy(&answer[..n]).to_string();
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    assert!(answer.contains("took too long"), "{answer}");
    assert!(started.elapsed() >= timeout - Duration::from_millis(100));

    // A feed socket stays open past the request timeout and still works.
    let (ada, bob) = (listener(&app, "ada").await, listener(&app, "bob").await);
    friends(&app, &ada, "ada", &bob, "bob").await;
    let mut socket = bob.connect(&app).await;
    tokio::time::sleep(timeout + Duration::from_millis(500)).await;
    let track = track_ids(&app, 1).await[0];
    ada.like(&app, track).await;
    assert_eq!(expect_event(&mut socket).await["track"]["id"], track);
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = spawn_app_with_music().await;
    let album = app.json("/api/albums").await["items"][0]["id"].clone();
    let track = app.json("/api/tracks").await["items"][0].clone();
    let stream = track["stream_url"].as_str().unwrap().to_owned();
    let page = app.get(&format!("/albums/{album}")).await;
    let etag = header(&page, "etag");
    let client = reqwest::Client::new();
    let responses = vec![
        ("page", page),
        ("json", app.get("/api/tracks").await),
        ("404", app.get("/api/tracks/999999").await),
        ("page 404", app.get("/no/such/page").await),
        ("media", app.get(&stream).await),
        ("metrics", app.get("/metrics").await),
        (
            "304",
            client
                .get(app.url(&format!("/albums/{album}")))
                .header("if-none-match", etag)
                .send()
                .await
                .unwrap(),
        ),
        (
            "cross-origin 403",
            client
                .post(app.url("/api/auth/logout"))
                .header("origin", "https://evil.example")
                .header("sec-fetch-site", "cross-site")
                .send()
                .await
                .unwrap(),
        ),
    ];
    for (what, response) in &responses {
        assert_eq!(
            header(response, "x-content-type-options"),
            "nosniff",
            "{what}"
        );
        assert_eq!(
            header(response, "referrer-policy"),
            "strict-origin-when-cross-origin",
            "{what}"
        );
        assert!(
            header(response, "content-security-policy").contains("frame-ancestors 'none'"),
            "{what}"
        );
    }
    assert_eq!(responses[6].1.status(), 304);
    assert_eq!(responses[7].1.status(), 403);
}

#[tokio::test]
async fn an_invented_method_is_counted_as_other() {
    let app = spawn_app_configured(|_| {}).await;
    let brew = reqwest::Method::from_bytes(b"BREWCOFFEE").unwrap();
    reqwest::Client::new()
        .request(brew, app.url("/api/tracks"))
        .send()
        .await
        .unwrap();
    let metrics = app.get("/metrics").await.text().await.unwrap();
    assert!(
        !metrics.contains("BREWCOFFEE"),
        "no label per invented method"
    );
    assert!(
        metrics
            .lines()
            .any(|l| l.starts_with("chorus_http_requests_total") && l.contains("method=\"other\"")),
        "counted as other"
    );
}

//! Resuming the feed without duplicates: the cursor in the handshake
//! (`?after=ID`) replays before anything live; a late `resume` never sends
//! an event twice or out of order; replays are rate-limited per socket and
//! an account holds a bounded number of sockets. The soak test drops the
//! socket abruptly 100 times while a friend keeps publishing: what arrives
//! is exactly the feed, in order.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use reqwest::Method;
use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;

use crate::helpers::{spawn_app_with_music, TestApp};
use crate::listeners::{
    closed, expect_event, expect_quiet, friends, listener, next_json, track_ids, Listener, Socket,
};

/// Every id of `listener`'s feed above `after`, oldest first (walking
/// `GET /api/feed` back page by page).
async fn feed_ids_after(app: &TestApp, listener: &Listener, after: i64) -> Vec<i64> {
    let mut ids = Vec::new();
    let mut before: Option<i64> = None;
    loop {
        let path = match before {
            Some(before) => format!("/api/feed?limit=100&before={before}"),
            None => "/api/feed?limit=100".to_owned(),
        };
        let page: Value = listener
            .call(app, Method::GET, &path)
            .await
            .json()
            .await
            .unwrap();
        let items = page["items"].as_array().unwrap();
        let mut done = page["next"].is_null();
        for item in items {
            let id = item["id"].as_i64().unwrap();
            if id <= after {
                done = true;
                break;
            }
            ids.push(id);
        }
        if done {
            break;
        }
        before = page["next"].as_i64();
    }
    ids.reverse();
    ids
}

async fn send(socket: &mut Socket, message: Value) {
    socket
        .send(Message::Text(message.to_string().into()))
        .await
        .unwrap();
}

#[tokio::test]
async fn the_cursor_in_the_handshake_replays_before_anything_live() {
    let app = spawn_app_with_music().await;
    let (ada, bob) = (listener(&app, "ada").await, listener(&app, "bob").await);
    friends(&app, &ada, "ada", &bob, "bob").await;
    let tracks = track_ids(&app, 4).await;
    let start = *feed_ids_after(&app, &ada, 0).await.last().unwrap_or(&0);
    for track in &tracks[..3] {
        bob.like(&app, *track).await;
    }
    let mut socket = ada.connect_after(&app, start).await;
    bob.like(&app, tracks[3]).await;
    let mut ids = Vec::new();
    for track in &tracks {
        let event = expect_event(&mut socket).await;
        assert_eq!(
            event["track"]["id"], *track,
            "replayed, then live, in order"
        );
        ids.push(event["id"].as_i64().unwrap());
    }
    expect_quiet(&mut socket).await;
    assert_eq!(ids, feed_ids_after(&app, &ada, start).await);
}

#[tokio::test]
async fn a_resume_after_live_events_never_sends_one_twice_or_out_of_order() {
    let app = spawn_app_with_music().await;
    let (ada, bob) = (listener(&app, "ada").await, listener(&app, "bob").await);
    friends(&app, &ada, "ada", &bob, "bob").await;
    let tracks = track_ids(&app, 3).await;
    bob.like(&app, tracks[0]).await;
    let missed = *feed_ids_after(&app, &ada, 0).await.last().unwrap();
    let before_missed = missed - 1;

    // No cursor: live from the handshake on.
    let mut socket = ada.connect(&app).await;
    bob.like(&app, tracks[1]).await;
    let live = expect_event(&mut socket).await["id"].as_i64().unwrap();

    // A resume from what the client has: nothing to send again.
    send(&mut socket, json!({"type": "resume", "after": live})).await;
    expect_quiet(&mut socket).await;
    // A resume from before the socket opened: the missed event is older
    // than one already sent, so the client is told to resync.
    send(
        &mut socket,
        json!({"type": "resume", "after": before_missed}),
    )
    .await;
    assert_eq!(
        next_json(&mut socket, Duration::from_secs(5))
            .await
            .unwrap(),
        json!({"type": "resync"})
    );
    // After the resync, resuming from the reloaded feed replays nothing
    // twice, and live goes on.
    send(&mut socket, json!({"type": "resume", "after": live})).await;
    bob.like(&app, tracks[2]).await;
    let next = expect_event(&mut socket).await;
    assert_eq!(next["track"]["id"], tracks[2]);
    expect_quiet(&mut socket).await;
}

#[tokio::test]
async fn replays_are_rate_limited_per_socket() {
    let app = spawn_app_with_music().await;
    let ada = listener(&app, "ada").await;
    let mut socket = ada.connect_after(&app, 0).await;
    for _ in 0..10 {
        send(&mut socket, json!({"type": "resume", "after": 0})).await;
    }
    let (code, _) = closed(&mut socket, Duration::from_secs(5)).await;
    assert_eq!(code, 1008, "too many resumes");
    // A new socket starts with a budget of its own.
    let mut again = ada.connect_after(&app, 0).await;
    send(&mut again, json!({"type": "resume", "after": 0})).await;
    expect_quiet(&mut again).await;
}

#[tokio::test]
async fn an_account_holds_a_bounded_number_of_sockets_the_oldest_closes() {
    let app = spawn_app_with_music().await;
    let (ada, bob) = (listener(&app, "ada").await, listener(&app, "bob").await);
    friends(&app, &ada, "ada", &bob, "bob").await;
    let max = chorus_server::live::MAX_PER_ACCOUNT;
    let mut sockets = Vec::new();
    for _ in 0..max {
        sockets.push(ada.connect(&app).await);
    }
    let mut newest = ada.connect(&app).await;
    let (code, _) = closed(&mut sockets[0], Duration::from_secs(5)).await;
    assert_eq!(code, chorus_server::live::REPLACED);
    // The others, and the newest, still get events.
    let track = track_ids(&app, 1).await[0];
    bob.like(&app, track).await;
    for socket in sockets[1..].iter_mut().chain([&mut newest]) {
        assert_eq!(expect_event(socket).await["track"]["id"], track);
    }
}

#[tokio::test]
async fn a_bad_cursor_in_the_handshake_is_refused() {
    let app = spawn_app_with_music().await;
    let ada = listener(&app, "ada").await;
    for query in ["?after=abc", "?after=-1", "?after=99999999999999999999"] {
        let url = app.address.replace("http://", "ws://") + "/ws/feed" + query;
        let mut request = url.into_client_request().unwrap();
        request
            .headers_mut()
            .insert("cookie", ada.cookie.parse().unwrap());
        match tokio_tungstenite::connect_async(request).await {
            Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
                assert_eq!(response.status(), 400, "{query}");
            }
            other => panic!("{query}: expected 400, got {other:?}"),
        }
    }
}

/// The soak: the listener's socket is dropped abruptly (no close frame)
/// 100 times, each after a different short while, and reconnects with the
/// last id it saw, while a friend likes and unlikes without pause.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_abrupt_drops_under_steady_activity_lose_and_double_nothing() {
    let app = spawn_app_with_music().await;
    let (ada, bob) = (listener(&app, "ada").await, listener(&app, "bob").await);
    friends(&app, &ada, "ada", &bob, "bob").await;
    let tracks = track_ids(&app, 4).await;
    let start = *feed_ids_after(&app, &ada, 0).await.last().unwrap_or(&0);

    let stop = tokio_util::sync::CancellationToken::new();
    let publisher = {
        let (stop, address, cookie) = (stop.clone(), app.address.clone(), bob.cookie.clone());
        tokio::spawn(async move {
            let client = reqwest::Client::new();
            let mut published = 0u32;
            while !stop.is_cancelled() {
                let track = tracks[published as usize % tracks.len()];
                let url = format!("{address}/api/tracks/{track}/like");
                for method in [Method::PUT, Method::DELETE] {
                    let response = client
                        .request(method, &url)
                        .header("cookie", &cookie)
                        .send()
                        .await
                        .unwrap();
                    assert_eq!(response.status(), 200);
                }
                published += 1;
            }
            published
        })
    };

    let mut delivered: Vec<i64> = Vec::new();
    let mut last = start;
    for drop_after in (0..100u64).map(|i| Duration::from_millis(5 + (i * 37) % 60)) {
        let mut socket = ada.connect_after(&app, last).await;
        let until = tokio::time::Instant::now() + drop_after;
        while let Ok(message) = tokio::time::timeout_at(until, socket.next()).await {
            let Some(Ok(Message::Text(text))) = message else {
                continue;
            };
            let message: Value = serde_json::from_str(&text).unwrap();
            match message["type"].as_str() {
                Some("event") => {
                    let id = message["event"]["id"].as_i64().unwrap();
                    delivered.push(id);
                    last = id;
                }
                Some("presence" | "friend_requests" | "notifications") => {}
                other => panic!("unexpected {other:?}: {message}"),
            }
        }
        // Abrupt: the TCP connection goes without a close frame.
        drop(socket);
    }
    stop.cancel();
    let published = publisher.await.unwrap();
    // What happened after the last drop arrives on one more socket.
    let mut socket = ada.connect_after(&app, last).await;
    while let Some(message) = next_json(&mut socket, Duration::from_millis(500)).await {
        if message["type"] == "event" {
            delivered.push(message["event"]["id"].as_i64().unwrap());
        }
    }

    let feed = feed_ids_after(&app, &ada, start).await;
    assert!(
        published >= 100,
        "the friend published throughout ({published})"
    );
    assert_eq!(feed.len(), published as usize, "one liked_track per like");
    assert_eq!(delivered.len(), feed.len(), "none missing, none twice");
    assert_eq!(delivered, feed, "exactly the feed, in order");
}

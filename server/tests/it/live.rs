//! The live feed socket: events pushed to friends, resume without gaps or
//! duplicates, privacy, origin and size limits.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::json;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;

use crate::helpers::spawn_app_with_music;
use reqwest::Method;

use crate::listeners::{
    expect_event, friends, listener, next_friend_requests, next_json, track_ids, ARRIVES, QUIET,
};

#[tokio::test]
async fn a_friends_like_arrives_live_with_its_track() {
    let app = spawn_app_with_music().await;
    let (ada, bob) = (listener(&app, "ada").await, listener(&app, "bob").await);
    friends(&app, &ada, "ada", &bob, "bob").await;
    let mut socket = ada.connect(&app).await;
    let track = track_ids(&app, 1).await[0];

    bob.like(&app, track).await;
    let event = expect_event(&mut socket).await;
    assert_eq!(event["kind"], "liked_track");
    assert_eq!(event["user"]["username"], "bob");
    assert_eq!(event["track"]["id"], track);
    assert!(event["id"].as_i64().unwrap() > 0);
}

#[tokio::test]
async fn resume_replays_what_was_missed_in_order_then_goes_live() {
    let app = spawn_app_with_music().await;
    let (ada, bob) = (listener(&app, "ada").await, listener(&app, "bob").await);
    friends(&app, &ada, "ada", &bob, "bob").await;
    let tracks = track_ids(&app, 4).await;

    let mut socket = ada.connect(&app).await;
    bob.like(&app, tracks[0]).await;
    let seen = expect_event(&mut socket).await["id"].as_i64().unwrap();
    socket.close(None).await.unwrap();

    // Missed while away.
    for track in &tracks[1..] {
        bob.like(&app, *track).await;
    }
    let mut socket = ada.connect(&app).await;
    socket
        .send(Message::Text(
            json!({"type": "resume", "after": seen}).to_string().into(),
        ))
        .await
        .unwrap();
    let mut ids = vec![seen];
    for track in &tracks[1..] {
        let event = expect_event(&mut socket).await;
        assert_eq!(event["track"]["id"], *track);
        ids.push(event["id"].as_i64().unwrap());
    }
    assert!(
        ids.windows(2).all(|w| w[0] < w[1]),
        "in order, no duplicates: {ids:?}"
    );

    bob.unlike(&app, tracks[0]).await;
    bob.like(&app, tracks[0]).await;
    let live = expect_event(&mut socket).await;
    assert!(live["id"].as_i64().unwrap() > *ids.last().unwrap());
    assert!(
        next_json(&mut socket, Duration::from_millis(300))
            .await
            .is_none(),
        "nothing twice"
    );
}

#[tokio::test]
async fn private_activity_is_never_pushed() {
    let app = spawn_app_with_music().await;
    let (ada, bob) = (listener(&app, "ada").await, listener(&app, "bob").await);
    friends(&app, &ada, "ada", &bob, "bob").await;
    let tracks = track_ids(&app, 2).await;
    let mut socket = ada.connect(&app).await;
    let privacy = |value: &str| {
        app.client
            .put(app.url("/api/me/privacy"))
            .header("cookie", &bob.cookie)
            .json(&json!({"activity": value}))
            .send()
    };

    privacy("private").await.unwrap();
    bob.like(&app, tracks[0]).await;
    privacy("friends").await.unwrap();
    bob.like(&app, tracks[1]).await;

    let event = expect_event(&mut socket).await;
    assert_eq!(
        event["track"]["id"], tracks[1],
        "the private like never arrives"
    );
    assert!(next_json(&mut socket, Duration::from_millis(300))
        .await
        .is_none());
}

#[tokio::test]
async fn too_much_missed_means_resync() {
    let app = spawn_app_with_music().await;
    let (ada, bob) = (listener(&app, "ada").await, listener(&app, "bob").await);
    friends(&app, &ada, "ada", &bob, "bob").await;
    let track = track_ids(&app, 1).await[0];
    let bound = chorus_realtime::protocol::MAX_REPLAY as usize;
    for _ in 0..=bound {
        bob.like(&app, track).await;
        bob.unlike(&app, track).await;
    }
    let mut socket = ada.connect(&app).await;
    socket
        .send(Message::Text(
            json!({"type": "resume", "after": 0}).to_string().into(),
        ))
        .await
        .unwrap();
    let message = next_json(&mut socket, Duration::from_secs(5))
        .await
        .unwrap();
    assert_eq!(message, json!({"type": "resync"}));
}

#[tokio::test]
async fn strangers_and_foreign_pages_cannot_open_a_feed() {
    let app = spawn_app_with_music().await;
    let ada = listener(&app, "ada").await;
    let url = app.address.replace("http://", "ws://") + "/ws/feed";

    let anonymous = tokio_tungstenite::connect_async(url.as_str()).await;
    assert!(
        matches!(anonymous, Err(tokio_tungstenite::tungstenite::Error::Http(ref r)) if r.status() == 401)
    );

    let mut request = url.into_client_request().unwrap();
    request
        .headers_mut()
        .insert("cookie", ada.cookie.parse().unwrap());
    request
        .headers_mut()
        .insert("origin", "https://evil.example".parse().unwrap());
    let foreign = tokio_tungstenite::connect_async(request).await;
    assert!(
        matches!(foreign, Err(tokio_tungstenite::tungstenite::Error::Http(ref r)) if r.status() == 403)
    );
}

#[tokio::test]
async fn bad_messages_get_an_error_and_oversized_ones_close_the_socket() {
    let app = spawn_app_with_music().await;
    let ada = listener(&app, "ada").await;
    let mut socket = ada.connect(&app).await;

    socket
        .send(Message::Text(r#"{"type":"shout"}"#.into()))
        .await
        .unwrap();
    let message = next_json(&mut socket, Duration::from_secs(5))
        .await
        .unwrap();
    assert_eq!(message["type"], "error");

    socket
        .send(Message::Text("x".repeat(64 * 1024).into()))
        .await
        .unwrap();
    let closed = loop {
        match tokio::time::timeout(Duration::from_secs(5), socket.next())
            .await
            .unwrap()
        {
            Some(Ok(Message::Close(frame))) => break frame,
            Some(Ok(_)) => continue,
            Some(Err(e)) => panic!("socket error instead of a close: {e}"),
            None => break None,
        }
    };
    let frame = closed.expect("a close frame");
    assert_eq!(u16::from(frame.code), 1009, "message too big");
}

/// The app badge's count: pending friend requests, told when the socket
/// opens and again whenever the count changes, to the one asked only.
#[tokio::test]
async fn pending_friend_requests_are_counted_live() {
    let app = spawn_app_with_music().await;
    let (ada, bob) = (listener(&app, "ada").await, listener(&app, "bob").await);
    let cyd = listener(&app, "cyd").await;
    let mut socket = ada.connect(&app).await;
    let mut asker = bob.connect(&app).await;
    assert_eq!(next_friend_requests(&mut socket, ARRIVES).await, Some(0));
    assert_eq!(next_friend_requests(&mut asker, ARRIVES).await, Some(0));

    bob.call(&app, Method::POST, "/api/friends/ada").await;
    assert_eq!(next_friend_requests(&mut socket, ARRIVES).await, Some(1));
    cyd.call(&app, Method::POST, "/api/friends/ada").await;
    assert_eq!(next_friend_requests(&mut socket, ARRIVES).await, Some(2));
    // Accepting one and declining the other.
    ada.call(&app, Method::POST, "/api/friends/bob").await;
    assert_eq!(next_friend_requests(&mut socket, ARRIVES).await, Some(1));
    ada.call(&app, Method::DELETE, "/api/friends/cyd").await;
    assert_eq!(next_friend_requests(&mut socket, ARRIVES).await, Some(0));

    // Bob asked and was accepted: nobody asked him, so nothing changed.
    assert_eq!(next_friend_requests(&mut asker, QUIET).await, None);
    // A socket opened now starts from the count as it stands.
    cyd.call(&app, Method::POST, "/api/friends/ada").await;
    let mut later = ada.connect(&app).await;
    assert_eq!(next_friend_requests(&mut later, ARRIVES).await, Some(1));
}

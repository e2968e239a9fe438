//! Presence on the feed socket: friends online and what they play, sent
//! when the socket opens and on each change; never for strangers, never
//! for private listeners, and no more once unfriended.

use reqwest::Method;
use serde_json::Value;

use crate::helpers::{spawn_app_with_music, TestApp};
use crate::listeners::{
    expect_event, expect_presence, expect_quiet, friends, listener, next_json, track_ids, Listener,
    Socket, ARRIVES,
};

/// A track and its length.
async fn a_track(app: &TestApp) -> (i64, u64) {
    let id = track_ids(app, 1).await[0];
    let track = app.json(&format!("/api/tracks/{id}")).await;
    (id, track["duration_ms"].as_u64().unwrap())
}

/// The next `n` messages, whatever their order: (events, presences).
async fn next_messages(socket: &mut Socket, n: usize) -> (Vec<Value>, Vec<Value>) {
    let (mut events, mut presences) = (Vec::new(), Vec::new());
    for _ in 0..n {
        let message = next_json(socket, ARRIVES).await.expect("a message");
        match message["type"].as_str() {
            Some("event") => events.push(message["event"].clone()),
            Some("presence") => presences.push(message),
            _ => panic!("unexpected {message}"),
        }
    }
    (events, presences)
}

fn assert_offline(presence: &Value, username: &str) {
    assert_eq!(presence["username"], username, "{presence}");
    assert_eq!(presence["online"], false, "{presence}");
    assert!(presence["now_playing"].is_null(), "{presence}");
}

#[tokio::test]
async fn a_socket_opens_with_the_friends_playing_now() {
    let app = spawn_app_with_music().await;
    let (ada, bob) = (listener(&app, "ada").await, listener(&app, "bob").await);
    let carol = listener(&app, "carol").await;
    friends(&app, &ada, "ada", &bob, "bob").await;
    friends(&app, &ada, "ada", &carol, "carol").await;
    let (track, duration) = a_track(&app).await;
    bob.report(&app, track, 1_000, false).await;

    let mut socket = ada.connect(&app).await;
    let presence = expect_presence(&mut socket).await;
    assert_eq!(presence["username"], "bob");
    assert_eq!(presence["display_name"], "bob");
    assert_eq!(presence["online"], false, "bob has no socket open");
    let playing = &presence["now_playing"];
    assert_eq!(playing["track"]["id"], track);
    assert!(playing["track"]["stream_url"].is_string());
    let position = playing["position_ms"].as_u64().unwrap();
    assert!((1_000..=duration).contains(&position), "{position}");
    assert!(playing["started_at"].as_str().unwrap().ends_with('Z'));
    // Carol is offline and plays nothing: nothing to say about her.
    expect_quiet(&mut socket).await;
}

#[tokio::test]
async fn a_friend_starting_to_play_reaches_an_open_socket() {
    let app = spawn_app_with_music().await;
    let (ada, bob) = (listener(&app, "ada").await, listener(&app, "bob").await);
    friends(&app, &ada, "ada", &bob, "bob").await;
    let (track, duration) = a_track(&app).await;
    let mut socket = ada.connect(&app).await;

    bob.report(&app, track, 0, false).await;
    let (events, presences) = next_messages(&mut socket, 2).await;
    assert_eq!(events[0]["kind"], "now_playing");
    assert_eq!(presences[0]["username"], "bob");
    assert_eq!(presences[0]["now_playing"]["track"]["id"], track);

    // A heartbeat where the clock says bob is: nothing new to tell.
    bob.report(&app, track, 0, false).await;
    expect_quiet(&mut socket).await;

    // A seek moves the friend's progress bar.
    bob.report(&app, track, duration / 2, false).await;
    let seek = expect_presence(&mut socket).await;
    let position = seek["now_playing"]["position_ms"].as_u64().unwrap();
    assert!(position >= duration / 2, "{position}");

    // A pause: the event, and nothing playing.
    bob.report(&app, track, duration / 2, true).await;
    let (events, presences) = next_messages(&mut socket, 2).await;
    assert_eq!(events[0]["kind"], "paused");
    assert_offline(&presences[0], "bob");
}

#[tokio::test]
async fn online_follows_the_friends_sockets() {
    let app = spawn_app_with_music().await;
    let (ada, bob) = (listener(&app, "ada").await, listener(&app, "bob").await);
    friends(&app, &ada, "ada", &bob, "bob").await;
    let mut socket = ada.connect(&app).await;

    let mut first = bob.connect(&app).await;
    let online = expect_presence(&mut socket).await;
    assert_eq!(
        (&online["username"], &online["online"]),
        (&"bob".into(), &true.into())
    );
    assert!(online["now_playing"].is_null());
    // Ada's socket was open already: bob's opens with her online.
    let ada_online = expect_presence(&mut first).await;
    assert_eq!(ada_online["username"], "ada");
    assert_eq!(ada_online["online"], true);

    let mut second = bob.connect(&app).await;
    expect_presence(&mut second).await;
    second.close(None).await.unwrap();
    expect_quiet(&mut socket).await;

    first.close(None).await.unwrap();
    assert_offline(&expect_presence(&mut socket).await, "bob");
}

#[tokio::test]
async fn a_strangers_presence_never_arrives() {
    let app = spawn_app_with_music().await;
    let (ada, bob) = (listener(&app, "ada").await, listener(&app, "bob").await);
    let eve = listener(&app, "eve").await;
    friends(&app, &ada, "ada", &bob, "bob").await;
    let (track, _) = a_track(&app).await;
    let mut socket = ada.connect(&app).await;

    let _eve_socket = eve.connect(&app).await;
    eve.report(&app, track, 0, false).await;
    eve.like(&app, track).await;
    // The marker: bob's like is the next thing ada hears of.
    bob.like(&app, track).await;
    assert_eq!(expect_event(&mut socket).await["user"]["username"], "bob");
    expect_quiet(&mut socket).await;
}

#[tokio::test]
async fn a_friend_going_private_shows_offline() {
    let app = spawn_app_with_music().await;
    let (ada, bob) = (listener(&app, "ada").await, listener(&app, "bob").await);
    friends(&app, &ada, "ada", &bob, "bob").await;
    let (track, _) = a_track(&app).await;
    let _bob_socket = bob.connect(&app).await;
    bob.report(&app, track, 0, false).await;
    let mut socket = ada.connect(&app).await;
    let presence = expect_presence(&mut socket).await;
    assert_eq!(presence["online"], true);
    assert_eq!(presence["now_playing"]["track"]["id"], track);

    bob.set_privacy(&app, "private").await;
    assert_offline(&expect_presence(&mut socket).await, "bob");
    // Playing on in private tells nothing.
    bob.report(&app, track, 1_000, false).await;
    bob.like(&app, track).await;
    expect_quiet(&mut socket).await;

    bob.set_privacy(&app, "friends").await;
    let back = expect_presence(&mut socket).await;
    assert_eq!(back["online"], true);
    assert_eq!(back["now_playing"]["track"]["id"], track);
}

#[tokio::test]
async fn a_private_session_shows_offline_and_its_events_reach_nobody() {
    let app = spawn_app_with_music().await;
    let (ada, bob) = (listener(&app, "ada").await, listener(&app, "bob").await);
    friends(&app, &ada, "ada", &bob, "bob").await;
    let tracks = track_ids(&app, 2).await;
    let _bob_socket = bob.connect(&app).await;
    let mut socket = ada.connect(&app).await;
    assert_eq!(expect_presence(&mut socket).await["online"], true);

    bob.private_session(&app, true).await;
    assert_offline(&expect_presence(&mut socket).await, "bob");
    bob.report(&app, tracks[0], 0, false).await;
    bob.like(&app, tracks[0]).await;
    expect_quiet(&mut socket).await;

    bob.private_session(&app, false).await;
    let back = expect_presence(&mut socket).await;
    assert_eq!(back["online"], true);
    assert_eq!(
        back["now_playing"]["track"]["id"], tracks[0],
        "still playing, now for friends to see"
    );
    bob.like(&app, tracks[1]).await;
    let event = expect_event(&mut socket).await;
    assert_eq!(
        event["track"]["id"], tracks[1],
        "the session's events never came"
    );

    let feed: Value = ada
        .call(&app, Method::GET, "/api/feed")
        .await
        .json()
        .await
        .unwrap();
    let kinds: Vec<&str> = feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["liked_track", "friended"],
        "nothing from the session"
    );
}

/// Ada and Bob, friends, both with a socket open and told of each other.
async fn two_friends_online(app: &TestApp) -> (Listener, Socket, Listener, Socket) {
    let (ada, bob) = (listener(app, "ada").await, listener(app, "bob").await);
    friends(app, &ada, "ada", &bob, "bob").await;
    let mut ada_socket = ada.connect(app).await;
    let mut bob_socket = bob.connect(app).await;
    assert_eq!(expect_presence(&mut ada_socket).await["username"], "bob");
    assert_eq!(expect_presence(&mut bob_socket).await["username"], "ada");
    (ada, ada_socket, bob, bob_socket)
}

#[tokio::test]
async fn unfriending_ends_presence_and_events_both_ways() {
    let app = spawn_app_with_music().await;
    let (ada, mut ada_socket, bob, mut bob_socket) = two_friends_online(&app).await;
    let carol = listener(&app, "carol").await;
    friends(&app, &ada, "ada", &carol, "carol").await;
    // Carol's friended event reaches ada, ada's reaches bob.
    assert_eq!(expect_event(&mut ada_socket).await["kind"], "friended");
    assert_eq!(expect_event(&mut bob_socket).await["kind"], "friended");
    let (track, _) = a_track(&app).await;

    let response = ada.call(&app, Method::DELETE, "/api/friends/bob").await;
    assert_eq!(response.status(), 204);
    assert_offline(&expect_presence(&mut ada_socket).await, "bob");
    assert_offline(&expect_presence(&mut bob_socket).await, "ada");

    bob.report(&app, track, 0, false).await;
    bob.like(&app, track).await;
    ada.like(&app, track).await;
    carol.like(&app, track).await;
    let event = expect_event(&mut ada_socket).await;
    assert_eq!(event["user"]["username"], "carol", "nothing of bob");
    expect_quiet(&mut ada_socket).await;
    expect_quiet(&mut bob_socket).await;
}

#[tokio::test]
async fn a_new_friend_arrives_with_their_presence() {
    let app = spawn_app_with_music().await;
    let (ada, bob) = (listener(&app, "ada").await, listener(&app, "bob").await);
    let mut ada_socket = ada.connect(&app).await;
    let mut bob_socket = bob.connect(&app).await;
    expect_quiet(&mut ada_socket).await;

    friends(&app, &ada, "ada", &bob, "bob").await;
    let (events, presences) = next_messages(&mut ada_socket, 2).await;
    assert_eq!(events[0]["kind"], "friended");
    assert_eq!(presences[0]["username"], "bob");
    assert_eq!(presences[0]["online"], true);
    let (_, presences) = next_messages(&mut bob_socket, 2).await;
    assert_eq!(presences[0]["username"], "ada");
}

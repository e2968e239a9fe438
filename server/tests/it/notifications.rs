//! Notifications and dedications over the API: a song sent to a friend
//! arrives as a notification with a live unread count; friend requests,
//! their acceptance and playlist invitations are notifications too;
//! marking read; sending only to friends, with clear errors that write
//! nothing; the hourly limit.

use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::{header, spawn_app_with_music, Site, TestApp};
use crate::listeners::{friends, listener, next_unread, track_ids, Listener, ARRIVES, QUIET};

async fn notifications(app: &TestApp, who: &Listener) -> Value {
    who.expect(app, Method::GET, "/api/notifications", Value::Null, 200)
        .await
}

fn kinds(list: &Value) -> Vec<&str> {
    list["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap())
        .collect()
}

async fn send(app: &TestApp, from: &Listener, body: Value, status: u16) -> Value {
    from.expect(app, Method::POST, "/api/dedications", body, status)
        .await
}

#[tokio::test]
async fn a_song_sent_to_a_friend_arrives_live_and_is_marked_read() {
    let app = spawn_app_with_music().await;
    let ada = listener(&app, "ada").await;
    let bob = listener(&app, "bob").await;
    let mut bob_socket = bob.connect(&app).await;
    assert_eq!(next_unread(&mut bob_socket, ARRIVES).await, Some(0));

    // Ada asks, Bob is told at once; Bob accepts, Ada is told.
    friends(&app, &ada, "ada", &bob, "bob").await;
    assert_eq!(next_unread(&mut bob_socket, ARRIVES).await, Some(1));
    let adas = notifications(&app, &ada).await;
    assert_eq!(kinds(&adas), ["friend_accepted"]);
    assert_eq!(adas["notifications"][0]["from"]["username"], "bob");

    let track = track_ids(&app, 1).await[0];
    let title = app.json(&format!("/api/tracks/{track}")).await["title"].clone();
    let body = json!({"to": "bob", "track_id": track, "message": "  this one is for you  "});
    let sent = send(&app, &ada, body, 201).await;
    assert_eq!(sent["kind"], "dedication");
    assert_eq!(sent["message"], "this one is for you");
    assert_eq!(
        sent["subject"],
        json!({"kind": "track", "id": track, "title": title})
    );
    assert_eq!(next_unread(&mut bob_socket, ARRIVES).await, Some(2));

    let bobs = notifications(&app, &bob).await;
    assert_eq!(bobs["unread"], 2);
    assert_eq!(kinds(&bobs), ["dedication", "friend_request"]);
    let dedication = &bobs["notifications"][0];
    assert_eq!(dedication, &sent, "the sender saw what the friend gets");
    assert_eq!(
        dedication["from"],
        json!({"username": "ada", "display_name": "ada"})
    );
    assert_eq!(dedication["read"], false);

    // Read up to the friend request only: the song stays unread.
    let older = bobs["notifications"][1]["id"].clone();
    let mark = |up_to: Value| json!({ "up_to": up_to });
    bob.expect(
        &app,
        Method::POST,
        "/api/notifications/read",
        mark(older),
        204,
    )
    .await;
    assert_eq!(next_unread(&mut bob_socket, ARRIVES).await, Some(1));
    bob.expect(
        &app,
        Method::POST,
        "/api/notifications/read",
        mark(sent["id"].clone()),
        204,
    )
    .await;
    assert_eq!(next_unread(&mut bob_socket, ARRIVES).await, Some(0));
    let bobs = notifications(&app, &bob).await;
    assert_eq!(bobs["unread"], 0);
    assert!(bobs["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .all(|n| n["read"] == true));
    // Bob's reading leaves Ada's as it was.
    assert_eq!(notifications(&app, &ada).await["unread"], 1);
}

#[tokio::test]
async fn albums_playlists_and_invitations_are_notifications_too() {
    let app = spawn_app_with_music().await;
    let ada = listener(&app, "ada").await;
    let bob = listener(&app, "bob").await;
    friends(&app, &ada, "ada", &bob, "bob").await;
    let track = track_ids(&app, 1).await[0];
    let album = app.json(&format!("/api/tracks/{track}")).await["album"]["id"].clone();
    let made = ada
        .expect(
            &app,
            Method::POST,
            "/api/playlists",
            json!({"name": "Sunday", "visibility": "friends"}),
            201,
        )
        .await;
    let playlist = made["playlist"]["id"].clone();

    send(&app, &ada, json!({"to": "bob", "album_id": album}), 201).await;
    send(
        &app,
        &ada,
        json!({"to": "bob", "playlist_id": playlist}),
        201,
    )
    .await;
    let invite = format!("/api/playlists/{playlist}/collaborators/bob");
    ada.expect(&app, Method::PUT, &invite, Value::Null, 200)
        .await;
    // Invited again: nothing new to tell.
    ada.expect(&app, Method::PUT, &invite, Value::Null, 200)
        .await;

    let bobs = notifications(&app, &bob).await;
    assert_eq!(
        kinds(&bobs),
        [
            "playlist_invite",
            "dedication",
            "dedication",
            "friend_request"
        ]
    );
    let list = &bobs["notifications"];
    let sunday = json!({"kind": "playlist", "id": playlist, "title": "Sunday"});
    assert_eq!(list[0]["subject"], sunday);
    assert_eq!(list[0]["message"], Value::Null);
    assert_eq!(list[1]["subject"], sunday);
    assert_eq!(list[1]["message"], "", "no message is an empty one");
    assert_eq!(list[2]["subject"]["kind"], "album");
    assert_eq!(list[2]["subject"]["id"], album);
}

#[tokio::test]
async fn music_goes_to_friends_only_and_a_bad_dedication_sends_nothing() {
    let app = spawn_app_with_music().await;
    let ada = listener(&app, "ada").await;
    let bob = listener(&app, "bob").await;
    let cyd = listener(&app, "cyd").await;
    friends(&app, &ada, "ada", &bob, "bob").await;
    let track = track_ids(&app, 1).await[0];
    let private = ada
        .expect(
            &app,
            Method::POST,
            "/api/playlists",
            json!({"name": "Mine", "visibility": "private"}),
            201,
        )
        .await;
    let private = private["playlist"]["id"].clone();
    let mut bob_socket = bob.connect(&app).await;
    assert_eq!(next_unread(&mut bob_socket, ARRIVES).await, Some(1));

    let error = |body: Value| body["error"].as_str().unwrap().to_owned();
    let cases = [
        (
            json!({"to": "cyd", "track_id": track}),
            403,
            "music can be sent to friends only",
        ),
        (
            json!({"to": "zed", "track_id": track}),
            404,
            "there is no listener named zed",
        ),
        (
            json!({"to": "ada", "track_id": track}),
            400,
            "send music to a friend, not to yourself",
        ),
        (
            json!({"to": "bob"}),
            400,
            "name exactly one of track_id, album_id and playlist_id",
        ),
        (
            json!({"to": "bob", "track_id": track, "album_id": 1}),
            400,
            "name exactly one of track_id, album_id and playlist_id",
        ),
        (
            json!({"to": "bob", "track_id": 999999}),
            400,
            "there is no track 999999",
        ),
        (
            json!({"to": "bob", "album_id": 999999}),
            400,
            "there is no such album",
        ),
        (
            json!({"to": "bob", "playlist_id": private}),
            400,
            "that playlist is not one you both may see",
        ),
        (
            json!({"to": "bob", "track_id": track, "message": "x".repeat(281)}),
            400,
            "a message is at most 280 characters, without control characters",
        ),
    ];
    for (body, status, message) in cases {
        let answer = send(&app, &ada, body.clone(), status).await;
        assert_eq!(error(answer), message, "{body}");
    }
    // Cyd, not Ada's friend, may not send Ada anything either.
    send(&app, &cyd, json!({"to": "ada", "track_id": track}), 403).await;
    // Signed out.
    let response = app
        .http()
        .post(app.url("/api/dedications"))
        .json(&json!({"to": "bob", "track_id": track}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);

    assert_eq!(
        next_unread(&mut bob_socket, QUIET).await,
        None,
        "nothing sent"
    );
    assert_eq!(kinds(&notifications(&app, &bob).await), ["friend_request"]);
    assert!(kinds(&notifications(&app, &cyd).await).is_empty());
}

#[tokio::test]
async fn one_listener_sends_at_most_thirty_an_hour() {
    let app = spawn_app_with_music().await;
    let ada = listener(&app, "ada").await;
    let bob = listener(&app, "bob").await;
    friends(&app, &ada, "ada", &bob, "bob").await;
    let track = track_ids(&app, 1).await[0];
    let body = json!({"to": "bob", "track_id": track, "message": "again"});
    for _ in 0..30 {
        send(&app, &ada, body.clone(), 201).await;
    }
    let response = ada
        .send_json(&app, Method::POST, "/api/dedications", body)
        .await;
    assert_eq!(response.status(), 429);
    let wait: u64 = header(&response, "retry-after").parse().unwrap();
    assert!(
        (3500..=3600).contains(&wait),
        "the first leaves the hour in {wait} s"
    );
    assert_eq!(
        notifications(&app, &bob).await["unread"],
        31,
        "30 songs and a request"
    );
    // Bob's own budget is untouched.
    send(&app, &bob, json!({"to": "ada", "track_id": track}), 201).await;
}

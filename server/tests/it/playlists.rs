//! Playlists over the API: create (a saved queue too), rename, describe,
//! add, move, remove, duplicate and delete; who sees them by visibility;
//! invited friends editing; the 10,000-track limit; clear errors that
//! change nothing.

use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::{header, spawn_app_with_music, TestApp};
use crate::listeners::{friends, listener, next_json, Listener, Socket, ARRIVES, QUIET};

async fn track_ids(app: &TestApp) -> Vec<i64> {
    let tracks = app.json("/api/tracks").await;
    tracks["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_i64().unwrap())
        .collect()
}

async fn create(app: &TestApp, who: &Listener, body: Value) -> Value {
    who.expect(app, Method::POST, "/api/playlists", body, 201)
        .await
}

/// Three listeners; Ada and Bob are friends.
async fn ada_bob_and_cyd(app: &TestApp) -> (Listener, Listener, Listener) {
    let ada = listener(app, "ada").await;
    let bob = listener(app, "bob").await;
    let cyd = listener(app, "cyd").await;
    friends(app, &ada, "ada", &bob, "bob").await;
    (ada, bob, cyd)
}

fn tracks_of(playlist: &Value) -> Vec<i64> {
    playlist["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["track"]["id"].as_i64().unwrap())
        .collect()
}

fn entries_of(playlist: &Value) -> Vec<i64> {
    playlist["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["entry_id"].as_i64().unwrap())
        .collect()
}

fn path_of(playlist: &Value) -> String {
    format!("/api/playlists/{}", playlist["playlist"]["id"])
}

#[tokio::test]
async fn an_owner_creates_edits_reorders_duplicates_and_deletes_a_playlist() {
    let app = spawn_app_with_music().await;
    let ada = listener(&app, "ada").await;
    let t = track_ids(&app).await;
    assert!(t.len() >= 4);

    // A saved queue: its tracks in order.
    let made = create(
        &app,
        &ada,
        json!({"name": " Road trip ", "track_ids": [t[2], t[0], t[1]]}),
    )
    .await;
    assert_eq!(made["playlist"]["name"], "Road trip");
    assert_eq!(made["playlist"]["visibility"], "friends", "the default");
    assert_eq!(made["playlist"]["owner"]["username"], "ada");
    assert_eq!(made["playlist"]["track_count"], 3);
    assert_eq!(made["role"], "owner");
    assert_eq!(tracks_of(&made), [t[2], t[0], t[1]]);
    let path = path_of(&made);

    let changes = json!({"name": "Drive", "description": "For the coast", "visibility": "public"});
    let changed = ada.expect(&app, Method::PATCH, &path, changes, 200).await;
    assert_eq!(changed["playlist"]["name"], "Drive");
    assert_eq!(changed["playlist"]["description"], "For the coast");
    assert_eq!(changed["playlist"]["visibility"], "public");

    let body = json!({"track_ids": [t[3], t[3]]});
    let added = ada
        .expect(&app, Method::POST, &format!("{path}/tracks"), body, 200)
        .await;
    assert_eq!(tracks_of(&added), [t[2], t[0], t[1], t[3], t[3]]);
    let e = entries_of(&added);

    // The last to the top, then the first after the third.
    let to_top = format!("{path}/entries/{}/position", e[4]);
    let moved = ada
        .expect(&app, Method::PUT, &to_top, json!({"after": null}), 200)
        .await;
    assert_eq!(tracks_of(&moved), [t[3], t[2], t[0], t[1], t[3]]);
    let after_third = format!("{path}/entries/{}/position", e[4]);
    let body = json!({"after": e[0]});
    let moved = ada.expect(&app, Method::PUT, &after_third, body, 200).await;
    assert_eq!(tracks_of(&moved), [t[2], t[3], t[0], t[1], t[3]]);

    let one = format!("{path}/entries/{}", e[1]);
    let removed = ada
        .expect(&app, Method::DELETE, &one, Value::Null, 200)
        .await;
    assert_eq!(tracks_of(&removed), [t[2], t[3], t[1], t[3]]);

    let copy = ada
        .expect(
            &app,
            Method::POST,
            &format!("{path}/duplicate"),
            Value::Null,
            201,
        )
        .await;
    assert_eq!(copy["playlist"]["name"], "Copy of Drive");
    assert_eq!(tracks_of(&copy), tracks_of(&removed));
    assert_ne!(copy["playlist"]["id"], made["playlist"]["id"]);

    let mine = ada
        .expect(&app, Method::GET, "/api/playlists", Value::Null, 200)
        .await;
    let ids: Vec<&Value> = mine["playlists"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| &p["id"])
        .collect();
    assert_eq!(
        ids,
        [&copy["playlist"]["id"], &made["playlist"]["id"]],
        "last changed first"
    );

    ada.expect(&app, Method::DELETE, &path, Value::Null, 204)
        .await;
    ada.expect(&app, Method::GET, &path, Value::Null, 404).await;
    let signed_out = app.get("/api/playlists").await;
    assert_eq!(signed_out.status(), 401);
}

#[tokio::test]
async fn who_sees_a_playlist_follows_its_visibility() {
    let app = spawn_app_with_music().await;
    let (ada, bob, cyd) = ada_bob_and_cyd(&app).await;
    let t = track_ids(&app).await;

    for (visibility, friend_sees, stranger_sees) in [
        ("public", true, true),
        ("friends", true, false),
        ("private", false, false),
    ] {
        let body = json!({"name": visibility, "visibility": visibility, "track_ids": [t[0]]});
        let path = path_of(&create(&app, &ada, body).await);
        let status = |sees: bool| if sees { 200 } else { 404 };
        let seen = bob
            .expect(&app, Method::GET, &path, Value::Null, status(friend_sees))
            .await;
        if friend_sees {
            assert_eq!(seen["role"], "viewer");
        }
        cyd.expect(&app, Method::GET, &path, Value::Null, status(stranger_sees))
            .await;
        let anonymous = app.get(&path).await;
        assert_eq!(anonymous.status(), status(stranger_sees), "{visibility}");
        assert_eq!(header(&anonymous, "cache-control"), "private, no-store");

        // Seeing is not editing; not seeing is not knowing it exists.
        let add = format!("{path}/tracks");
        let body = json!({"track_ids": [t[1]]});
        let refused = if friend_sees { 403 } else { 404 };
        bob.expect(&app, Method::POST, &add, body.clone(), refused)
            .await;
        bob.expect(&app, Method::PATCH, &path, json!({"name": "Mine"}), refused)
            .await;
        bob.expect(&app, Method::DELETE, &path, Value::Null, refused)
            .await;
        let unchanged = ada.expect(&app, Method::GET, &path, Value::Null, 200).await;
        assert_eq!(tracks_of(&unchanged), [t[0]]);
        assert_eq!(unchanged["playlist"]["name"], visibility);
    }
}

#[tokio::test]
async fn invited_friends_add_remove_and_reorder_but_only_the_owner_invites() {
    let app = spawn_app_with_music().await;
    let (ada, bob, cyd) = ada_bob_and_cyd(&app).await;
    friends(&app, &bob, "bob", &cyd, "cyd").await;
    let t = track_ids(&app).await;
    let made = create(
        &app,
        &ada,
        json!({"name": "Ours", "visibility": "private", "track_ids": [t[0]]}),
    )
    .await;
    let path = path_of(&made);

    let stranger = format!("{path}/collaborators/cyd");
    let refused = ada
        .expect(&app, Method::PUT, &stranger, Value::Null, 400)
        .await;
    assert_eq!(
        refused["error"],
        "only friends can be invited to edit a playlist"
    );
    ada.expect(
        &app,
        Method::PUT,
        &format!("{path}/collaborators/nobody"),
        Value::Null,
        404,
    )
    .await;
    let invited = ada
        .expect(
            &app,
            Method::PUT,
            &format!("{path}/collaborators/bob"),
            Value::Null,
            200,
        )
        .await;
    assert_eq!(invited["collaborators"][0]["username"], "bob");
    assert_eq!(invited["playlist"]["collaborative"], true);

    // Bob edits the private playlist he was invited to, and lists it.
    let body = json!({"track_ids": [t[1], t[2]]});
    let added = bob
        .expect(&app, Method::POST, &format!("{path}/tracks"), body, 200)
        .await;
    assert_eq!(added["role"], "collaborator");
    assert_eq!(added["entries"][1]["added_by"]["username"], "bob");
    let e = entries_of(&added);
    let top = format!("{path}/entries/{}/position", e[2]);
    let moved = bob
        .expect(&app, Method::PUT, &top, json!({"after": null}), 200)
        .await;
    assert_eq!(tracks_of(&moved), [t[2], t[0], t[1]]);
    let bobs = bob
        .expect(&app, Method::GET, "/api/playlists", Value::Null, 200)
        .await;
    assert_eq!(bobs["playlists"][0]["id"], made["playlist"]["id"]);

    // Details and invitations stay the owner's.
    let forbidden = bob
        .expect(&app, Method::PATCH, &path, json!({"name": "Bob's"}), 403)
        .await;
    assert!(
        forbidden["error"].as_str().unwrap().contains("owner"),
        "{forbidden}"
    );
    bob.expect(
        &app,
        Method::PUT,
        &format!("{path}/collaborators/cyd"),
        Value::Null,
        403,
    )
    .await;
    cyd.expect(&app, Method::GET, &path, Value::Null, 404).await;

    // Bob leaves: the private playlist is gone for him.
    bob.expect(
        &app,
        Method::DELETE,
        &format!("{path}/collaborators/bob"),
        Value::Null,
        204,
    )
    .await;
    bob.expect(&app, Method::GET, &path, Value::Null, 404).await;
    let kept = ada.expect(&app, Method::GET, &path, Value::Null, 200).await;
    assert_eq!(tracks_of(&kept), [t[2], t[0], t[1]], "his additions stay");
    assert_eq!(kept["playlist"]["collaborative"], false);
}

#[tokio::test]
async fn past_ten_thousand_tracks_is_a_clear_409_and_adds_nothing() {
    let app = spawn_app_with_music().await;
    let ada = listener(&app, "ada").await;
    let t = track_ids(&app).await[0];

    let too_many = json!({"name": "Too long", "track_ids": vec![t; 10_001]});
    let refused = ada
        .expect(&app, Method::POST, "/api/playlists", too_many, 409)
        .await;
    assert_eq!(
        refused["error"],
        "a playlist holds at most 10000 tracks; this one has 0, so these do not fit"
    );
    let mine = ada
        .expect(&app, Method::GET, "/api/playlists", Value::Null, 200)
        .await;
    assert_eq!(mine["playlists"], json!([]), "nothing half-made");

    let full = create(
        &app,
        &ada,
        json!({"name": "Long", "track_ids": vec![t; 9_999]}),
    )
    .await;
    let add = format!("{}/tracks", path_of(&full));
    let refused = ada
        .expect(&app, Method::POST, &add, json!({"track_ids": [t, t]}), 409)
        .await;
    assert!(
        refused["error"].as_str().unwrap().contains("9999"),
        "{refused}"
    );
    let filled = ada
        .expect(&app, Method::POST, &add, json!({"track_ids": [t]}), 200)
        .await;
    assert_eq!(filled["playlist"]["track_count"], 10_000);
    ada.expect(&app, Method::POST, &add, json!({"track_ids": [t]}), 409)
        .await;
}

#[tokio::test]
async fn bad_requests_get_clear_errors_and_change_nothing() {
    let app = spawn_app_with_music().await;
    let ada = listener(&app, "ada").await;
    let t = track_ids(&app).await;

    let bad_name = ada
        .expect(
            &app,
            Method::POST,
            "/api/playlists",
            json!({"name": "  "}),
            400,
        )
        .await;
    assert!(
        bad_name["error"].as_str().unwrap().contains("name"),
        "{bad_name}"
    );
    let bad_visibility = json!({"name": "x", "visibility": "secret"});
    ada.expect(&app, Method::POST, "/api/playlists", bad_visibility, 400)
        .await;
    let ghost = json!({"name": "Ghost", "track_ids": [t[0], 999_999]});
    let unknown = ada
        .expect(&app, Method::POST, "/api/playlists", ghost, 400)
        .await;
    assert_eq!(unknown["error"], "there is no track 999999");
    let mine = ada
        .expect(&app, Method::GET, "/api/playlists", Value::Null, 200)
        .await;
    assert_eq!(mine["playlists"], json!([]));

    let made = create(
        &app,
        &ada,
        json!({"name": "Mix", "track_ids": [t[0], t[1], t[2]]}),
    )
    .await;
    let path = path_of(&made);
    let e = entries_of(&made);
    ada.expect(
        &app,
        Method::DELETE,
        &format!("{path}/entries/{}", e[1]),
        Value::Null,
        200,
    )
    .await;
    let after_gone = json!({"after": e[1]});
    let position = format!("{path}/entries/{}/position", e[2]);
    let conflict = ada
        .expect(&app, Method::PUT, &position, after_gone, 409)
        .await;
    assert!(
        conflict["error"].as_str().unwrap().contains("removed"),
        "{conflict}"
    );
    let gone_entry = format!("{path}/entries/{}/position", e[1]);
    ada.expect(&app, Method::PUT, &gone_entry, json!({"after": null}), 404)
        .await;
    let long_name = json!({"name": "x".repeat(101)});
    ada.expect(&app, Method::PATCH, &path, long_name, 400).await;
    ada.expect(&app, Method::GET, "/api/playlists/0", Value::Null, 404)
        .await;
    ada.expect(&app, Method::GET, "/api/playlists/abc", Value::Null, 404)
        .await;

    let kept = ada.expect(&app, Method::GET, &path, Value::Null, 200).await;
    assert_eq!(tracks_of(&kept), [t[0], t[2]]);
    assert_eq!(kept["playlist"]["name"], "Mix");
}

#[tokio::test]
async fn those_who_edit_a_playlist_are_told_live_of_each_change() {
    let app = spawn_app_with_music().await;
    let (ada, bob, cyd) = ada_bob_and_cyd(&app).await;
    friends(&app, &ada, "ada", &cyd, "cyd").await;
    let t = track_ids(&app).await;
    let made = create(&app, &ada, json!({"name": "Ours", "visibility": "friends"})).await;
    let path = path_of(&made);
    let id = made["playlist"]["id"].clone();
    ada.expect(
        &app,
        Method::PUT,
        &format!("{path}/collaborators/bob"),
        Value::Null,
        200,
    )
    .await;

    let mut ada_socket = ada.connect(&app).await;
    let mut bob_socket = bob.connect(&app).await;
    let mut cyd_socket = cyd.connect(&app).await;
    let changed = json!({"type": "playlist_changed", "playlist_id": id});

    // Bob adds: both editors hear of it; Cyd, a friend who may only look, does not.
    let body = json!({"track_ids": [t[0]]});
    bob.expect(&app, Method::POST, &format!("{path}/tracks"), body, 200)
        .await;
    assert_eq!(
        next_change(&mut ada_socket, ARRIVES).await,
        Some(changed.clone())
    );
    assert_eq!(
        next_change(&mut bob_socket, ARRIVES).await,
        Some(changed.clone())
    );
    // Ada renames it: Bob hears of it.
    ada.expect(&app, Method::PATCH, &path, json!({"name": "Ours 2"}), 200)
        .await;
    assert_eq!(
        next_change(&mut bob_socket, ARRIVES).await,
        Some(changed.clone())
    );
    assert_eq!(
        next_change(&mut cyd_socket, QUIET).await,
        None,
        "not an editor"
    );
}

/// The next `playlist_changed` message within `wait` (presence and the
/// like are skipped).
async fn next_change(socket: &mut Socket, wait: std::time::Duration) -> Option<Value> {
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        let left = deadline.saturating_duration_since(tokio::time::Instant::now());
        let message = next_json(socket, left).await?;
        if message["type"] == "playlist_changed" {
            return Some(message);
        }
    }
}

/// GET through Varnish: (status, X-Cache, Cache-Control, body).
async fn through(url: &str) -> (u16, String, String, String) {
    let response = reqwest::get(url).await.unwrap();
    let status = response.status().as_u16();
    let cache = header(&response, "x-cache");
    let policy = header(&response, "cache-control");
    (status, cache, policy, response.text().await.unwrap())
}

/// Waits (up to 5 s) until `url` through Varnish shows `text`.
async fn shows_within(url: &str, text: &str) -> (u16, String) {
    let started = std::time::Instant::now();
    loop {
        let (status, cache, _, body) = through(url).await;
        if body.contains(text) {
            return (status, cache);
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "{url} never showed {text}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn a_public_playlist_page_is_cached_and_purged_by_each_edit_and_no_other_is_cached() {
    let (app, varnish) = crate::varnish::behind_varnish(|settings| settings.page_ttl = 3600).await;
    let ada = listener(&app, "ada").await;
    let bob = listener(&app, "bob").await;
    friends(&app, &ada, "ada", &bob, "bob").await;
    let t = track_ids(&app).await;
    let public = create(
        &app,
        &ada,
        json!({"name": "Open Road", "visibility": "public", "track_ids": [t[0]]}),
    )
    .await;
    let page = varnish.url(&format!("/playlists/{}", public["playlist"]["id"]));

    let (status, cache, policy, body) = through(&page).await;
    assert_eq!((status, cache.as_str()), (200, "MISS"));
    assert!(policy.starts_with("public"), "{policy}");
    assert!(body.contains("Open Road"), "the server renders it");
    assert!(!body.contains("Save details"), "nothing of its owner's");
    assert_eq!(through(&page).await.1, "HIT");
    let data = app
        .get(&format!("/_fn/playlist?id={}", public["playlist"]["id"]))
        .await;
    assert_eq!(
        data.status(),
        200,
        "the page's data, for a client-side visit"
    );

    // Each edit purges it: a new name, a track added.
    let path = path_of(&public);
    ada.expect(
        &app,
        Method::PATCH,
        &path,
        json!({"name": "Open Road 2"}),
        200,
    )
    .await;
    assert_eq!(
        shows_within(&page, "Open Road 2").await,
        (200, "MISS".to_owned())
    );
    let title = app.json(&format!("/api/tracks/{}", t[1])).await["title"]
        .as_str()
        .unwrap()
        .to_owned();
    let body = json!({"track_ids": [t[1]]});
    ada.expect(&app, Method::POST, &format!("{path}/tracks"), body, 200)
        .await;
    shows_within(&page, &title).await;

    // Made private: gone for everyone the CDN serves, and from the sitemap.
    let sitemap = varnish.url("/sitemaps/playlists-1.xml");
    let listed = format!("/playlists/{}<", public["playlist"]["id"]);
    assert!(through(&sitemap).await.3.contains(&listed));
    assert_eq!(through(&sitemap).await.1, "HIT");
    let change = json!({"visibility": "private"});
    ada.expect(&app, Method::PATCH, &path, change, 200).await;
    let started = std::time::Instant::now();
    while through(&page).await.0 != 404 || through(&sitemap).await.3.contains(&listed) {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "still served"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }

    // Friends-only and private pages: 404s, never stored, naming nothing.
    for visibility in ["friends", "private"] {
        let name = format!("Hidden {visibility}");
        let body = json!({"name": name, "visibility": visibility, "track_ids": [t[0]]});
        let made = create(&app, &ada, body).await;
        let page = varnish.url(&format!("/playlists/{}", made["playlist"]["id"]));
        for _ in 0..2 {
            let (status, cache, policy, body) = through(&page).await;
            assert_eq!((status, cache.as_str()), (404, "MISS"), "{visibility}");
            assert_eq!(policy, "private, no-store");
            assert!(!body.contains(&name), "{visibility}");
        }
        let signed_in = bob
            .call(
                &app,
                Method::GET,
                &format!("/playlists/{}", made["playlist"]["id"]),
            )
            .await;
        assert_eq!(signed_in.status(), 404, "the HTML is the same for everyone");
        assert_eq!(header(&signed_in, "cache-control"), "private, no-store");
    }
}

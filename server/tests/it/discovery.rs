//! Discovery through the API: search, taste compatibility, listeners like
//! you, recommendations and charts — what each answers, to whom, and what
//! it never tells.

use std::collections::HashMap;

use chorus_domain::{ContentHash, ListenReport, MediaFile, MediaKind, TrackId, UserId, Username};
use chorus_storage::{ImportOutcome, NewTrack};
use reqwest::Method;
use serde_json::Value;

use crate::helpers::{header, on_both_databases, spawn_app, TestApp};

on_both_databases!(
    search_finds_by_prefix_ignoring_case_and_accents_grouped_by_kind,
    an_exact_name_ranks_first,
    compatibility_is_symmetric_bounded_and_explained,
    friends_compare_plays_too_strangers_never_see_them,
    listeners_like_you_are_strangers_with_shared_taste,
    recommendations_leave_out_what_you_like_and_private_listeners,
    charts_count_public_plays_and_friends_charts_only_friends,
);
use crate::listeners::{friends, listener, Listener};

/// Imports a synthetic track (no audio file: these tests never stream).
pub async fn add_track(app: &TestApp, n: u64, title: &str, artist: &str, album: &str) -> i64 {
    let track = NewTrack {
        title: title.into(),
        artist: artist.into(),
        album_artist: artist.into(),
        album: album.into(),
        disc_number: 1,
        track_number: None,
        year: None,
        genre: None,
        duration_ms: 200_000,
        audio: MediaFile {
            hash: ContentHash::parse(&format!("{n:064x}")).unwrap(),
            kind: MediaKind::Ogg,
        },
        cover: None,
        source_path: format!("/music/{n}.ogg"),
    };
    match app.writes().import_track(track).await.unwrap() {
        ImportOutcome::Added(id) => id.0,
        other => panic!("{other:?}"),
    }
}

pub async fn user_id(app: &TestApp, name: &str) -> UserId {
    let name = Username::parse(name).unwrap();
    app.stores
        .users
        .user_by_username(&name)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// Records a play of `track` by `name` through the services: a listen of
/// its own, half of the track heard. A listener's listens on one app start
/// six days ago (in this week's charts and picks, which read the events'
/// times) and an hour apart (each a new listen); all are in the past, so
/// a private session started now covers them.
pub async fn play(app: &TestApp, name: &str, track: i64) {
    type Listens = HashMap<(String, UserId), u64>;
    static LAST: std::sync::Mutex<Option<Listens>> = std::sync::Mutex::new(None);
    let user = user_id(app, name).await;
    let t0 = {
        let now = chorus_domain::Clock::now(&chorus_domain::SystemClock).as_ms();
        let mut last = LAST.lock().unwrap();
        let slot = last
            .get_or_insert_with(HashMap::new)
            .entry((app.address.clone(), user))
            .or_insert(now - 6 * 24 * 3_600_000);
        *slot += 3_600_000;
        *slot
    };
    let report = |position_ms| ListenReport {
        track_id: TrackId(track),
        position_ms,
        paused: false,
        at_ms: None,
    };
    let activity = app.writes();
    activity
        .report_listening(user, report(0), t0)
        .await
        .unwrap();
    let recorded = activity
        .report_listening(user, report(100_000), t0 + 100_000)
        .await
        .unwrap();
    assert_eq!(recorded.last().unwrap().kind.as_str(), "played");
}

pub async fn like_artist(app: &TestApp, who: &Listener, track: i64) {
    let artist = app.json(&format!("/api/tracks/{track}")).await["artist"]["id"].clone();
    let path = format!("/api/artists/{artist}/like");
    assert_eq!(who.call(app, Method::PUT, &path).await.status(), 200);
}

pub async fn get_json(who: &Listener, app: &TestApp, path: &str) -> Value {
    let response = who.call(app, Method::GET, path).await;
    assert_eq!(response.status(), 200, "{path}");
    assert_eq!(header(&response, "cache-control"), "private, no-store");
    response.json().await.unwrap()
}

fn names(list: &Value, field: &str) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|v| v[field].as_str().unwrap().to_owned())
        .collect()
}

async fn search_finds_by_prefix_ignoring_case_and_accents_grouped_by_kind(app: TestApp) {
    add_track(&app, 1, "Halo", "Beyoncé", "I Am… Sasha Fierce").await;
    add_track(&app, 2, "Crazy in Love", "Beyoncé", "Dangerously in Love").await;
    add_track(&app, 3, "Beyond the Sea", "Bobby Darin", "That's All").await;
    add_track(&app, 4, "Hoppípolla", "Sigur Rós", "Takk...").await;
    let fan = listener(&app, "beyonce_fan").await;
    for (name, visibility) in [("Beyond Words", "public"), ("Beyond Secrets", "private")] {
        let body = serde_json::json!({"name": name, "visibility": visibility});
        let made = fan
            .send_json(&app, reqwest::Method::POST, "/api/playlists", body)
            .await;
        assert_eq!(made.status(), 201);
    }

    for query in ["beyo", "BEYONCÉ", "Beyonce", "bEyOn"] {
        let found = app.json(&format!("/api/search?q={query}")).await;
        assert_eq!(names(&found["artists"], "name"), ["Beyoncé"], "{query}");
    }
    let found = app.json("/api/search?q=beyon").await;
    // The exact title "Beyond the Sea" ranks first among tracks… by prefix.
    let tracks = names(&found["tracks"], "title");
    assert_eq!(tracks, ["Beyond the Sea"], "only titles match, not artists");
    assert_eq!(found["users"][0]["username"], "beyonce_fan");
    assert_eq!(found["albums"], serde_json::json!([]));
    // Public playlists only.
    assert_eq!(names(&found["playlists"], "name"), ["Beyond Words"]);
    assert_eq!(found["playlists"][0]["owner"]["username"], "beyonce_fan");

    let found = app.json("/api/search?q=hoppipolla").await;
    assert_eq!(names(&found["tracks"], "title"), ["Hoppípolla"]);
    let found = app.json("/api/search?q=sigur%20ros%20").await;
    assert_eq!(names(&found["artists"], "name"), ["Sigur Rós"]);
    let found = app.json("/api/search?q=in%20lo").await;
    assert_eq!(names(&found["albums"], "title"), ["Dangerously in Love"]);
    assert_eq!(names(&found["tracks"], "title"), ["Crazy in Love"]);

    let response = app.get("/api/search?q=halo").await;
    assert_eq!(response.status(), 200);
    assert!(header(&response, "cache-control").starts_with("public"));
    for bad in ["", "%20%21%3F", &"x".repeat(101)] {
        let response = app.get(&format!("/api/search?q={bad}")).await;
        assert_eq!(response.status(), 400, "{bad:?}");
        let body: Value = response.json().await.unwrap();
        assert!(body["error"].as_str().unwrap().len() > 5);
    }
}

async fn an_exact_name_ranks_first(app: TestApp) {
    add_track(&app, 1, "Love Story", "Taylor Swift", "Fearless").await;
    add_track(&app, 2, "Love", "Lana Del Rey", "Lust for Life").await;
    add_track(&app, 3, "Lovely Day", "Bill Withers", "Menagerie").await;
    let found = app.json("/api/search?q=love").await;
    let tracks = names(&found["tracks"], "title");
    assert_eq!(tracks[0], "Love", "{tracks:?}");
    assert_eq!(tracks.len(), 3);
}

/// Two listeners with overlapping taste: ada likes artists A and B, bob
/// A and C; ada plays B a lot.
async fn overlapping_listeners(app: &TestApp) -> (Listener, Listener, [i64; 3]) {
    let a = add_track(app, 1, "A1", "Artist A", "Album A").await;
    let b = add_track(app, 2, "B1", "Artist B", "Album B").await;
    let c = add_track(app, 3, "C1", "Artist C", "Album C").await;
    let (ada, bob) = (listener(app, "ada").await, listener(app, "bob").await);
    for track in [a, b] {
        like_artist(app, &ada, track).await;
    }
    for track in [a, c] {
        like_artist(app, &bob, track).await;
    }
    (ada, bob, [a, b, c])
}

async fn compatibility_is_symmetric_bounded_and_explained(app: TestApp) {
    let (ada, bob, _) = overlapping_listeners(&app).await;
    let ab = get_json(&ada, &app, "/api/users/bob/compatibility").await;
    let ba = get_json(&bob, &app, "/api/users/ada/compatibility").await;
    assert_eq!(ab["score"], ba["score"], "symmetric: {ab} {ba}");
    let score = ab["score"].as_u64().unwrap();
    assert!(score > 0 && score <= 100, "{ab}");
    assert_eq!(names(&ab["shared_artists"], "name"), ["Artist A"]);
    assert_eq!(ab["basis"]["plays_counted"], false, "strangers: likes only");
    assert_eq!(ab["basis"]["viewer"]["likes"], 2);
    assert_eq!(ab["basis"]["listener"]["artists"], 2);

    // Someone who likes nothing shares nothing.
    let carol = listener(&app, "carol").await;
    let none = get_json(&carol, &app, "/api/users/ada/compatibility").await;
    assert_eq!(none["score"], 0, "{none}");
    assert_eq!(none["shared_artists"], serde_json::json!([]));
}

#[tokio::test]
async fn compatibility_needs_a_session_and_someone_else() {
    let app = spawn_app().await;
    let ada = listener(&app, "ada").await;
    let _bob = listener(&app, "bob").await;
    assert_eq!(app.get("/api/users/bob/compatibility").await.status(), 401);
    let nobody = ada
        .call(&app, Method::GET, "/api/users/nobody/compatibility")
        .await;
    assert_eq!(nobody.status(), 404);
    let me = ada
        .call(&app, Method::GET, "/api/users/ada/compatibility")
        .await;
    assert_eq!(me.status(), 400);
}

async fn friends_compare_plays_too_strangers_never_see_them(app: TestApp) {
    let (ada, bob, [_, b, _]) = overlapping_listeners(&app).await;
    // Bob plays artist B, which ada likes but he does not.
    for _ in 0..3 {
        play(&app, "bob", b).await;
    }
    app.charts.refresh().await.unwrap();
    let strangers = get_json(&ada, &app, "/api/users/bob/compatibility").await;
    assert_eq!(names(&strangers["shared_artists"], "name"), ["Artist A"]);

    friends(&app, &ada, "ada", &bob, "bob").await;
    let friends = get_json(&ada, &app, "/api/users/bob/compatibility").await;
    assert_eq!(friends["basis"]["plays_counted"], true);
    assert_eq!(friends["basis"]["listener"]["plays"], 3);
    let mut shared = names(&friends["shared_artists"], "name");
    shared.sort();
    assert_eq!(shared, ["Artist A", "Artist B"]);
    assert!(friends["score"].as_u64() > strangers["score"].as_u64());
}

async fn listeners_like_you_are_strangers_with_shared_taste(app: TestApp) {
    let (ada, bob, _) = overlapping_listeners(&app).await;
    let carol = listener(&app, "carol").await;
    let found = get_json(&ada, &app, "/api/listeners-like-you").await;
    let users: Vec<&str> = found["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["user"]["username"].as_str().unwrap())
        .collect();
    assert_eq!(users, ["bob"], "carol likes nothing: {found}");
    assert_eq!(found["items"][0]["shared_artists"][0]["name"], "Artist A");

    friends(&app, &ada, "ada", &bob, "bob").await;
    let found = get_json(&ada, &app, "/api/listeners-like-you").await;
    assert_eq!(found["items"], serde_json::json!([]), "bob is a friend now");
    let found = get_json(&carol, &app, "/api/listeners-like-you").await;
    assert_eq!(
        found["items"],
        serde_json::json!([]),
        "carol has no taste yet"
    );
    assert_eq!(app.get("/api/listeners-like-you").await.status(), 401);
}

async fn recommendations_leave_out_what_you_like_and_private_listeners(app: TestApp) {
    let mut ids = Vec::new();
    for (n, title, artist) in [
        (1, "Song One", "Artist A"),
        (2, "Song Two", "Artist B"),
        (3, "Song Three", "Artist C"),
        (4, "Song Four", "Artist D"),
    ] {
        ids.push(add_track(&app, n, title, artist, "Album").await);
    }
    let (ada, bob, carol, dave) = (
        listener(&app, "ada").await,
        listener(&app, "bob").await,
        listener(&app, "carol").await,
        listener(&app, "dave").await,
    );
    ada.like(&app, ids[0]).await;
    ada.like(&app, ids[1]).await;
    bob.like(&app, ids[0]).await;
    // Carol is private: her likes never count.
    carol.set_privacy(&app, "private").await;
    carol.like(&app, ids[0]).await;
    carol.like(&app, ids[2]).await;
    // Dave, bob's friend, plays track 4 this week.
    friends(&app, &bob, "bob", &dave, "dave").await;
    play(&app, "dave", ids[3]).await;

    let recommended = get_json(&bob, &app, "/api/recommendations").await;
    let items = recommended["items"].as_array().unwrap();
    let titles: Vec<&str> = items
        .iter()
        .map(|i| i["track"]["title"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(titles, ["Song Four", "Song Two"], "{recommended}");
    assert_eq!(items[0]["reason"]["kind"], "friends_are_into");
    assert_eq!(items[0]["reason"]["friends"][0]["username"], "dave");
    assert_eq!(items[0]["reason"]["plays"], 1);
    assert_eq!(items[1]["reason"]["kind"], "because_you_like_track");
    assert_eq!(items[1]["reason"]["track"]["title"], "Song One");
    assert_eq!(items[1]["reason"]["listeners"], 1);

    // Once bob likes track 2 and has played track 4, neither comes back.
    bob.like(&app, ids[1]).await;
    play(&app, "bob", ids[3]).await;
    let recommended = get_json(&bob, &app, "/api/recommendations").await;
    assert_eq!(recommended["items"], serde_json::json!([]), "{recommended}");
    assert_eq!(app.get("/api/recommendations").await.status(), 401);
}

async fn charts_count_public_plays_and_friends_charts_only_friends(app: TestApp) {
    let mut ids = Vec::new();
    for n in 1..=3 {
        ids.push(add_track(&app, n, &format!("Hit {n}"), &format!("Band {n}"), "Album").await);
    }
    let (ada, bob, carol) = (
        listener(&app, "ada").await,
        listener(&app, "bob").await,
        listener(&app, "carol").await,
    );
    play(&app, "ada", ids[0]).await;
    play(&app, "ada", ids[0]).await;
    play(&app, "bob", ids[1]).await;
    // Carol's plays in a private session count nowhere.
    carol.private_session(&app, true).await;
    for _ in 0..3 {
        play(&app, "carol", ids[2]).await;
    }
    assert!(app.charts.refresh().await.unwrap(), "the charts changed");
    assert!(!app.charts.refresh().await.unwrap(), "nothing new since");

    for period in ["week", "month"] {
        let response = app.get(&format!("/api/charts?period={period}")).await;
        assert!(header(&response, "cache-control").starts_with("public"));
        let chart: Value = response.json().await.unwrap();
        assert_eq!(chart["period"], period);
        assert_eq!(chart["scope"], "global");
        let top: Vec<(String, u64)> = chart["tracks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["track"]["title"].as_str().unwrap().to_owned(),
                    e["plays"].as_u64().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            top,
            [("Hit 1".to_owned(), 2), ("Hit 2".to_owned(), 1)],
            "{chart}"
        );
        assert_eq!(chart["tracks"][0]["rank"], 1);
        assert_eq!(chart["artists"][0]["artist"]["name"], "Band 1");
    }
    let bad = app.get("/api/charts?period=year").await;
    assert_eq!(bad.status(), 400);

    // Ada's friends' chart has bob's play only.
    friends(&app, &ada, "ada", &bob, "bob").await;
    friends(&app, &ada, "ada", &carol, "carol").await;
    let chart = get_json(&ada, &app, "/api/charts?scope=friends&period=week").await;
    assert_eq!(chart["scope"], "friends");
    let titles: Vec<&str> = chart["tracks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["track"]["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Hit 2"]);
    assert_eq!(app.get("/api/charts?scope=friends").await.status(), 401);
}

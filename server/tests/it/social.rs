//! Friends and likes.

use serde_json::{json, Value};

use crate::helpers::{header, spawn_app, spawn_app_with_music, TestApp};

/// Signs `username` up in a fresh cookie jar and returns it.
pub async fn member(app: &TestApp, username: &str) -> reqwest::Client {
    let client = app.browser();
    let body = json!({"username": username, "display_name": username.to_uppercase(), "password": "correct horse battery"});
    let response = client
        .post(app.url("/api/auth/signup"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    client
}

pub async fn befriend(
    client: &reqwest::Client,
    app: &TestApp,
    username: &str,
) -> reqwest::Response {
    client
        .post(app.url(&format!("/api/friends/{username}")))
        .send()
        .await
        .unwrap()
}

async fn friends(client: &reqwest::Client, app: &TestApp) -> Value {
    let response = client.get(app.url("/api/friends")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "cache-control"), "private, no-store");
    response.json().await.unwrap()
}

fn names(list: &Value) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|u| u["username"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn a_request_accepted_makes_two_friends() {
    let app = spawn_app().await;
    let (ada, bob) = (member(&app, "ada").await, member(&app, "bob").await);

    let response = befriend(&ada, &app, "bob").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.json::<Value>().await.unwrap(),
        json!({"status": "requested"})
    );
    assert_eq!(names(&friends(&ada, &app).await["outgoing"]), ["bob"]);
    assert_eq!(names(&friends(&bob, &app).await["incoming"]), ["ada"]);

    // Asking again changes nothing.
    assert_eq!(
        befriend(&ada, &app, "bob")
            .await
            .json::<Value>()
            .await
            .unwrap()["status"],
        "requested"
    );

    // Bob accepts by asking back.
    assert_eq!(
        befriend(&bob, &app, "ada")
            .await
            .json::<Value>()
            .await
            .unwrap()["status"],
        "friends"
    );
    let list = friends(&ada, &app).await;
    assert_eq!(names(&list["friends"]), ["bob"]);
    assert!(
        list["incoming"].as_array().unwrap().is_empty()
            && list["outgoing"].as_array().unwrap().is_empty()
    );
    assert_eq!(
        list["friends"][0],
        json!({"username": "bob", "display_name": "BOB"})
    );
    assert_eq!(names(&friends(&bob, &app).await["friends"]), ["ada"]);
}

#[tokio::test]
async fn delete_declines_cancels_and_unfriends() {
    let app = spawn_app().await;
    let (ada, bob) = (member(&app, "ada").await, member(&app, "bob").await);
    let unfriend = |client: &reqwest::Client, name: &str| {
        client
            .delete(app.url(&format!("/api/friends/{name}")))
            .send()
    };

    befriend(&ada, &app, "bob").await;
    assert_eq!(
        unfriend(&bob, "ada").await.unwrap().status(),
        204,
        "bob declines"
    );
    assert_eq!(
        friends(&ada, &app).await,
        json!({"friends": [], "incoming": [], "outgoing": []})
    );

    befriend(&ada, &app, "bob").await;
    unfriend(&ada, "bob").await.unwrap();
    assert!(
        friends(&bob, &app).await["incoming"]
            .as_array()
            .unwrap()
            .is_empty(),
        "ada cancelled"
    );

    befriend(&ada, &app, "bob").await;
    befriend(&bob, &app, "ada").await;
    unfriend(&bob, "ada").await.unwrap();
    assert!(
        friends(&ada, &app).await["friends"]
            .as_array()
            .unwrap()
            .is_empty(),
        "bob unfriended"
    );
}

#[tokio::test]
async fn two_listeners_asking_each_other_at_once_become_friends() {
    let app = spawn_app().await;
    let (ada, bob) = (member(&app, "ada").await, member(&app, "bob").await);
    let (a, b) = tokio::join!(befriend(&ada, &app, "bob"), befriend(&bob, &app, "ada"));
    let mut statuses = [
        a.json::<Value>().await.unwrap()["status"].clone(),
        b.json::<Value>().await.unwrap()["status"].clone(),
    ];
    statuses.sort_by_key(|s| s.to_string());
    assert_eq!(statuses, [json!("friends"), json!("requested")]);
    assert_eq!(names(&friends(&ada, &app).await["friends"]), ["bob"]);
}

#[tokio::test]
async fn friend_requests_need_a_real_other_person_and_a_session() {
    let app = spawn_app().await;
    let ada = member(&app, "ada").await;
    let nobody = befriend(&ada, &app, "nobody").await;
    assert_eq!(nobody.status(), 404);
    assert_eq!(
        nobody.json::<serde_json::Value>().await.unwrap(),
        serde_json::json!({"error": "there is no listener named nobody"})
    );
    assert_eq!(befriend(&ada, &app, "Not%20Valid").await.status(), 404);
    let response = befriend(&ada, &app, "ada").await;
    assert_eq!(response.status(), 400);
    assert_eq!(
        response.json::<Value>().await.unwrap()["error"],
        "you cannot befriend yourself"
    );
    assert_eq!(befriend(&app.browser(), &app, "ada").await.status(), 401);
    assert_eq!(app.get("/api/friends").await.status(), 401);
}

#[tokio::test]
async fn likes_are_idempotent_and_need_real_tracks_and_artists() {
    let app = spawn_app_with_music().await;
    let ada = member(&app, "ada").await;
    let track = app.json("/api/tracks?limit=1").await["items"][0].clone();
    let like = |method: reqwest::Method, path: String| ada.request(method, app.url(&path)).send();

    let track_like = format!("/api/tracks/{}/like", track["id"]);
    for _ in 0..2 {
        let response = like(reqwest::Method::PUT, track_like.clone())
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(header(&response, "cache-control"), "private, no-store");
        assert_eq!(
            response.json::<Value>().await.unwrap(),
            json!({"liked": true})
        );
    }
    let response = like(reqwest::Method::DELETE, track_like.clone())
        .await
        .unwrap();
    assert_eq!(
        response.json::<Value>().await.unwrap(),
        json!({"liked": false})
    );

    let artist_like = format!("/api/artists/{}/like", track["artist"]["id"]);
    assert_eq!(
        like(reqwest::Method::PUT, artist_like.clone())
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(
        like(reqwest::Method::DELETE, artist_like)
            .await
            .unwrap()
            .status(),
        200
    );

    for path in [
        "/api/tracks/999999/like",
        "/api/artists/0/like",
        "/api/tracks/abc/like",
    ] {
        assert_eq!(
            like(reqwest::Method::PUT, path.to_owned())
                .await
                .unwrap()
                .status(),
            404,
            "{path}"
        );
    }
    let anonymous = app.client.put(app.url(&track_like)).send().await.unwrap();
    assert_eq!(anonymous.status(), 401);
}

#[tokio::test]
async fn my_likes_list_what_i_like_newest_first() {
    let app = spawn_app_with_music().await;
    let ada = member(&app, "ada").await;
    let tracks = app.json("/api/tracks?limit=2").await["items"].clone();
    let (first, second) = (&tracks[0], &tracks[1]);
    let send = |method: reqwest::Method, path: String| ada.request(method, app.url(&path)).send();
    let likes = || async {
        let response = ada.get(app.url("/api/me/likes")).send().await.unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(header(&response, "cache-control"), "private, no-store");
        response.json::<Value>().await.unwrap()
    };
    assert_eq!(
        likes().await,
        json!({"tracks": [], "artists": [], "albums": []})
    );

    for track in [first, second] {
        let path = format!("/api/tracks/{}/like", track["id"]);
        send(reqwest::Method::PUT, path).await.unwrap();
    }
    let artist = &first["artist"]["id"];
    send(reqwest::Method::PUT, format!("/api/artists/{artist}/like"))
        .await
        .unwrap();
    assert_eq!(
        likes().await,
        json!({"tracks": [second["id"], first["id"]], "artists": [artist], "albums": []})
    );

    let path = format!("/api/tracks/{}/like", second["id"]);
    send(reqwest::Method::DELETE, path).await.unwrap();
    assert_eq!(
        likes().await,
        json!({"tracks": [first["id"]], "artists": [artist], "albums": []})
    );

    let anonymous = app.get("/api/me/likes").await;
    assert_eq!(anonymous.status(), 401);
}

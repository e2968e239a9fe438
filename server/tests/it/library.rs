//! A listener's library over the API: liked songs (an automatic playlist,
//! newest like first), liked albums (new) and artists, their playlists;
//! personal and never cached.

use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::{header, spawn_app_with_music, Site};
use crate::listeners::{listener, track_ids};

fn ids(list: &Value) -> Vec<i64> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn the_library_holds_liked_songs_newest_first_liked_albums_artists_and_playlists() {
    let app = spawn_app_with_music().await;
    let ada = listener(&app, "ada").await;
    let bob = listener(&app, "bob").await;
    let t = track_ids(&app, 2).await;
    let track = app.json(&format!("/api/tracks/{}", t[0])).await;
    let (album, artist) = (track["album"]["id"].clone(), track["artist"]["id"].clone());

    ada.like(&app, t[0]).await;
    ada.like(&app, t[1]).await;
    for path in [
        format!("/api/albums/{album}/like"),
        format!("/api/artists/{artist}/like"),
    ] {
        let response = ada.call(&app, Method::PUT, &path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(
            response.json::<Value>().await.unwrap(),
            json!({"liked": true})
        );
    }
    let made = ada
        .send_json(
            &app,
            Method::POST,
            "/api/playlists",
            json!({"name": "Later"}),
        )
        .await;
    assert_eq!(made.status(), 201);

    let response = ada.call(&app, Method::GET, "/api/library").await;
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "cache-control"), "private, no-store");
    let library: Value = response.json().await.unwrap();
    assert_eq!(
        ids(&library["liked_songs"]),
        [t[1], t[0]],
        "newest like first"
    );
    assert_eq!(ids(&library["liked_albums"]), [album.as_i64().unwrap()]);
    assert_eq!(ids(&library["liked_artists"]), [artist.as_i64().unwrap()]);
    assert_eq!(library["playlists"][0]["name"], "Later");
    let likes = ada.call(&app, Method::GET, "/api/me/likes").await;
    assert_eq!(
        likes.json::<Value>().await.unwrap()["albums"],
        json!([album])
    );

    // Unliked, the album leaves the library; nobody else's is touched.
    let path = format!("/api/albums/{album}/like");
    assert_eq!(ada.call(&app, Method::DELETE, &path).await.status(), 200);
    let library: Value = ada
        .call(&app, Method::GET, "/api/library")
        .await
        .json()
        .await
        .unwrap();
    assert!(ids(&library["liked_albums"]).is_empty());
    let bobs: Value = bob
        .call(&app, Method::GET, "/api/library")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        bobs,
        json!({"playlists": [], "liked_songs": [], "liked_albums": [], "liked_artists": []})
    );

    // An unknown album, and no session.
    let missing = ada.call(&app, Method::PUT, "/api/albums/999999/like").await;
    assert_eq!(missing.status(), 404);
    let signed_out = app
        .http()
        .get(app.url("/api/library"))
        .send()
        .await
        .unwrap();
    assert_eq!(signed_out.status(), 401);
}

//! Embed pages and oEmbed: a track's or album's player that any site may
//! frame (and no other page), plain HTML without the app's bundle, and the
//! oEmbed answer that gives a site its `<iframe>`.

use serde_json::Value;

use crate::helpers::{header, spawn_app_with_music, TestApp, PAGE_POLICY};

async fn first_album(app: &TestApp) -> Value {
    let id = app.json("/api/albums").await["items"][0]["id"].clone();
    app.json(&format!("/api/albums/{id}")).await
}

#[tokio::test]
async fn embed_pages_play_without_the_bundle_and_any_site_may_frame_them() {
    let app = spawn_app_with_music().await;
    let album = first_album(&app).await;
    let tracks = album["tracks"].as_array().unwrap();
    assert!(tracks.len() > 1, "an album of several tracks");
    let track = &tracks[0];

    let response = app.get(&format!("/embed/tracks/{}", track["id"])).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        header(&response, "content-type"),
        "text/html; charset=utf-8"
    );
    assert_eq!(
        header(&response, "content-security-policy"),
        "frame-ancestors *"
    );
    assert_eq!(header(&response, "x-frame-options"), "", "framing allowed");
    assert_eq!(header(&response, "cache-control"), PAGE_POLICY);
    let keys = header(&response, "surrogate-key");
    assert!(keys.contains(&format!("track:{}", track["id"])), "{keys}");
    let html = response.text().await.unwrap();
    let stream = track["stream_url"].as_str().unwrap();
    assert!(
        html.contains(&format!(r#"<audio controls preload="none" src="{stream}""#)),
        "{html}"
    );
    assert!(!html.contains("/pkg/"), "no bundle: {html}");
    assert!(html.contains(&format!(r#"href="/tracks/{}""#, track["id"])));

    let response = app
        .get(&format!("/embed/albums/{}", album["album"]["id"]))
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        header(&response, "content-security-policy"),
        "frame-ancestors *"
    );
    let html = response.text().await.unwrap();
    for track in tracks {
        let src = format!(r#"data-src="{}""#, track["stream_url"].as_str().unwrap());
        assert!(html.contains(&src), "every track listed: {html}");
    }

    // Any other page keeps refusing to be framed.
    let page = app.get(&format!("/albums/{}", album["album"]["id"])).await;
    assert_eq!(
        header(&page, "content-security-policy"),
        "frame-ancestors 'none'"
    );
    assert_eq!(header(&page, "x-frame-options"), "DENY");

    for missing in ["/embed/tracks/999999", "/embed/albums/0", "/embed/tracks/x"] {
        let response = app.get(missing).await;
        assert_eq!(response.status(), 404, "{missing}");
        assert_eq!(
            header(&response, "cache-control"),
            "private, no-store",
            "{missing}"
        );
        assert!(response.text().await.unwrap().contains("not on Chorus"));
    }
}

#[tokio::test]
async fn oembed_gives_the_iframe_of_a_track_or_album_link() {
    let app = spawn_app_with_music().await;
    let album = first_album(&app).await;
    let (album_id, track) = (&album["album"]["id"], &album["tracks"][0]);
    let link = |path: String| {
        let query = form_urlencoded::Serializer::new(String::new())
            .append_pair("url", &format!("https://chorus.example{path}"))
            .finish();
        format!("/api/oembed?{query}")
    };

    let embed = app.json(&link(format!("/tracks/{}", track["id"]))).await;
    assert_eq!(embed["type"], "rich");
    assert_eq!(embed["version"], "1.0");
    assert_eq!(embed["provider_name"], "Chorus");
    assert_eq!(embed["title"], track["title"]);
    assert_eq!(embed["author_name"], track["artist"]["name"]);
    assert_eq!(
        (embed["width"].as_u64(), embed["height"].as_u64()),
        (Some(480), Some(152))
    );
    let iframe = embed["html"].as_str().unwrap();
    let src = app.url(&format!("/embed/tracks/{}", track["id"]));
    assert!(
        iframe.starts_with(&format!(r#"<iframe src="{src}" width="480" height="152""#)),
        "{iframe}"
    );
    assert!(embed["thumbnail_url"]
        .as_str()
        .unwrap()
        .ends_with("/384.jpg"));

    let embed = app
        .json(&format!(
            "{}&maxwidth=300&maxheight=200",
            link(format!("/albums/{album_id}"))
        ))
        .await;
    assert_eq!(
        (embed["width"].as_u64(), embed["height"].as_u64()),
        (Some(300), Some(200))
    );
    assert!(embed["html"]
        .as_str()
        .unwrap()
        .contains(&app.url(&format!("/embed/albums/{album_id}"))));

    let status = |path: String| {
        let app = &app;
        async move { app.get(&path).await.status().as_u16() }
    };
    assert_eq!(
        status(link("/users/ada".into())).await,
        404,
        "not embeddable"
    );
    assert_eq!(status(link("/tracks/999999".into())).await, 404);
    assert_eq!(status("/api/oembed".into()).await, 400, "no url");
    assert_eq!(
        status(format!(
            "{}&format=xml",
            link(format!("/tracks/{}", track["id"]))
        ))
        .await,
        501,
        "oEmbed: a format not served"
    );
}

#[tokio::test]
async fn a_public_playlist_has_an_embed_and_an_oembed_and_no_other_playlist_has() {
    let app = spawn_app_with_music().await;
    let ada = crate::listeners::listener(&app, "ada").await;
    let album = first_album(&app).await;
    let tracks: Vec<Value> = album["tracks"].as_array().unwrap()[..2].to_vec();
    let ids: Vec<Value> = tracks.iter().map(|t| t["id"].clone()).collect();
    let mut made = Vec::new();
    for visibility in ["public", "friends"] {
        let body =
            serde_json::json!({"name": "Mix <&>", "visibility": visibility, "track_ids": ids});
        let response = ada
            .send_json(&app, reqwest::Method::POST, "/api/playlists", body)
            .await;
        assert_eq!(response.status(), 201);
        made.push(response.json::<Value>().await.unwrap()["playlist"]["id"].clone());
    }

    let response = app.get(&format!("/embed/playlists/{}", made[0])).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        header(&response, "content-security-policy"),
        "frame-ancestors *"
    );
    assert_eq!(header(&response, "cache-control"), PAGE_POLICY);
    let keys = header(&response, "surrogate-key");
    assert!(keys.contains(&format!("playlist:{}", made[0])), "{keys}");
    assert!(
        keys.contains(&format!("album:{}", album["album"]["id"])),
        "{keys}"
    );
    let html = response.text().await.unwrap();
    assert!(html.contains("Mix &lt;&amp;&gt;"), "escaped: {html}");
    assert!(html.contains(r#"href="/users/ada""#), "its owner: {html}");
    for track in &tracks {
        let src = format!(r#"data-src="{}""#, track["stream_url"].as_str().unwrap());
        assert!(html.contains(&src), "every track listed: {html}");
    }
    assert!(!html.contains("/pkg/"), "no bundle");

    let link = app.url(&format!("/playlists/{}", made[0]));
    let oembed = app
        .json(&format!(
            "/api/oembed?url={}",
            chorus_domain::api::encode_component(&link)
        ))
        .await;
    assert_eq!(oembed["author_name"], "ada");
    assert_eq!(oembed["author_url"], app.url("/users/ada").as_str());
    assert!(oembed["html"]
        .as_str()
        .unwrap()
        .contains(&app.url(&format!("/embed/playlists/{}", made[0]))));

    // Friends-only: no embed, no oEmbed.
    let hidden = app.get(&format!("/embed/playlists/{}", made[1])).await;
    assert_eq!(hidden.status(), 404);
    assert_eq!(header(&hidden, "cache-control"), "private, no-store");
    let link = app.url(&format!("/playlists/{}", made[1]));
    let refused = app
        .get(&format!(
            "/api/oembed?url={}",
            chorus_domain::api::encode_component(&link)
        ))
        .await;
    assert_eq!(refused.status(), 404);
}

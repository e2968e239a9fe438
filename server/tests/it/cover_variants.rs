//! Cover variants on `/media/{hash}/{variant}`: served immutable with
//! their format's type, made on request when missing (a library imported
//! before variants existed), 404 in the JSON error format when unknown, and
//! a redirect to the original for a cover that cannot be decoded.

use chorus_domain::{cover_variant_url, CoverFormat, CoverVariant, MediaKind};

use crate::helpers::{header, spawn_app_with_music, TestApp};

/// The `cover_url` of the first album.
async fn a_cover(app: &TestApp) -> String {
    let albums = app.json("/api/albums").await;
    albums["items"][0]["cover_url"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_variant_is_webp_immutable_with_a_strong_etag() {
    let app = spawn_app_with_music().await;
    let cover = a_cover(&app).await;
    let url = cover_variant_url(&cover, 384, CoverFormat::Webp).unwrap();
    let response = app.get(&url).await;
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "content-type"), "image/webp");
    assert_eq!(
        header(&response, "cache-control"),
        "public, max-age=31536000, immutable"
    );
    let etag = header(&response, "etag");
    assert!(
        etag.starts_with('"') && etag.ends_with('"') && etag.len() > 66,
        "a strong ETag: {etag}"
    );
    let body = response.bytes().await.unwrap();
    assert_eq!(&body[..4], b"RIFF");
    assert_eq!(&body[8..12], b"WEBP");
    assert_eq!(header(&app.get(&cover).await, "content-type"), "image/png");

    let again = app
        .client
        .get(app.url(&url))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);

    let jpeg = app
        .get(&cover_variant_url(&cover, 96, CoverFormat::Jpeg).unwrap())
        .await;
    assert_eq!(header(&jpeg, "content-type"), "image/jpeg");
    assert_ne!(header(&jpeg, "etag"), etag);
    assert_eq!(&jpeg.bytes().await.unwrap()[..2], b"\xff\xd8");
}

#[tokio::test]
async fn a_missing_variant_of_an_existing_cover_is_made_on_request() {
    let app = spawn_app_with_music().await;
    let cover = a_cover(&app).await;
    // As after an upgrade: covers imported, no variants.
    std::fs::remove_dir_all(app.media.root().join("variants")).unwrap();
    let variant = CoverVariant::of_url(&cover, 192, CoverFormat::Jpeg).unwrap();
    assert!(!app.media.variant_path(&variant).exists());

    let response = app.get(&variant.url()).await;
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "content-type"), "image/jpeg");
    assert_eq!(
        header(&response, "cache-control"),
        "public, max-age=31536000, immutable"
    );
    let body = response.bytes().await.unwrap();
    assert_eq!(&body[..2], b"\xff\xd8");
    let stored = std::fs::read(app.media.variant_path(&variant)).expect("stored");
    assert_eq!(stored, body, "the made variant is kept");
}

#[tokio::test]
async fn an_unknown_variant_is_a_404_with_a_json_error() {
    let app = spawn_app_with_music().await;
    let cover = a_cover(&app).await;
    let hash = cover
        .strip_prefix("/media/")
        .and_then(|n| n.split_once('.'))
        .unwrap()
        .0
        .to_owned();
    for path in [
        format!("/media/{}/96.webp", "0".repeat(64)),
        format!("/media/{hash}/500.webp"),
        format!("/media/{hash}/096.webp"),
        format!("/media/{hash}/96.png"),
        format!("/media/{}/96.webp", hash.to_uppercase()),
    ] {
        let response = app.get(&path).await;
        assert_eq!(response.status(), 404, "{path}");
        assert_eq!(header(&response, "content-type"), "application/json");
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body, serde_json::json!({"error": "not found"}), "{path}");
    }
}

#[tokio::test]
async fn a_cover_that_cannot_be_decoded_redirects_to_its_original() {
    let app = spawn_app_with_music().await;
    let bytes = b"\xff\xd8\xff\xe0 not a JPEG".to_vec();
    let hash = chorus_domain::ContentHash::parse(&format!("{:0>64}", "badc0ffee")).unwrap();
    let original = app.media.put(hash, MediaKind::Jpeg, &bytes).unwrap();
    let url = cover_variant_url(&original.url(), 96, CoverFormat::Webp).unwrap();
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = client.get(app.url(&url)).send().await.unwrap();
    assert_eq!(response.status(), 307);
    assert_eq!(header(&response, "location"), original.url());
    assert!(!app
        .media
        .variant_path(&CoverVariant::of_url(&original.url(), 96, CoverFormat::Webp).unwrap())
        .exists());
}

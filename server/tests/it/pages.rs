//! Server-rendered pages: complete HTML, titles, descriptions, 404s.

use crate::helpers::{header, spawn_app, spawn_app_with_music};

async fn page(app: &crate::helpers::TestApp, path: &str) -> (u16, String) {
    let response = app.get(path).await;
    let status = response.status().as_u16();
    assert!(
        header(&response, "content-type").starts_with("text/html"),
        "{path}"
    );
    (status, response.text().await.unwrap())
}

fn title(html: &str) -> &str {
    let start = html.find("<title>").expect("a <title>") + "<title>".len();
    let end = html[start..].find("</title>").unwrap() + start;
    &html[start..end]
}

#[tokio::test]
async fn home_lists_albums_artists_and_tracks() {
    let app = spawn_app_with_music().await;
    let (status, html) = page(&app, "/").await;
    assert_eq!(status, 200);
    let albums = app.json("/api/albums").await;
    for album in albums["items"].as_array().unwrap() {
        assert!(html.contains(album["title"].as_str().unwrap()));
        assert!(html.contains(&format!("href=\"/albums/{}\"", album["id"])));
    }
    assert!(html.contains("<meta name=\"description\""));
    assert_eq!(title(&html), "Listen with your friends · Chorus");
}

#[tokio::test]
async fn album_page_is_complete_html_with_tracks_and_total_time() {
    let app = spawn_app_with_music().await;
    let album_id = app.json("/api/albums").await["items"][0]["id"].clone();
    let album = app.json(&format!("/api/albums/{album_id}")).await;
    let (status, html) = page(&app, &format!("/albums/{album_id}")).await;
    assert_eq!(status, 200);
    let name = album["album"]["title"].as_str().unwrap();
    let artist = album["album"]["artist"]["name"].as_str().unwrap();
    assert_eq!(title(&html), format!("{name} by {artist} · Chorus"));
    for track in album["tracks"].as_array().unwrap() {
        let t = track["title"].as_str().unwrap();
        assert!(
            html.contains(&format!("aria-label=\"Play {t}\"")),
            "play button for {t}"
        );
    }
    let total_ms: i64 = album["tracks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["duration_ms"].as_i64().unwrap())
        .sum();
    let total = chorus_domain::format_duration(total_ms as u64);
    assert!(
        html.contains(&format!("data-testid=\"album-duration\">{total}<")),
        "total time {total}"
    );
}

#[tokio::test]
async fn artist_and_track_pages_render() {
    let app = spawn_app_with_music().await;
    let track = app.json("/api/tracks?limit=1").await["items"][0].clone();
    let (status, html) = page(&app, &format!("/tracks/{}", track["id"])).await;
    assert_eq!(status, 200);
    assert!(title(&html).starts_with(track["title"].as_str().unwrap()));
    let (status, html) = page(&app, &format!("/artists/{}", track["artist"]["id"])).await;
    assert_eq!(status, 200);
    assert_eq!(
        title(&html),
        format!("{} · Chorus", track["artist"]["name"].as_str().unwrap())
    );
}

#[tokio::test]
async fn unknown_pages_and_ids_are_404_pages() {
    let app = spawn_app_with_music().await;
    for path in [
        "/albums/999999",
        "/artists/0",
        "/tracks/abc",
        "/no/such/page",
    ] {
        let (status, html) = page(&app, path).await;
        assert_eq!(status, 404, "{path}");
        assert!(html.contains("<h1>Not found</h1>"), "{path}");
        assert_eq!(title(&html), "Not found · Chorus", "{path}");
    }
}

#[tokio::test]
async fn a_link_shared_to_the_app_opens_its_page_and_nothing_leads_elsewhere() {
    let app = spawn_app().await;
    for (query, location) in [
        ("url=https%3A%2F%2Fchorus.example%2Falbums%2F6", "/albums/6"),
        (
            "text=Hear+this%3A+https%3A%2F%2Fx.example%2Ftracks%2F3%3Ft%3D9+now",
            "/tracks/3",
        ),
        ("title=Ada&url=%2Fusers%2Fada", "/users/ada"),
        (
            "url=https%3A%2F%2Fevil.example%2F&text=Sine+Waves",
            "/search?q=Sine+Waves",
        ),
        ("title=Only+a+title", "/search?q=Only+a+title"),
        ("url=%2F%2Fevil.example%2Falbums%2F6", "/"),
        ("", "/"),
    ] {
        let response = app.get(&format!("/share?{query}")).await;
        assert_eq!(response.status(), 303, "{query}");
        assert_eq!(header(&response, "location"), location, "{query}");
        assert_eq!(
            header(&response, "cache-control"),
            "private, no-store",
            "{query}"
        );
    }
}

//! Link previews and structured data on each public page kind: a canonical
//! link, Open Graph and Twitter card tags with a cover at 768 px, and
//! schema.org JSON-LD, all with absolute addresses — in the server's HTML
//! head, ahead of the tags Leptos hydrates (which it claims in order).

use serde_json::Value;

use crate::helpers::{spawn_app_with_music, TestApp};
use crate::listeners::listener;

/// The `<head>` of the page at `path` (status 200).
async fn head_of(app: &TestApp, path: &str) -> String {
    let response = app.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    let html = response.text().await.unwrap();
    let end = html.find("</head>").expect("a head");
    html[..end].to_owned()
}

/// The whole tag (`<meta …>`, `<link …>`) of `head` holding `marker`.
fn tag<'a>(head: &'a str, marker: &str) -> &'a str {
    let at = head
        .find(marker)
        .unwrap_or_else(|| panic!("no {marker} in {head}"));
    let start = head[..at].rfind('<').unwrap();
    let end = at + head[at..].find('>').unwrap();
    &head[start..=end]
}

/// The value of `attribute` in `tag`.
fn attribute(tag: &str, attribute: &str) -> String {
    let key = format!("{attribute}=\"");
    let at = tag
        .find(&key)
        .unwrap_or_else(|| panic!("no {attribute} in {tag}"))
        + key.len();
    let value = &tag[at..at + tag[at..].find('"').unwrap()];
    value
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
}

fn property(head: &str, name: &str) -> String {
    attribute(tag(head, &format!("property=\"{name}\"")), "content")
}

fn named(head: &str, name: &str) -> String {
    attribute(tag(head, &format!("name=\"{name}\"")), "content")
}

/// The page's JSON-LD, parsed.
fn json_ld(head: &str) -> Value {
    let script = tag(head, "type=\"application/ld+json\"");
    let start = head.find(script).unwrap() + script.len();
    let end = start + head[start..].find("</script>").unwrap();
    serde_json::from_str(&head[start..end]).expect("JSON-LD is JSON")
}

/// What every page kind's preview has: its absolute address as canonical
/// link, `og:url` and JSON-LD `url`; its title and description as in its
/// `<title>` and description; a type; an image; the JSON-LD's context.
fn assert_preview(app: &TestApp, head: &str, path: &str, og_type: &str, ld_type: &str) -> Value {
    let url = app.url(path);
    assert_eq!(attribute(tag(head, "rel=\"canonical\""), "href"), url);
    assert_eq!(property(head, "og:url"), url);
    assert_eq!(property(head, "og:type"), og_type);
    assert_eq!(property(head, "og:site_name"), "Chorus");
    let title = &head[head.find("<title>").unwrap() + 7..head.find("</title>").unwrap()];
    assert_eq!(
        format!("{} · Chorus", property(head, "og:title")),
        title.replace("&amp;", "&")
    );
    assert_eq!(property(head, "og:description"), named(head, "description"));
    assert_eq!(named(head, "twitter:card"), "summary");
    assert_eq!(named(head, "twitter:title"), property(head, "og:title"));
    assert_eq!(named(head, "twitter:image"), property(head, "og:image"));
    assert!(property(head, "og:image").starts_with(&app.url("/")));
    let marker = head.find("<!--HEAD-->").expect("Leptos's head marker");
    assert!(
        head.find("rel=\"canonical\"").unwrap() < marker
            && head.find("type=\"application/ld+json\"").unwrap() < marker
            && marker < head.find("name=\"description\"").unwrap(),
        "the preview is ahead of the tags Leptos hydrates: {head}"
    );
    assert!(!head.contains("x-chorus-preview"));
    let ld = json_ld(head);
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], ld_type);
    assert_eq!(ld["url"], url.as_str());
    ld
}

#[tokio::test]
async fn each_public_page_kind_has_a_preview_and_structured_data() {
    let app = spawn_app_with_music().await;
    let ada_cookie = listener(&app, "ada").await.cookie;
    let album = app.json("/api/albums").await["items"][0].clone();
    let hash = album["cover_url"].as_str().unwrap()["/media/".len()..]
        .split('.')
        .next()
        .unwrap()
        .to_owned();
    let cover = app.url(&format!("/media/{hash}/768.jpg"));
    let (album_id, artist_id) = (&album["id"], &album["artist"]["id"]);
    let detail = app.json(&format!("/api/albums/{album_id}")).await;
    let track = &detail["tracks"][0];

    let page = format!("/albums/{album_id}");
    let head = head_of(&app, &page).await;
    let ld = assert_preview(&app, &head, &page, "music.album", "MusicAlbum");
    let oembed = attribute(tag(&head, "application/json+oembed"), "href");
    assert_eq!(
        app.json(oembed.strip_prefix(&app.url("")).unwrap()).await["html"]
            .as_str()
            .map(|html| html.contains(&app.url(&format!("/embed/albums/{album_id}")))),
        Some(true),
        "the oEmbed discovery link answers the album's embed"
    );
    assert_eq!(property(&head, "og:image"), cover);
    // A square image of at least 600 px, as previewers ask.
    let image = reqwest::get(&cover).await.unwrap().bytes().await.unwrap();
    let (width, height) = image::ImageReader::new(std::io::Cursor::new(image))
        .with_guessed_format()
        .unwrap()
        .into_dimensions()
        .unwrap();
    assert!(
        width >= 600 && width == height,
        "og:image is {width}×{height}"
    );
    assert_eq!(ld["image"], cover.as_str());
    assert_eq!(ld["name"], album["title"]);
    assert_eq!(ld["byArtist"]["@type"], "MusicGroup");
    assert_eq!(
        ld["byArtist"]["url"],
        app.url(&format!("/artists/{artist_id}")).as_str()
    );
    let tracks = ld["track"].as_array().unwrap();
    assert_eq!(tracks.len(), detail["tracks"].as_array().unwrap().len());
    assert_eq!(tracks[0]["@type"], "MusicRecording");
    assert_eq!(tracks[0]["position"], 1);
    assert_eq!(
        tracks[0]["url"],
        app.url(&format!("/tracks/{}", track["id"])).as_str()
    );
    assert!(tracks[0]["duration"].as_str().unwrap().starts_with("PT"));

    let page = format!("/tracks/{}", track["id"]);
    let head = head_of(&app, &page).await;
    let ld = assert_preview(&app, &head, &page, "music.song", "MusicRecording");
    assert_eq!(property(&head, "og:image"), cover);
    assert_eq!(ld["name"], track["title"]);
    assert_eq!(
        ld["inAlbum"]["url"],
        app.url(&format!("/albums/{album_id}")).as_str()
    );

    let page = format!("/artists/{artist_id}");
    let head = head_of(&app, &page).await;
    let ld = assert_preview(&app, &head, &page, "profile", "MusicGroup");
    assert_eq!(ld["name"], album["artist"]["name"]);
    assert!(ld["album"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["url"] == app.url(&format!("/albums/{album_id}")).as_str()));

    let head = head_of(&app, "/users/ada").await;
    let ld = assert_preview(&app, &head, "/users/ada", "profile", "ProfilePage");
    assert!(!head.contains("json+oembed"), "a profile has no embed");
    assert_eq!(
        property(&head, "og:image"),
        app.url("/icons/icon-512.png"),
        "no cover: the app's icon"
    );
    assert_eq!(ld["mainEntity"]["@type"], "Person");
    assert_eq!(ld["mainEntity"]["alternateName"], "@ada");

    let ada = crate::listeners::Listener { cookie: ada_cookie };
    let body = serde_json::json!({"name": "Road trip", "visibility": "public", "track_ids": [track["id"]]});
    let made = ada
        .send_json(&app, reqwest::Method::POST, "/api/playlists", body)
        .await;
    assert_eq!(made.status(), 201);
    let id = made.json::<Value>().await.unwrap()["playlist"]["id"].clone();
    let page = format!("/playlists/{id}");
    let head = head_of(&app, &page).await;
    let ld = assert_preview(&app, &head, &page, "music.playlist", "MusicPlaylist");
    assert_eq!(
        property(&head, "og:image"),
        cover,
        "its first track's cover"
    );
    assert_eq!(ld["name"], "Road trip");
    assert_eq!(ld["numTracks"], 1);
    assert_eq!(ld["creator"]["url"], app.url("/users/ada").as_str());
    assert_eq!(ld["track"][0]["@type"], "MusicRecording");
    let oembed = attribute(tag(&head, "application/json+oembed"), "href");
    assert_eq!(
        app.json(oembed.strip_prefix(&app.url("")).unwrap()).await["html"]
            .as_str()
            .map(|html| html.contains(&app.url(&format!("/embed/playlists/{id}")))),
        Some(true),
        "the oEmbed discovery link answers the playlist's embed"
    );
}

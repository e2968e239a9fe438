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

    // The first row of covers (two on a phone) is the page's largest
    // paint: fetched first; the covers further down load lazily.
    let imgs = |from: &str, to: Option<&str>| -> Vec<String> {
        let start = html.find(from).unwrap();
        let end = to.map_or(html.len(), |to| html.find(to).unwrap());
        let section = &html[start..end];
        section
            .match_indices("<img")
            .map(|(at, _)| section[at..at + section[at..].find('>').unwrap()].to_owned())
            .collect()
    };
    let albums = imgs("New albums", Some("Fresh tracks"));
    assert!(albums.len() >= 2, "{albums:?}");
    for (i, img) in albums.iter().enumerate() {
        let leading = i < 2;
        assert_eq!(
            img.contains("fetchpriority=\"high\""),
            leading,
            "{i}: {img}"
        );
        assert_eq!(img.contains("loading=\"lazy\""), !leading, "{i}: {img}");
    }
    let artists = imgs("<h2 class=\"section-title\">Artists", None);
    assert!(!artists.is_empty());
    for img in artists.iter().filter(|img| img.contains("class=\"cover\"")) {
        assert!(img.contains("loading=\"lazy\""), "{img}");
        assert!(!img.contains("fetchpriority"), "{img}");
    }
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

/// The `<img …>` tag (up to its `>`) that follows `after` in `html`.
fn img_after<'h>(html: &'h str, after: &str) -> &'h str {
    let from = html
        .find(after)
        .unwrap_or_else(|| panic!("{after} in the page"));
    let start = from + html[from..].find("<img").expect("an <img>");
    let end = start + html[start..].find('>').unwrap();
    &html[start..=end]
}

#[tokio::test]
async fn the_album_hero_cover_is_a_responsive_picture_fetched_first() {
    let app = spawn_app_with_music().await;
    let album = app.json("/api/albums").await["items"][0].clone();
    let cover_url = album["cover_url"].as_str().unwrap();
    let hash = cover_url
        .strip_prefix("/media/")
        .and_then(|name| name.split_once('.'))
        .unwrap()
        .0;
    let (status, html) = page(&app, &format!("/albums/{}", album["id"])).await;
    assert_eq!(status, 200);

    let srcset = |ext: &str| {
        [96, 192, 384, 768]
            .map(|w| format!("/media/{hash}/{w}.{ext} {w}w"))
            .join(", ")
    };
    let sizes = "sizes=\"(min-width: 640px) 220px, 240px\"";
    let hero = &html[html.find("<header class=\"hero\"").unwrap()..];
    let picture = &hero[hero.find("<picture").expect("a <picture>")..];
    assert!(
        picture.contains(&format!(
            "<source type=\"image/webp\" srcset=\"{}\" {sizes}",
            srcset("webp")
        )),
        "{picture:.600}"
    );
    let img = img_after(hero, "<picture");
    for attribute in [
        format!("src=\"/media/{hash}/384.jpg\""),
        format!("srcset=\"{}\"", srcset("jpg")),
        sizes.to_owned(),
        "width=\"512\"".to_owned(),
        "height=\"512\"".to_owned(),
        "fetchpriority=\"high\"".to_owned(),
        format!(
            "alt=\"Cover of {}\"",
            album["title"].as_str().unwrap().replace('&', "&amp;")
        ),
    ] {
        assert!(img.contains(&attribute), "{attribute} in {img}");
    }
    assert!(!img.contains("loading="), "the hero is not lazy: {img}");
    // (The home page's cards: `home_lists_albums_artists_and_tracks`.)
}

/// The head starts the app with one module script and no resource hints
/// for the bundle: a preload of the WASM would compete with the page's
/// largest paint on a phone's network.
#[tokio::test]
async fn the_head_starts_the_app_without_preloading_the_wasm() {
    let app = spawn_app().await;
    let (status, html) = page(&app, "/").await;
    assert_eq!(status, 200);
    let head = &html[..html.find("</head>").expect("a head")];
    assert!(!head.contains("modulepreload"), "{head}");
    assert!(!head.contains("application/wasm"), "{head}");
    let script = &head[head
        .find("<script type=\"module\"")
        .expect("a module script")..];
    let script = &script[..script.find("</script>").unwrap()];
    for part in [
        "import('/pkg/",
        ".js')",
        "module_or_path: '/pkg/",
        ".wasm'",
        "entry.hydrate()",
        "addEventListener('load', start)",
    ] {
        assert!(script.contains(part), "{part} in {script}");
    }
}

/// Starting an application generates its routes by rendering the app with
/// resource loading suppressed for the whole process (a global flag in
/// leptos_server): a page render whose data started loading meanwhile
/// waited forever. Routes are now generated once per process, so renders
/// go on while other applications start (as the other tests' do).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_render_while_other_applications_start() {
    let app = spawn_app_with_music().await;
    let albums = app.json("/api/albums").await;
    let album = &albums["items"][0];
    let path = format!("/albums/{}", album["id"]);
    let starting = tokio::spawn(async {
        for _ in 0..12 {
            drop(spawn_app().await);
        }
    });
    let title = album["title"].as_str().unwrap();
    let render = || async {
        let response = tokio::time::timeout(std::time::Duration::from_secs(10), app.get(&path))
            .await
            .unwrap_or_else(|_| panic!("a render of {path} stalled"));
        assert_eq!(response.status(), 200);
        assert!(response.text().await.unwrap().contains(title));
    };
    let mut rounds = 0;
    while !starting.is_finished() || rounds < 10 {
        tokio::join!(render(), render(), render());
        rounds += 1;
    }
    starting.await.unwrap();
}

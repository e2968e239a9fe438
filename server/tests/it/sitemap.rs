//! `robots.txt` and the sitemap: every public page by its absolute
//! address, nothing personal, cached by the CDN like a public page, valid
//! by the sitemaps.org schemas (`xmllint`, Debian's libxml2-utils).

use std::collections::BTreeSet;

use crate::helpers::{header, spawn_app_configured, spawn_app_with_music, TestApp, PAGE_POLICY};
use crate::listeners::listener;

/// The text of every `<loc>` in `xml`.
fn locs(xml: &str) -> Vec<String> {
    xml.split("<loc>")
        .skip(1)
        .filter_map(|rest| rest.split_once("</loc>"))
        .map(|(loc, _)| loc.to_owned())
        .collect()
}

/// Fails unless `xml` is valid by the sitemaps.org schema `schema`
/// (`sitemap.xsd` or `siteindex.xsd`, in `server/tests/schemas`).
fn assert_valid(xml: &str, schema: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sitemap.xml");
    std::fs::write(&file, xml).unwrap();
    let xsd = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/schemas")
        .join(schema);
    let out = std::process::Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&xsd)
        .arg(&file)
        .output()
        .expect("xmllint (Debian's libxml2-utils) runs");
    assert!(
        out.status.success(),
        "not valid by {schema}: {}\n{xml}",
        String::from_utf8_lossy(&out.stderr)
    );
}

async fn public_text(app: &TestApp, path: &str, content_type: &str) -> String {
    let response = app.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    assert_eq!(header(&response, "content-type"), content_type, "{path}");
    assert_eq!(header(&response, "cache-control"), PAGE_POLICY, "{path}");
    assert_eq!(header(&response, "surrogate-key"), "sitemap", "{path}");
    assert!(!header(&response, "etag").is_empty(), "{path}");
    response.text().await.unwrap()
}

async fn ids(app: &TestApp, list: &str, path: &str) -> BTreeSet<String> {
    app.json(&format!("/api/{list}?limit=100")).await["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| app.url(&format!("{path}/{}", item["id"])))
        .collect()
}

#[tokio::test]
async fn robots_txt_keeps_crawlers_off_personal_pages_and_names_the_sitemap() {
    let app = spawn_app_with_music().await;
    let robots = public_text(&app, "/robots.txt", "text/plain; charset=utf-8").await;
    let lines: Vec<&str> = robots.lines().collect();
    assert_eq!(lines[0], "User-agent: *");
    for personal in ["/api/", "/_fn/", "/feed", "/friends", "/settings", "/login"] {
        assert!(
            lines.contains(&format!("Disallow: {personal}").as_str()),
            "{personal}: {robots}"
        );
    }
    for public in ["/albums", "/artists", "/tracks", "/users", "/media", "/pkg"] {
        assert!(
            !lines
                .iter()
                .any(|l| l.starts_with("Disallow:") && public.starts_with(&l[10..])),
            "{public} is crawlable: {robots}"
        );
    }
    assert!(
        lines.contains(&format!("Sitemap: {}", app.url("/sitemap.xml")).as_str()),
        "{robots}"
    );
}

#[tokio::test]
async fn the_sitemap_lists_every_public_page_once_by_its_absolute_address() {
    let app = spawn_app_with_music().await;
    listener(&app, "ada").await;
    let bob = listener(&app, "bob").await;
    bob.set_privacy(&app, "private").await;

    let xml = "application/xml; charset=utf-8";
    let index = public_text(&app, "/sitemap.xml", xml).await;
    assert!(index.contains(r#"<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">"#));
    assert_valid(&index, "siteindex.xsd");
    let sitemaps = locs(&index);
    let expected: Vec<String> = ["site", "artists-1", "albums-1", "tracks-1", "listeners-1"]
        .iter()
        .map(|name| app.url(&format!("/sitemaps/{name}.xml")))
        .collect();
    assert_eq!(sitemaps, expected);

    let mut listed = Vec::new();
    for sitemap in &sitemaps {
        let path = sitemap.strip_prefix(&app.url("")).unwrap();
        let urlset = public_text(&app, path, xml).await;
        assert_valid(&urlset, "sitemap.xsd");
        listed.extend(locs(&urlset));
    }
    let unique: BTreeSet<String> = listed.iter().cloned().collect();
    assert_eq!(unique.len(), listed.len(), "each page once: {listed:?}");
    let mut pages = ids(&app, "artists", "/artists").await;
    pages.extend(ids(&app, "albums", "/albums").await);
    pages.extend(ids(&app, "tracks", "/tracks").await);
    pages.insert(app.url("/users/ada"));
    pages.extend([app.url("/"), app.url("/charts")]);
    assert_eq!(
        unique, pages,
        "home, charts, every catalog page and ada, not bob (private)"
    );
    for page in &listed {
        let path = page.strip_prefix(&app.url("")).unwrap();
        assert_eq!(app.get(path).await.status(), 200, "{page}");
    }

    for missing in [
        "/sitemaps/albums-2.xml",
        "/sitemaps/albums-0.xml",
        "/sitemaps/songs-1.xml",
        "/sitemaps/site-1.xml",
    ] {
        let response = app.get(missing).await;
        assert_eq!(response.status(), 404, "{missing}");
        assert_eq!(
            header(&response, "cache-control"),
            "private, no-store",
            "{missing}"
        );
    }
}

#[tokio::test]
async fn with_a_public_url_every_address_starts_with_it() {
    let app = spawn_app_configured(|settings| {
        settings.public_url = Some("https://chorus.example".parse().unwrap());
    })
    .await;
    listener(&app, "ada").await;
    let robots = public_text(&app, "/robots.txt", "text/plain; charset=utf-8").await;
    assert!(
        robots.contains("Sitemap: https://chorus.example/sitemap.xml"),
        "{robots}"
    );
    let index = public_text(&app, "/sitemap.xml", "application/xml; charset=utf-8").await;
    assert_valid(&index, "siteindex.xsd");
    assert_eq!(
        locs(&index),
        [
            "https://chorus.example/sitemaps/site.xml",
            "https://chorus.example/sitemaps/listeners-1.xml"
        ],
        "no catalog yet"
    );
    let users = public_text(
        &app,
        "/sitemaps/listeners-1.xml",
        "application/xml; charset=utf-8",
    )
    .await;
    assert_eq!(locs(&users), ["https://chorus.example/users/ada"]);
}

#[tokio::test]
async fn public_playlists_are_listed_and_the_others_are_not() {
    let app = spawn_app_with_music().await;
    let ada = listener(&app, "ada").await;
    let track = app.json("/api/tracks").await["items"][0]["id"].clone();
    let mut public = Vec::new();
    for visibility in ["public", "friends", "private"] {
        let body =
            serde_json::json!({"name": visibility, "visibility": visibility, "track_ids": [track]});
        let made = ada
            .send_json(&app, reqwest::Method::POST, "/api/playlists", body)
            .await;
        assert_eq!(made.status(), 201);
        let id = made.json::<serde_json::Value>().await.unwrap()["playlist"]["id"].clone();
        if visibility == "public" {
            public.push(app.url(&format!("/playlists/{id}")));
        }
    }
    let xml = "application/xml; charset=utf-8";
    let index = public_text(&app, "/sitemap.xml", xml).await;
    let sitemap = app.url("/sitemaps/playlists-1.xml");
    assert!(locs(&index).contains(&sitemap), "{index}");
    let urlset = public_text(&app, "/sitemaps/playlists-1.xml", xml).await;
    assert_valid(&urlset, "sitemap.xsd");
    assert_eq!(locs(&urlset), public);
}

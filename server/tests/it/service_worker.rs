//! `/sw.js`: the site's service worker, stamped with the build's id so a
//! deploy replaces it, and always revalidated.

use crate::helpers::{header, spawn_app};

/// The worker as the repository writes it (cargo-leptos copies it into
/// the site).
const TEMPLATE: &str = include_str!("../../../public/sw.js");

#[tokio::test]
async fn the_service_worker_is_served_stamped_with_the_build_and_revalidated() {
    let app = spawn_app().await;
    let site = app.data_dir.path().join("site");
    std::fs::create_dir_all(&site).unwrap();
    std::fs::write(site.join("sw.js"), TEMPLATE).unwrap();

    let response = app.get("/sw.js").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        header(&response, "content-type"),
        "text/javascript; charset=utf-8"
    );
    assert_eq!(header(&response, "cache-control"), "no-cache");
    let script = response.text().await.unwrap();
    assert!(!script.contains("__CHORUS_"), "every placeholder is filled");
    // A build without hashed bundles (this test's) is `dev`; no bundle.
    assert!(script.contains(r#"const BUILD = "dev";"#));
    assert!(script.contains("const PKG = [];"));
    assert!(script.contains(r#"const DOWNLOADS = "chorus-downloads-v1";"#));
}

#[tokio::test]
async fn a_site_without_a_service_worker_answers_not_found() {
    let app = spawn_app().await;
    let response = app.get("/sw.js").await;
    assert_eq!(response.status(), 404);
    assert_eq!(header(&response, "content-type"), "application/json");
}

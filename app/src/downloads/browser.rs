//! The browser half of downloads: Cache Storage for the files,
//! `localStorage` for the albums' details, StorageManager for the space
//! used and persistence, and a word to the service worker when the files
//! change.

use chorus_domain::{AlbumDetail, AlbumId};
use leptos::prelude::*;

use crate::local_storage::local_storage;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::{files_of, files_only_of, Downloads, Progress, Usage, DOWNLOADS_CACHE};

/// The downloaded albums' details.
const KEY: &str = "chorus.downloads.v1";

fn saved_albums() -> Vec<AlbumDetail> {
    local_storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

fn save_albums(albums: &[AlbumDetail]) -> Result<(), String> {
    let json = serde_json::to_string(albums).map_err(|e| e.to_string())?;
    local_storage()
        .ok_or("this browser keeps no local storage")?
        .set_item(KEY, &json)
        .map_err(|_| "this device has no room left for Chorus".to_owned())
}

/// Reads what this device holds, and the space used.
pub(super) fn load(downloads: Downloads) {
    downloads.albums.set(saved_albums());
    downloads.loaded.set(true);
    leptos::task::spawn_local(refresh_usage(downloads));
}

async fn refresh_usage(downloads: Downloads) {
    downloads.usage.set(estimate().await);
}

/// StorageManager's estimate of the space this site uses and may use.
async fn estimate() -> Option<Usage> {
    let promise = web_sys::window()?.navigator().storage().estimate().ok()?;
    let estimate = JsFuture::from(promise).await.ok()?;
    let number = |name: &str| {
        js_sys::Reflect::get(&estimate, &JsValue::from_str(name))
            .ok()
            .and_then(|v| v.as_f64())
    };
    Some(Usage {
        used: number("usage")?,
        quota: number("quota")?,
    })
}

/// Asks the browser not to evict what is stored (it may say no; downloads
/// work either way).
async fn ask_to_persist() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Ok(promise) = window.navigator().storage().persist() {
        let _ = JsFuture::from(promise).await;
    }
}

async fn open_cache() -> Result<web_sys::Cache, String> {
    let window = web_sys::window().ok_or("no window")?;
    let caches = window
        .caches()
        .map_err(|_| "this browser cannot keep music offline".to_owned())?;
    JsFuture::from(caches.open(DOWNLOADS_CACHE))
        .await
        .map_err(|_| "this browser cannot keep music offline".to_owned())?
        .dyn_into()
        .map_err(|_| "this browser cannot keep music offline".to_owned())
}

/// Fetches `url` whole and stores it; returns its size in bytes.
async fn store(cache: &web_sys::Cache, url: &str) -> Result<f64, String> {
    let window = web_sys::window().ok_or("no window")?;
    let offline = || crate::json_api::OFFLINE.to_owned();
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| offline())?
        .dyn_into()
        .map_err(|_| offline())?;
    if !response.ok() {
        return Err(format!(
            "the server answered {} for {url}",
            response.status()
        ));
    }
    let size = response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0.0);
    JsFuture::from(cache.put_with_str(url, &response))
        .await
        .map_err(|_| "this device has no room left for this album".to_owned())?;
    Ok(size)
}

async fn delete(cache: &web_sys::Cache, urls: &[String]) {
    for url in urls {
        let _ = JsFuture::from(cache.delete_with_str(url)).await;
    }
}

/// How long to wait for the service worker to take in changed files.
const WORKER_ANSWER_MS: i32 = 3000;
/// How long to wait for the service worker to cache the rest of the app
/// (a hundred small files; seconds on a phone's network).
const APP_CACHED_MS: i32 = 30_000;

/// Tells the service worker the downloaded files changed, and waits until
/// it answers that it serves them (or a few seconds, or at once when no
/// worker controls the page).
async fn tell_service_worker() {
    crate::pwa::ask_service_worker("downloads-changed", WORKER_ANSWER_MS).await;
}

/// Downloads `detail`, showing progress. On failure nothing of it stays
/// (no half album), and the error says why.
pub(super) async fn download(downloads: Downloads, detail: AlbumDetail) {
    let album = detail.album.id;
    let files = files_of(&detail);
    downloads.error.set(None);
    downloads.progress.set(Some(Progress {
        album,
        files_done: 0,
        files: files.len(),
        bytes: 0.0,
    }));
    ask_to_persist().await;
    let stored = fetch_all(downloads, album, &files).await.and_then(|()| {
        let mut albums = saved_albums();
        albums.retain(|a| a.album.id != album);
        albums.push(detail.clone());
        save_albums(&albums).map(|()| albums)
    });
    if let Err(message) = &stored {
        if let Ok(cache) = open_cache().await {
            delete(&cache, &files_only_of(&detail, &saved_albums())).await;
        }
        downloads.error.set(Some(message.clone()));
    }
    // The album shows as downloaded once the worker serves its files, and
    // has the whole app (the Downloads page opens offline).
    crate::pwa::cache_app(APP_CACHED_MS).await;
    tell_service_worker().await;
    if let Ok(albums) = stored {
        downloads.albums.set(albums);
    }
    downloads.progress.set(None);
    refresh_usage(downloads).await;
}

async fn fetch_all(downloads: Downloads, album: AlbumId, files: &[String]) -> Result<(), String> {
    let cache = open_cache().await?;
    let mut bytes = 0.0;
    for (done, url) in files.iter().enumerate() {
        bytes += store(&cache, url).await?;
        downloads.progress.set(Some(Progress {
            album,
            files_done: done + 1,
            files: files.len(),
            bytes,
        }));
    }
    Ok(())
}

/// Removes `album` from this device: its details and the files no other
/// downloaded album needs.
pub(super) async fn remove(downloads: Downloads, album: AlbumId) {
    let mut albums = saved_albums();
    let Some(at) = albums.iter().position(|a| a.album.id == album) else {
        return;
    };
    let removed = albums.remove(at);
    if let Err(message) = save_albums(&albums) {
        downloads.error.set(Some(message));
        return;
    }
    if let Ok(cache) = open_cache().await {
        delete(&cache, &files_only_of(&removed, &albums)).await;
    }
    // Shown as removed once its files are gone from the device.
    downloads.albums.set(albums);
    tell_service_worker().await;
    refresh_usage(downloads).await;
}

//! `GET /sw.js`: the service worker, stamped with this build's identity.
//!
//! `public/sw.js` names its caches after `__CHORUS_BUILD__`, which this
//! route replaces with the build's id: the hash cargo-leptos gave the
//! bundle (`hash.txt` beside the binary). A deploy therefore changes the
//! worker's bytes, the browser installs the new worker, and on activation it
//! drops the old build's caches (old `/pkg` files with them) while keeping
//! downloaded music. Without hashed bundles (a debug build) the id is `dev`.
//! `__CHORUS_PKG__` becomes the list of the bundle's files, which the
//! worker caches so the app starts offline, and `__CHORUS_CHUNKS__` those
//! of them that are lazy parts' chunks (a split build's), which it caches
//! later than the rest, once the page asks (`public/sw.js` says when).
//! Always revalidated, as browsers expect of a worker script.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use axum::response::{IntoResponse, Response};
use http::header::CONTENT_TYPE;
use http::HeaderValue;
use leptos::config::LeptosOptions;
use sha2::{Digest, Sha256};

use crate::http::cache::CachePolicy;
use crate::http::error::ApiError;

/// What the script says where the build's id goes.
const BUILD: &str = "__CHORUS_BUILD__";
/// Where the script's list of bundle files (a JS array) goes.
const PKG: &str = "__CHORUS_PKG__";
/// Where the script's list of the lazy parts' chunks (a JS array) goes.
const CHUNKS: &str = "__CHORUS_CHUNKS__";
/// How a split build's manifest is named (then `.<hash>.json`): for each
/// lazy function, the WASM chunks it loads (names without `.wasm`).
const SPLIT_MANIFEST: &str = "__wasm_split_manifest";

/// The worker script of this build, ready to serve.
#[derive(Debug, Clone)]
pub struct ServiceWorker {
    script: PathBuf,
    build: String,
    /// The bundle's paths.
    pkg: BundlePaths,
}

impl ServiceWorker {
    /// The site's `sw.js` and the id of the bundle it was built with.
    pub fn of(options: &LeptosOptions) -> Self {
        let hashes = app::bundle::hashes(options);
        let site = Path::new(&*options.site_root);
        let pkg_dir = &*options.site_pkg_dir;
        Self {
            script: site.join("sw.js"),
            build: hashes.map_or_else(|| "dev".to_owned(), |text| build_id(text.as_bytes())),
            pkg: bundle_paths(&site.join(pkg_dir), pkg_dir, hashes),
        }
    }

    /// The script with the build's id and bundle in place of the
    /// placeholders.
    pub fn render(&self, template: &str) -> String {
        template
            .replace(BUILD, &self.build)
            .replace(PKG, &self.pkg.all)
            .replace(CHUNKS, &self.pkg.chunks)
    }
}

/// The files of a build's bundle, each list a JSON array of paths.
#[derive(Debug, Clone)]
struct BundlePaths {
    /// Every file a page may load.
    all: String,
    /// Those of them that are a split build's chunks, loaded on demand.
    chunks: String,
}

/// The files of the bundle a page loads, as JSON arrays of paths: with
/// hashed names (`hashes`, cargo-leptos's `hash.txt`: `js: …`, `wasm: …`,
/// `css: …`, and with a split build `manifest: …`, `split: …`) only this
/// build's, never an older build's left beside them; never the
/// precompressed copies or type declarations. A split build's WASM chunks
/// (the lazy routes' code, each with a hash of its own) are those its
/// manifest (`__wasm_split_manifest.<hash>.json`) names; they are also
/// listed on their own. `[]` when there is no built site.
fn bundle_paths(dir: &Path, pkg_dir: &str, hashes: Option<&str>) -> BundlePaths {
    let hashes: Vec<&str> = hashes
        .into_iter()
        .flat_map(str::lines)
        .filter_map(|line| line.split_once(':'))
        .map(|(_, hash)| hash.trim())
        .filter(|hash| !hash.is_empty())
        .collect();
    let names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| ![".br", ".gz", ".ts"].iter().any(|ext| name.ends_with(ext)))
        .collect();
    let this_build: Vec<&String> = names
        .iter()
        .filter(|name| hashes.is_empty() || hashes.iter().any(|hash| name.contains(hash)))
        .collect();
    let chunks: Vec<String> = this_build
        .iter()
        .filter(|name| name.starts_with(SPLIT_MANIFEST) && name.ends_with(".json"))
        .filter_map(|name| std::fs::read_to_string(dir.join(name)).ok())
        .filter_map(|text| serde_json::from_str::<HashMap<String, Vec<String>>>(&text).ok())
        .flat_map(|manifest| manifest.into_values().flatten())
        .map(|stem| format!("{stem}.wasm"))
        .filter(|chunk| names.contains(chunk))
        .collect();
    let paths = |names: Vec<&String>| {
        let mut paths: Vec<String> = names
            .into_iter()
            .map(|name| format!("/{pkg_dir}/{name}"))
            .collect();
        paths.sort();
        paths.dedup();
        serde_json::to_string(&paths).unwrap_or_else(|_| "[]".to_owned())
    };
    BundlePaths {
        all: paths(this_build.into_iter().chain(&chunks).collect()),
        chunks: paths(chunks.iter().collect()),
    }
}

/// A short, stable id of the bundle's hashes: the same on every instance
/// running this build.
fn build_id(hashes: &[u8]) -> String {
    let digest = Sha256::digest(hashes);
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// The service worker (`text/javascript`, always revalidated).
pub async fn script(worker: ServiceWorker) -> Result<Response, ApiError> {
    let template = tokio::fs::read_to_string(&worker.script)
        .await
        .map_err(|_| ApiError::NotFound)?;
    let mut response = worker.render(&template).into_response();
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/javascript; charset=utf-8"),
    );
    CachePolicy::Revalidate.apply(headers);
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_build_id_replaces_every_placeholder_and_follows_the_hashes() {
        let worker = ServiceWorker {
            script: PathBuf::new(),
            build: build_id(b"js: 1\nwasm: 2\n"),
            pkg: BundlePaths {
                all: r#"["/pkg/a.wasm","/pkg/c.wasm"]"#.into(),
                chunks: r#"["/pkg/c.wasm"]"#.into(),
            },
        };
        let rendered = worker.render(
            "const A = 'a-__CHORUS_BUILD__'; const B = '__CHORUS_BUILD__';\n\
             const PKG = __CHORUS_PKG__;\nconst CHUNKS = __CHORUS_CHUNKS__;",
        );
        assert!(!rendered.contains(BUILD));
        assert!(rendered.contains(r#"const PKG = ["/pkg/a.wasm","/pkg/c.wasm"];"#));
        assert!(rendered.contains(r#"const CHUNKS = ["/pkg/c.wasm"];"#));
        assert_eq!(worker.build.len(), 16);
        assert!(rendered.contains(&format!("'a-{}'", worker.build)));
        assert_ne!(build_id(b"js: 1\nwasm: 2\n"), build_id(b"js: 1\nwasm: 3\n"));
    }

    #[test]
    fn the_bundle_list_names_this_builds_files_once_without_compressed_copies() {
        let dir = std::env::temp_dir().join(format!("chorus-sw-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for name in [
            "chorus.abc.wasm",
            "chorus.abc.wasm.br",
            "chorus.abc.js",
            "chorus.abc.js.gz",
            "chorus.d.xyz.ts",
            "chorus.old.js",
        ] {
            std::fs::write(dir.join(name), b"x").unwrap();
        }
        let this_build = bundle_paths(&dir, "pkg", Some("js: abc\nwasm: abc\n"));
        let unhashed = bundle_paths(&dir, "pkg", None);
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(
            this_build.all,
            r#"["/pkg/chorus.abc.js","/pkg/chorus.abc.wasm"]"#
        );
        assert_eq!(this_build.chunks, "[]");
        assert_eq!(
            unhashed.all,
            r#"["/pkg/chorus.abc.js","/pkg/chorus.abc.wasm","/pkg/chorus.old.js"]"#
        );
        let nothing = bundle_paths(Path::new("/nonexistent-chorus"), "pkg", None);
        assert_eq!(
            (nothing.all.as_str(), nothing.chunks.as_str()),
            ("[]", "[]")
        );
    }

    #[test]
    fn a_split_build_lists_the_chunks_its_manifest_names_and_not_older_ones() {
        let dir = std::env::temp_dir().join(format!("chorus-sw-split-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for name in [
            "chorus.abc.wasm",
            "chorus.abc.js",
            "__wasm_split.S7x.js",
            "split_login_1.h1.wasm",
            "split_login_1.h1.wasm.br",
            "chunk_2.h2.wasm",
            "split_login_1.old.wasm",
            "__wasm_split_manifest.old.json",
        ] {
            std::fs::write(dir.join(name), b"x").unwrap();
        }
        std::fs::write(
            dir.join("__wasm_split_manifest.M4q.json"),
            r#"{"login_1":["chunk_2.h2","split_login_1.h1"],"gone":["split_gone.h9"]}"#,
        )
        .unwrap();
        let listed = bundle_paths(
            &dir,
            "pkg",
            Some("js: abc\nwasm: abc\ncss: abc\nmanifest: M4q\nsplit: S7x\n"),
        );
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(
            listed.all,
            r#"["/pkg/__wasm_split.S7x.js","/pkg/__wasm_split_manifest.M4q.json","/pkg/chorus.abc.js","/pkg/chorus.abc.wasm","/pkg/chunk_2.h2.wasm","/pkg/split_login_1.h1.wasm"]"#
        );
        assert_eq!(
            listed.chunks,
            r#"["/pkg/chunk_2.h2.wasm","/pkg/split_login_1.h1.wasm"]"#
        );
    }
}

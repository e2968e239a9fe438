//! The browser bundle as the server names it: cargo-leptos's `hash.txt`
//! (beside the binary when file names are hashed) and the one script that
//! starts the app, [`HydrationScript`]. Use it in the document's head; the
//! service worker's route reads the same hashes ([`hashes`]).
//!
//! Leptos's own `HydrationScripts` also puts `modulepreload` and `preload`
//! hints for the JS and the WASM in the head. Those fetch the ~380 KB
//! module from the first bytes of HTML, alongside the stylesheet and the
//! hero cover: on a phone's network the page's largest paint waited for it
//! (Lighthouse, mobile: LCP 3.3 s with the hints, 0.9–1.3 s without;
//! `docs/benchmarks.md`). The script starts the app once the page has
//! loaded (its eager images, the largest paint among them) and its
//! priority cover is on screen: the covers in view get the network first,
//! and the app hydrates right after them.
//! A lazy route's chunk is loaded by the browser entry before it hydrates
//! (`preload_lazy_route`), so those pages need no hint either.

use std::sync::OnceLock;

use leptos::prelude::*;

/// cargo-leptos's `hash.txt` of this build (`js: …`, `wasm: …`, `css: …`,
/// …), read once; `None` without hashed file names (a debug build).
pub fn hashes(options: &LeptosOptions) -> Option<&'static str> {
    static HASHES: OnceLock<Option<String>> = OnceLock::new();
    HASHES
        .get_or_init(|| {
            if !options.hash_files {
                return None;
            }
            let exe = std::env::current_exe().ok()?;
            let path = exe.parent()?.join(&*options.hash_file);
            match std::fs::read_to_string(&path) {
                Ok(text) => Some(text),
                Err(e) => {
                    tracing::error!(path = %path.display(), error = %e, "no hash file: the bundle's names are unhashed");
                    None
                }
            }
        })
        .as_deref()
}

/// The file names (without extension) of the JS and WASM the page loads.
fn entry_names(output_name: &str, hashes: Option<&str>) -> (String, String) {
    let hash_of = |file: &str| {
        hashes?.lines().find_map(|line| {
            let (name, hash) = line.split_once(':')?;
            (name.trim() == file).then(|| hash.trim().to_owned())
        })
    };
    let named = |file: &str, plain: String| match hash_of(file) {
        Some(hash) => format!("{output_name}.{hash}"),
        None => plain,
    };
    // wasm-bindgen names the module `<name>_bg.wasm`; cargo-leptos renames
    // it, and says so by setting `LEPTOS_OUTPUT_NAME` for the build.
    let plain_wasm = match option_env!("LEPTOS_OUTPUT_NAME") {
        Some(_) => output_name.to_owned(),
        None => format!("{output_name}_bg"),
    };
    (
        named("js", output_name.to_owned()),
        named("wasm", plain_wasm),
    )
}

/// Loads the JS glue, instantiates the WASM and calls the entry's
/// `hydrate`: the whole of what starts Chorus in the browser.
#[component]
pub fn HydrationScript(options: LeptosOptions) -> impl IntoView {
    let (js, wasm) = entry_names(&options.output_name, hashes(&options));
    let pkg = &options.site_pkg_dir;
    // After the page's load event, once every image in view is on screen:
    // the covers in view have the network to themselves, and the WASM is
    // never on the largest paint's path. The app waits until each image in
    // view has loaded and decoded (`decode()`), then for two frames, at
    // most a second in all. Waiting for the first priority cover's paint
    // was not enough: on the home page a lazy cover in view, a few pixels
    // larger once clipped, painted a frame later and became the largest
    // paint after the WASM had been asked for (Lighthouse: LCP 3.46 s).
    let script = format!(
        "const boot = () => import('/{pkg}/{js}.js').then(async (entry) => {{ \
         await entry.default({{ module_or_path: '/{pkg}/{wasm}.wasm' }}); entry.hydrate(); }});\
         const start = () => {{ \
         let booted = false; const go = () => {{ if (!booted) {{ booted = true; boot(); }} }};\
         const inView = [...document.images].filter((img) => {{ const box = img.getBoundingClientRect(); \
         return box.width > 0 && box.bottom > 0 && box.top < innerHeight; }});\
         Promise.all(inView.map((img) => img.decode().catch(() => {{}}))).then(() => \
         requestAnimationFrame(() => requestAnimationFrame(go)));\
         setTimeout(go, 1000); }};\
         document.readyState === 'complete' ? start() : addEventListener('load', start);"
    );
    view! { <script type="module">{script}</script> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_come_from_the_hash_file() {
        let hashes = "js: AbC\nwasm: x-Y_z\ncss: q\n";
        assert_eq!(
            entry_names("chorus", Some(hashes)),
            ("chorus.AbC".to_owned(), "chorus.x-Y_z".to_owned())
        );
    }

    #[test]
    fn without_hashes_the_names_are_plain() {
        let (js, wasm) = entry_names("chorus", None);
        assert_eq!(js, "chorus");
        assert!(wasm == "chorus" || wasm == "chorus_bg", "{wasm}");
    }
}

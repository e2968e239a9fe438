//! The browser's `localStorage`, where the player, the outbox, downloads
//! and the last known account keep what must outlive the page (browser
//! only). `None` where the browser keeps none (e.g. storage disabled).

pub(crate) fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

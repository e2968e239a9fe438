//! The album page's *Download* action: downloads the album to this device
//! with its progress, then offers to remove it; a line under it tells the
//! storage Chorus uses. Accessible names: "Download album", "Remove
//! download"; the progress bar is "Download progress"; the line under them
//! says "Downloaded: plays offline." once the album is on the device.

use chorus_domain::AlbumDetail;
use leptos::prelude::*;

use super::{format_bytes, Downloads};

#[component]
pub fn DownloadButton(detail: AlbumDetail) -> impl IntoView {
    let downloads = Downloads::get();
    let album = detail.album.id;
    let detail = StoredValue::new(detail);
    let downloaded = move || downloads.is_downloaded(album);
    let progress = move || downloads.progress.get().filter(|p| p.album == album);
    let status = move || {
        if let Some(p) = progress() {
            return format!(
                "Downloading {} of {} files · {}",
                p.files_done,
                p.files,
                format_bytes(p.bytes)
            );
        }
        let usage = downloads.usage.get().map(|u| u.describe());
        match (downloaded(), usage) {
            (true, Some(usage)) => format!("Downloaded: plays offline. {usage}"),
            (true, None) => "Downloaded: plays offline.".to_owned(),
            (false, usage) => usage.unwrap_or_default(),
        }
    };
    view! {
        <div class="download">
            {move || if downloaded() {
                view! {
                    <button type="button" class="button" on:click=move |_| downloads.remove(album)>
                        "Remove download"
                    </button>
                }.into_any()
            } else {
                view! {
                    <button type="button" class="button" aria-label="Download album"
                        disabled=move || downloads.progress.with(Option::is_some)
                        on:click=move |_| downloads.download(detail.get_value())>
                        "Download"
                    </button>
                }.into_any()
            }}
            {move || progress().map(|p| view! {
                <progress aria-label="Download progress" max=p.files value=p.files_done></progress>
            })}
        </div>
        <p class="download-status" aria-live="polite">{status}</p>
        {move || downloads.error.get().map(|e| view! {
            <p class="form-error" role="alert">{format!("Download failed: {e}")}</p>
        })}
    }
}

//! `/downloads`: the albums kept on this device, to play (with or without a
//! network) and remove, and the storage they take. The server renders the
//! same frame for everyone (the service worker keeps it for offline
//! starts); the list comes from this device after hydration.

use chorus_domain::AlbumDetail;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::{lazy_route, LazyRoute};

use crate::components::cover::Cover;
use crate::components::icon::{Icon, IconKind};
use crate::downloads::Downloads;
use crate::player::Player;

/// The `/downloads` route, loaded on demand: with `cargo leptos build --split`
/// its code is a WASM chunk of its own, fetched when the route is first
/// shown (the server renders it like any page; opened on it, the browser
/// entry loads the chunk before hydrating: `crate::preload_lazy_route`).
pub struct DownloadsRoute;

#[lazy_route]
impl LazyRoute for DownloadsRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <DownloadsPage/> }.into_any()
    }
}

#[component]
pub fn DownloadsPage() -> impl IntoView {
    let downloads = Downloads::get();
    let usage = move || downloads.usage.get().map(|u| u.describe());
    view! {
        <Title text="Downloads"/>
        <Meta name="robots" content="noindex"/>
        <h1 class="page-title">"Downloads"</h1>
        <p class="download-status" aria-live="polite">{usage}</p>
        {move || downloads.error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
        {move || match (downloads.loaded.get(), downloads.albums.with(Vec::is_empty)) {
            (false, _) => view! { <p class="loading">"Loading…"</p> }.into_any(),
            (true, true) => view! {
                <p class="empty">"Nothing downloaded yet. Open an album and choose Download to keep it on this device and play it offline."</p>
            }.into_any(),
            (true, false) => view! {
                <ul class="downloads" aria-label="Downloaded albums">
                    <For each=move || downloads.albums.get() key=|d| d.album.id let:detail>
                        <DownloadedAlbum detail/>
                    </For>
                </ul>
            }.into_any(),
        }}
        <noscript><p class="form-error">"Downloads need JavaScript."</p></noscript>
    }
}

#[component]
fn DownloadedAlbum(detail: AlbumDetail) -> impl IntoView {
    let player = Player::get();
    let downloads = Downloads::get();
    let album = detail.album.clone();
    let tracks = StoredValue::new(detail.tracks);
    let count = super::tracks_label(album.track_count);
    view! {
        <li class="download-row">
            <Cover url=album.cover_url.clone() alt=format!("Cover of {}", album.title) size=64 sizes="64px"/>
            <div class="download-text">
                <a href=format!("/albums/{}", album.id)>{album.title.clone()}</a>
                <span class="muted">{format!("{} · {count}", album.artist.name)}</span>
            </div>
            <button type="button" class="ctl" aria-label=format!("Play {}", album.title)
                on:click=move |_| player.play_list(tracks.get_value(), 0)>
                <Icon kind=IconKind::Play/>
            </button>
            <button type="button" class="ctl" aria-label=format!("Remove {}", album.title)
                on:click=move |_| downloads.remove(album.id)>
                <Icon kind=IconKind::Remove/>
            </button>
        </li>
    }
}

//! An album in a grid: cover, title, artist, year.

use chorus_domain::AlbumSummary;
use leptos::prelude::*;

use crate::components::cover::Cover;

#[component]
pub fn AlbumCard(album: AlbumSummary) -> impl IntoView {
    let href = format!("/albums/{}", album.id);
    view! {
        <li class="card">
            <a class="card-link" href=href.clone() aria-label=format!("{} by {}", album.title, album.artist.name)>
                <Cover url=album.cover_url.clone() alt=format!("Cover of {}", album.title)/>
            </a>
            <a class="card-title" href=href>{album.title.clone()}</a>
            <span class="card-sub muted">
                <a href=format!("/artists/{}", album.artist.id)>{album.artist.name.clone()}</a>
                {album.year.map(|y| format!(" · {y}"))}
            </span>
        </li>
    }
}

/// A grid of album cards.
#[component]
pub fn AlbumGrid(albums: Vec<AlbumSummary>) -> impl IntoView {
    view! {
        <ul class="card-grid">
            {albums.into_iter().map(|album| view! { <AlbumCard album/> }).collect_view()}
        </ul>
    }
}

//! An album in a grid: cover, title, artist, year.

use chorus_domain::AlbumSummary;
use leptos::prelude::*;

use crate::components::cover::Cover;

#[component]
pub fn AlbumCard(
    album: AlbumSummary,
    /// The cover is among the largest of the page, in view on arrival:
    /// fetched first, not lazily.
    #[prop(optional)]
    priority: bool,
) -> impl IntoView {
    let href = format!("/albums/{}", album.id);
    view! {
        <li class="card">
            <a class="card-link" href=href.clone() aria-label=format!("{} by {}", album.title, album.artist.name)>
                <Cover url=album.cover_url.clone() alt=format!("Cover of {}", album.title) priority/>
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
pub fn AlbumGrid(
    albums: Vec<AlbumSummary>,
    /// How many cards lead the page: their covers, the page's largest
    /// paint on a phone, are fetched first; the rest load lazily.
    #[prop(optional)]
    leading: usize,
) -> impl IntoView {
    view! {
        <ul class="card-grid">
            {albums
                .into_iter()
                .enumerate()
                .map(|(i, album)| view! { <AlbumCard album priority=i < leading/> })
                .collect_view()}
        </ul>
    }
}

//! An artist in a grid: picture, name, counts.

use chorus_domain::ArtistSummary;
use leptos::prelude::*;

use crate::components::cover::Cover;

#[component]
pub fn ArtistGrid(artists: Vec<ArtistSummary>) -> impl IntoView {
    view! {
        <ul class="card-grid artists">
            {artists.into_iter().map(|artist| {
                let href = format!("/artists/{}", artist.id);
                let albums = if artist.album_count == 1 { "1 album".to_owned() } else { format!("{} albums", artist.album_count) };
                view! {
                    <li class="card artist-card">
                        <a class="card-link" href=href.clone() aria-label=artist.name.clone()>
                            <Cover url=artist.image_url.clone() alt=format!("Picture of {}", artist.name)/>
                        </a>
                        <a class="card-title" href=href>{artist.name.clone()}</a>
                        <span class="card-sub muted">{albums}</span>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

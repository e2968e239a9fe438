//! `/`: new albums, fresh tracks, artists; after hydration, for a
//! signed-in listener, "Recommended for you" above them (the server renders
//! the same page for everyone: it is cached).

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use chorus_domain::SurrogateKey;

use crate::api::{load_home, HomeData};
use crate::components::album_card::AlbumGrid;
use crate::components::artist_card::ArtistGrid;
use crate::components::page_state::{ErrorView, Loading};
use crate::components::track_list::TrackList;
use crate::discover::recommended::RecommendedForYou;

#[component]
pub fn HomePage() -> impl IntoView {
    let home = Resource::new(|| (), |_| load_home());
    view! {
        <Title text="Listen with your friends"/>
        <Meta name="description" content="Chorus: play music and see, live, what your friends play and like."/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match home.await {
                    Ok(data) => {
                        crate::cdn::shows(home_keys(&data));
                        view! {
                        <h1 class="page-title">"Listen now"</h1>
                        <RecommendedForYou/>
                        <section class="section">
                            <h2 class="section-title">"New albums"</h2>
                            // The first row on a phone (two cards) is in
                            // view on arrival.
                            <AlbumGrid albums=data.albums leading=2/>
                        </section>
                        <section class="section">
                            <h2 class="section-title">"Fresh tracks"</h2>
                            <TrackList tracks=data.tracks show_album=true/>
                        </section>
                        <section class="section">
                            <h2 class="section-title">"Artists"</h2>
                            <ArtistGrid artists=data.artists/>
                        </section>
                    }.into_any()
                    }
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The home page and the albums and artists it shows (each track shown is
/// on an album).
fn home_keys(data: &HomeData) -> Vec<SurrogateKey> {
    std::iter::once(SurrogateKey::home())
        .chain(data.albums.iter().map(|a| SurrogateKey::album(a.id)))
        .chain(data.artists.iter().map(|a| SurrogateKey::artist(a.id)))
        .chain(data.tracks.iter().map(|t| SurrogateKey::album(t.album.id)))
        .collect()
}

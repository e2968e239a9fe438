//! `/artists/{id}`: picture, albums, all tracks.

use chorus_domain::{ArtistDetail, ArtistId, SurrogateKey};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use super::id_param;
use crate::api::load_artist;
use crate::components::album_card::AlbumGrid;
use crate::components::cover::{Cover, HERO_SIZES};
use crate::components::icon::{Icon, IconKind};
use crate::components::page_state::{ErrorView, Loading};
use crate::components::share_button::ShareButton;
use crate::components::track_list::TrackList;
use crate::error::AppError;
use crate::player::Player;
use crate::preview::{Preview, Subject};
use crate::social::likes::{LikeButton, Likeable};

#[component]
pub fn ArtistPage() -> impl IntoView {
    let id = id_param::<ArtistId>();
    let artist = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => load_artist(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match artist.await {
                    Ok(detail) => view! { <ArtistView detail/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ArtistView(detail: ArtistDetail) -> impl IntoView {
    let player = Player::get();
    let artist = detail.artist.clone();
    crate::cdn::shows(
        std::iter::once(SurrogateKey::artist(artist.id))
            .chain(detail.albums.iter().map(|a| SurrogateKey::album(a.id)))
            .chain(
                detail
                    .tracks
                    .iter()
                    .map(|t| SurrogateKey::album(t.album.id)),
            ),
    );
    let summary = format!(
        "{} albums · {} tracks",
        artist.album_count, artist.track_count
    );
    let description = format!("{}: {summary}. Listen on Chorus.", artist.name);
    let tracks = StoredValue::new(detail.tracks.clone());
    crate::preview::describe(|| Preview {
        subject: Subject::Artist(detail.clone()),
        title: artist.name.clone(),
        description: description.clone(),
    });
    view! {
        <Title text=artist.name.clone()/>
        <Meta name="description" content=description/>
        <header class="hero artist-hero">
            <Cover url=artist.image_url.clone() alt=format!("Picture of {}", artist.name)
                size=512 priority=true sizes=HERO_SIZES/>
            <div class="hero-text">
                <p class="kicker">"Artist"</p>
                <h1 class="page-title">{artist.name.clone()}</h1>
                <p class="credits">{summary}</p>
                <div class="hero-actions">
                    <button type="button" class="button primary" aria-label="Play all"
                        on:click=move |_| player.play_list(tracks.get_value(), 0)>
                        <Icon kind=IconKind::Play/> "Play all"
                    </button>
                    <LikeButton what=Likeable::Artist(artist.id) name=artist.name.clone()/>
                    <ShareButton/>
                </div>
            </div>
        </header>
        <section class="section">
            <h2 class="section-title">"Albums"</h2>
            <AlbumGrid albums=detail.albums/>
        </section>
        <section class="section">
            <h2 class="section-title">"Tracks"</h2>
            <TrackList tracks=detail.tracks show_album=true/>
        </section>
    }
}

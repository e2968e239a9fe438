//! `/tracks/{id}`: the track, its credits, and the rest of its album.

use chorus_domain::{format_duration, Sent, SurrogateKey, TrackId};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use super::id_param;
use crate::api::{load_track, TrackData};
use crate::components::cover::{Cover, HERO_SIZES};
use crate::components::icon::{Icon, IconKind};
use crate::components::page_state::{ErrorView, Loading};
use crate::components::share_button::ShareButton;
use crate::components::track_list::TrackList;
use crate::error::AppError;
use crate::notifications::send_link::SendLink;
use crate::player::Player;
use crate::preview::{Preview, Subject};
use crate::social::likes::{LikeButton, Likeable};

#[component]
pub fn TrackPage() -> impl IntoView {
    let id = id_param::<TrackId>();
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => load_track(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <TrackView data/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn TrackView(data: TrackData) -> impl IntoView {
    let player = Player::get();
    let TrackData { track, album } = data;
    crate::cdn::shows([
        SurrogateKey::track(track.id),
        SurrogateKey::album(track.album.id),
        SurrogateKey::artist(track.artist.id),
    ]);
    let description = format!(
        "{} by {}, from the album {} ({}). Listen on Chorus.",
        track.title,
        track.artist.name,
        track.album.title,
        format_duration(track.duration_ms)
    );
    let album_tracks = StoredValue::new(album.tracks.clone());
    let start = album
        .tracks
        .iter()
        .position(|t| t.id == track.id)
        .unwrap_or(0);
    let queued = track.clone();
    let title = format!("{} by {}", track.title, track.artist.name);
    crate::preview::describe(|| Preview {
        subject: Subject::Track(track.clone()),
        title: title.clone(),
        description: description.clone(),
    });
    view! {
        <Title text=title/>
        <Meta name="description" content=description/>
        <header class="hero">
            <Cover url=track.cover_url.clone() alt=format!("Cover of {}", track.album.title)
                size=512 priority=true sizes=HERO_SIZES/>
            <div class="hero-text">
                <p class="kicker">"Track"</p>
                <h1 class="page-title">{track.title.clone()}</h1>
                <p class="credits">
                    <a href=format!("/artists/{}", track.artist.id)>{track.artist.name.clone()}</a>
                    " · "
                    <a href=format!("/albums/{}", track.album.id)>{track.album.title.clone()}</a>
                    " · " {format_duration(track.duration_ms)}
                    {track.genre.clone().map(|g| format!(" · {g}"))}
                </p>
                <div class="hero-actions">
                    <button type="button" class="button primary" aria-label=format!("Play {}", track.title)
                        on:click=move |_| player.play_list(album_tracks.get_value(), start)>
                        <Icon kind=IconKind::Play/> "Play"
                    </button>
                    <button type="button" class="button" aria-label=format!("Add {} to queue", track.title)
                        on:click=move |_| player.add_last(queued.clone())>
                        <Icon kind=IconKind::AddToQueue/> "Add to queue"
                    </button>
                    <LikeButton what=Likeable::Track(track.id) name=track.title.clone()/>
                    <SendLink sent=Sent::Track(track.id) title=track.title.clone()/>
                    <ShareButton/>
                </div>
            </div>
        </header>
        <section class="section">
            <h2 class="section-title">{format!("More from {}", album.album.title)}</h2>
            <TrackList tracks=album.tracks album_numbers=true/>
        </section>
    }
}

//! `/albums/{id}`: cover, credits, total time, play/shuffle, track list.

use chorus_domain::{format_duration, AlbumDetail, AlbumId, Sent, SurrogateKey};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use super::id_param;
use crate::api::load_album;
use crate::components::cover::{Cover, HERO_SIZES};
use crate::components::icon::{Icon, IconKind};
use crate::components::page_state::{ErrorView, Loading};
use crate::components::share_button::ShareButton;
use crate::components::track_list::TrackList;
use crate::downloads::button::DownloadButton;
use crate::error::AppError;
use crate::notifications::send_link::SendLink;
use crate::player::Player;
use crate::playlists::add_link::AddToPlaylistLink;
use crate::preview::{Preview, Subject};
use crate::social::likes::{LikeButton, Likeable};

#[component]
pub fn AlbumPage() -> impl IntoView {
    let id = id_param::<AlbumId>();
    let album = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => load_album(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match album.await {
                    Ok(detail) => view! { <AlbumView detail/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AlbumView(detail: AlbumDetail) -> impl IntoView {
    let player = Player::get();
    let total = format_duration(detail.total_duration_ms());
    let album = detail.album.clone();
    crate::cdn::shows([
        SurrogateKey::album(album.id),
        SurrogateKey::artist(album.artist.id),
    ]);
    let count = super::tracks_label(album.track_count);
    let description = format!(
        "{} by {}{} — {count}, {total}. Listen on Chorus.",
        album.title,
        album.artist.name,
        album.year.map(|y| format!(" ({y})")).unwrap_or_default()
    );
    let tracks = StoredValue::new(detail.tracks.clone());
    let for_download = detail.clone();
    let track_ids: Vec<_> = detail.tracks.iter().map(|t| t.id).collect();
    let title = format!("{} by {}", album.title, album.artist.name);
    crate::preview::describe(|| Preview {
        subject: Subject::Album(detail.clone()),
        title: title.clone(),
        description: description.clone(),
    });
    view! {
        <Title text=title/>
        <Meta name="description" content=description/>
        <header class="hero">
            <Cover url=album.cover_url.clone() alt=format!("Cover of {}", album.title)
                size=512 priority=true sizes=HERO_SIZES/>
            <div class="hero-text">
                <p class="kicker">"Album"</p>
                <h1 class="page-title">{album.title.clone()}</h1>
                <p class="credits">
                    <a href=format!("/artists/{}", album.artist.id)>{album.artist.name.clone()}</a>
                    {album.year.map(|y| format!(" · {y}"))}
                    {album.genre.clone().map(|g| format!(" · {g}"))}
                    " · " {count} " · " <span data-testid="album-duration">{total}</span>
                </p>
                <div class="hero-actions">
                    <button type="button" class="button primary" aria-label="Play album"
                        on:click=move |_| player.play_list(tracks.get_value(), 0)>
                        <Icon kind=IconKind::Play/> "Play"
                    </button>
                    <button type="button" class="button" aria-label="Shuffle album"
                        on:click=move |_| player.shuffle_list(tracks.get_value())>
                        <Icon kind=IconKind::Shuffle/> "Shuffle"
                    </button>
                    <AddToPlaylistLink tracks=track_ids label="Add album to a playlist".to_owned() class="button"/>
                    <LikeButton what=Likeable::Album(album.id) name=album.title.clone()/>
                    <SendLink sent=Sent::Album(album.id) title=album.title.clone()/>
                    <DownloadButton detail=for_download/>
                    <ShareButton/>
                </div>
            </div>
        </header>
        <TrackList tracks=detail.tracks album_numbers=true/>
    }
}

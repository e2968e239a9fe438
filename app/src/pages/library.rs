//! `/library`: the signed-in listener's own music in one place: *Liked
//! songs* (an automatic playlist of every track they like, to play or
//! shuffle), their playlists, liked albums and artists, and the albums
//! downloaded on this device. Personal, so it loads after hydration.

use chorus_domain::{format_duration, Library};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::{lazy_route, LazyRoute};

use crate::components::album_card::AlbumGrid;
use crate::components::artist_card::ArtistGrid;
use crate::components::icon::{Icon, IconKind};
use crate::components::track_list::TrackList;
use crate::downloads::Downloads;
use crate::pages::{tracks_label, SignedIn};
use crate::player::Player;
use crate::social::likes::Likes;

/// The `/library` route, loaded on demand.
pub struct LibraryRoute;

#[lazy_route]
impl LazyRoute for LibraryRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <LibraryPage/> }.into_any()
    }
}

#[component]
fn LibraryPage() -> impl IntoView {
    view! {
        <Title text="Your library"/>
        <Meta name="robots" content="noindex"/>
        <h1 class="page-title">"Your library"</h1>
        <SignedIn what="see your library">
            <Shelves/>
        </SignedIn>
    }
}

#[component]
fn Shelves() -> impl IntoView {
    let library = RwSignal::new(None::<Library>);
    let error = RwSignal::new(None::<String>);
    // Read again when a like changes (here, or from another page).
    let likes = Likes::get();
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        likes.track();
        leptos::task::spawn_local(async move {
            match crate::social::client::library().await {
                Ok(got) => library.set(Some(got)),
                Err(e) => error.set(Some(e)),
            }
        });
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = likes;
    view! {
        {move || error.get().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
        {move || library.get().map(|l| view! {
            <LikedSongs library=l.clone()/>
            <section class="section">
                <h2 class="section-title">"Playlists"</h2>
                {if l.playlists.is_empty() {
                    view! { <p class="muted">"No playlists yet. " <a href="/playlists">"Make one"</a></p> }.into_any()
                } else {
                    let rows = l.playlists.into_iter().map(|p| view! {
                        <li class="playlist-row">
                            <a href=format!("/playlists/{}", p.id)>{p.name.as_str().to_owned()}</a>
                            <span class="muted">{tracks_label(p.track_count)}</span>
                        </li>
                    }).collect_view();
                    view! { <ul class="playlists" aria-label="Your playlists">{rows}</ul> }.into_any()
                }}
            </section>
            <section class="section">
                <h2 class="section-title">"Albums"</h2>
                {if l.liked_albums.is_empty() {
                    view! { <p class="muted">"Albums you like show here: like one from its page."</p> }.into_any()
                } else {
                    view! { <AlbumGrid albums=l.liked_albums/> }.into_any()
                }}
            </section>
            <section class="section">
                <h2 class="section-title">"Artists"</h2>
                {if l.liked_artists.is_empty() {
                    view! { <p class="muted">"Artists you like show here."</p> }.into_any()
                } else {
                    view! { <ArtistGrid artists=l.liked_artists/> }.into_any()
                }}
            </section>
        })}
        <Downloaded/>
    }
}

/// *Liked songs*: every liked track, newest first, played like a playlist.
#[component]
fn LikedSongs(library: Library) -> impl IntoView {
    let player = Player::get();
    let songs = library.liked_songs;
    let total: u64 = songs.iter().map(|t| t.duration_ms).sum();
    let count = u32::try_from(songs.len()).unwrap_or(u32::MAX);
    let empty = songs.is_empty();
    let tracks = StoredValue::new(songs.clone());
    view! {
        <section class="section" aria-labelledby="liked-songs">
            <h2 class="section-title" id="liked-songs">"Liked songs"</h2>
            <p class="muted">{tracks_label(count)} " · " {format_duration(total)}</p>
            {if empty {
                view! { <p class="muted">"Tracks you like gather here, newest first."</p> }.into_any()
            } else {
                view! {
                    <div class="hero-actions">
                        <button type="button" class="button primary" aria-label="Play liked songs"
                            on:click=move |_| player.play_list(tracks.get_value(), 0)>
                            <Icon kind=IconKind::Play/> "Play"
                        </button>
                        <button type="button" class="button" aria-label="Shuffle liked songs"
                            on:click=move |_| player.shuffle_list(tracks.get_value())>
                            <Icon kind=IconKind::Shuffle/> "Shuffle"
                        </button>
                    </div>
                    <TrackList tracks=songs show_album=true/>
                }.into_any()
            }}
        </section>
    }
}

/// What is downloaded on this device (the Downloads page manages it).
#[component]
fn Downloaded() -> impl IntoView {
    let downloads = Downloads::get();
    view! {
        <section class="section">
            <h2 class="section-title">"Downloads"</h2>
            {move || {
                let albums: Vec<_> = downloads.albums.get().into_iter().map(|d| d.album).collect();
                if albums.is_empty() {
                    view! { <p class="muted">"Nothing downloaded on this device. " <a href="/downloads">"Downloads"</a></p> }.into_any()
                } else {
                    view! { <AlbumGrid albums/> <p><a href="/downloads">"Manage downloads"</a></p> }.into_any()
                }
            }}
        </section>
    }
}

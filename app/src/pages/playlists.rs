//! `/playlists`: your playlists (those you own and those you edit) and a
//! form to start one. With [`add`], the picker that adds tracks to one,
//! and [`detail`], one playlist. All personal: the server renders the same
//! frame for everyone, the lists arrive after hydration; each is a lazy
//! route (a WASM chunk of its own).

mod add;
mod detail;
mod entries;
mod visibility;

pub use add::AddToPlaylistRoute;
pub use detail::PlaylistRoute;

use chorus_domain::{PlaylistSummary, PlaylistVisibility};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::{lazy_route, LazyRoute};

use crate::pages::SignedIn;
use visibility::{visibility_label, VisibilitySelect};

/// The `/playlists` route, loaded on demand (see [`crate::preload_lazy_route`]).
pub struct PlaylistsRoute;

#[lazy_route]
impl LazyRoute for PlaylistsRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <PlaylistsPage/> }.into_any()
    }
}

#[component]
fn PlaylistsPage() -> impl IntoView {
    view! {
        <Title text="Playlists"/>
        <Meta name="robots" content="noindex"/>
        <h1 class="page-title">"Playlists"</h1>
        <SignedIn what="see your playlists">
            <MyPlaylists/>
        </SignedIn>
    }
}

#[component]
fn MyPlaylists() -> impl IntoView {
    let playlists = RwSignal::new(None::<Vec<PlaylistSummary>>);
    let error = RwSignal::new(None::<String>);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        leptos::task::spawn_local(async move {
            match crate::playlists::client::mine().await {
                Ok(list) => playlists.set(Some(list)),
                Err(message) => error.set(Some(message)),
            }
        });
    });
    view! {
        <NewPlaylistForm tracks=Vec::new() error/>
        {move || error.get().map(|message| view! { <p class="form-error" role="alert">{message}</p> })}
        {move || match playlists.get() {
            None => view! { <p class="loading">"Loading…"</p> }.into_any(),
            Some(list) if list.is_empty() => view! {
                <p class="empty">"No playlists yet. Name one above, or add tracks to a new one from any track, album or the queue."</p>
            }
            .into_any(),
            Some(list) => view! { <PlaylistRows list/> }.into_any(),
        }}
    }
}

/// Playlists as links, with their size, who sees them and whose they are.
#[component]
fn PlaylistRows(list: Vec<PlaylistSummary>) -> impl IntoView {
    let rows = list
        .into_iter()
        .map(|p| {
            let about = format!(
                "{} · {} · by {}",
                super::tracks_label(p.track_count),
                visibility_label(p.visibility),
                p.owner.display_name.as_str()
            );
            view! {
                <li class="playlist-row">
                    <a href=format!("/playlists/{}", p.id)>{p.name.as_str().to_owned()}</a>
                    <span class="muted">{about}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="playlists" aria-label="Your playlists">{rows}</ul> }
}

/// Name a new playlist (holding `tracks`, if any) and open it.
#[component]
fn NewPlaylistForm(
    tracks: Vec<chorus_domain::TrackId>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let visibility = RwSignal::new(PlaylistVisibility::default());
    let tracks = StoredValue::new(tracks);
    #[cfg(feature = "hydrate")]
    let navigate = leptos_router::hooks::use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        let body = chorus_domain::api::NewPlaylistBody {
            name: name.get_untracked(),
            description: String::new(),
            visibility: visibility.get_untracked(),
            track_ids: tracks.get_value(),
        };
        #[cfg(feature = "hydrate")]
        let navigate = navigate.clone();
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            match crate::playlists::client::create(body).await {
                Ok(made) => {
                    let href = format!("/playlists/{}", made.playlist.id);
                    navigate(&href, Default::default());
                }
                Err(message) => error.set(Some(message)),
            }
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = body;
    };
    view! {
        <form class="inline-form new-playlist" on:submit=submit>
            <label for="new-playlist-name">"New playlist"</label>
            <input id="new-playlist-name" name="name" autocomplete="off" placeholder="Name" required maxlength="100"
                prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
            <VisibilitySelect id="new-playlist-visibility" value=visibility/>
            <button type="submit" class="button primary">"Create"</button>
        </form>
    }
}

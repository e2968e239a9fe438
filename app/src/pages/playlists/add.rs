//! `/playlists/add?tracks=3,1,4`: the picker every "Add to playlist" link
//! opens. Lists the playlists you may edit; choosing one appends the
//! tracks (in that order) and says so, with a way back; or names a new
//! playlist holding them (saving the queue is this, with the queue's
//! tracks).

use chorus_domain::{PlaylistSummary, TrackId};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;
use leptos_router::{lazy_route, LazyRoute};

use super::NewPlaylistForm;
use crate::pages::SignedIn;

/// The `/playlists/add` route, loaded on demand.
pub struct AddToPlaylistRoute;

#[lazy_route]
impl LazyRoute for AddToPlaylistRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <AddToPlaylistPage/> }.into_any()
    }
}

/// The ids of `tracks=3,1,4`, in order; anything else is left out.
fn track_ids(query: &str) -> Vec<TrackId> {
    query
        .split(',')
        .filter_map(|id| id.trim().parse().ok())
        .collect()
}

#[component]
fn AddToPlaylistPage() -> impl IntoView {
    let query = use_query_map();
    let tracks = Memo::new(move |_| track_ids(&query.read().get("tracks").unwrap_or_default()));
    let heading = move || match tracks.with(Vec::len) {
        1 => "Add a track to a playlist".to_owned(),
        n => format!("Add {n} tracks to a playlist"),
    };
    view! {
        <Title text="Add to playlist"/>
        <Meta name="robots" content="noindex"/>
        <h1 class="page-title">{heading}</h1>
        <SignedIn what="keep tracks in playlists">
            {move || {
                let tracks = tracks.get();
                if tracks.is_empty() {
                    view! { <p class="form-error" role="alert">"No tracks were chosen to add."</p> }.into_any()
                } else {
                    view! { <Picker tracks/> }.into_any()
                }
            }}
        </SignedIn>
    }
}

#[component]
fn Picker(tracks: Vec<TrackId>) -> impl IntoView {
    let playlists = RwSignal::new(None::<Vec<PlaylistSummary>>);
    let error = RwSignal::new(None::<String>);
    // The playlist the tracks went to: (name, link).
    let added = RwSignal::new(None::<(String, String)>);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        leptos::task::spawn_local(async move {
            match crate::playlists::client::mine().await {
                Ok(list) => playlists.set(Some(list)),
                Err(message) => error.set(Some(message)),
            }
        });
    });
    let to_add = StoredValue::new(tracks.clone());
    let add_to = move |playlist: PlaylistSummary| {
        error.set(None);
        // Read now: the task starts later, maybe after the picker is gone.
        let tracks = to_add.get_value();
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            match crate::playlists::client::add(playlist.id, tracks).await {
                Ok(_) => added.set(Some((
                    playlist.name.as_str().to_owned(),
                    format!("/playlists/{}", playlist.id),
                ))),
                Err(message) => error.set(Some(message)),
            }
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = (playlist, tracks, added);
    };
    view! {
        <p class="status" role="status">
            {move || added.get().map(|(name, href)| view! {
                "Added to " <a href=href>{name}</a> ". "
                <button type="button" class="link-button" on:click=|_| go_back()>"Go back"</button>
            })}
        </p>
        {move || error.get().map(|message| view! { <p class="form-error" role="alert">{message}</p> })}
        {move || playlists.get().map(|list| {
            let rows = list
                .into_iter()
                .map(|p| {
                    let label = format!("Add to {}", p.name.as_str());
                    let size = crate::pages::tracks_label(p.track_count);
                    let name = p.name.as_str().to_owned();
                    view! {
                        <li class="playlist-row">
                            <button type="button" class="button small" aria-label=label
                                on:click=move |_| add_to(p.clone())>{name}</button>
                            <span class="muted">{size}</span>
                        </li>
                    }
                })
                .collect_view();
            view! { <ul class="playlists" aria-label="Your playlists">{rows}</ul> }
        })}
        <NewPlaylistForm tracks error/>
    }
}

/// Back to the page the link was on.
fn go_back() {
    #[cfg(feature = "hydrate")]
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.back();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_names_tracks_in_order_and_nothing_else() {
        assert_eq!(track_ids("3,1, 4"), [TrackId(3), TrackId(1), TrackId(4)]);
        assert_eq!(track_ids("3,x,-1,,2"), [TrackId(3), TrackId(2)]);
        assert!(track_ids("").is_empty());
    }
}

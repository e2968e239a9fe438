//! `/search?q=`: what a search finds, in sections "Artists", "Albums",
//! "Tracks", "Listeners" and "Playlists" (public ones; empty sections left out). Complete without
//! JavaScript (the header's search form submits here). Without a query it
//! asks for one; a query the server refuses (too long) shows why, with
//! status 400. Results differ per query and include listeners, so the page
//! is not CDN-cached (it names no surrogate keys).

use chorus_domain::{PublicUser, SearchResults};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;
use leptos_router::{lazy_route, LazyRoute};

use crate::api::load_search;
use crate::components::album_card::AlbumGrid;
use crate::components::artist_card::ArtistGrid;
use crate::components::page_state::{bad_request, ErrorView, Loading};
use crate::components::track_list::TrackList;
use crate::discover::suggestions::Kind;
use crate::error::AppError;

/// The `/search` route, loaded on demand: with `cargo leptos build --split`
/// its code is a WASM chunk of its own, fetched when the route is first
/// shown (the server renders it like any page; opened on it, the browser
/// entry loads the chunk before hydrating: `crate::preload_lazy_route`).
pub struct SearchRoute;

#[lazy_route]
impl LazyRoute for SearchRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <SearchPage/> }.into_any()
    }
}

#[component]
pub fn SearchPage() -> impl IntoView {
    let query = use_query_map();
    let text = Memo::new(move |_| query.with(|q| q.get("q")).unwrap_or_default());
    let results = Resource::new(
        move || text.get(),
        |text| async move {
            if text.trim().is_empty() {
                Ok(None)
            } else {
                load_search(text).await.map(Some)
            }
        },
    );
    view! {
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let asked = text.get_untracked();
                match results.await {
                    Ok(None) => view! {
                        <Title text="Search"/>
                        <h1 class="page-title">"Search"</h1>
                        <p class="muted">"Type something in the search box: an artist, an album, a track or a listener."</p>
                    }
                    .into_any(),
                    Ok(Some(found)) => view! { <Results asked found/> }.into_any(),
                    Err(AppError::Invalid(message)) => {
                        bad_request();
                        view! {
                            <Title text=format!("Search: {}", asked.trim())/>
                            <h1 class="page-title">"Search"</h1>
                            <p class="form-error" role="alert">{message}</p>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Results(asked: String, found: SearchResults) -> impl IntoView {
    let nothing = found.is_empty();
    let SearchResults {
        artists,
        albums,
        tracks,
        users,
        playlists,
    } = found;
    let title = format!("Results for “{}”", asked.trim());
    view! {
        <Title text=format!("Search: {}", asked.trim())/>
        <h1 class="page-title">{title}</h1>
        {nothing.then(|| view! {
            <p class="search-empty" role="status">
                {format!("Nothing found for “{}”. Check the spelling, or try fewer or shorter words.", asked.trim())}
            </p>
        })}
        {(!artists.is_empty()).then(|| view! {
            <ResultSection kind=Kind::Artist><ArtistGrid artists/></ResultSection>
        })}
        {(!albums.is_empty()).then(|| view! {
            <ResultSection kind=Kind::Album><AlbumGrid albums/></ResultSection>
        })}
        {(!tracks.is_empty()).then(|| view! {
            <ResultSection kind=Kind::Track><TrackList tracks show_album=true/></ResultSection>
        })}
        {(!users.is_empty()).then(|| view! {
            <ResultSection kind=Kind::Listener><UserList users/></ResultSection>
        })}
        {(!playlists.is_empty()).then(|| view! {
            <section class="section" aria-labelledby="results-playlists">
                <h2 class="section-title" id="results-playlists">"Playlists"</h2>
                <PlaylistList playlists/>
            </section>
        })}
    }
}

/// Public playlists as links, with whose they are and their size.
#[component]
fn PlaylistList(playlists: Vec<chorus_domain::PlaylistSummary>) -> impl IntoView {
    view! {
        <ul class="playlists">
            {playlists.into_iter().map(|p| view! {
                <li class="playlist-row">
                    <a href=format!("/playlists/{}", p.id)>{p.name.as_str().to_owned()}</a>
                    <span class="muted">
                        {format!("by {} · {}", p.owner.display_name.as_str(), crate::pages::tracks_label(p.track_count))}
                    </span>
                </li>
            }).collect_view()}
        </ul>
    }
}

/// A section titled by its kind ("Artists", ...).
#[component]
fn ResultSection(kind: Kind, children: Children) -> impl IntoView {
    let id = format!("results-{}", kind.slug());
    let labelled_by = id.clone();
    view! {
        <section class="section" aria-labelledby=labelled_by>
            <h2 class="section-title" id=id>{kind.label()}</h2>
            {children()}
        </section>
    }
}

/// Listeners as links to their profiles.
#[component]
fn UserList(users: Vec<PublicUser>) -> impl IntoView {
    view! {
        <ul class="people">
            {users.into_iter().map(|user| {
                let name = user.display_name.as_str().to_owned();
                view! {
                    <li class="person">
                        <a class="who" href=format!("/users/{}", user.username)>
                            <span class="avatar" aria-hidden="true">{name.chars().next().unwrap_or('?').to_string()}</span>
                            <span>{name.clone()}</span>
                            <span class="muted">"@"{user.username.to_string()}</span>
                        </a>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

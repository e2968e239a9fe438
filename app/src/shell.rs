//! The HTML document and the root component: header, routed pages and the
//! player bar (outside the routes, so it survives navigation).

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, Lazy, SsrMode};

use crate::account::{menu::AccountMenu, Account};
use crate::components::friend_activity::FriendActivity;
use crate::components::page_state::NotFound;
use crate::discover::search_box::SearchBox;
use crate::hydration_break::HydrationBreak;
use crate::live::Live;
use crate::pages::{
    album::AlbumPage,
    artist::ArtistPage,
    charts::ChartsRoute,
    downloads::DownloadsRoute,
    feed::FeedRoute,
    friends::FriendsRoute,
    home::HomePage,
    library::LibraryRoute,
    login::LoginRoute,
    notifications::NotificationsRoute,
    playlists::{AddToPlaylistRoute, PlaylistRoute, PlaylistsRoute},
    profile::ProfilePage,
    search::SearchRoute,
    send::SendRoute,
    settings::SettingsRoute,
    signup::SignupRoute,
    track::TrackPage,
};
use crate::player::{Player, PlayerBar};
use crate::social::likes::Likes;

/// The whole document, rendered on the server around [`App`].
#[cfg(feature = "ssr")]
pub fn shell(options: LeptosOptions) -> impl IntoView {
    use leptos_meta::{HashedStylesheet, MetaTags};

    // Public pages must be the same bytes for everyone (a CDN serves them),
    // so no per-request nonce in the scripts: Chorus sends no nonce-based
    // Content-Security-Policy that would need one.
    provide_context(leptos::nonce::Nonce::from_value(""));
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover"/>
                <meta name="theme-color" content="#15121f"/>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <link rel="icon" href="/icons/icon.svg" type="image/svg+xml"/>
                <link rel="apple-touch-icon" href="/icons/icon-192.png"/>
                <AutoReload options=options.clone()/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                <script>{include_str!("share.js")}</script>
                // Not Leptos's `HydrationScripts`: no preload of the WASM
                // competing with the page's largest paint (see `bundle`).
                <crate::bundle::HydrationScript options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let account = Account::provide();
    Player::provide(account);
    Likes::provide(account);
    crate::downloads::Downloads::provide();
    #[cfg(feature = "hydrate")]
    crate::outbox::browser::start(account);
    Live::provide(account);

    view! {
        <Title formatter=|text: String| if text.is_empty() { "Chorus".to_owned() } else { format!("{text} · Chorus") }/>
        <Router>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <header class="site-header">
                <a class="brand" href="/" aria-label="Chorus home">
                    <img src="/icons/icon.svg" alt="" width="28" height="28"/>
                    <span>"Chorus"</span>
                </a>
                <nav aria-label="Main">
                    <a href="/">"Home"</a>
                    <a href="/feed">"Feed"</a>
                    <a href="/friends">"Friends"</a>
                    <a href="/charts">"Charts"</a>
                    <a href="/library">"Library"</a>
                    <a href="/playlists">"Playlists"</a>
                    <a href="/downloads">"Downloads"</a>
                </nav>
                <SearchBox/>
                <AccountMenu/>
            </header>
            <div class="layout">
            <main id="main" class="content">
                // The catalog pages (where visitors land) are in the main WASM
                // module; the others are `Lazy` routes, chunks of their own
                // loaded when first shown (`cargo leptos build --split`; the
                // browser entry loads the shown one before hydrating:
                // `preload_lazy_route`). Each large part of the page hydrates
                // in a browser task of its own (`HydrationBreak`).
                {HydrationBreak(view! {
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/artists/:id") view=ArtistPage ssr=SsrMode::Async/>
                    <Route path=path!("/albums/:id") view=AlbumPage ssr=SsrMode::Async/>
                    <Route path=path!("/tracks/:id") view=TrackPage ssr=SsrMode::Async/>
                    <Route path=path!("/users/:username") view=ProfilePage ssr=SsrMode::Async/>
                    <Route path=path!("/search") view={Lazy::<SearchRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/charts") view={Lazy::<ChartsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/feed") view={Lazy::<FeedRoute>::new()}/>
                    <Route path=path!("/friends") view={Lazy::<FriendsRoute>::new()}/>
                    <Route path=path!("/login") view={Lazy::<LoginRoute>::new()}/>
                    <Route path=path!("/signup") view={Lazy::<SignupRoute>::new()}/>
                    <Route path=path!("/settings") view={Lazy::<SettingsRoute>::new()}/>
                    <Route path=path!("/downloads") view={Lazy::<DownloadsRoute>::new()}/>
                    <Route path=path!("/playlists") view={Lazy::<PlaylistsRoute>::new()}/>
                    <Route path=path!("/playlists/add") view={Lazy::<AddToPlaylistRoute>::new()}/>
                    <Route path=path!("/playlists/:id") view={Lazy::<PlaylistRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/library") view={Lazy::<LibraryRoute>::new()}/>
                    <Route path=path!("/notifications") view={Lazy::<NotificationsRoute>::new()}/>
                    <Route path=path!("/send") view={Lazy::<SendRoute>::new()}/>
                </Routes>
                })}
            </main>
            {HydrationBreak(view! { <FriendActivity/> })}
            </div>
            {HydrationBreak(view! { <PlayerBar/> })}
        </Router>
    }
}

/// Loads the WASM chunk of the lazy route at `path` (a location's
/// pathname), if it is one; nothing for the other pages. The browser entry
/// awaits it before hydrating: hydration then finds the route's code ready
/// and waits only at its planned breaks (`HydrationBreak`), never on the
/// network, during which nothing spawned may start (the browser entry holds
/// the effects: one run meanwhile could change what is still to be
/// hydrated from the server's HTML).
#[cfg(feature = "hydrate")]
pub async fn preload_lazy_route(path: &str) {
    use leptos_router::LazyRoute;
    match path.trim_end_matches('/') {
        "/search" => SearchRoute::preload().await,
        "/charts" => ChartsRoute::preload().await,
        "/feed" => FeedRoute::preload().await,
        "/friends" => FriendsRoute::preload().await,
        "/login" => LoginRoute::preload().await,
        "/signup" => SignupRoute::preload().await,
        "/settings" => SettingsRoute::preload().await,
        "/downloads" => DownloadsRoute::preload().await,
        "/playlists" => PlaylistsRoute::preload().await,
        "/playlists/add" => AddToPlaylistRoute::preload().await,
        "/library" => LibraryRoute::preload().await,
        "/notifications" => NotificationsRoute::preload().await,
        "/send" => SendRoute::preload().await,
        other if other.starts_with("/playlists/") => PlaylistRoute::preload().await,
        _ => {}
    }
}

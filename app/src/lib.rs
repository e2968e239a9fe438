//! The Chorus user interface, rendered on the server (feature `ssr`) and
//! hydrated in the browser (feature `hydrate`): the layout, the pages and the
//! player that keeps playing while you navigate.

mod account;
pub mod api;
#[cfg(feature = "ssr")]
pub mod bundle;
pub mod cdn;
mod components;
mod discover;
mod downloads;
pub mod error;
mod hydration_break;
#[cfg(feature = "hydrate")]
mod json_api;
mod json_text;
mod live;
#[cfg(feature = "hydrate")]
mod local_storage;
mod notifications;
#[cfg(any(test, feature = "hydrate"))]
mod outbox;
mod pages;
pub mod player;
mod playlists;
pub mod preview;
#[cfg(feature = "ssr")]
pub mod public_url;
mod pwa;
mod shell;
mod social;

#[cfg(feature = "ssr")]
pub use api::ServerContext;
#[cfg(feature = "hydrate")]
pub use pwa::hydrated;
#[cfg(feature = "hydrate")]
pub use shell::preload_lazy_route;
#[cfg(feature = "ssr")]
pub use shell::shell;
pub use shell::App;

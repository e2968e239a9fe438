//! Playlists in the browser: the "Add to playlist" link every track row,
//! album, queue and player bar carries (in the main module: a plain link to
//! the picker page, no code of its own), and the calls the playlist pages
//! (lazy routes, `crate::pages::playlists`) make.

pub mod add_link;
#[cfg(feature = "hydrate")]
pub mod client;

//! Discovery in the browser and on the pages: the header's search box,
//! "Recommended for you" on the home page and taste compatibility on
//! profiles. The public parts (the `/search` and `/charts` pages) render
//! on the server; everything personal is fetched from the JSON API after
//! hydration, so cached pages stay the same for everyone.

#[cfg(feature = "hydrate")]
pub mod client;
pub mod compatibility;
pub mod recommended;
pub mod search_box;
pub mod suggestions;

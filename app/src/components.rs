//! Reusable pieces of the pages.

pub mod album_card;
pub mod artist_card;
pub mod cover;
pub mod icon;
pub mod page_state;
pub mod track_list;

//! Reusable pieces of the pages.

pub mod activity_item;
pub mod album_card;
pub mod artist_card;
pub mod cover;
pub mod friend_activity;
pub mod icon;
pub mod page_state;
pub mod share_button;
pub mod time_ago;
pub mod track_list;

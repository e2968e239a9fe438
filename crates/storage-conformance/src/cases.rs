//! The cases, by store. Each is `pub async fn(Backend)`, listed once in
//! [`crate::__cases`].

pub mod activity;
pub mod attempts;
pub mod catalog;
pub mod charts;
pub mod devices;
pub mod discovery;
pub mod notifications;
pub mod online;
pub mod playlists;
pub mod privacy;
pub mod purges;
pub mod search;
pub mod sitemap;
pub mod social;
pub mod users;

//! The cases, by store. Each is `pub async fn(Backend)`, listed once in
//! [`crate::__cases`].

pub mod activity;
pub mod attempts;
pub mod catalog;
pub mod online;
pub mod privacy;
pub mod social;
pub mod users;

//! The router: which path goes to which handler, and the layers around them.

pub mod activity;
pub mod api;
pub mod auth;
pub mod discovery;
pub mod health;
pub mod media;
pub mod openapi;
pub mod profiles;
pub mod site;
pub mod social;

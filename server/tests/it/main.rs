//! Integration tests: the real server on port 0, a fresh SQLite database and
//! media store per test, real HTTP over a real socket.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod accounts;
mod api;
mod big_wav;
mod cache_headers;
mod cli;
mod client_addresses;
mod cluster;
mod connection_limits;
mod discovery;
mod feed;
mod ffmpeg;
mod fixtures;
mod formats;
mod helpers;
mod import;
mod listeners;
mod live;
mod media;
mod openapi;
mod operations;
mod pages;
mod presence;
mod private_everywhere;
mod private_session;
mod process;
mod profiles;
mod properties;
mod purges;
mod replica;
mod resume;
mod session_end;
mod social;
mod suggestions;
mod varnish;

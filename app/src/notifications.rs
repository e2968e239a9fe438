//! Notifications and dedications in the browser: the "Send to a friend"
//! link on track, album and playlist pages (in the main module: a plain
//! link to the send page, no code of its own), the header's bell with the
//! live unread count, and the calls the lazy pages (`/send`,
//! `/notifications`) make.

pub mod bell;
#[cfg(feature = "hydrate")]
pub mod client;
pub mod send_link;

//! The listener's social side in the browser: likes and friends. Pages stay
//! the same for everyone; personal state (what you like, who your friends
//! are) is fetched after hydration.

#[cfg(feature = "hydrate")]
pub mod client;
pub mod likes;

//! The rules that order what discovery lists, as pure functions over what
//! the store returns, so that each has one place (and its unit tests):
//! [`search`] ranks search matches, [`picks`] groups friends' activity
//! into ranked picks. The services (`search.rs`, `recommendations.rs`)
//! read the store, rank with these, and read the winners in full.
//!
//! Where the store bounds a read by choosing the best candidates (see
//! `chorus_storage::DiscoveryStore`), its SQL chooses in the same order.

pub(crate) mod picks;
pub(crate) mod search;

//! The social graph as the API shows it: mutual friendships, built from
//! requests that the other person accepts.

use serde::{Deserialize, Serialize};

use crate::account::PublicUser;

/// A listener's friends and pending requests (`GET /api/friends`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FriendList {
    pub friends: Vec<PublicUser>,
    /// Requests others sent to this listener.
    pub incoming: Vec<PublicUser>,
    /// Requests this listener sent that are not answered yet.
    pub outgoing: Vec<PublicUser>,
}

/// Where two listeners stand after `POST /api/friends/{username}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Friendship {
    /// A request is waiting for the other listener.
    Requested,
    /// They are friends (the request was mutual, or already accepted).
    Friends,
}

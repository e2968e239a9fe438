//! Whether a listener's activity is private at a given time: by setting
//! ([`ActivityPrivacy::Private`]) or by a private session that has not
//! ended. The one place this rule is decided; services apply it when they
//! record events, likes and presence.

use crate::account::ActivityPrivacy;
use crate::time::Timestamp;

/// A listener's privacy as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Privacy {
    pub activity: ActivityPrivacy,
    /// The end of a private session, if one was started (it may be over).
    pub private_until: Option<Timestamp>,
}

impl Privacy {
    /// Whether nobody may see what the listener does at `now`.
    pub fn is_private_at(&self, now: Timestamp) -> bool {
        self.activity == ActivityPrivacy::Private || self.private_until.is_some_and(|u| u > now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Timestamp = Timestamp::from_ms(1_000_000);

    #[test]
    fn private_by_setting_or_by_a_session_that_has_not_ended() {
        let friends = Privacy::default();
        assert!(!friends.is_private_at(NOW));
        let private = Privacy {
            activity: ActivityPrivacy::Private,
            private_until: None,
        };
        assert!(private.is_private_at(NOW));
        let session = |until: u64| Privacy {
            activity: ActivityPrivacy::Friends,
            private_until: Some(Timestamp::from_ms(until)),
        };
        assert!(session(1_000_001).is_private_at(NOW));
        assert!(!session(1_000_000).is_private_at(NOW), "ends at its end");
        assert!(!session(5).is_private_at(NOW));
    }
}

//! Who sees a listener's activity: the privacy setting and private
//! sessions, and the visibility of what the listener does now.

use std::time::Duration;

use chorus_domain::{ActivityPrivacy, Privacy, SurrogateKey, Timestamp, UserId, Username};
use chorus_storage::Visibility;

use crate::{ServiceResult, Services};

/// How long a private session lasts.
pub const PRIVATE_SESSION: Duration = Duration::from_secs(6 * 3600);

/// Who may see what a listener with `privacy` does at `now`.
pub(crate) fn visibility(privacy: &Privacy, now: Timestamp) -> Visibility {
    if privacy.is_private_at(now) {
        Visibility::Private
    } else {
        Visibility::Friends
    }
}

impl Services {
    /// Sets who sees `user`'s activity: friends' sockets read their
    /// presence again, and their public profile (liked artists) is purged,
    /// with the sitemap (which lists only listeners who are not private).
    pub async fn set_privacy(
        &self,
        user: UserId,
        username: &Username,
        privacy: ActivityPrivacy,
    ) -> ServiceResult<()> {
        self.stores.users.set_privacy(user, privacy).await?;
        self.announcer.presence([user]);
        self.purges
            .purge(vec![SurrogateKey::user(username), SurrogateKey::sitemap()])
            .await;
        Ok(())
    }

    /// Starts a private session of [`PRIVATE_SESSION`] from the clock's
    /// now (`enabled`), or ends it; friends' sockets read the listener's
    /// presence again (they see them offline while it lasts).
    pub async fn set_private_session(&self, user: UserId, enabled: bool) -> ServiceResult<()> {
        let until = enabled.then(|| self.clock.now().after(PRIVATE_SESSION));
        self.stores.users.set_private_session(user, until).await?;
        self.announcer.presence([user]);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use chorus_realtime::Hint;

    use super::*;
    use crate::testing::{Data, World, NOW};

    const EVE: UserId = UserId(4);

    fn world() -> World {
        let mut data = Data::default();
        data.privacy.insert(EVE, Privacy::default());
        World::new(data)
    }

    #[tokio::test]
    async fn a_private_session_lasts_six_hours_from_the_clocks_now() {
        let w = world();
        w.services.set_private_session(EVE, true).await.unwrap();
        let until = w.store.data().privacy[&EVE].private_until;
        assert_eq!(until, Some(NOW.after(PRIVATE_SESSION)));
        w.services.set_private_session(EVE, false).await.unwrap();
        assert_eq!(w.store.data().privacy[&EVE].private_until, None);
        assert_eq!(w.hints(), [Hint::Presence { user: EVE }; 2]);
        assert!(matches!(
            w.services.set_private_session(UserId(9), true).await,
            Err(crate::ServiceError::NotFound)
        ));
    }

    #[tokio::test]
    async fn a_privacy_change_announces_presence_and_purges_the_profile_and_sitemap() {
        let w = world();
        let eve = Username::parse("eve").unwrap();
        w.services
            .set_privacy(EVE, &eve, ActivityPrivacy::Private)
            .await
            .unwrap();
        assert_eq!(
            w.store.data().privacy[&EVE].activity,
            ActivityPrivacy::Private
        );
        assert_eq!(w.hints(), [Hint::Presence { user: EVE }]);
        assert_eq!(w.purged(), ["user:eve", "sitemap"]);
    }
}

//! Friendship changes: asking, accepting, declining and ending. Asking
//! someone who asked you first accepts; asking again changes nothing.
//! Becoming friends records a `friended` event for each of the two
//! (private when that listener is private now). The one asked is
//! notified of a request, the one who asked of its acceptance. Both
//! sides' sockets are told and both profiles purged (they show a friends
//! count).

use chorus_domain::{ActivityKind, Friendship, NotificationKind, SurrogateKey, UserId, Username};
use chorus_storage::{EventTarget, NewEvent, NewNotification, Recorded};

use crate::privacy::visibility;
use crate::{ServiceResult, Services};

/// A listener a friendship change is about.
#[derive(Debug, Clone, Copy)]
pub struct Party<'a> {
    pub id: UserId,
    pub username: &'a Username,
}

impl Services {
    /// `me` asks `them` to be friends, or accepts their pending request:
    /// the friendship as it stands after, and the events recorded. Two
    /// listeners asking each other at once end up friends (the unit locks
    /// both, so the second sees the first's request).
    pub async fn befriend(
        &self,
        me: Party<'_>,
        them: Party<'_>,
    ) -> ServiceResult<(Friendship, Vec<Recorded>)> {
        let now = self.clock.now();
        let mut unit = self.stores.transactions.begin(now).await?;
        let (first, second) = if me.id <= them.id {
            (me.id, them.id)
        } else {
            (them.id, me.id)
        };
        let first_privacy = unit.lock_listener(first).await?;
        let second_privacy = unit.lock_listener(second).await?;
        let privacy_of = |user| {
            if user == first {
                first_privacy
            } else {
                second_privacy
            }
        };
        if unit.are_friends(me.id, them.id).await? {
            return Ok((Friendship::Friends, Vec::new()));
        }
        let mut recorded = Vec::new();
        // What `them` is told of: an acceptance, or a new request.
        let (status, told) = if unit.take_request(them.id, me.id).await? {
            unit.add_friendship(me.id, them.id).await?;
            for (user, friend) in [(me.id, them.id), (them.id, me.id)] {
                let event = NewEvent {
                    user,
                    kind: ActivityKind::Friended,
                    target: EventTarget {
                        friend: Some(friend),
                        ..EventTarget::default()
                    },
                    visibility: visibility(&privacy_of(user), now),
                };
                recorded.push(unit.record(event).await?);
            }
            (Friendship::Friends, Some(NotificationKind::FriendAccepted))
        } else {
            let new = unit.add_request(me.id, them.id).await?;
            (
                Friendship::Requested,
                new.then_some(NotificationKind::FriendRequest),
            )
        };
        if let Some(kind) = told {
            unit.notify(&NewNotification {
                user: them.id,
                kind,
                from: me.id,
                subject: None,
                message: None,
            })
            .await?;
        }
        unit.commit().await?;
        self.announcer.events(&recorded);
        if told.is_some() {
            self.announcer.notifications([them.id]);
        }
        self.friendship_changed(me, them).await;
        Ok((status, recorded))
    }

    /// Declines, cancels or ends whatever stands between the two; whether
    /// there was anything.
    pub async fn unfriend(&self, me: Party<'_>, them: Party<'_>) -> ServiceResult<bool> {
        let mut unit = self.stores.transactions.begin(self.clock.now()).await?;
        let removed = unit.remove_friendship(me.id, them.id).await?;
        unit.commit().await?;
        self.friendship_changed(me, them).await;
        Ok(removed)
    }

    /// Perhaps friends now, perhaps not any more: each side's sockets read
    /// their friend set again, and both profiles are purged.
    async fn friendship_changed(&self, me: Party<'_>, them: Party<'_>) {
        self.announcer.friendships([me.id, them.id]);
        self.purges
            .purge(vec![
                SurrogateKey::user(me.username),
                SurrogateKey::user(them.username),
            ])
            .await;
    }
}

#[cfg(test)]
mod tests {
    use chorus_domain::{ActivityPrivacy, Privacy};
    use chorus_realtime::Hint;
    use chorus_storage::Visibility;

    use super::*;
    use crate::testing::{Data, World};

    const ADA: UserId = UserId(1);
    const BOB: UserId = UserId(2);

    fn names() -> (Username, Username) {
        (
            Username::parse("ada").unwrap(),
            Username::parse("bob").unwrap(),
        )
    }

    fn party(id: UserId, username: &Username) -> Party<'_> {
        Party { id, username }
    }

    fn world(bob: Privacy) -> World {
        let mut data = Data::default();
        data.privacy.insert(ADA, Privacy::default());
        data.privacy.insert(BOB, bob);
        World::new(data)
    }

    #[tokio::test]
    async fn a_request_accepted_makes_friends_with_an_event_each_as_private_as_its_listener() {
        let w = world(Privacy {
            activity: ActivityPrivacy::Private,
            private_until: None,
        });
        let (ada, bob) = names();
        let (a, b) = (party(ADA, &ada), party(BOB, &bob));

        let (status, recorded) = w.services.befriend(a, b).await.unwrap();
        assert_eq!((status, recorded.len()), (Friendship::Requested, 0));
        assert_eq!(
            w.services.befriend(a, b).await.unwrap().0,
            Friendship::Requested
        );
        let (status, recorded) = w.services.befriend(b, a).await.unwrap();
        assert_eq!((status, recorded.len()), (Friendship::Friends, 2));
        assert_eq!(
            w.services.befriend(a, b).await.unwrap(),
            (Friendship::Friends, vec![])
        );

        let data = w.store.data();
        assert!(data.requests.is_empty());
        // Asked once (asking again changed nothing), then accepted.
        let told: Vec<_> = data
            .notifications
            .iter()
            .map(|n| (n.user, n.kind, n.from))
            .collect();
        assert_eq!(
            told,
            [
                (BOB, NotificationKind::FriendRequest, ADA),
                (ADA, NotificationKind::FriendAccepted, BOB)
            ]
        );
        let events: Vec<_> = data
            .events
            .iter()
            .map(|e| (e.user, e.target.friend, e.visibility))
            .collect();
        assert_eq!(
            events,
            [
                (BOB, Some(ADA), Visibility::Private),
                (ADA, Some(BOB), Visibility::Friends)
            ]
        );
        // Three changes (the last call changed nothing): both sides told
        // and both profiles purged each time; the events announced.
        let friends = w
            .hints()
            .iter()
            .filter(|h| matches!(h, Hint::Friends { .. }))
            .count();
        assert_eq!(friends, 6);
        assert!(w.hints().contains(&Hint::Activity {
            activity_id: 2,
            user: ADA
        }));
        assert_eq!(w.purged().len(), 6);
        assert_eq!(w.purged()[..2], ["user:ada", "user:bob"]);
    }

    #[tokio::test]
    async fn unfriending_ends_the_friendship_and_any_request_and_tells_both() {
        let w = world(Privacy::default());
        let (ada, bob) = names();
        let (a, b) = (party(ADA, &ada), party(BOB, &bob));
        w.services.befriend(a, b).await.unwrap();
        assert!(w.services.unfriend(b, a).await.unwrap(), "declined");
        assert!(!w.services.unfriend(b, a).await.unwrap(), "nothing left");
        w.services.befriend(a, b).await.unwrap();
        w.services.befriend(b, a).await.unwrap();
        assert!(w.services.unfriend(a, b).await.unwrap());
        let data = w.store.data();
        assert!(data.friendships.is_empty() && data.requests.is_empty());
        assert_eq!(w.purged().len(), 12, "both profiles, each call");
    }
}

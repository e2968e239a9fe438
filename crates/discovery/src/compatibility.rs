//! Taste compatibility between the viewer and another listener, and
//! "listeners like you". The formula is [`chorus_domain::taste::similarity`];
//! this decides what each side's taste may include: plays count only
//! between friends (they are shown to friends only), likes always (profiles
//! show them).

use std::collections::{HashMap, HashSet};

use chorus_domain::taste::{similarity, Similarity, Taste, HALF_LIFE_DAYS};
use chorus_domain::{
    ArtistId, ArtistRef, Compatibility, CompatibilityBasis, ListenerLikeYou, UserId, Username,
};

use crate::{Discovery, DiscoveryError, DiscoveryResult};

/// Most artists of the viewer's taste candidates are looked up by.
const CANDIDATE_ARTISTS: usize = 20;
/// Most friends of friends and most sharers considered.
const CANDIDATES: u32 = 100;

impl Discovery {
    /// The viewer's compatibility with `username` at `now_ms`.
    pub async fn compatibility(
        &self,
        viewer: UserId,
        username: &Username,
        now_ms: i64,
    ) -> DiscoveryResult<Compatibility> {
        let other = self
            .users
            .user_by_username(username)
            .await?
            .ok_or(DiscoveryError::UnknownListener)?
            .id;
        if other == viewer {
            return Err(DiscoveryError::SameListener);
        }
        let friends = self.social.friend_ids(viewer).await?.contains(&other);
        let signals = self.store.taste(&[viewer, other]).await?;
        let mine = Taste::of(viewer, &signals, friends, now_ms);
        let theirs = Taste::of(other, &signals, friends, now_ms);
        let found = similarity(&mine, &theirs);
        Ok(Compatibility {
            score: found.score,
            shared_artists: self.artist_refs(&found.shared).await?,
            basis: CompatibilityBasis {
                plays_counted: friends,
                viewer: (&mine).into(),
                listener: (&theirs).into(),
                similarity: found.cosine,
                confidence: found.confidence,
                half_life_days: HALF_LIFE_DAYS,
            },
        })
    }

    /// The viewer's similarity with each of `others`, plays counted with
    /// those in `friends`: one read of everyone's taste.
    pub async fn similarities(
        &self,
        viewer: UserId,
        others: &[UserId],
        friends: &HashSet<UserId>,
        now_ms: i64,
    ) -> DiscoveryResult<Vec<(UserId, Similarity)>> {
        let everyone: Vec<UserId> = std::iter::once(viewer)
            .chain(others.iter().copied())
            .collect();
        let signals = self.store.taste(&everyone).await?;
        let (with_plays, likes_only) = (
            Taste::of(viewer, &signals, true, now_ms),
            Taste::of(viewer, &signals, false, now_ms),
        );
        Ok(others
            .iter()
            .filter(|other| **other != viewer)
            .map(|&other| {
                let friend = friends.contains(&other);
                let mine = if friend { &with_plays } else { &likes_only };
                let theirs = Taste::of(other, &signals, friend, now_ms);
                (other, similarity(mine, &theirs))
            })
            .collect())
    }

    /// Listeners whose public taste is close to the viewer's, who are not
    /// friends yet: friends of friends first, then anyone sharing the
    /// viewer's top artists; each group by score; at most `limit`, none
    /// with a score of 0.
    pub async fn listeners_like_you(
        &self,
        viewer: UserId,
        now_ms: i64,
        limit: usize,
    ) -> DiscoveryResult<Vec<ListenerLikeYou>> {
        let friends: HashSet<UserId> = self.social.friend_ids(viewer).await?.into_iter().collect();
        let mut shared_friends: HashMap<UserId, u32> = HashMap::new();
        for suggestion in self.social.friend_suggestions(viewer, CANDIDATES).await? {
            if let Some(user) = self
                .users
                .user_by_username(&suggestion.user.username)
                .await?
            {
                shared_friends.insert(user.id, suggestion.shared_friends);
            }
        }
        let own = self.store.taste(&[viewer]).await?;
        let top = Taste::of(viewer, &own, false, now_ms).top_artists(CANDIDATE_ARTISTS);
        let sharers = self
            .store
            .listeners_sharing(viewer, &top, CANDIDATES)
            .await?;
        let mut candidates: Vec<UserId> = shared_friends.keys().copied().collect();
        candidates.extend(sharers.into_iter().filter(|u| !friends.contains(u)));
        candidates.sort();
        candidates.dedup();

        // Strangers compare likes only, whoever they are.
        let mut scored = self
            .similarities(viewer, &candidates, &HashSet::new(), now_ms)
            .await?;
        scored.retain(|(_, found)| found.score > 0);
        scored.sort_by(|(a, x), (b, y)| {
            let fof = |u| shared_friends.contains_key(u);
            fof(b)
                .cmp(&fof(a))
                .then(y.score.cmp(&x.score))
                .then(a.cmp(b))
        });
        scored.truncate(limit);

        let ids: Vec<UserId> = scored.iter().map(|(u, _)| *u).collect();
        let mut users: HashMap<_, _> = self.store.public_users(&ids).await?.into_iter().collect();
        // Every listed listener's shared artists, named in one read.
        let mut shared: Vec<ArtistId> = scored.iter().flat_map(|(_, f)| f.shared.clone()).collect();
        shared.sort();
        shared.dedup();
        let artists: HashMap<ArtistId, ArtistRef> = self
            .artist_refs(&shared)
            .await?
            .into_iter()
            .map(|a| (a.id, a))
            .collect();
        Ok(scored
            .into_iter()
            .filter_map(|(id, found)| {
                Some(ListenerLikeYou {
                    user: users.remove(&id)?,
                    score: found.score,
                    shared_artists: found
                        .shared
                        .iter()
                        .filter_map(|a| artists.get(a).cloned())
                        .collect(),
                    shared_friends: shared_friends.get(&id).copied().unwrap_or(0),
                })
            })
            .collect())
    }

    /// Artists by id, in the order given.
    pub(crate) async fn artist_refs(&self, ids: &[ArtistId]) -> DiscoveryResult<Vec<ArtistRef>> {
        Ok(self
            .catalog
            .artists_by_ids(ids)
            .await?
            .into_iter()
            .map(|a| ArtistRef {
                id: a.id,
                name: a.name,
            })
            .collect())
    }
}

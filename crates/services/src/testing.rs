//! In-memory fakes of the stores, the bus and the CDN for the services'
//! unit tests: no database, every write visible to the test.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use chorus_domain::{
    ActivityPrivacy, DisplayName, FriendList, FriendSuggestion, LikedIds, ListeningState, Me,
    NotificationId, Privacy, Profile, SurrogateKey, TestClock, Timestamp, TrackId, UserId,
    Username,
};
use chorus_realtime::{Fanout, Hint};
use chorus_storage::{
    LikeOf, NewEvent, NewNotification, Recorded, SocialStore, StorageError, StorageResult,
    StoredUser, Transactions, UnitOfWork, UserStore,
};

use crate::{Purges, Services, Stores};

/// What the fake database holds.
#[derive(Debug, Default, Clone)]
pub struct Data {
    pub privacy: HashMap<UserId, Privacy>,
    pub tracks: HashMap<TrackId, u64>,
    pub artists: BTreeSet<i64>,
    pub listening: HashMap<UserId, ListeningState>,
    /// Likes, with whether each was made in private.
    pub likes: HashMap<(UserId, LikeOf), bool>,
    /// `(user, friend)`, both ways.
    pub friendships: BTreeSet<(UserId, UserId)>,
    /// `(from, to)`.
    pub requests: BTreeSet<(UserId, UserId)>,
    pub events: Vec<NewEvent>,
    /// When each of `events` was recorded (its unit's time).
    pub event_times: Vec<Timestamp>,
    pub accounts: Vec<StoredUser>,
    pub notifications: Vec<NewNotification>,
}

/// The fake database: units work on a copy and write it back on commit.
#[derive(Debug, Default, Clone)]
pub struct FakeStore(pub Arc<Mutex<Data>>);

impl FakeStore {
    pub fn data(&self) -> Data {
        self.0.lock().unwrap().clone()
    }
}

struct FakeUnit {
    store: FakeStore,
    data: Data,
    now: Timestamp,
}

#[async_trait]
impl Transactions for FakeStore {
    async fn begin(&self, now: Timestamp) -> StorageResult<Box<dyn UnitOfWork>> {
        Ok(Box::new(FakeUnit {
            store: self.clone(),
            data: self.data(),
            now,
        }))
    }

    /// The import's rules are tested on both backends (the conformance
    /// suite's `catalog` cases), not on a fake.
    async fn begin_import(&self) -> StorageResult<Box<dyn chorus_storage::ImportUnit>> {
        Err(StorageError::Backend("imports are not faked".into()))
    }
}

#[async_trait]
impl UnitOfWork for FakeUnit {
    async fn lock_listener(&mut self, user: UserId) -> StorageResult<Privacy> {
        self.data
            .privacy
            .get(&user)
            .copied()
            .ok_or(StorageError::NotFound)
    }
    async fn track_length_ms(&mut self, track: TrackId) -> StorageResult<Option<u64>> {
        Ok(self.data.tracks.get(&track).copied())
    }
    async fn like_target_exists(&mut self, like: LikeOf) -> StorageResult<bool> {
        Ok(match like {
            LikeOf::Track(t) => self.data.tracks.contains_key(&t),
            LikeOf::Artist(a) => self.data.artists.contains(&a.0),
            LikeOf::Album(_) => false,
        })
    }
    async fn listening_state(&mut self, user: UserId) -> StorageResult<Option<ListeningState>> {
        Ok(self.data.listening.get(&user).copied())
    }
    async fn save_listening_state(
        &mut self,
        user: UserId,
        state: &ListeningState,
    ) -> StorageResult<()> {
        self.data.listening.insert(user, *state);
        Ok(())
    }
    async fn add_like(&mut self, user: UserId, like: LikeOf, private: bool) -> StorageResult<bool> {
        if self.data.likes.contains_key(&(user, like)) {
            return Ok(false);
        }
        self.data.likes.insert((user, like), private);
        Ok(true)
    }
    async fn remove_like(&mut self, user: UserId, like: LikeOf) -> StorageResult<bool> {
        Ok(self.data.likes.remove(&(user, like)).is_some())
    }
    async fn are_friends(&mut self, user: UserId, friend: UserId) -> StorageResult<bool> {
        Ok(self.data.friendships.contains(&(user, friend)))
    }
    async fn take_request(&mut self, from: UserId, to: UserId) -> StorageResult<bool> {
        Ok(self.data.requests.remove(&(from, to)))
    }
    async fn add_request(&mut self, from: UserId, to: UserId) -> StorageResult<bool> {
        Ok(self.data.requests.insert((from, to)))
    }
    async fn add_friendship(&mut self, a: UserId, b: UserId) -> StorageResult<()> {
        self.data.friendships.extend([(a, b), (b, a)]);
        Ok(())
    }
    async fn remove_friendship(&mut self, a: UserId, b: UserId) -> StorageResult<bool> {
        let mut removed = false;
        for pair in [(a, b), (b, a)] {
            removed |= self.data.friendships.remove(&pair);
            removed |= self.data.requests.remove(&pair);
        }
        Ok(removed)
    }
    async fn notify(&mut self, notification: &NewNotification) -> StorageResult<NotificationId> {
        self.data.notifications.push(notification.clone());
        Ok(NotificationId(self.data.notifications.len() as i64))
    }

    async fn last_event_at(
        &mut self,
        user: UserId,
        kind: chorus_domain::ActivityKind,
        playlist: chorus_domain::PlaylistId,
    ) -> StorageResult<Option<Timestamp>> {
        Ok(self
            .data
            .events
            .iter()
            .zip(&self.data.event_times)
            .filter(|(e, _)| {
                e.user == user && e.kind == kind && e.target.playlist == Some(playlist)
            })
            .map(|(_, at)| *at)
            .max())
    }

    async fn record(&mut self, event: NewEvent) -> StorageResult<Recorded> {
        self.data.events.push(event);
        self.data.event_times.push(self.now);
        Ok(Recorded {
            id: i64::try_from(self.data.events.len()).unwrap(),
            user: event.user,
            kind: event.kind,
        })
    }
    async fn commit(self: Box<Self>) -> StorageResult<()> {
        *self.store.0.lock().unwrap() = self.data;
        Ok(())
    }
}

#[async_trait]
impl UserStore for FakeStore {
    async fn create_user(
        &self,
        username: &Username,
        display_name: &DisplayName,
        password_hash: &str,
    ) -> StorageResult<StoredUser> {
        let mut data = self.0.lock().unwrap();
        if data.accounts.iter().any(|a| &a.me.username == username) {
            return Err(StorageError::Conflict("username".into()));
        }
        let user = StoredUser {
            id: UserId(i64::try_from(data.accounts.len()).unwrap() + 1),
            me: Me {
                username: username.clone(),
                display_name: display_name.clone(),
                privacy: ActivityPrivacy::Friends,
                created_at: NOW.to_rfc3339(),
                private_session_until: None,
            },
            password_hash: password_hash.to_owned(),
        };
        data.accounts.push(user.clone());
        Ok(user)
    }
    async fn user_by_username(&self, username: &Username) -> StorageResult<Option<StoredUser>> {
        let data = self.0.lock().unwrap();
        Ok(data
            .accounts
            .iter()
            .find(|a| &a.me.username == username)
            .cloned())
    }
    async fn user_by_id(&self, id: UserId) -> StorageResult<Option<StoredUser>> {
        let data = self.0.lock().unwrap();
        Ok(data.accounts.iter().find(|a| a.id == id).cloned())
    }
    async fn set_password_hash(&self, id: UserId, password_hash: &str) -> StorageResult<()> {
        let mut data = self.0.lock().unwrap();
        let account = data
            .accounts
            .iter_mut()
            .find(|a| a.id == id)
            .ok_or(StorageError::NotFound)?;
        password_hash.clone_into(&mut account.password_hash);
        Ok(())
    }
    async fn set_privacy(&self, id: UserId, privacy: ActivityPrivacy) -> StorageResult<()> {
        let mut data = self.0.lock().unwrap();
        let row = data.privacy.get_mut(&id).ok_or(StorageError::NotFound)?;
        row.activity = privacy;
        Ok(())
    }
    async fn set_private_session(&self, id: UserId, until: Option<Timestamp>) -> StorageResult<()> {
        let mut data = self.0.lock().unwrap();
        let row = data.privacy.get_mut(&id).ok_or(StorageError::NotFound)?;
        row.private_until = until;
        Ok(())
    }
}

/// The social store's reads are not faked: no service reads them.
#[async_trait]
impl SocialStore for FakeStore {
    async fn friend_ids(&self, _: UserId) -> StorageResult<Vec<UserId>> {
        Ok(Vec::new())
    }
    async fn friends_of(&self, _: &[UserId]) -> StorageResult<Vec<(UserId, UserId)>> {
        Ok(Vec::new())
    }
    async fn friends(&self, _: UserId) -> StorageResult<FriendList> {
        Ok(FriendList::default())
    }
    async fn pending_requests(&self, _: UserId) -> StorageResult<u32> {
        Ok(0)
    }
    async fn liked_ids(&self, _: UserId) -> StorageResult<LikedIds> {
        Ok(LikedIds::default())
    }
    async fn friend_suggestions(&self, _: UserId, _: u32) -> StorageResult<Vec<FriendSuggestion>> {
        Ok(Vec::new())
    }
    async fn profile(&self, _: &Username) -> StorageResult<Option<Profile>> {
        Ok(None)
    }
}

/// Keeps every hint published.
#[derive(Debug, Default)]
pub struct FakeFanout(pub Mutex<Vec<Hint>>);

impl Fanout for FakeFanout {
    fn publish(&self, hint: Hint) {
        self.0.lock().unwrap().push(hint);
    }
    fn hints(&self) -> tokio::sync::broadcast::Receiver<Hint> {
        tokio::sync::broadcast::channel(1).1
    }
}

/// Keeps every key purged.
#[derive(Debug, Default)]
pub struct FakePurges(pub Mutex<Vec<SurrogateKey>>);

#[async_trait]
impl Purges for FakePurges {
    async fn purge(&self, keys: Vec<SurrogateKey>) {
        self.0.lock().unwrap().extend(keys);
    }
}

/// Services over fakes, and the fakes to look at.
pub struct World {
    pub services: Services,
    pub store: FakeStore,
    pub fanout: Arc<FakeFanout>,
    pub purges: Arc<FakePurges>,
    pub clock: Arc<TestClock>,
}

pub const NOW: Timestamp = Timestamp::from_ms(1_800_000_000_000);

impl World {
    pub fn new(data: Data) -> Self {
        let store = FakeStore(Arc::new(Mutex::new(data)));
        let fanout = Arc::new(FakeFanout::default());
        let purges = Arc::new(FakePurges::default());
        let clock = Arc::new(TestClock::at(NOW));
        let stores = Stores {
            transactions: Arc::new(store.clone()),
            users: Arc::new(store.clone()),
            social: Arc::new(store.clone()),
        };
        let services = Services::new(stores, fanout.clone(), purges.clone(), clock.clone());
        World {
            services,
            store,
            fanout,
            purges,
            clock,
        }
    }

    pub fn hints(&self) -> Vec<Hint> {
        self.fanout.0.lock().unwrap().clone()
    }

    pub fn purged(&self) -> Vec<String> {
        self.purges
            .0
            .lock()
            .unwrap()
            .iter()
            .map(ToString::to_string)
            .collect()
    }
}

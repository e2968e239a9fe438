//! The writes whose rules live in `chorus-services` (now-playing reports,
//! likes, private sessions), made through the services on the backend
//! under test, so the cases check what the backend stores and reads back.
//!
//! One test clock: a report moves it to the report's time, and likes and
//! private sessions happen at whatever it shows (at first, the real time,
//! which the backends' reads of "private now" compare with).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use chorus_domain::{
    ArtistId, Clock, Friendship, ListenReport, TestClock, Timestamp, TrackId, UserId, Username,
};
use chorus_realtime::LocalFanout;
use chorus_services::{NoPurges, Party, ServiceError, Services, Stores};
use chorus_storage::{ImportOutcome, LikeOf, NewTrack, Recorded, StorageError, StorageResult};

/// Writes through the services. Cheap to clone.
#[derive(Clone)]
pub struct Writes {
    stores: Stores,
    clock: Arc<TestClock>,
    /// Report hours handed out (see [`Writes::next_hour`]).
    hours: Arc<AtomicU64>,
}

impl Writes {
    /// Writes at the time `clock` shows (the backend's stores read it too).
    pub fn new(stores: Stores, clock: Arc<TestClock>) -> Self {
        Writes {
            stores,
            clock,
            hours: Arc::new(AtomicU64::new(0)),
        }
    }

    /// The time the clock shows, in Unix milliseconds.
    pub fn now_ms(&self) -> i64 {
        self.clock.now().as_ms_i64()
    }

    /// A report time an hour after the previous one handed out on this
    /// backend (from [`crate::support::T0`]).
    pub fn next_hour(&self) -> u64 {
        crate::support::T0 + self.hours.fetch_add(1, Ordering::Relaxed) * 3_600_000
    }

    /// The services, telling the time `clock` shows.
    fn services(&self, clock: Arc<TestClock>) -> Services {
        Services::new(
            self.stores.clone(),
            Arc::new(LocalFanout::new()),
            Arc::new(NoPurges),
            clock,
        )
    }

    /// A player's report received at `now_ms`.
    pub async fn report_listening(
        &self,
        user: UserId,
        report: ListenReport,
        now_ms: u64,
    ) -> StorageResult<Vec<Recorded>> {
        let at = Timestamp::from_ms(now_ms);
        self.clock.set(at);
        // A clock of its own: racing reports each keep their time.
        let services = self.services(Arc::new(TestClock::at(at)));
        services
            .report_listening(user, report)
            .await
            .map_err(storage)
    }

    /// Likes or unlikes a track.
    pub async fn set_track_like(
        &self,
        user: UserId,
        track: TrackId,
        liked: bool,
    ) -> StorageResult<Option<Recorded>> {
        self.set_like(user, LikeOf::Track(track), liked).await
    }

    /// Likes or unlikes an album.
    pub async fn set_album_like(
        &self,
        user: UserId,
        album: chorus_domain::AlbumId,
        liked: bool,
    ) -> StorageResult<Option<Recorded>> {
        self.set_like(user, LikeOf::Album(album), liked).await
    }

    /// Likes or unlikes an artist.
    pub async fn set_artist_like(
        &self,
        user: UserId,
        artist: ArtistId,
        liked: bool,
    ) -> StorageResult<Option<Recorded>> {
        self.set_like(user, LikeOf::Artist(artist), liked).await
    }

    async fn set_like(
        &self,
        user: UserId,
        like: LikeOf,
        liked: bool,
    ) -> StorageResult<Option<Recorded>> {
        let name = placeholder()?;
        self.services(self.clock.clone())
            .set_like(user, &name, like, liked)
            .await
            .map_err(storage)
    }

    /// `from` asks `to` to be friends, or accepts their request.
    pub async fn befriend(
        &self,
        from: UserId,
        to: UserId,
    ) -> StorageResult<(Friendship, Vec<Recorded>)> {
        let name = placeholder()?;
        self.services(self.clock.clone())
            .befriend(party(from, &name), party(to, &name))
            .await
            .map_err(storage)
    }

    /// Declines, cancels or ends whatever stands between the two.
    pub async fn unfriend(&self, a: UserId, b: UserId) -> StorageResult<bool> {
        let name = placeholder()?;
        self.services(self.clock.clone())
            .unfriend(party(a, &name), party(b, &name))
            .await
            .map_err(storage)
    }

    /// Imports one track, as the importer does.
    pub async fn import_track(&self, track: NewTrack) -> StorageResult<ImportOutcome> {
        chorus_services::import_track(self.stores.transactions.as_ref(), track)
            .await
            .map_err(storage)
    }

    /// Starts a private session lasting `length` from the clock's now
    /// (`None`: ends it).
    pub async fn set_private_session(
        &self,
        user: UserId,
        length: Option<Duration>,
    ) -> StorageResult<()> {
        let until = length.map(|l| self.clock.now().after(l));
        self.stores.users.set_private_session(user, until).await
    }
}

/// A name for the listeners the services take names of: nothing is
/// purged here (names only key CDN purges).
fn placeholder() -> StorageResult<Username> {
    Username::parse("conformance").map_err(|e| StorageError::Backend(e.into()))
}

fn party(id: UserId, username: &Username) -> Party<'_> {
    Party { id, username }
}

/// The storage error a service error stands for.
fn storage(error: ServiceError) -> StorageError {
    match error {
        ServiceError::NotFound => StorageError::NotFound,
        ServiceError::Storage(e) => e,
        other => StorageError::Backend(other.to_string().into()),
    }
}

//! Friends, live: what the signed-in listener's friends play right now and
//! what they did lately, kept up to date by the feed socket
//! (`/ws/feed`, see `docs/realtime.md`). One [`Live`] at the root; the
//! friend-activity sidebar and the feed page read it. Empty on the server
//! and for visitors: it is personal, so it only fills in after hydration.

#[cfg(feature = "hydrate")]
mod socket;
pub mod state;

use chorus_domain::FeedItem;
use leptos::prelude::*;

use crate::account::Account;
pub use state::FriendNow;

/// How the feed socket is doing.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiveStatus {
    /// Nobody is signed in.
    Off,
    Connecting,
    Live,
    /// The connection dropped; it retries with backoff.
    Reconnecting,
}

impl LiveStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Off => "off",
            Self::Connecting => "connecting",
            Self::Live => "live",
            Self::Reconnecting => "reconnecting",
        }
    }
}

/// Live friend activity. `Copy`: every field is a signal.
#[derive(Clone, Copy)]
pub struct Live {
    /// Friends online or playing, those playing first.
    pub friends: RwSignal<Vec<FriendNow>>,
    /// Friends' latest events, newest first (the first feed page, then
    /// whatever arrives live).
    pub recent: RwSignal<Vec<FeedItem>>,
    /// `before` of the feed page older than `recent`, if there is one.
    pub older: RwSignal<Option<i64>>,
    /// Whether `recent` holds the first feed page yet.
    pub loaded: RwSignal<bool>,
    pub status: RwSignal<LiveStatus>,
    /// The browser's clock (ms since the epoch), ticking every second, to
    /// move progress bars on.
    pub clock_ms: RwSignal<f64>,
    /// The last playlist the socket said changed (a page showing it reads
    /// it again), with a count so the same one changing twice is news.
    pub playlist_changed: RwSignal<Option<(chorus_domain::PlaylistId, u32)>>,
    /// How many notifications are unread, as the socket last said.
    pub unread: RwSignal<u32>,
}

impl Live {
    /// Creates the live state; in the browser, connects whenever someone is
    /// signed in.
    pub fn provide(account: Account) -> Self {
        let live = Self {
            friends: RwSignal::new(Vec::new()),
            recent: RwSignal::new(Vec::new()),
            older: RwSignal::new(None),
            loaded: RwSignal::new(false),
            status: RwSignal::new(LiveStatus::Off),
            playlist_changed: RwSignal::new(None),
            unread: RwSignal::new(0),
            clock_ms: RwSignal::new(0.0),
        };
        provide_context(live);
        #[cfg(feature = "hydrate")]
        {
            // Runs once, after hydration (the browser entry holds effects
            // until then): the clock that moves time-ago labels and
            // friends' progress bars on, for the page's lifetime (its
            // handle is not kept).
            Effect::new(move |_| {
                live.clock_ms.set(js_sys::Date::now());
                let _ = set_interval_with_handle(
                    move || live.clock_ms.set(js_sys::Date::now()),
                    std::time::Duration::from_secs(1),
                );
            });
            // When someone first signs in, the socket starts; from then on
            // it follows who is signed in itself. Its code is a WASM chunk
            // of its own (`#[lazy]`): a visitor never loads it.
            if let Some(owner) = Owner::current() {
                Effect::new(move |started: Option<bool>| {
                    if started == Some(true) || !account.me.with(Option::is_some) {
                        return started.unwrap_or(false);
                    }
                    leptos::task::spawn_local(socket::start(live, account, owner.clone()));
                    true
                });
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = account;
        live
    }

    pub fn get() -> Self {
        expect_context::<Self>()
    }

    /// Forgets everything (someone else signs in, or nobody).
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    fn clear(&self) {
        self.friends.set(Vec::new());
        self.recent.set(Vec::new());
        self.older.set(None);
        self.loaded.set(false);
        self.unread.set(0);
    }
}

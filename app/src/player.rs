//! The player: one instance in the root layout, shared through context, so
//! playback goes on while the router swaps pages. [`Player`] holds the state
//! as signals and the actions pages call; the audio engine, Media Session,
//! keyboard shortcuts and persistence run only in the browser.

mod bar;
#[cfg(feature = "hydrate")]
mod engine;
#[cfg(feature = "hydrate")]
mod media_session;
#[cfg(feature = "hydrate")]
mod persist;
pub mod queue;
mod queue_panel;
#[cfg(feature = "hydrate")]
mod report;
#[cfg(feature = "hydrate")]
mod shortcuts;

use chorus_domain::Track;
use leptos::html::Audio;
use leptos::prelude::*;

pub use bar::PlayerBar;
use queue::{Queue, Repeat};

use crate::account::Account;

/// Previous restarts the current track when more than this many seconds in.
const RESTART_THRESHOLD_S: f64 = 3.0;

/// Player state and actions. `Copy`: every field is a signal or a stored
/// value.
#[derive(Clone, Copy)]
pub struct Player {
    pub queue: RwSignal<Queue>,
    /// Whether the listener wants sound (the engine follows it).
    pub playing: RwSignal<bool>,
    pub position: RwSignal<f64>,
    pub duration: RwSignal<f64>,
    /// Buffered time ranges of the current track, in seconds.
    pub buffered: RwSignal<Vec<(f64, f64)>>,
    pub volume: RwSignal<f64>,
    pub muted: RwSignal<bool>,
    pub waiting: RwSignal<bool>,
    pub error: RwSignal<Option<String>>,
    pub queue_open: RwSignal<bool>,
    /// Two audio elements: one plays while the other preloads what is next.
    pub(crate) audio: [NodeRef<Audio>; 2],
    pub(crate) active: RwSignal<usize>,
    /// Whether the current track has started playing since it was loaded.
    /// What comes next is preloaded only then: until the current track
    /// plays, it has the network and the decoder to itself.
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    pub(crate) started: RwSignal<bool>,
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    /// A position to seek to once the current track's metadata has loaded.
    pub(crate) pending_seek: RwSignal<Option<f64>>,
    /// Whose listening the player reports (when someone is signed in).
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    pub(crate) account: Account,
    /// When the position was last saved (ms since the epoch).
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    pub(crate) last_save_ms: StoredValue<f64>,
    /// When the listening was last reported (ms since the epoch).
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    pub(crate) last_report_ms: StoredValue<f64>,
}

impl Player {
    fn new(account: Account) -> Self {
        Self {
            queue: RwSignal::new(Queue::default()),
            playing: RwSignal::new(false),
            position: RwSignal::new(0.0),
            duration: RwSignal::new(0.0),
            buffered: RwSignal::new(Vec::new()),
            volume: RwSignal::new(1.0),
            muted: RwSignal::new(false),
            waiting: RwSignal::new(false),
            error: RwSignal::new(None),
            queue_open: RwSignal::new(false),
            audio: [NodeRef::new(), NodeRef::new()],
            active: RwSignal::new(0),
            started: RwSignal::new(false),
            pending_seek: RwSignal::new(None),
            account,
            last_save_ms: StoredValue::new(0.0),
            last_report_ms: StoredValue::new(0.0),
        }
    }

    /// Creates the player, reporting `account`'s listening, and provides it
    /// to the whole app.
    pub fn provide(account: Account) -> Self {
        let player = Self::new(account);
        provide_context(player);
        player
    }

    /// The player of this app. Panics outside the app's root (a bug).
    pub fn get() -> Self {
        expect_context::<Self>()
    }

    pub fn current_track(&self) -> Option<Track> {
        self.queue.with(|q| q.current().map(|e| e.track.clone()))
    }

    /// Plays `tracks` from `start`, replacing the queue.
    pub fn play_list(&self, tracks: Vec<Track>, start: usize) {
        self.error.set(None);
        self.queue
            .update(|q| q.play_list(tracks, start, &mut random_index));
        self.playing.set(true);
    }

    /// Plays `tracks` shuffled.
    pub fn shuffle_list(&self, tracks: Vec<Track>) {
        self.queue
            .update(|q| q.set_shuffle(true, &mut random_index));
        let start = random_index(tracks.len().max(1));
        self.play_list(tracks, start);
    }

    /// Plays `track` alone from `seconds` in (listening along with a friend).
    pub fn listen_along(&self, track: Track, seconds: f64) {
        if self.current_track().is_some_and(|t| t.id == track.id) {
            self.seek(seconds);
            self.playing.set(true);
            return;
        }
        self.pending_seek.set(Some(seconds.max(0.0)));
        self.play_list(vec![track], 0);
    }

    pub fn add_next(&self, track: Track) {
        self.queue.update(|q| q.add_next(track));
    }

    pub fn add_last(&self, track: Track) {
        self.queue.update(|q| q.add_last(track));
    }

    pub fn toggle(&self) {
        if self.queue.with_untracked(Queue::is_empty) {
            return;
        }
        self.playing.update(|p| *p = !*p);
    }

    pub fn next(&self) {
        self.queue.update(|q| {
            q.skip_next();
        });
    }

    pub fn previous(&self) {
        if self.position.get_untracked() > RESTART_THRESHOLD_S {
            self.seek(0.0);
            return;
        }
        let mut moved = false;
        self.queue.update(|q| moved = q.skip_previous());
        if !moved {
            self.seek(0.0);
        }
    }

    pub fn jump(&self, index: usize) {
        self.queue.update(|q| q.jump(index));
        self.playing.set(true);
    }

    pub fn toggle_shuffle(&self) {
        self.queue.update(|q| {
            let on = !q.is_shuffled();
            q.set_shuffle(on, &mut random_index);
        });
    }

    pub fn cycle_repeat(&self) {
        self.queue.update(|q| q.repeat = q.repeat.cycle());
    }

    pub fn repeat(&self) -> Repeat {
        self.queue.with(|q| q.repeat)
    }

    /// Seeks the current track to `seconds`.
    pub fn seek(&self, seconds: f64) {
        let seconds = seconds.max(0.0);
        self.position.set(seconds);
        #[cfg(feature = "hydrate")]
        if let Some(audio) = self.audio[self.active.get_untracked()].get_untracked() {
            audio.set_current_time(seconds);
        }
    }

    /// Seeks by `delta` seconds, within the track.
    pub fn seek_by(&self, delta: f64) {
        let duration = self.duration.get_untracked();
        let target = self.position.get_untracked() + delta;
        self.seek(if duration > 0.0 {
            target.min(duration)
        } else {
            target
        });
    }

    pub fn set_volume(&self, volume: f64) {
        self.volume.set(volume.clamp(0.0, 1.0));
        if volume > 0.0 {
            self.muted.set(false);
        }
    }

    pub fn toggle_mute(&self) {
        self.muted.update(|m| *m = !*m);
    }

    /// The current track ended by itself.
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    pub(crate) fn on_ended(&self) {
        let mut more = false;
        let repeat_one = self.repeat_untracked() == Repeat::One;
        self.queue.update(|q| more = q.advance_after_end());
        if !more {
            self.playing.set(false);
            self.seek(0.0);
        } else if repeat_one {
            self.seek(0.0);
            #[cfg(feature = "hydrate")]
            engine::play_active(*self);
        }
    }

    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    fn repeat_untracked(&self) -> Repeat {
        self.queue.with_untracked(|q| q.repeat)
    }
}

/// A random index in `0..n` (the browser's `Math.random`; the server never
/// shuffles, so it only needs a deterministic stand-in).
fn random_index(n: usize) -> usize {
    #[cfg(feature = "hydrate")]
    let r = js_sys::Math::random();
    #[cfg(not(feature = "hydrate"))]
    let r = 0.0;
    ((r * n as f64) as usize).min(n.saturating_sub(1))
}

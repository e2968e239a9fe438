//! Keeps the queue, position and volume in `localStorage` (browser only), so
//! a reload or a return visit picks up where the listener left off.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::queue::Queue;
use super::Player;
use crate::local_storage::local_storage;

const KEY: &str = "chorus.player.v1";
/// Position is saved at most this often while playing.
const POSITION_EVERY_MS: f64 = 3000.0;

#[derive(Serialize, Deserialize)]
struct Saved {
    queue: Queue,
    position: f64,
    volume: f64,
    muted: bool,
}

fn save(player: Player) {
    let saved = Saved {
        queue: player.queue.get_untracked(),
        position: player.position.get_untracked(),
        volume: player.volume.get_untracked(),
        muted: player.muted.get_untracked(),
    };
    if let (Some(storage), Ok(json)) = (local_storage(), serde_json::to_string(&saved)) {
        // Quota errors only lose the saved state, never playback.
        let _ = storage.set_item(KEY, &json);
    }
}

/// Restores the saved state, paused at the saved position.
pub(crate) fn restore(player: Player) {
    let Some(json) = local_storage().and_then(|s| s.get_item(KEY).ok().flatten()) else {
        return;
    };
    let Ok(saved) = serde_json::from_str::<Saved>(&json) else {
        return;
    };
    player.volume.set(saved.volume.clamp(0.0, 1.0));
    player.muted.set(saved.muted);
    if !saved.queue.is_empty() {
        player.pending_seek.set(Some(saved.position.max(0.0)));
        player.queue.set(saved.queue);
    }
}

/// Saves whenever the queue or volume changes.
pub(crate) fn start(player: Player) {
    Effect::new(move |_| {
        player.queue.track();
        player.volume.track();
        player.muted.track();
        save(player);
    });
}

/// Saves the position, at most every few seconds.
pub(crate) fn save_position_throttled(player: Player) {
    let now = js_sys::Date::now();
    if now - player.last_save_ms.get_value() >= POSITION_EVERY_MS {
        player.last_save_ms.set_value(now);
        save(player);
    }
}

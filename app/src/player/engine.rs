//! The audio engine (browser only): drives two `<audio>` elements from the
//! player's signals. One element plays; the other preloads the next track so
//! the change between tracks is as short as the browser allows. When the
//! next track was preloaded the elements swap roles instead of reloading.

use leptos::prelude::*;
use web_sys::HtmlMediaElement;

use super::{media_session, persist, report, Player};

fn element(player: Player, index: usize) -> Option<HtmlMediaElement> {
    player.audio[index].get_untracked().map(|a| a.into())
}

fn src(el: &HtmlMediaElement) -> Option<String> {
    el.get_attribute("src")
}

/// Starts the active element, turning `playing` off if the browser refuses
/// (autoplay policy) so the Play button tells the truth.
pub(crate) fn play_active(player: Player) {
    let Some(el) = element(player, player.active.get_untracked()) else {
        return;
    };
    if src(&el).is_none() {
        return;
    }
    if let Ok(promise) = el.play() {
        leptos::task::spawn_local(async move {
            if wasm_bindgen_futures::JsFuture::from(promise).await.is_err() && el.paused() {
                player.playing.set(false);
            }
        });
    }
}

/// Sets up the engine's effects. Call once, after the audio elements mount.
pub(crate) fn start(player: Player) {
    // Load the current entry whenever it changes (by key: the same track
    // queued twice is two entries).
    Effect::new(move |previous: Option<Option<u64>>| {
        let entry = player.queue.with(|q| q.current().cloned());
        let key = entry.as_ref().map(|e| e.key);
        if previous == Some(key) {
            return key;
        }
        load(player, entry.map(|e| e.track));
        key
    });

    // Preload what comes next into the standby element, once the current
    // track plays (see `Player::started`).
    Effect::new(move |_| {
        if !player.started.get() {
            return;
        }
        let next = player
            .queue
            .with(|q| q.peek_next().map(|e| e.track.stream_url.clone()));
        let current = player
            .queue
            .with(|q| q.current().map(|e| e.track.stream_url.clone()));
        let standby = 1 - player.active.get();
        let (Some(next), Some(el)) = (next, element(player, standby)) else {
            return;
        };
        if Some(&next) != current.as_ref() && src(&el).as_ref() != Some(&next) {
            el.set_preload("auto");
            el.set_src(&next);
        }
    });

    // Follow the play/pause intent.
    Effect::new(move |_| {
        let want = player.playing.get();
        let Some(el) = element(player, player.active.get_untracked()) else {
            return;
        };
        if want && el.paused() {
            play_active(player);
        } else if !want && !el.paused() {
            let _ = el.pause();
        }
        media_session::set_playback_state(want);
    });

    // Volume and mute apply to both elements.
    Effect::new(move |_| {
        let (volume, muted) = (player.volume.get(), player.muted.get());
        for i in 0..2 {
            if let Some(el) = element(player, i) {
                el.set_volume(volume);
                el.set_muted(muted);
            }
        }
    });

    media_session::install_handlers(player);
    persist::restore(player);
    persist::start(player);
}

fn load(player: Player, track: Option<chorus_domain::Track>) {
    let active = player.active.get_untracked();
    let Some(current) = element(player, active) else {
        return;
    };
    player.started.set(false);
    let Some(track) = track else {
        let _ = current.pause();
        current.remove_attribute("src").ok();
        current.load();
        player.playing.set(false);
        player.position.set(0.0);
        player.duration.set(0.0);
        media_session::clear();
        return;
    };
    player.error.set(None);
    player
        .position
        .set(player.pending_seek.get_untracked().unwrap_or(0.0));
    player.duration.set(track.duration_ms as f64 / 1000.0);
    player.buffered.set(Vec::new());

    let standby = 1 - active;
    let preloaded =
        element(player, standby).filter(|el| src(el).as_deref() == Some(track.stream_url.as_str()));
    match preloaded {
        Some(el) => {
            let _ = current.pause();
            el.set_current_time(player.pending_seek.get_untracked().unwrap_or(0.0));
            player.pending_seek.set(None);
            player.active.set(standby);
        }
        None => {
            current.set_preload("auto");
            current.set_src(&track.stream_url);
        }
    }
    if player.playing.get_untracked() {
        play_active(player);
    }
    media_session::set_metadata(&track);
}

/// Copies the active element's state into the player's signals. Called from
/// the elements' media events; events of the standby element are ignored.
pub(crate) fn on_media_event(player: Player, index: usize, kind: &str) {
    if player.active.get_untracked() != index {
        return;
    }
    let Some(el) = element(player, index) else {
        return;
    };
    match kind {
        "timeupdate" => {
            player.position.set(el.current_time());
            persist::save_position_throttled(player);
            if !el.paused() {
                report::heartbeat(player);
            }
            media_session::set_position(&el);
        }
        "loadedmetadata" | "durationchange" => {
            let d = el.duration();
            if d.is_finite() && d > 0.0 {
                player.duration.set(d);
            }
            if let Some(at) = player.pending_seek.get_untracked() {
                player.pending_seek.set(None);
                el.set_current_time(at);
            }
        }
        "progress" => {
            let ranges = el.buffered();
            let spans = (0..ranges.length())
                .filter_map(|i| Some((ranges.start(i).ok()?, ranges.end(i).ok()?)))
                .collect();
            player.buffered.set(spans);
        }
        "playing" => {
            player.waiting.set(false);
            player.started.set(true);
            player.playing.set(true);
            report::now(player, false);
        }
        "seeked" => report::now(player, el.paused()),
        "waiting" => player.waiting.set(true),
        "pause" if !el.ended() => {
            player.playing.set(false);
            report::now(player, true);
        }
        "ended" => {
            player.position.set(el.duration());
            report::now(player, false);
            player.on_ended();
        }
        "error" => {
            let title = player.current_track().map(|t| t.title).unwrap_or_default();
            let why = match el.error().map(|e| e.code()) {
                Some(2) => "a network error interrupted it",
                Some(3) => "the audio could not be decoded",
                Some(4) => "this browser cannot play its format",
                _ => "the audio could not be loaded",
            };
            player
                .error
                .set(Some(format!("Couldn't play “{title}”: {why}.")));
            player.playing.set(false);
            player.waiting.set(false);
        }
        _ => {}
    }
}

//! Media Session API (browser only): title, artist, album and artwork on the
//! lock screen and in the OS media controls, and their play/pause/next/
//! previous/seek buttons and headset keys wired to the player.
//!
//! Reached through `js_sys::Reflect` so the build needs no unstable web-sys
//! flags; browsers without the API are simply skipped.

use chorus_domain::Track;
use js_sys::{Array, Function, Object, Reflect};
use leptos::prelude::Set;
use wasm_bindgen::prelude::*;
use web_sys::HtmlMediaElement;

use super::Player;

fn session() -> Option<JsValue> {
    let navigator = web_sys::window()?.navigator();
    Reflect::get(&navigator, &"mediaSession".into())
        .ok()
        .filter(|s| !s.is_undefined())
}

fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &key.into(), value);
}

/// Shows `track` in the OS media controls.
pub(crate) fn set_metadata(track: &Track) {
    let Some(session) = session() else { return };
    let Ok(constructor) = Reflect::get(&js_sys::global(), &"MediaMetadata".into()) else {
        return;
    };
    let Ok(constructor) = constructor.dyn_into::<Function>() else {
        return;
    };
    let init = Object::new();
    set(&init, "title", &track.title.as_str().into());
    set(&init, "artist", &track.artist.name.as_str().into());
    set(&init, "album", &track.album.title.as_str().into());
    if let Some(cover) = &track.cover_url {
        let image = Object::new();
        set(&image, "src", &cover.as_str().into());
        set(&image, "sizes", &"512x512".into());
        set(&image, "type", &"image/png".into());
        set(&init, "artwork", &Array::of1(&image));
    }
    if let Ok(metadata) = Reflect::construct(&constructor, &Array::of1(&init)) {
        set(&session, "metadata", &metadata);
    }
}

pub(crate) fn clear() {
    if let Some(session) = session() {
        set(&session, "metadata", &JsValue::NULL);
        set(&session, "playbackState", &"none".into());
    }
}

pub(crate) fn set_playback_state(playing: bool) {
    if let Some(session) = session() {
        set(
            &session,
            "playbackState",
            &(if playing { "playing" } else { "paused" }).into(),
        );
    }
}

/// Keeps the OS scrubber in step with the audio.
pub(crate) fn set_position(el: &HtmlMediaElement) {
    let Some(session) = session() else { return };
    let duration = el.duration();
    if !duration.is_finite() || duration <= 0.0 {
        return;
    }
    let state = Object::new();
    set(&state, "duration", &duration.into());
    set(&state, "position", &el.current_time().min(duration).into());
    set(&state, "playbackRate", &el.playback_rate().into());
    if let Ok(f) =
        Reflect::get(&session, &"setPositionState".into()).and_then(|f| f.dyn_into::<Function>())
    {
        let _ = f.call1(&session, &state);
    }
}

fn handler(session: &JsValue, action: &str, callback: impl Fn(JsValue) + 'static) {
    let Ok(set_handler) =
        Reflect::get(session, &"setActionHandler".into()).and_then(|f| f.dyn_into::<Function>())
    else {
        return;
    };
    let closure = Closure::<dyn Fn(JsValue)>::new(callback);
    // Unsupported actions throw; that is fine.
    let _ = set_handler.call2(session, &action.into(), closure.as_ref().unchecked_ref());
    // The handlers live as long as the page.
    closure.forget();
}

/// Wires the OS media buttons to the player.
pub(crate) fn install_handlers(player: Player) {
    let Some(session) = session() else { return };
    handler(&session, "play", move |_| player.playing.set(true));
    handler(&session, "pause", move |_| player.playing.set(false));
    handler(&session, "nexttrack", move |_| player.next());
    handler(&session, "previoustrack", move |_| player.previous());
    handler(&session, "seekbackward", move |_| player.seek_by(-10.0));
    handler(&session, "seekforward", move |_| player.seek_by(10.0));
    handler(&session, "seekto", move |details| {
        if let Some(t) = Reflect::get(&details, &"seekTime".into())
            .ok()
            .and_then(|t| t.as_f64())
        {
            player.seek(t);
        }
    });
}

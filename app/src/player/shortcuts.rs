//! Keyboard shortcuts (browser only): space play/pause, ←/→ seek 5 s,
//! shift+←/→ previous/next track, m mute. They never fire while the listener
//! types in a field, and leave keys to a focused control that uses them.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent};

use super::Player;

const SEEK_STEP_S: f64 = 5.0;

/// Whether the key belongs to the focused element rather than the player.
fn owned_by_target(event: &KeyboardEvent) -> bool {
    let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return false;
    };
    if target
        .closest("[contenteditable=''], [contenteditable='true']")
        .ok()
        .flatten()
        .is_some()
    {
        return true;
    }
    match target.tag_name().as_str() {
        "TEXTAREA" | "SELECT" => true,
        // Range inputs use arrows themselves; text fields use every key.
        "INPUT" => true,
        // A focused button answers space and enter itself.
        "BUTTON" | "A" | "SUMMARY" => event.key() == " ",
        _ => false,
    }
}

pub(crate) fn install(player: Player) {
    let handle = window_event_listener(ev::keydown, move |event: KeyboardEvent| {
        if event.ctrl_key() || event.meta_key() || event.alt_key() || owned_by_target(&event) {
            return;
        }
        let handled = match (event.key().as_str(), event.shift_key()) {
            (" ", _) => {
                player.toggle();
                true
            }
            ("ArrowRight", false) => {
                player.seek_by(SEEK_STEP_S);
                true
            }
            ("ArrowLeft", false) => {
                player.seek_by(-SEEK_STEP_S);
                true
            }
            ("ArrowRight", true) => {
                player.next();
                true
            }
            ("ArrowLeft", true) => {
                player.previous();
                true
            }
            ("m" | "M", _) => {
                player.toggle_mute();
                true
            }
            _ => false,
        };
        if handled {
            event.prevent_default();
        }
    });
    on_cleanup(move || handle.remove());
}

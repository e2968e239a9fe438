//! While the page hydrates, the user's input does only what the browser
//! does by itself: a link still opens its page, a form still submits, but
//! no handler of the app sees the event. Hold an [`InputGuard`] for as long
//! as hydration runs; dropping it lets events through again.
//!
//! Why: hydration yields to the browser between the page's large parts
//! (`app`'s `HydrationBreak`), and the browser takes input in those breaks.
//! A handler run then (the router following a link, a Play button of the
//! hydrated page) would change what is still to be hydrated from the
//! server's HTML. Before hydration starts nothing of the app listens
//! either, so a click in a break is treated like one before the app loaded.

use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::{Event, Window};

/// The events the app handles (delegated on the window, or the router's).
const EVENTS: [&str; 6] = [
    "click",
    "submit",
    "input",
    "change",
    "keydown",
    "pointerdown",
];

/// Stops [`EVENTS`] at the window, in the capture phase, until dropped.
pub struct InputGuard {
    window: Window,
    listener: Closure<dyn FnMut(Event)>,
}

impl InputGuard {
    /// Starts guarding; `None` without a window (nothing to guard).
    pub fn install() -> Option<Self> {
        let window = web_sys::window()?;
        let listener =
            Closure::<dyn FnMut(Event)>::new(|event: Event| event.stop_immediate_propagation());
        for name in EVENTS {
            // A capture listener on the window runs before any other.
            let _ = window.add_event_listener_with_callback_and_bool(
                name,
                listener.as_ref().unchecked_ref(),
                true,
            );
        }
        Some(Self { window, listener })
    }
}

impl Drop for InputGuard {
    fn drop(&mut self) {
        for name in EVENTS {
            let _ = self.window.remove_event_listener_with_callback_and_bool(
                name,
                self.listener.as_ref().unchecked_ref(),
                true,
            );
        }
    }
}

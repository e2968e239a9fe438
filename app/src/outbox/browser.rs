//! The outbox in the browser: kept in `localStorage` (so it outlives the
//! page), sent in order, one entry at a time, whenever something is queued,
//! someone signs in, or the browser comes back `online`.

use std::cell::Cell;

use leptos::prelude::*;

use crate::local_storage::local_storage;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::{Outbox, Pending};
use crate::account::Account;
use crate::json_api::OFFLINE;

const KEY: &str = "chorus.outbox.v1";

thread_local! {
    /// Whether a send loop runs (one at a time keeps the order).
    static SENDING: Cell<bool> = const { Cell::new(false) };
}

fn load() -> Outbox {
    local_storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

fn save(outbox: &Outbox) {
    let Some(storage) = local_storage() else {
        return;
    };
    if outbox.is_empty() {
        let _ = storage.remove_item(KEY);
    } else if let Ok(json) = serde_json::to_string(outbox) {
        // A full storage loses the queue's newest entry, never playback.
        let _ = storage.set_item(KEY, &json);
    }
}

/// Whether something waits to be sent (then anything new queues behind
/// it, to keep the order).
pub(crate) fn is_waiting() -> bool {
    !load().is_empty()
}

/// Queues `pending` and sends what is queued.
pub(crate) fn send(pending: Pending) {
    let mut outbox = load();
    outbox.push(pending);
    save(&outbox);
    leptos::task::spawn_local(flush());
}

/// Sends the queue, oldest first, until it is empty or the network fails.
/// An entry the server refuses (e.g. a report older than it accepts) is
/// dropped: retrying could never succeed.
async fn flush() {
    if SENDING.replace(true) {
        return;
    }
    while let Some(entry) = load().first().cloned() {
        let sent = match entry.pending {
            Pending::Listen { report } => crate::account::client::report(&report).await,
            Pending::Like { what, liked } => crate::social::client::set_like(what, liked).await,
        };
        if matches!(&sent, Err(message) if message == OFFLINE) {
            break;
        }
        let mut outbox = load();
        outbox.remove(entry.id);
        save(&outbox);
    }
    SENDING.set(false);
}

/// Sends what was queued on an earlier visit once someone is signed in,
/// and again whenever the browser comes back online.
pub(crate) fn start(account: Account) {
    Effect::new(move |_| {
        if account.me.with(Option::is_some) {
            leptos::task::spawn_local(flush());
        }
    });
    let Some(window) = web_sys::window() else {
        return;
    };
    let online = Closure::<dyn Fn()>::new(move || {
        if account.me.with_untracked(Option::is_some) {
            leptos::task::spawn_local(flush());
        }
    });
    let _ = window.add_event_listener_with_callback("online", online.as_ref().unchecked_ref());
    // Lives as long as the page.
    online.forget();
}

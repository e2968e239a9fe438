//! The executor Leptos spawns its tasks on in the browser: each new task
//! (an effect's first run, a `spawn_local`) starts in a browser task of its
//! own, a `MessageChannel` message, instead of in the microtask queue of
//! whatever spawned it. Install it before hydrating ([`TaskPerFuture::install`]).
//!
//! Why: hydration creates a hundred or so effects (the account check, the
//! player's restored queue, the storage estimate, the media session…). On
//! wasm-bindgen's own executor their first runs are microtasks, so they ran
//! in hydration's own browser task, some 40 % of it (an album page under a
//! 4× CPU throttle: hydration 181–254 ms, then 110–192 ms of effects, one
//! long task). Started one message each, they are short tasks after it,
//! between which the browser paints and takes input.
//!
//! Order is kept: tasks start in the order they were spawned (messages are
//! delivered in order), so nothing that ran first runs later. Once started,
//! a task is polled by wasm-bindgen-futures as before: a signal's change
//! re-runs an effect in a microtask, as it always did.
//!
//! While the page hydrates (a [`Held`] from [`Starts::hold`] lives),
//! nothing spawned starts: hydration yields to the browser between the
//! page's large parts (`app`'s `HydrationBreak`), and an effect run in such
//! a break could change what is still to be hydrated from the server's HTML.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use any_spawner::{CustomExecutor, Executor, PinnedFuture, PinnedLocalFuture};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use web_sys::{MessageChannel, MessagePort};

type Queue = Rc<RefCell<VecDeque<PinnedLocalFuture<()>>>>;

/// Starts each spawned future in a browser task of its own.
pub struct TaskPerFuture {
    starts: Starts,
    _channel: MessageChannel,
    _on_message: Closure<dyn FnMut()>,
}

/// Where spawned futures wait to start, and whether they may.
#[derive(Clone)]
pub struct Starts {
    queue: Queue,
    held: Rc<Cell<bool>>,
    /// Posting to it wakes `_on_message` on the other port: one message a
    /// future.
    port: MessagePort,
}

impl TaskPerFuture {
    /// Makes it the executor of this (the browser's only) thread. Leptos
    /// then keeps it (its own `init_wasm_bindgen` finds one set). Where the
    /// browser has no `MessageChannel`, wasm-bindgen's executor is used
    /// (and there is nothing to hold).
    pub fn install() -> Option<Starts> {
        let channel = MessageChannel::new().ok()?;
        let queue = Queue::default();
        let on_message = Closure::<dyn FnMut()>::new({
            let queue = Rc::clone(&queue);
            move || start_next(&queue)
        });
        channel
            .port1()
            .set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        let starts = Starts {
            queue,
            held: Rc::default(),
            port: channel.port2(),
        };
        let executor = Self {
            starts: starts.clone(),
            _channel: channel,
            _on_message: on_message,
        };
        // Set once, before anything spawns: it cannot be set already.
        let _ = Executor::init_local_custom_executor(executor);
        Some(starts)
    }
}

/// Starts the future first in the queue, if any.
fn start_next(queue: &Queue) {
    // The borrow ends before the future is handed on: it may spawn more
    // (queued behind it) when first polled.
    let next = queue.borrow_mut().pop_front();
    if let Some(future) = next {
        wasm_bindgen_futures::spawn_local(future);
    }
}

/// While it lives, nothing spawned starts (see [`Starts::hold`]).
pub struct Held(Starts);

impl Drop for Held {
    /// Lets everything that waited start, each in a task of its own, and
    /// whatever is spawned later as usual.
    fn drop(&mut self) {
        let starts = &self.0;
        starts.held.set(false);
        // A future queued before the hold may have its message posted
        // already: an extra message finds the queue empty and does nothing.
        let waiting = starts.queue.borrow().len();
        for _ in 0..waiting {
            starts.post();
        }
    }
}

impl Starts {
    /// What is spawned from now on waits, in order, until the returned
    /// [`Held`] is dropped.
    #[must_use = "what is spawned starts again once the `Held` is dropped"]
    pub fn hold(&self) -> Held {
        self.held.set(true);
        Held(self.clone())
    }

    fn push(&self, future: PinnedLocalFuture<()>) {
        self.queue.borrow_mut().push_back(future);
        if !self.held.get() {
            self.post();
        }
    }

    fn post(&self) {
        if self.port.post_message(&JsValue::UNDEFINED).is_err() {
            // Never expected (an `undefined` message always clones); start one
            // now rather than leave it queued for a message that won't come.
            start_next(&self.queue);
        }
    }
}

impl CustomExecutor for TaskPerFuture {
    fn spawn(&self, future: PinnedFuture<()>) {
        // One thread: a `Send` future is a local one.
        self.spawn_local(future);
    }

    fn spawn_local(&self, future: PinnedLocalFuture<()>) {
        self.starts.push(future);
    }

    fn poll_local(&self) {}
}

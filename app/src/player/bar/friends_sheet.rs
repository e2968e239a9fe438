//! Friend activity on narrow screens, where the sidebar is hidden: the
//! player bar's "Friend activity" button opens this bottom sheet above the
//! bar, one tap from any page. A non-modal dialog (the player stays usable,
//! so "Listen along" is heard and seen at once) holding the sidebar's own
//! live panel; rendered only while open. The Close button, Escape and
//! following a link close it.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;

use crate::components::friend_activity::FriendActivityPanel;
use crate::components::icon::{Icon, IconKind};

/// The button's icon: two people (Material Icons' "people", Apache 2.0).
#[component]
pub fn FriendsIcon() -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path fill="currentColor" d="M16 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm-8 0a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm0 2c-2.3 0-7 1.2-7 3.5V19h14v-2.5C15 14.2 10.3 13 8 13zm8 0c-.3 0-.6 0-1 .1 1.2.8 2 2 2 3.4V19h6v-2.5c0-2.3-4.7-3.5-7-3.5z"></path>
        </svg>
    }
}

/// The sheet. `opener` is the button that opened it: it gets the focus back.
#[component]
pub fn FriendsSheet(open: RwSignal<bool>, opener: NodeRef<html::Button>) -> impl IntoView {
    let close_button = NodeRef::<html::Button>::new();
    let close = move || {
        open.set(false);
        if let Some(button) = opener.get_untracked() {
            let _ = button.focus();
        }
    };
    Effect::new(move |_| {
        if let Some(button) = close_button.get() {
            let _ = button.focus();
        }
    });
    let escape = window_event_listener(ev::keydown, move |event| {
        if event.key() == "Escape" && !event.default_prevented() {
            event.prevent_default();
            close();
        }
    });
    on_cleanup(move || escape.remove());
    // A link inside (a friend, a track) leaves for its page: the sheet goes.
    let on_click = move |event: ev::MouseEvent| {
        let on_link = event
            .target()
            .and_then(|target| {
                use leptos::wasm_bindgen::JsCast;
                target.dyn_into::<leptos::web_sys::Element>().ok()
            })
            .and_then(|element| element.closest("a[href]").ok().flatten())
            .is_some();
        if on_link {
            open.set(false);
        }
    };
    view! {
        <div id="friend-sheet" class="friend-sheet" role="dialog" aria-label="Friend activity" on:click=on_click>
            <FriendActivityPanel>
                <button node_ref=close_button type="button" class="ctl sheet-close" aria-label="Close" title="Close (Esc)"
                    on:click=move |_| close()>
                    <Icon kind=IconKind::Close/>
                </button>
            </FriendActivityPanel>
        </div>
    }
}

//! The header's link to `/notifications`, with how many are unread (the
//! feed socket's live count): "Notifications, 2 unread". For the signed
//! in only; rendered after hydration like the rest of the account corner.

use leptos::prelude::*;

use crate::live::Live;

/// Its accessible name for `unread` unread notifications.
pub fn bell_label(unread: u32) -> String {
    match unread {
        0 => "Notifications".to_owned(),
        n => format!("Notifications, {n} unread"),
    }
}

#[component]
pub fn NotificationsBell() -> impl IntoView {
    let unread = Live::get().unread;
    view! {
        <a class="bell" href="/notifications" aria-label=move || bell_label(unread.get())>
            <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
                <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1z"/>
            </svg>
            {move || (unread.get() > 0).then(|| view! { <span class="bell-count">{unread.get()}</span> })}
        </a>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bell_says_how_many_are_unread() {
        assert_eq!(bell_label(0), "Notifications");
        assert_eq!(bell_label(3), "Notifications, 3 unread");
    }
}

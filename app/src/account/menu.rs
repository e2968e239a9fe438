//! The header's account corner: "Log in" and "Sign up" links for visitors,
//! the notifications bell and the display name (to Settings) for the
//! signed in. Rendered
//! empty on the server and filled after hydration (pages are the same for
//! everyone).

use leptos::prelude::*;

use super::Account;

#[component]
pub fn AccountMenu() -> impl IntoView {
    let account = Account::get();
    view! {
        <div class="account-menu" data-testid="account-menu">
            {move || {
                if !account.checked.get() {
                    return ().into_any();
                }
                match account.me.get() {
                    Some(me) => view! {
                        <crate::notifications::bell::NotificationsBell/>
                        <a class="account-name" href="/settings" aria-label=format!("Settings for {}", me.display_name.as_str())>
                            {me.display_name.as_str().to_owned()}
                        </a>
                    }
                    .into_any(),
                    None => view! {
                        <a href="/login">"Log in"</a>
                        <a class="button primary small" href="/signup">"Sign up"</a>
                    }
                    .into_any(),
                }
            }}
        </div>
    }
}

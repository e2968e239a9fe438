//! The signed-in account as the browser knows it. Pages stay the same for
//! everyone (so caches can share them); who is signed in is asked of
//! `/api/me` after hydration and kept in [`Account`].

#[cfg(feature = "hydrate")]
pub mod client;
pub mod menu;

use chorus_domain::Me;
use leptos::prelude::*;

/// The signed-in account, `None` when signed out. `checked` turns true once
/// the browser has asked the server.
#[derive(Clone, Copy)]
pub struct Account {
    pub me: RwSignal<Option<Me>>,
    pub checked: RwSignal<bool>,
}

impl Account {
    /// Creates the account state and, in the browser, asks who is signed in.
    pub fn provide() -> Self {
        let account = Self {
            me: RwSignal::new(None),
            checked: RwSignal::new(false),
        };
        provide_context(account);
        #[cfg(feature = "hydrate")]
        Effect::new(move |_| {
            leptos::task::spawn_local(async move {
                let me = client::me().await;
                let signed_in = me.is_some();
                account.me.set(me);
                account.checked.set(true);
                // The app badge counts pending friend requests; while
                // someone is signed in the feed socket tells how many.
                if !signed_in {
                    crate::pwa::show_friend_requests(0);
                }
            });
        });
        account
    }

    pub fn get() -> Self {
        expect_context::<Self>()
    }
}

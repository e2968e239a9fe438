//! `/settings`: the account, activity privacy, password, log out. Personal:
//! filled in after hydration from `/api/me`.

use chorus_domain::{ActivityPrivacy, Me};
use leptos::html::Input;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::{lazy_route, LazyRoute};

use super::account_form::{input_value, FormError};
use crate::account::Account;

/// The `/settings` route, loaded on demand: with `cargo leptos build --split`
/// its code is a WASM chunk of its own, fetched when the route is first
/// shown (the server renders it like any page; opened on it, the browser
/// entry loads the chunk before hydrating: `crate::preload_lazy_route`).
pub struct SettingsRoute;

#[lazy_route]
impl LazyRoute for SettingsRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <SettingsPage/> }.into_any()
    }
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let account = Account::get();
    // Only signing in or out rebuilds the settings: a change to the account
    // itself (privacy saved, a private session) must not, or what is being
    // typed in the password form would be thrown away with it.
    let signed_in = Memo::new(move |_| account.me.with(Option::is_some));
    view! {
        <Title text="Settings"/>
        <Meta name="robots" content="noindex"/>
        <section class="form-page">
            <h1 class="page-title">"Settings"</h1>
            {move || match (account.checked.get(), signed_in.get()) {
                (false, _) => view! { <p class="loading">"Loading…"</p> }.into_any(),
                (true, false) => view! {
                    <p>"You are not signed in. " <a href="/login">"Log in"</a> " to change your settings."</p>
                }
                .into_any(),
                (true, true) => view! { <AccountSettings/> }.into_any(),
            }}
            <noscript><p class="form-error">"Settings need JavaScript."</p></noscript>
        </section>
    }
}

#[component]
fn AccountSettings() -> impl IntoView {
    let account = Account::get();
    let fact = move |of: fn(&Me) -> String| {
        move || {
            account
                .me
                .with(|me| me.as_ref().map(of).unwrap_or_default())
        }
    };
    let private = Memo::new(move |_| {
        account.me.with(|me| {
            me.as_ref()
                .is_some_and(|me| me.privacy == ActivityPrivacy::Private)
        })
    });
    let privacy_error = RwSignal::new(None::<String>);
    let privacy_saved = RwSignal::new(false);
    let set_privacy = move |privacy: ActivityPrivacy| {
        privacy_saved.set(false);
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            match crate::account::client::set_privacy(privacy).await {
                Ok(me) => {
                    privacy_error.set(None);
                    account.me.set(Some(me));
                    privacy_saved.set(true);
                }
                Err(message) => privacy_error.set(Some(message)),
            }
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = (privacy, account, privacy_error);
    };
    let log_out = move |_| {
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            if crate::account::client::log_out().await.is_ok() {
                account.me.set(None);
            }
        });
    };

    view! {
        <dl class="facts">
            <dt>"Username"</dt><dd>{fact(|me| me.username.to_string())}</dd>
            <dt>"Display name"</dt><dd>{fact(|me| me.display_name.as_str().to_owned())}</dd>
        </dl>

        <fieldset class="form">
            <legend>"Who sees what you play and like"</legend>
            <label class="choice">
                <input type="radio" name="privacy" prop:checked=move || !private.get()
                    on:change=move |_| set_privacy(ActivityPrivacy::Friends)/>
                "My friends"
            </label>
            <label class="choice">
                <input type="radio" name="privacy" prop:checked=move || private.get()
                    on:change=move |_| set_privacy(ActivityPrivacy::Private)/>
                "Only me (private)"
            </label>
            <FormError error=privacy_error/>
            {move || privacy_saved.get().then(|| view! {
                <p class="form-ok" role="status">"Saved."</p>
            })}
        </fieldset>

        <ChangePassword/>

        <button type="button" class="button" on:click=log_out>"Log out"</button>
    }
}

#[component]
fn ChangePassword() -> impl IntoView {
    let (current, new) = (NodeRef::<Input>::new(), NodeRef::<Input>::new());
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (current_value, new_value) = (input_value(&current), input_value(&new));
        done.set(false);
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            match crate::account::client::change_password(&current_value, &new_value).await {
                Ok(()) => {
                    error.set(None);
                    done.set(true);
                    // The form may be gone (the listener moved on): `try_`.
                    for input in [current, new] {
                        if let Some(input) = input.try_get_untracked().flatten() {
                            input.set_value("");
                        }
                    }
                }
                Err(message) => error.set(Some(message)),
            }
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = (current_value, new_value);
    };
    view! {
        <form class="form" on:submit=submit>
            <h2 class="section-title">"Change password"</h2>
            <label>"Current password"
                <input node_ref=current type="password" autocomplete="current-password" required/>
            </label>
            <label>"New password"
                <input node_ref=new type="password" autocomplete="new-password" required minlength="10"/>
            </label>
            <FormError error/>
            {move || done.get().then(|| view! {
                <p class="form-ok" role="status">"Password changed. Your other sessions were signed out."</p>
            })}
            <button class="button primary" type="submit">"Change password"</button>
        </form>
    }
}

//! `/signup`: create an account.

use chorus_domain::account::MIN_PASSWORD_CHARS;
use leptos::html::Input;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::{lazy_route, LazyRoute};

use super::account_form::{input_value, FormError};
use crate::account::Account;

/// The `/signup` route, loaded on demand: with `cargo leptos build --split`
/// its code is a WASM chunk of its own, fetched when the route is first
/// shown (the server renders it like any page; opened on it, the browser
/// entry loads the chunk before hydrating: `crate::preload_lazy_route`).
pub struct SignupRoute;

#[lazy_route]
impl LazyRoute for SignupRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <SignupPage/> }.into_any()
    }
}

#[component]
pub fn SignupPage() -> impl IntoView {
    let (username, display_name, password) = (
        NodeRef::<Input>::new(),
        NodeRef::<Input>::new(),
        NodeRef::<Input>::new(),
    );
    let account = Account::get();
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    let navigate = leptos_router::hooks::use_navigate();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (username, display_name, password) = (
            input_value(&username),
            input_value(&display_name),
            input_value(&password),
        );
        #[cfg(feature = "hydrate")]
        super::account_form::sign_in_with(
            async move { crate::account::client::sign_up(&username, &display_name, &password).await },
            account,
            busy,
            error,
            navigate.clone(),
        );
        #[cfg(not(feature = "hydrate"))]
        let _ = (username, display_name, password, account);
    };

    view! {
        <Title text="Sign up"/>
        <Meta name="description" content="Create a Chorus account: play music and see, live, what your friends play."/>
        <section class="form-page">
            <h1 class="page-title">"Create your account"</h1>
            <form class="form" on:submit=submit>
                <label>"Username"
                    <input node_ref=username name="username" autocomplete="username" autocapitalize="none"
                        spellcheck="false" required minlength="3" maxlength="30" pattern="[a-z0-9_]{3,30}"
                        aria-describedby="username-hint"/>
                </label>
                <p id="username-hint" class="hint">"3 to 30 lowercase letters, digits or _. It is in your profile's address."</p>
                <label>"Display name"
                    <input node_ref=display_name name="display_name" autocomplete="name" required maxlength="50"/>
                </label>
                <label>"Password"
                    <input node_ref=password type="password" name="password" autocomplete="new-password" required
                        minlength=MIN_PASSWORD_CHARS.to_string() aria-describedby="password-hint"/>
                </label>
                <p id="password-hint" class="hint">{format!("At least {MIN_PASSWORD_CHARS} characters.")}</p>
                <FormError error/>
                <button class="button primary" type="submit" disabled=move || busy.get()>"Sign up"</button>
            </form>
            <p class="muted">"Already have an account? " <a href="/login">"Log in"</a></p>
            <noscript><p class="form-error">"Signing up needs JavaScript."</p></noscript>
        </section>
    }
}

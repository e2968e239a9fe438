//! `/login`: log in with username and password.

use leptos::html::Input;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::{lazy_route, LazyRoute};

use super::account_form::{input_value, FormError};
use crate::account::Account;

/// The `/login` route, loaded on demand: with `cargo leptos build --split`
/// its code is a WASM chunk of its own, fetched when the route is first
/// shown (the server renders it like any page; opened on it, the browser
/// entry loads the chunk before hydrating: `crate::preload_lazy_route`).
pub struct LoginRoute;

#[lazy_route]
impl LazyRoute for LoginRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <LoginPage/> }.into_any()
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let (username, password) = (NodeRef::<Input>::new(), NodeRef::<Input>::new());
    let account = Account::get();
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    let navigate = leptos_router::hooks::use_navigate();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (username, password) = (input_value(&username), input_value(&password));
        #[cfg(feature = "hydrate")]
        super::account_form::sign_in_with(
            async move { crate::account::client::log_in(&username, &password).await },
            account,
            busy,
            error,
            navigate.clone(),
        );
        #[cfg(not(feature = "hydrate"))]
        let _ = (username, password, account);
    };

    view! {
        <Title text="Log in"/>
        <Meta name="description" content="Log in to Chorus to see what your friends play."/>
        <section class="form-page">
            <h1 class="page-title">"Log in"</h1>
            <form class="form" on:submit=submit>
                <label>"Username"
                    <input node_ref=username name="username" autocomplete="username" autocapitalize="none"
                        spellcheck="false" required/>
                </label>
                <label>"Password"
                    <input node_ref=password type="password" name="password" autocomplete="current-password" required/>
                </label>
                <FormError error/>
                <button class="button primary" type="submit" disabled=move || busy.get()>"Log in"</button>
            </form>
            <p class="muted">"New to Chorus? " <a href="/signup">"Create an account"</a></p>
            <noscript><p class="form-error">"Logging in needs JavaScript."</p></noscript>
        </section>
    }
}

//! Pieces shared by the account forms.

use leptos::html::Input;
use leptos::prelude::*;

/// The current text of an input (empty before it mounts).
pub fn input_value(input: &NodeRef<Input>) -> String {
    input.get_untracked().map(|i| i.value()).unwrap_or_default()
}

/// The form's error message, announced to screen readers.
#[component]
pub fn FormError(error: RwSignal<Option<String>>) -> impl IntoView {
    move || {
        error
            .get()
            .map(|message| view! { <p class="form-error" role="alert">{message}</p> })
    }
}

/// Runs an account request of a form: busy while it runs, its error shown,
/// and on success the account signed in and the listener taken home.
#[cfg(feature = "hydrate")]
pub fn sign_in_with(
    request: impl std::future::Future<Output = Result<chorus_domain::Me, String>> + 'static,
    account: crate::account::Account,
    busy: RwSignal<bool>,
    error: RwSignal<Option<String>>,
    navigate: impl Fn(&str, leptos_router::NavigateOptions) + 'static,
) {
    busy.set(true);
    leptos::task::spawn_local(async move {
        match request.await {
            Ok(me) => {
                account.me.set(Some(me));
                navigate("/", Default::default());
            }
            Err(message) => error.set(Some(message)),
        }
        busy.set(false);
    });
}

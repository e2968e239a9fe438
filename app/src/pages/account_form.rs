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

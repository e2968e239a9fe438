//! The Share button of a public page. Its behaviour is `app/src/share.js`
//! (inlined by the shell, not part of the WASM): the Web Share API, else
//! the link copied to the clipboard. Hidden where that script does not run.

use leptos::prelude::*;

#[component]
pub fn ShareButton() -> impl IntoView {
    view! { <button type="button" class="button share-button" data-share="">"Share"</button> }
}

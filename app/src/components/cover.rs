//! Album art, with a gradient placeholder for albums without a cover.

use leptos::prelude::*;

#[component]
pub fn Cover(url: Option<String>, alt: String, #[prop(default = 300)] size: u32) -> impl IntoView {
    match url {
        Some(url) => view! {
            <img class="cover" src=url alt=alt width=size height=size loading="lazy" decoding="async"/>
        }
        .into_any(),
        None => view! { <div class="cover cover-placeholder" role="img" aria-label=alt></div> }.into_any(),
    }
}

//! One module per page. Each loads its data with a server function and
//! renders complete HTML on the server (routes use `SsrMode::Async`).

mod account_form;
pub mod album;
pub mod artist;
pub mod charts;
pub mod downloads;
pub mod feed;
pub mod friends;
pub mod home;
pub mod library;
pub mod login;
pub mod notifications;
pub mod playlists;
pub mod profile;
pub mod search;
pub mod send;
pub mod settings;
pub mod signup;
pub mod track;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::account::Account;

/// The `:id` route parameter, parsed; `None` for anything that is not an id.
pub(crate) fn id_param<T>() -> Memo<Option<T>>
where
    T: std::str::FromStr + PartialEq + Clone + Send + Sync + 'static,
{
    let params = use_params_map();
    Memo::new(move |_| params.read().get("id").and_then(|s| s.parse::<T>().ok()))
}

/// "1 track", "12 tracks".
pub(crate) fn tracks_label(count: u32) -> String {
    match count {
        1 => "1 track".to_owned(),
        n => format!("{n} tracks"),
    }
}

/// `children` for the signed in; a log-in link for visitors ("Log in to
/// `what`").
#[component]
pub(crate) fn SignedIn(what: &'static str, children: ChildrenFn) -> impl IntoView {
    let account = Account::get();
    view! {
        {move || match (account.checked.get(), account.me.with(Option::is_some)) {
            (false, _) => view! { <p class="loading">"Loading…"</p> }.into_any(),
            (true, false) => view! {
                <p>{format!("Log in to {what}. ")} <a href="/login">"Log in"</a></p>
            }
            .into_any(),
            (true, true) => children().into_any(),
        }}
        <noscript><p class="form-error">"This page needs JavaScript."</p></noscript>
    }
}

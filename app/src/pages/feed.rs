//! `/feed`: friends' activity, live. Who is listening now (with "Listen
//! along"), then the history, newest first, with older pages on demand.
//! Personal: filled in after hydration.

use chorus_domain::FeedItem;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::{lazy_route, LazyRoute};

use crate::account::Account;
use crate::components::activity_item::{is_shown, ActivityItem};
use crate::components::friend_activity::{ListeningNow, RecentActivity};
use crate::live::{state::MAX_RECENT, Live};

/// The `/feed` route, loaded on demand: with `cargo leptos build --split`
/// its code is a WASM chunk of its own, fetched when the route is first
/// shown (the server renders it like any page; opened on it, the browser
/// entry loads the chunk before hydrating: `crate::preload_lazy_route`).
pub struct FeedRoute;

#[lazy_route]
impl LazyRoute for FeedRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <FeedPage/> }.into_any()
    }
}

#[component]
pub fn FeedPage() -> impl IntoView {
    let account = Account::get();
    view! {
        <Title text="Friend feed"/>
        <Meta name="robots" content="noindex"/>
        <h1 class="page-title">"Friend feed"</h1>
        {move || match (account.checked.get(), account.me.with(Option::is_some)) {
            (false, _) => view! { <p class="loading">"Loading…"</p> }.into_any(),
            (true, false) => view! {
                <p>"See what your friends play and like, live. " <a href="/login">"Log in"</a> " or " <a href="/signup">"sign up"</a> "."</p>
            }
            .into_any(),
            (true, true) => view! { <Feed/> }.into_any(),
        }}
        <noscript><p class="form-error">"The live feed needs JavaScript."</p></noscript>
    }
}

#[component]
fn Feed() -> impl IntoView {
    let live = Live::get();
    // Pages older than what `Live` keeps, loaded with "Load more".
    let older = RwSignal::new(Vec::<FeedItem>::new());
    let cursor = RwSignal::new(None::<i64>);
    let started = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if live.loaded.get() && !started.get_untracked() {
            started.set(true);
            cursor.set(live.older.get_untracked());
        }
    });
    let load_more = move |_| {
        let Some(before) = cursor.get_untracked() else {
            return;
        };
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            match crate::social::client::feed(Some(before), 30).await {
                Ok(page) => {
                    older.update(|o| o.extend(page.items));
                    cursor.set(page.next);
                }
                Err(message) => error.set(Some(message)),
            }
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = (before, older, error);
    };
    let older_items = move || {
        older.with(|o| {
            o.iter()
                .filter(|item| is_shown(item))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="section">
            <h2 class="section-title">"Listening now"</h2>
            <ListeningNow/>
        </section>
        <section class="section">
            <h2 class="section-title">"History"</h2>
            {move || (live.loaded.get() && live.recent.with(Vec::is_empty)).then(|| view! {
                <p class="muted">"Nothing yet. When your friends play or like something, it shows up here. "
                    <a href="/friends">"Find friends"</a></p>
            })}
            <RecentActivity limit=MAX_RECENT/>
            <ol class="activity-list">
                <For each=older_items key=|item| item.id let:item>
                    <ActivityItem item/>
                </For>
            </ol>
            {move || error.get().map(|message| view! { <p class="form-error" role="alert">{message}</p> })}
            {move || cursor.get().is_some().then(|| view! {
                <button type="button" class="button" on:click=load_more>"Load more"</button>
            })}
        </section>
    }
}

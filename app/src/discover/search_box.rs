//! The header's search box, on every page. Without JavaScript it is a
//! plain search form (`<form role="search">` submitting `q` to `/search`).
//! After hydration it is a combobox (WAI-ARIA 1.2): as the listener types
//! it asks `/api/search` (debounced, stale answers dropped) and shows a
//! listbox of suggestions grouped Artists / Albums / Tracks / Listeners;
//! ArrowDown/ArrowUp move the active option (wrapping), Enter opens it (or,
//! with none active, the `/search` page), Escape and blur close the popup.
//! It navigates client-side, so the player keeps playing.
//!
//! Accessible names: the input is "Search" (role `searchbox`, `combobox`
//! once hydrated), the popup "Search suggestions", its groups by kind; a
//! polite live region (not `role="status"`, which pages use for their own
//! messages) says how many suggestions there are.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};

use super::suggestions::{next, previous, search_href, Kind, Suggestion};
use crate::components::icon::{Icon, IconKind};

/// How long typing must pause before a search is sent.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
const DEBOUNCE_MS: u64 = 150;

const INPUT_ID: &str = "site-search";
const LISTBOX_ID: &str = "site-search-listbox";

fn option_id(index: usize) -> String {
    format!("site-search-option-{index}")
}

#[component]
pub fn SearchBox() -> impl IntoView {
    let location = use_location();
    // The box shows the query of the `/search` page, and is empty anywhere
    // else (on the server too, so cached pages stay the same).
    let from_url = move || {
        if location.pathname.get() == "/search" {
            location.query.with(|q| q.get("q")).unwrap_or_default()
        } else {
            String::new()
        }
    };
    let text = RwSignal::new(from_url());
    let items = RwSignal::new(Vec::<Suggestion>::new());
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let focused = RwSignal::new(false);
    let status = RwSignal::new(String::new());
    let hydrated = RwSignal::new(false);
    // Bumped by every keystroke and navigation: an answer to an older
    // search is dropped.
    let generation = StoredValue::new(0_u64);

    let close = move || {
        open.set(false);
        active.set(None);
        status.set(String::new());
    };
    Effect::new(move |_| hydrated.set(true));
    // Navigation closes the popup and shows the new page's query.
    Effect::new(move |_| {
        let shown = from_url();
        generation.update_value(|g| *g += 1);
        text.set(shown);
        items.set(Vec::new());
        close();
    });

    let navigate = use_navigate();
    let go = Callback::new(move |href: String| {
        close();
        navigate(&href, Default::default());
    });

    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        text.set(value.clone());
        active.set(None);
        generation.update_value(|g| *g += 1);
        if value.trim().is_empty() {
            items.set(Vec::new());
            close();
        } else {
            #[cfg(feature = "hydrate")]
            search_soon(value, generation, move |list| {
                status.set(match list.len() {
                    0 => "No suggestions".to_owned(),
                    1 => "1 suggestion".to_owned(),
                    n => format!("{n} suggestions"),
                });
                open.set(!list.is_empty() && focused.get_untracked());
                items.set(list);
            });
        }
    };

    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let len = items.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" | "ArrowUp" if len > 0 => {
                ev.prevent_default();
                let step = if ev.key() == "ArrowDown" {
                    next
                } else {
                    previous
                };
                open.set(true);
                active.update(|a| *a = step(*a, len));
            }
            "Escape" if open.get_untracked() => {
                ev.prevent_default();
                close();
            }
            "Enter" if open.get_untracked() => {
                let chosen = active
                    .get_untracked()
                    .and_then(|i| items.with_untracked(|l| l.get(i).map(|s| s.href.clone())));
                if let Some(href) = chosen {
                    ev.prevent_default();
                    go.run(href);
                }
            }
            _ => {}
        }
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        go.run(search_href(&text.get_untracked()));
    };

    let options = move || {
        let list = items.get();
        Kind::ALL
            .into_iter()
            .filter(|kind| list.iter().any(|s| s.kind == *kind))
            .map(|kind| {
                let label_id = format!("site-search-group-{}", kind.slug());
                let rows = list
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.kind == kind)
                    .map(|(index, s)| {
                        let href = s.href.clone();
                        let is_active = move || active.get() == Some(index);
                        view! {
                            <div role="option" id=option_id(index) class="suggestion"
                                class:active=is_active
                                aria-selected=move || is_active().to_string()
                                on:mousedown=|ev| ev.prevent_default()
                                on:click=move |_| go.run(href.clone())>
                                <span class="suggestion-label">{s.label.clone()}</span>
                                {s.detail.clone().map(|d| view! { <span class="suggestion-detail muted">{d}</span> })}
                            </div>
                        }
                    })
                    .collect_view();
                let labelled_by = label_id.clone();
                view! {
                    <div role="group" class="suggestion-group" aria-labelledby=labelled_by>
                        <div role="presentation" class="suggestion-group-label" id=label_id>{kind.label()}</div>
                        {rows}
                    </div>
                }
            })
            .collect_view()
    };

    view! {
        <form class="site-search" role="search" action="/search" method="get" on:submit=on_submit>
            <label for=INPUT_ID class="visually-hidden">"Search"</label>
            <input id=INPUT_ID type="search" name="q" placeholder="Search artists, albums, tracks, people"
                autocomplete="off" autocapitalize="none" spellcheck="false" maxlength="100"
                role=move || hydrated.get().then_some("combobox")
                aria-autocomplete=move || hydrated.get().then_some("list")
                aria-controls=move || hydrated.get().then_some(LISTBOX_ID)
                aria-expanded=move || hydrated.get().then(|| open.get().to_string())
                aria-activedescendant=move || active.get().filter(|_| open.get()).map(option_id)
                value=move || text.get()
                prop:value=move || text.get()
                on:input=on_input
                on:keydown=on_keydown
                on:focus=move |_| {
                    focused.set(true);
                    if !items.with_untracked(Vec::is_empty) && !text.with_untracked(|t| t.trim().is_empty()) {
                        open.set(true);
                    }
                }
                on:blur=move |_| {
                    focused.set(false);
                    close();
                }/>
            <button type="submit" class="ctl small search-submit" aria-label="Submit search">
                <Icon kind=IconKind::Search/>
            </button>
            <div id=LISTBOX_ID role="listbox" class="suggestions" aria-label="Search suggestions"
                hidden=move || !open.get()>
                {options}
            </div>
            <span class="visually-hidden" aria-live="polite">{move || status.get()}</span>
        </form>
    }
}

/// After [`DEBOUNCE_MS`], unless another keystroke came since: searches for
/// `text` and hands the suggestions to `show`, unless the listener typed or
/// navigated meanwhile (a stale answer is dropped).
#[cfg(feature = "hydrate")]
fn search_soon(
    text: String,
    generation: StoredValue<u64>,
    show: impl Fn(Vec<Suggestion>) + 'static,
) {
    let ticket = generation.get_value();
    let current = move || generation.try_get_value() == Some(ticket);
    set_timeout(
        move || {
            if !current() {
                return;
            }
            leptos::task::spawn_local(async move {
                let found = find(text).await;
                if current() {
                    show(found);
                }
            });
        },
        std::time::Duration::from_millis(DEBOUNCE_MS),
    );
}

/// Searches for `text` and makes the suggestions (none if the search
/// failed). A WASM chunk of its own (`#[lazy]`), loaded by the first search
/// typed: a page that is only read never loads it.
#[cfg(feature = "hydrate")]
#[leptos::lazy]
async fn find(text: String) -> Vec<Suggestion> {
    use super::suggestions::{suggestions, PER_KIND};
    let limit = u32::try_from(PER_KIND).unwrap_or(u32::MAX);
    super::client::search(&text, limit)
        .await
        .map(|r| suggestions(r, PER_KIND))
        .unwrap_or_default()
}

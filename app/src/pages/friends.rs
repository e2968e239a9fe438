//! `/friends`: add a friend by username, answer requests, see who you are
//! friends with, people you may know (friends of friends) and listeners
//! like you (close taste). Personal: filled in after hydration; every
//! change reloads the lists.

mod like_you;

use chorus_domain::{FriendList, FriendSuggestion, ListenerLikeYou, PublicUser};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::{lazy_route, LazyRoute};

use crate::account::Account;
use like_you::ListenersLikeYou;

/// The `/friends` route, loaded on demand: with `cargo leptos build --split`
/// its code is a WASM chunk of its own, fetched when the route is first
/// shown (the server renders it like any page; opened on it, the browser
/// entry loads the chunk before hydrating: `crate::preload_lazy_route`).
pub struct FriendsRoute;

#[lazy_route]
impl LazyRoute for FriendsRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <FriendsPage/> }.into_any()
    }
}

#[component]
pub fn FriendsPage() -> impl IntoView {
    let account = Account::get();
    view! {
        <Title text="Friends"/>
        <Meta name="robots" content="noindex"/>
        <h1 class="page-title">"Friends"</h1>
        {move || match (account.checked.get(), account.me.with(Option::is_some)) {
            (false, _) => view! { <p class="loading">"Loading…"</p> }.into_any(),
            (true, false) => view! {
                <p>"Log in to find your friends. " <a href="/login">"Log in"</a></p>
            }
            .into_any(),
            (true, true) => view! { <Friends/> }.into_any(),
        }}
        <noscript><p class="form-error">"Friends need JavaScript."</p></noscript>
    }
}

/// The lists, and a reload after each change.
#[derive(Clone, Copy)]
struct Lists {
    friends: RwSignal<Option<FriendList>>,
    suggestions: RwSignal<Vec<FriendSuggestion>>,
    like_you: RwSignal<Vec<ListenerLikeYou>>,
    error: RwSignal<Option<String>>,
}

impl Lists {
    fn reload(self) {
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            use crate::social::client;
            match client::friends().await {
                Ok(list) => {
                    crate::pwa::show_friend_requests(list.incoming.len());
                    self.friends.set(Some(list));
                }
                Err(message) => self.error.set(Some(message)),
            }
            if let Ok(suggestions) = client::suggestions().await {
                self.suggestions.set(suggestions);
            }
            if let Ok(like_you) = crate::discover::client::listeners_like_you().await {
                self.like_you.set(like_you);
            }
        });
    }

    /// Befriends (`add`) or unfriends `username`, then reloads.
    fn change(self, username: String, add: bool) {
        self.error.set(None);
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let done = crate::social::client::set_friendship(&username, add).await;
            if let Err(message) = done {
                self.error.set(Some(message));
            }
            self.reload();
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = (username, add);
    }
}

#[component]
fn Friends() -> impl IntoView {
    let lists = Lists {
        friends: RwSignal::new(None),
        suggestions: RwSignal::new(Vec::new()),
        like_you: RwSignal::new(Vec::new()),
        error: RwSignal::new(None),
    };
    Effect::new(move |_| lists.reload());
    let username = RwSignal::new(String::new());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = username.get_untracked().trim().to_lowercase();
        if !name.is_empty() {
            username.set(String::new());
            lists.change(name, true);
        }
    };
    let section = move |title: &'static str,
                        people: Vec<PublicUser>,
                        actions: &'static [(&'static str, bool)]| {
        (!people.is_empty()).then(|| {
            let rows = people
                .into_iter()
                .map(|person| {
                    let buttons = actions
                        .iter()
                        .map(|&(label, add)| {
                            let name = person.username.to_string();
                            let aria = format!("{label} {}", person.display_name.as_str());
                            view! {
                                <button type="button" class="button small" aria-label=aria
                                    on:click=move |_| lists.change(name.clone(), add)>{label}</button>
                            }
                        })
                        .collect_view();
                    view! { <PersonRow person>{buttons}</PersonRow> }
                })
                .collect_view();
            view! {
                <section class="section">
                    <h2 class="section-title">{title}</h2>
                    <ul class="people">{rows}</ul>
                </section>
            }
        })
    };
    view! {
        <form class="inline-form" on:submit=add>
            <label for="friend-username">"Add a friend by username"</label>
            <input id="friend-username" name="username" autocomplete="off" placeholder="username"
                prop:value=move || username.get() on:input=move |ev| username.set(event_target_value(&ev))/>
            <button type="submit" class="button primary">"Send request"</button>
        </form>
        {move || lists.error.get().map(|message| view! { <p class="form-error" role="alert">{message}</p> })}
        {move || match lists.friends.get() {
            None => view! { <p class="loading">"Loading…"</p> }.into_any(),
            Some(list) => {
                let none = list.friends.is_empty();
                view! {
                    {section("Friend requests", list.incoming, &[("Accept", true), ("Decline", false)])}
                    {section("Sent requests", list.outgoing, &[("Cancel", false)])}
                    {section("Your friends", list.friends, &[("Remove", false)])}
                    {none.then(|| view! { <p class="muted">"No friends yet. Add someone by their username, or pick someone below."</p> })}
                }
                .into_any()
            }
        }}
        {move || {
            let suggestions = lists.suggestions.get();
            (!suggestions.is_empty()).then(|| {
                let rows = suggestions
                    .into_iter()
                    .map(|s| {
                        let name = s.user.username.to_string();
                        let aria = format!("Add {}", s.user.display_name.as_str());
                        let shared = match s.shared_friends {
                            1 => "1 friend in common".to_owned(),
                            n => format!("{n} friends in common"),
                        };
                        view! {
                            <PersonRow person=s.user>
                                <span class="muted">{shared}</span>
                                <button type="button" class="button small" aria-label=aria
                                    on:click=move |_| lists.change(name.clone(), true)>"Add friend"</button>
                            </PersonRow>
                        }
                    })
                    .collect_view();
                view! {
                    <section class="section">
                        <h2 class="section-title">"People you may know"</h2>
                        <ul class="people">{rows}</ul>
                    </section>
                }
            })
        }}
        <ListenersLikeYou lists/>
    }
}

/// A person with a link to their profile, then `children` (actions).
#[component]
fn PersonRow(person: PublicUser, children: Children) -> impl IntoView {
    let name = person.display_name.as_str().to_owned();
    view! {
        <li class="person">
            <a class="who" href=format!("/users/{}", person.username)>
                <span class="avatar" aria-hidden="true">{name.chars().next().unwrap_or('?').to_string()}</span>
                <span>{name.clone()}</span>
                <span class="muted">"@"{person.username.to_string()}</span>
            </a>
            <span class="person-actions">{children()}</span>
        </li>
    }
}

//! `/users/{username}`: a listener's public profile — display name, friends
//! count, liked artists. The HTML is the same for every viewer (so it can be
//! cached); after hydration a signed-in viewer gets the friendship button,
//! their taste compatibility with the listener and, if they may see them,
//! the listener's recent plays.

use chorus_domain::{FeedItem, FriendList, Profile, SurrogateKey, Username};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::account::Account;
use crate::api::load_profile;
use crate::components::activity_item::ActivityItem;
use crate::components::page_state::{ErrorView, Loading};
use crate::components::share_button::ShareButton;
use crate::discover::compatibility::TasteCompatibility;
use crate::preview::{Preview, Subject};

#[component]
pub fn ProfilePage() -> impl IntoView {
    let params = use_params_map();
    let username = Memo::new(move |_| params.read().get("username").unwrap_or_default());
    let profile = Resource::new(move || username.get(), load_profile);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match profile.await {
                    Ok(profile) => view! { <ProfileView profile/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// "Month YYYY" of an RFC 3339 date.
fn month_year(at: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = at
        .get(5..7)
        .and_then(|m| m.parse::<usize>().ok())
        .and_then(|m| MONTHS.get(m.wrapping_sub(1)));
    match (month, at.get(0..4)) {
        (Some(month), Some(year)) => format!("{month} {year}"),
        _ => String::new(),
    }
}

#[component]
fn ProfileView(profile: Profile) -> impl IntoView {
    crate::cdn::shows(
        std::iter::once(SurrogateKey::user(&profile.user.username)).chain(
            profile
                .liked_artists
                .iter()
                .map(|a| SurrogateKey::artist(a.id)),
        ),
    );
    let name = profile.user.display_name.as_str().to_owned();
    let username = profile.user.username.clone();
    let friends = match profile.friends_count {
        1 => "1 friend".to_owned(),
        n => format!("{n} friends"),
    };
    let description = format!(
        "{name} (@{username}) on Chorus: {friends}, the artists they like and what they play."
    );
    let artists = profile
        .liked_artists
        .iter()
        .map(|artist| view! { <li><a class="chip" href=format!("/artists/{}", artist.id)>{artist.name.clone()}</a></li> })
        .collect_view();
    let no_artists = profile.liked_artists.is_empty();
    crate::preview::describe(|| Preview {
        subject: Subject::Listener(profile.clone()),
        title: name.clone(),
        description: description.clone(),
    });
    view! {
        <Title text=name.clone()/>
        <Meta name="description" content=description/>
        <header class="hero profile-hero">
            <span class="avatar large" aria-hidden="true">{name.chars().next().unwrap_or('?').to_string()}</span>
            <div class="hero-text">
                <p class="kicker">"Listener"</p>
                <h1 class="page-title">{name.clone()}</h1>
                <p class="credits">"@"{username.to_string()}" · "<span data-testid="friends-count">{friends}</span>
                    " · joined "{month_year(&profile.joined_at)}</p>
                <div class="hero-actions"><FriendButton username=username.clone() name=name.clone()/><ShareButton/></div>
            </div>
        </header>
        <TasteCompatibility username=username.clone()/>
        <section class="section">
            <h2 class="section-title">"Liked artists"</h2>
            {if no_artists {
                view! { <p class="muted">"No liked artists to show."</p> }.into_any()
            } else {
                view! { <ul class="chips">{artists}</ul> }.into_any()
            }}
        </section>
        <section class="section">
            <h2 class="section-title">"Recent plays"</h2>
            <RecentPlays username/>
        </section>
    }
}

/// Where the viewer stands with this listener.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Standing {
    Myself,
    Friends,
    /// They asked the viewer.
    Incoming,
    /// The viewer asked them.
    Outgoing,
    None,
}

#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
fn standing(list: &FriendList, username: &Username) -> Standing {
    let has = |people: &[chorus_domain::PublicUser]| people.iter().any(|p| &p.username == username);
    if has(&list.friends) {
        Standing::Friends
    } else if has(&list.incoming) {
        Standing::Incoming
    } else if has(&list.outgoing) {
        Standing::Outgoing
    } else {
        Standing::None
    }
}

/// Add friend / Accept / Cancel request / Remove friend, after hydration.
#[component]
fn FriendButton(username: Username, name: String) -> impl IntoView {
    let account = Account::get();
    let status = RwSignal::new(None::<Standing>);
    let error = RwSignal::new(None::<String>);
    let target = username.clone();
    Effect::new(move |_| {
        let me = account.me.get();
        let target = target.clone();
        match me {
            None => status.set(None),
            Some(me) if me.username == target => status.set(Some(Standing::Myself)),
            Some(_) => {
                #[cfg(feature = "hydrate")]
                leptos::task::spawn_local(async move {
                    match crate::social::client::friends().await {
                        Ok(list) => status.set(Some(standing(&list, &target))),
                        Err(message) => error.set(Some(message)),
                    }
                });
            }
        }
    });
    let act = move |add: bool, next: Standing| {
        let username = username.to_string();
        error.set(None);
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let done = crate::social::client::set_friendship(&username, add).await;
            match done {
                Ok(()) => status.set(Some(next)),
                Err(message) => error.set(Some(message)),
            }
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = (username, add, next);
    };
    let button = move |label: &'static str, aria: String, add: bool, next: Standing| {
        let act = act.clone();
        view! { <button type="button" class="button" aria-label=aria on:click=move |_| act(add, next)>{label}</button> }
            .into_any()
    };
    view! {
        {move || match status.get() {
            None => ().into_any(),
            Some(Standing::Myself) => view! { <a class="button" href="/settings">"Edit settings"</a> }.into_any(),
            Some(Standing::None) => button("Add friend", format!("Add {name} as a friend"), true, Standing::Outgoing),
            Some(Standing::Incoming) => button("Accept friend request", format!("Accept {name}'s friend request"), true, Standing::Friends),
            Some(Standing::Outgoing) => button("Cancel request", format!("Cancel your friend request to {name}"), false, Standing::None),
            Some(Standing::Friends) => view! {
                <span class="badge">"Friends"</span>
                {button("Remove friend", format!("Remove {name} from your friends"), false, Standing::None)}
            }
            .into_any(),
        }}
        {move || error.get().map(|message| view! { <p class="form-error" role="alert">{message}</p> })}
    }
}

/// The listener's recent plays, if the viewer may see them (themself or a
/// friend); the server decides.
#[component]
fn RecentPlays(username: Username) -> impl IntoView {
    let account = Account::get();
    let plays = RwSignal::new(None::<Result<Vec<FeedItem>, String>>);
    Effect::new(move |_| {
        let signed_in = account.me.with(Option::is_some);
        plays.set(None);
        #[cfg(feature = "hydrate")]
        if signed_in {
            let username = username.clone();
            leptos::task::spawn_local(async move {
                let page = crate::social::client::plays(&username, None).await;
                plays.set(Some(page.map(|p| p.items)));
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (signed_in, &username);
    });
    view! {
        {move || match (account.checked.get(), account.me.with(Option::is_some), plays.get()) {
            (true, false, _) => view! { <p class="muted">"Friends see what they play. " <a href="/login">"Log in"</a></p> }.into_any(),
            (_, _, Some(Ok(items))) if items.is_empty() => view! { <p class="muted">"No plays to show yet."</p> }.into_any(),
            (_, _, Some(Ok(items))) => view! {
                <ol class="activity-list" data-testid="recent-plays">
                    {items.into_iter().map(|item| view! { <ActivityItem item/> }).collect_view()}
                </ol>
            }
            .into_any(),
            (_, _, Some(Err(message))) => view! { <p class="muted">{message}</p> }.into_any(),
            _ => view! { <noscript><p class="muted">"Friends see what they play (with JavaScript)."</p></noscript> }.into_any(),
        }}
    }
}

//! `/notifications`: what friends told you, newest first: friend requests
//! and their acceptance, music sent with a message, invitations to edit a
//! playlist. Read again whenever the live unread count changes, so a song
//! sent meanwhile shows up; "Mark all as read" marks what is shown.

use chorus_domain::{Notification, NotificationKind, NotificationList};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::{lazy_route, LazyRoute};

use crate::components::time_ago::time_ago;
use crate::live::Live;
use crate::pages::SignedIn;

/// The `/notifications` route, loaded on demand.
pub struct NotificationsRoute;

#[lazy_route]
impl LazyRoute for NotificationsRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <NotificationsPage/> }.into_any()
    }
}

#[component]
fn NotificationsPage() -> impl IntoView {
    view! {
        <Title text="Notifications"/>
        <Meta name="robots" content="noindex"/>
        <h1 class="page-title">"Notifications"</h1>
        <SignedIn what="see your notifications">
            <Inbox/>
        </SignedIn>
    }
}

#[component]
fn Inbox() -> impl IntoView {
    let live = Live::get();
    let list = RwSignal::new(None::<NotificationList>);
    let error = RwSignal::new(None::<String>);
    #[cfg(feature = "hydrate")]
    let load = move || {
        leptos::task::spawn_local(async move {
            match crate::notifications::client::list().await {
                Ok(got) => list.set(Some(got)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        live.unread.track();
        load();
    });
    let mark_all = move |_| {
        let newest = list.with_untracked(|l| {
            l.as_ref()
                .and_then(|l| l.notifications.first().map(|n| n.id))
        });
        #[cfg(feature = "hydrate")]
        if let Some(newest) = newest {
            leptos::task::spawn_local(async move {
                match crate::notifications::client::mark_read(newest).await {
                    Ok(()) => load(),
                    Err(e) => error.set(Some(e)),
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = newest;
    };
    view! {
        {move || error.get().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
        {move || list.get().map(|l| {
            if l.notifications.is_empty() {
                return view! {
                    <p class="muted">"Nothing yet. When friends send you music or ask to be friends, it shows here."</p>
                }.into_any();
            }
            let now = live.clock_ms.get_untracked();
            let items = l.notifications.into_iter().map(|n| item(n, now)).collect_view();
            view! {
                <div class="hero-actions">
                    <button type="button" class="button" disabled=l.unread == 0 on:click=mark_all>"Mark all as read"</button>
                </div>
                <ul class="notifications" aria-label="Your notifications">{items}</ul>
            }.into_any()
        })}
    }
}

fn item(n: Notification, now_ms: f64) -> impl IntoView {
    let from = view! {
        <a href=format!("/users/{}", n.from.username.as_str())>{n.from.display_name.as_str().to_owned()}</a>
    };
    let subject = n.subject.map(|s| {
        let href = s.sent().map(|sent| sent.path()).unwrap_or_default();
        view! { <a href=href>{s.title}</a> }
    });
    let text = match n.kind {
        NotificationKind::FriendRequest => {
            view! { " wants to be friends. " <a href="/friends">"Answer"</a> }.into_any()
        }
        NotificationKind::FriendAccepted => view! { " accepted your friend request." }.into_any(),
        NotificationKind::Dedication => view! { " sent you " {subject} }.into_any(),
        NotificationKind::PlaylistInvite => view! { " invited you to edit " {subject} }.into_any(),
    };
    let message = n.message.filter(|m| !m.is_empty());
    view! {
        <li class="notification" class:unread=!n.read>
            <p>{from}{text}{(!n.read).then(|| view! { <span class="visually-hidden">" (unread)"</span> })}</p>
            {message.map(|m| view! { <blockquote class="dedication-message">{m}</blockquote> })}
            <p class="muted notification-time"><time datetime=n.at.clone()>{time_ago(&n.at, now_ms)}</time></p>
        </li>
    }
}

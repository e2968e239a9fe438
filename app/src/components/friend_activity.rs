//! The "Friend activity" sidebar (like Spotify's desktop app): who is
//! playing what right now, with a live progress bar and a "Listen along"
//! button, then what friends did lately. Personal, so the server renders
//! only its frame; it fills in after hydration from [`Live`]. Below 1100 px
//! the same [`FriendActivityPanel`] opens as a sheet from the player bar
//! (`player/bar/friends_sheet.rs`).

use chorus_domain::format_duration;
use leptos::lazy;
use leptos::prelude::*;

use super::activity_item::{is_shown, ActivityItem};
use crate::account::Account;
use crate::live::{FriendNow, Live};
use crate::player::Player;

/// Lines of recent activity in the sidebar.
const SIDEBAR_EVENTS: usize = 12;

/// The sidebar (wide screens; hidden by CSS below 1100 px, where the player
/// bar's "Friend activity" button opens the same panel as a sheet).
#[component]
pub fn FriendActivity() -> impl IntoView {
    view! {
        <aside class="friend-activity" aria-label="Friend activity">
            <FriendActivityPanel/>
        </aside>
    }
}

/// The panel's content: title and live status (then `children`, e.g. a
/// sheet's Close button), who is listening now and what friends did lately.
/// Everything reads [`Live`], so every copy updates at once.
#[component]
pub fn FriendActivityPanel(#[prop(optional)] children: Option<Children>) -> impl IntoView {
    let account = Account::get();
    let live = Live::get();
    view! {
        <div class="sidebar-head">
            <h2 class="section-title">"Friend activity"</h2>
            <span class="live-status" data-status=move || live.status.get().as_str()
                title=move || format!("Live updates: {}", live.status.get().as_str())></span>
            {children.map(|children| children())}
        </div>
        {move || match (account.checked.get(), account.me.with(Option::is_some)) {
            (false, _) => ().into_any(),
            (true, false) => view! {
                <p class="muted">"See what your friends are playing. " <a href="/login">"Log in"</a></p>
            }
            .into_any(),
            (true, true) => view! { <Suspense>{Suspend::new(signed_in_panel())}</Suspense> }.into_any(),
        }}
    }
}

/// Who is listening now and what friends did lately. Only someone signed
/// in sees it, so in the browser it is a WASM chunk of its own (`#[lazy]`),
/// loaded on first sign-in: a visitor never loads it.
#[lazy]
fn signed_in_panel() -> AnyView {
    view! {
        <ListeningNow/>
        <h3 class="sidebar-subtitle">"Recently"</h3>
        <RecentActivity limit=SIDEBAR_EVENTS/>
    }
    .into_any()
}

/// Friends online or playing, as cards.
#[component]
pub fn ListeningNow() -> impl IntoView {
    let live = Live::get();
    view! {
        <ul class="now-cards" aria-label="Listening now">
            <For each=move || live.friends.get() key=|f| (f.presence.username.clone(), f.received_at_ms.to_bits()) let:friend>
                <NowCard friend/>
            </For>
        </ul>
        {move || (live.loaded.get() && live.friends.with(Vec::is_empty)).then(|| view! {
            <p class="muted empty-note">"None of your friends is listening right now. " <a href="/friends">"Find friends"</a></p>
        })}
    }
}

/// The latest `limit` events worth a line.
#[component]
pub fn RecentActivity(limit: usize) -> impl IntoView {
    let live = Live::get();
    let items = move || {
        live.recent.with(|recent| {
            recent
                .iter()
                .filter(|item| is_shown(item))
                .take(limit)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <ol class="activity-list">
            <For each=items key=|item| item.id let:item>
                <ActivityItem item/>
            </For>
        </ol>
    }
}

/// One friend: online, or playing a track with its progress and a button to
/// listen along from the same position.
#[component]
fn NowCard(friend: FriendNow) -> impl IntoView {
    let live = Live::get();
    let player = Player::get();
    let name = friend.presence.display_name.as_str().to_owned();
    let username = friend.presence.username.clone();
    let playing = friend.presence.now_playing.clone();
    let card_label = match &playing {
        Some(now) => format!("{name} is playing {}", now.track.title),
        None => format!("{name} is online"),
    };
    let body = playing.map(|now| {
        let track = now.track.clone();
        let duration = track.duration_ms.max(1);
        let friend = StoredValue::new(friend.clone());
        let position = move || {
            friend
                .with_value(|f| f.position_ms(live.clock_ms.get()))
                .unwrap_or(0)
        };
        let for_button = track.clone();
        view! {
            <a class="now-track" href=format!("/tracks/{}", track.id)>{track.title.clone()}</a>
            <a class="muted now-artist" href=format!("/artists/{}", track.artist.id)>{track.artist.name.clone()}</a>
            <div class="friend-progress" role="progressbar" aria-label=format!("{name}'s position")
                aria-valuemin="0" aria-valuemax=duration / 1000
                aria-valuenow=move || position() / 1000
                aria-valuetext=move || format!("{} of {}", format_duration(position()), format_duration(duration))>
                <span style=move || format!("width:{:.1}%", position() as f64 / duration as f64 * 100.0)></span>
            </div>
            <button type="button" class="button small listen-along"
                title=format!("Play {} from where {name} is", track.title)
                on:click=move |_| player.listen_along(for_button.clone(), position() as f64 / 1000.0)>
                "Listen along"
            </button>
        }
    });
    let online = friend.presence.online;
    view! {
        <li class="now-card" aria-label=card_label data-username=username.to_string()>
            <a class="who" href=format!("/users/{username}")>
                <span class="avatar" aria-hidden="true">{name.chars().next().unwrap_or('?').to_string()}</span>
                {name.clone()}
                {online.then(|| view! { <span class="online-dot" title="Online"></span> })}
            </a>
            {body}
        </li>
    }
}

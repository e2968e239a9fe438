//! "Listeners like you" on the friends page: listeners whose taste is close
//! to yours who are not your friends yet (from `/api/listeners-like-you`,
//! loaded with the other lists), each with the match score, the artists
//! you both like and friends in common, and the same "Add friend" the
//! suggestions use. Accessible name of the button: "Add <name> as a
//! friend".

use chorus_domain::{FriendList, ListenerLikeYou};
use leptos::prelude::*;

use super::Lists;
use crate::discover::compatibility::score_word;

/// Most shared artists named per listener.
const SHARED_SHOWN: usize = 3;

#[component]
pub(super) fn ListenersLikeYou(lists: Lists) -> impl IntoView {
    move || {
        let people = lists.like_you.get();
        (!people.is_empty()).then(|| {
            let friends = lists.friends.get();
            let rows = people
                .into_iter()
                .map(|listener| view! { <ListenerRow listener lists friends=friends.clone()/> })
                .collect_view();
            view! {
                <section class="section" aria-labelledby="like-you-title">
                    <h2 class="section-title" id="like-you-title">"Listeners like you"</h2>
                    <ul class="people">{rows}</ul>
                </section>
            }
        })
    }
}

#[component]
fn ListenerRow(
    listener: ListenerLikeYou,
    lists: Lists,
    friends: Option<FriendList>,
) -> impl IntoView {
    let ListenerLikeYou {
        user,
        score,
        shared_artists,
        shared_friends,
    } = listener;
    let name = user.display_name.as_str().to_owned();
    let username = user.username.to_string();
    let listed =
        |people: &[chorus_domain::PublicUser]| people.iter().any(|p| p.username == user.username);
    let asked = friends.as_ref().is_some_and(|f| listed(&f.outgoing));
    let asking = friends.as_ref().is_some_and(|f| listed(&f.incoming));
    let in_common = match shared_friends {
        0 => None,
        1 => Some("1 friend in common".to_owned()),
        n => Some(format!("{n} friends in common")),
    };
    let shared = (!shared_artists.is_empty()).then(|| {
        let links = shared_artists
            .into_iter()
            .take(SHARED_SHOWN)
            .enumerate()
            .map(|(i, artist)| {
                view! {
                    {(i > 0).then_some(", ")}
                    <a href=format!("/artists/{}", artist.id)>{artist.name}</a>
                }
            })
            .collect_view();
        view! { <p class="like-you-shared muted">"You both like " {links}</p> }
    });
    let action = if asked {
        view! { <span class="badge">"Request sent"</span> }.into_any()
    } else {
        let (label, aria) = if asking {
            ("Accept", format!("Accept {name}'s friend request"))
        } else {
            ("Add friend", format!("Add {name} as a friend"))
        };
        view! {
            <button type="button" class="button small" aria-label=aria
                on:click=move |_| lists.change(username.clone(), true)>{label}</button>
        }
        .into_any()
    };
    view! {
        <li class="person like-you">
            <a class="who" href=format!("/users/{}", user.username)>
                <span class="avatar" aria-hidden="true">{name.chars().next().unwrap_or('?').to_string()}</span>
                <span>{name.clone()}</span>
                <span class="muted">"@"{user.username.to_string()}</span>
            </a>
            <span class="match">
                <strong>{format!("{score}%")}</strong>" match · "{score_word(score)}
            </span>
            <span class="person-actions">
                {in_common.map(|text| view! { <span class="muted">{text}</span> })}
                {action}
            </span>
            {shared}
        </li>
    }
}

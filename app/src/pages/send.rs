//! `/send?track=3&title=…` (or `album=`, `playlist=`): sends a friend a
//! track, an album or a playlist with a few words, iLike's dedication.
//! Every "Send to a friend" link opens it. The friend is told at once
//! (their unread count goes up live) and finds it in their notifications.

use chorus_domain::api::DedicationBody;
use chorus_domain::{AlbumId, PlaylistId, PublicUser, Sent, TrackId, MAX_DEDICATION_MESSAGE};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;
use leptos_router::{lazy_route, LazyRoute};

use crate::pages::SignedIn;

/// The `/send` route, loaded on demand.
pub struct SendRoute;

#[lazy_route]
impl LazyRoute for SendRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <SendPage/> }.into_any()
    }
}

/// What the query names: the first of `track`, `album` and `playlist`
/// holding an id.
fn sent_in(track: Option<String>, album: Option<String>, playlist: Option<String>) -> Option<Sent> {
    let id = |raw: Option<String>| {
        raw.and_then(|raw| raw.parse::<i64>().ok())
            .filter(|&id| id > 0)
    };
    id(track)
        .map(|id| Sent::Track(TrackId(id)))
        .or_else(|| id(album).map(|id| Sent::Album(AlbumId(id))))
        .or_else(|| id(playlist).map(|id| Sent::Playlist(PlaylistId(id))))
}

#[component]
fn SendPage() -> impl IntoView {
    let query = use_query_map();
    let sent = Memo::new(move |_| {
        query.with(|q| sent_in(q.get("track"), q.get("album"), q.get("playlist")))
    });
    view! {
        <Title text="Send to a friend"/>
        <Meta name="robots" content="noindex"/>
        <h1 class="page-title">"Send to a friend"</h1>
        <SignedIn what="send music to friends">
            {move || match sent.get() {
                None => view! { <p class="form-error" role="alert">"Nothing was chosen to send."</p> }.into_any(),
                Some(sent) => {
                    let title = query.with(|q| q.get("title")).unwrap_or_default();
                    view! { <SendForm sent title/> }.into_any()
                }
            }}
        </SignedIn>
    }
}

#[component]
fn SendForm(sent: Sent, title: String) -> impl IntoView {
    let friends = RwSignal::new(None::<Vec<PublicUser>>);
    let to = RwSignal::new(String::new());
    let message = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        leptos::task::spawn_local(async move {
            match crate::social::client::friends().await {
                Ok(list) => {
                    if let Some(first) = list.friends.first() {
                        to.set(first.username.as_str().to_owned());
                    }
                    friends.set(Some(list.friends));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        done.set(None);
        sending.set(true);
        let body = DedicationBody::new(&to.get_untracked(), sent, &message.get_untracked());
        // Read now: the task starts later, maybe after the form is gone.
        let name = friends.with_untracked(|list| {
            list.iter()
                .flatten()
                .find(|f| f.username.as_str() == body.to)
                .map(|f| f.display_name.as_str().to_owned())
                .unwrap_or_else(|| body.to.clone())
        });
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            match crate::notifications::client::send(body).await {
                Ok(n) => {
                    let what = n.subject.map(|s| s.title).unwrap_or_default();
                    done.set(Some(format!("Sent {what} to {name}.")));
                    message.set(String::new());
                }
                Err(e) => error.set(Some(e)),
            }
            sending.set(false);
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = (body, name);
    };
    let kind = match sent {
        Sent::Track(_) => "Track",
        Sent::Album(_) => "Album",
        Sent::Playlist(_) => "Playlist",
    };
    view! {
        <p class="send-what"><span class="muted">{kind} ": "</span><strong>{title}</strong></p>
        <p class="status" role="status">{move || done.get()}</p>
        {move || error.get().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
        {move || friends.get().map(|list| if list.is_empty() {
            view! {
                <p>"Music goes to friends. You have none on Chorus yet: "<a href="/friends">"find friends"</a>"."</p>
            }.into_any()
        } else {
            let options = list
                .into_iter()
                .map(|f| view! { <option value=f.username.as_str().to_owned()>{f.display_name.as_str().to_owned()}</option> })
                .collect_view();
            view! {
                <form class="stacked-form send-form" on:submit=submit>
                    <label for="send-to">"Friend"</label>
                    <select id="send-to" prop:value=move || to.get() on:change=move |ev| to.set(event_target_value(&ev))>
                        {options}
                    </select>
                    <label for="send-message">"Message"</label>
                    <textarea id="send-message" rows="3" maxlength=MAX_DEDICATION_MESSAGE.to_string()
                        placeholder="A few words (optional)"
                        prop:value=move || message.get() on:input=move |ev| message.set(event_target_value(&ev))></textarea>
                    <div class="hero-actions">
                        <button type="submit" class="button primary" disabled=move || sending.get()>"Send"</button>
                    </div>
                </form>
            }.into_any()
        })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn some(s: &str) -> Option<String> {
        Some(s.to_owned())
    }

    #[test]
    fn the_query_names_one_thing_to_send() {
        assert_eq!(
            sent_in(some("3"), None, None),
            Some(Sent::Track(TrackId(3)))
        );
        assert_eq!(
            sent_in(None, some("2"), None),
            Some(Sent::Album(AlbumId(2)))
        );
        assert_eq!(
            sent_in(some("x"), None, some("9")),
            Some(Sent::Playlist(PlaylistId(9)))
        );
        assert_eq!(sent_in(some("0"), some("-1"), None), None);
        assert_eq!(sent_in(None, None, None), None);
    }
}

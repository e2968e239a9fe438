//! Like buttons and the likes they show. [`Likes`] holds the signed-in
//! listener's liked tracks and artists, loaded from `/api/me/likes` after
//! hydration; a [`LikeButton`] shows and toggles one of them. Rendered
//! unpressed on the server, so pages stay the same for everyone. Accessible
//! names: "Like <title>" with `aria-pressed`.

use std::collections::HashSet;

use chorus_domain::{ArtistId, TrackId};
use leptos::prelude::*;

use crate::account::Account;
use crate::components::icon::{Icon, IconKind};

/// What a like button likes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Likeable {
    Track(TrackId),
    Artist(ArtistId),
    Album(chorus_domain::AlbumId),
}

/// The signed-in listener's likes (empty when signed out).
#[derive(Clone, Copy)]
pub struct Likes {
    liked: RwSignal<HashSet<Likeable>>,
}

impl Likes {
    /// Creates the likes and, in the browser, loads them whenever someone
    /// signs in (and forgets them on sign-out).
    pub fn provide(account: Account) -> Self {
        let likes = Self {
            liked: RwSignal::new(HashSet::new()),
        };
        provide_context(likes);
        Effect::new(move |_| {
            let signed_in = account.me.with(Option::is_some);
            likes.liked.set(HashSet::new());
            #[cfg(feature = "hydrate")]
            if signed_in {
                leptos::task::spawn_local(async move {
                    if let Ok(ids) = crate::social::client::likes().await {
                        let tracks = ids.tracks.into_iter().map(Likeable::Track);
                        let artists = ids.artists.into_iter().map(Likeable::Artist);
                        let albums = ids.albums.into_iter().map(Likeable::Album);
                        likes
                            .liked
                            .set(tracks.chain(artists).chain(albums).collect());
                    }
                });
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = signed_in;
        });
        likes
    }

    pub fn get() -> Self {
        expect_context::<Self>()
    }

    /// Subscribes the running effect to any like changing.
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    pub fn track(&self) {
        self.liked.track();
    }

    pub fn is_liked(&self, what: Likeable) -> bool {
        self.liked.with(|l| l.contains(&what))
    }

    /// Likes or unlikes at once, and undoes it if the server refuses.
    /// Offline (or while what was done offline is still being sent), the
    /// like stands and waits its turn in the outbox.
    fn toggle(&self, what: Likeable, error: RwSignal<Option<String>>) {
        let liked = !self.liked.with_untracked(|l| l.contains(&what));
        self.set(what, liked);
        error.set(None);
        #[cfg(feature = "hydrate")]
        {
            let likes = *self;
            let pending = crate::outbox::Pending::Like { what, liked };
            if crate::outbox::browser::is_waiting() {
                // Behind what was done offline, in order.
                crate::outbox::browser::send(pending);
                return;
            }
            leptos::task::spawn_local(async move {
                match crate::social::client::set_like(what, liked).await {
                    Ok(()) => {}
                    Err(message) if message == crate::json_api::OFFLINE => {
                        crate::outbox::browser::send(pending);
                    }
                    Err(message) => {
                        likes.set(what, !liked);
                        error.set(Some(message));
                    }
                }
            });
        }
    }

    fn set(&self, what: Likeable, liked: bool) {
        self.liked.update(|l| {
            if liked {
                l.insert(what);
            } else {
                l.remove(&what);
            }
        });
    }
}

/// A heart that likes `what`. Signed-out listeners are sent to log in.
#[component]
pub fn LikeButton(
    what: Likeable,
    /// Title of the track or name of the artist, for the accessible name.
    name: String,
    #[prop(default = false)] small: bool,
) -> impl IntoView {
    let likes = Likes::get();
    let account = Account::get();
    let error = RwSignal::new(None::<String>);
    let liked = move || likes.is_liked(what);
    let on_click = move |_| {
        if account.me.with_untracked(Option::is_some) {
            likes.toggle(what, error);
        } else {
            #[cfg(feature = "hydrate")]
            if let Some(window) = web_sys::window() {
                let _ = window.location().set_href("/login");
            }
        }
    };
    view! {
        <button type="button" class="ctl like" class:small=small class:liked=liked
            aria-label=format!("Like {name}") aria-pressed=move || liked().to_string()
            title=move || error.get().unwrap_or_else(|| if liked() { "Unlike".into() } else { "Like".into() })
            on:click=on_click>
            {move || if liked() {
                view! { <Icon kind=IconKind::Liked/> }
            } else {
                view! { <Icon kind=IconKind::Like/> }
            }}
        </button>
    }
}

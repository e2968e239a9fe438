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
    loading: StoredValue<Option<Loading>>,
}

/// A load of the likes under way (a sign-in starts one), and what was liked
/// or unliked here meanwhile. The load's answer may predate those changes,
/// so they are applied on top of it rather than lost.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
struct Loading {
    id: u32,
    changed: Vec<(Likeable, bool)>,
}

impl Likes {
    /// Creates the likes and, in the browser, loads them whenever someone
    /// signs in (and forgets them on sign-out).
    pub fn provide(account: Account) -> Self {
        let likes = Self {
            liked: RwSignal::new(HashSet::new()),
            loading: StoredValue::new(None),
        };
        provide_context(likes);
        Effect::new(move |previous: Option<u32>| {
            let signed_in = account.me.with(Option::is_some);
            let load = previous.map_or(0, |n| n.wrapping_add(1));
            likes.liked.set(HashSet::new());
            likes.loading.set_value(signed_in.then(|| Loading {
                id: load,
                changed: Vec::new(),
            }));
            #[cfg(feature = "hydrate")]
            if signed_in {
                leptos::task::spawn_local(async move {
                    let loaded = crate::social::client::likes().await;
                    // None if another sign-in or a sign-out came meanwhile.
                    let changed = likes
                        .loading
                        .try_update_value(|loading| match loading {
                            Some(this) if this.id == load => loading.take().map(|l| l.changed),
                            _ => None,
                        })
                        .flatten();
                    if let (Ok(ids), Some(changed)) = (loaded, changed) {
                        let tracks = ids.tracks.into_iter().map(Likeable::Track);
                        let artists = ids.artists.into_iter().map(Likeable::Artist);
                        let albums = ids.albums.into_iter().map(Likeable::Album);
                        let loaded = tracks.chain(artists).chain(albums).collect();
                        likes.liked.set(with_changes(loaded, changed));
                    }
                });
            }
            load
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
        self.liked.update(|l| apply(l, what, liked));
        self.loading.update_value(|loading| {
            if let Some(loading) = loading {
                loading.changed.push((what, liked));
            }
        });
    }
}

fn apply(liked: &mut HashSet<Likeable>, what: Likeable, like: bool) {
    if like {
        liked.insert(what);
    } else {
        liked.remove(&what);
    }
}

/// The likes `loaded`, with what was `changed` here while they loaded
/// applied on top, in order.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
fn with_changes(
    mut loaded: HashSet<Likeable>,
    changed: Vec<(Likeable, bool)>,
) -> HashSet<Likeable> {
    for (what, like) in changed {
        apply(&mut loaded, what, like);
    }
    loaded
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

#[cfg(test)]
mod tests {
    use super::*;
    use chorus_domain::{ArtistId, TrackId};

    #[test]
    fn what_changed_while_loading_wins_over_the_load_in_order() {
        let (one, two, three) = (
            Likeable::Track(TrackId(1)),
            Likeable::Track(TrackId(2)),
            Likeable::Artist(ArtistId(3)),
        );
        let loaded = HashSet::from([one, two]);
        let changed = vec![
            (two, false),
            (three, true),
            (three, false),
            (one, false),
            (one, true),
        ];
        assert_eq!(with_changes(loaded, changed), HashSet::from([one]));
    }
}

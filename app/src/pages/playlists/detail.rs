//! `/playlists/{id}`: one playlist. Everyone who may see it plays,
//! shuffles and copies it; its owner and collaborators add, remove and
//! reorder its tracks ([`super::entries`]); its owner renames, describes,
//! sets who sees it, invites friends and deletes it. Every edit answers
//! with the playlist as the server now has it, which is what shows. A
//! public playlist is rendered on the server, the same page for everyone
//! (CDN-cached, purged by each edit); any other is a 404 page there, and
//! shows after hydration to those allowed to see it.

use chorus_domain::api::PlaylistChangesBody;
use chorus_domain::{format_duration, PlaylistDetail, PlaylistEntryId, PlaylistId, PlaylistRole};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::{lazy_route, LazyRoute};

use super::entries::Entries;
use super::visibility::{visibility_label, VisibilitySelect};
use crate::components::icon::{Icon, IconKind};
use crate::components::page_state::{ErrorView, Loading, NotFound};
use crate::pages::id_param;
use crate::player::Player;

/// The `/playlists/:id` route, loaded on demand.
pub struct PlaylistRoute;

#[lazy_route]
impl LazyRoute for PlaylistRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <PlaylistPage/> }.into_any()
    }
}

/// A change asked of the server (sent by the browser only).
#[derive(Clone)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub enum Edit {
    Details(PlaylistChangesBody),
    Delete,
    Move {
        entry: PlaylistEntryId,
        after: Option<PlaylistEntryId>,
        /// Said once it is done ("Moved Tidal Glass up").
        said: String,
    },
    Remove {
        entry: PlaylistEntryId,
        said: String,
    },
    Duplicate,
    Invite(String),
    Uninvite(String),
    Leave(String),
}

/// What the page shows and how it changes. Cheap to copy.
#[derive(Clone, Copy)]
pub struct Shown {
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    pub id: PlaylistId,
    pub detail: RwSignal<Option<PlaylistDetail>>,
    pub error: RwSignal<Option<String>>,
    /// The last change made, said politely (`role=status`).
    pub status: RwSignal<String>,
    /// Set when there is nothing left to show here (deleted, left).
    pub gone: RwSignal<Option<&'static str>>,
    /// A copy just made: its link.
    pub copied: RwSignal<Option<String>>,
}

impl Shown {
    fn new(id: PlaylistId) -> Self {
        Self {
            id,
            detail: RwSignal::new(None),
            error: RwSignal::new(None),
            status: RwSignal::new(String::new()),
            gone: RwSignal::new(None),
            copied: RwSignal::new(None),
        }
    }

    /// Reads it as this listener may see it. Not found (or not allowed)
    /// leaves what the server rendered: its not-found page, or the public
    /// playlist.
    fn load(self) {
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            if let Ok(detail) = crate::playlists::client::get(self.id).await {
                self.detail.set(Some(detail));
            }
        });
    }

    /// Sends `edit`; shows what the server answers.
    pub fn apply(self, edit: Edit) {
        self.error.set(None);
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            use crate::playlists::client;
            let id = self.id;
            let (done, said) = match edit {
                Edit::Details(changes) => (client::update(id, changes).await, "Saved".to_owned()),
                Edit::Move { entry, after, said } => {
                    (client::reorder(id, entry, after).await, said)
                }
                Edit::Remove { entry, said } => (client::remove(id, entry).await, said),
                Edit::Invite(name) => (client::invite(id, &name).await, format!("Invited {name}")),
                Edit::Uninvite(name) => {
                    (client::uninvite(id, &name).await, format!("Removed {name}"))
                }
                Edit::Delete => {
                    match client::delete(id).await {
                        Ok(()) => self.gone.set(Some("Playlist deleted.")),
                        Err(message) => self.error.set(Some(message)),
                    }
                    return;
                }
                Edit::Leave(name) => {
                    match client::leave(id, &name).await {
                        Ok(()) => self.gone.set(Some("You left this playlist.")),
                        Err(message) => self.error.set(Some(message)),
                    }
                    return;
                }
                Edit::Duplicate => {
                    match client::duplicate(id).await {
                        Ok(copy) => self
                            .copied
                            .set(Some(format!("/playlists/{}", copy.playlist.id))),
                        Err(message) => self.error.set(Some(message)),
                    }
                    return;
                }
            };
            match done {
                Ok(detail) => {
                    self.detail.set(Some(detail));
                    self.status.set(said);
                }
                Err(message) => {
                    self.error.set(Some(message));
                    // What the server has now (someone else's edit may be why).
                    self.load();
                }
            }
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = edit;
    }
}

#[component]
fn PlaylistPage() -> impl IntoView {
    let id = id_param::<PlaylistId>();
    view! {
        {move || match id.get() {
            Some(id) => view! { <Loaded id/> }.into_any(),
            None => view! { <NotFound/> }.into_any(),
        }}
    }
}

#[component]
fn Loaded(id: PlaylistId) -> impl IntoView {
    let shown = Shown::new(id);
    // Rendered on the server when public (the same page for everyone,
    // CDN-cached); in the browser then read again as this listener may see
    // it (their role; a friends-only or private one they are allowed).
    let public = Resource::new(move || id, crate::api::load_public_playlist);
    Effect::new(move |_| shown.load());
    // Edits by collaborators (or on another device), told by the feed
    // socket: read it again.
    let live = crate::live::Live::get();
    Effect::new(move |seen: Option<()>| {
        let changed = live.playlist_changed.get();
        if seen.is_some() && changed.is_some_and(|(playlist, _)| playlist == id) {
            shown.load();
        }
    });
    // What was missed while the socket was down.
    Effect::new(move |was_reconnecting: Option<bool>| {
        let status = live.status.get();
        if was_reconnecting == Some(true) && status == crate::live::LiveStatus::Live {
            shown.load();
        }
        status == crate::live::LiveStatus::Reconnecting
    });
    view! {
        <p class="status visually-hidden" role="status">{move || shown.status.get()}</p>
        {move || shown.error.get().map(|message| view! { <p class="form-error" role="alert">{message}</p> })}
        {move || shown.copied.get().map(|href| view! {
            <p class="status">"Copied to your playlists. " <a href=href>"Open the copy"</a></p>
        })}
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let public = public.await;
                match (shown.gone.get(), shown.detail.get(), public) {
                    (Some(message), _, _) => view! {
                        <h1 class="page-title">{message}</h1>
                        <p><a href="/playlists">"Your playlists"</a></p>
                    }
                    .into_any(),
                    (None, Some(detail), _) => view! { <PlaylistView shown detail/> }.into_any(),
                    (None, None, Ok(detail)) => {
                        crate::cdn::shows(detail.surrogate_keys());
                        describe(&detail);
                        view! { <PlaylistView shown detail/> }.into_any()
                    }
                    (None, None, Err(error)) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// "Road trip, a playlist by Ada — 12 tracks, 43:10. Listen on Chorus."
fn description(detail: &PlaylistDetail) -> String {
    let p = &detail.playlist;
    let total: u64 = detail.entries.iter().map(|e| e.track.duration_ms).sum();
    format!(
        "{}, a playlist by {} — {}, {}. Listen on Chorus.",
        p.name.as_str(),
        p.owner.display_name.as_str(),
        crate::pages::tracks_label(p.track_count),
        format_duration(total)
    )
}

/// A public playlist's link preview (on the server).
fn describe(detail: &PlaylistDetail) {
    crate::preview::describe(|| crate::preview::Preview {
        subject: crate::preview::Subject::Playlist(detail.clone()),
        title: detail.playlist.name.as_str().to_owned(),
        description: description(detail),
    });
}

#[component]
fn PlaylistView(shown: Shown, detail: PlaylistDetail) -> impl IntoView {
    let player = Player::get();
    let signed_in = crate::account::Account::get()
        .me
        .with_untracked(Option::is_some);
    let p = detail.playlist.clone();
    let tracks: Vec<_> = detail.entries.iter().map(|e| e.track.clone()).collect();
    let total: u64 = tracks.iter().map(|t| t.duration_ms).sum();
    let empty = tracks.is_empty();
    let tracks = StoredValue::new(tracks);
    let credits = format!(
        "by {} · {} · {} · {}",
        p.owner.display_name.as_str(),
        crate::pages::tracks_label(p.track_count),
        format_duration(total),
        visibility_label(p.visibility)
    );
    let role = detail.role;
    let name = p.name.as_str().to_owned();
    view! {
        <Title text=name.clone()/>
        <Meta name="description" content=description(&detail)/>
        <header class="hero playlist-hero">
            <div class="hero-text">
                <p class="kicker">{if p.collaborative { "Collaborative playlist" } else { "Playlist" }}</p>
                <h1 class="page-title">{name}</h1>
                <p class="credits">{credits}</p>
                {(!p.description.as_str().is_empty()).then(|| view! {
                    <p class="playlist-description">{p.description.as_str().to_owned()}</p>
                })}
                <div class="hero-actions">
                    <button type="button" class="button primary" aria-label="Play playlist" disabled=empty
                        on:click=move |_| player.play_list(tracks.get_value(), 0)>
                        <Icon kind=IconKind::Play/> "Play"
                    </button>
                    <button type="button" class="button" aria-label="Shuffle playlist" disabled=empty
                        on:click=move |_| player.shuffle_list(tracks.get_value())>
                        <Icon kind=IconKind::Shuffle/> "Shuffle"
                    </button>
                    {signed_in.then(|| view! {
                        <button type="button" class="button" on:click=move |_| shown.apply(Edit::Duplicate)>
                            "Duplicate"
                        </button>
                        <crate::notifications::send_link::SendLink
                            sent=chorus_domain::Sent::Playlist(p.id) title=p.name.as_str().to_owned()/>
                    })}
                </div>
            </div>
        </header>
        <Entries shown entries=detail.entries.clone() editable=role.can_edit_tracks()/>
        {(role == PlaylistRole::Owner).then(|| view! { <OwnerTools shown detail=detail.clone()/> })}
        <Collaborators shown detail/>
    }
}

/// Details, who sees it, and deleting it: the owner's.
#[component]
fn OwnerTools(shown: Shown, detail: PlaylistDetail) -> impl IntoView {
    let p = detail.playlist;
    let name = RwSignal::new(p.name.as_str().to_owned());
    let description = RwSignal::new(p.description.as_str().to_owned());
    let visibility = RwSignal::new(p.visibility);
    let confirming = RwSignal::new(false);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        shown.apply(Edit::Details(PlaylistChangesBody {
            name: Some(name.get_untracked()),
            description: Some(description.get_untracked()),
            visibility: Some(visibility.get_untracked()),
        }));
    };
    view! {
        <section class="section">
            <h2 class="section-title">"Details"</h2>
            <form class="stacked-form playlist-details" on:submit=save>
                <label for="playlist-name">"Name"</label>
                <input id="playlist-name" name="name" required maxlength="100"
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                <label for="playlist-description">"Description"</label>
                <textarea id="playlist-description" name="description" maxlength="1000" rows="3"
                    prop:value=move || description.get()
                    on:input=move |ev| description.set(event_target_value(&ev))></textarea>
                <VisibilitySelect id="playlist-visibility" value=visibility/>
                <button type="submit" class="button primary">"Save details"</button>
            </form>
            {move || if confirming.get() {
                view! {
                    <p class="form-error">"Delete this playlist for everyone? This cannot be undone."</p>
                    <button type="button" class="button danger" on:click=move |_| shown.apply(Edit::Delete)>
                        "Yes, delete it"
                    </button>
                    <button type="button" class="button" on:click=move |_| confirming.set(false)>"Keep it"</button>
                }
                .into_any()
            } else {
                view! {
                    <button type="button" class="button" on:click=move |_| confirming.set(true)>"Delete playlist"</button>
                }
                .into_any()
            }}
        </section>
    }
}

/// Who edits it with the owner: the owner invites friends and removes
/// them; a collaborator may leave.
#[component]
fn Collaborators(shown: Shown, detail: PlaylistDetail) -> impl IntoView {
    let me = crate::account::Account::get()
        .me
        .with_untracked(|me| me.as_ref().map(|me| me.username.to_string()));
    let owner = detail.role == PlaylistRole::Owner;
    let invitee = RwSignal::new(String::new());
    let invite = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = invitee.get_untracked().trim().to_lowercase();
        if !name.is_empty() {
            invitee.set(String::new());
            shown.apply(Edit::Invite(name));
        }
    };
    let rows = detail
        .collaborators
        .into_iter()
        .map(|person| {
            let username = person.username.to_string();
            let shown_name = person.display_name.as_str().to_owned();
            let is_me = me.as_deref() == Some(username.as_str());
            let action = if owner {
                let label = format!("Remove {shown_name}");
                let name = username.clone();
                Some(view! {
                    <button type="button" class="button small" aria-label=label
                        on:click=move |_| shown.apply(Edit::Uninvite(name.clone()))>"Remove"</button>
                }.into_any())
            } else if is_me {
                let name = username.clone();
                Some(view! {
                    <button type="button" class="button small"
                        on:click=move |_| shown.apply(Edit::Leave(name.clone()))>"Leave playlist"</button>
                }.into_any())
            } else {
                None
            };
            view! {
                <li class="person">
                    <a href=format!("/users/{username}")>{shown_name.clone()}</a>
                    {action}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="section">
            <h2 class="section-title">"Collaborators"</h2>
            <ul class="people" aria-label="Collaborators">{rows}</ul>
            {owner.then(|| view! {
                <form class="inline-form" on:submit=invite>
                    <label for="invite-username">"Invite a friend to edit"</label>
                    <input id="invite-username" name="username" autocomplete="off" placeholder="username"
                        prop:value=move || invitee.get() on:input=move |ev| invitee.set(event_target_value(&ev))/>
                    <button type="submit" class="button">"Invite"</button>
                </form>
            })}
        </section>
    }
}

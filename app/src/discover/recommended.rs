//! "Recommended for you" on the home page: tracks and artists from
//! `/api/recommendations`, each with why ("Because you like Night Drive ·
//! 3 listeners", "Ada and 2 other friends played this"). Personal, and the
//! home page is cached for everyone, so it renders nothing on the server
//! and appears after hydration for a signed-in listener only.

// The views are built in the browser only (after sign-in).
#![cfg_attr(not(feature = "hydrate"), allow(dead_code))]

use chorus_domain::{PublicUser, Reason, Recommendation, Recommended, Track};
use leptos::prelude::*;

use crate::account::Account;
use crate::components::track_list::TrackList;

/// The reason for a recommendation, as a line of text.
pub fn reason_text(reason: &Reason) -> String {
    let listeners = |n: u32| match n {
        0 => String::new(),
        1 => " · 1 listener".to_owned(),
        n => format!(" · {n} listeners"),
    };
    match reason {
        Reason::BecauseYouLikeTrack {
            track,
            listeners: n,
        } => {
            format!("Because you like {}{}", track.title, listeners(*n))
        }
        Reason::BecauseYouLikeArtist {
            artist,
            listeners: n,
        } => {
            format!("Because you like {}{}", artist.name, listeners(*n))
        }
        Reason::FriendsAreInto {
            friends,
            plays,
            likes,
        } => format!("{} {}", who(friends), did(*plays, *likes)),
    }
}

/// "Ada", "Ada and Bob", "Ada and 2 other friends".
fn who(friends: &[PublicUser]) -> String {
    let name = |u: &PublicUser| u.display_name.as_str().to_owned();
    match friends {
        [] => "Your friends".to_owned(),
        [one] => name(one),
        [one, two] => format!("{} and {}", name(one), name(two)),
        [one, rest @ ..] => format!("{} and {} other friends", name(one), rest.len()),
    }
}

fn did(plays: u32, likes: u32) -> &'static str {
    match (plays > 0, likes > 0) {
        (true, true) => "played and liked this",
        (true, false) => "played this",
        (false, true) => "liked this",
        (false, false) => "are into this",
    }
}

#[component]
pub fn RecommendedForYou() -> impl IntoView {
    let account = Account::get();
    // Read again for whoever signs in; nothing for a visitor, nor on the
    // server (the home page is the same for everyone).
    move || {
        let signed_in = account.me.with(Option::is_some);
        #[cfg(feature = "hydrate")]
        return signed_in
            .then(|| view! { <Suspense>{Suspend::new(recommended_section())}</Suspense> });
        #[cfg(not(feature = "hydrate"))]
        {
            let _ = signed_in;
        }
    }
}

/// Fetches the signed-in listener's recommendations and shows them
/// (nothing if they could not be read). Only someone signed in sees them,
/// so in the browser this is a WASM chunk of its own (`#[lazy]`): a
/// visitor never loads it.
#[cfg(feature = "hydrate")]
#[leptos::lazy]
async fn recommended_section() -> AnyView {
    let Ok(found) = super::client::recommendations().await else {
        return ().into_any();
    };
    view! {
        <section class="section recommended" aria-labelledby="recommended-title">
            <h2 class="section-title" id="recommended-title">"Recommended for you"</h2>
            <RecommendationList items=found.items/>
        </section>
    }
    .into_any()
}

/// The tracks as a playable list, then the artists, each with its reason.
#[component]
fn RecommendationList(items: Vec<Recommendation>) -> impl IntoView {
    if items.is_empty() {
        return view! {
            <p class="muted">"Like some tracks and we'll find more for you."</p>
        }
        .into_any();
    }
    let mut tracks: Vec<Track> = Vec::new();
    let mut notes = Vec::new();
    let mut artists = Vec::new();
    for Recommendation { item, reason } in items {
        match item {
            Recommended::Track(track) => {
                tracks.push(*track);
                notes.push(reason_text(&reason));
            }
            Recommended::Artist(artist) => artists.push((artist, reason_text(&reason))),
        }
    }
    let has_tracks = !tracks.is_empty();
    let artist_rows = artists
        .into_iter()
        .map(|(artist, why)| {
            view! {
                <li class="recommended-artist">
                    <a class="chip" href=format!("/artists/{}", artist.id)>{artist.name}</a>
                    <span class="muted">{why}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        {has_tracks.then(|| view! { <TrackList tracks show_album=true notes/> })}
        <ul class="recommended-artists">{artist_rows}</ul>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chorus_domain::{fixtures, ArtistId, ArtistRef, Username};

    fn user(name: &str) -> PublicUser {
        PublicUser {
            username: Username::parse(&name.to_lowercase()).unwrap(),
            display_name: name.to_owned().try_into().unwrap(),
        }
    }

    #[test]
    fn reasons_read_as_sentences() {
        let track = Box::new(fixtures::track(1, 60_000));
        assert_eq!(
            reason_text(&Reason::BecauseYouLikeTrack {
                track,
                listeners: 3
            }),
            "Because you like Track 1 · 3 listeners"
        );
        let artist = ArtistRef {
            id: ArtistId(2),
            name: "Pixel Fern".into(),
        };
        assert_eq!(
            reason_text(&Reason::BecauseYouLikeArtist {
                artist,
                listeners: 1
            }),
            "Because you like Pixel Fern · 1 listener"
        );
        let friends = |names: &[&str]| names.iter().map(|n| user(n)).collect::<Vec<_>>();
        let into = |names: &[&str], plays, likes| {
            reason_text(&Reason::FriendsAreInto {
                friends: friends(names),
                plays,
                likes,
            })
        };
        assert_eq!(into(&["Ada"], 0, 1), "Ada liked this");
        assert_eq!(into(&["Ada", "Bob"], 4, 0), "Ada and Bob played this");
        assert_eq!(
            into(&["Ada", "Bob", "Cyd"], 2, 1),
            "Ada and 2 other friends played and liked this"
        );
    }
}

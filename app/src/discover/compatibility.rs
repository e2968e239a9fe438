//! "Taste compatibility" on a profile: how alike the signed-in viewer's and
//! this listener's music is (0–100, a meter and a word), the artists they
//! both like and what the score is based on. Personal, and profiles are
//! cached for everyone, so nothing of it is rendered on the server: it is
//! fetched from `/api/users/{username}/compatibility` after hydration, for
//! a signed-in viewer who is not that listener.
//!
//! Accessible names: the section is "Taste compatibility", its meter
//! (`role="meter"`) too.

// The views are built in the browser only (after sign-in).
#![cfg_attr(not(feature = "hydrate"), allow(dead_code))]

use chorus_domain::{Compatibility, Username};
use leptos::prelude::*;

use crate::account::Account;

/// Most shared artists shown.
const SHARED_SHOWN: usize = 5;

/// A word for a score.
pub fn score_word(score: u8) -> &'static str {
    match score {
        80.. => "Super",
        60..=79 => "Very high",
        40..=59 => "High",
        20..=39 => "Medium",
        _ => "Low",
    }
}

/// What the score was computed from.
pub fn basis_note(plays_counted: bool) -> &'static str {
    if plays_counted {
        "Based on likes and plays"
    } else {
        "Based on likes"
    }
}

#[component]
pub fn TasteCompatibility(username: Username) -> impl IntoView {
    let account = Account::get();
    // Read again for whoever signs in; nothing for a visitor or oneself,
    // nor on the server (profiles are the same for everyone).
    move || {
        let username = username.clone();
        let other = account
            .me
            .with(|me| me.as_ref().is_some_and(|me| me.username != username));
        #[cfg(feature = "hydrate")]
        return other.then(
            || view! { <Suspense>{Suspend::new(compatibility_section(username))}</Suspense> },
        );
        #[cfg(not(feature = "hydrate"))]
        {
            let _ = other;
        }
    }
}

/// Fetches how alike the viewer's and `username`'s taste is and shows it
/// (nothing if it could not be read). Only someone signed in sees it, so in
/// the browser this is a WASM chunk of its own (`#[lazy]`): a visitor never
/// loads it.
#[cfg(feature = "hydrate")]
#[leptos::lazy]
async fn compatibility_section(username: Username) -> AnyView {
    match super::client::compatibility(&username).await {
        Ok(c) => view! { <CompatibilityView c/> }.into_any(),
        Err(_) => ().into_any(),
    }
}

#[component]
fn CompatibilityView(c: Compatibility) -> impl IntoView {
    let word = score_word(c.score);
    let shared = c
        .shared_artists
        .iter()
        .take(SHARED_SHOWN)
        .map(|artist| {
            view! { <li><a class="chip" href=format!("/artists/{}", artist.id)>{artist.name.clone()}</a></li> }
        })
        .collect_view();
    let none_shared = c.shared_artists.is_empty();
    view! {
        <section class="section compatibility" aria-labelledby="compatibility-title" data-testid="compatibility">
            <h2 class="section-title" id="compatibility-title">"Taste compatibility"</h2>
            <p class="compat-score">
                <span class="compat-number" data-testid="compatibility-score">{c.score}</span>
                <span class="compat-unit">"%"</span>
                <span class="compat-word">{word}</span>
            </p>
            <div class="compat-meter" role="meter" aria-label="Taste compatibility"
                aria-valuemin="0" aria-valuemax="100" aria-valuenow=c.score
                aria-valuetext=format!("{} of 100, {}", c.score, word.to_lowercase())>
                <span style=format!("width:{}%", c.score.min(100))></span>
            </div>
            {if none_shared {
                view! { <p class="muted">"No artists in common yet."</p> }.into_any()
            } else {
                view! {
                    <p class="compat-shared-title">"You both like"</p>
                    <ul class="chips">{shared}</ul>
                }
                .into_any()
            }}
            <p class="muted compat-basis">{basis_note(c.basis.plays_counted)}</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_have_words() {
        assert_eq!(score_word(100), "Super");
        assert_eq!(score_word(80), "Super");
        assert_eq!(score_word(79), "Very high");
        assert_eq!(score_word(60), "Very high");
        assert_eq!(score_word(40), "High");
        assert_eq!(score_word(33), "Medium");
        assert_eq!(score_word(20), "Medium");
        assert_eq!(score_word(19), "Low");
        assert_eq!(score_word(0), "Low");
        assert_eq!(basis_note(false), "Based on likes");
        assert_eq!(basis_note(true), "Based on likes and plays");
    }
}

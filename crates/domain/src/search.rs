//! Search over the catalog and listeners (`GET /api/search?q=`,
//! `/search?q=`): the query as validated, the text folding both sides of a
//! match go through (so case and accents never matter), and the grouped
//! results.

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::account::PublicUser;
use crate::catalog::{AlbumSummary, ArtistSummary, Track};

/// Longest query taken, in characters.
pub const MAX_QUERY_CHARS: usize = 100;
/// Most terms a query is split into.
pub const MAX_TERMS: usize = 8;
/// Most results of one kind.
pub const MAX_PER_KIND: u32 = 20;

/// Lowercases `text`, removes accents and other marks and treats every
/// run of non-alphanumeric characters as one space: "Beyoncé" and
/// "BEYONCE" fold to the same "beyonce". Letters without a decomposition
/// that readers take as accented forms (ø, ł, đ, ß, æ, œ) fold to their
/// base letters.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    let mut space = true;
    for c in text.nfkd().flat_map(char::to_lowercase) {
        let base = match c {
            'ø' => "o",
            'ł' => "l",
            'đ' | 'ð' => "d",
            'ß' => "ss",
            'æ' => "ae",
            'œ' => "oe",
            'þ' => "th",
            'ı' => "i",
            _ if unicode_normalization::char::is_combining_mark(c) => continue,
            _ if c.is_alphanumeric() => {
                folded.push(c);
                space = false;
                continue;
            }
            _ => {
                if !space {
                    folded.push(' ');
                    space = true;
                }
                continue;
            }
        };
        folded.push_str(base);
        space = false;
    }
    if folded.ends_with(' ') {
        folded.pop();
    }
    folded
}

/// A search as asked: folded terms, the last one a prefix (the listener
/// may still be typing it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    terms: Vec<String>,
}

/// Why a query was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SearchQueryError {
    #[error("type something to search for")]
    Empty,
    #[error("searches are at most 100 characters")]
    TooLong,
}

impl SearchQuery {
    pub fn parse(text: &str) -> Result<Self, SearchQueryError> {
        if text.chars().count() > MAX_QUERY_CHARS {
            return Err(SearchQueryError::TooLong);
        }
        let folded = fold(text);
        let terms: Vec<String> = folded
            .split(' ')
            .filter(|t| !t.is_empty())
            .take(MAX_TERMS)
            .map(str::to_owned)
            .collect();
        if terms.is_empty() {
            return Err(SearchQueryError::Empty);
        }
        Ok(Self { terms })
    }

    /// The folded terms; every one must match the start of a word, the last
    /// one as a prefix, the others whole or as prefixes too.
    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    /// The terms joined by spaces: compared with a whole folded name to
    /// rank exact matches first.
    pub fn folded(&self) -> String {
        self.terms.join(" ")
    }
}

/// What a search found, grouped by kind, best first in each group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchResults {
    pub artists: Vec<ArtistSummary>,
    pub albums: Vec<AlbumSummary>,
    pub tracks: Vec<Track>,
    pub users: Vec<PublicUser>,
    /// Public playlists.
    #[serde(default)]
    pub playlists: Vec<crate::playlist::PlaylistSummary>,
}

impl SearchResults {
    pub fn is_empty(&self) -> bool {
        self.artists.is_empty()
            && self.albums.is_empty()
            && self.tracks.is_empty()
            && self.users.is_empty()
            && self.playlists.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_accents_and_punctuation() {
        assert_eq!(fold("Beyoncé"), "beyonce");
        assert_eq!(fold("  SIGUR   Rós!! "), "sigur ros");
        assert_eq!(fold("Motörhead — Ace of Spades"), "motorhead ace of spades");
        assert_eq!(fold("Mø"), "mo");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("ＡＢＣ"), "abc");
        assert_eq!(fold("AC/DC"), "ac dc");
        assert_eq!(fold("坂本龍一"), "坂本龍一");
    }

    #[test]
    fn queries_are_folded_terms_and_refuse_nothing_or_too_much() {
        let query = SearchQuery::parse("  Björk  Homo").unwrap();
        assert_eq!(query.terms(), ["bjork", "homo"]);
        assert_eq!(query.folded(), "bjork homo");
        assert_eq!(SearchQuery::parse(" ?! "), Err(SearchQueryError::Empty));
        assert_eq!(
            SearchQuery::parse(&"a".repeat(101)),
            Err(SearchQueryError::TooLong)
        );
        let many = SearchQuery::parse("a b c d e f g h i j").unwrap();
        assert_eq!(many.terms().len(), MAX_TERMS);
    }
}

//! Property tests on untrusted input: the small parsers that take what a
//! client typed or sent (media file names in URLs, ids in paths, account
//! fields, search text, surrogate keys). Each must never panic and must
//! accept exactly what its documented rule says; the rules are written out
//! here again, independently of the code, as the models.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chorus_domain::search::{fold, MAX_QUERY_CHARS, MAX_TERMS};
use chorus_domain::{
    AccountError, ActivityKind, AlbumId, ArtistId, ContentHash, DisplayName, MediaFile, MediaKind,
    NewPassword, SearchQuery, SearchQueryError, SurrogateKey, TrackId, Username,
};
use proptest::prelude::*;

const CASES: u32 = 1024;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: CASES,
        // Failures are reported with their shrunk input; nothing is
        // written into the repository.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Strings biased towards the edges of a rule: arbitrary Unicode, and text
/// made of `alphabet` of every length up to `max`.
fn text(alphabet: &'static str, max: usize) -> impl Strategy<Value = String> {
    let chars: Vec<char> = alphabet.chars().collect();
    prop_oneof![
        any::<String>(),
        prop::collection::vec(prop::sample::select(chars), 0..=max)
            .prop_map(|cs| cs.into_iter().collect()),
    ]
}

// ---- Media file names (`/media/{hash}.{ext}`) ----

/// The documented extensions, one per kind.
const EXTENSIONS: [&str; 9] = [
    "ogg", "opus", "mp3", "flac", "m4a", "wav", "jpg", "png", "webp",
];

/// Model: 64 lowercase hex digits, a dot, one of the extensions; nothing
/// else (so no path can leave the store).
fn is_media_name(name: &str) -> bool {
    let Some((hash, ext)) = name.get(..64).zip(name.get(64..)) else {
        return false;
    };
    hash.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f'))
        && ext
            .strip_prefix('.')
            .is_some_and(|ext| EXTENSIONS.contains(&ext))
}

fn hash() -> impl Strategy<Value = String> {
    prop::array::uniform32(any::<u8>())
        .prop_map(|bytes| bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Valid names, and valid names changed the ways a hostile or careless
/// client might.
fn media_name() -> impl Strategy<Value = String> {
    let ext = prop_oneof![
        3 => prop::sample::select(EXTENSIONS.to_vec()).prop_map(str::to_owned),
        1 => prop::sample::select(vec![
            "", "OGG", "Ogg", "jpeg", "ogg.ogg", "ogg/", "exe", "mp4", " ogg", "ogg\0", "m4a?x=1",
        ])
        .prop_map(str::to_owned),
    ];
    let hash = prop_oneof![
        6 => hash(),
        1 => hash().prop_map(|h| h.to_uppercase()),
        1 => (hash(), 0..64usize, "[g-zA-Z./%\\\\\0 -]")
            .prop_map(|(h, at, c)| format!("{}{c}{}", &h[..at], &h[at + 1..])),
        1 => (hash(), 0..64usize).prop_map(|(h, n)| h[..n].to_owned()),
        1 => (hash(), "[0-9a-f]{1,3}").prop_map(|(h, more)| h + &more),
    ];
    let prefix = prop_oneof![
        4 => Just(""),
        1 => prop::sample::select(vec!["../", "/", "..%2F", "./", " "]),
    ];
    let dot = prop_oneof![4 => Just("."), 1 => prop::sample::select(vec!["", "..", "%2E"])];
    (prefix, hash, dot, ext)
        .prop_map(|(prefix, hash, dot, ext)| format!("{prefix}{hash}{dot}{ext}"))
}

fn kind() -> impl Strategy<Value = MediaKind> {
    prop::sample::select(MediaKind::ALL.to_vec())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn media_names_parse_exactly_when_well_formed(
        name in prop_oneof![media_name(), text("0123456789abcdefABCDEF./%ogmp3", 70)]
    ) {
        let parsed = MediaFile::parse_file_name(&name);
        prop_assert_eq!(parsed.is_some(), is_media_name(&name), "{:?}", name);
        if let Some(file) = parsed {
            prop_assert_eq!(file.file_name(), name.clone());
            prop_assert_eq!(file.url(), format!("/media/{name}"));
            prop_assert_eq!(file.kind.extension(), &name[65..]);
        }
    }

    #[test]
    fn media_names_round_trip(hash in hash(), kind in kind()) {
        let file = MediaFile { hash: ContentHash::parse(&hash).unwrap(), kind };
        prop_assert_eq!(MediaFile::parse_file_name(&file.file_name()), Some(file));
    }
}

// ---- Ids in paths (`/api/tracks/{id}`, ...) ----

/// Model of "a positive decimal integer" that fits an `i64`: ASCII digits
/// only (no sign; leading zeros are digits too), value 1 to 2^63 - 1.
fn positive_id(s: &str) -> Option<i64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let significant = s.trim_start_matches('0');
    if significant.len() > 19 {
        return None;
    }
    let value = significant
        .bytes()
        .fold(0i128, |n, b| n * 10 + i128::from(b - b'0'));
    i64::try_from(value).ok().filter(|&n| n > 0)
}

fn id_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        "[+-]?0{0,3}[0-9]{1,21}",
        text("0123456789+- .e_x", 24),
        Just("9223372036854775807".to_owned()),
        Just("9223372036854775808".to_owned()),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn ids_are_positive_decimal_integers(s in id_text()) {
        let expected = positive_id(&s);
        prop_assert_eq!(s.parse::<TrackId>().ok(), expected.map(TrackId), "{:?}", s);
        prop_assert_eq!(s.parse::<AlbumId>().ok(), expected.map(AlbumId));
        prop_assert_eq!(s.parse::<ArtistId>().ok(), expected.map(ArtistId));
    }

    #[test]
    fn ids_round_trip(n in 1..=i64::MAX) {
        prop_assert_eq!(TrackId(n).to_string().parse::<TrackId>(), Ok(TrackId(n)));
    }
}

// ---- Account fields (sign-up, log-in, usernames in paths) ----

fn username_text() -> impl Strategy<Value = String> {
    prop_oneof!["[a-z0-9_]{0,33}", text("abcxyz019_ABZ-. é\u{0}", 33),]
}

proptest! {
    #![proptest_config(config())]

    /// "3–30 of `[a-z0-9_]`".
    #[test]
    fn usernames_follow_the_rule(s in username_text()) {
        let ok = (3..=30).contains(&s.chars().count())
            && s.chars().all(|c| matches!(c, 'a'..='z' | '0'..='9' | '_'));
        match Username::parse(&s) {
            Ok(name) => {
                prop_assert!(ok, "{:?} was accepted", s);
                prop_assert_eq!(name.as_str(), s.as_str());
            }
            Err(e) => {
                prop_assert!(!ok, "{:?} was refused", s);
                prop_assert_eq!(e, AccountError::BadUsername);
            }
        }
    }

    /// "1–50 characters, trimmed, no control characters".
    #[test]
    fn display_names_follow_the_rule(
        s in text("aZ é🎵坂 \t\n\u{3000}\u{a0}\u{7}\u{85}\u{200b}", 56)
    ) {
        // Unicode White_Space at both ends is trimmed.
        let chars: Vec<char> = s.chars().collect();
        let start = chars.iter().position(|c| !c.is_whitespace()).unwrap_or(chars.len());
        let end = chars.iter().rposition(|c| !c.is_whitespace()).map_or(start, |i| i + 1);
        let kept: String = chars[start..end].iter().collect();
        let ok = (1..=50).contains(&(end - start))
            && !kept.chars().any(|c| c.is_control());
        match DisplayName::parse(&s) {
            Ok(name) => {
                prop_assert!(ok, "{:?} was accepted", s);
                prop_assert_eq!(name.as_str(), kept.as_str());
            }
            Err(e) => {
                prop_assert!(!ok, "{:?} was refused", s);
                prop_assert_eq!(e, AccountError::BadDisplayName);
            }
        }
    }

    /// 10 to 1024 characters (not bytes); never shown in `Debug`.
    #[test]
    fn passwords_follow_the_length_rule(
        s in prop_oneof![
            text("aé🎵 ", 14),
            (1000..1030usize, prop::sample::select(vec!['a', 'é', '🎵']))
                .prop_map(|(n, c)| std::iter::repeat_n(c, n).collect()),
        ]
    ) {
        let n = s.chars().count();
        match NewPassword::parse(&s) {
            Ok(password) => {
                prop_assert!((10..=1024).contains(&n), "{} characters accepted", n);
                prop_assert_eq!(password.expose(), s.as_str());
                prop_assert_eq!(format!("{password:?}"), "NewPassword(<hidden>)");
            }
            Err(AccountError::PasswordTooShort) => prop_assert!(n < 10),
            Err(AccountError::PasswordTooLong) => prop_assert!(n > 1024),
            Err(e) => prop_assert!(false, "{:?}", e),
        }
    }
}

// ---- Search text (`/api/search?q=`) ----

/// What folding makes of one character of the alphabet below: letters and
/// digits lowercased without accents, marks dropped, anything else a
/// word break.
#[derive(Debug, Clone, Copy)]
enum Folds {
    To(&'static str),
    Mark,
    Break,
}

/// The alphabet of modelled queries: each character and its folding, per
/// the documented rule ("case and accents ignored"; ø, ß, æ to their base
/// letters; every run of other characters one space).
const SEARCH_ALPHABET: &[(char, Folds)] = &[
    ('a', Folds::To("a")),
    ('B', Folds::To("b")),
    ('z', Folds::To("z")),
    ('7', Folds::To("7")),
    ('é', Folds::To("e")),
    ('É', Folds::To("e")),
    ('Ö', Folds::To("o")),
    ('ñ', Folds::To("n")),
    ('ß', Folds::To("ss")),
    ('Ø', Folds::To("o")),
    ('æ', Folds::To("ae")),
    ('Ａ', Folds::To("a")),
    ('坂', Folds::To("坂")),
    ('\u{301}', Folds::Mark),
    (' ', Folds::Break),
    ('\t', Folds::Break),
    ('-', Folds::Break),
    ('/', Folds::Break),
    ('!', Folds::Break),
    ('🎵', Folds::Break),
];

/// The model's terms of a query over [`SEARCH_ALPHABET`].
fn model_terms(query: &[(char, Folds)]) -> Vec<String> {
    let mut words = vec![String::new()];
    for (_, folds) in query {
        match folds {
            Folds::To(s) => words.last_mut().unwrap().push_str(s),
            Folds::Mark => {}
            Folds::Break => words.push(String::new()),
        }
    }
    words
        .into_iter()
        .filter(|w| !w.is_empty())
        .take(MAX_TERMS)
        .collect()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn modelled_queries_give_the_model_terms(
        query in prop_oneof![
            4 => prop::collection::vec(prop::sample::select(SEARCH_ALPHABET), 0..110),
            // Nothing to search for: marks and breaks only.
            1 => prop::collection::vec(prop::sample::select(&SEARCH_ALPHABET[13..]), 0..12),
        ]
    ) {
        let text: String = query.iter().map(|(c, _)| c).collect();
        let terms = model_terms(&query);
        let parsed = SearchQuery::parse(&text);
        if query.len() > MAX_QUERY_CHARS {
            prop_assert_eq!(parsed, Err(SearchQueryError::TooLong));
        } else if terms.is_empty() {
            prop_assert_eq!(parsed, Err(SearchQueryError::Empty), "{:?}", text);
        } else {
            let parsed = parsed.unwrap();
            prop_assert_eq!(parsed.terms(), terms.as_slice(), "{:?}", text);
            prop_assert_eq!(parsed.folded(), terms.join(" "));
        }
    }

    /// Any text: never a panic; too long exactly past 100 characters;
    /// otherwise 1 to 8 terms, each a folded word (folding it again
    /// changes nothing) made of letters and digits only.
    #[test]
    fn any_query_is_refused_or_gives_folded_words(text in any::<String>()) {
        match SearchQuery::parse(&text) {
            Err(SearchQueryError::TooLong) => {
                prop_assert!(text.chars().count() > MAX_QUERY_CHARS);
            }
            Err(SearchQueryError::Empty) => {
                prop_assert!(text.chars().count() <= MAX_QUERY_CHARS);
                prop_assert!(!text.chars().any(|c| c.is_ascii_alphanumeric()), "{:?}", text);
            }
            Ok(query) => {
                prop_assert!(text.chars().count() <= MAX_QUERY_CHARS);
                prop_assert!((1..=MAX_TERMS).contains(&query.terms().len()));
                for term in query.terms() {
                    prop_assert!(!term.is_empty());
                    prop_assert!(term.chars().all(char::is_alphanumeric), "{:?}", term);
                    prop_assert_eq!(&fold(term), term);
                }
            }
        }
    }
}

// ---- Surrogate keys and activity kinds (read back from headers and rows) ----

/// The documented names of `kind` in the feed.
const ACTIVITY_NAMES: [&str; 6] = [
    "now_playing",
    "paused",
    "played",
    "liked_track",
    "liked_artist",
    "friended",
];

proptest! {
    #![proptest_config(config())]

    /// "Printable ASCII without spaces", 1 to 256 bytes.
    #[test]
    fn surrogate_keys_are_printable_ascii_without_spaces(
        s in prop_oneof![text("ab:1 \t~\u{7f}é", 8), "[!-~]{250,260}"]
    ) {
        let ok = (1..=256).contains(&s.len()) && s.chars().all(|c| ('!'..='~').contains(&c));
        let parsed = SurrogateKey::parse(&s);
        prop_assert_eq!(parsed.is_some(), ok, "{:?}", s);
        if let Some(key) = parsed {
            prop_assert_eq!(key.as_str(), s.as_str());
        }
    }

    #[test]
    fn activity_kinds_are_their_six_names(
        s in prop_oneof![
            prop::sample::select(ACTIVITY_NAMES.to_vec()).prop_map(str::to_owned),
            (prop::sample::select(ACTIVITY_NAMES.to_vec()), "[A-Z_ ]?", "[a-z_ \n]?")
                .prop_map(|(name, before, after)| format!("{before}{name}{after}")),
            text("abdeiklnoprstuy_ A", 14),
        ]
    ) {
        let names = ACTIVITY_NAMES;
        let parsed = ActivityKind::parse(&s);
        prop_assert_eq!(parsed.is_some(), names.contains(&s.as_str()), "{:?}", s);
        if let Some(kind) = parsed {
            prop_assert_eq!(kind.as_str(), s.as_str());
        }
    }
}

#[test]
fn activity_kinds_round_trip() {
    for kind in ActivityKind::ALL {
        assert_eq!(ActivityKind::parse(kind.as_str()), Some(kind));
    }
}

//! Pronounceable names for the discovery benchmark's catalog and
//! listeners, from syllables and a few English words: "Kaleva Morin",
//! "Silver Tide", "Nights in Oru". Some syllables carry accents (é, ö, ñ,
//! å) so that search has case and accent folding to do, as with a real
//! catalog.

use crate::discovery_rng::Rng;

const SYLLABLES: &[&str] = &[
    "ka", "le", "va", "mo", "rin", "ta", "shi", "no", "ru", "el", "an", "dor", "mi", "sa", "ko",
    "lu", "ve", "ra", "ni", "to", "ba", "zel", "fa", "gro", "hel", "is", "jo", "ul", "yr", "den",
    "mar", "sol", "tev", "qui", "os", "ber", "lin", "kai", "nu", "pe", "ros", "tam", "vi", "wen",
    "xa", "zor", "ami", "del", "sten", "vik", "né", "lö", "ña", "sé", "jö", "mé", "rå", "dü", "çe",
    "ló",
];

const ADJECTIVES: &[&str] = &[
    "Silver", "Golden", "Quiet", "Electric", "Broken", "Wild", "Hollow", "Crimson", "Distant",
    "Velvet", "Frozen", "Burning", "Paper", "Neon", "Secret", "Lonely", "Endless", "Northern",
    "Midnight", "Glass", "Café", "Señor", "Doré",
];

const NOUNS: &[&str] = &[
    "Tide", "Nights", "Rivers", "Echoes", "Gardens", "Lights", "Dreams", "Roads", "Hearts",
    "Waves", "Shadows", "Mirrors", "Horizons", "Fields", "Bells", "Storms", "Streets", "Skies",
    "Stars", "Winters", "Years", "Smoke", "Rain", "Fiesta", "Mañana",
];

const LINKS: &[&str] = &["in", "of", "over", "under", "from", "beyond", "for", "to"];

/// Upper-cases the first letter (accented ones too).
fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A made-up word of `min..=max` syllables, capitalised: "Kaleva".
pub fn word(rng: &mut Rng, min: usize, max: usize) -> String {
    let count = min + rng.below(max - min + 1);
    let raw: String = (0..count)
        .filter_map(|_| rng.pick(SYLLABLES).copied())
        .collect();
    capitalized(&raw)
}

fn pick(rng: &mut Rng, words: &[&str]) -> String {
    rng.pick(words).copied().unwrap_or("Song").to_owned()
}

/// A person's name: "Kaleva Morin".
pub fn person(rng: &mut Rng) -> String {
    format!("{} {}", word(rng, 2, 3), word(rng, 1, 3))
}

/// An artist: a person, or a band ("The Velvet Morins", "Oru Nights").
pub fn artist(rng: &mut Rng) -> String {
    match rng.below(4) {
        0 => format!("The {} {}s", pick(rng, ADJECTIVES), word(rng, 1, 2)),
        1 => format!("{} {}", word(rng, 2, 3), pick(rng, NOUNS)),
        _ => person(rng),
    }
}

/// An album: "Silver Tide", "Rivers of Oru", "Kalevamo".
pub fn album(rng: &mut Rng) -> String {
    match rng.below(3) {
        0 => format!("{} {}", pick(rng, ADJECTIVES), pick(rng, NOUNS)),
        1 => format!("{} of {}", pick(rng, NOUNS), word(rng, 2, 3)),
        _ => word(rng, 2, 4),
    }
}

/// A track: "Nights in Oru", "Velvet Rain", "Morinta".
pub fn track(rng: &mut Rng) -> String {
    match rng.below(4) {
        0 => format!(
            "{} {} {}",
            pick(rng, NOUNS),
            pick(rng, LINKS),
            word(rng, 1, 3)
        ),
        1 => format!("{} {}", pick(rng, ADJECTIVES), pick(rng, NOUNS)),
        2 => format!("{} {}", word(rng, 2, 3), word(rng, 1, 2)),
        _ => word(rng, 2, 4),
    }
}

/// `text` with an accent added to its first plain vowel ("Morin" →
/// "Mörin"), as a listener might mistype it; unchanged without one.
pub fn accented(text: &str) -> String {
    let mut done = false;
    text.chars()
        .map(|c| {
            let with = match c {
                'a' => 'á',
                'e' => 'é',
                'i' => 'í',
                'o' => 'ö',
                'u' => 'ü',
                'n' => 'ñ',
                _ => c,
            };
            if done || with == c {
                c
            } else {
                done = true;
                with
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_capitalised_and_deterministic() {
        let (mut a, mut b) = (Rng::new(3), Rng::new(3));
        for _ in 0..200 {
            let name = artist(&mut a);
            assert_eq!(name, artist(&mut b));
            assert!(
                name.chars().next().is_some_and(char::is_uppercase),
                "{name}"
            );
            assert_eq!(album(&mut a), album(&mut b));
            assert!(!track(&mut a).is_empty() && !track(&mut b).is_empty());
        }
        assert_eq!(capitalized("éla"), "Éla");
    }

    #[test]
    fn accents_one_vowel() {
        assert_eq!(accented("morin"), "mörin");
        assert_eq!(accented("xyz"), "xyz");
    }
}

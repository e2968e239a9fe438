//! Search queries as listeners type them: the first 3–6 letters of a word
//! of an artist, album or track name, a username or a display name; as
//! written, lower case or upper case, with accents stripped or one added;
//! sometimes a whole word and the start of the next.

use chorus_domain::search::fold;

use crate::discovery_names::accented;
use crate::discovery_rng::Rng;
use crate::discovery_world::World;

/// The first `len` characters of `word` (all of a shorter word).
fn prefix(word: &str, len: usize) -> String {
    word.chars().take(len).collect()
}

/// One query.
pub fn query(world: &World, rng: &mut Rng) -> String {
    let name = match rng.below(5) {
        0 => rng.pick(&world.artists).cloned(),
        1 => rng.pick(&world.albums).cloned(),
        2 => rng.pick(&world.tracks).cloned(),
        3 => rng.pick(&world.listeners).map(|l| l.username.clone()),
        _ => rng.pick(&world.listeners).map(|l| l.display_name.clone()),
    }
    .unwrap_or_else(|| "bench".to_owned());
    let words: Vec<&str> = name.split_whitespace().collect();
    let at = rng.below(words.len());
    let word = words.get(at).copied().unwrap_or("bench");
    let len = 3 + rng.below(4);
    let typed = match words.get(at + 1) {
        // A whole word, then the start of the next.
        Some(next) if rng.below(4) == 0 => format!("{word} {}", prefix(next, len)),
        _ => prefix(word, len),
    };
    match rng.below(6) {
        0 => typed.to_lowercase(),
        1 => typed.to_uppercase(),
        2 => fold(&typed),
        3 => accented(&typed.to_lowercase()),
        _ => typed,
    }
}

/// `count` queries.
pub fn queries(world: &World, count: usize, rng: &mut Rng) -> Vec<String> {
    (0..count).map(|_| query(world, rng)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discovery_world::Sizes;

    #[test]
    fn queries_are_short_and_never_empty() {
        let sizes = Sizes {
            tracks: 200,
            users: 100,
            plays: 0,
            friends: 4,
        };
        let world = World::generate(sizes, 1_800_000_000_000);
        let mut rng = Rng::new(1);
        for q in queries(&world, 500, &mut rng) {
            assert!(!fold(&q).is_empty(), "{q:?}");
            assert!(q.chars().count() <= 40, "{q:?}");
        }
        assert_eq!(prefix("Mörin", 3), "Mör");
    }
}

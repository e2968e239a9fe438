//! Taste compatibility: how alike two listeners' music is, 0–100, from the
//! artists they like and play, newer signals counting more
//! (`GET /api/users/{username}/compatibility`). The formula is documented
//! in `docs/discovery.md`; this is its one implementation.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::account::UserId;
use crate::catalog::ArtistRef;
use crate::ids::ArtistId;

/// A signal loses half its weight in this time.
pub const HALF_LIFE_DAYS: f64 = 60.0;
const HALF_LIFE_MS: f64 = HALF_LIFE_DAYS * 24.0 * 3600.0 * 1000.0;
/// What a like of an artist counts, in plays.
pub const ARTIST_LIKE_WEIGHT: f64 = 5.0;
/// What a like of one of an artist's tracks counts, in plays.
pub const TRACK_LIKE_WEIGHT: f64 = 3.0;
/// Evidence (in recency-weighted plays) at which the score keeps half its
/// similarity: below it, a listener with little data gets a damped score.
pub const DAMPING: f64 = 10.0;
/// Most shared artists a compatibility lists.
pub const SHARED_ARTISTS: usize = 10;

/// The reference time of stored play weights: a play at `at_ms` is stored
/// as `2^((at_ms - PLAY_WEIGHT_EPOCH_MS) / half-life)` (2026-01-01 UTC), so
/// sums need no rewrite as time passes; [`TasteSignal::weight_at`] brings
/// them to a given moment.
pub const PLAY_WEIGHT_EPOCH_MS: i64 = 1_767_225_600_000;

/// The weight a play at `at_ms` is stored with (see [`PLAY_WEIGHT_EPOCH_MS`]).
pub fn stored_play_weight(at_ms: i64) -> f64 {
    ((at_ms - PLAY_WEIGHT_EPOCH_MS) as f64 / HALF_LIFE_MS).exp2()
}

/// One piece of a listener's public taste, as storage reads it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TasteSignal {
    pub user: UserId,
    pub artist: ArtistId,
    pub source: TasteSource,
}

/// Where a signal comes from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TasteSource {
    /// The listener liked the artist at `at_ms`.
    ArtistLike { at_ms: i64 },
    /// The listener liked a track of the artist at `at_ms`.
    TrackLike { at_ms: i64 },
    /// The listener's plays of the artist, as the sum of their stored
    /// weights ([`stored_play_weight`]) and their number.
    Plays { stored_weight: f64, count: u32 },
}

impl TasteSignal {
    /// The signal's weight at `now_ms`, in recency-weighted plays.
    pub fn weight_at(&self, now_ms: i64) -> f64 {
        let decay = |at_ms: i64| ((at_ms.min(now_ms) - now_ms) as f64 / HALF_LIFE_MS).exp2();
        match self.source {
            TasteSource::ArtistLike { at_ms } => ARTIST_LIKE_WEIGHT * decay(at_ms),
            TasteSource::TrackLike { at_ms } => TRACK_LIKE_WEIGHT * decay(at_ms),
            TasteSource::Plays { stored_weight, .. } => {
                stored_weight / stored_play_weight(now_ms).max(f64::MIN_POSITIVE)
            }
        }
    }

    pub fn is_play(&self) -> bool {
        matches!(self.source, TasteSource::Plays { .. })
    }
}

/// A listener's taste at one moment: recency-weighted plays per artist.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Taste {
    // Ordered, so sums come out the same every time (and both ways round).
    weights: BTreeMap<ArtistId, f64>,
    likes: u32,
    plays: u32,
}

impl Taste {
    /// The taste of `user` from `signals` (others' are skipped); plays
    /// count only when `with_plays` (they are shown to friends only).
    pub fn of(user: UserId, signals: &[TasteSignal], with_plays: bool, now_ms: i64) -> Self {
        let mut taste = Self::default();
        for signal in signals.iter().filter(|s| s.user == user) {
            match signal.source {
                TasteSource::Plays { count, .. } if with_plays => taste.plays += count,
                TasteSource::Plays { .. } => continue,
                TasteSource::ArtistLike { .. } | TasteSource::TrackLike { .. } => {
                    taste.likes += 1;
                }
            }
            *taste.weights.entry(signal.artist).or_default() += signal.weight_at(now_ms);
        }
        taste
    }

    /// All the evidence, in recency-weighted plays.
    pub fn evidence(&self) -> f64 {
        self.weights.values().sum()
    }

    pub fn artist_count(&self) -> usize {
        self.weights.len()
    }

    /// Artists by weight, heaviest first (ties by id).
    pub fn top_artists(&self, limit: usize) -> Vec<ArtistId> {
        let mut artists: Vec<(ArtistId, f64)> =
            self.weights.iter().map(|(a, w)| (*a, *w)).collect();
        artists.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        artists.into_iter().take(limit).map(|(a, _)| a).collect()
    }
}

/// How alike two tastes are, before artist names are attached.
#[derive(Debug, Clone, PartialEq)]
pub struct Similarity {
    /// 0–100.
    pub score: u8,
    /// Cosine of the two taste vectors (log-scaled weights), 0–1.
    pub cosine: f64,
    /// The factor low evidence scales the cosine by, 0–1.
    pub confidence: f64,
    /// Artists both have, most shared weight first, at most
    /// [`SHARED_ARTISTS`].
    pub shared: Vec<ArtistId>,
}

/// The compatibility of two tastes; symmetric: `similarity(a, b)` equals
/// `similarity(b, a)`.
///
/// `score = round(100 × cosine × confidence)`, where `cosine` compares the
/// artist vectors with weights `ln(1 + w)` (so one obsession does not drown
/// everything else) and `confidence = e / (e + DAMPING)` with `e` the
/// smaller of the two listeners' evidence.
pub fn similarity(a: &Taste, b: &Taste) -> Similarity {
    let scaled = |w: f64| w.ln_1p();
    let norm = |t: &Taste| {
        t.weights
            .values()
            .map(|w| scaled(*w).powi(2))
            .sum::<f64>()
            .sqrt()
    };
    let mut shared: Vec<(ArtistId, f64)> = a
        .weights
        .iter()
        .filter_map(|(artist, w)| {
            let v = b.weights.get(artist)?;
            Some((*artist, scaled(*w) * scaled(*v)))
        })
        .collect();
    let dot: f64 = shared.iter().map(|(_, product)| product).sum();
    let norms = norm(a) * norm(b);
    let cosine = if norms > 0.0 {
        (dot / norms).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let evidence = a.evidence().min(b.evidence());
    let confidence = evidence / (evidence + DAMPING);
    shared.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    Similarity {
        score: (100.0 * cosine * confidence).round().clamp(0.0, 100.0) as u8,
        cosine,
        confidence,
        shared: shared
            .into_iter()
            .take(SHARED_ARTISTS)
            .map(|(a, _)| a)
            .collect(),
    }
}

/// `GET /api/users/{username}/compatibility`: the signed-in viewer's
/// compatibility with a listener.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Compatibility {
    /// 0–100.
    #[cfg_attr(feature = "openapi", schema(maximum = 100))]
    pub score: u8,
    pub shared_artists: Vec<ArtistRef>,
    pub basis: CompatibilityBasis,
}

/// What a score was computed from, so a listener can tell why it is what
/// it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompatibilityBasis {
    /// Plays count only between friends (strangers see likes only).
    pub plays_counted: bool,
    pub viewer: TasteSize,
    pub listener: TasteSize,
    /// Cosine of the two tastes, 0–1.
    pub similarity: f64,
    /// The damping factor for little data, 0–1.
    pub confidence: f64,
    pub half_life_days: f64,
}

/// How much one side's taste holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TasteSize {
    pub artists: u32,
    pub likes: u32,
    pub plays: u32,
}

impl From<&Taste> for TasteSize {
    fn from(taste: &Taste) -> Self {
        Self {
            artists: u32::try_from(taste.weights.len()).unwrap_or(u32::MAX),
            likes: taste.likes,
            plays: taste.plays,
        }
    }
}

/// A listener whose taste is close to the viewer's (`GET
/// /api/listeners-like-you`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ListenerLikeYou {
    pub user: crate::account::PublicUser,
    /// 0–100, as [`Compatibility::score`].
    #[cfg_attr(feature = "openapi", schema(maximum = 100))]
    pub score: u8,
    pub shared_artists: Vec<ArtistRef>,
    /// Friends the two have in common (friends of friends come first).
    pub shared_friends: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = PLAY_WEIGHT_EPOCH_MS + 400 * 24 * 3600 * 1000;
    const DAY: i64 = 24 * 3600 * 1000;

    fn like(user: i64, artist: i64, at_ms: i64) -> TasteSignal {
        TasteSignal {
            user: UserId(user),
            artist: ArtistId(artist),
            source: TasteSource::ArtistLike { at_ms },
        }
    }

    fn plays(user: i64, artist: i64, count: u32, at_ms: i64) -> TasteSignal {
        TasteSignal {
            user: UserId(user),
            artist: ArtistId(artist),
            source: TasteSource::Plays {
                stored_weight: f64::from(count) * stored_play_weight(at_ms),
                count,
            },
        }
    }

    fn taste(user: i64, signals: &[TasteSignal]) -> Taste {
        Taste::of(UserId(user), signals, true, NOW)
    }

    #[test]
    fn a_signal_halves_in_a_half_life_and_plays_agree_with_likes() {
        let fresh = like(1, 1, NOW).weight_at(NOW);
        let old = like(1, 1, NOW - 60 * DAY).weight_at(NOW);
        assert!((fresh - ARTIST_LIKE_WEIGHT).abs() < 1e-9);
        assert!((old - ARTIST_LIKE_WEIGHT / 2.0).abs() < 1e-9);
        let play = plays(1, 1, 4, NOW - 120 * DAY).weight_at(NOW);
        assert!((play - 1.0).abs() < 1e-9, "{play}");
    }

    #[test]
    fn identical_rich_tastes_score_near_100_and_disjoint_ones_0() {
        let signals: Vec<TasteSignal> = (1..=2)
            .flat_map(|user| (1..=5).map(move |artist| plays(user, artist, 50, NOW)))
            .chain((1..=5).map(|artist| plays(3, artist + 10, 50, NOW)))
            .collect();
        let same = similarity(&taste(1, &signals), &taste(2, &signals));
        assert!((same.cosine - 1.0).abs() < 1e-9);
        assert!(same.score >= 95, "{same:?}");
        assert_eq!(same.shared.len(), 5);
        let apart = similarity(&taste(1, &signals), &taste(3, &signals));
        assert_eq!((apart.score, apart.shared.len()), (0, 0));
    }

    #[test]
    fn the_score_is_symmetric_and_within_bounds() {
        let signals = vec![
            plays(1, 1, 30, NOW - 5 * DAY),
            plays(1, 2, 3, NOW),
            like(1, 3, NOW - 90 * DAY),
            plays(2, 2, 12, NOW - DAY),
            like(2, 1, NOW),
            plays(2, 4, 40, NOW),
        ];
        let (a, b) = (taste(1, &signals), taste(2, &signals));
        let (ab, ba) = (similarity(&a, &b), similarity(&b, &a));
        assert_eq!(ab, ba);
        assert!(ab.score > 0 && ab.score < 100, "{ab:?}");
        assert_eq!(ab.shared, vec![ArtistId(1), ArtistId(2)]);
    }

    #[test]
    fn little_data_is_damped_not_random() {
        // One like each of the same artist: a perfect cosine, little evidence.
        let signals = vec![like(1, 1, NOW), like(2, 1, NOW)];
        let thin = similarity(&taste(1, &signals), &taste(2, &signals));
        assert!((thin.cosine - 1.0).abs() < 1e-9);
        // 5 / (5 + 10) of 100.
        assert_eq!(thin.score, 33);
        let nobody = similarity(&Taste::default(), &taste(2, &signals));
        assert_eq!(nobody.score, 0);
    }

    #[test]
    fn strangers_compare_likes_only() {
        let signals = vec![plays(1, 1, 100, NOW), like(1, 2, NOW)];
        let strangers = Taste::of(UserId(1), &signals, false, NOW);
        assert_eq!(strangers.top_artists(10), vec![ArtistId(2)]);
        assert_eq!(TasteSize::from(&strangers).plays, 0);
    }
}

//! The discovery benchmark's synthetic world, generated deterministically
//! in memory before either backend writes it: a catalog (20 tracks per
//! artist, 10 per album), listeners on a friendship ring, and their plays
//! and likes.
//!
//! Taste follows the ring: listener `u` is in group `u / 50`, each group
//! has 10 core artists (popular artists are in more cores), and a listener
//! favours 8 of their group's core artists, 4 of each neighbouring
//! group's and 4 of their own, so friends (the nearest 200 on the ring)
//! share much but not all of their taste and strangers little.
//! Ids are 1-based positions: artist `a` is id `a + 1`, and so on.

use std::collections::HashSet;

use crate::discovery_names as names;
use crate::discovery_rng::{mix, Rng};

pub const TRACKS_PER_ARTIST: usize = 20;
pub const TRACKS_PER_ALBUM: usize = 10;
/// Track likes and artist likes per listener.
pub const TRACK_LIKES: usize = 20;
pub const ARTIST_LIKES: usize = 5;
/// Listeners per taste group, and core artists per group.
const GROUP: usize = 50;
const CORE: usize = 10;
pub const DAY_MS: i64 = 24 * 3600 * 1000;
/// Plays and likes are spread over this much time before now.
pub const HISTORY_MS: i64 = 60 * DAY_MS;
/// Every run generates the same world.
const SEED: u64 = 0x00c4_0a05;

/// How big a world to generate.
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    pub tracks: usize,
    pub users: usize,
    pub plays: usize,
    pub friends: usize,
}

#[derive(Debug, Clone)]
pub struct Listener {
    pub username: String,
    pub display_name: String,
    /// `users.privacy = 'private'` (1 % of listeners).
    pub private: bool,
    /// Artist positions, most played first.
    favourites: Vec<usize>,
}

/// A `played` event.
#[derive(Debug, Clone, Copy)]
pub struct Play {
    pub user: i64,
    pub track: i64,
    pub at_ms: i64,
}

/// A like of a track or an artist (`item` is its id).
#[derive(Debug, Clone, Copy)]
pub struct Like {
    pub user: i64,
    pub item: i64,
    pub at_ms: i64,
}

#[derive(Debug)]
pub struct World {
    pub sizes: Sizes,
    pub now_ms: i64,
    pub artists: Vec<String>,
    pub albums: Vec<String>,
    pub tracks: Vec<String>,
    pub listeners: Vec<Listener>,
}

impl World {
    pub fn generate(sizes: Sizes, now_ms: i64) -> Self {
        let mut rng = Rng::new(SEED);
        let artist_count = sizes.tracks.div_ceil(TRACKS_PER_ARTIST);
        let mut keys = HashSet::new();
        let artists: Vec<String> = (0..artist_count)
            .map(|_| loop {
                let name = names::artist(&mut rng);
                if keys.insert(name.to_lowercase()) {
                    break name;
                }
            })
            .collect();
        let mut albums: Vec<String> = Vec::new();
        for i in 0..sizes.tracks.div_ceil(TRACKS_PER_ALBUM) {
            let mut title = names::album(&mut rng);
            // The artist's albums need distinct titles (unique per artist).
            while i % 2 == 1
                && albums.last().map(|t| t.to_lowercase()) == Some(title.to_lowercase())
            {
                title = names::album(&mut rng);
            }
            albums.push(title);
        }
        let tracks = (0..sizes.tracks).map(|_| names::track(&mut rng)).collect();
        let groups = sizes.users.div_ceil(GROUP);
        let listeners = (0..sizes.users)
            .map(|u| Listener {
                username: username(u),
                display_name: names::person(&mut rng),
                private: u % 100 == 37,
                favourites: favourites(u, groups, artist_count),
            })
            .collect();
        Self {
            sizes,
            now_ms,
            artists,
            albums,
            tracks,
            listeners,
        }
    }

    /// The artist id of album id `album`.
    pub fn album_artist(album: i64) -> i64 {
        (album - 1) / 2 + 1
    }

    /// The album id of track id `track`.
    pub fn track_album(track: i64) -> i64 {
        (track - 1) / TRACKS_PER_ALBUM as i64 + 1
    }

    /// A play of listener position `user` within `span_ms` before now.
    pub fn play(&self, user: usize, span_ms: i64, rng: &mut Rng) -> Play {
        Play {
            user: id(user),
            track: self.favourite_track(user, rng),
            at_ms: self.now_ms - (rng.unit() * span_ms as f64) as i64,
        }
    }

    /// The seeded plays: the same number per listener, oldest first (so
    /// activity ids follow time, as they do when recorded).
    pub fn history(&self) -> Vec<Play> {
        let users = self.listeners.len().max(1);
        let (each, extra) = (self.sizes.plays / users, self.sizes.plays % users);
        let mut rng = Rng::new(SEED ^ 1);
        let mut plays = Vec::with_capacity(self.sizes.plays);
        for user in 0..self.listeners.len() {
            for _ in 0..each + usize::from(user < extra) {
                plays.push(self.play(user, HISTORY_MS, &mut rng));
            }
        }
        plays.sort_by_key(|p| p.at_ms);
        plays
    }

    /// Each listener's track likes and artist likes, of favourites.
    pub fn likes(&self) -> (Vec<Like>, Vec<Like>) {
        let mut rng = Rng::new(SEED ^ 2);
        let (mut tracks, mut artists) = (Vec::new(), Vec::new());
        for (user, listener) in self.listeners.iter().enumerate() {
            let mut liked = HashSet::new();
            for _ in 0..TRACK_LIKES * 10 {
                if liked.len() == TRACK_LIKES {
                    break;
                }
                let track = self.favourite_track(user, &mut rng);
                if liked.insert(track) {
                    tracks.push(self.like(user, track, &mut rng));
                }
            }
            for artist in listener.favourites.iter().take(ARTIST_LIKES) {
                artists.push(self.like(user, id(*artist), &mut rng));
            }
        }
        (tracks, artists)
    }

    fn like(&self, user: usize, item: i64, rng: &mut Rng) -> Like {
        Like {
            user: id(user),
            item,
            at_ms: self.now_ms - (rng.unit() * HISTORY_MS as f64) as i64,
        }
    }

    /// A track of one of the listener's favourites (the first ones and
    /// each artist's first tracks likelier).
    fn favourite_track(&self, user: usize, rng: &mut Rng) -> i64 {
        let favourites = self
            .listeners
            .get(user)
            .map(|l| l.favourites.as_slice())
            .unwrap_or_default();
        let artist = favourites
            .get(rng.skewed(favourites.len(), 1.6))
            .copied()
            .unwrap_or(0);
        let first = artist * TRACKS_PER_ARTIST;
        let count = self
            .sizes
            .tracks
            .saturating_sub(first)
            .min(TRACKS_PER_ARTIST);
        id(first + rng.skewed(count, 2.0))
    }
}

/// The 1-based id of position `i`.
pub fn id(i: usize) -> i64 {
    i64::try_from(i).unwrap_or(i64::MAX - 1) + 1
}

/// The username of listener position `u`: bench00001, …
pub fn username(u: usize) -> String {
    format!("bench{:05}", u + 1)
}

/// The core artists of taste group `g`: fixed per group, popular artists
/// (low positions) in more groups.
fn core(g: usize, artists: usize) -> Vec<usize> {
    (0..CORE)
        .map(|j| {
            let u = (mix((g * CORE + j) as u64) >> 11) as f64 / (1u64 << 53) as f64;
            ((artists as f64 * u.powf(1.5)) as usize).min(artists.saturating_sub(1))
        })
        .collect()
}

/// Listener `u`'s ~20 favourite artists, most played first.
fn favourites(u: usize, groups: usize, artists: usize) -> Vec<usize> {
    let mut rng = Rng::new(mix(u as u64) ^ SEED);
    let g = u / GROUP;
    let mut picks = Vec::new();
    for (group, count) in [
        (g, 8),
        ((g + groups - 1) % groups, 4),
        ((g + 1) % groups, 4),
    ] {
        let core = core(group, artists);
        picks.extend((0..count).filter_map(|_| rng.pick(&core).copied()));
    }
    picks.extend((0..4).map(|_| rng.skewed(artists, 2.0)));
    let mut seen = HashSet::new();
    picks.retain(|a| seen.insert(*a));
    picks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_world_is_consistent() {
        let sizes = Sizes {
            tracks: 400,
            users: 200,
            plays: 2000,
            friends: 10,
        };
        let world = World::generate(sizes, 1_800_000_000_000);
        assert_eq!(world.artists.len(), 20);
        assert_eq!(world.albums.len(), 40);
        let plays = world.history();
        assert_eq!(plays.len(), 2000);
        assert!(plays.windows(2).all(|w| w[0].at_ms <= w[1].at_ms));
        assert!(plays.iter().all(|p| (1..=400).contains(&p.track)));
        let (tracks, artists) = world.likes();
        assert!(tracks.len() > 200 && artists.len() <= 200 * ARTIST_LIKES);
        assert_eq!(World::album_artist(3), 2);
        assert_eq!(World::track_album(11), 2);
        assert_eq!(username(0), "bench00001");
    }
}

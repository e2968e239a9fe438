//! The play queue as plain data: what plays now, what comes next, shuffle and
//! repeat. No browser APIs here, so every rule is unit-tested natively; the
//! player wraps it in a signal.

use chorus_domain::Track;
use serde::{Deserialize, Serialize};

/// Repeat mode, cycled by the Repeat button: off → all → one → off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Repeat {
    #[default]
    Off,
    All,
    One,
}

impl Repeat {
    pub fn cycle(self) -> Self {
        match self {
            Self::Off => Self::All,
            Self::All => Self::One,
            Self::One => Self::Off,
        }
    }
}

/// One entry of the queue. The key tells two entries of the same track apart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub key: u64,
    pub track: Track,
}

/// The queue: entries in play order and the one playing now.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Queue {
    entries: Vec<Entry>,
    current: Option<usize>,
    pub repeat: Repeat,
    shuffle: bool,
    /// Keys in the order before shuffling, to restore it when shuffle ends.
    unshuffled: Vec<u64>,
    next_key: u64,
}

/// Source of randomness for shuffling: `pick(n)` returns a number in `0..n`.
pub trait Pick {
    fn pick(&mut self, n: usize) -> usize;
}

impl<F: FnMut(usize) -> usize> Pick for F {
    fn pick(&mut self, n: usize) -> usize {
        self(n)
    }
}

impl Queue {
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn current_index(&self) -> Option<usize> {
        self.current
    }

    pub fn current(&self) -> Option<&Entry> {
        self.current.and_then(|i| self.entries.get(i))
    }

    pub fn is_shuffled(&self) -> bool {
        self.shuffle
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn entry(&mut self, track: Track) -> Entry {
        self.next_key += 1;
        Entry {
            key: self.next_key,
            track,
        }
    }

    /// Replaces the queue with `tracks` and makes `start` current. With
    /// shuffle on, the rest is shuffled around the starting track.
    pub fn play_list(&mut self, tracks: Vec<Track>, start: usize, rng: &mut impl Pick) {
        self.entries = tracks.into_iter().map(|t| self.entry(t)).collect();
        self.current = (!self.entries.is_empty()).then(|| start.min(self.entries.len() - 1));
        self.unshuffled = self.entries.iter().map(|e| e.key).collect();
        if self.shuffle {
            self.shuffle_upcoming(rng);
        }
    }

    /// Inserts `track` right after the current entry.
    pub fn add_next(&mut self, track: Track) {
        let entry = self.entry(track);
        let at = self.current.map_or(self.entries.len(), |i| i + 1);
        self.unshuffled.push(entry.key);
        self.entries.insert(at, entry);
        if self.current.is_none() {
            self.current = Some(at);
        }
    }

    /// Appends `track` at the end.
    pub fn add_last(&mut self, track: Track) {
        let entry = self.entry(track);
        self.unshuffled.push(entry.key);
        self.entries.push(entry);
        if self.current.is_none() {
            self.current = Some(self.entries.len() - 1);
        }
    }

    /// Removes the entry at `index`. Removing the current entry makes the
    /// following one current (or the previous one at the end).
    pub fn remove(&mut self, index: usize) {
        if index >= self.entries.len() {
            return;
        }
        let removed = self.entries.remove(index);
        self.unshuffled.retain(|k| *k != removed.key);
        self.current = match self.current {
            _ if self.entries.is_empty() => None,
            Some(c) if index < c => Some(c - 1),
            Some(c) if index == c => Some(c.min(self.entries.len() - 1)),
            other => other,
        };
    }

    /// Moves the entry at `from` to position `to`; the current entry stays current.
    pub fn move_entry(&mut self, from: usize, to: usize) {
        let len = self.entries.len();
        if from >= len || to >= len || from == to {
            return;
        }
        let current_key = self.current().map(|e| e.key);
        let entry = self.entries.remove(from);
        self.entries.insert(to, entry);
        self.current = current_key.and_then(|k| self.entries.iter().position(|e| e.key == k));
    }

    /// Empties the queue.
    pub fn clear(&mut self) {
        self.entries.clear();
        self.unshuffled.clear();
        self.current = None;
    }

    /// Makes the entry at `index` current.
    pub fn jump(&mut self, index: usize) {
        if index < self.entries.len() {
            self.current = Some(index);
        }
    }

    /// The entry that plays after the current one ends on its own, if any.
    pub fn peek_next(&self) -> Option<&Entry> {
        let c = self.current?;
        match self.repeat {
            Repeat::One => self.entries.get(c),
            Repeat::All => self.entries.get((c + 1) % self.entries.len()),
            Repeat::Off => self.entries.get(c + 1),
        }
    }

    /// Advances when the current track ended by itself. Returns false when
    /// playback should stop (end of the queue with repeat off).
    pub fn advance_after_end(&mut self) -> bool {
        if self.repeat == Repeat::One {
            return self.current.is_some();
        }
        self.skip_next()
    }

    /// The Next button: the following entry, wrapping with repeat all.
    /// Returns false (and stays) at the end with repeat off or one.
    pub fn skip_next(&mut self) -> bool {
        let Some(c) = self.current else { return false };
        if c + 1 < self.entries.len() {
            self.current = Some(c + 1);
            true
        } else if self.repeat == Repeat::All && !self.entries.is_empty() {
            self.current = Some(0);
            true
        } else {
            false
        }
    }

    /// The Previous button (after the caller decided not to restart the
    /// current track): the preceding entry, wrapping with repeat all.
    pub fn skip_previous(&mut self) -> bool {
        let Some(c) = self.current else { return false };
        if c > 0 {
            self.current = Some(c - 1);
            true
        } else if self.repeat == Repeat::All && self.entries.len() > 1 {
            self.current = Some(self.entries.len() - 1);
            true
        } else {
            false
        }
    }

    /// Turns shuffle on (shuffling what comes after the current entry) or
    /// off (restoring the original order, current entry kept).
    pub fn set_shuffle(&mut self, on: bool, rng: &mut impl Pick) {
        if on == self.shuffle {
            return;
        }
        self.shuffle = on;
        if on {
            self.unshuffled = self.entries.iter().map(|e| e.key).collect();
            self.shuffle_upcoming(rng);
        } else {
            let current_key = self.current().map(|e| e.key);
            let order = &self.unshuffled;
            self.entries
                .sort_by_key(|e| order.iter().position(|k| *k == e.key).unwrap_or(usize::MAX));
            self.current = current_key.and_then(|k| self.entries.iter().position(|e| e.key == k));
        }
    }

    /// Fisher–Yates over the entries after the current one.
    fn shuffle_upcoming(&mut self, rng: &mut impl Pick) {
        let start = self.current.map_or(0, |c| c + 1).min(self.entries.len());
        let upcoming = &mut self.entries[start..];
        for i in (1..upcoming.len()).rev() {
            let j = rng.pick(i + 1).min(i);
            upcoming.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn track(id: i64) -> Track {
        chorus_domain::fixtures::track(id, 60_000)
    }

    fn ids(q: &Queue) -> Vec<i64> {
        q.entries().iter().map(|e| e.track.id.0).collect()
    }

    fn current(q: &Queue) -> Option<i64> {
        q.current().map(|e| e.track.id.0)
    }

    /// A deterministic "random" source that always reverses.
    fn first(_: usize) -> usize {
        0
    }

    fn list(n: i64) -> Vec<Track> {
        (1..=n).map(track).collect()
    }

    #[test]
    fn playing_a_list_starts_at_the_chosen_track() {
        let mut q = Queue::default();
        q.play_list(list(4), 2, &mut first);
        assert_eq!(current(&q), Some(3));
        assert_eq!(q.peek_next().map(|e| e.track.id.0), Some(4));
    }

    #[test]
    fn next_stops_at_the_end_unless_repeating_all() {
        let mut q = Queue::default();
        q.play_list(list(2), 1, &mut first);
        assert!(!q.skip_next());
        assert_eq!(current(&q), Some(2));
        q.repeat = Repeat::All;
        assert!(q.skip_next());
        assert_eq!(current(&q), Some(1));
    }

    #[test]
    fn repeat_one_replays_after_the_end_but_next_still_moves_on() {
        let mut q = Queue::default();
        q.play_list(list(3), 0, &mut first);
        q.repeat = Repeat::One;
        assert!(q.advance_after_end());
        assert_eq!(current(&q), Some(1));
        assert!(q.skip_next());
        assert_eq!(current(&q), Some(2));
    }

    #[test]
    fn add_next_inserts_after_current_and_add_last_appends() {
        let mut q = Queue::default();
        q.play_list(list(3), 0, &mut first);
        q.add_next(track(9));
        q.add_last(track(8));
        assert_eq!(ids(&q), vec![1, 9, 2, 3, 8]);
        assert_eq!(current(&q), Some(1));
    }

    #[test]
    fn adding_to_an_empty_queue_makes_the_track_current() {
        let mut q = Queue::default();
        q.add_last(track(5));
        assert_eq!(current(&q), Some(5));
    }

    #[test]
    fn removing_keeps_the_right_entry_current() {
        let mut q = Queue::default();
        q.play_list(list(4), 2, &mut first);
        q.remove(0);
        assert_eq!(current(&q), Some(3));
        q.remove(1); // the current one: the next becomes current
        assert_eq!(current(&q), Some(4));
        q.remove(1);
        assert_eq!(current(&q), Some(2));
        q.remove(0);
        assert_eq!(current(&q), None);
        assert!(q.is_empty());
    }

    #[test]
    fn moving_an_entry_keeps_current() {
        let mut q = Queue::default();
        q.play_list(list(4), 1, &mut first);
        q.move_entry(3, 0);
        assert_eq!(ids(&q), vec![4, 1, 2, 3]);
        assert_eq!(current(&q), Some(2));
    }

    #[test]
    fn shuffle_reorders_only_upcoming_and_unshuffle_restores() {
        let mut q = Queue::default();
        q.play_list(list(5), 1, &mut first);
        q.set_shuffle(true, &mut first);
        assert_eq!(current(&q), Some(2));
        assert_eq!(&ids(&q)[..2], &[1, 2]);
        let mut upcoming = ids(&q)[2..].to_vec();
        assert_ne!(
            upcoming,
            vec![3, 4, 5],
            "the always-first picker moves entries"
        );
        upcoming.sort_unstable();
        assert_eq!(upcoming, vec![3, 4, 5]);
        q.set_shuffle(false, &mut first);
        assert_eq!(ids(&q), vec![1, 2, 3, 4, 5]);
        assert_eq!(current(&q), Some(2));
    }

    #[test]
    fn previous_wraps_only_with_repeat_all() {
        let mut q = Queue::default();
        q.play_list(list(3), 0, &mut first);
        assert!(!q.skip_previous());
        q.repeat = Repeat::All;
        assert!(q.skip_previous());
        assert_eq!(current(&q), Some(3));
    }

    #[test]
    fn the_queue_survives_a_round_trip_through_json() {
        let mut q = Queue::default();
        q.play_list(list(3), 1, &mut first);
        q.repeat = Repeat::All;
        let json = serde_json::to_string(&q).unwrap();
        assert_eq!(serde_json::from_str::<Queue>(&json).unwrap(), q);
    }
}

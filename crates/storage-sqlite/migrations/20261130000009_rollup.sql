-- Plays rolled up for charts and taste (src/rollup.rs): the newest
-- activity id rolled up so far (one row), plays per UTC day (days since
-- the Unix epoch) and track, and each listener's plays per artist with
-- their summed recency weight (chorus_domain::taste::stored_play_weight).
-- Only plays visible to friends are rolled up; private ones never are.

CREATE TABLE rollup_cursor (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    last_id  INTEGER NOT NULL
);
INSERT INTO rollup_cursor (id, last_id) VALUES (1, 0);

CREATE TABLE daily_track_plays (
    day       INTEGER NOT NULL,
    track_id  INTEGER NOT NULL REFERENCES tracks(id) ON DELETE CASCADE,
    plays     INTEGER NOT NULL,
    PRIMARY KEY (day, track_id)
);

CREATE TABLE taste_plays (
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    artist_id  INTEGER NOT NULL REFERENCES artists(id) ON DELETE CASCADE,
    weight     REAL    NOT NULL,
    plays      INTEGER NOT NULL,
    PRIMARY KEY (user_id, artist_id)
);
CREATE INDEX taste_plays_artist ON taste_plays (artist_id);

-- The smallest id of each UTC day's events (any kind), as roll-ups read
-- them. Every event at or after a day has an id at least the smallest
-- first id of that day and later ones, or above the cursor: a lower bound
-- that lets reads of friends' recent events (src/since.rs) walk each
-- friend's activity from it (activity_user) instead of all of it, exact
-- whatever the clock did.
CREATE TABLE activity_days (
    day       INTEGER PRIMARY KEY,
    first_id  INTEGER NOT NULL
);

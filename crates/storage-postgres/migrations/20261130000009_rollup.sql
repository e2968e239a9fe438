-- Plays rolled up for charts and taste (src/rollup.rs): the newest
-- activity id rolled up so far (one row, locked by each roll-up so
-- concurrent ones queue), plays per UTC day (days since the Unix epoch)
-- and track, and each listener's plays per artist with their summed
-- recency weight (chorus_domain::taste::stored_play_weight). Only plays
-- visible to friends are rolled up; private ones never are.

CREATE TABLE rollup_cursor (
    id       BIGINT PRIMARY KEY CHECK (id = 1),
    last_id  BIGINT NOT NULL
);
INSERT INTO rollup_cursor (id, last_id) VALUES (1, 0);

CREATE TABLE daily_track_plays (
    day       BIGINT NOT NULL,
    track_id  BIGINT NOT NULL REFERENCES tracks(id) ON DELETE CASCADE,
    plays     BIGINT NOT NULL,
    PRIMARY KEY (day, track_id)
);

CREATE TABLE taste_plays (
    user_id    BIGINT           NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    artist_id  BIGINT           NOT NULL REFERENCES artists(id) ON DELETE CASCADE,
    weight     DOUBLE PRECISION NOT NULL,
    plays      BIGINT           NOT NULL,
    PRIMARY KEY (user_id, artist_id)
);
CREATE INDEX taste_plays_artist ON taste_plays (artist_id);
-- A listener's whole taste in one index-only scan (taste reads of 200
-- friends otherwise fetch scattered heap pages, or scan the table).
CREATE INDEX taste_plays_user ON taste_plays (user_id) INCLUDE (artist_id, weight, plays);

-- The smallest id of each UTC day's events (any kind), as roll-ups read
-- them. Every event at or after a day has an id at least the smallest
-- first id of that day and later ones, or above the cursor: a lower bound
-- that lets reads of friends' recent events (src/since.rs) walk each
-- friend's activity from it (activity_user) instead of all of it, exact
-- whatever the clock did.
CREATE TABLE activity_days (
    day       BIGINT PRIMARY KEY,
    first_id  BIGINT NOT NULL
);

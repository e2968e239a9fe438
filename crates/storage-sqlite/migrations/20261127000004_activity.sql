-- Activity events: the source of truth of every feed. AUTOINCREMENT keeps
-- ids strictly increasing (never reused), so they work as resume cursors.
-- Visibility is fixed when the event happens: turning privacy off later
-- does not reveal what was done in private.

CREATE TABLE activity (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL CHECK (kind IN ('now_playing', 'paused', 'played', 'liked_track', 'liked_artist', 'friended')),
    track_id    INTEGER REFERENCES tracks(id) ON DELETE SET NULL,
    artist_id   INTEGER REFERENCES artists(id) ON DELETE SET NULL,
    friend_id   INTEGER REFERENCES users(id) ON DELETE CASCADE,
    visibility  TEXT    NOT NULL CHECK (visibility IN ('friends', 'private')),
    at          TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX activity_user ON activity (user_id, id);

-- Where each listener is in their current track (a ListeningState as JSON).
CREATE TABLE listening (
    user_id  INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    state    TEXT    NOT NULL
);

-- Playlist events in the feed: `created_playlist` and `added_to_playlist`
-- (one per listener and playlist within minutes), naming the playlist.
-- SQLite cannot change a CHECK, so the table is rebuilt with its rows, its
-- index and its id sequence (ids stay strictly increasing: they are
-- clients' resume cursors). No table references `activity`.

CREATE TABLE activity_new (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind         TEXT    NOT NULL CHECK (kind IN ('now_playing', 'paused', 'played', 'liked_track',
                   'liked_artist', 'friended', 'created_playlist', 'added_to_playlist')),
    track_id     INTEGER REFERENCES tracks(id) ON DELETE SET NULL,
    artist_id    INTEGER REFERENCES artists(id) ON DELETE SET NULL,
    friend_id    INTEGER REFERENCES users(id) ON DELETE CASCADE,
    visibility   TEXT    NOT NULL CHECK (visibility IN ('friends', 'private')),
    at_ms        INTEGER NOT NULL DEFAULT 0,
    playlist_id  INTEGER REFERENCES playlists(id) ON DELETE CASCADE
);
INSERT INTO activity_new (id, user_id, kind, track_id, artist_id, friend_id, visibility, at_ms)
    SELECT id, user_id, kind, track_id, artist_id, friend_id, visibility, at_ms FROM activity;
-- Ids never go back, even past the newest row deleted meanwhile.
INSERT INTO sqlite_sequence (name, seq)
    SELECT 'activity_new', seq FROM sqlite_sequence WHERE name = 'activity'
    AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'activity_new');
UPDATE sqlite_sequence
    SET seq = MAX(seq, (SELECT seq FROM sqlite_sequence WHERE name = 'activity'))
    WHERE name = 'activity_new' AND EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'activity');
DROP TABLE activity;
ALTER TABLE activity_new RENAME TO activity;
CREATE INDEX activity_user ON activity (user_id, id);
-- The newest addition of one listener to one playlist (batching).
CREATE INDEX activity_playlist ON activity (playlist_id, user_id, kind);

-- Playlists: a listener's ordered tracks. An entry's place is `rank_key`,
-- a fractional index as hex text compared byte by byte (BINARY): a move
-- or an insertion takes a rank between its neighbours and rewrites no
-- other entry. Collaborators are friends the owner invited to edit.

CREATE TABLE playlists (
    id           INTEGER PRIMARY KEY,
    owner_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    description  TEXT    NOT NULL DEFAULT '',
    visibility   TEXT    NOT NULL CHECK (visibility IN ('public', 'friends', 'private')),
    created_ms   INTEGER NOT NULL,
    updated_ms   INTEGER NOT NULL
);
CREATE INDEX playlists_owner ON playlists (owner_id);

CREATE TABLE playlist_entries (
    id           INTEGER PRIMARY KEY,
    playlist_id  INTEGER NOT NULL REFERENCES playlists (id) ON DELETE CASCADE,
    track_id     INTEGER NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
    rank_key     TEXT    NOT NULL COLLATE BINARY,
    added_by     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    added_ms     INTEGER NOT NULL,
    UNIQUE (playlist_id, rank_key)
);
CREATE INDEX playlist_entries_track ON playlist_entries (track_id);

CREATE TABLE playlist_collaborators (
    playlist_id  INTEGER NOT NULL REFERENCES playlists (id) ON DELETE CASCADE,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    added_ms     INTEGER NOT NULL,
    PRIMARY KEY (playlist_id, user_id)
);
CREATE INDEX playlist_collaborators_user ON playlist_collaborators (user_id);

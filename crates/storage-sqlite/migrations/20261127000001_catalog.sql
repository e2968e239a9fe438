-- The music catalog: artists, albums, tracks. Media files are referenced by
-- content hash + kind; the bytes live in the media store on disk.

CREATE TABLE artists (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL,
    -- Case- and space-insensitive identity of the name, for de-duplication.
    name_key    TEXT    NOT NULL UNIQUE,
    created_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE albums (
    id          INTEGER PRIMARY KEY,
    artist_id   INTEGER NOT NULL REFERENCES artists(id),
    title       TEXT    NOT NULL,
    title_key   TEXT    NOT NULL,
    year        INTEGER,
    genre       TEXT,
    cover_hash  TEXT,
    cover_kind  TEXT,
    created_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (artist_id, title_key)
);

CREATE TABLE tracks (
    id            INTEGER PRIMARY KEY,
    album_id      INTEGER NOT NULL REFERENCES albums(id),
    artist_id     INTEGER NOT NULL REFERENCES artists(id),
    title         TEXT    NOT NULL,
    disc_number   INTEGER NOT NULL DEFAULT 1,
    track_number  INTEGER,
    year          INTEGER,
    genre         TEXT,
    duration_ms   INTEGER NOT NULL,
    audio_hash    TEXT    NOT NULL UNIQUE,
    audio_kind    TEXT    NOT NULL,
    source_path   TEXT    NOT NULL UNIQUE,
    imported_at   TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE INDEX tracks_album ON tracks (album_id, disc_number, track_number);
CREATE INDEX tracks_artist ON tracks (artist_id);
CREATE INDEX albums_artist ON albums (artist_id);

-- Public playlists are searchable: a search document of kind `playlist`
-- (its folded name), kept in step by the playlist store. SQLite cannot
-- change a CHECK, so `search_documents` is rebuilt with its rows and ids
-- (the FTS index `search_fts` refers to them by rowid and stays as it is)
-- and its triggers. No table references it.

CREATE TABLE search_documents_new (
    id           INTEGER PRIMARY KEY,
    kind         TEXT    NOT NULL CHECK (kind IN
                   ('artist', 'album', 'track', 'username', 'display_name', 'playlist')),
    ref_id       INTEGER NOT NULL,
    folded_name  TEXT    NOT NULL,
    UNIQUE (kind, ref_id)
);
INSERT INTO search_documents_new (id, kind, ref_id, folded_name)
    SELECT id, kind, ref_id, folded_name FROM search_documents;
DROP TABLE search_documents;
ALTER TABLE search_documents_new RENAME TO search_documents;

CREATE TRIGGER search_documents_insert AFTER INSERT ON search_documents BEGIN
    INSERT INTO search_fts (rowid, folded_name) VALUES (new.id, new.folded_name);
END;

CREATE TRIGGER search_documents_delete AFTER DELETE ON search_documents BEGIN
    INSERT INTO search_fts (search_fts, rowid, folded_name)
    VALUES ('delete', old.id, old.folded_name);
END;

CREATE TRIGGER search_documents_update AFTER UPDATE ON search_documents BEGIN
    INSERT INTO search_fts (search_fts, rowid, folded_name)
    VALUES ('delete', old.id, old.folded_name);
    INSERT INTO search_fts (rowid, folded_name) VALUES (new.id, new.folded_name);
END;

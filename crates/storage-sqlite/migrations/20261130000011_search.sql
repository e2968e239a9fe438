-- Search (src/search.rs): one document per artist name, album title,
-- track title, username and display name, holding the name folded by
-- chorus_domain::search::fold (lower case, no accents, words separated by
-- single spaces). Folding happens in Rust, so the store writes documents
-- with the rows they name (src/search_documents.rs) and fills in missing
-- ones when it opens. `search_fts` indexes them: an external-content FTS5
-- table kept in step by the triggers below, with prefix indexes for the
-- 2- and 3-character prefixes a listener types first.

CREATE TABLE search_documents (
    id           INTEGER PRIMARY KEY,
    kind         TEXT    NOT NULL CHECK (kind IN ('artist', 'album', 'track', 'username', 'display_name')),
    ref_id       INTEGER NOT NULL,
    folded_name  TEXT    NOT NULL,
    UNIQUE (kind, ref_id)
);

CREATE VIRTUAL TABLE search_fts USING fts5 (
    folded_name,
    content = 'search_documents',
    content_rowid = 'id',
    tokenize = "unicode61 remove_diacritics 2",
    prefix = '2 3'
);

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

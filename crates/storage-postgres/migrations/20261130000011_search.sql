-- Search (src/search.rs): one document per artist name, album title,
-- track title, username and display name, holding the name folded by
-- chorus_domain::search::fold (lower case, no accents, words separated by
-- single spaces). Folding happens in Rust, so the store writes documents
-- with the rows they name (src/search_documents.rs) and fills in missing
-- ones when it connects. `words` is the folded name as a text-search
-- vector ('simple': every word as it is, no stemming or stop words),
-- GIN-indexed for prefix queries (`'term':*`). Without GIN's pending
-- list (`fastupdate`): names are written rarely and searched often, and
-- every search would scan the entries still pending.

CREATE TABLE search_documents (
    id           BIGINT   GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind         TEXT     NOT NULL CHECK (kind IN ('artist', 'album', 'track', 'username', 'display_name')),
    ref_id       BIGINT   NOT NULL,
    folded_name  TEXT     COLLATE "C" NOT NULL,
    words        TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', folded_name)) STORED,
    UNIQUE (kind, ref_id)
);
CREATE INDEX search_documents_words ON search_documents USING GIN (words)
    WITH (fastupdate = off);

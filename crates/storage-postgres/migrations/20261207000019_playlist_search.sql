-- Public playlists are searchable: a search document of kind `playlist`
-- (its folded name), kept in step by the playlist store.

ALTER TABLE search_documents DROP CONSTRAINT search_documents_kind_check;
ALTER TABLE search_documents ADD CONSTRAINT search_documents_kind_check CHECK (kind IN
    ('artist', 'album', 'track', 'username', 'display_name', 'playlist'));

-- Playlist events in the feed: `created_playlist` and `added_to_playlist`
-- (one per listener and playlist within minutes), naming the playlist.

ALTER TABLE activity DROP CONSTRAINT activity_kind_check;
ALTER TABLE activity ADD CONSTRAINT activity_kind_check CHECK (kind IN ('now_playing', 'paused',
    'played', 'liked_track', 'liked_artist', 'friended', 'created_playlist', 'added_to_playlist'));
ALTER TABLE activity ADD COLUMN playlist_id BIGINT REFERENCES playlists (id) ON DELETE CASCADE;
-- The newest addition of one listener to one playlist (batching).
CREATE INDEX activity_playlist ON activity (playlist_id, user_id, kind);

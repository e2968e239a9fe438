-- Whether a like was made while the listener was private (by setting or
-- private session), as its `liked_*` event was: discovery never counts or
-- shows such a like. Set when the like is recorded (src/likes.rs). Likes
-- from before this migration take the visibility of their latest like
-- event (the one that recorded them); one scan of the activity, then a
-- look-up per private like event only.

ALTER TABLE track_likes ADD COLUMN private BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE artist_likes ADD COLUMN private BOOLEAN NOT NULL DEFAULT FALSE;

UPDATE track_likes SET private = TRUE
WHERE (user_id, track_id) IN (
    SELECT a.user_id, a.track_id FROM activity a
    WHERE a.kind = 'liked_track' AND a.visibility = 'private'
      AND a.id = (SELECT MAX(b.id) FROM activity b
                  WHERE b.user_id = a.user_id AND b.kind = 'liked_track'
                    AND b.track_id = a.track_id)
);

UPDATE artist_likes SET private = TRUE
WHERE (user_id, artist_id) IN (
    SELECT a.user_id, a.artist_id FROM activity a
    WHERE a.kind = 'liked_artist' AND a.visibility = 'private'
      AND a.id = (SELECT MAX(b.id) FROM activity b
                  WHERE b.user_id = a.user_id AND b.kind = 'liked_artist'
                    AND b.artist_id = a.artist_id)
);

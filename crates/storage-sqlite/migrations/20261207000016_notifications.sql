-- Notifications: what a listener is told of by another (a friend request,
-- a request accepted, a dedication, an invitation to edit a playlist).
-- One names at most one of a track, an album and a playlist, and goes
-- with it. `read_ms` is when it was marked read (NULL: unread).

CREATE TABLE notifications (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind         TEXT    NOT NULL CHECK (kind IN
                   ('friend_request', 'friend_accepted', 'dedication', 'playlist_invite')),
    actor_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    track_id     INTEGER REFERENCES tracks (id) ON DELETE CASCADE,
    album_id     INTEGER REFERENCES albums (id) ON DELETE CASCADE,
    playlist_id  INTEGER REFERENCES playlists (id) ON DELETE CASCADE,
    message      TEXT,
    created_ms   INTEGER NOT NULL,
    read_ms      INTEGER,
    CHECK ((track_id IS NOT NULL) + (album_id IS NOT NULL) + (playlist_id IS NOT NULL) <= 1)
);
-- A listener's newest, and their unread count.
CREATE INDEX notifications_user ON notifications (user_id, id);
-- What one sent lately (the dedication rate limit).
CREATE INDEX notifications_sent ON notifications (actor_id, kind, created_ms);

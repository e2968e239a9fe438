-- Albums can be liked too (a listener's library). Like the other likes:
-- `private` marks one made in private (discovery never counts it);
-- newest first by `created_ms`, then insertion (rowid).

CREATE TABLE album_likes (
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    album_id    INTEGER NOT NULL REFERENCES albums (id) ON DELETE CASCADE,
    private     BOOLEAN NOT NULL DEFAULT FALSE,
    created_ms  INTEGER NOT NULL,
    PRIMARY KEY (user_id, album_id)
);
CREATE INDEX album_likes_album ON album_likes (album_id);

-- Albums can be liked too (a listener's library). Like the other likes:
-- `private` marks one made in private (discovery never counts it);
-- newest first by `created_ms`, then insertion (`seq`, as SQLite's rowid).

CREATE TABLE album_likes (
    user_id     BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    album_id    BIGINT  NOT NULL REFERENCES albums (id) ON DELETE CASCADE,
    private     BOOLEAN NOT NULL DEFAULT FALSE,
    created_ms  BIGINT  NOT NULL,
    seq         BIGINT  GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (user_id, album_id)
);
CREATE INDEX album_likes_album ON album_likes (album_id);

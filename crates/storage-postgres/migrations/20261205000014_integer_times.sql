-- Times become integer Unix milliseconds (BIGINT), written by the
-- application from its one clock (`chorus_domain::Clock`), never read
-- from the database's: no defaults, every insert gives its time. Whole
-- milliseconds, rounded down, as the SQLite backend converts them. Each
-- table is rewritten once (a lock for the migration's length: run it
-- before the new instances start, as every migration).

ALTER TABLE artists ALTER COLUMN created_at DROP DEFAULT,
    ALTER COLUMN created_at TYPE BIGINT USING floor(extract(epoch FROM created_at) * 1000)::BIGINT;
ALTER TABLE artists RENAME COLUMN created_at TO created_ms;

ALTER TABLE albums ALTER COLUMN created_at DROP DEFAULT,
    ALTER COLUMN created_at TYPE BIGINT USING floor(extract(epoch FROM created_at) * 1000)::BIGINT;
ALTER TABLE albums RENAME COLUMN created_at TO created_ms;

ALTER TABLE tracks ALTER COLUMN imported_at DROP DEFAULT,
    ALTER COLUMN imported_at TYPE BIGINT USING floor(extract(epoch FROM imported_at) * 1000)::BIGINT;
ALTER TABLE tracks RENAME COLUMN imported_at TO imported_ms;

ALTER TABLE users ALTER COLUMN created_at DROP DEFAULT,
    ALTER COLUMN created_at TYPE BIGINT USING floor(extract(epoch FROM created_at) * 1000)::BIGINT;
ALTER TABLE users RENAME COLUMN created_at TO created_ms;

ALTER TABLE users ALTER COLUMN private_until DROP DEFAULT,
    ALTER COLUMN private_until TYPE BIGINT USING floor(extract(epoch FROM private_until) * 1000)::BIGINT;
ALTER TABLE users RENAME COLUMN private_until TO private_until_ms;

ALTER TABLE friend_requests ALTER COLUMN created_at DROP DEFAULT,
    ALTER COLUMN created_at TYPE BIGINT USING floor(extract(epoch FROM created_at) * 1000)::BIGINT;
ALTER TABLE friend_requests RENAME COLUMN created_at TO created_ms;

ALTER TABLE friendships ALTER COLUMN since DROP DEFAULT,
    ALTER COLUMN since TYPE BIGINT USING floor(extract(epoch FROM since) * 1000)::BIGINT;
ALTER TABLE friendships RENAME COLUMN since TO since_ms;

ALTER TABLE track_likes ALTER COLUMN created_at DROP DEFAULT,
    ALTER COLUMN created_at TYPE BIGINT USING floor(extract(epoch FROM created_at) * 1000)::BIGINT;
ALTER TABLE track_likes RENAME COLUMN created_at TO created_ms;

ALTER TABLE artist_likes ALTER COLUMN created_at DROP DEFAULT,
    ALTER COLUMN created_at TYPE BIGINT USING floor(extract(epoch FROM created_at) * 1000)::BIGINT;
ALTER TABLE artist_likes RENAME COLUMN created_at TO created_ms;

ALTER TABLE activity ALTER COLUMN at DROP DEFAULT,
    ALTER COLUMN at TYPE BIGINT USING floor(extract(epoch FROM at) * 1000)::BIGINT;
ALTER TABLE activity RENAME COLUMN at TO at_ms;

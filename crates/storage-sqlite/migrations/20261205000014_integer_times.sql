-- Times become integer Unix milliseconds, written by the application
-- from its one clock (`chorus_domain::Clock`), never read from the
-- database's: compared as numbers, not as RFC 3339 text. Each column is
-- added, filled from the text it replaces (exactly: whole seconds plus
-- the three digits of milliseconds of the stored format
-- `2026-11-27T19:01:02.345Z`), and the text column dropped. SQLite adds a
-- NOT NULL column only with a constant default; every insert gives the
-- time itself.

ALTER TABLE artists ADD COLUMN created_ms INTEGER NOT NULL DEFAULT 0;
UPDATE artists SET created_ms = CAST(strftime('%s', created_at) AS INTEGER) * 1000 + CAST(substr(created_at, 21, 3) AS INTEGER);
ALTER TABLE artists DROP COLUMN created_at;

ALTER TABLE albums ADD COLUMN created_ms INTEGER NOT NULL DEFAULT 0;
UPDATE albums SET created_ms = CAST(strftime('%s', created_at) AS INTEGER) * 1000 + CAST(substr(created_at, 21, 3) AS INTEGER);
ALTER TABLE albums DROP COLUMN created_at;

ALTER TABLE tracks ADD COLUMN imported_ms INTEGER NOT NULL DEFAULT 0;
UPDATE tracks SET imported_ms = CAST(strftime('%s', imported_at) AS INTEGER) * 1000 + CAST(substr(imported_at, 21, 3) AS INTEGER);
ALTER TABLE tracks DROP COLUMN imported_at;

ALTER TABLE users ADD COLUMN created_ms INTEGER NOT NULL DEFAULT 0;
UPDATE users SET created_ms = CAST(strftime('%s', created_at) AS INTEGER) * 1000 + CAST(substr(created_at, 21, 3) AS INTEGER);
ALTER TABLE users DROP COLUMN created_at;

ALTER TABLE users ADD COLUMN private_until_ms INTEGER NULL;
UPDATE users SET private_until_ms = CAST(strftime('%s', private_until) AS INTEGER) * 1000 + CAST(substr(private_until, 21, 3) AS INTEGER)
WHERE private_until IS NOT NULL;
ALTER TABLE users DROP COLUMN private_until;

ALTER TABLE friend_requests ADD COLUMN created_ms INTEGER NOT NULL DEFAULT 0;
UPDATE friend_requests SET created_ms = CAST(strftime('%s', created_at) AS INTEGER) * 1000 + CAST(substr(created_at, 21, 3) AS INTEGER);
ALTER TABLE friend_requests DROP COLUMN created_at;

ALTER TABLE friendships ADD COLUMN since_ms INTEGER NOT NULL DEFAULT 0;
UPDATE friendships SET since_ms = CAST(strftime('%s', since) AS INTEGER) * 1000 + CAST(substr(since, 21, 3) AS INTEGER);
ALTER TABLE friendships DROP COLUMN since;

ALTER TABLE track_likes ADD COLUMN created_ms INTEGER NOT NULL DEFAULT 0;
UPDATE track_likes SET created_ms = CAST(strftime('%s', created_at) AS INTEGER) * 1000 + CAST(substr(created_at, 21, 3) AS INTEGER);
ALTER TABLE track_likes DROP COLUMN created_at;

ALTER TABLE artist_likes ADD COLUMN created_ms INTEGER NOT NULL DEFAULT 0;
UPDATE artist_likes SET created_ms = CAST(strftime('%s', created_at) AS INTEGER) * 1000 + CAST(substr(created_at, 21, 3) AS INTEGER);
ALTER TABLE artist_likes DROP COLUMN created_at;

ALTER TABLE activity ADD COLUMN at_ms INTEGER NOT NULL DEFAULT 0;
UPDATE activity SET at_ms = CAST(strftime('%s', at) AS INTEGER) * 1000 + CAST(substr(at, 21, 3) AS INTEGER);
ALTER TABLE activity DROP COLUMN at;

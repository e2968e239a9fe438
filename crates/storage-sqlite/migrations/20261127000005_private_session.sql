-- Private session ("ghost mode"): until this time (RFC 3339, the format of
-- every stored time, so text comparison is time order) everything the
-- listener does is private, as with privacy = 'private'. NULL: none.

ALTER TABLE users ADD COLUMN private_until TEXT NULL;

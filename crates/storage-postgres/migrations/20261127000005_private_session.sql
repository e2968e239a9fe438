-- Private session ("ghost mode"): until this time everything the listener
-- does is private, as with privacy = 'private'. NULL: none.

ALTER TABLE users ADD COLUMN private_until TIMESTAMPTZ NULL;

-- The global charts as last computed (src/charts.rs), one per period
-- ('week', 'month'): when (Unix ms), and the ranked tracks and artists
-- with their plays. Entries are replaced together with their chart.

CREATE TABLE charts (
    period       TEXT   PRIMARY KEY CHECK (period IN ('week', 'month')),
    computed_ms  BIGINT NOT NULL
);

CREATE TABLE chart_entries (
    period  TEXT   NOT NULL REFERENCES charts(period) ON DELETE CASCADE,
    kind    TEXT   NOT NULL CHECK (kind IN ('track', 'artist')),
    rank    BIGINT NOT NULL,
    ref_id  BIGINT NOT NULL,
    plays   BIGINT NOT NULL,
    PRIMARY KEY (period, kind, rank)
);

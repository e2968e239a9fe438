//! How to connect: pool sizes, timeouts and an optional read replica.

use std::time::Duration;

/// Connection settings of a [`crate::PostgresStore`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PgOptions {
    /// Most connections per pool (the primary's, and the replica's if any).
    pub max_connections: u32,
    /// Connections each pool keeps open when idle.
    pub min_connections: u32,
    /// Longest a statement may run before PostgreSQL cancels it (set on
    /// every pooled connection); `None`: the server's setting.
    pub statement_timeout: Option<Duration>,
    /// Longest a query waits for a free connection before failing.
    pub acquire_timeout: Duration,
    /// A read replica for reads that tolerate its lag: catalog listings
    /// and details, and public profiles. Everything else reads the primary.
    pub read_replica_url: Option<String>,
}

impl Default for PgOptions {
    fn default() -> Self {
        Self {
            max_connections: 16,
            min_connections: 0,
            statement_timeout: Some(Duration::from_secs(5)),
            acquire_timeout: Duration::from_secs(10),
            read_replica_url: None,
        }
    }
}

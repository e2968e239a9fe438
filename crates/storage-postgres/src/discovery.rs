//! [`chorus_storage::DiscoveryStore`] for PostgreSQL: each read in the
//! module holding its SQL (`chorus_storage_rows::discovery_store`), every
//! one on the primary.

chorus_storage_rows::sql_discovery_store!(crate::PostgresStore);

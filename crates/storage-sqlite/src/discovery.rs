//! [`chorus_storage::DiscoveryStore`] for SQLite: each read in the module
//! holding its SQL (`chorus_storage_rows::discovery_store`).

chorus_storage_rows::sql_discovery_store!(crate::SqliteStore);

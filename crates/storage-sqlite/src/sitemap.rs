//! [`chorus_storage::SitemapStore`] for SQLite: the SQL both backends
//! share (`chorus_storage_rows::sitemap`).

chorus_storage_rows::sql_sitemap_store!(crate::SqliteStore, crate::error::map_err);

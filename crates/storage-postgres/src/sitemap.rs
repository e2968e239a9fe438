//! [`chorus_storage::SitemapStore`] for PostgreSQL: the SQL both backends
//! share (`chorus_storage_rows::sitemap`).

chorus_storage_rows::sql_sitemap_store!(crate::PostgresStore, crate::error::map_err);

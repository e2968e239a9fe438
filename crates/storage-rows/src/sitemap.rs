//! The sitemap's reads ([`chorus_storage::SitemapStore`]), the same SQL on
//! both engines: [`crate::sql_sitemap_store!`] expands them for a backend.

use chorus_domain::SitemapKind;

/// A kind's pages as SQL: the key column (text) and the rows, `FROM …`
/// with its condition. Ordered by `id`.
pub fn source(kind: SitemapKind) -> (&'static str, &'static str) {
    match kind {
        SitemapKind::Artists => (
            "CAST(id AS TEXT)",
            "FROM artists ar WHERE EXISTS (SELECT 1 FROM albums al WHERE al.artist_id = ar.id)",
        ),
        SitemapKind::Albums => ("CAST(id AS TEXT)", "FROM albums"),
        SitemapKind::Tracks => ("CAST(id AS TEXT)", "FROM tracks"),
        SitemapKind::Listeners => ("username", "FROM users WHERE privacy <> 'private'"),
        SitemapKind::Playlists => (
            "CAST(id AS TEXT)",
            "FROM playlists WHERE visibility = 'public'",
        ),
    }
}

/// Implements [`chorus_storage::SitemapStore`] for `$store` (a `pool`
/// field), mapping errors with `$map_err`.
#[macro_export]
macro_rules! sql_sitemap_store {
    ($store:ty, $map_err:path) => {
        #[async_trait::async_trait]
        impl chorus_storage::SitemapStore for $store {
            async fn sitemap_count(
                &self,
                kind: chorus_domain::SitemapKind,
            ) -> chorus_storage::StorageResult<u64> {
                let (_, rows) = $crate::sitemap::source(kind);
                let count: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) {rows}"))
                    .fetch_one(&self.pool)
                    .await
                    .map_err($map_err)?;
                Ok(u64::try_from(count).unwrap_or(0))
            }

            async fn sitemap_keys(
                &self,
                page: chorus_domain::SitemapPage,
            ) -> chorus_storage::StorageResult<Vec<String>> {
                let (key, rows) = $crate::sitemap::source(page.kind);
                let sql = format!("SELECT {key} {rows} ORDER BY id LIMIT $1 OFFSET $2");
                sqlx::query_scalar(&sql)
                    .bind($crate::bigint(chorus_domain::URLS_PER_SITEMAP))
                    .bind($crate::bigint(page.offset()))
                    .fetch_all(&self.pool)
                    .await
                    .map_err($map_err)
            }
        }
    };
}

//! Search ([`chorus_storage::DiscoveryStore::search_matches`]) over the
//! folded names of `search_documents` through the FTS5 index `search_fts`:
//! every query term as a word prefix (`"term"*`, all of them). Each match
//! comes with its bm25 (negated, as relevance); discovery ranks them.

use chorus_domain::SearchQuery;
use chorus_storage::{SearchMatch, StorageResult};
use chorus_storage_rows::search::SearchMatchRow;
use sqlx::SqlitePool;

use crate::error::map_err;

/// The FTS5 query: each term quoted (a `"` doubled) as a prefix; terms
/// side by side must all match.
fn fts_query(query: &SearchQuery) -> String {
    let terms: Vec<String> = query
        .terms()
        .iter()
        .map(|term| format!("\"{}\"*", term.replace('"', "\"\"")))
        .collect();
    terms.join(" ")
}

/// Every match is scored once (a materialized CTE: the index is searched
/// once), then each kind keeps its best `?3` in discovery's order (a
/// listener's two documents together, twice as many, so that `?3`
/// listeners remain once each is kept at their better place): top-N
/// sorts, so only candidates come back.
const SEARCH: &str = "WITH hits AS MATERIALIZED ( \
         SELECT d.kind, d.ref_id, d.folded_name = ?2 AS exact, -bm25(search_fts) AS relevance, \
                length(d.folded_name) AS len \
         FROM search_fts JOIN search_documents d ON d.id = search_fts.rowid \
         WHERE search_fts MATCH ?1) \
     SELECT * FROM (SELECT * FROM hits WHERE kind = 'artist' \
                    ORDER BY exact DESC, relevance DESC, len, ref_id LIMIT ?3) \
     UNION ALL SELECT * FROM (SELECT * FROM hits WHERE kind = 'album' \
                    ORDER BY exact DESC, relevance DESC, len, ref_id LIMIT ?3) \
     UNION ALL SELECT * FROM (SELECT * FROM hits WHERE kind = 'track' \
                    ORDER BY exact DESC, relevance DESC, len, ref_id LIMIT ?3) \
     UNION ALL SELECT * FROM (SELECT * FROM hits WHERE kind IN ('username', 'display_name') \
                    ORDER BY exact DESC, relevance DESC, len, ref_id LIMIT 2 * ?3) \
     UNION ALL SELECT * FROM (SELECT * FROM hits WHERE kind = 'playlist' \
                    ORDER BY exact DESC, relevance DESC, len, ref_id LIMIT ?3)";

pub(crate) async fn search_matches(
    pool: &SqlitePool,
    query: &SearchQuery,
    limit: u32,
) -> StorageResult<Vec<SearchMatch>> {
    if limit == 0 {
        return Ok(Vec::new());
    }
    let rows: Vec<SearchMatchRow> = sqlx::query_as(SEARCH)
        .bind(fts_query(query))
        .bind(query.folded())
        .bind(limit)
        .fetch_all(pool)
        .await
        .map_err(map_err)?;
    rows.into_iter().map(SearchMatchRow::into_match).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_term_is_a_quoted_prefix() {
        let query = chorus_domain::SearchQuery::parse("Sigur Rós").unwrap();
        assert_eq!(super::fts_query(&query), "\"sigur\"* \"ros\"*");
    }
}

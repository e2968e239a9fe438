//! Search ([`chorus_storage::DiscoveryStore::search_matches`]) over the
//! folded names of `search_documents` through their GIN-indexed
//! text-search vectors: every query term as a word prefix (`'term':*`, all
//! of them). Each match comes with its `ts_rank` (as relevance); discovery
//! ranks them.

use chorus_domain::SearchQuery;
use chorus_storage::{SearchMatch, StorageResult};
use chorus_storage_rows::search::SearchMatchRow;
use sqlx::PgPool;

use crate::error::map_err;

/// The `tsquery` text (bound as a parameter of `to_tsquery`): each term
/// quoted (quotes doubled, backslashes escaped) as a prefix, all AND-ed.
fn ts_query(query: &SearchQuery) -> String {
    let terms: Vec<String> = query
        .terms()
        .iter()
        .map(|term| format!("'{}':*", term.replace('\\', "\\\\").replace('\'', "''")))
        .collect();
    terms.join(" & ")
}

/// Every match is scored once (a materialized CTE: the index is searched
/// once), then each kind keeps its best `$3` in discovery's order (a
/// listener's two documents together, twice as many, so that `$3`
/// listeners remain once each is kept at their better place): top-N
/// sorts, so only candidates come back.
const SEARCH: &str = "WITH hits AS MATERIALIZED ( \
         SELECT d.kind, d.ref_id, d.folded_name = $2 AS exact, \
                ts_rank(d.words, q)::DOUBLE PRECISION AS relevance, \
                length(d.folded_name)::BIGINT AS len \
         FROM search_documents d, to_tsquery('simple', $1) q \
         WHERE d.words @@ q) \
     (SELECT * FROM hits WHERE kind = 'artist' \
      ORDER BY exact DESC, relevance DESC, len, ref_id LIMIT $3) \
     UNION ALL (SELECT * FROM hits WHERE kind = 'album' \
      ORDER BY exact DESC, relevance DESC, len, ref_id LIMIT $3) \
     UNION ALL (SELECT * FROM hits WHERE kind = 'track' \
      ORDER BY exact DESC, relevance DESC, len, ref_id LIMIT $3) \
     UNION ALL (SELECT * FROM hits WHERE kind IN ('username', 'display_name') \
      ORDER BY exact DESC, relevance DESC, len, ref_id LIMIT 2 * $3) \
     UNION ALL (SELECT * FROM hits WHERE kind = 'playlist' \
      ORDER BY exact DESC, relevance DESC, len, ref_id LIMIT $3)";

pub(crate) async fn search_matches(
    pool: &PgPool,
    query: &SearchQuery,
    limit: u32,
) -> StorageResult<Vec<SearchMatch>> {
    if limit == 0 {
        return Ok(Vec::new());
    }
    let rows: Vec<SearchMatchRow> = sqlx::query_as(SEARCH)
        .bind(ts_query(query))
        .bind(query.folded())
        .bind(i64::from(limit))
        .fetch_all(pool)
        .await
        .map_err(map_err)?;
    rows.into_iter().map(SearchMatchRow::into_match).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_term_is_a_quoted_prefix_and_all_must_match() {
        let query = chorus_domain::SearchQuery::parse("Sigur Rós").unwrap();
        assert_eq!(super::ts_query(&query), "'sigur':* & 'ros':*");
    }
}

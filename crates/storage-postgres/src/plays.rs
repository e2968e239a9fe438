//! A listener's plays (`played` events) as others may see them: all of
//! them for the listener, friends-visible ones for a friend, none for
//! anyone else — decided in the query itself.

use chorus_domain::{FeedPage, UserId};
use chorus_storage::StorageResult;
use sqlx::PgPool;

use crate::error::map_err;
use crate::feed::{items, page, FeedRow, FEED_COLUMNS, FEED_JOINS};

pub(crate) async fn plays(
    pool: &PgPool,
    viewer: UserId,
    user: UserId,
    before: Option<i64>,
    limit: u32,
) -> StorageResult<FeedPage> {
    let sql = format!(
        "SELECT {FEED_COLUMNS} FROM activity a {FEED_JOINS} \
         WHERE a.user_id = $2 AND a.kind = 'played' AND ($3::BIGINT IS NULL OR a.id < $3) \
           AND (a.user_id = $1 OR (a.visibility = 'friends' AND EXISTS ( \
                SELECT 1 FROM friendships f WHERE f.user_id = $1 AND f.friend_id = $2))) \
         ORDER BY a.id DESC LIMIT $4"
    );
    let rows: Vec<FeedRow> = sqlx::query_as(&sql)
        .bind(viewer.0)
        .bind(user.0)
        .bind(before)
        .bind(i64::from(limit) + 1)
        .fetch_all(pool)
        .await
        .map_err(map_err)?;
    Ok(page(items(pool, &rows).await?, limit))
}

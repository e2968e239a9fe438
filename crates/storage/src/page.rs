//! Keyset pagination: a page of items and an opaque cursor to the next one.
//! Cursors stay valid while rows are added (unlike offsets).

use serde::{Deserialize, Serialize};

use crate::StorageError;

/// Largest page a caller may ask for.
pub const MAX_PAGE_SIZE: u32 = 200;
/// Page size when the caller does not say.
pub const DEFAULT_PAGE_SIZE: u32 = 50;

/// Where a listing resumes: after the row with this key. Opaque to clients,
/// who only pass back what they were given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String))]
#[serde(try_from = "String", into = "String")]
pub struct Cursor(pub i64);

impl TryFrom<String> for Cursor {
    type Error = StorageError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
            .map(Cursor)
            .map_err(|_| StorageError::InvalidCursor)
    }
}

impl From<Cursor> for String {
    fn from(c: Cursor) -> Self {
        c.0.to_string()
    }
}

/// Which page to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PageRequest {
    pub after: Option<Cursor>,
    limit: Option<u32>,
}

impl PageRequest {
    pub fn new(after: Option<Cursor>, limit: Option<u32>) -> Self {
        Self { after, limit }
    }

    /// The page size, clamped to `1..=MAX_PAGE_SIZE`.
    pub fn limit(&self) -> u32 {
        self.limit
            .unwrap_or(DEFAULT_PAGE_SIZE)
            .clamp(1, MAX_PAGE_SIZE)
    }
}

/// One page of a listing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as `after` to read the next page; `None` on the last page.
    pub next: Option<Cursor>,
}

impl<T> Page<T> {
    /// Builds a page from up to `limit + 1` rows read in key order: the extra
    /// row only tells that a next page exists.
    pub fn from_rows(mut rows: Vec<T>, limit: u32, key: impl Fn(&T) -> i64) -> Self {
        let more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        let next = if more {
            rows.last().map(|r| Cursor(key(r)))
        } else {
            None
        };
        Self { items: rows, next }
    }
}

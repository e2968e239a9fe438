//! A list of ids as one bound parameter: a JSON array, read in SQL with
//! `IN (SELECT value FROM json_each(?N))`. One statement whatever the
//! list's length (no placeholder per id).

/// `[1,2,3]`.
pub(crate) fn id_list(ids: impl IntoIterator<Item = i64>) -> String {
    let ids: Vec<String> = ids.into_iter().map(|id| id.to_string()).collect();
    format!("[{}]", ids.join(","))
}

#[cfg(test)]
mod tests {
    #[test]
    fn ids_become_a_json_array() {
        assert_eq!(super::id_list([3, -1, 42]), "[3,-1,42]");
        assert_eq!(super::id_list([]), "[]");
    }
}

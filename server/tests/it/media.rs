//! Audio streaming: the HTTP Range matrix of RFC 9110 on `/media/...`.

use crate::helpers::{header, spawn_app_with_music, TestApp};

/// The stream URL and bytes of one imported track.
async fn a_stream(app: &TestApp) -> (String, Vec<u8>) {
    let page = app.json("/api/tracks?limit=1").await;
    let url = page["items"][0]["stream_url"].as_str().unwrap().to_owned();
    let body = app.get(&url).await.bytes().await.unwrap().to_vec();
    (url, body)
}

async fn get_with(app: &TestApp, url: &str, headers: &[(&str, &str)]) -> reqwest::Response {
    let mut request = app.client.get(app.url(url));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn a_full_get_is_cacheable_forever_and_never_compressed() {
    let app = spawn_app_with_music().await;
    let (url, body) = a_stream(&app).await;
    let response = get_with(&app, &url, &[("accept-encoding", "gzip, br")]).await;
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "content-type"), "audio/ogg");
    assert_eq!(header(&response, "accept-ranges"), "bytes");
    assert_eq!(
        header(&response, "cache-control"),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(header(&response, "content-encoding"), "");
    assert_eq!(header(&response, "content-length"), body.len().to_string());
    assert!(!header(&response, "last-modified").is_empty());
    // The strong ETag is the content hash, which is also the file name.
    let hash = url.trim_start_matches("/media/").trim_end_matches(".ogg");
    assert_eq!(header(&response, "etag"), format!("\"{hash}\""));
    assert!(body.starts_with(b"OggS"));
}

#[tokio::test]
async fn an_open_range_from_zero_is_partial_content_of_everything() {
    let app = spawn_app_with_music().await;
    let (url, body) = a_stream(&app).await;
    let response = get_with(&app, &url, &[("range", "bytes=0-")]).await;
    assert_eq!(response.status(), 206);
    assert_eq!(
        header(&response, "content-range"),
        format!("bytes 0-{}/{}", body.len() - 1, body.len())
    );
    assert_eq!(response.bytes().await.unwrap().to_vec(), body);
}

#[tokio::test]
async fn a_closed_range_returns_exactly_those_bytes() {
    let app = spawn_app_with_music().await;
    let (url, body) = a_stream(&app).await;
    let response = get_with(&app, &url, &[("range", "bytes=100-299")]).await;
    assert_eq!(response.status(), 206);
    assert_eq!(
        header(&response, "content-range"),
        format!("bytes 100-299/{}", body.len())
    );
    assert_eq!(header(&response, "content-length"), "200");
    assert_eq!(response.bytes().await.unwrap().to_vec(), body[100..300]);
}

#[tokio::test]
async fn a_suffix_range_returns_the_last_bytes() {
    let app = spawn_app_with_music().await;
    let (url, body) = a_stream(&app).await;
    let response = get_with(&app, &url, &[("range", "bytes=-500")]).await;
    assert_eq!(response.status(), 206);
    let len = body.len();
    assert_eq!(
        header(&response, "content-range"),
        format!("bytes {}-{}/{len}", len - 500, len - 1)
    );
    assert_eq!(response.bytes().await.unwrap().to_vec(), body[len - 500..]);
}

#[tokio::test]
async fn a_range_past_the_end_is_unsatisfiable_with_the_length() {
    let app = spawn_app_with_music().await;
    let (url, body) = a_stream(&app).await;
    let response = get_with(&app, &url, &[("range", &format!("bytes={}-", body.len()))]).await;
    assert_eq!(response.status(), 416);
    assert_eq!(
        header(&response, "content-range"),
        format!("bytes */{}", body.len())
    );
}

#[tokio::test]
async fn a_range_in_an_unknown_unit_is_ignored() {
    let app = spawn_app_with_music().await;
    let (url, body) = a_stream(&app).await;
    let response = get_with(&app, &url, &[("range", "items=0-5")]).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.bytes().await.unwrap().len(), body.len());
}

#[tokio::test]
async fn if_range_with_a_stale_validator_sends_the_whole_file() {
    let app = spawn_app_with_music().await;
    let (url, body) = a_stream(&app).await;
    let stale = "\"0000000000000000000000000000000000000000000000000000000000000000\"";
    let response = get_with(&app, &url, &[("range", "bytes=0-9"), ("if-range", stale)]).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.bytes().await.unwrap().len(), body.len());

    let old_date = "Mon, 01 Jan 2001 00:00:00 GMT";
    let response = get_with(
        &app,
        &url,
        &[("range", "bytes=0-9"), ("if-range", old_date)],
    )
    .await;
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn if_range_with_the_current_etag_honours_the_range() {
    let app = spawn_app_with_music().await;
    let (url, body) = a_stream(&app).await;
    let etag = header(&app.get(&url).await, "etag");
    let response = get_with(&app, &url, &[("range", "bytes=0-9"), ("if-range", &etag)]).await;
    assert_eq!(response.status(), 206);
    assert_eq!(response.bytes().await.unwrap().to_vec(), body[..10]);
}

#[tokio::test]
async fn if_none_match_with_the_current_etag_is_not_modified() {
    let app = spawn_app_with_music().await;
    let (url, _) = a_stream(&app).await;
    let etag = header(&app.get(&url).await, "etag");
    let response = get_with(&app, &url, &[("if-none-match", &etag)]).await;
    assert_eq!(response.status(), 304);
    assert_eq!(header(&response, "etag"), etag);
    assert!(response.bytes().await.unwrap().is_empty());

    let response = get_with(&app, &url, &[("if-none-match", "\"something-else\"")]).await;
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn head_answers_headers_without_a_body() {
    let app = spawn_app_with_music().await;
    let (url, body) = a_stream(&app).await;
    let response = app.client.head(app.url(&url)).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "content-length"), body.len().to_string());
    assert_eq!(header(&response, "accept-ranges"), "bytes");
    assert!(response.bytes().await.unwrap().is_empty());

    // RFC 9110 §14.2: GET is the only method with range handling; a HEAD's
    // Range is ignored (it tells what a GET would get in full).
    let response = app
        .client
        .head(app.url(&url))
        .header("range", "bytes=0-9")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "content-range"), "");
    assert_eq!(header(&response, "content-length"), body.len().to_string());
}

/// Satisfiable ranges that tower-http's `ServeFile` alone answered 416
/// (found by the property tests): each gets its bytes.
#[tokio::test]
async fn satisfiable_ranges_get_their_bytes_however_they_are_written() {
    let app = spawn_app_with_music().await;
    let (url, body) = a_stream(&app).await;
    let len = body.len();
    for (range, first, last) in [
        // A suffix longer than the file is the whole file (§14.1.2).
        (format!("bytes=-{}", len + 1), 0, len - 1),
        // A last position past 2^64 is cut to the file.
        ("bytes=10-99999999999999999999999".to_owned(), 10, len - 1),
        // Leading zeros are digits (1*DIGIT).
        ("bytes=007-010".to_owned(), 7, 10),
        // Empty list elements are ignored (§5.6.1).
        ("bytes=0-5,".to_owned(), 0, 5),
        ("bytes= , 3-4".to_owned(), 3, 4),
        // Range units are case-insensitive (§14.1).
        ("Bytes=0-0".to_owned(), 0, 0),
    ] {
        let response = get_with(&app, &url, &[("range", &range)]).await;
        assert_eq!(response.status(), 206, "{range}");
        assert_eq!(
            header(&response, "content-range"),
            format!("bytes {first}-{last}/{len}"),
            "{range}"
        );
        assert_eq!(
            response.bytes().await.unwrap(),
            body[first..=last],
            "{range}"
        );
    }
}

/// Ranges this server does not serve as asked get the whole file (200),
/// never a 416 that would say no byte of them exists: malformed ones (RFC
/// 9110 lets the server ignore them), several ranges (no multipart), two
/// Range fields, and an If-Range date that is not exactly Last-Modified.
#[tokio::test]
async fn ranges_not_served_as_asked_get_the_whole_file() {
    let app = spawn_app_with_music().await;
    let (url, body) = a_stream(&app).await;
    let last_modified = header(&app.get(&url).await, "last-modified");
    let cases: [&[(&str, &str)]; 8] = [
        &[("range", "bytes=")],
        &[("range", "bytes=5-3")],
        &[("range", "bytes= 0-5")],
        &[("range", "bytes=0-1,5-6")],
        &[("range", "bytes=0-1"), ("range", "bytes=5-6")],
        &[
            ("range", "bytes=0-9"),
            ("if-range", "Fri, 01 Jan 2100 00:00:00 GMT"),
        ],
        &[("range", "bytes=0-9"), ("if-range", "W/\"x\"")],
        &[("range", "bytes=0-9"), ("if-range", "garbage")],
    ];
    for headers in cases {
        let response = get_with(&app, &url, headers).await;
        assert_eq!(response.status(), 200, "{headers:?}");
        assert_eq!(header(&response, "content-range"), "", "{headers:?}");
        assert_eq!(response.bytes().await.unwrap(), body, "{headers:?}");
    }
    // The exact Last-Modified date is a validator that holds.
    let exact = [("range", "bytes=0-9"), ("if-range", last_modified.as_str())];
    assert_eq!(get_with(&app, &url, &exact).await.status(), 206);
}

#[tokio::test]
async fn unknown_or_malformed_media_names_are_not_found() {
    let app = spawn_app_with_music().await;
    let missing = format!("/media/{}.ogg", "ab".repeat(32));
    for path in [
        missing.as_str(),
        "/media/..%2F..%2Fchorus.db",
        "/media/abc.ogg",
        "/media/x",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        assert_eq!(
            header(&response, "cache-control"),
            "private, no-store",
            "{path}"
        );
    }
}

#[tokio::test]
async fn covers_are_served_as_images() {
    let app = spawn_app_with_music().await;
    let album = app.json("/api/albums?limit=1").await;
    let cover = album["items"][0]["cover_url"]
        .as_str()
        .expect("demo albums have covers")
        .to_owned();
    let response = app.get(&cover).await;
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "content-type"), "image/png");
    assert_eq!(
        header(&response, "cache-control"),
        "public, max-age=31536000, immutable"
    );
}

//! Property tests on untrusted input, through the real server: `Range` and
//! `If-Range` on `/media/...`, and query values (cursors, limits, search
//! text, chart names) on every paged or limited JSON route. Every case is
//! checked against a model written here from RFC 9110 and the README's
//! "HTTP API" table, never against the server's own code: no 5xx, the
//! right status, the exact bytes or items.
//!
//! One server per test; the cases of a test run one after another on it
//! (nothing they send changes what it stores).

use std::collections::HashSet;
use std::time::{Duration, SystemTime};

use headers::{Header, HeaderMapExt, LastModified};
use proptest::prelude::*;
use proptest::test_runner::{TestCaseError, TestRunner};
use serde_json::Value;
use tokio::runtime::Runtime;

use crate::discovery::{add_track, play, user_id};
use crate::helpers::{header, spawn_app, spawn_app_with_music, TestApp};
use crate::listeners::{listener, Listener};

/// Cases of each property: requests, walks of pages, parses.
const CASES: u32 = 512;
const WALKS: u32 = 64;
const PARSES: u32 = 4096;

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(ProptestConfig {
        cases,
        // Failures are reported with their shrunk input; nothing is
        // written into the repository.
        failure_persistence: None,
        ..ProptestConfig::default()
    })
}

fn runtime() -> Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

/// Runs `check` on `cases` values of `strategy`; `check` drives the server
/// on `runtime`.
fn run<S: Strategy>(
    cases: u32,
    strategy: S,
    check: impl Fn(S::Value) -> Result<(), TestCaseError>,
) {
    if let Err(failure) = runner(cases).run(&strategy, check) {
        panic!("{failure}");
    }
}

// =====================================================================
// Range and If-Range on /media (RFC 9110 §13.1.5, §14)
// =====================================================================

/// What a request with `Range` must get.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// 200 with the whole file: the `Range` is ignored.
    Whole,
    /// 206 with bytes `first..=last`.
    Part(u64, u64),
    /// 416 with `Content-Range: bytes */LEN`.
    Unsatisfiable,
}

const OWS: [char; 2] = [' ', '\t'];

/// Model of RFC 9110 for a GET of `len` bytes with this one `Range` value,
/// with the choices the RFC leaves to the server made as documented: an
/// invalid ranges-specifier is ignored (§14.2 "MAY ignore or reject"), and
/// so is a request for several ranges (no multipart/byteranges; "a server
/// MAY ignore the Range header field").
fn expect(value: &str, len: u64) -> Expect {
    use Expect::*;
    // A field value is visible ASCII, SP and HTAB (§5.5), without the
    // whitespace around it.
    if !value
        .bytes()
        .all(|b| b == b'\t' || (b' '..=b'~').contains(&b))
    {
        return Whole;
    }
    let value = value.trim_matches(OWS);
    // ranges-specifier = range-unit "=" range-set; units compare without
    // case (§14.1); an unknown unit MUST be ignored (§14.2).
    let Some((unit, set)) = value.split_once('=') else {
        return Whole;
    };
    if !unit.eq_ignore_ascii_case("bytes") {
        return Whole;
    }
    // range-set = 1#range-spec: [ spec ] *( OWS "," OWS [ spec ] ) with
    // empty elements ignored (§5.6.1); no whitespace right after "=".
    let mut specs = Vec::new();
    for (i, element) in set.split(',').enumerate() {
        let element = if i == 0 {
            element.trim_end_matches(OWS)
        } else {
            element.trim_matches(OWS)
        };
        if element.is_empty() {
            continue;
        }
        match range_spec(element) {
            Some(spec) => specs.push(spec),
            None => return Whole,
        }
    }
    match specs.as_slice() {
        [one] => satisfy(*one, len),
        _ => Whole,
    }
}

/// A byte range-spec (§14.1.1), its numbers saturated at `u64::MAX` (past
/// the end of any file either way).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Spec {
    /// int-range: first-pos "-" [ last-pos ].
    From(u64, Option<u64>),
    /// suffix-range: "-" suffix-length.
    Suffix(u64),
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn saturating_number(digits: &str) -> u64 {
    digits.bytes().fold(0u64, |n, b| {
        n.saturating_mul(10).saturating_add(u64::from(b - b'0'))
    })
}

/// Compares two digit strings as the numbers they write, however long.
fn compare_numbers(a: &str, b: &str) -> std::cmp::Ordering {
    let (a, b) = (a.trim_start_matches('0'), b.trim_start_matches('0'));
    a.len().cmp(&b.len()).then(a.cmp(b))
}

fn range_spec(element: &str) -> Option<Spec> {
    let (first, last) = element.split_once('-')?;
    if first.is_empty() {
        return is_digits(last).then(|| Spec::Suffix(saturating_number(last)));
    }
    if !is_digits(first) {
        return None;
    }
    if last.is_empty() {
        return Some(Spec::From(saturating_number(first), None));
    }
    // Invalid when last-pos is less than first-pos (§14.1.1).
    let ordered = is_digits(last) && compare_numbers(first, last).is_le();
    ordered.then(|| Spec::From(saturating_number(first), Some(saturating_number(last))))
}

/// §14.1.1-2: satisfiable when first-pos is in the file or the suffix is
/// not empty; the last position and the suffix are cut to the file.
fn satisfy(spec: Spec, len: u64) -> Expect {
    match spec {
        Spec::From(first, last) if first < len => {
            Expect::Part(first, last.unwrap_or(u64::MAX).min(len - 1))
        }
        Spec::Suffix(n) if n > 0 && len > 0 => Expect::Part(len - n.min(len), len - 1),
        _ => Expect::Unsatisfiable,
    }
}

#[test]
fn the_range_model_knows_the_rfc_examples() {
    use Expect::*;
    let len = 10_000;
    // §14.1.2's examples.
    assert_eq!(expect("bytes=0-499", len), Part(0, 499));
    assert_eq!(expect("bytes=500-999", len), Part(500, 999));
    assert_eq!(expect("bytes=-500", len), Part(9_500, 9_999));
    assert_eq!(expect("bytes=9500-", len), Part(9_500, 9_999));
    assert_eq!(expect("bytes=0-0,-1", len), Whole);
    assert_eq!(expect("bytes= 0-999, 4500-5499, -1000", len), Whole);
    assert_eq!(expect("bytes=500-600,601-999", len), Whole);
    // Past the end, suffixes longer than the file, case, lists, syntax.
    assert_eq!(expect("bytes=10000-", len), Unsatisfiable);
    assert_eq!(expect("bytes=-0", len), Unsatisfiable);
    assert_eq!(expect("bytes=-20000", len), Part(0, 9_999));
    assert_eq!(
        expect("bytes=0-99999999999999999999999", len),
        Part(0, 9_999)
    );
    assert_eq!(expect("bytes=99999999999999999999999-", len), Unsatisfiable);
    assert_eq!(expect("BYTES=007-8", len), Part(7, 8));
    assert_eq!(expect("bytes=,0-5, ", len), Part(0, 5));
    assert_eq!(expect("bytes= 0-5", len), Whole);
    assert_eq!(expect("bytes=5-3", len), Whole);
    assert_eq!(expect("items=0-5", len), Whole);
    assert_eq!(expect("bytes=0-5-6", len), Whole);
    assert_eq!(expect("bytes=", len), Whole);
}

/// A stored file and how to name it.
struct Served {
    url: String,
    bytes: Vec<u8>,
    etag: String,
    last_modified: String,
}

async fn served(app: &TestApp, url: String) -> Served {
    let response = app.get(&url).await;
    assert_eq!(response.status(), 200);
    let (etag, last_modified) = (
        header(&response, "etag"),
        header(&response, "last-modified"),
    );
    let bytes = response.bytes().await.unwrap().to_vec();
    Served {
        url,
        bytes,
        etag,
        last_modified,
    }
}

/// `date` moved by `seconds`, as an HTTP-date.
fn shifted(date: &str, seconds: i64) -> String {
    let value = http::HeaderValue::from_str(date).unwrap();
    let time = SystemTime::from(LastModified::decode(&mut std::iter::once(&value)).unwrap());
    let delta = Duration::from_secs(seconds.unsigned_abs());
    let time = if seconds < 0 {
        time - delta
    } else {
        time + delta
    };
    let mut headers = http::HeaderMap::new();
    headers.typed_insert(LastModified::from(time));
    headers["last-modified"].to_str().unwrap().to_owned()
}

#[derive(Debug, Clone)]
enum IfRange {
    /// The current strong ETag: the range applies.
    CurrentEtag,
    /// The current Last-Modified, exactly: the range applies.
    ExactDate,
    /// The current ETag, weak: never a strong match.
    WeakEtag,
    OtherEtag,
    /// A date before or after the current one (not an exact match).
    OtherDate(i64),
    Garbage(String),
}

impl IfRange {
    fn value(&self, file: &Served) -> String {
        match self {
            Self::CurrentEtag => file.etag.clone(),
            Self::ExactDate => file.last_modified.clone(),
            Self::WeakEtag => format!("W/{}", file.etag),
            Self::OtherEtag => format!("\"{}\"", "0".repeat(64)),
            Self::OtherDate(seconds) => shifted(&file.last_modified, *seconds),
            Self::Garbage(text) => text.clone(),
        }
    }

    /// §13.1.5: the condition holds for a strong match of the ETag or an
    /// exact match of Last-Modified; otherwise the Range is ignored.
    fn holds(&self) -> bool {
        matches!(self, Self::CurrentEtag | Self::ExactDate)
    }
}

fn if_range() -> impl Strategy<Value = Option<IfRange>> {
    prop_oneof![
        10 => Just(None),
        2 => Just(Some(IfRange::CurrentEtag)),
        2 => Just(Some(IfRange::ExactDate)),
        1 => Just(Some(IfRange::WeakEtag)),
        1 => Just(Some(IfRange::OtherEtag)),
        1 => prop::sample::select(vec![-86_400, -1, 1, 86_400 * 365])
            .prop_map(|s| Some(IfRange::OtherDate(s))),
        1 => "[ -~]{0,20}".prop_map(|s| Some(IfRange::Garbage(s))),
    ]
}

/// A number written for a `Range`: near the file's length (the edges),
/// anywhere, or far past what 64 bits hold; sometimes with leading zeros.
fn position(len: u64) -> impl Strategy<Value = String> {
    let value = prop_oneof![
        4 => 0..len + 16,
        2 => prop::sample::select(vec![0, 1, len - 1, len, len + 1]),
        1 => any::<u64>(),
    ]
    .prop_map(|n| n.to_string());
    let huge = prop::sample::select(vec![
        "18446744073709551615",
        "18446744073709551616",
        "99999999999999999999999999999999999999",
        "340282366920938463463374607431768211456",
    ])
    .prop_map(str::to_owned);
    (
        prop_oneof![6 => value, 1 => huge],
        prop_oneof![6 => Just(0), 1 => 1..4usize],
    )
        .prop_map(|(digits, zeros)| "0".repeat(zeros) + &digits)
}

/// A range-spec: int-range, open int-range, suffix-range (any may be
/// inverted or empty), or a near miss of one.
fn spec_text(len: u64) -> impl Strategy<Value = String> {
    let junk = prop::sample::select(vec![
        "-", "--1", "1--2", "0-5-6", "a-b", "0x1-2", "+1-2", "1-+2", "5 -6", "5- 6", "1.5-2",
        "-1-", "1e3-", "٣-٤", "0-5;q=1", "*",
    ])
    .prop_map(str::to_owned);
    prop_oneof![
        3 => (position(len), position(len)).prop_map(|(a, b)| format!("{a}-{b}")),
        2 => position(len).prop_map(|a| format!("{a}-")),
        2 => position(len).prop_map(|n| format!("-{n}")),
        // Unsatisfiable: from past the end, or an empty suffix.
        1 => prop_oneof![
            (len..len + 64).prop_map(|a| format!("{a}-")),
            prop::sample::select(vec!["-0".to_owned(), "-000".to_owned()]),
        ],
        1 => junk,
    ]
}

/// Whitespace where a list allows it (and sometimes where it does not).
fn ows() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["", "", "", " ", "\t", "  "])
}

/// `Range` values: mostly one range in bytes, well-formed or nearly; also
/// lists with empty elements and whitespace, other units, and any visible
/// ASCII at all.
fn range_value(len: u64) -> impl Strategy<Value = String> {
    let unit = prop_oneof![
        8 => Just("bytes"),
        1 => prop::sample::select(vec!["Bytes", "BYTES", "bYtEs"]),
        1 => prop::sample::select(vec!["items", "byte", "bytes ", "none", "", "bytes;"]),
    ];
    let single = (spec_text(len), ows()).prop_map(|(spec, after)| spec + after);
    let element = prop_oneof![6 => spec_text(len), 1 => Just(String::new())];
    let list = prop::collection::vec((ows(), element, ows()), 1..4).prop_map(|elements| {
        elements
            .into_iter()
            .map(|(a, e, b)| format!("{a}{e}{b}"))
            .collect::<Vec<_>>()
            .join(",")
    });
    let set = prop_oneof![5 => single, 1 => list];
    let structured = (ows(), unit, set, ows())
        .prop_map(|(before, unit, set, after)| format!("{before}{unit}={set}{after}"));
    prop_oneof![
        10 => structured,
        1 => "[ -~\t]{0,24}",
        1 => "bytes=[0-9, \t-]{0,12}",
        1 => "[bB][yY][tT][eE][sS]=[0-9]{0,3}-?[0-9]{0,3}",
    ]
}

/// One request to a media file.
#[derive(Debug, Clone)]
struct RangeRequest {
    file: usize,
    head: bool,
    range: Option<String>,
    /// A second `Range` field (a request may not have two).
    second_range: bool,
    if_range: Option<IfRange>,
}

/// Requests to `files[0]` (audio, large: read whole, it is slow in a debug
/// build) and, twice as often, to `files[1]` (a small cover).
fn range_request(lens: Vec<u64>) -> impl Strategy<Value = RangeRequest> {
    prop::sample::select(vec![0, 1, 1]).prop_flat_map(move |file| {
        (
            Just(file),
            prop::bool::weighted(0.1),
            prop::option::weighted(0.95, range_value(lens[file])),
            prop::bool::weighted(0.05),
            if_range(),
        )
            .prop_map(|(file, head, range, second_range, if_range)| RangeRequest {
                file,
                head,
                range,
                second_range,
                if_range,
            })
    })
}

/// What the server must answer: only a GET with one `Range` and, if
/// any, an `If-Range` that holds has its range evaluated (§14.2: "GET is
/// the only method for which range handling is defined"; §13.1.5).
fn expected(request: &RangeRequest, len: u64) -> Expect {
    match &request.range {
        Some(range)
            if !request.head
                && !request.second_range
                && request.if_range.as_ref().is_none_or(IfRange::holds) =>
        {
            expect(range, len)
        }
        _ => Expect::Whole,
    }
}

async fn check_range(
    app: &TestApp,
    file: &Served,
    request: &RangeRequest,
) -> Result<(), TestCaseError> {
    let method = if request.head {
        reqwest::Method::HEAD
    } else {
        reqwest::Method::GET
    };
    let mut headers = http::HeaderMap::new();
    if let Some(range) = &request.range {
        headers.append("range", range.parse().unwrap());
        if request.second_range {
            headers.append("range", "bytes=0-0".parse().unwrap());
        }
    }
    if let Some(if_range) = &request.if_range {
        headers.insert("if-range", if_range.value(file).parse().unwrap());
    }
    let response = app
        .client
        .request(method, app.url(&file.url))
        .headers(headers)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let len = file.bytes.len() as u64;
    let expected = expected(request, len);
    let (content_range, content_length, etag, accept_ranges) = (
        header(&response, "content-range"),
        header(&response, "content-length"),
        header(&response, "etag"),
        header(&response, "accept-ranges"),
    );
    let body = response.bytes().await.unwrap();
    let body = if request.head { &[][..] } else { &body[..] };
    prop_assert!(status < 500, "{status}");
    prop_assert_eq!(&etag, &file.etag);
    prop_assert_eq!(accept_ranges, "bytes");
    match expected {
        Expect::Whole => {
            prop_assert_eq!(status, 200);
            prop_assert_eq!(content_range, "");
            prop_assert_eq!(content_length, len.to_string());
            if !request.head {
                prop_assert!(body == file.bytes, "not the whole file");
            }
        }
        Expect::Part(first, last) => {
            prop_assert_eq!(status, 206);
            prop_assert_eq!(content_range, format!("bytes {first}-{last}/{len}"));
            prop_assert_eq!(content_length, (last - first + 1).to_string());
            if !request.head {
                let (first, last) = (first as usize, last as usize);
                prop_assert!(body == &file.bytes[first..=last], "not the range's bytes");
            }
        }
        Expect::Unsatisfiable => {
            prop_assert_eq!(status, 416);
            prop_assert_eq!(content_range, format!("bytes */{len}"));
        }
    }
    Ok(())
}

/// The server's `Range` parser alone, on many more values and lengths
/// than go through the server below.
#[test]
fn the_range_parser_answers_as_the_model() {
    use chorus_server::http::range::{answer, RangeAnswer};
    let lengths = prop_oneof![Just(1u64), Just(2), 1..100_000u64, 1..=1u64 << 60];
    let strategy = lengths.prop_flat_map(|len| (Just(len), range_value(len)));
    run(PARSES, strategy, |(len, value)| {
        let got = match answer(&value, len) {
            RangeAnswer::Whole => Expect::Whole,
            RangeAnswer::Part { first, last } => Expect::Part(first, last),
            RangeAnswer::Unsatisfiable => Expect::Unsatisfiable,
        };
        prop_assert_eq!(got, expect(&value, len), "{:?} of {} bytes", value, len);
        Ok(())
    });
}

/// Range requests of every kind on an audio file and a cover: 206 with the
/// exact slice, 416 with the length, or 200 with the whole file, exactly
/// as the model says; never a 5xx.
#[test]
fn range_requests_get_the_rfc_9110_answer() {
    let runtime = runtime();
    let (app, files) = runtime.block_on(async {
        let app = spawn_app_with_music().await;
        // The shortest track (whole-file answers are read in full) and a cover.
        let tracks = app.json("/api/tracks").await;
        let shortest = tracks["items"]
            .as_array()
            .unwrap()
            .iter()
            .min_by_key(|t| t["duration_ms"].as_u64().unwrap())
            .unwrap();
        let stream = shortest["stream_url"].as_str().unwrap().to_owned();
        let cover = shortest["cover_url"].as_str().unwrap().to_owned();
        let files = vec![served(&app, stream).await, served(&app, cover).await];
        (app, files)
    });
    let lens: Vec<u64> = files.iter().map(|f| f.bytes.len() as u64).collect();
    run(CASES, range_request(lens), |request| {
        runtime.block_on(check_range(&app, &files[request.file], &request))
    });
    runtime.block_on(app.stop());
}

// =====================================================================
// Cursors and limits on the paged and limited JSON routes
// =====================================================================

/// What the test stored: ids newest first, and the signed-in listener.
struct World {
    app: TestApp,
    ada: Listener,
    tracks: Vec<i64>,
    albums: Vec<i64>,
    artists: Vec<i64>,
    /// Ada's feed, and the plays ada may see of ada and of bob.
    feed: Vec<i64>,
    plays: Vec<(&'static str, Vec<i64>)>,
    /// The first 50 (the most a page holds) usernames suggested to ada.
    suggestions: Vec<String>,
}

/// More of everything than the largest page of its route, so that every
/// clamp shows: 210 tracks on 210 albums by 205 bands; ada (signed in)
/// friends with bob and dave, who have 55 and 10 other friends (55
/// suggestions); bob likes 60 tracks and plays 105, ada plays 5.
async fn world(app: TestApp) -> World {
    for n in 1..=210 {
        let (title, band, album) = (
            format!("Song {n}"),
            format!("Band {}", n % 205),
            format!("Record {n}"),
        );
        add_track(&app, n, &title, &band, &album).await;
    }
    let ada = listener(&app, "ada").await;
    let mut ids = std::collections::HashMap::new();
    let others = ["bob".to_owned(), "dave".to_owned()]
        .into_iter()
        .chain((1..=55).map(|n| format!("c{n:02}")));
    for name in others {
        let username = chorus_domain::Username::parse(&name).unwrap();
        let display = chorus_domain::DisplayName::parse(&name).unwrap();
        // Never logged in: no password hash needed.
        let user = app
            .stores
            .users
            .create_user(&username, &display, "unused")
            .await
            .unwrap();
        ids.insert(name, user.id);
    }
    ids.insert("ada".into(), user_id(&app, "ada").await);
    let writes = app.writes();
    let befriend = |a: &str, b: &str| {
        let (a, b) = (ids[a], ids[b]);
        let writes = &writes;
        async move {
            writes.befriend(a, b).await.unwrap();
            writes.befriend(b, a).await.unwrap();
        }
    };
    befriend("ada", "bob").await;
    befriend("ada", "dave").await;
    for n in 1..=55 {
        befriend("bob", &format!("c{n:02}")).await;
        if n <= 10 {
            befriend("dave", &format!("c{n:02}")).await;
        }
    }
    let tracks = walk_all(&app, &ada, "/api/tracks", "after", 200).await;
    for &track in &tracks[..60] {
        writes
            .set_track_like(ids["bob"], chorus_domain::TrackId(track), true)
            .await
            .unwrap();
    }
    for &track in &tracks[..105] {
        play(&app, "bob", track).await;
    }
    for &track in &tracks[..5] {
        play(&app, "ada", track).await;
    }
    app.charts.refresh().await.unwrap();

    let feed = walk_all(&app, &ada, "/api/feed", "before", 100).await;
    let plays = vec![
        (
            "ada",
            walk_all(&app, &ada, "/api/users/ada/plays", "before", 100).await,
        ),
        (
            "bob",
            walk_all(&app, &ada, "/api/users/bob/plays", "before", 100).await,
        ),
    ];
    assert_eq!((plays[0].1.len(), plays[1].1.len()), (5, 105));
    assert!(feed.len() > 100, "{}", feed.len());
    let suggestions = ada_get(&app, &ada, "/api/friends/suggestions?limit=50").await;
    let suggestions: Vec<String> = suggestions["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["user"]["username"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(suggestions.len(), 50, "the first 50 of 55");
    World {
        albums: walk_all(&app, &ada, "/api/albums", "after", 200).await,
        artists: walk_all(&app, &ada, "/api/artists", "after", 200).await,
        app,
        ada,
        tracks,
        feed,
        plays,
        suggestions,
    }
}

fn ids_of(page: &Value) -> Vec<i64> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["id"].as_i64().unwrap())
        .collect()
}

/// Every id of a listing, newest (largest) first, read by following
/// `next` in pages of `limit`.
async fn walk_all(app: &TestApp, ada: &Listener, path: &str, cursor: &str, limit: u32) -> Vec<i64> {
    let mut all: Vec<i64> = Vec::new();
    let mut query = format!("?limit={limit}");
    loop {
        let page = ada_get(app, ada, &format!("{path}{query}")).await;
        all.extend(ids_of(&page));
        match &page["next"] {
            Value::Null => break,
            Value::String(next) => query = format!("?limit={limit}&{cursor}={next}"),
            next => query = format!("?limit={limit}&{cursor}={next}"),
        }
    }
    assert!(
        all.windows(2).all(|w| w[0] > w[1]),
        "{path}: newest first, each once"
    );
    all
}

async fn ada_get(app: &TestApp, ada: &Listener, path: &str) -> Value {
    let response = ada.call(app, reqwest::Method::GET, path).await;
    assert_eq!(response.status(), 200, "{path}");
    response.json().await.unwrap()
}

/// What a query parameter holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `limit`: an unsigned 32-bit decimal (then clamped per route).
    Limit,
    /// `after` (a cursor) and `before` (an event id): a signed 64-bit decimal.
    Position,
    /// `q`: search text.
    Text,
    Scope,
    Period,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Route {
    Tracks,
    Albums,
    Artists,
    Feed,
    Plays(&'static str),
    Suggestions,
    Search,
    Charts,
}

const ROUTES: [Route; 9] = [
    Route::Tracks,
    Route::Albums,
    Route::Artists,
    Route::Feed,
    Route::Plays("ada"),
    Route::Plays("bob"),
    Route::Suggestions,
    Route::Search,
    Route::Charts,
];

impl Route {
    fn path(self) -> String {
        match self {
            Self::Tracks => "/api/tracks".into(),
            Self::Albums => "/api/albums".into(),
            Self::Artists => "/api/artists".into(),
            Self::Feed => "/api/feed".into(),
            Self::Plays(name) => format!("/api/users/{name}/plays"),
            Self::Suggestions => "/api/friends/suggestions".into(),
            Self::Search => "/api/search".into(),
            Self::Charts => "/api/charts".into(),
        }
    }

    fn params(self) -> &'static [(&'static str, Kind)] {
        match self {
            Self::Tracks | Self::Albums | Self::Artists => {
                &[("after", Kind::Position), ("limit", Kind::Limit)]
            }
            Self::Feed | Self::Plays(_) => &[("before", Kind::Position), ("limit", Kind::Limit)],
            Self::Suggestions => &[("limit", Kind::Limit)],
            Self::Search => &[("q", Kind::Text), ("limit", Kind::Limit)],
            Self::Charts => &[("scope", Kind::Scope), ("period", Kind::Period)],
        }
    }

    /// The README's page sizes: (default, largest).
    fn limits(self) -> (u32, u32) {
        match self {
            Self::Tracks | Self::Albums | Self::Artists => (50, 200),
            Self::Feed | Self::Plays(_) => (30, 100),
            Self::Suggestions => (10, 50),
            Self::Search => (20, 20),
            Self::Charts => (50, 50),
        }
    }

    /// Personal routes are never stored by a cache; the catalog, search
    /// and the global charts are public.
    fn public(self, query: &Parsed) -> bool {
        match self {
            Self::Tracks | Self::Albums | Self::Artists | Self::Search => true,
            Self::Charts => query.text("scope") != Some("friends"),
            Self::Feed | Self::Plays(_) | Self::Suggestions => false,
        }
    }

    fn listing(self, world: &World) -> &[i64] {
        match self {
            Self::Tracks => &world.tracks,
            Self::Albums => &world.albums,
            Self::Artists => &world.artists,
            Self::Feed => &world.feed,
            Self::Plays(name) => &world.plays.iter().find(|(n, _)| *n == name).unwrap().1,
            _ => &[],
        }
    }
}

/// A decimal integer as Rust's `FromStr` reads it: an optional sign (`-`
/// only if `signed`), then ASCII digits.
fn decimal(s: &str, signed: bool) -> Option<i128> {
    let (negative, digits) = match s.as_bytes().first() {
        Some(b'-') if signed => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if !is_digits(digits) {
        return None;
    }
    let significant = digits.trim_start_matches('0');
    if significant.len() > 30 {
        return None;
    }
    let magnitude = significant
        .bytes()
        .fold(0i128, |n, b| n * 10 + i128::from(b - b'0'));
    Some(if negative { -magnitude } else { magnitude })
}

/// Characters of search text, and which of them are letters or digits
/// (folded search keeps only those; a query without any is empty).
const SEARCH_CHARS: &[(char, bool)] = &[
    ('s', true),
    ('o', true),
    ('N', true),
    ('g', true),
    ('1', true),
    ('é', true),
    ('坂', true),
    (' ', false),
    ('-', false),
    ('!', false),
    ('+', false),
    ('&', false),
    ('=', false),
    ('%', false),
    ('#', false),
    ('🎵', false),
    ('\u{301}', false),
];

/// The model of a query value: valid or not, and the value.
fn valid(kind: Kind, value: &str) -> bool {
    match kind {
        Kind::Limit => decimal(value, false).is_some_and(|n| n <= i128::from(u32::MAX)),
        Kind::Position => decimal(value, true).is_some_and(|n| i64::try_from(n).is_ok()),
        // "400 for an empty or > 100-character q" (empty: nothing to
        // search for once case, accents and punctuation are set aside).
        Kind::Text => {
            value.chars().count() <= 100
                && value
                    .chars()
                    .any(|c| SEARCH_CHARS.contains(&(c, true)) || c.is_ascii_alphanumeric())
        }
        Kind::Scope => ["global", "friends"].contains(&value),
        Kind::Period => ["week", "month"].contains(&value),
    }
}

/// Values a client may send for `kind`.
fn value(kind: Kind, ids: &[i64]) -> BoxedStrategy<String> {
    let numbers = prop_oneof![
        prop::sample::select(vec![
            "",
            "0",
            "1",
            "+5",
            "007",
            "-1",
            "-0",
            "+",
            "-",
            " 5",
            "5 ",
            "1.5",
            "1e2",
            "0x10",
            "abc",
            "٣",
            "NaN",
            "4294967295",
            "4294967296",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "-9223372036854775809",
            "99999999999999999999999999",
            // Cursors as other APIs write them (base64 of JSON or numbers).
            "MTIz",
            "eyJpZCI6MTJ9",
            "MTI=",
        ])
        .prop_map(str::to_owned),
        "[+-]?[0-9]{1,12}",
        any::<i64>().prop_map(|n| n.to_string()),
        any::<String>(),
    ];
    match kind {
        Kind::Limit => {
            prop_oneof![3 => (0..=250u32).prop_map(|n| n.to_string()), 2 => numbers].boxed()
        }
        Kind::Position => {
            let ids = ids.to_vec();
            let real =
                (prop::sample::select(ids), -1..=1i64).prop_map(|(id, d)| (id + d).to_string());
            prop_oneof![3 => real, 2 => numbers].boxed()
        }
        Kind::Text => prop_oneof![
            prop::sample::select(vec![
                "song", "Band 3", "record", "c0", "bob", "SONG 1", "ÉCHO"
            ])
            .prop_map(str::to_owned),
            prop::collection::vec(prop::sample::select(SEARCH_CHARS), 0..12)
                .prop_map(|cs| cs.into_iter().map(|(c, _)| c).collect()),
            (95..106usize).prop_map(|n| "s".repeat(n)),
            // Any visible ASCII (the model knows which of it is letters).
            "[ -~]{0,24}",
        ]
        .boxed(),
        Kind::Scope => names(
            &["global", "friends"],
            &["", "Global", "FRIENDS", "global ", "all"],
        ),
        Kind::Period => names(
            &["week", "month"],
            &["", "Week", "year", "day", "7", "month\0"],
        ),
    }
}

/// Mostly one of `valid`, else one of `invalid`.
fn names(valid: &[&'static str], invalid: &[&'static str]) -> BoxedStrategy<String> {
    prop_oneof![
        3 => prop::sample::select(valid.to_vec()),
        1 => prop::sample::select(invalid.to_vec()),
    ]
    .prop_map(str::to_owned)
    .boxed()
}

/// A query string: each of the route's parameters absent, once, or twice
/// (mostly once), and an unknown one, in any order.
fn query(route: Route, ids: &[i64]) -> impl Strategy<Value = Vec<(String, String)>> {
    let params: Vec<BoxedStrategy<Vec<(String, String)>>> = route
        .params()
        .iter()
        .map(|&(name, kind)| {
            let one = value(kind, ids).prop_map(move |v| (name.to_owned(), v));
            prop_oneof![
                2 => Just(Vec::new()),
                6 => prop::collection::vec(one.clone(), 1),
                1 => prop::collection::vec(one, 2),
            ]
            .boxed()
        })
        .collect();
    let unknown = prop::collection::vec(
        ("[a-z_]{1,6}", "[ -~]{0,6}").prop_filter("not a parameter", move |(name, _)| {
            !route.params().iter().any(|(p, _)| *p == name.as_str())
        }),
        0..2,
    );
    (params, unknown)
        .prop_map(|(params, unknown)| {
            params
                .into_iter()
                .flatten()
                .chain(unknown)
                .collect::<Vec<_>>()
        })
        .prop_shuffle()
}

/// The query as the model reads it: `None` when it must be refused (a
/// parameter twice, or a value of the wrong form).
struct Parsed(Vec<(String, String)>);

impl Parsed {
    fn read(route: Route, pairs: &[(String, String)]) -> Option<Self> {
        let mut known = Vec::new();
        for &(name, kind) in route.params() {
            let values: Vec<&String> = pairs
                .iter()
                .filter(|(n, _)| n == name)
                .map(|(_, v)| v)
                .collect();
            match values.as_slice() {
                [] => {}
                [value] if valid(kind, value) => known.push((name.to_owned(), (*value).clone())),
                _ => return None,
            }
        }
        // A search needs something to search for.
        if route == Route::Search && !known.iter().any(|(n, _)| n == "q") {
            return None;
        }
        Some(Self(known))
    }

    fn text(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn number(&self, name: &str) -> Option<i128> {
        self.text(name).and_then(|v| decimal(v, true))
    }

    /// The effective page size: clamped to 1..=largest.
    fn limit(&self, route: Route) -> usize {
        let (default, largest) = route.limits();
        let asked = self.number("limit").unwrap_or(default.into());
        asked.clamp(1, largest.into()) as usize
    }
}

async fn send(world: &World, path: &str, pairs: &[(String, String)]) -> reqwest::Response {
    world
        .app
        .client
        .get(world.app.url(path))
        .query(pairs)
        .header("cookie", &world.ada.cookie)
        .send()
        .await
        .unwrap()
}

async fn check_query(
    world: &World,
    route: Route,
    pairs: &[(String, String)],
) -> Result<(), TestCaseError> {
    let response = send(world, &route.path(), pairs).await;
    let status = response.status().as_u16();
    let cache_control = header(&response, "cache-control");
    let body: Value = response.json().await.unwrap_or(Value::Null);
    prop_assert!(
        status < 500,
        "{} {:?}: {} {}",
        route.path(),
        pairs,
        status,
        body
    );
    let Some(query) = Parsed::read(route, pairs) else {
        prop_assert_eq!(status, 400, "{:?} {:?}: {}", route, pairs, body);
        prop_assert_eq!(cache_control, "private, no-store");
        let message = body
            .as_object()
            .filter(|o| o.len() == 1)
            .and_then(|o| o.get("error")?.as_str());
        prop_assert!(
            message.is_some_and(|m| !m.is_empty()),
            "{:?} {:?}: {}",
            route,
            pairs,
            body
        );
        return Ok(());
    };
    prop_assert_eq!(status, 200, "{:?} {:?}: {}", route, pairs, body);
    let policy = if route.public(&query) {
        "public, max-age=60, stale-while-revalidate=30"
    } else {
        "private, no-store"
    };
    prop_assert_eq!(cache_control, policy);
    let limit = query.limit(route);
    match route {
        Route::Tracks | Route::Albums | Route::Artists | Route::Feed | Route::Plays(_) => {
            let cursor = if matches!(route, Route::Feed | Route::Plays(_)) {
                "before"
            } else {
                "after"
            };
            let after = query.number(cursor);
            let rest: Vec<i64> = route
                .listing(world)
                .iter()
                .copied()
                .filter(|&id| after.is_none_or(|a| i128::from(id) < a))
                .collect();
            let page = &rest[..limit.min(rest.len())];
            prop_assert_eq!(ids_of(&body), page);
            let next = (rest.len() > limit).then(|| page[limit - 1]);
            // The catalog's cursor is an opaque string; the feed's an id.
            let next_json = match (next, cursor) {
                (None, _) => Value::Null,
                (Some(id), "after") => Value::from(id.to_string()),
                (Some(id), _) => Value::from(id),
            };
            prop_assert_eq!(&body["next"], &next_json);
        }
        Route::Suggestions => {
            let names: Vec<&str> = body["suggestions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["user"]["username"].as_str().unwrap())
                .collect();
            let expected = &world.suggestions[..limit.min(world.suggestions.len())];
            prop_assert_eq!(names, expected);
        }
        Route::Search => {
            // The same search unlimited, cut at the limit.
            let full = [("q".to_owned(), query.text("q").unwrap().to_owned())];
            let all: Value = send(world, "/api/search", &full)
                .await
                .json()
                .await
                .unwrap();
            for kind in ["artists", "albums", "tracks", "users"] {
                let all = all[kind].as_array().unwrap();
                prop_assert!(all.len() <= 20);
                prop_assert_eq!(
                    body[kind].as_array().unwrap().as_slice(),
                    &all[..limit.min(all.len())],
                    "{}",
                    kind
                );
            }
        }
        Route::Charts => {
            prop_assert_eq!(&body["scope"], query.text("scope").unwrap_or("global"));
            prop_assert_eq!(&body["period"], query.text("period").unwrap_or("week"));
            for list in ["tracks", "artists"] {
                prop_assert!(body[list].as_array().unwrap().len() <= limit);
            }
        }
    }
    Ok(())
}

fn any_route_query(ids: Vec<i64>) -> impl Strategy<Value = (Route, Vec<(String, String)>)> {
    prop::sample::select(ROUTES.to_vec())
        .prop_flat_map(move |route| (Just(route), query(route, &ids)))
}

/// Every id a cursor or `before` may be taken from.
fn every_id(world: &World) -> Vec<i64> {
    let mut ids: Vec<i64> = [&world.tracks, &world.albums, &world.artists, &world.feed]
        .into_iter()
        .flatten()
        .copied()
        .collect();
    ids.extend(world.plays.iter().flat_map(|(_, p)| p.iter().copied()));
    ids
}

fn query_properties(world: World, runtime: &Runtime) {
    run(
        CASES,
        any_route_query(every_id(&world)),
        |(route, pairs)| runtime.block_on(check_query(&world, route, &pairs)),
    );
}

/// Arbitrary query values on every paged or limited route: 200 with the
/// model's page (limits clamped, cursors applied) or 400 in the API's
/// error format; never a 5xx.
#[test]
fn query_values_get_the_documented_page_or_a_json_400() {
    let runtime = runtime();
    let world = runtime.block_on(async { world(spawn_app().await).await });
    query_properties(world, &runtime);
}

/// The same on PostgreSQL (its integer binding differs from SQLite's).
#[test]
fn query_values_get_the_documented_page_or_a_json_400_on_postgres() {
    let runtime = runtime();
    let (world, _database) = runtime.block_on(async {
        let (app, database) = crate::helpers::spawn_app_on_postgres().await;
        (world(app).await, database)
    });
    query_properties(world, &runtime);
}

/// Following `next` from any starting cursor with any page size reads each
/// item once, in order, in full pages but the last, and ends.
#[test]
fn walking_next_reads_every_item_once() {
    let runtime = runtime();
    let world = runtime.block_on(async { world(spawn_app().await).await });
    let lists = [
        Route::Tracks,
        Route::Albums,
        Route::Artists,
        Route::Feed,
        Route::Plays("ada"),
        Route::Plays("bob"),
    ];
    let ids = every_id(&world);
    let start = prop_oneof![
        2 => Just(None),
        2 => prop::sample::select(ids).prop_map(Some),
        1 => prop::sample::select(vec![i64::MIN, -1, 0, 1, i64::MAX]).prop_map(Some),
    ];
    let limit = prop_oneof![3 => 1..=12usize, 1 => 13..=120usize];
    let strategy = (prop::sample::select(lists.to_vec()), limit, start);
    run(WALKS, strategy, |(route, asked, start)| {
        // Larger pages are cut to the route's largest.
        let limit = asked.min(route.limits().1 as usize);
        runtime.block_on(async {
            let cursor = if matches!(route, Route::Feed | Route::Plays(_)) {
                "before"
            } else {
                "after"
            };
            let expected: Vec<i64> = route
                .listing(&world)
                .iter()
                .copied()
                .filter(|&id| start.is_none_or(|s| id < s))
                .collect();
            let mut seen = Vec::new();
            let mut next = start.map(|s| Value::from(s.to_string()));
            loop {
                let mut pairs = vec![("limit".to_owned(), asked.to_string())];
                if let Some(at) = &next {
                    let at = at.as_str().map_or_else(|| at.to_string(), str::to_owned);
                    pairs.push((cursor.to_owned(), at));
                }
                let response = send(&world, &route.path(), &pairs).await;
                prop_assert_eq!(response.status(), 200);
                let page: Value = response.json().await.unwrap();
                let items = ids_of(&page);
                prop_assert!(items.len() <= limit);
                seen.extend(items.iter().copied());
                prop_assert!(seen.len() <= expected.len(), "more items than there are");
                if page["next"].is_null() {
                    break;
                }
                prop_assert_eq!(items.len(), limit, "a page before the last is full");
                next = Some(page["next"].clone());
            }
            let unique: HashSet<i64> = seen.iter().copied().collect();
            prop_assert_eq!(unique.len(), seen.len(), "an item twice: {:?}", seen);
            prop_assert_eq!(seen, expected);
            Ok(())
        })
    });
}

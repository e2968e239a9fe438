//! Property tests on untrusted input: the text frames a client sends on
//! the feed socket, parsed as the server parses them
//! (`ClientMessage::parse`). Any text must be refused or
//! understood without a panic; the documented `resume` must be understood
//! for every id; nothing else may be taken for a `resume`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chorus_realtime::protocol::ClientMessage;
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 1024,
        // Failures are reported with their shrunk input; nothing is
        // written into the repository.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn parse(text: &str) -> Option<ClientMessage> {
    ClientMessage::parse(text)
}

/// A JSON value as generated: its text, and whether it is an integer that
/// fits an `i64` (which one), or anything else.
#[derive(Debug, Clone)]
struct Value {
    text: String,
    int: Option<i64>,
    /// Whether it is the string "resume".
    resume: bool,
}

impl Value {
    /// A value that is no integer (perhaps the string "resume").
    fn other(text: impl Into<String>) -> Self {
        let text = text.into();
        Self {
            resume: text == "\"resume\"",
            text,
            int: None,
        }
    }
}

/// Values for `after` (and any other member): every i64, and near misses.
fn value() -> impl Strategy<Value = Value> {
    let int = any::<i64>().prop_map(|n| Value {
        text: n.to_string(),
        int: Some(n),
        resume: false,
    });
    let near = prop::sample::select(vec![
        "9223372036854775808",
        "-9223372036854775809",
        "18446744073709551616",
        "1.0",
        "1e3",
        "0.5",
        "-1.5E-3",
        "\"42\"",
        "\"resume\"",
        "null",
        "true",
        "false",
        "[]",
        "[1]",
        "{}",
        "{\"after\":1}",
        "\"\"",
    ])
    .prop_map(Value::other);
    let float = any::<f64>()
        .prop_filter("finite", |f| f.is_finite())
        .prop_map(|f| Value::other(format!("{f:?}")));
    prop_oneof![4 => int, 3 => near, 1 => float]
}

/// Values for `type`: "resume" (plain or escaped), and near misses.
fn type_value() -> impl Strategy<Value = Value> {
    let resume = prop::sample::select(vec!["\"resume\"", "\"resum\\u0065\"", "\"\\u0072esume\""])
        .prop_map(|text| Value {
            text: text.to_owned(),
            int: None,
            resume: true,
        });
    let other = prop::sample::select(vec![
        "\"Resume\"",
        "\"RESUME\"",
        "\"resume \"",
        "\" resume\"",
        "\"resume\\u0000\"",
        "\"resumes\"",
        "\"resync\"",
        "\"event\"",
        "\"\"",
        "[\"resume\"]",
        "{\"type\":\"resume\"}",
        "null",
        "1",
    ])
    .prop_map(Value::other);
    prop_oneof![3 => resume, 1 => other, 1 => value()]
}

/// A member name as written, and what it says once unescaped.
#[derive(Debug, Clone)]
struct Key {
    text: String,
    name: &'static str,
}

fn key(names: Vec<(&'static str, &'static str)>) -> impl Strategy<Value = Key> {
    prop::sample::select(names).prop_map(|(text, name)| Key {
        text: text.to_owned(),
        name,
    })
}

/// `type` and `after`, plain or with an escape.
fn type_key() -> impl Strategy<Value = Key> {
    key(vec![("\"type\"", "type"), ("\"typ\\u0065\"", "type")])
}

fn after_key() -> impl Strategy<Value = Key> {
    key(vec![("\"after\"", "after"), ("\"\\u0061fter\"", "after")])
}

/// Names that are neither (some nearly).
fn other_key() -> impl Strategy<Value = Key> {
    key(vec![
        ("\"Type\"", "Type"),
        ("\"after \"", "after "),
        ("\"AFTER\"", "AFTER"),
        ("\"before\"", "before"),
        ("\"event\"", "event"),
        ("\"\"", ""),
    ])
}

/// A member of `key` with values from `value`: mostly once, sometimes
/// missing or twice.
fn members(
    key: BoxedStrategy<Key>,
    value: BoxedStrategy<Value>,
) -> impl Strategy<Value = Vec<(Key, Value)>> {
    let member = (key, value);
    prop_oneof![
        6 => prop::collection::vec(member.clone(), 1),
        1 => Just(Vec::new()),
        1 => prop::collection::vec(member, 2),
    ]
}

/// JSON whitespace, sometimes none.
fn ws() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["", "", " ", "\n", "\t", "\r\n  "])
}

/// A JSON object of generated members in a generated order (members may
/// repeat), with what follows it.
#[derive(Debug, Clone)]
struct Object {
    members: Vec<(Key, Value)>,
    text: String,
    trailer_is_whitespace: bool,
}

fn object() -> impl Strategy<Value = Object> {
    let all = (
        members(type_key().boxed(), type_value().boxed()),
        members(after_key().boxed(), value().boxed()),
        prop::collection::vec((other_key(), value()), 0..3),
    )
        .prop_map(|(types, afters, others)| [types, afters, others].concat())
        .prop_shuffle();
    let spaced = prop::collection::vec((ws(), ws()), 5);
    let trailer = prop_oneof![
        6 => prop::sample::select(vec![("", true), (" \n", true)]),
        1 => prop::sample::select(vec![
            ("x", false),
            ("}", false),
            (",", false),
            ("{}", false),
            ("\u{a0}", false),
        ]),
    ];
    (all, spaced, ws(), trailer).prop_map(|(members, spaces, ws, trailer)| {
        let body: Vec<String> = members
            .iter()
            .zip(spaces.iter().cycle())
            .map(|((key, value), (a, b))| format!("{a}{}{b}:{a}{}{b}", key.text, value.text))
            .collect();
        Object {
            text: format!("{ws}{{{}}}{ws}{}", body.join(","), trailer.0),
            members,
            trailer_is_whitespace: trailer.1,
        }
    })
}

/// Model: the documented shape is one JSON object with exactly one `type`
/// member, the string "resume", and exactly one `after` member, an integer
/// that fits an `i64`; other members are ignored (the protocol is extended
/// by adding, never renaming). Anything else is no `resume`.
fn model(object: &Object) -> Option<ClientMessage> {
    if !object.trailer_is_whitespace {
        return None;
    }
    let named = |name| object.members.iter().filter(move |(k, _)| k.name == name);
    let types: Vec<_> = named("type").collect();
    let afters: Vec<_> = named("after").collect();
    match (types.as_slice(), afters.as_slice()) {
        ([(_, t)], [(_, a)]) if t.resume => a.int.map(|after| ClientMessage::Resume { after }),
        _ => None,
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn every_documented_resume_parses(after in any::<i64>()) {
        let text = format!(r#"{{"type":"resume","after":{after}}}"#);
        prop_assert_eq!(parse(&text), Some(ClientMessage::Resume { after }));
        // And it is exactly what the browser sends.
        prop_assert_eq!(
            serde_json::to_string(&ClientMessage::Resume { after }).unwrap(),
            text
        );
    }

    #[test]
    fn objects_parse_as_resume_exactly_in_the_documented_shape(object in object()) {
        prop_assert_eq!(parse(&object.text), model(&object), "{}", object.text);
    }

    /// Anything else a client may send: arbitrary text, scalars, cut or
    /// deeply nested JSON (the frame limit allows 4096 brackets).
    #[test]
    fn other_text_never_panics_and_is_no_resume(
        text in prop_oneof![
            any::<String>(),
            value().prop_map(|v| v.text),
            (object().prop_filter("ends with the object", |o| o.trailer_is_whitespace),
                any::<prop::sample::Index>()).prop_map(|(o, cut)| {
                let text = o.text.trim_end();
                let at = cut.index(text.len().max(1));
                text.get(..at).unwrap_or_default().to_owned()
            }),
            (0..4096usize, prop::sample::select(vec!["[", "{\"a\":", "{\"type\":"]))
                .prop_map(|(depth, open)| open.repeat(depth)),
            (0..2048usize).prop_map(|depth| format!("{}1{}", "[".repeat(depth), "]".repeat(depth))),
        ]
    ) {
        let parsed = parse(&text);
        prop_assert!(parsed.is_none(), "{:?} parsed as {:?}", text, parsed);
    }
}

/// serde reads an internally tagged enum from a JSON array too (the tag
/// first, then the fields in order); the protocol has objects only, and
/// `ClientMessage::parse` takes nothing else.
#[test]
fn only_an_object_is_a_resume() {
    assert_eq!(parse(r#"["resume",0]"#), None);
}

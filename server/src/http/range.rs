//! The `Range` request header (RFC 9110 §14) for one representation of
//! known length: which bytes to send, whether none can be, or whether to
//! ignore it and send everything.
//!
//! Where the RFC leaves the choice to the server, this one ignores: an
//! invalid ranges-specifier (§14.2 "MAY ignore or reject") and a request
//! for several ranges (no `multipart/byteranges`; "a server MAY ignore the
//! Range header field"). Ignoring is always safe for the client, which
//! gets a 200 with the whole representation.

/// What to answer to a `Range` header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeAnswer {
    /// 200 with the whole representation: the header is ignored.
    Whole,
    /// 206 with bytes `first..=last`, both within the representation.
    Part { first: u64, last: u64 },
    /// 416 with `Content-Range: bytes */LEN`: no byte of it is there.
    Unsatisfiable,
}

/// Optional whitespace (§5.6.3).
const OWS: [char; 2] = [' ', '\t'];

/// Answers the `Range` field value `value` (already known to be the only
/// one) for a representation of `len` bytes.
pub fn answer(value: &str, len: u64) -> RangeAnswer {
    // Whitespace around a field value is not part of it (§5.5).
    let value = value.trim_matches(OWS);
    // ranges-specifier = range-unit "=" range-set (§14.1); range units
    // are case-insensitive, and an unknown one MUST be ignored (§14.2).
    let Some((unit, set)) = value.split_once('=') else {
        return RangeAnswer::Whole;
    };
    if !unit.eq_ignore_ascii_case("bytes") || len == 0 {
        // (A zero-length representation has no byte to name in a 206.)
        return RangeAnswer::Whole;
    }
    let mut single = None;
    for spec in range_set(set) {
        match (spec, single) {
            (Some(spec), None) => single = Some(spec),
            // Invalid, or a second range: ignored.
            _ => return RangeAnswer::Whole,
        }
    }
    match single {
        Some(spec) => spec.answer(len),
        // `1#range-spec` needs one.
        None => RangeAnswer::Whole,
    }
}

/// The elements of `range-set = 1#range-spec`, i.e.
/// `[ range-spec ] *( OWS "," OWS [ range-spec ] )` (§5.6.1): empty ones
/// are skipped; `None` for one that is no byte range-spec.
fn range_set<'a>(set: &'a str) -> impl Iterator<Item = Option<Spec<'a>>> + 'a {
    set.split(',').enumerate().filter_map(|(i, element)| {
        // OWS only around the commas: none right after "=".
        let element = if i == 0 {
            element.trim_end_matches(OWS)
        } else {
            element.trim_matches(OWS)
        };
        (!element.is_empty()).then(|| Spec::parse(element))
    })
}

/// A byte range-spec (§14.1.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Spec<'a> {
    /// `first-pos "-" [ last-pos ]`.
    Int {
        first: Position<'a>,
        last: Option<Position<'a>>,
    },
    /// `"-" suffix-length`.
    Suffix(Position<'a>),
}

impl<'a> Spec<'a> {
    fn parse(element: &'a str) -> Option<Self> {
        let (first, last) = element.split_once('-')?;
        if first.is_empty() {
            return Position::parse(last).map(Self::Suffix);
        }
        let first = Position::parse(first)?;
        if last.is_empty() {
            return Some(Self::Int { first, last: None });
        }
        let last = Position::parse(last)?;
        // Invalid when last-pos is less than first-pos (§14.1.1).
        (first <= last).then_some(Self::Int {
            first,
            last: Some(last),
        })
    }

    /// §14.1.1: satisfiable when first-pos is within the representation
    /// or the suffix is not empty; last-pos and the suffix are cut to it.
    fn answer(self, len: u64) -> RangeAnswer {
        match self {
            Self::Int { first, last } if first.value() < len => RangeAnswer::Part {
                first: first.value(),
                last: last.map_or(len - 1, |last| last.value().min(len - 1)),
            },
            Self::Suffix(n) if n.value() > 0 => RangeAnswer::Part {
                first: len - n.value().min(len),
                last: len - 1,
            },
            _ => RangeAnswer::Unsatisfiable,
        }
    }
}

/// `1*DIGIT` of any length, held as its significant digits: ordered
/// exactly however long it is, and past the end of every representation
/// when it does not fit a `u64`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Position<'a>(&'a str);

impl<'a> Position<'a> {
    fn parse(text: &'a str) -> Option<Self> {
        let digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
        digits.then(|| Self(text.trim_start_matches('0')))
    }

    /// The number, or `u64::MAX` when it is larger.
    fn value(self) -> u64 {
        if self.0.is_empty() {
            0
        } else {
            self.0.parse().unwrap_or(u64::MAX)
        }
    }
}

impl Ord for Position<'_> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.0.len(), self.0).cmp(&(other.0.len(), other.0))
    }
}

impl PartialOrd for Position<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

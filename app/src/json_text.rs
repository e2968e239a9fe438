//! [`JsonText`]: the encoding of the pages' server functions (`api`) and of
//! their error, JSON as with server_fn's own `Json`, decoded from text.
//!
//! Why: the browser decodes the same catalog types from the data the
//! server rendered into the page (a `Resource`, read as `&str`), from
//! `/api` answers (`json_api`, `&str` too) and from server functions.
//! server_fn's `JsonEncoding` reads bytes (`serde_json::from_slice`), which
//! gives every such type a second decoder in the WASM; reading the bytes
//! as UTF-8 text first shares one (docs/benchmarks.md, "One JSON reader").
//! On the wire nothing changes: the same `application/json` bodies.

use leptos::server_fn::codec::Post;
use leptos::server_fn::{Bytes, ContentType, Decodes, Encodes, Format, FormatType};
use serde::de::{DeserializeOwned, Error as _};
use serde::Serialize;

/// JSON, decoded from UTF-8 text (see the module doc).
pub struct JsonText;

/// A server function's answer in [`JsonText`] (its `output`).
pub type JsonTextOutput = Post<JsonText>;

impl ContentType for JsonText {
    const CONTENT_TYPE: &'static str = "application/json";
}

impl FormatType for JsonText {
    const FORMAT_TYPE: Format = Format::Text;
}

impl<T: Serialize> Encodes<T> for JsonText {
    type Error = serde_json::Error;

    fn encode(output: &T) -> Result<Bytes, Self::Error> {
        serde_json::to_vec(output).map(Bytes::from)
    }
}

impl<T: DeserializeOwned> Decodes<T> for JsonText {
    type Error = serde_json::Error;

    fn decode(bytes: Bytes) -> Result<T, Self::Error> {
        let text = std::str::from_utf8(&bytes).map_err(serde_json::Error::custom)?;
        serde_json::from_str(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_it_encodes_it_decodes_and_bad_text_is_an_error() {
        let value = vec![("é".to_owned(), 3_u32)];
        let bytes = <JsonText as Encodes<_>>::encode(&value).unwrap();
        assert_eq!(&bytes[..], "[[\"é\",3]]".as_bytes());
        let back: Vec<(String, u32)> = JsonText::decode(bytes).unwrap();
        assert_eq!(back, value);

        let not_utf8 = Bytes::from_static(&[b'"', 0xff, b'"']);
        assert!(<JsonText as Decodes<String>>::decode(not_utf8).is_err());
    }
}

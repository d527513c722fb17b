//! Plain JSON with exact numbers: request bodies, OAuth responses, and the
//! byte layer under the HAL+JSON and Siren codecs.
//!
//! The reader keeps number text exactly, decodes every escape (surrogate
//! pairs included), and rejects invalid UTF-8, duplicate member names,
//! nesting deeper than [`MAX_DEPTH`] and anything after the document. The
//! writer emits compact JSON ([`write_value`], [`to_vec`]) or indented JSON
//! ([`to_vec_pretty`]).

use super::error::DecodeError;
use crate::value::{Map, Value};

pub use super::json_read::MAX_DEPTH;

/// Parses one JSON document into a [`Value`].
///
/// ```
/// use foxy_proto::codec::json;
/// let v = json::parse_value(br#"{"price": 19.990}"#).unwrap();
/// assert_eq!(json::to_vec(&v), br#"{"price":19.990}"#);
/// ```
pub fn parse_value(bytes: &[u8]) -> Result<Value, DecodeError> {
    super::json_read::parse(bytes)
}

/// Appends `value` as compact JSON to `out`.
pub fn write_value(value: &Value, out: &mut Vec<u8>) {
    JsonOut::new(out, false).value(value);
}

/// `value` as compact JSON.
pub fn to_vec(value: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    write_value(value, &mut out);
    out
}

/// `value` as JSON indented by two spaces, ending with a newline.
pub fn to_vec_pretty(value: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    JsonOut::new(&mut out, true).value(value);
    out.push(b'\n');
    out
}

/// A streaming JSON writer shared by the HAL+JSON and Siren writers.
pub(crate) struct JsonOut<'a> {
    out: &'a mut Vec<u8>,
    pretty: bool,
    level: usize,
}

impl<'a> JsonOut<'a> {
    pub(crate) fn new(out: &'a mut Vec<u8>, pretty: bool) -> JsonOut<'a> {
        JsonOut {
            out,
            pretty,
            level: 0,
        }
    }

    /// Opens `{` or `[`.
    pub(crate) fn open(&mut self, bracket: u8) {
        self.out.push(bracket);
        self.level += 1;
    }

    /// Closes with `}` or `]`; `empty` when nothing was written inside.
    pub(crate) fn close(&mut self, bracket: u8, empty: bool) {
        self.level -= 1;
        if self.pretty && !empty {
            self.newline();
        }
        self.out.push(bracket);
    }

    fn newline(&mut self) {
        self.out.push(b'\n');
        for _ in 0..self.level {
            self.out.extend_from_slice(b"  ");
        }
    }

    /// Starts an array element or object member; `first` tracks the comma.
    pub(crate) fn item(&mut self, first: &mut bool) {
        if !*first {
            self.out.push(b',');
        }
        *first = false;
        if self.pretty {
            self.newline();
        }
    }

    /// Writes a member name and the colon.
    pub(crate) fn key(&mut self, first: &mut bool, key: &str) {
        self.item(first);
        self.string(key);
        self.out.push(b':');
        if self.pretty {
            self.out.push(b' ');
        }
    }

    /// Writes a string member.
    pub(crate) fn str_member(&mut self, first: &mut bool, key: &str, value: &str) {
        self.key(first, key);
        self.string(value);
    }

    /// Writes a string literal with JSON escapes.
    pub(crate) fn string(&mut self, s: &str) {
        self.out.push(b'"');
        let bytes = s.as_bytes();
        let mut run = 0;
        for (i, &b) in bytes.iter().enumerate() {
            let escape: &[u8] = match b {
                b'"' => b"\\\"",
                b'\\' => b"\\\\",
                b'\n' => b"\\n",
                b'\r' => b"\\r",
                b'\t' => b"\\t",
                0..=0x1f => b"",
                _ => continue,
            };
            self.out.extend_from_slice(&bytes[run..i]);
            if escape.is_empty() {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.out.extend_from_slice(b"\\u00");
                self.out.push(HEX[usize::from(b >> 4)]);
                self.out.push(HEX[usize::from(b & 0xf)]);
            } else {
                self.out.extend_from_slice(escape);
            }
            run = i + 1;
        }
        self.out.extend_from_slice(&bytes[run..]);
        self.out.push(b'"');
    }

    /// Writes any value.
    pub(crate) fn value(&mut self, value: &Value) {
        match value {
            Value::Null => self.out.extend_from_slice(b"null"),
            Value::Bool(true) => self.out.extend_from_slice(b"true"),
            Value::Bool(false) => self.out.extend_from_slice(b"false"),
            Value::Number(n) => self.out.extend_from_slice(n.as_str().as_bytes()),
            Value::String(s) => self.string(s),
            Value::Array(items) => {
                self.open(b'[');
                let mut first = true;
                for item in items {
                    self.item(&mut first);
                    self.value(item);
                }
                self.close(b']', first);
            }
            Value::Object(map) => self.map(map),
        }
    }

    /// Writes an object.
    pub(crate) fn map(&mut self, map: &Map) {
        self.open(b'{');
        let mut first = true;
        for (k, v) in map {
            self.key(&mut first, k);
            self.value(v);
        }
        self.close(b'}', first);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::error::DecodeErrorKind;

    fn parse(s: &str) -> Result<Value, DecodeError> {
        parse_value(s.as_bytes())
    }

    #[test]
    fn keeps_number_text() {
        let v = parse(r#"[19.990, -0, 1E+2, 12345678901234567890123]"#).expect("valid");
        assert_eq!(to_vec(&v), b"[19.990,-0,1E+2,12345678901234567890123]");
    }

    #[test]
    fn decodes_escapes_and_surrogates() {
        let v = parse(r#""a\"\\\/\b\f\n\r\t\u00e9\ud83e\udd8a""#).expect("valid");
        assert_eq!(v.as_str(), Some("a\"\\/\u{8}\u{c}\n\r\t\u{e9}\u{1f98a}"));
        let back = parse_value(&to_vec(&v)).expect("round trip");
        assert_eq!(back, v);
    }

    #[test]
    fn rejects_lone_surrogates() {
        for bad in [r#""\ud83e""#, r#""\udd8a""#, r#""\ud83e\u0041""#] {
            let err = parse(bad).expect_err(bad);
            assert_eq!(err.kind, DecodeErrorKind::LoneSurrogate, "{bad}");
        }
    }

    #[test]
    fn rejects_bad_numbers() {
        for bad in ["01", "1.", "-", "1e", "-a", ".5"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn error_position_is_line_and_column() {
        let err = parse("{\n  \"a\": tru\n}").expect_err("bad literal");
        assert_eq!(
            (err.location.line, err.location.column),
            (Some(2), Some(11))
        );
    }

    #[test]
    fn pretty_output_is_indented() {
        let v = parse(r#"{"a":[1,{}],"b":[]}"#).expect("valid");
        let text = String::from_utf8(to_vec_pretty(&v)).expect("utf-8");
        assert_eq!(
            text,
            "{\n  \"a\": [\n    1,\n    {}\n  ],\n  \"b\": []\n}\n"
        );
    }
}

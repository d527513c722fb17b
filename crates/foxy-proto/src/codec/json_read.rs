//! The JSON reader behind [`super::json::parse_value`].
//!
//! A single-pass recursive-descent parser over validated UTF-8. Numbers keep
//! their exact text; strings are sliced from the input when they hold no
//! escapes. Line and column are computed only when an error is reported.

use super::error::{DecodeError, DecodeErrorKind, Location};
use crate::value::{Map, Number, Value};

/// The deepest nesting of arrays and objects the reader accepts.
pub const MAX_DEPTH: usize = 128;

pub(crate) struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
}

/// Parses one complete JSON document.
pub(crate) fn parse(bytes: &[u8]) -> Result<Value, DecodeError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            return Err(DecodeError::new(
                DecodeErrorKind::InvalidUtf8,
                Location::of_offset(valid, valid.len()),
            ));
        }
    };
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
    };
    if text.starts_with('\u{feff}') {
        reader.pos = 3;
    }
    reader.skip_ws();
    let value = reader.value()?;
    reader.skip_ws();
    if reader.pos < reader.bytes.len() {
        return Err(reader.error(DecodeErrorKind::TrailingData));
    }
    Ok(value)
}

impl Reader<'_> {
    fn error(&self, kind: DecodeErrorKind) -> DecodeError {
        DecodeError::new(kind, Location::of_offset(self.text, self.pos))
    }

    fn unexpected(&self, expected: &'static str) -> DecodeError {
        match self.text[self.pos.min(self.text.len())..].chars().next() {
            Some(found) => self.error(DecodeErrorKind::UnexpectedChar { found, expected }),
            None => self.error(DecodeErrorKind::UnexpectedEnd(expected)),
        }
    }

    #[inline]
    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn value(&mut self) -> Result<Value, DecodeError> {
        match self.bytes.get(self.pos) {
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => Ok(Value::String(self.string()?)),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.unexpected("a value")),
        }
    }

    fn literal(&mut self, word: &'static str, value: Value) -> Result<Value, DecodeError> {
        for expected in word.bytes() {
            match self.bytes.get(self.pos) {
                Some(&b) if b == expected => self.pos += 1,
                _ => return Err(self.unexpected(word)),
            }
        }
        Ok(value)
    }

    fn enter(&mut self) -> Result<(), DecodeError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(DecodeErrorKind::TooDeep(MAX_DEPTH)));
        }
        self.pos += 1;
        self.skip_ws();
        Ok(())
    }

    fn object(&mut self) -> Result<Value, DecodeError> {
        self.enter()?;
        let mut map = Map::new();
        if self.bytes.get(self.pos) == Some(&b'}') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Value::Object(map));
        }
        loop {
            if self.bytes.get(self.pos) != Some(&b'"') {
                return Err(self.unexpected("a member name"));
            }
            let key_pos = self.pos;
            let key = self.string()?;
            self.skip_ws();
            if self.bytes.get(self.pos) != Some(&b':') {
                return Err(self.unexpected("':'"));
            }
            self.pos += 1;
            self.skip_ws();
            let value = self.value()?;
            match map.entry(key) {
                indexmap::map::Entry::Occupied(entry) => {
                    self.pos = key_pos;
                    return Err(self.error(DecodeErrorKind::DuplicateKey(entry.key().clone())));
                }
                indexmap::map::Entry::Vacant(entry) => {
                    entry.insert(value);
                }
            }
            self.skip_ws();
            match self.bytes.get(self.pos) {
                Some(b',') => {
                    self.pos += 1;
                    self.skip_ws();
                }
                Some(b'}') => {
                    self.pos += 1;
                    self.depth -= 1;
                    return Ok(Value::Object(map));
                }
                _ => return Err(self.unexpected("',' or '}'")),
            }
        }
    }

    fn array(&mut self) -> Result<Value, DecodeError> {
        self.enter()?;
        let mut items = Vec::new();
        if self.bytes.get(self.pos) == Some(&b']') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value()?);
            self.skip_ws();
            match self.bytes.get(self.pos) {
                Some(b',') => {
                    self.pos += 1;
                    self.skip_ws();
                }
                Some(b']') => {
                    self.pos += 1;
                    self.depth -= 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.unexpected("',' or ']'")),
            }
        }
    }

    fn number(&mut self) -> Result<Value, DecodeError> {
        let start = self.pos;
        let b = self.bytes;
        let mut i = self.pos;
        if b.get(i) == Some(&b'-') {
            i += 1;
        }
        match b.get(i) {
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => {
                while matches!(b.get(i), Some(b'0'..=b'9')) {
                    i += 1;
                }
            }
            _ => return Err(self.invalid_number(i)),
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            if !matches!(b.get(i), Some(b'0'..=b'9')) {
                return Err(self.invalid_number(i));
            }
            while matches!(b.get(i), Some(b'0'..=b'9')) {
                i += 1;
            }
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(b.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            if !matches!(b.get(i), Some(b'0'..=b'9')) {
                return Err(self.invalid_number(i));
            }
            while matches!(b.get(i), Some(b'0'..=b'9')) {
                i += 1;
            }
        }
        if matches!(b.get(i), Some(b'0'..=b'9')) {
            // A leading zero followed by more digits (`01`).
            return Err(self.invalid_number(i));
        }
        self.pos = i;
        self.text[start..i]
            .parse::<Number>()
            .map(Value::Number)
            .map_err(|_| self.invalid_number(start))
    }

    fn invalid_number(&self, at: usize) -> DecodeError {
        DecodeError::new(
            DecodeErrorKind::InvalidNumber,
            Location::of_offset(self.text, at),
        )
    }

    /// Reads a string; `self.pos` is at the opening quote.
    fn string(&mut self) -> Result<String, DecodeError> {
        self.pos += 1;
        let start = self.pos;
        let b = self.bytes;
        let mut i = start;
        while let Some(&c) = b.get(i) {
            match c {
                b'"' => {
                    self.pos = i + 1;
                    return Ok(self.text[start..i].to_owned());
                }
                b'\\' => {
                    let mut out = String::with_capacity(i - start + 16);
                    out.push_str(&self.text[start..i]);
                    self.pos = i;
                    return self.string_escaped(out);
                }
                0..=0x1f => {
                    self.pos = i;
                    return Err(self.error(DecodeErrorKind::ControlCharacter));
                }
                _ => i += 1,
            }
        }
        self.pos = i;
        Err(self.error(DecodeErrorKind::UnexpectedEnd("closing quote")))
    }

    /// The slow path of [`Self::string`], from the first backslash.
    fn string_escaped(&mut self, mut out: String) -> Result<String, DecodeError> {
        loop {
            let run_start = self.pos;
            while let Some(&c) = self.bytes.get(self.pos) {
                if c == b'"' || c == b'\\' || c < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(&self.text[run_start..self.pos]);
            match self.bytes.get(self.pos) {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    let ch = self.escape()?;
                    out.push(ch);
                }
                Some(_) => return Err(self.error(DecodeErrorKind::ControlCharacter)),
                None => return Err(self.error(DecodeErrorKind::UnexpectedEnd("closing quote"))),
            }
        }
    }

    /// Decodes one escape; `self.pos` is at the backslash.
    fn escape(&mut self) -> Result<char, DecodeError> {
        let ch = match self.bytes.get(self.pos + 1) {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => return self.unicode_escape(),
            Some(_) => return Err(self.error(DecodeErrorKind::InvalidEscape)),
            None => return Err(self.error(DecodeErrorKind::UnexpectedEnd("an escape"))),
        };
        self.pos += 2;
        Ok(ch)
    }

    fn hex4(&self, at: usize) -> Result<u32, DecodeError> {
        let digits = self.bytes.get(at..at + 4).ok_or_else(|| {
            DecodeError::new(
                DecodeErrorKind::UnexpectedEnd("four hex digits"),
                Location::of_offset(self.text, self.bytes.len()),
            )
        })?;
        let mut n = 0u32;
        for &d in digits {
            let v = (d as char).to_digit(16).ok_or_else(|| {
                DecodeError::new(
                    DecodeErrorKind::InvalidEscape,
                    Location::of_offset(self.text, at),
                )
            })?;
            n = n * 16 + v;
        }
        Ok(n)
    }

    /// Decodes `\uXXXX`, pairing surrogates; `self.pos` is at the backslash.
    fn unicode_escape(&mut self) -> Result<char, DecodeError> {
        let first = self.hex4(self.pos + 2)?;
        let code = match first {
            0xD800..=0xDBFF => {
                if self.bytes.get(self.pos + 6..self.pos + 8) != Some(b"\\u") {
                    return Err(self.error(DecodeErrorKind::LoneSurrogate));
                }
                let second = self.hex4(self.pos + 8)?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.error(DecodeErrorKind::LoneSurrogate));
                }
                self.pos += 6;
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(self.error(DecodeErrorKind::LoneSurrogate)),
            other => other,
        };
        self.pos += 6;
        char::from_u32(code).ok_or_else(|| self.error(DecodeErrorKind::InvalidEscape))
    }
}

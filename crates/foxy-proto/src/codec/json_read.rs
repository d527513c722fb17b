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
    /// Members of the objects being read by the fast path, innermost last.
    scratch: Vec<(String, Value)>,
}

/// The fast path gave up: the input is invalid, or valid but unusual
/// (see [`super::hal_json`]); the located reader runs instead and
/// reports exactly what it always reported.
#[derive(Debug)]
pub(crate) struct Fail;

/// Whether `c` ends a run of plain string bytes.
#[inline]
fn is_special(c: u8) -> bool {
    c == b'"' || c == b'\\' || c < 0x20
}

/// The first index from `i` holding `"`, `\\` or a control character, or
/// `b.len()`: eight bytes at a time, then byte by byte.
#[inline]
fn scan_plain(b: &[u8], mut i: usize) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    const QUOTE: u64 = LO * b'"' as u64;
    const BACKSLASH: u64 = LO * b'\\' as u64;
    const SPACE: u64 = LO * 0x20;
    while let Some(chunk) = b.get(i..i + 8) {
        let Ok(bytes) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let x = u64::from_le_bytes(bytes);
        let q = x ^ QUOTE;
        let s = x ^ BACKSLASH;
        // The lowest flagged byte is always a real hit: a borrow only
        // flags bytes above one.
        let hits =
            ((q.wrapping_sub(LO) & !q) | (s.wrapping_sub(LO) & !s) | (x.wrapping_sub(SPACE) & !x))
                & HI;
        if hits != 0 {
            return i + (hits.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&c) = b.get(i) {
        if is_special(c) {
            break;
        }
        i += 1;
    }
    i
}

/// The first index from `i` that does not hold a space: eight bytes at a
/// time (indentation), the last run located within its word.
#[inline]
fn skip_spaces(b: &[u8], mut i: usize) -> usize {
    const SPACES: u64 = 0x2020_2020_2020_2020;
    while let Some(chunk) = b.get(i..i + 8) {
        let Ok(bytes) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let other = u64::from_le_bytes(bytes) ^ SPACES;
        if other != 0 {
            return i + (other.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while b.get(i) == Some(&b' ') {
        i += 1;
    }
    i
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
    let mut reader = Reader::over(text);
    reader.skip_ws();
    let value = reader.value()?;
    reader.skip_ws();
    if reader.pos < reader.bytes.len() {
        return Err(reader.error(DecodeErrorKind::TrailingData));
    }
    Ok(value)
}

impl<'a> Reader<'a> {
    /// A reader at the start of `text`, past a byte order mark.
    fn over(text: &'a str) -> Reader<'a> {
        Reader {
            text,
            bytes: text.as_bytes(),
            pos: if text.starts_with('\u{feff}') { 3 } else { 0 },
            depth: 0,
            scratch: Vec::new(),
        }
    }

    fn error(&self, kind: DecodeErrorKind) -> DecodeError {
        DecodeError::new(kind, Location::of_offset(self.text, self.pos))
    }

    fn unexpected(&self, expected: &'static str) -> DecodeError {
        match self.text[self.pos.min(self.text.len())..].chars().next() {
            Some(found) => self.error(DecodeErrorKind::UnexpectedChar { found, expected }),
            None => self.error(DecodeErrorKind::UnexpectedEnd(expected)),
        }
    }

    /// Skips whitespace; runs of spaces (indentation) eight at a time.
    #[inline]
    pub(super) fn skip_ws(&mut self) {
        loop {
            match self.bytes.get(self.pos) {
                Some(b' ') => self.pos = skip_spaces(self.bytes, self.pos + 1),
                Some(b'\n' | b'\r' | b'\t') => self.pos += 1,
                _ => return,
            }
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
        // The scan above is the number grammar: the text is a valid number.
        self.text
            .get(start..i)
            .map(|text| Value::Number(Number::from_checked(text)))
            .ok_or_else(|| self.invalid_number(start))
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
        let i = scan_plain(self.bytes, start);
        match self.bytes.get(i) {
            Some(b'"') => {
                self.pos = i + 1;
                Ok(self.text[start..i].to_owned())
            }
            Some(b'\\') => {
                let mut out = String::with_capacity(i - start + 16);
                out.push_str(&self.text[start..i]);
                self.pos = i;
                self.string_escaped(out)
            }
            Some(_) => {
                self.pos = i;
                Err(self.error(DecodeErrorKind::ControlCharacter))
            }
            None => {
                self.pos = i;
                Err(self.error(DecodeErrorKind::UnexpectedEnd("closing quote")))
            }
        }
    }

    /// The slow path of [`Self::string`], from the first backslash.
    fn string_escaped(&mut self, mut out: String) -> Result<String, DecodeError> {
        loop {
            let run_start = self.pos;
            self.pos = scan_plain(self.bytes, self.pos);
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

/// The fast path: the same grammar and limits as the located reader, but
/// without positions in its errors ([`Fail`]) and with objects built at
/// their final size. Used by the HAL+JSON reader, which parses again with
/// the located reader whenever this one fails.
impl<'a> Reader<'a> {
    /// A reader over `bytes` for the fast path (`Fail` on invalid UTF-8).
    pub(super) fn fast(bytes: &'a [u8]) -> Result<Reader<'a>, Fail> {
        std::str::from_utf8(bytes)
            .map(Reader::over)
            .map_err(|_| Fail)
    }

    /// The next byte, if any.
    #[inline]
    pub(super) fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Skips one expected byte.
    #[inline]
    pub(super) fn eat(&mut self, byte: u8) -> Result<(), Fail> {
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(Fail)
        }
    }

    /// Skips an empty `{}` or `[]` after [`Self::f_enter`] when `close` is next.
    #[inline]
    pub(super) fn f_empty(&mut self, close: u8) -> bool {
        if self.peek() == Some(close) {
            self.pos += 1;
            self.depth -= 1;
            true
        } else {
            false
        }
    }

    /// Whether the whole input has been read.
    pub(super) fn at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    /// Enters `{` or `[` at `self.pos` (one level deeper) and skips whitespace.
    #[inline]
    pub(super) fn f_enter(&mut self) -> Result<(), Fail> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Fail);
        }
        self.pos += 1;
        self.skip_ws();
        Ok(())
    }

    /// After a member or element: `Ok(true)` past a `,` (and whitespace),
    /// `Ok(false)` past the `close` bracket (one level up).
    #[inline]
    pub(super) fn f_next(&mut self, close: u8) -> Result<bool, Fail> {
        self.skip_ws();
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                self.skip_ws();
                Ok(true)
            }
            Some(c) if c == close => {
                self.pos += 1;
                self.depth -= 1;
                Ok(false)
            }
            _ => Err(Fail),
        }
    }

    /// Reads a member name and its `:`; `self.pos` is at the opening quote.
    #[inline]
    pub(super) fn f_key(&mut self) -> Result<std::borrow::Cow<'a, str>, Fail> {
        if self.peek() != Some(b'"') {
            return Err(Fail);
        }
        let key = self.f_string()?;
        self.skip_ws();
        self.eat(b':')?;
        self.skip_ws();
        Ok(key)
    }

    /// Reads a string, borrowed from the input when it holds no escapes;
    /// `self.pos` is at the opening quote.
    #[inline]
    pub(super) fn f_string(&mut self) -> Result<std::borrow::Cow<'a, str>, Fail> {
        let start = self.pos + 1;
        let i = scan_plain(self.bytes, start);
        match self.bytes.get(i) {
            Some(b'"') => {
                self.pos = i + 1;
                let text: &'a str = self.text;
                text.get(start..i)
                    .map(std::borrow::Cow::Borrowed)
                    .ok_or(Fail)
            }
            Some(b'\\') => {
                let mut out = String::with_capacity(i - start + 16);
                out.push_str(self.text.get(start..i).ok_or(Fail)?);
                self.pos = i;
                self.string_escaped(out)
                    .map(std::borrow::Cow::Owned)
                    .map_err(|_| Fail)
            }
            _ => Err(Fail),
        }
    }

    /// Reads a string or `null`.
    #[inline]
    pub(super) fn f_string_or_null(&mut self) -> Result<Option<String>, Fail> {
        match self.peek() {
            Some(b'"') => Ok(Some(self.f_string()?.into_owned())),
            Some(b'n') => self.f_literal(b"null").map(|()| None),
            _ => Err(Fail),
        }
    }

    /// Skips an expected keyword.
    #[inline]
    pub(super) fn f_literal(&mut self, word: &[u8]) -> Result<(), Fail> {
        if self.bytes.get(self.pos..self.pos + word.len()) == Some(word) {
            self.pos += word.len();
            Ok(())
        } else {
            Err(Fail)
        }
    }

    /// Reads any value.
    pub(super) fn f_value(&mut self) -> Result<Value, Fail> {
        match self.peek() {
            Some(b'{') => self.f_object().map(Value::Object),
            Some(b'[') => self.f_array(),
            Some(b'"') => Ok(Value::String(self.f_string()?.into_owned())),
            Some(b't') => self.f_literal(b"true").map(|()| Value::Bool(true)),
            Some(b'f') => self.f_literal(b"false").map(|()| Value::Bool(false)),
            Some(b'n') => self.f_literal(b"null").map(|()| Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number().map_err(|_| Fail),
            _ => Err(Fail),
        }
    }

    /// Reads an object; `self.pos` is at `{`.
    pub(super) fn f_object(&mut self) -> Result<Map, Fail> {
        self.f_enter()?;
        if self.peek() == Some(b'}') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Map::new());
        }
        let start = self.scratch.len();
        loop {
            let key = self.f_key()?.into_owned();
            let value = self.f_value()?;
            self.scratch.push((key, value));
            if !self.f_next(b'}')? {
                break;
            }
        }
        self.members(start)
    }

    /// Adds a member read by the caller to the object being built (see [`Self::members`]).
    pub(super) fn push_member(&mut self, key: String, value: Value) {
        self.scratch.push((key, value));
    }

    /// The length of the member stack, to pass to [`Self::members`] later.
    pub(super) fn mark(&self) -> usize {
        self.scratch.len()
    }

    /// The members pushed since `start`, as a map (`Fail` on a duplicate name).
    pub(super) fn members(&mut self, start: usize) -> Result<Map, Fail> {
        let mut map = Map::with_capacity(self.scratch.len().saturating_sub(start));
        for (key, value) in self.scratch.drain(start..) {
            if map.insert(key, value).is_some() {
                return Err(Fail);
            }
        }
        Ok(map)
    }

    fn f_array(&mut self) -> Result<Value, Fail> {
        self.f_enter()?;
        let mut items = Vec::new();
        if self.peek() == Some(b']') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.f_value()?);
            if !self.f_next(b']')? {
                return Ok(Value::Array(items));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    /// The word-at-a-time space skip stops where a byte-by-byte one does.
    #[test]
    fn skip_spaces_stops_at_the_first_other_byte() {
        let text = b"          x                 \n  a b   ";
        for from in 0..=text.len() {
            let want = (from..text.len())
                .find(|&i| text[i] != b' ')
                .unwrap_or(text.len());
            assert_eq!(super::skip_spaces(text, from), want, "from {from}");
        }
    }
}

//! Just enough JSON to take seeds out of the conformance corpus (xtask has
//! no dependencies): values with the byte span each came from.

/// A JSON value; numbers and literals keep their text.
#[derive(Debug)]
pub enum Json {
    /// A string, unescaped.
    Str(String),
    /// A number, `true`, `false` or `null`, as written.
    Atom(String),
    /// An array; each element with its span in the input.
    Arr(Vec<(Json, std::ops::Range<usize>)>),
    /// An object, members in order.
    Obj(Vec<(String, Json)>),
}

impl Json {
    /// The member `name` of an object.
    pub fn get(&self, name: &str) -> Option<&Json> {
        match self {
            Json::Obj(members) => members.iter().find(|(k, _)| k == name).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    pub fn items(&self) -> &[(Json, std::ops::Range<usize>)] {
        match self {
            Json::Arr(items) => items,
            _ => &[],
        }
    }
}

/// Parses a whole document.
pub fn parse(text: &str) -> Result<Json, String> {
    let mut p = Parser {
        b: text.as_bytes(),
        at: 0,
    };
    let value = p.value(0)?;
    p.ws();
    if p.at != p.b.len() {
        return Err(format!("trailing data at byte {}", p.at));
    }
    Ok(value)
}

struct Parser<'a> {
    b: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while self.b.get(self.at).is_some_and(u8::is_ascii_whitespace) {
            self.at += 1;
        }
    }

    fn fail<T>(&self, what: &str) -> Result<T, String> {
        Err(format!("expected {what} at byte {}", self.at))
    }

    fn eat(&mut self, byte: u8) -> Result<(), String> {
        self.ws();
        if self.b.get(self.at) == Some(&byte) {
            self.at += 1;
            Ok(())
        } else {
            self.fail(&format!("{:?}", char::from(byte)))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, String> {
        if depth > 200 {
            return self.fail("shallower nesting");
        }
        self.ws();
        match self.b.get(self.at) {
            Some(b'"') => self.string().map(Json::Str),
            Some(b'[') => {
                self.at += 1;
                let mut items = Vec::new();
                self.ws();
                if self.b.get(self.at) == Some(&b']') {
                    self.at += 1;
                    return Ok(Json::Arr(items));
                }
                loop {
                    self.ws();
                    let start = self.at;
                    let item = self.value(depth + 1)?;
                    items.push((item, start..self.at));
                    self.ws();
                    match self.b.get(self.at) {
                        Some(b',') => self.at += 1,
                        Some(b']') => {
                            self.at += 1;
                            return Ok(Json::Arr(items));
                        }
                        _ => return self.fail("',' or ']'"),
                    }
                }
            }
            Some(b'{') => {
                self.at += 1;
                let mut members = Vec::new();
                self.ws();
                if self.b.get(self.at) == Some(&b'}') {
                    self.at += 1;
                    return Ok(Json::Obj(members));
                }
                loop {
                    self.ws();
                    let key = self.string()?;
                    self.eat(b':')?;
                    members.push((key, self.value(depth + 1)?));
                    self.ws();
                    match self.b.get(self.at) {
                        Some(b',') => self.at += 1,
                        Some(b'}') => {
                            self.at += 1;
                            return Ok(Json::Obj(members));
                        }
                        _ => return self.fail("',' or '}'"),
                    }
                }
            }
            Some(_) => {
                let start = self.at;
                while self
                    .b
                    .get(self.at)
                    .is_some_and(|c| c.is_ascii_alphanumeric() || b"+-.".contains(c))
                {
                    self.at += 1;
                }
                if start == self.at {
                    return self.fail("a value");
                }
                Ok(Json::Atom(
                    String::from_utf8_lossy(&self.b[start..self.at]).into_owned(),
                ))
            }
            None => self.fail("a value"),
        }
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let digits = self.b.get(self.at..self.at + 4).unwrap_or_default();
        let text = std::str::from_utf8(digits).unwrap_or_default();
        let code = u32::from_str_radix(text, 16).or_else(|_| self.fail("four hex digits"))?;
        self.at += 4;
        Ok(code)
    }

    fn string(&mut self) -> Result<String, String> {
        if self.b.get(self.at) != Some(&b'"') {
            return self.fail("a string");
        }
        self.at += 1;
        let mut out = Vec::new();
        loop {
            let Some(&c) = self.b.get(self.at) else {
                return self.fail("a closing quote");
            };
            self.at += 1;
            match c {
                b'"' => return String::from_utf8(out).or_else(|_| self.fail("utf-8")),
                b'\\' => {
                    let Some(&e) = self.b.get(self.at) else {
                        return self.fail("an escape");
                    };
                    self.at += 1;
                    let ch = match e {
                        b'n' => '\n',
                        b't' => '\t',
                        b'r' => '\r',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'u' => {
                            let first = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&first)
                                && self.b.get(self.at..self.at + 2) == Some(b"\\u")
                            {
                                self.at += 2;
                                let second = self.hex4()?;
                                0x10000
                                    + ((first - 0xD800) << 10)
                                    + (second.wrapping_sub(0xDC00) & 0x3ff)
                            } else {
                                first
                            };
                            char::from_u32(code).unwrap_or('\u{fffd}')
                        }
                        other => char::from(other),
                    };
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                }
                other => out.push(other),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_values_and_spans() {
        let text = r#"[{"a": "x\"y\u00e9\ud83d\ude00"}, 12.5, true, []]"#;
        let doc = parse(text).expect("valid");
        let items = doc.items();
        assert_eq!(items.len(), 4);
        assert_eq!(items[0].0.get("a").and_then(Json::str), Some("x\"yé😀"));
        assert_eq!(&text[items[1].1.clone()], "12.5");
        assert_eq!(
            &text[items[0].1.clone()],
            r#"{"a": "x\"y\u00e9\ud83d\ude00"}"#
        );
        assert!(parse("[1,").is_err());
        assert!(parse("{} x").is_err());
    }
}

//! Request bodies in the four encodings Foxy accepts, each with its Content-Type.
//!
//! JSON (the default) and XML carry a whole document; form-urlencoded and
//! multipart carry flat name/value pairs. A multipart boundary is either
//! given or derived from the content (a hash), so the same body always
//! encodes to the same bytes.

use std::fmt::Write as _;
use std::str::FromStr;

use crate::codec;
use crate::form;
use crate::media::MediaType;
use crate::resource::Resource;
use crate::value::Value;

use super::RequestError;

/// The body encodings Foxy accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum BodyFormat {
    /// `application/json` (the default).
    #[default]
    Json,
    /// `application/xml`.
    Xml,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `multipart/form-data`.
    Multipart,
}

impl FromStr for BodyFormat {
    type Err = RequestError;

    /// Parses `json`, `xml`, `form` or `multipart` (or the full media type).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match MediaType::parse(s) {
            Ok(MediaType::Json) => Ok(BodyFormat::Json),
            Ok(MediaType::Xml) => Ok(BodyFormat::Xml),
            Ok(MediaType::FormUrlEncoded) => Ok(BodyFormat::Form),
            Ok(MediaType::Multipart) => Ok(BodyFormat::Multipart),
            _ => Err(RequestError::UnknownBodyFormat(
                s.chars().take(40).collect(),
            )),
        }
    }
}

/// A request body.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Body {
    /// A JSON document (`application/json`), numbers written exactly.
    Json(Value),
    /// A document written as XML (`application/xml`); links are not sent.
    Xml(Resource),
    /// Name/value pairs (`application/x-www-form-urlencoded`).
    Form(Vec<(String, String)>),
    /// Parts (`multipart/form-data`).
    Multipart(Multipart),
}

impl Body {
    /// A body of `format` from a JSON-like value (an object for every format
    /// but JSON). Form and multipart need flat objects: nested values are
    /// refused, `null` is sent as an empty value.
    pub fn from_value(format: BodyFormat, value: &Value) -> Result<Body, RequestError> {
        match format {
            BodyFormat::Json => Ok(Body::Json(value.clone())),
            BodyFormat::Xml => {
                let mut resource =
                    codec::hal_json::from_value(value.clone()).map_err(|e| RequestError::Body {
                        format: "xml",
                        reason: e.to_string(),
                    })?;
                resource.links.clear();
                Ok(Body::Xml(resource))
            }
            BodyFormat::Form => Ok(Body::Form(flat_pairs("form", value)?)),
            BodyFormat::Multipart => Ok(Body::Multipart(Multipart::new(
                flat_pairs("multipart", value)?
                    .into_iter()
                    .map(|(name, text)| Part::text(name, text))
                    .collect(),
            ))),
        }
    }

    /// The Content-Type and the bytes.
    pub fn encode(&self) -> Result<(String, Vec<u8>), RequestError> {
        match self {
            Body::Json(value) => Ok((
                MediaType::Json.as_str().to_owned(),
                codec::json::to_vec(value),
            )),
            Body::Xml(resource) => {
                let bytes =
                    codec::write(MediaType::Xml, resource).map_err(|e| RequestError::Body {
                        format: "xml",
                        reason: e.to_string(),
                    })?;
                Ok((MediaType::Xml.as_str().to_owned(), bytes))
            }
            Body::Form(pairs) => Ok((
                MediaType::FormUrlEncoded.as_str().to_owned(),
                form::encode(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))).into_bytes(),
            )),
            Body::Multipart(multipart) => multipart.encode(),
        }
    }
}

fn flat_pairs(format: &'static str, value: &Value) -> Result<Vec<(String, String)>, RequestError> {
    let Some(map) = value.as_object() else {
        return Err(RequestError::Body {
            format,
            reason: format!("expected an object, got {}", value.kind()),
        });
    };
    let mut out = Vec::with_capacity(map.len());
    for (name, value) in map {
        let text = match value {
            Value::Null => String::new(),
            Value::Array(_) | Value::Object(_) => {
                return Err(RequestError::Body {
                    format,
                    reason: format!("property {name:?} is an {}, not a flat value", value.kind()),
                });
            }
            scalar => scalar.scalar_text().unwrap_or_default(),
        };
        out.push((name.clone(), text));
    }
    Ok(out)
}

/// One part of a multipart body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The field name.
    pub name: String,
    /// The file name, for file parts.
    pub filename: Option<String>,
    /// The part's Content-Type, for file parts.
    pub content_type: Option<String>,
    /// The content.
    pub data: Vec<u8>,
}

impl Part {
    /// A text field.
    pub fn text(name: impl Into<String>, value: impl Into<String>) -> Part {
        Part {
            name: name.into(),
            filename: None,
            content_type: None,
            data: value.into().into_bytes(),
        }
    }

    /// A file field.
    pub fn file(
        name: impl Into<String>,
        filename: impl Into<String>,
        content_type: impl Into<String>,
        data: Vec<u8>,
    ) -> Part {
        Part {
            name: name.into(),
            filename: Some(filename.into()),
            content_type: Some(content_type.into()),
            data,
        }
    }
}

/// A `multipart/form-data` body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Multipart {
    /// The parts, in order.
    pub parts: Vec<Part>,
    /// The boundary; derived from the content when `None`.
    pub boundary: Option<String>,
}

impl Multipart {
    /// Parts with a boundary derived from their content.
    pub fn new(parts: Vec<Part>) -> Multipart {
        Multipart {
            parts,
            boundary: None,
        }
    }

    /// The same parts with this boundary (1 to 70 letters, digits, `'()+_,-./:=?`).
    pub fn with_boundary(mut self, boundary: impl Into<String>) -> Multipart {
        self.boundary = Some(boundary.into());
        self
    }

    /// The boundary used: the given one, or `foxy-rs-` and a hash of the
    /// content, re-derived until it occurs in no part.
    pub fn boundary(&self) -> String {
        if let Some(given) = &self.boundary {
            return given.clone();
        }
        let mut salt = 0u64;
        loop {
            let mut low = Fnv::new(salt);
            let mut high = Fnv::new(salt ^ 0x9e37_79b9_7f4a_7c15);
            for part in &self.parts {
                for bytes in [
                    part.name.as_bytes(),
                    part.filename.as_deref().unwrap_or("").as_bytes(),
                    part.content_type.as_deref().unwrap_or("").as_bytes(),
                    &part.data,
                ] {
                    low.write(bytes);
                    high.write(bytes);
                    low.write(&[0xff]);
                    high.write(&[0xff]);
                }
            }
            let candidate = format!("foxy-rs-{:016x}{:016x}", low.0, high.0);
            if !self.collides(&candidate) {
                return candidate;
            }
            salt += 1;
        }
    }

    fn collides(&self, boundary: &str) -> bool {
        let needle = boundary.as_bytes();
        self.parts
            .iter()
            .any(|p| p.data.windows(needle.len()).any(|w| w == needle))
    }

    /// The Content-Type (with the boundary) and the bytes.
    pub fn encode(&self) -> Result<(String, Vec<u8>), RequestError> {
        let boundary = self.boundary();
        let valid = (1..=70).contains(&boundary.len())
            && boundary
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"'()+_,-./:=?".contains(&b));
        if !valid || self.collides(&boundary) {
            return Err(RequestError::Body {
                format: "multipart",
                reason: "the boundary is invalid or occurs in the content".to_owned(),
            });
        }
        let mut out = Vec::new();
        for part in &self.parts {
            let mut head = format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"",
                quote(&part.name)
            );
            if let Some(filename) = &part.filename {
                let _ = write!(head, "; filename=\"{}\"", quote(filename));
            }
            head.push_str("\r\n");
            if let Some(content_type) = &part.content_type {
                if content_type.contains(['\r', '\n']) {
                    return Err(RequestError::Body {
                        format: "multipart",
                        reason: "a part content type contains a line break".to_owned(),
                    });
                }
                let _ = write!(head, "Content-Type: {content_type}\r\n");
            }
            head.push_str("\r\n");
            out.extend_from_slice(head.as_bytes());
            out.extend_from_slice(&part.data);
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        Ok((format!("multipart/form-data; boundary={boundary}"), out))
    }
}

/// Escapes a name for a quoted header parameter, as browsers do.
fn quote(text: &str) -> String {
    text.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// 64-bit FNV-1a, for deriving boundaries (not for security).
struct Fnv(u64);

impl Fnv {
    fn new(salt: u64) -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325 ^ salt)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_boundary_is_stable_and_absent_from_content() {
        let m = Multipart::new(vec![Part::text("a", "1"), Part::text("b", "2")]);
        assert_eq!(m.boundary(), m.clone().boundary());
        assert_ne!(
            m.boundary(),
            Multipart::new(vec![Part::text("a", "2")]).boundary()
        );
        let sneaky = Multipart::new(vec![Part::text("a", "x")]).boundary();
        let m = Multipart::new(vec![Part::text("a", "x"), Part::text("b", sneaky.clone())]);
        assert_ne!(m.boundary(), sneaky);
    }

    #[test]
    fn given_boundary_is_checked() {
        let m = Multipart::new(vec![Part::text("a", "--x--")]).with_boundary("x");
        assert!(m.encode().is_err());
        let m = Multipart::new(vec![]).with_boundary("bad boundary");
        assert!(m.encode().is_err());
    }

    #[test]
    fn flat_bodies_refuse_nesting() {
        let mut map = crate::Map::new();
        map.insert("a".into(), Value::Array(vec![]));
        assert!(Body::from_value(BodyFormat::Form, &Value::Object(map)).is_err());
        assert!(Body::from_value(BodyFormat::Multipart, &Value::from("x")).is_err());
        assert!("yaml".parse::<BodyFormat>().is_err());
        assert_eq!("form".parse::<BodyFormat>().ok(), Some(BodyFormat::Form));
    }
}

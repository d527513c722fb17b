//! Request bodies: JSON, XML (through `foxy_proto::codec`), form-urlencoded and multipart.

use axum::http::{HeaderMap, StatusCode, header};
use foxy_proto::{MediaType, Resource, codec};

use crate::error::ApiError;

/// Parses a request body by its `Content-Type` into a resource (properties and
/// embedded resources). An empty body is an empty resource; a body without a
/// `Content-Type`, or typed `text/plain` (what browsers' `fetch` and Foxy's
/// TypeScript SDK send), is read as JSON, the API's default request type, and
/// refused with 415 when it is not JSON.
pub fn parse(headers: &HeaderMap, bytes: &[u8]) -> Result<Resource, ApiError> {
    parse_document(headers, bytes).map(|(doc, _)| doc)
}

/// [`parse`], and the extension links (`x:...` relations under `_links`)
/// of a JSON body, checked ([`crate::input::link_edit`]) and kept out of
/// the document: each a relation and its href, or `None` to remove it.
pub fn parse_document(
    headers: &HeaderMap,
    bytes: &[u8],
) -> Result<(Resource, Vec<LinkEdit>), ApiError> {
    let content_type = match headers.get(header::CONTENT_TYPE).map(|v| v.to_str()) {
        None => "",
        Some(Ok(text)) => text,
        Some(Err(_)) => return Err(unsupported("(not text)")),
    };
    let json = content_type.trim().is_empty()
        || is_text_plain(content_type)
        || matches!(
            MediaType::parse(content_type),
            Ok(MediaType::Json | MediaType::HalJson)
        );
    // Only a body that may hold one takes the longer way.
    if json && contains(bytes, b"\"_links\"") && contains(bytes, b"\"x:") {
        if let Ok(mut value) = codec::json::parse_value(bytes) {
            let edits = split_links(&mut value)?;
            let doc = codec::hal_json::from_value(value)
                .map_err(|e| ApiError::bad_request(format!("invalid json body: {e}")))?;
            return Ok((doc, edits));
        }
    }
    Ok((parse_plain(headers, bytes)?, Vec::new()))
}

/// An extension link in a request body: its relation, and its href or `None` (remove it).
pub type LinkEdit = (String, Option<String>);

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Takes the `x:` relations out of the top-level `_links` of a JSON body.
fn split_links(value: &mut foxy_proto::Value) -> Result<Vec<LinkEdit>, ApiError> {
    let foxy_proto::Value::Object(map) = value else {
        return Ok(Vec::new());
    };
    let Some(foxy_proto::Value::Object(links)) = map.get_mut("_links") else {
        return Ok(Vec::new());
    };
    let rels: Vec<String> = links
        .keys()
        .filter(|rel| rel.starts_with("x:"))
        .cloned()
        .collect();
    let mut edits = Vec::with_capacity(rels.len());
    for rel in rels {
        if let Some(link) = links.shift_remove(&rel) {
            edits.push(crate::input::link_edit(&rel, &link)?);
        }
    }
    Ok(edits)
}

fn parse_plain(headers: &HeaderMap, bytes: &[u8]) -> Result<Resource, ApiError> {
    let content_type = match headers.get(header::CONTENT_TYPE).map(|v| v.to_str()) {
        None => "",
        Some(Ok(text)) => text,
        Some(Err(_)) => return Err(unsupported("(not text)")),
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Resource::new());
    }
    if content_type.trim().is_empty() || is_text_plain(content_type) {
        return codec::parse(MediaType::HalJson, bytes).map_err(|e| not_json(content_type, &e));
    }
    let media = { MediaType::parse(content_type).map_err(|_| unsupported(content_type))? };
    match media {
        MediaType::Json | MediaType::HalJson => decode(MediaType::HalJson, bytes),
        MediaType::Siren => decode(MediaType::Siren, bytes),
        MediaType::Xml | MediaType::HalXml => decode(MediaType::HalXml, bytes),
        MediaType::FormUrlEncoded => Ok(from_pairs(form_pairs(bytes)?)),
        MediaType::Multipart => {
            let boundary = boundary(content_type)
                .ok_or_else(|| ApiError::bad_request("multipart body without a boundary"))?;
            Ok(from_pairs(multipart(bytes, &boundary)?))
        }
    }
}

/// Parses `application/x-www-form-urlencoded` or JSON key/value pairs (the token endpoint).
pub fn pairs(headers: &HeaderMap, bytes: &[u8]) -> Result<Vec<(String, String)>, ApiError> {
    let res = parse(headers, bytes)?;
    Ok(res
        .properties
        .iter()
        .filter_map(|(k, v)| Some((k.clone(), v.scalar_text()?)))
        .collect())
}

fn unsupported(content_type: &str) -> ApiError {
    ApiError::new(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        format!(
            "unsupported Content-Type {:?}; use application/json, application/xml, \
             application/x-www-form-urlencoded or multipart/form-data",
            crate::error::excerpt(content_type)
        ),
    )
}

/// Whether a `Content-Type` is `text/plain`, with any parameters.
fn is_text_plain(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or("");
    essence.trim().eq_ignore_ascii_case("text/plain")
}

fn not_json(content_type: &str, err: &foxy_proto::DecodeError) -> ApiError {
    let typed = if content_type.trim().is_empty() {
        "a body without a Content-Type".to_owned()
    } else {
        "a text/plain body".to_owned()
    };
    ApiError::new(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        format!(
            "{typed} is read as JSON and this one is not JSON ({err}); use application/json, \
             application/xml, application/x-www-form-urlencoded or multipart/form-data"
        ),
    )
}

fn decode(media: MediaType, bytes: &[u8]) -> Result<Resource, ApiError> {
    codec::parse(media, bytes)
        .map_err(|e| ApiError::bad_request(format!("invalid {} body: {e}", media.short_name())))
}

fn from_pairs(pairs: impl IntoIterator<Item = (String, String)>) -> Resource {
    let mut res = Resource::new();
    for (k, v) in pairs {
        res.set_property(k, v);
    }
    res
}

/// Splits an `application/x-www-form-urlencoded` body into (name, value)
/// pairs; a name or value that does not decode to UTF-8 text is refused.
fn form_pairs(bytes: &[u8]) -> Result<Vec<(String, String)>, ApiError> {
    bytes
        .split(|b| *b == b'&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = match pair.iter().position(|b| *b == b'=') {
                Some(i) => (&pair[..i], &pair[i + 1..]),
                None => (pair, &[][..]),
            };
            Ok((form_text(name)?, form_text(value)?))
        })
        .collect()
}

fn form_text(raw: &[u8]) -> Result<String, ApiError> {
    let spaced: Vec<u8> = raw
        .iter()
        .map(|b| if *b == b'+' { b' ' } else { *b })
        .collect();
    percent_encoding::percent_decode(&spaced)
        .decode_utf8()
        .map(std::borrow::Cow::into_owned)
        .map_err(|_| ApiError::bad_request("invalid form body: a field is not UTF-8 text"))
}

fn boundary(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        (name.trim().eq_ignore_ascii_case("boundary"))
            .then(|| value.trim().trim_matches('"').to_owned())
    })
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || from > hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Splits a `multipart/form-data` body into (name, text value) pairs.
fn multipart(bytes: &[u8], boundary: &str) -> Result<Vec<(String, String)>, ApiError> {
    let bad = |m: &str| ApiError::bad_request(format!("invalid multipart body: {m}"));
    let delim = format!("--{boundary}");
    let mut pos = find(bytes, delim.as_bytes(), 0).ok_or_else(|| bad("no boundary"))?;
    let mut out = Vec::new();
    loop {
        pos += delim.len();
        if bytes[pos..].starts_with(b"--") {
            return Ok(out);
        }
        let start = find(bytes, b"\r\n", pos).ok_or_else(|| bad("truncated part"))? + 2;
        let head_end =
            find(bytes, b"\r\n\r\n", start).ok_or_else(|| bad("part without headers"))?;
        let heads = std::str::from_utf8(&bytes[start..head_end]).map_err(|_| bad("header"))?;
        let body_start = head_end + 4;
        let next = find(bytes, format!("\r\n{delim}").as_bytes(), body_start)
            .ok_or_else(|| bad("unterminated part"))?;
        let name = heads.lines().find_map(|line| {
            let (h, v) = line.split_once(':')?;
            if !h.trim().eq_ignore_ascii_case("content-disposition") {
                return None;
            }
            v.split(';').find_map(|p| {
                let (k, val) = p.split_once('=')?;
                (k.trim() == "name").then(|| val.trim().trim_matches('"').to_owned())
            })
        });
        let name = name.ok_or_else(|| bad("part without a name"))?;
        let value = std::str::from_utf8(&bytes[body_start..next])
            .map_err(|_| bad("part is not UTF-8 text"))?;
        out.push((name, value.to_owned()));
        pos = next + 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multipart_fields() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nSprocket\r\n--XyZ\r\nContent-Disposition: form-data; name=\"price\"\r\n\r\n9.99\r\n--XyZ--\r\n";
        let pairs = multipart(body, "XyZ").expect("parses");
        assert_eq!(
            pairs,
            vec![
                ("name".into(), "Sprocket".into()),
                ("price".into(), "9.99".into())
            ]
        );
        assert!(multipart(b"garbage", "XyZ").is_err());
        assert_eq!(
            form_pairs(b"a=1+2&b=%C3%A9&c&&d=").expect("parses"),
            vec![
                ("a".into(), "1 2".into()),
                ("b".into(), "\u{e9}".into()),
                ("c".into(), String::new()),
                ("d".into(), String::new())
            ]
        );
        assert!(form_pairs(b"a=%FF").is_err());
        assert!(form_pairs(b"a=\xff").is_err());
        assert_eq!(
            boundary("multipart/form-data; boundary=\"a b\""),
            Some("a b".into())
        );
    }
}

//! The three hypermedia codecs (HAL+JSON, HAL+XML, Siren): wraps
//! `foxy_proto::codec`.

use napi::Env;
use napi_derive::napi;

use foxy_proto::{MediaType, codec};

use crate::errors::{FoxyError, Outcome, sync};
use crate::resource::Resource;
use napi::bindgen_prelude::{Buffer, Either};

use crate::webhook::body_bytes;

/// A hypermedia media type from its short name (`hal+json`, `hal+xml`,
/// `siren`) or its full name (`application/vnd.siren+json`).
pub(crate) fn media(name: &str) -> Outcome<MediaType> {
    let media = MediaType::parse(name)?;
    if media.is_hypermedia() || matches!(media, MediaType::Json | MediaType::Xml) {
        Ok(media)
    } else {
        Err(FoxyError::invalid_input(format!(
            "{name:?} is not a hypermedia format; expected hal+json, hal+xml or siren"
        )))
    }
}

/// Writes a resource as text of `media`.
pub(crate) fn write_text(media: MediaType, resource: &foxy_proto::Resource) -> Outcome<String> {
    let bytes = codec::write(media, resource)?;
    String::from_utf8(bytes).map_err(|_| FoxyError::internal("a codec wrote invalid utf-8"))
}

/// Converts a document between media types (`hal+json`, `hal+xml`,
/// `siren`). What a format cannot carry is dropped (see docs/FORMATS.md).
/// Throws `FOXY_DECODE` for a malformed document.
#[napi]
pub fn convert(
    env: &Env,
    document: Either<Buffer, String>,
    from: String,
    to: String,
) -> napi::Result<String> {
    sync(env, || {
        let (from, to) = (media(&from)?, media(&to)?);
        let resource = codec::parse(from, body_bytes(&document))?;
        write_text(to, &resource)
    })
}

/// Parses a document of `media` (default `hal+json`) into a `Resource`.
#[napi]
pub fn parse_resource(
    env: &Env,
    document: Either<Buffer, String>,
    media_type: Option<String>,
) -> napi::Result<Resource> {
    sync(env, || {
        let media = media(media_type.as_deref().unwrap_or("hal+json"))?;
        Ok(Resource::from(codec::parse(media, body_bytes(&document))?))
    })
}

//! The entries a 200 seeds: one for each resource it embeds, for a
//! cache-preferring client to answer a later GET of that href from.

use http::{HeaderMap, Response, StatusCode, header};

use super::entry::Entry;
use super::key::{CacheKey, normalize};
use super::rules::content_type;
use crate::error::content_type as media_of;
use crate::{MediaType, Resource, codec};

/// An entry for each resource embedded (at any depth) in the answer to
/// the GET filed under `key` that has a `self` href; none when the answer
/// was cut down by `fields`.
pub(crate) fn seeds(key: &CacheKey, response: &Response<Vec<u8>>) -> Vec<(CacheKey, Entry)> {
    // `fields=` (or `item_fields=`...) leaves properties out of what is
    // embedded: such copies must not answer a GET of the whole resource.
    let partial = key
        .url
        .split_once('?')
        .is_some_and(|(_, query)| query.split('&').any(|p| p.contains("fields=")));
    let mut found = Vec::new();
    if let (false, Some((media, resource))) = (partial, parse(response)) {
        walk(key, media, &resource, &mut found);
    }
    found
}

fn walk(key: &CacheKey, media: MediaType, resource: &Resource, found: &mut Vec<(CacheKey, Entry)>) {
    for embedded in resource.embedded.values().flatten() {
        let url = embedded
            .self_href()
            .and_then(|href| crate::request::resolve_href(&key.url, href).ok())
            .and_then(|href| normalize(&href));
        if let (Some(url), Some(entry)) = (url, seeded(media, embedded)) {
            let seed_key = CacheKey {
                partition: key.partition.clone(),
                url,
                accept: key.accept.clone(),
            };
            found.push((seed_key, entry));
        }
        walk(key, media, embedded, found);
    }
}

/// An embedded resource as an answer of its own (what it embeds in turn
/// is left out: it is seeded separately).
fn seeded(media: MediaType, embedded: &Resource) -> Option<Entry> {
    let mut alone = embedded.clone();
    alone.embedded.clear();
    let body = codec::write(media, &alone).ok()?;
    let mut headers = HeaderMap::new();
    headers.insert(header::CONTENT_TYPE, content_type(media));
    Some(Entry::new(None, StatusCode::OK, headers, body))
}

fn parse(response: &Response<Vec<u8>>) -> Option<(MediaType, Resource)> {
    if response.body().is_empty() {
        return None;
    }
    let media = media_of(response)?;
    let resource = codec::parse(media, response.body()).ok()?;
    Some((media, resource))
}

/// The `self` href of a successful answer's document, if it has one.
pub(crate) fn self_href(response: &Response<Vec<u8>>) -> Option<String> {
    if !response.status().is_success() {
        return None;
    }
    let (_, resource) = parse(response)?;
    resource.self_href().map(str::to_owned)
}

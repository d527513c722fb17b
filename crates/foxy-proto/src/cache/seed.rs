//! What a 200 embeds: the resources a write to which makes it outdated,
//! and the entries seeded from them.

use http::{HeaderMap, Response, StatusCode, header};

use super::entry::Entry;
use super::key::{CacheKey, normalize, resource_of};
use super::rules::content_type;
use crate::error::content_type as media_of;
use crate::{MediaType, Resource, codec};

/// What [`read`] found in an answer.
#[derive(Debug, Default)]
pub(crate) struct Read {
    /// Every resource embedded, at any depth (hrefs without query).
    pub(crate) embeds: Vec<String>,
    /// An entry for each embedded resource with a `self` href, unless the
    /// answer was cut down by `fields`.
    pub(crate) seeds: Vec<(CacheKey, Entry)>,
}

/// Reads the answer to the GET filed under `key`.
pub(crate) fn read(key: &CacheKey, response: &Response<Vec<u8>>) -> Read {
    let mut found = Read::default();
    let Some((media, resource)) = parse(response) else {
        return found;
    };
    // `fields=` (or `item_fields=`...) leaves properties out of what is
    // embedded: such copies must not answer a GET of the whole resource.
    let partial = key
        .url
        .split_once('?')
        .is_some_and(|(_, query)| query.split('&').any(|p| p.contains("fields=")));
    walk(key, media, &resource, !partial, &mut found);
    found.embeds.sort();
    found.embeds.dedup();
    found
}

fn walk(key: &CacheKey, media: MediaType, resource: &Resource, seed: bool, found: &mut Read) {
    for embedded in resource.embedded.values().flatten() {
        let href = embedded
            .self_href()
            .and_then(|href| crate::request::resolve_href(&key.url, href).ok())
            .and_then(|href| normalize(&href));
        if let Some(url) = href {
            found.embeds.push(resource_of(&url).to_owned());
            if seed {
                if let Some(entry) = seeded(media, embedded) {
                    let seed_key = CacheKey {
                        partition: key.partition.clone(),
                        url,
                        accept: key.accept.clone(),
                    };
                    found.seeds.push((seed_key, entry));
                }
            }
        }
        walk(key, media, embedded, seed, found);
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
    Some(Entry::new(None, StatusCode::OK, headers, body, Vec::new()))
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

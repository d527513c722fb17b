//! The fast path of the HAL+JSON reader: bytes straight into a
//! [`Resource`], without a [`crate::Value`] tree for `_links` and
//! `_embedded`.
//!
//! It accepts a subset of what [`super::hal_json::from_value`] accepts and
//! builds the same resource from it; anything else (an invalid document, a
//! wrong type, a duplicate name, `_embedded` before `_links`, `curies` after
//! another relation, two spellings of one relation) makes it give up, and
//! [`super::hal_json::parse`] then reads the document the located way, which
//! decides what the result or the error is. The writers and Foxy put
//! `_links` first and `curies` first in it, so documents take this path.

use std::borrow::Cow;

use super::json_read::{Fail, Reader};
use crate::rel::Rel;
use crate::resource::{Link, Resource};

type Curies = Vec<(String, String)>;

/// Reads a HAL+JSON document, or gives up.
pub(super) fn parse(bytes: &[u8]) -> Result<Resource, Fail> {
    let mut reader = Reader::fast(bytes)?;
    reader.skip_ws();
    let res = resource(&mut reader, &[], &mut Vec::new())?;
    reader.skip_ws();
    if reader.at_end() { Ok(res) } else { Err(Fail) }
}

/// Reads one resource object; `r` is at its `{`. `stack` holds the
/// embedded resources of the lists being read, innermost last.
fn resource(
    r: &mut Reader<'_>,
    inherited: &[(String, String)],
    stack: &mut Vec<Resource>,
) -> Result<Resource, Fail> {
    if r.peek() != Some(b'{') {
        return Err(Fail);
    }
    r.f_enter()?;
    let mut res = Resource::default();
    let start = r.mark();
    if r.f_empty(b'}') {
        return Ok(res);
    }
    let mut own_curies: Option<Curies> = None;
    let mut seen_links = false;
    let mut seen_embedded = false;
    loop {
        let key = r.f_key()?;
        match key.as_ref() {
            "_links" => {
                if seen_links || seen_embedded {
                    return Err(Fail);
                }
                seen_links = true;
                own_curies = links(r, &mut res, inherited)?;
            }
            "_embedded" => {
                if seen_embedded {
                    return Err(Fail);
                }
                seen_embedded = true;
                let curies = own_curies.as_deref().unwrap_or(inherited);
                embedded(r, &mut res, curies, stack)?;
            }
            _ => {
                let key = key.into_owned();
                let value = r.f_value()?;
                r.push_member(key, value);
            }
        }
        if !r.f_next(b'}')? {
            break;
        }
    }
    res.properties = r.members(start)?;
    Ok(res)
}

/// Reads `_links` into `res`; returns the curies it declares (with the
/// inherited ones first), if any.
fn links(
    r: &mut Reader<'_>,
    res: &mut Resource,
    inherited: &[(String, String)],
) -> Result<Option<Curies>, Fail> {
    if r.peek() != Some(b'{') {
        return Err(Fail);
    }
    r.f_enter()?;
    let mut own: Option<Curies> = None;
    if r.f_empty(b'}') {
        return Ok(own);
    }
    loop {
        let rel_text = r.f_key()?;
        if rel_text == "curies" {
            if own.is_some() || !res.links.is_empty() {
                return Err(Fail);
            }
            let mut all = inherited.to_vec();
            one_or_many(r, |r| {
                let curie = link(r)?;
                all.push((curie.name.ok_or(Fail)?, curie.href));
                Ok(())
            })?;
            own = Some(all);
        } else {
            let rel = expand(&rel_text, own.as_deref().unwrap_or(inherited));
            if res.links.contains_key(&rel) {
                return Err(Fail);
            }
            let mut list = room(r);
            one_or_many(r, |r| {
                list.push(link(r)?);
                Ok(())
            })?;
            res.links.insert(rel, list);
        }
        if !r.f_next(b'}')? {
            return Ok(own);
        }
    }
}

/// Reads `_embedded` into `res`.
fn embedded(
    r: &mut Reader<'_>,
    res: &mut Resource,
    curies: &[(String, String)],
    stack: &mut Vec<Resource>,
) -> Result<(), Fail> {
    if r.peek() != Some(b'{') {
        return Err(Fail);
    }
    r.f_enter()?;
    if r.f_empty(b'}') {
        return Ok(());
    }
    loop {
        let rel = expand(&r.f_key()?, curies);
        if res.embedded.contains_key(&rel) {
            return Err(Fail);
        }
        // Read onto the shared stack, then moved into a list of exactly
        // their number (no growth; a cart's few items stay a small block).
        let start = stack.len();
        one_or_many(r, |r| {
            let sub = resource(r, curies, stack)?;
            stack.push(sub);
            Ok(())
        })?;
        res.embedded.insert(rel, stack.drain(start..).collect());
        if !r.f_next(b'}')? {
            return Ok(());
        }
    }
}

/// [`Rel::expand`], with the registered relations that carry no colon and
/// Foxy's common relations as the constants (equal, and no allocation).
fn expand(text: &str, curies: &[(String, String)]) -> Rel {
    match text {
        "self" => Rel::SELF,
        "first" => Rel::FIRST,
        "prev" => Rel::PREV,
        "next" => Rel::NEXT,
        "last" => Rel::LAST,
        _ => text
            .strip_prefix("fx:")
            .filter(|_| fx_curie_is_foxy(curies))
            .and_then(fx_const)
            .unwrap_or_else(|| Rel::expand(text, curies)),
    }
}

/// Whether `fx:NAME` expands to Foxy's relation `NAME` under `curies`: no
/// curie named `fx`, or the first one is Foxy's own template.
fn fx_curie_is_foxy(curies: &[(String, String)]) -> bool {
    match curies.iter().find(|(name, _)| name == "fx") {
        None => true,
        Some((_, template)) => template
            .strip_prefix(crate::rel::FX_BASE)
            .is_some_and(|rest| rest == "{rel}"),
    }
}

/// `Rel::from(text)` (no curies), with the constants of [`expand`] and
/// Foxy's common relations written in full as their constants.
pub(super) fn rel_from(text: &str) -> Rel {
    text.strip_prefix(crate::rel::FX_BASE)
        .and_then(fx_const)
        .unwrap_or_else(|| expand(text, &[]))
}

/// Foxy's relation `name` as its constant, for the common ones.
pub(super) fn fx_const(name: &str) -> Option<Rel> {
    Some(match name {
        "store" => Rel::STORE,
        "stores" => Rel::STORES,
        "user" => Rel::USER,
        "carts" => Rel::CARTS,
        "cart" => Rel::CART,
        "items" => Rel::ITEMS,
        "item" => Rel::ITEM,
        "item_options" => Rel::ITEM_OPTIONS,
        "attributes" => Rel::ATTRIBUTES,
        "custom_fields" => Rel::CUSTOM_FIELDS,
        "discounts" => Rel::DISCOUNTS,
        "applied_coupon_codes" => Rel::APPLIED_COUPON_CODES,
        "create_session" => Rel::CREATE_SESSION,
        "customer" => Rel::CUSTOMER,
        "customers" => Rel::CUSTOMERS,
        "customer_addresses" => Rel::CUSTOMER_ADDRESSES,
        "default_payment_method" => Rel::DEFAULT_PAYMENT_METHOD,
        "transaction" => Rel::TRANSACTION,
        "transactions" => Rel::TRANSACTIONS,
        "template_set" => Rel::TEMPLATE_SET,
        "template_sets" => Rel::TEMPLATE_SETS,
        "item_category" => Rel::ITEM_CATEGORY,
        "item_categories" => Rel::ITEM_CATEGORIES,
        "subscription" => Rel::SUBSCRIPTION,
        "subscriptions" => Rel::SUBSCRIPTIONS,
        "coupons" => Rel::COUPONS,
        "errors" => Rel::ERRORS,
        _ => return None,
    })
}

/// Room for the items of a value at `r`: one for an object, a few for an array.
fn room<T>(r: &Reader<'_>) -> Vec<T> {
    if r.peek() == Some(b'{') {
        Vec::with_capacity(1)
    } else {
        Vec::new()
    }
}

/// Calls `f` on an object, or on each element (each an object) of an array.
fn one_or_many(
    r: &mut Reader<'_>,
    mut f: impl FnMut(&mut Reader<'_>) -> Result<(), Fail>,
) -> Result<(), Fail> {
    match r.peek() {
        Some(b'{') => f(r),
        Some(b'[') => {
            r.f_enter()?;
            if r.f_empty(b']') {
                return Ok(());
            }
            loop {
                if r.peek() != Some(b'{') {
                    return Err(Fail);
                }
                f(r)?;
                if !r.f_next(b']')? {
                    return Ok(());
                }
            }
        }
        _ => Err(Fail),
    }
}

/// Reads one link object; `r` is at its `{`.
fn link<'a>(r: &mut Reader<'a>) -> Result<Link, Fail> {
    r.f_enter()?;
    let mut href: Option<Option<String>> = None;
    let mut templated: Option<bool> = None;
    let mut title: Option<Option<String>> = None;
    let mut name: Option<Option<String>> = None;
    let mut media_type: Option<Option<String>> = None;
    let mut others: Vec<Cow<'a, str>> = Vec::new();
    if r.peek() == Some(b'}') {
        // No href.
        return Err(Fail);
    }
    loop {
        let key = r.f_key()?;
        let slot = match key.as_ref() {
            "href" => &mut href,
            "title" => &mut title,
            "name" => &mut name,
            "type" => &mut media_type,
            "templated" => {
                if templated.is_some() {
                    return Err(Fail);
                }
                templated = Some(match r.peek() {
                    Some(b't') => r.f_literal(b"true").map(|()| true)?,
                    Some(b'f') | Some(b'n') => {
                        let word: &[u8] = if r.peek() == Some(b'f') {
                            b"false"
                        } else {
                            b"null"
                        };
                        r.f_literal(word).map(|()| false)?
                    }
                    _ => return Err(Fail),
                });
                if !r.f_next(b'}')? {
                    break;
                }
                continue;
            }
            _ => {
                // Ignored, but still a member: valid and not a duplicate.
                if others.contains(&key) {
                    return Err(Fail);
                }
                r.f_value()?;
                others.push(key);
                if !r.f_next(b'}')? {
                    break;
                }
                continue;
            }
        };
        if slot.is_some() {
            return Err(Fail);
        }
        *slot = Some(r.f_string_or_null()?);
        if !r.f_next(b'}')? {
            break;
        }
    }
    Ok(Link {
        href: href.flatten().ok_or(Fail)?,
        templated: templated.unwrap_or(false),
        title: title.flatten(),
        name: name.flatten(),
        media_type: media_type.flatten(),
    })
}

#[cfg(test)]
mod tests {
    use crate::codec::hal_json;

    /// The fast path and the located reader agree: same resource, or same error.
    fn same(doc: &[u8]) {
        let fast = hal_json::parse(doc);
        let located = hal_json::parse_located(doc);
        assert_eq!(
            fast,
            located,
            "differs on {:?}",
            String::from_utf8_lossy(doc)
        );
    }

    /// Whether the fast path alone reads `doc`.
    fn fast(doc: &str) -> bool {
        super::parse(doc.as_bytes()).is_ok()
    }

    #[test]
    fn unusual_layouts_fall_back_and_agree() {
        let cases = [
            r#"{"_embedded": {"fx:items": []}, "_links": {"curies": [{"name": "x", "href": "urn:x:{rel}"}]}}"#,
            r#"{"_links": {"self": {"href": "a"}, "curies": [{"name": "x", "href": "urn:{rel}"}], "x:y": {"href": "b"}}}"#,
            r#"{"_links": {"fx:store": {"href": "a"}, "https://api.foxycart.com/rels/store": {"href": "b"}}}"#,
            r#"{"_links": {"self": {"href": "a"}, "self": {"href": "b"}}}"#,
            r#"{"a": 1, "a": 2}"#,
            r#"{"a": 1, "_links": {}, "_links": {}}"#,
            r#"{"_embedded": {}, "_embedded": {}}"#,
            r#"{"_links": {"self": {"href": "a", "x": {"b": 1, "b": 2}}}}"#,
            r#"{"_links": {"self": {"href": "a", "x": 1, "x": 2}}}"#,
            r#"{"_links": {"self": {"href": "a", "href": "b"}}}"#,
            r#"{"_links": {"self": {"href": "a", "templated": 1}}}"#,
            r#"{"_links": {"self": {"href": "a", "templated": null, "title": null}}}"#,
            r#"{"_links": {"self": {"href": null}}}"#,
            r#"{"_links": {"self": {}}}"#,
            r#"{"_links": {"self": [{"href": "a"}, 5]}}"#,
            r#"{"_links": {"self": []}, "_embedded": {"x": []}}"#,
            r#"{"_links": {"curies": {"href": "urn:{rel}"}}}"#,
            r#"{"_links": {"curies": [{"name": "c", "href": "urn:c:{rel}"}]}, "_embedded": {"c:a": {"_links": {"c:b": {"href": "h"}}}}}"#,
            r#"{"_links": 5}"#,
            r#"{"_embedded": {"x": 5}}"#,
            r#"{"_embedded": {"x": [{"a": 1}, {"a": [1, {"b": null}]}]}}"#,
            "\u{feff} {\"a\": \"\\u00e9\\ud83d\\ude00\\n\", \"b\": -0.5e+3} ",
            r#"{"a": 01}"#,
            r#"{"a": 1} x"#,
            r#"[]"#,
            r#"{}"#,
            r#""#,
            r#"{"a": "é", "b": "x\"y\\z"}"#,
            "{\"a\": \"\u{1}\"}",
            r#"{"a": tru}"#,
            r#"{"a": [1, 2,]}"#,
            r#"{"_links": {"self": {"href": "a", "name": "n", "type": "t", "title": "t", "templated": true}}}"#,
            r#"{"_links": {"curies": [{"name": "fx", "href": "urn:other:{rel}"}], "fx:store": {"href": "a"}}, "_embedded": {"fx:items": []}}"#,
            r#"{"_links": {"curies": [{"name": "fx", "href": "https://api.foxycart.com/rels/{rel}"}], "fx:store": {"href": "a"}, "fx:nope": {"href": "b"}}}"#,
        ];
        for case in cases {
            same(case.as_bytes());
        }
        let deep = format!("{}{}", "{\"a\":".repeat(200), "}".repeat(200));
        same(deep.as_bytes());
        let deep = format!(
            "{{\"_embedded\": {{\"x\": {}1{}}}}}",
            "[".repeat(130),
            "]".repeat(130)
        );
        same(deep.as_bytes());
        // What Foxy and the writers produce takes the fast path.
        assert!(fast(cases[11]));
        assert!(fast(cases[17]));
        assert!(fast(cases[21]));
        assert!(!fast(cases[0]));
        // A curie may give `fx` another meaning.
        let other = super::parse(cases[32].as_bytes()).ok();
        assert!(other.is_some_and(|r| r.link("urn:other:store").is_some()));
    }

    /// Every corpus document, and many damaged copies of each, read the same both ways.
    #[test]
    fn corpus_and_damaged_copies_agree() {
        let Some(dir) = crate::testing::conformance_dir() else {
            return;
        };
        let files = crate::testing::files_with_extensions(&dir, &[".json"]);
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        const BYTES: &[u8] = b"{}[]\",:\\ 0-1.eE_ntfa\x01\xc3";
        let mut docs = Vec::new();
        for path in files {
            let Ok(doc) = std::fs::read(&path) else {
                continue;
            };
            // Collections of the corpus are arrays of documents: each one, compact and indented.
            if let Ok(crate::Value::Array(items)) = crate::codec::json::parse_value(&doc) {
                for item in items {
                    docs.push(crate::codec::json::to_vec(&item));
                    docs.push(crate::codec::json::to_vec_pretty(&item));
                }
            }
            docs.push(doc);
        }
        assert!(docs.len() > 100, "{} documents", docs.len());
        let mut taken = 0;
        for doc in docs {
            same(&doc);
            taken += usize::from(super::parse(&doc).is_ok());
            if doc.is_empty() {
                continue;
            }
            for _ in 0..40 {
                let mut copy = doc.clone();
                let at = (next() % copy.len() as u64) as usize;
                let byte = BYTES[(next() % BYTES.len() as u64) as usize];
                match next() % 3 {
                    0 => copy[at] = byte,
                    1 => copy.insert(at, byte),
                    _ => {
                        copy.remove(at);
                    }
                }
                same(&copy);
            }
        }
        assert!(taken > 100, "{taken} documents on the fast path");
    }
}

//! Typed calls of the store-wide actions: attributes of customers,
//! transactions and subscriptions, categories, downloadables and includes.
//!
//! ```
//! use foxy_proto::legacy::{AttributeTarget, LegacyCall};
//! use foxy_proto::signing::Secret;
//!
//! let call = LegacyCall::attribute_delete(AttributeTarget::Transaction(7), None);
//! let body = call.request("https://x.test", Secret::new("k"))?.form_body();
//! assert!(body.ends_with(b"type=transaction&identifier=7&all=1"));
//! # Ok::<(), foxy_proto::legacy::LegacyError>(())
//! ```

use super::{Action, ApiResponse, Category, Downloadable, LegacyCall};
use crate::datafeed::Attribute;

/// The record `attribute_*` calls work on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttributeTarget {
    /// A customer by id.
    Customer(u64),
    /// A transaction by id.
    Transaction(u64),
    /// A subscription by `sub_token` (or its URL).
    Subscription(String),
}

/// `store_includes_get`'s answer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StoreIncludes {
    /// The `<script>`/`<style>` tags.
    pub code_block: String,
    /// The minimum jQuery version needed (`""` when none).
    pub javascript_library_version_required: String,
}

fn target(params: &mut Vec<(String, String)>, target: AttributeTarget) {
    let (kind, identifier) = match target {
        AttributeTarget::Customer(id) => ("customer", id.to_string()),
        AttributeTarget::Transaction(id) => ("transaction", id.to_string()),
        AttributeTarget::Subscription(token) => ("subscription", token),
    };
    params.push(("type".into(), kind.into()));
    params.push(("identifier".into(), identifier));
}

fn extra_text(answer: &ApiResponse, name: &str) -> String {
    answer
        .extra
        .iter()
        .find(|e| e.name == name)
        .map(|e| e.text.clone())
        .unwrap_or_default()
}

impl LegacyCall<Vec<Attribute>> {
    /// `attribute_save` of name/value pairs (`append`: add to existing values).
    pub fn attribute_save(on: AttributeTarget, attributes: &[(&str, &str)], append: bool) -> Self {
        let mut p = Vec::new();
        target(&mut p, on);
        let mut xml = String::from("<attributes>");
        for (name, value) in attributes {
            let attribute = Attribute {
                name: Some((*name).into()),
                value: Some((*value).into()),
                ..Attribute::default()
            };
            attribute.to_element().write(&mut xml, 0);
        }
        xml.push_str("</attributes>");
        p.push(("attributes".into(), xml));
        p.push(("append".into(), if append { "1" } else { "0" }.into()));
        LegacyCall::new(Action::AttributeSave, p, |a| Ok(a.attributes))
    }

    /// `attribute_list`.
    pub fn attribute_list(on: AttributeTarget) -> Self {
        let mut p = Vec::new();
        target(&mut p, on);
        LegacyCall::new(Action::AttributeList, p, |a| Ok(a.attributes))
    }

    /// `attribute_delete` of one name, or of all (`name` `None`).
    pub fn attribute_delete(on: AttributeTarget, name: Option<&str>) -> Self {
        let mut p = Vec::new();
        target(&mut p, on);
        match name {
            Some(n) => p.push(("name".into(), n.into())),
            None => p.push(("all".into(), "1".into())),
        }
        LegacyCall::new(Action::AttributeDelete, p, |a| Ok(a.attributes))
    }
}

impl LegacyCall<Vec<Category>> {
    /// `category_list`.
    pub fn category_list() -> Self {
        LegacyCall::new(Action::CategoryList, Vec::new(), |a| Ok(a.categories))
    }
}

impl LegacyCall<Vec<Downloadable>> {
    /// `downloadable_list`.
    pub fn downloadable_list() -> Self {
        LegacyCall::new(
            Action::DownloadableList,
            Vec::new(),
            |a| Ok(a.downloadables),
        )
    }
}

impl LegacyCall<StoreIncludes> {
    /// `store_includes_get` (`javascript_library`: `none`/`jquery`; `cart_type`: `none`/`colorbox`).
    pub fn store_includes_get(javascript_library: Option<&str>, cart_type: Option<&str>) -> Self {
        let mut p = Vec::new();
        if let Some(l) = javascript_library {
            p.push(("javascript_library".into(), l.into()));
        }
        if let Some(c) = cart_type {
            p.push(("cart_type".into(), c.into()));
        }
        LegacyCall::new(Action::StoreIncludesGet, p, |a| {
            Ok(StoreIncludes {
                code_block: extra_text(&a, "code_block"),
                javascript_library_version_required: extra_text(
                    &a,
                    "javascript_library_version_required",
                ),
            })
        })
    }
}

//! Link relations in one canonical form.
//!
//! HAL+JSON writes Foxy's relations compactly through the `fx` curie
//! (`fx:store`); HAL+XML and Siren write the full URI
//! (`https://api.foxycart.com/rels/store`). A [`Rel`] always holds the full
//! URI (or a registered name such as `self` or `next`), so the same relation
//! compares equal whichever format it came from.
//!
//! Compaction and expansion are exact inverses: `Rel::from(r.compact()) == r`
//! for every relation `r`. Two rules make that hold for every string:
//!
//! - A compact name whose part after the colon starts with `//` is a URI
//!   (`https://...`, `fx://x`), never a curie; so a Foxy relation whose name
//!   starts with `//` (`https://api.foxycart.com/rels///x`) is not compacted.
//! - `fx:NAME` (NAME not starting with `//`) always means Foxy's relation, so
//!   no relation has that text as its canonical form: [`Rel::canonical`] and
//!   curie expansion turn it into `https://api.foxycart.com/rels/NAME`.

use std::borrow::Cow;
use std::fmt;

/// The URI prefix of Foxy's own link relations.
pub const FX_BASE: &str = "https://api.foxycart.com/rels/";

/// The curie name Foxy uses in HAL+JSON.
pub const FX_CURIE: &str = "fx";

/// A link relation, stored in canonical (expanded) form.
///
/// ```
/// use foxy_proto::Rel;
/// let compact = Rel::from("fx:store");
/// let full = Rel::from("https://api.foxycart.com/rels/store");
/// assert_eq!(compact, full);
/// assert_eq!(full.compact(), "fx:store");
/// assert_eq!(Rel::from("next").compact(), "next");
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Rel(Cow<'static, str>);

macro_rules! fx_rels {
    ($($(#[$doc:meta])* $name:ident = $rel:literal;)*) => {
        impl Rel {
            $(
                $(#[$doc])*
                pub const $name: Rel = Rel(Cow::Borrowed(concat!("https://api.foxycart.com/rels/", $rel)));
            )*
        }
    };
}

impl Rel {
    /// `self`: the resource itself.
    pub const SELF: Rel = Rel(Cow::Borrowed("self"));
    /// `first`: the first page of a collection.
    pub const FIRST: Rel = Rel(Cow::Borrowed("first"));
    /// `prev`: the previous page of a collection.
    pub const PREV: Rel = Rel(Cow::Borrowed("prev"));
    /// `next`: the next page of a collection.
    pub const NEXT: Rel = Rel(Cow::Borrowed("next"));
    /// `last`: the last page of a collection.
    pub const LAST: Rel = Rel(Cow::Borrowed("last"));

    /// A relation from its canonical text, without expanding curies other
    /// than `fx` (`fx:NAME` is always Foxy's relation, see the module docs).
    pub fn canonical(text: impl Into<String>) -> Rel {
        let text = text.into();
        match fx_compact_name(&text) {
            Some(name) => Rel::fx(name),
            None => Rel(Cow::Owned(text)),
        }
    }

    /// Foxy's relation `name` (`fx:name`).
    pub fn fx(name: &str) -> Rel {
        Rel(Cow::Owned(format!("{FX_BASE}{name}")))
    }

    /// Expands a compact relation `prefix:name` with the given curie
    /// templates (`name` → `href` containing `{rel}`); `fx` is always known.
    ///
    /// A name whose part after the colon starts with `//` is a URI and is
    /// kept as it is. What a template yields is read as canonical text
    /// ([`Rel::canonical`]).
    pub fn expand(text: &str, curies: &[(String, String)]) -> Rel {
        if let Some((prefix, name)) = text.split_once(':')
            && !name.starts_with("//")
        {
            if let Some((_, template)) = curies.iter().find(|(n, _)| n == prefix) {
                return Rel::canonical(template.replace("{rel}", name));
            }
            if prefix == FX_CURIE {
                return Rel::fx(name);
            }
        }
        Rel(Cow::Owned(text.to_owned()))
    }

    /// The canonical text: a full URI, or a registered relation name.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name after Foxy's prefix (`store` for `fx:store`), if it is one of Foxy's.
    pub fn fx_name(&self) -> Option<&str> {
        self.0.strip_prefix(FX_BASE)
    }

    /// The name HAL+JSON writes after `fx:`: [`Self::fx_name`] unless it
    /// starts with `//` (`fx://x` would read back as a URI).
    pub fn compact_name(&self) -> Option<&str> {
        self.fx_name().filter(|name| !name.starts_with("//"))
    }

    /// The form HAL+JSON writes: `fx:name` for Foxy's relations, else the
    /// canonical text; [`Rel::from`] reads it back as `self`.
    pub fn compact(&self) -> Cow<'_, str> {
        match self.compact_name() {
            Some(name) => Cow::Owned(format!("{FX_CURIE}:{name}")),
            None => Cow::Borrowed(&self.0),
        }
    }
}

/// The NAME of a text `fx:NAME` that expands to Foxy's relation (NAME not starting with `//`).
fn fx_compact_name(text: &str) -> Option<&str> {
    text.strip_prefix(FX_CURIE)
        .and_then(|rest| rest.strip_prefix(':'))
        .filter(|name| !name.starts_with("//"))
}

impl From<&str> for Rel {
    fn from(text: &str) -> Self {
        Rel::expand(text, &[])
    }
}

impl From<String> for Rel {
    fn from(text: String) -> Self {
        Rel::expand(&text, &[])
    }
}

impl From<&Rel> for Rel {
    fn from(rel: &Rel) -> Self {
        rel.clone()
    }
}

impl fmt::Display for Rel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.compact())
    }
}

impl fmt::Debug for Rel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Rel({})", self.compact())
    }
}

fx_rels! {
    /// `fx:store`
    STORE = "store";
    /// `fx:stores`
    STORES = "stores";
    /// `fx:user`
    USER = "user";
    /// `fx:token`: the OAuth token endpoint.
    TOKEN = "token";
    /// `fx:property_helpers`
    PROPERTY_HELPERS = "property_helpers";
    /// `fx:reporting`
    REPORTING = "reporting";
    /// `fx:encode`: HMAC-sign HTML.
    ENCODE = "encode";
    /// `fx:carts`
    CARTS = "carts";
    /// `fx:cart`
    CART = "cart";
    /// `fx:items`
    ITEMS = "items";
    /// `fx:item`
    ITEM = "item";
    /// `fx:item_options`
    ITEM_OPTIONS = "item_options";
    /// `fx:attributes`
    ATTRIBUTES = "attributes";
    /// `fx:custom_fields`
    CUSTOM_FIELDS = "custom_fields";
    /// `fx:discounts`
    DISCOUNTS = "discounts";
    /// `fx:applied_coupon_codes`
    APPLIED_COUPON_CODES = "applied_coupon_codes";
    /// `fx:create_session`
    CREATE_SESSION = "create_session";
    /// `fx:customer`
    CUSTOMER = "customer";
    /// `fx:customers`
    CUSTOMERS = "customers";
    /// `fx:customer_addresses`
    CUSTOMER_ADDRESSES = "customer_addresses";
    /// `fx:default_payment_method`
    DEFAULT_PAYMENT_METHOD = "default_payment_method";
    /// `fx:transaction`
    TRANSACTION = "transaction";
    /// `fx:transactions`
    TRANSACTIONS = "transactions";
    /// `fx:template_set`
    TEMPLATE_SET = "template_set";
    /// `fx:template_sets`
    TEMPLATE_SETS = "template_sets";
    /// `fx:item_category`
    ITEM_CATEGORY = "item_category";
    /// `fx:item_categories`
    ITEM_CATEGORIES = "item_categories";
    /// `fx:subscription`
    SUBSCRIPTION = "subscription";
    /// `fx:subscriptions`
    SUBSCRIPTIONS = "subscriptions";
    /// `fx:sub_token_url`
    SUB_TOKEN_URL = "sub_token_url";
    /// `fx:coupons`
    COUPONS = "coupons";
    /// `fx:errors`: the embedded error list of an error document.
    ERRORS = "errors";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curies_expand_and_compact() {
        assert_eq!(Rel::from("fx:carts"), Rel::CARTS);
        assert_eq!(Rel::CARTS.compact(), "fx:carts");
        assert_eq!(Rel::from("self"), Rel::SELF);
        let other = vec![("ex".to_owned(), "https://example.com/r/{rel}".to_owned())];
        assert_eq!(
            Rel::expand("ex:a", &other).as_str(),
            "https://example.com/r/a"
        );
        assert_eq!(Rel::from("https://x.test/a").as_str(), "https://x.test/a");
    }

    /// The fuzzer's `parse_hal_json` input: a Foxy relation named `//x`
    /// compacted to `fx://x`, which reads back as a URI.
    #[test]
    fn a_foxy_name_starting_with_slashes_is_not_compacted() {
        let rel = Rel::from("https://api.foxycart.com/rels///x");
        assert_eq!(rel.fx_name(), Some("//x"));
        assert_eq!(rel.compact_name(), None);
        assert_eq!(rel.compact(), "https://api.foxycart.com/rels///x");
        assert_eq!(Rel::from(rel.compact().as_ref()), rel);
        // `fx://x` is a URI of scheme `fx`, not Foxy's relation.
        assert_eq!(Rel::from("fx://x").as_str(), "fx://x");
        assert_eq!(Rel::from("fx://x").compact(), "fx://x");
    }

    #[test]
    fn compact_fx_text_is_never_canonical() {
        assert_eq!(Rel::canonical("fx:store"), Rel::STORE);
        assert_eq!(Rel::canonical("fx:"), Rel::fx(""));
        assert_eq!(Rel::canonical("fx://x").as_str(), "fx://x");
        // A curie template that yields `fx:...` text still gives a canonical relation.
        let odd = vec![("ex".to_owned(), "fx:{rel}".to_owned())];
        let rel = Rel::expand("ex:a", &odd);
        assert_eq!(rel, Rel::fx("a"));
        assert_eq!(Rel::from(rel.compact().as_ref()), rel);
    }

    /// Relation texts: arbitrary, and built around the shapes that matter
    /// (`fx:`, Foxy's base, `//`, colons, curie-like prefixes).
    fn rel_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let part = "\\PC{0,8}|[/:fx]{0,6}";
        prop_oneof![
            any::<String>(),
            part,
            part.prop_map(|s| format!("fx:{s}")),
            part.prop_map(|s| format!("{FX_BASE}{s}")),
            (part, part).prop_map(|(a, b)| format!("{a}:{b}")),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2048))]

        /// Canonical text → compact → expanded gives the relation back.
        #[test]
        fn compaction_then_expansion_is_identity(text in rel_text()) {
            let rel = Rel::canonical(text);
            proptest::prop_assert_eq!(Rel::from(rel.compact().as_ref()), rel.clone());
            proptest::prop_assert_eq!(Rel::from(rel.as_str()), rel.clone());
            // The writer's own curie expands exactly as the built-in `fx` does.
            let fx = vec![(FX_CURIE.to_owned(), format!("{FX_BASE}{{rel}}"))];
            proptest::prop_assert_eq!(Rel::expand(&rel.compact(), &fx), rel);
        }

        /// Any text → expanded → compact → expanded is stable, and a compact
        /// form is the compact form of its own expansion.
        #[test]
        fn expansion_then_compaction_is_identity(text in rel_text()) {
            let rel = Rel::from(text.as_str());
            let compact = rel.compact().into_owned();
            let again = Rel::from(compact.as_str());
            proptest::prop_assert_eq!(&again, &rel);
            proptest::prop_assert_eq!(again.compact(), compact.as_str());
            proptest::prop_assert_eq!(Rel::canonical(rel.as_str()), rel);
        }
    }
}

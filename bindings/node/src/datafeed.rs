//! The legacy XML datafeed (`FoxyData`, RC4 with the store secret): wraps
//! `foxy_proto::datafeed`. The document is handed out as generic elements
//! over the core's element tree (`DatafeedElement`), values as their exact
//! text; no field of the document is listed here.

use napi::Env;
use napi::bindgen_prelude::{Buffer, Either};
use napi_derive::napi;

use foxy_proto::datafeed::{self, FoxyData, xml::Element as CoreElement};
use foxy_proto::signing::Secret;

use crate::errors::sync;
use crate::webhook::body_bytes;

/// The body a datafeed endpoint answers with to acknowledge a feed (`foxy`).
#[napi]
pub const DATAFEED_REPLY: &str = datafeed::REPLY;

/// One XML element of a datafeed: its name, text and child elements.
/// `element.get('order_total')` is the text of the child of that name.
#[napi]
pub struct DatafeedElement {
    inner: CoreElement,
}

impl From<&CoreElement> for DatafeedElement {
    fn from(inner: &CoreElement) -> DatafeedElement {
        DatafeedElement {
            inner: inner.clone(),
        }
    }
}

#[napi]
impl DatafeedElement {
    /// The element name.
    #[napi(getter)]
    pub fn name(&self) -> String {
        self.inner.name.clone()
    }

    /// The text content (entities and CDATA resolved).
    #[napi(getter)]
    pub fn text(&self) -> String {
        self.inner.text.clone()
    }

    /// The child elements, in document order.
    #[napi(getter)]
    pub fn children(&self) -> Vec<DatafeedElement> {
        self.inner
            .children
            .iter()
            .map(DatafeedElement::from)
            .collect()
    }

    /// The first child of that name, or `null`.
    #[napi]
    pub fn child(&self, name: String) -> Option<DatafeedElement> {
        self.inner.child(&name).map(DatafeedElement::from)
    }

    /// Every child of that name, in document order.
    #[napi]
    pub fn find_all(&self, name: String) -> Vec<DatafeedElement> {
        self.inner
            .children
            .iter()
            .filter(|c| c.name == name)
            .map(DatafeedElement::from)
            .collect()
    }

    /// The text of the first child of that name, or `null`.
    #[napi]
    pub fn get(&self, name: String) -> Option<String> {
        self.inner.child_text(&name).map(str::to_owned)
    }

    /// Whether there is a child of that name.
    #[napi]
    pub fn has(&self, name: String) -> bool {
        self.inner.child(&name).is_some()
    }

    /// The element as an XML document.
    #[napi]
    pub fn to_xml(&self) -> String {
        self.inner.to_document()
    }

    /// `{ name, text, children }`, recursively, for `JSON.stringify`.
    #[napi(js_name = "toJSON")]
    pub fn to_json(&self) -> serde_json::Value {
        element_json(&self.inner)
    }
}

/// The plain JSON of an element: `{ name, text, children }`.
fn element_json(element: &CoreElement) -> serde_json::Value {
    serde_json::json!({
        "name": element.name,
        "text": element.text,
        "children": element.children.iter().map(element_json).collect::<Vec<_>>(),
    })
}

/// A decoded `<foxydata>` document: its root element, the transaction and
/// subscription elements, and the document as XML.
#[napi(object, object_from_js = false)]
pub struct Datafeed {
    /// `datafeed_version` (`XML FoxyCart Version 2.0`).
    pub datafeed_version: Option<String>,
    /// The root `<foxydata>` element.
    pub root: DatafeedElement,
    /// The `<transaction>` elements of a transaction datafeed.
    pub transactions: Vec<DatafeedElement>,
    /// The `<subscription>` elements of a subscription datafeed.
    pub subscriptions: Vec<DatafeedElement>,
    /// The decrypted document.
    pub xml: String,
}

/// The child elements of the root's `container` child (`transactions`).
fn members(root: &CoreElement, container: &str) -> Vec<DatafeedElement> {
    root.child(container)
        .map(|c| c.children.iter().map(DatafeedElement::from).collect())
        .unwrap_or_default()
}

/// Decrypts a datafeed to its XML text. `body` is the raw POST body
/// (`FoxyData=...`) or the bare form value. Throws `FOXY_VERIFICATION` for
/// a wrong key.
#[napi]
pub fn decrypt_datafeed(
    env: &Env,
    body: Either<Buffer, String>,
    key: String,
) -> napi::Result<String> {
    sync(env, || {
        let value = datafeed::form_value(body_bytes(&body));
        Ok(datafeed::decrypt(value, &Secret::new(key))?)
    })
}

/// Decrypts and reads a datafeed (see `decryptDatafeed`). Throws
/// `FOXY_DECODE` for a document that is not a well-formed `<foxydata>`.
#[napi]
pub fn decode_datafeed(
    env: &Env,
    body: Either<Buffer, String>,
    key: String,
) -> napi::Result<Datafeed> {
    sync(env, || {
        let value = datafeed::form_value(body_bytes(&body));
        let xml = datafeed::decrypt(value, &Secret::new(key))?;
        let root = CoreElement::parse(&xml)?;
        // The core's reading checks the document (root, numbers, amounts) as the Python binding does.
        let data = FoxyData::from_element(root.clone())?;
        Ok(Datafeed {
            datafeed_version: data.datafeed_version,
            transactions: members(&root, "transactions"),
            subscriptions: members(&root, "subscriptions"),
            root: DatafeedElement::from(&root),
            xml,
        })
    })
}

/// Encrypts datafeed XML into a form value (URL-encoded RC4), as Foxy
/// posts it: for testing a datafeed endpoint.
#[napi]
pub fn encrypt_datafeed(env: &Env, xml: String, key: String) -> napi::Result<String> {
    sync(env, || Ok(datafeed::encrypt(&xml, &Secret::new(key))?))
}

//! The whole datafeed: `<foxydata>` documents, their encryption into a form
//! value, and the reply an endpoint sends.
//!
//! A wrong key is caught: the decrypted bytes must be an XML declaration
//! followed by a `<foxydata>` root, else [`DatafeedError::WrongKey`].
//!
//! ```
//! use foxy_proto::datafeed::{self, FoxyData, Transaction};
//! use foxy_proto::signing::Secret;
//!
//! let key = Secret::new("my-store-secret");
//! let mut feed = FoxyData::default();
//! feed.transactions.push(Transaction { id: Some(42), ..Transaction::default() });
//! let form_value = datafeed::encode(&feed, &key)?;
//! assert_eq!(datafeed::decode(form_value.as_bytes(), &key)?, feed);
//! assert_eq!(
//!     datafeed::decode(form_value.as_bytes(), &Secret::new("wrong")),
//!     Err(datafeed::DatafeedError::WrongKey),
//! );
//! # Ok::<(), datafeed::DatafeedError>(())
//! ```

use http::{Response, StatusCode, header};

use super::fields::{Builder, Fields};
use super::form::{url_decode, url_encode};
use super::rc4::rc4;
use super::xml::Element;
use super::{DatafeedError, Subscription, Transaction};
use crate::signing::Secret;

/// The exact body a datafeed endpoint answers with to acknowledge a feed.
pub const REPLY: &str = "foxy";

/// A `<foxydata>` datafeed document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FoxyData {
    /// `datafeed_version`, for example `XML FoxyCart Version 2.0`.
    pub datafeed_version: Option<String>,
    /// `transactions/transaction` (the transaction datafeed).
    pub transactions: Vec<Transaction>,
    /// `subscriptions/subscription` (the subscription datafeed).
    pub subscriptions: Vec<Subscription>,
    /// Child elements not modelled above, kept in document order.
    pub extra: Vec<Element>,
}

impl FoxyData {
    /// Reads a `<foxydata>` element.
    ///
    /// # Errors
    /// [`DatafeedError::NotFoxyData`] for another root element,
    /// [`DatafeedError::InvalidField`] for a malformed number or amount.
    pub fn from_element(element: Element) -> Result<FoxyData, DatafeedError> {
        if element.name != "foxydata" {
            return Err(DatafeedError::NotFoxyData);
        }
        let mut fields = Fields::new(element);
        let datafeed_version = fields.text("datafeed_version");
        let transactions = fields
            .list("transactions", Transaction::ELEMENT)
            .into_iter()
            .map(Transaction::from_element)
            .collect::<Result<_, _>>()?;
        let subscriptions = fields
            .list("subscriptions", Subscription::ELEMENT)
            .into_iter()
            .map(Subscription::from_element)
            .collect::<Result<_, _>>()?;
        Ok(FoxyData {
            datafeed_version,
            transactions,
            subscriptions,
            extra: fields.into_rest(),
        })
    }

    /// Writes the `<foxydata>` element. `<transactions>` is written when there
    /// are transactions or no subscriptions; `<subscriptions>` when there are
    /// subscriptions.
    pub fn to_element(&self) -> Element {
        let mut builder = Builder::new("foxydata");
        builder.text("datafeed_version", self.datafeed_version.as_deref());
        if !self.transactions.is_empty() || self.subscriptions.is_empty() {
            builder.list(
                "transactions",
                self.transactions
                    .iter()
                    .map(Transaction::to_element)
                    .collect(),
            );
        }
        if !self.subscriptions.is_empty() {
            builder.list(
                "subscriptions",
                self.subscriptions
                    .iter()
                    .map(Subscription::to_element)
                    .collect(),
            );
        }
        builder.extras(&self.extra);
        builder.build()
    }

    /// Parses a decrypted datafeed document.
    ///
    /// # Errors
    /// [`DatafeedError::Xml`] for malformed XML, and the errors of
    /// [`FoxyData::from_element`].
    pub fn parse(xml: &str) -> Result<FoxyData, DatafeedError> {
        FoxyData::from_element(Element::parse(xml)?)
    }

    /// The document as XML text, with its declaration.
    pub fn to_xml(&self) -> String {
        self.to_element().to_document()
    }
}

/// Decrypts a `FoxyData` / `FoxySubscriptionData` form value to XML text.
///
/// # Errors
/// [`DatafeedError::EmptyKey`], [`DatafeedError::WrongKey`] when the result
/// is not a `<?xml ...?><foxydata>` document, [`DatafeedError::Encoding`]
/// when it is not valid text in its declared encoding.
pub fn decrypt(form_value: &[u8], key: &Secret) -> Result<String, DatafeedError> {
    let plain = rc4(key.as_bytes(), &url_decode(form_value))?;
    let body = plain
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(&plain)
        .trim_ascii_start();
    let declaration_end = body
        .starts_with(b"<?xml")
        .then(|| body.windows(2).position(|w| w == b"?>"))
        .flatten()
        .ok_or(DatafeedError::WrongKey)?;
    let declaration = &body[..declaration_end];
    if !body[declaration_end + 2..]
        .trim_ascii_start()
        .starts_with(b"<foxydata")
    {
        return Err(DatafeedError::WrongKey);
    }
    let latin1 = declaration
        .to_ascii_lowercase()
        .windows(10)
        .any(|w| w == b"iso-8859-1" || w == b"iso8859-1\"" || w == b"iso8859-1'");
    if latin1 {
        return Ok(body.iter().map(|&b| char::from(b)).collect());
    }
    String::from_utf8(body.to_vec()).map_err(|_| DatafeedError::Encoding)
}

/// Encrypts XML text into a form value.
///
/// # Errors
/// [`DatafeedError::EmptyKey`].
pub fn encrypt(xml: &str, key: &Secret) -> Result<String, DatafeedError> {
    Ok(url_encode(&rc4(key.as_bytes(), xml.as_bytes())?))
}

/// Decrypts and parses a form value.
///
/// # Errors
/// Those of [`decrypt`] and [`FoxyData::parse`].
pub fn decode(form_value: &[u8], key: &Secret) -> Result<FoxyData, DatafeedError> {
    FoxyData::parse(&decrypt(form_value, key)?)
}

/// Writes and encrypts a datafeed into a form value (for tests and the sandbox).
///
/// # Errors
/// [`DatafeedError::EmptyKey`].
pub fn encode(data: &FoxyData, key: &Secret) -> Result<String, DatafeedError> {
    encrypt(&data.to_xml(), key)
}

/// The response acknowledging a feed: `200 OK`, `text/plain`, body exactly `foxy`.
pub fn reply() -> Response<Vec<u8>> {
    let mut response = Response::new(REPLY.as_bytes().to_vec());
    *response.status_mut() = StatusCode::OK;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static("text/plain"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_documents_are_detected() {
        let key = Secret::new("k");
        let not_foxy = encrypt("<?xml version='1.0'?><html/>", &key).expect("encrypts");
        assert_eq!(
            decrypt(not_foxy.as_bytes(), &key),
            Err(DatafeedError::WrongKey)
        );
        let no_decl = encrypt("<foxydata/>", &key).expect("encrypts");
        assert_eq!(
            decrypt(no_decl.as_bytes(), &key),
            Err(DatafeedError::WrongKey)
        );
        assert_eq!(FoxyData::parse("<other/>"), Err(DatafeedError::NotFoxyData));
    }

    #[test]
    fn latin1_documents_decode() {
        let key = Secret::new("k");
        let mut bytes = b"<?xml version='1.0' encoding='ISO-8859-1'?><foxydata><n>".to_vec();
        bytes.push(0xe9);
        bytes.extend_from_slice(b"</n></foxydata>");
        let value = url_encode(&rc4(key.as_bytes(), &bytes).expect("rc4"));
        assert!(
            decrypt(value.as_bytes(), &key)
                .expect("decrypts")
                .contains("<n>\u{e9}</n>")
        );
    }

    #[test]
    fn reply_is_exactly_foxy() {
        let response = reply();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.body(), b"foxy");
    }
}

//! Legacy API responses: reading and writing `<foxydata>` answers.
//!
//! Every answer has a `result` (`SUCCESS` or `ERROR`) and `messages`; `_list`
//! answers add `statistics` (`total_<records>`, `filtered_total`,
//! `pagination_start`, `pagination_end`) and a container of records.
//! `customer_get` answers with the customer's fields directly under
//! `<foxydata>`: they are read into [`ApiResponse::customer`].
//!
//! ```
//! use foxy_proto::legacy::{ApiResponse, ApiResult};
//!
//! let xml = "<?xml version='1.0' encoding='UTF-8'?><foxydata><result>SUCCESS</result>\
//!            <messages><message>Customer Found</message></messages>\
//!            <customer_id>51</customer_id><customer_first_name>brett</customer_first_name></foxydata>";
//! let response = ApiResponse::parse(xml)?;
//! assert_eq!(response.result, ApiResult::Success);
//! assert_eq!(response.messages, ["Customer Found"]);
//! let customer = response.customer.as_ref().map(|c| &c.customer);
//! assert_eq!(customer.and_then(|c| c.id), Some(51));
//! assert_eq!(ApiResponse::parse(&response.to_xml())?, response);
//! # Ok::<(), foxy_proto::legacy::LegacyError>(())
//! ```

use http::Response;

use super::LegacyError;
use super::records::{Category, CustomerAddress, CustomerRecord, Downloadable};
use crate::datafeed::fields::{Builder, Fields};
use crate::datafeed::xml::Element;
use crate::datafeed::{Attribute, DatafeedError, Subscription, Transaction};

/// The `<result>` of an answer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum ApiResult {
    /// `SUCCESS`.
    #[default]
    Success,
    /// `ERROR`: see the messages.
    Error,
    /// Any other text, kept as sent.
    Other(String),
}

impl ApiResult {
    fn parse(text: &str) -> ApiResult {
        match text.trim() {
            "SUCCESS" => ApiResult::Success,
            "ERROR" => ApiResult::Error,
            other => ApiResult::Other(other.to_owned()),
        }
    }

    fn as_str(&self) -> &str {
        match self {
            ApiResult::Success => "SUCCESS",
            ApiResult::Error => "ERROR",
            ApiResult::Other(text) => text,
        }
    }
}

/// The `<statistics>` of a `_list` answer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Statistics {
    /// The element naming the total (`total_customers`, `total_transactions`, ...).
    pub total_name: Option<String>,
    /// Its value: all records of that kind.
    pub total: Option<u64>,
    /// `filtered_total`: the records matching the filters.
    pub filtered_total: Option<u64>,
    /// `pagination_start`: the first record of this page (1-based).
    pub pagination_start: Option<u64>,
    /// `pagination_end`: the last record of this page.
    pub pagination_end: Option<u64>,
    /// Child elements not modelled above.
    pub extra: Vec<Element>,
}

impl Statistics {
    fn from_element(element: Element) -> Result<Statistics, DatafeedError> {
        let total_name = element
            .children
            .iter()
            .map(|c| c.name.clone())
            .find(|name| name.starts_with("total_"));
        let mut fields = Fields::new(element);
        Ok(Statistics {
            total: match &total_name {
                Some(name) => fields.number(name)?,
                None => None,
            },
            total_name,
            filtered_total: fields.number("filtered_total")?,
            pagination_start: fields.number("pagination_start")?,
            pagination_end: fields.number("pagination_end")?,
            extra: fields.into_rest(),
        })
    }

    fn to_element(&self) -> Element {
        let mut b = Builder::new("statistics");
        if let Some(name) = &self.total_name {
            b.display(name, self.total);
        }
        b.display("filtered_total", self.filtered_total);
        b.display("pagination_start", self.pagination_start);
        b.display("pagination_end", self.pagination_end);
        b.extras(&self.extra);
        b.build()
    }
}

/// A `<foxydata>` answer of the legacy API.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ApiResponse {
    /// `result`.
    pub result: ApiResult,
    /// `messages/message`.
    pub messages: Vec<String>,
    /// `statistics` (`_list` answers).
    pub statistics: Option<Statistics>,
    /// The customer of a `customer_get` answer (fields directly under `<foxydata>`).
    pub customer: Option<CustomerRecord>,
    /// `customers/customer`.
    pub customers: Vec<CustomerRecord>,
    /// `customer_addresses/customer_address`.
    pub customer_addresses: Vec<CustomerAddress>,
    /// `transactions/transaction` (or bare `<transaction>` elements).
    pub transactions: Vec<Transaction>,
    /// `subscriptions/subscription` (or bare `<subscription>` elements).
    pub subscriptions: Vec<Subscription>,
    /// `attributes/attribute`.
    pub attributes: Vec<Attribute>,
    /// `categories/category`.
    pub categories: Vec<Category>,
    /// `downloadables/downloadable`.
    pub downloadables: Vec<Downloadable>,
    /// Other child elements (for example `code_block` of `store_includes_get`).
    pub extra: Vec<Element>,
}

fn records<T>(
    fields: &mut Fields,
    container: &str,
    item: &str,
    read: fn(Element) -> Result<T, DatafeedError>,
) -> Result<Vec<T>, DatafeedError> {
    let mut out: Vec<T> = fields
        .list(container, item)
        .into_iter()
        .map(read)
        .collect::<Result<_, _>>()?;
    while let Some(bare) = fields.element(item) {
        out.push(read(bare)?);
    }
    Ok(out)
}

fn write_records<T>(b: &mut Builder, container: &str, items: &[T], write: fn(&T) -> Element) {
    if !items.is_empty() {
        b.list(container, items.iter().map(write).collect());
    }
}

impl ApiResponse {
    /// Reads a `<foxydata>` element.
    ///
    /// # Errors
    /// [`LegacyError::Document`] for another root or a malformed number or amount.
    pub fn from_element(element: Element) -> Result<ApiResponse, LegacyError> {
        if element.name != "foxydata" {
            return Err(DatafeedError::NotFoxyData.into());
        }
        let mut f = Fields::new(element);
        let result = ApiResult::parse(&f.text("result").unwrap_or_default());
        let messages = f
            .list("messages", "message")
            .into_iter()
            .map(|m| m.text)
            .collect();
        let statistics = f
            .element("statistics")
            .map(Statistics::from_element)
            .transpose()?;
        let mut response = ApiResponse {
            result,
            messages,
            statistics,
            customer: None,
            customers: records(
                &mut f,
                "customers",
                CustomerRecord::ELEMENT,
                CustomerRecord::from_element,
            )?,
            customer_addresses: records(
                &mut f,
                "customer_addresses",
                CustomerAddress::ELEMENT,
                CustomerAddress::from_element,
            )?,
            transactions: records(
                &mut f,
                "transactions",
                Transaction::ELEMENT,
                Transaction::from_element,
            )?,
            subscriptions: records(
                &mut f,
                "subscriptions",
                Subscription::ELEMENT,
                Subscription::from_element,
            )?,
            attributes: records(
                &mut f,
                "attributes",
                Attribute::ELEMENT,
                Attribute::from_element,
            )?,
            categories: records(
                &mut f,
                "categories",
                Category::ELEMENT,
                Category::from_element,
            )?,
            downloadables: records(
                &mut f,
                "downloadables",
                Downloadable::ELEMENT,
                Downloadable::from_element,
            )?,
            extra: Vec::new(),
        };
        let rest = f.into_rest();
        if rest
            .iter()
            .any(|c| c.name == "customer_id" || c.name == "customer_email")
        {
            let flat = Element {
                name: CustomerRecord::ELEMENT.to_owned(),
                text: String::new(),
                children: rest,
            };
            response.customer = Some(CustomerRecord::from_element(flat)?);
        } else {
            response.extra = rest;
        }
        Ok(response)
    }

    /// Parses an answer's XML text.
    ///
    /// # Errors
    /// [`LegacyError::Document`] for malformed XML or records.
    pub fn parse(xml: &str) -> Result<ApiResponse, LegacyError> {
        ApiResponse::from_element(Element::parse(xml)?)
    }

    /// Reads an HTTP response's body.
    ///
    /// # Errors
    /// [`LegacyError::Encoding`] for a body that is not UTF-8, and those of
    /// [`ApiResponse::parse`].
    pub fn from_http(response: &Response<Vec<u8>>) -> Result<ApiResponse, LegacyError> {
        ApiResponse::parse(std::str::from_utf8(response.body()).map_err(|_| LegacyError::Encoding)?)
    }

    /// The answer when its result is `SUCCESS`.
    ///
    /// # Errors
    /// [`LegacyError::Api`] with the messages when it is not.
    pub fn into_success(self) -> Result<ApiResponse, LegacyError> {
        match self.result {
            ApiResult::Success => Ok(self),
            _ => Err(LegacyError::Api {
                messages: self.messages,
            }),
        }
    }

    /// Writes the `<foxydata>` element.
    pub fn to_element(&self) -> Element {
        let mut b = Builder::new("foxydata");
        b.text("result", Some(self.result.as_str()));
        b.list(
            "messages",
            self.messages
                .iter()
                .map(|m| Element::with_text("message", m.as_str()))
                .collect(),
        );
        if let Some(statistics) = &self.statistics {
            b.child(statistics.to_element());
        }
        if let Some(customer) = &self.customer {
            // Flattened under <foxydata>; an empty <attributes/> would read back
            // as the answer's (empty) attribute list, so it is left out.
            let fields = customer.to_element().children;
            let mut fields: Vec<Element> = fields
                .into_iter()
                .filter(|f| !(f.name == "attributes" && f.children.is_empty()))
                .collect();
            // A customer is read from `customer_id` or `customer_email`, and
            // the first `customer_id` is its id: a record without an id writes
            // an empty one first, so a `customer_id` among its unknown fields
            // reads back as unknown again.
            if customer.customer.id.is_none() {
                fields.insert(0, Element::new("customer_id"));
            }
            b.extras(&fields);
        }
        write_records(
            &mut b,
            "customers",
            &self.customers,
            CustomerRecord::to_element,
        );
        write_records(
            &mut b,
            "customer_addresses",
            &self.customer_addresses,
            CustomerAddress::to_element,
        );
        write_records(
            &mut b,
            "transactions",
            &self.transactions,
            Transaction::to_element,
        );
        write_records(
            &mut b,
            "subscriptions",
            &self.subscriptions,
            Subscription::to_element,
        );
        write_records(
            &mut b,
            "attributes",
            &self.attributes,
            Attribute::to_element,
        );
        write_records(&mut b, "categories", &self.categories, Category::to_element);
        write_records(
            &mut b,
            "downloadables",
            &self.downloadables,
            Downloadable::to_element,
        );
        b.extras(&self.extra);
        b.build()
    }

    /// The answer as XML text, with its declaration (the sandbox's side).
    pub fn to_xml(&self) -> String {
        self.to_element().to_document()
    }

    /// The answer as an HTTP response: `200 OK`, `application/xml`.
    pub fn to_http(&self) -> Response<Vec<u8>> {
        let mut response = Response::new(self.to_xml().into_bytes());
        response.headers_mut().insert(
            http::header::CONTENT_TYPE,
            http::HeaderValue::from_static("application/xml; charset=utf-8"),
        );
        response
    }
}

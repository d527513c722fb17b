//! Attributes (name/value pairs with a visibility) and custom fields.
//!
//! Attributes hang off carts, items, customers, transactions and stores;
//! custom fields are the checkout form fields stored on a cart or
//! transaction.

use std::fmt;
use std::str::FromStr;

use foxy_proto::{Rel, Value};

use crate::error::{ModelError, clip};
use crate::model::{Extras, model};
use crate::values::date::Date;
use crate::values::flag::Flag;
use crate::values::{FieldValue, wrong_type};

/// Who may see an attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Visibility {
    /// Visible to everyone, including the customer in the cart.
    Public,
    /// Visible only through the API and the admin.
    Private,
    /// Visible to the API and admin users with the right permissions.
    Restricted,
}

impl Visibility {
    /// The text Foxy uses (`public`, `private`, `restricted`).
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Public => "public",
            Visibility::Private => "private",
            Visibility::Restricted => "restricted",
        }
    }
}

/// Text that is not one of the three visibilities.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown visibility {text:?}; expected public, private or restricted")]
pub struct VisibilityError {
    /// The rejected text (truncated to 40 characters).
    pub text: String,
}

impl FromStr for Visibility {
    type Err = VisibilityError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "public" => Ok(Visibility::Public),
            "private" => Ok(Visibility::Private),
            "restricted" => Ok(Visibility::Restricted),
            other => Err(VisibilityError { text: clip(other) }),
        }
    }
}

impl fmt::Display for Visibility {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FieldValue for Visibility {
    fn from_value(field: &str, value: &Value) -> Result<Self, ModelError> {
        let text = value
            .as_str()
            .ok_or_else(|| wrong_type(field, "a visibility", value))?;
        text.parse()
            .map_err(|e: VisibilityError| ModelError::UnknownVisibility {
                field: field.to_owned(),
                text: e.text,
            })
    }

    fn to_value(&self) -> Value {
        Value::from(self.as_str())
    }
}

model! {
    /// An attribute: a named value attached to a cart, item, customer, transaction or store.
    pub struct Attribute (Rel::ATTRIBUTES) {
        required {
            /// The attribute's name.
            name: String,
        }
        fields {
            /// The attribute's value.
            value: String,
            /// Who may see it.
            visibility: Visibility,
            /// When it was created.
            date_created: Date,
            /// When it was last modified.
            date_modified: Date,
        }
        embedded {}
        links {}
        conditional_links {
            /// `fx:store`: the store it belongs to.
            store_link = Rel::STORE,
        }
    }
}

impl Attribute {
    /// A new attribute, written as `name`, `value`, `visibility`.
    pub fn new(
        name: impl Into<String>,
        value: impl Into<String>,
        visibility: Visibility,
    ) -> Attribute {
        Attribute {
            name: name.into(),
            value: Some(value.into()),
            visibility: Some(visibility),
            date_created: None,
            date_modified: None,
            extras: Extras::declaring(&["name", "value", "visibility"]),
        }
    }
}

model! {
    /// A custom field collected at checkout and stored on a cart or transaction.
    pub struct CustomField (Rel::CUSTOM_FIELDS) {
        required {
            /// The field's name.
            name: String,
        }
        fields {
            /// The field's value.
            value: String,
            /// Whether the field is hidden from the customer (and receipts).
            is_hidden: Flag,
            /// When it was created.
            date_created: Date,
            /// When it was last modified.
            date_modified: Date,
        }
        embedded {}
        links {}
        conditional_links {
            /// `fx:store`: the store it belongs to.
            store_link = Rel::STORE,
            /// `fx:transaction`: the transaction it was stored on, once there is one.
            transaction_link = Rel::TRANSACTION,
        }
    }
}

impl CustomField {
    /// A new custom field, written as `name`, `value`, `is_hidden`.
    pub fn new(name: impl Into<String>, value: impl Into<String>, is_hidden: bool) -> CustomField {
        CustomField {
            name: name.into(),
            value: Some(value.into()),
            is_hidden: Some(Flag::new(is_hidden)),
            date_created: None,
            date_modified: None,
            extras: Extras::declaring(&["name", "value", "is_hidden"]),
        }
    }
}

#[cfg(test)]
mod tests {
    use foxy_proto::Resource;

    use super::*;

    #[test]
    fn unknown_visibility_is_an_error_naming_the_field() {
        let r = Resource::new()
            .with_property("name", "color")
            .with_property("value", "red")
            .with_property("visibility", "secret");
        let err = Attribute::from_resource(&r).expect_err("bad visibility");
        assert_eq!(
            err,
            ModelError::UnknownVisibility {
                field: "visibility".into(),
                text: "secret".into()
            }
        );
        assert_eq!(
            err.to_string(),
            "field visibility: unknown visibility \"secret\"; expected public, private or restricted"
        );
    }

    #[test]
    fn missing_name_is_an_error() {
        let r = Resource::new().with_property("value", "red");
        let err = Attribute::from_resource(&r).expect_err("no name");
        assert_eq!(
            err,
            ModelError::Missing {
                field: "name".into()
            }
        );
    }

    #[test]
    fn new_writes_three_properties_in_order() {
        let r = Attribute::new("gift", "yes", Visibility::Restricted).to_resource();
        let keys: Vec<&str> = r.properties.keys().map(String::as_str).collect();
        assert_eq!(keys, ["name", "value", "visibility"]);
        assert_eq!(r.property("visibility"), Some(&Value::from("restricted")));
        let back = Attribute::from_resource(&r).expect("reads back");
        assert_eq!(back.visibility, Some(Visibility::Restricted));
        assert!(back.store_link().is_none());
    }
}

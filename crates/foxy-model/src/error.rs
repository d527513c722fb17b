//! The error a typed view returns when a resource does not fit its type.
//!
//! Every variant names the field (a path such as `fx:items[1].quantity` for
//! embedded resources) so a caller can tell exactly which value was wrong.

/// A resource property or link did not match what the typed view expects.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    /// The value had the wrong JSON kind (an object where text belongs, ...).
    #[error("field {field}: expected {expected}, found {found}")]
    WrongType {
        /// The field path.
        field: String,
        /// What the field accepts.
        expected: &'static str,
        /// The kind of value found.
        found: &'static str,
    },
    /// Text where a decimal belongs that is not a decimal number.
    #[error("field {field}: not a decimal number: {text:?}")]
    NotADecimal {
        /// The field path.
        field: String,
        /// The rejected text (truncated to 40 characters).
        text: String,
    },
    /// Text where a whole number belongs that is not one.
    #[error("field {field}: not a whole number: {text:?}")]
    NotAnInteger {
        /// The field path.
        field: String,
        /// The rejected text (truncated to 40 characters).
        text: String,
    },
    /// A negative number where only zero or more is allowed (a quantity).
    #[error("field {field}: must not be negative, found {text}")]
    Negative {
        /// The field path.
        field: String,
        /// The rejected number as written.
        text: String,
    },
    /// Text where a date belongs that is not in one of Foxy's date forms.
    #[error("field {field}: not a date: {text:?}")]
    NotADate {
        /// The field path.
        field: String,
        /// The rejected text (truncated to 40 characters).
        text: String,
    },
    /// A value where a boolean belongs that is not true/false/1/0.
    #[error("field {field}: not a boolean: {text:?}")]
    NotABoolean {
        /// The field path.
        field: String,
        /// The rejected value as text (truncated to 40 characters).
        text: String,
    },
    /// An attribute visibility other than public, private or restricted.
    #[error("field {field}: unknown visibility {text:?}; expected public, private or restricted")]
    UnknownVisibility {
        /// The field path.
        field: String,
        /// The rejected visibility (truncated to 40 characters).
        text: String,
    },
    /// A property the type cannot do without is absent or null.
    #[error("field {field}: required but missing")]
    Missing {
        /// The field path.
        field: String,
    },
    /// A link the resource always carries is absent (for example on a resource built in code).
    #[error("link {rel}: not present on this resource")]
    MissingLink {
        /// The relation, compact (`fx:items`).
        rel: String,
    },
}

impl ModelError {
    /// The field path the error names (the relation for [`ModelError::MissingLink`]).
    pub fn field(&self) -> &str {
        match self {
            ModelError::WrongType { field, .. }
            | ModelError::NotADecimal { field, .. }
            | ModelError::NotAnInteger { field, .. }
            | ModelError::Negative { field, .. }
            | ModelError::NotADate { field, .. }
            | ModelError::NotABoolean { field, .. }
            | ModelError::UnknownVisibility { field, .. }
            | ModelError::Missing { field } => field,
            ModelError::MissingLink { rel } => rel,
        }
    }

    /// The same error with `prefix.` put in front of its field path (for embedded resources).
    pub fn within(mut self, prefix: &str) -> ModelError {
        match &mut self {
            ModelError::WrongType { field, .. }
            | ModelError::NotADecimal { field, .. }
            | ModelError::NotAnInteger { field, .. }
            | ModelError::Negative { field, .. }
            | ModelError::NotADate { field, .. }
            | ModelError::NotABoolean { field, .. }
            | ModelError::UnknownVisibility { field, .. }
            | ModelError::Missing { field } => *field = format!("{prefix}.{field}"),
            ModelError::MissingLink { .. } => {}
        }
        self
    }
}

/// Text cut to 40 characters, for error messages.
pub(crate) fn clip(text: &str) -> String {
    text.chars().take(40).collect()
}

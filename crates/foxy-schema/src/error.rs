//! What can be wrong with the description.

/// A data file that does not parse or a description that contradicts itself.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SchemaError {
    /// A data file is not valid JSON of the expected shape.
    #[error("data/{file}: {message}")]
    Parse {
        /// The data file's name.
        file: String,
        /// The parser's message, with line and column.
        message: String,
    },
    /// Two relations share a name.
    #[error("relation `{0}` is described twice")]
    Duplicate(String),
    /// A relation names a relation (link target, member, alias) that is not described.
    #[error("relation `{relation}`: {what} names `{target}`, which is not described")]
    UnknownRelation {
        /// The relation holding the reference.
        relation: String,
        /// Which reference (`link fx:x`, `member`, `alias_of`, `zoom`).
        what: String,
        /// The missing name.
        target: String,
    },
    /// A property is inconsistent: an enum without values, values on a non-enum, a repeated name.
    #[error("relation `{relation}`, property `{property}`: {problem}")]
    BadProperty {
        /// The relation.
        relation: String,
        /// The property.
        property: String,
        /// What is wrong.
        problem: String,
    },
    /// A relation's kind and its other fields disagree (a collection without a member, ...).
    #[error("relation `{relation}`: {problem}")]
    BadRelation {
        /// The relation.
        relation: String,
        /// What is wrong.
        problem: String,
    },
}

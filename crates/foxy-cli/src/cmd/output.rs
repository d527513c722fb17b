//! Printing a resource: as a document (HAL+JSON, HAL+XML or Siren, written
//! by `foxy_proto`'s codecs) or as a plain-text table.
//!
//! A table shows a collection page as one row per member (an `id` column
//! taken from the member's `self` link, then a few informative scalar
//! properties, or the `--columns` asked for) and any other resource as
//! key/value rows: its properties, then its links and embedded relations.

use std::str::FromStr;

use foxy_proto::collection::Collection;
use foxy_proto::{MediaType, Resource, Value, codec};

use super::CliError;

/// Properties worth a column when a collection page is printed as a table,
/// in the order they usually appear.
const PREFERRED: &[&str] = &[
    "name",
    "code",
    "value",
    "first_name",
    "last_name",
    "email",
    "store_name",
    "status",
    "transaction_date",
    "quantity",
    "price",
    "price_mod",
    "total_item_price",
    "total_order",
    "currency_code",
];

/// At most this many columns are chosen when `--columns` is not given.
const MAX_COLUMNS: usize = 6;

/// Longer cells of a collection table are cut to this many characters.
const MAX_CELL: usize = 40;

/// How a resource is printed (`--output`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// A hypermedia document, indented.
    Document(MediaType),
    /// A plain-text table.
    Table,
}

impl FromStr for Output {
    type Err = CliError;

    /// Parses `hal+json`, `hal+xml`, `siren` (or their full media types) or `table`.
    fn from_str(text: &str) -> Result<Output, CliError> {
        if text.eq_ignore_ascii_case("table") {
            return Ok(Output::Table);
        }
        hypermedia(text).map(Output::Document).ok_or_else(|| {
            CliError::input(format!(
                "--output: unsupported format {text:?}; expected hal+json (json), hal+xml (xml), \
                 siren or table"
            ))
        })
    }
}

/// The hypermedia format a flag names: `hal+json` (or `json`), `hal+xml`
/// (or `xml`), `siren`, or a full media type.
pub fn hypermedia(text: &str) -> Option<MediaType> {
    let text = match text.trim().to_ascii_lowercase().as_str() {
        "json" => "hal+json".to_owned(),
        "xml" => "hal+xml".to_owned(),
        other => other.to_owned(),
    };
    match MediaType::parse(&text) {
        Ok(media @ (MediaType::HalJson | MediaType::HalXml | MediaType::Siren)) => Some(media),
        _ => None,
    }
}

impl Output {
    /// The media type to ask the API for: the output's own, or HAL+JSON for a table.
    pub fn accept(self) -> MediaType {
        match self {
            Output::Document(media) => media,
            Output::Table => MediaType::HalJson,
        }
    }

    /// The bytes to print for `resource`; `columns` chooses a collection
    /// table's columns (empty: chosen from the members).
    pub fn render(self, resource: &Resource, columns: &[String]) -> Result<Vec<u8>, CliError> {
        match self {
            Output::Document(media) => codec::write(media, resource).map_err(|e| {
                CliError::failure(
                    format!("cannot write {}: {e}", media.short_name()).replace('\n', " "),
                )
            }),
            Output::Table if is_collection(resource) => {
                Ok(collection_table(resource, columns)?.into_bytes())
            }
            Output::Table => Ok(resource_table(resource).into_bytes()),
        }
    }
}

/// Whether `resource` is a collection page (it has Foxy's paging counters).
fn is_collection(resource: &Resource) -> bool {
    resource.property("total_items").is_some() && resource.property("returned_items").is_some()
}

/// A value as one line of text: strings as they are, numbers exactly as
/// written, `null` empty, arrays and objects as compact JSON.
fn cell(value: &Value) -> String {
    let text = match value {
        Value::Null => String::new(),
        Value::Array(_) | Value::Object(_) => {
            String::from_utf8_lossy(&codec::json::to_vec(value)).into_owned()
        }
        scalar => scalar.scalar_text().unwrap_or_default(),
    };
    text.replace(['\r', '\n', '\t'], " ")
}

fn clip(text: String) -> String {
    if text.chars().count() <= MAX_CELL {
        return text;
    }
    let mut cut: String = text.chars().take(MAX_CELL - 3).collect();
    cut.push_str("...");
    cut
}

fn is_scalar(value: &Value) -> bool {
    !matches!(value, Value::Array(_) | Value::Object(_))
}

fn is_informative(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::String(s) => !s.is_empty(),
        other => is_scalar(other),
    }
}

/// The last path segment of the member's `self` href (`/carts/12` → `12`).
fn id_of(member: &Resource) -> String {
    member
        .self_href()
        .map(|href| href.split(['?', '#']).next().unwrap_or(href))
        .and_then(|path| path.trim_end_matches('/').rsplit('/').next())
        .unwrap_or_default()
        .to_owned()
}

/// The columns shown when none are asked for: `id`, then the preferred
/// properties some member has a value for, then other informative scalar
/// properties (dates last), at most [`MAX_COLUMNS`] in all.
fn default_columns(members: &[Resource]) -> Vec<String> {
    let mut names: Vec<&str> = Vec::new();
    for member in members {
        for (name, value) in &member.properties {
            if is_informative(value) && !names.contains(&name.as_str()) {
                names.push(name);
            }
        }
    }
    let mut columns = vec!["id".to_owned()];
    let preferred = names.iter().filter(|n| PREFERRED.contains(n));
    let others = names
        .iter()
        .filter(|n| !PREFERRED.contains(n) && !n.starts_with("date_"));
    let dates = names.iter().filter(|n| n.starts_with("date_"));
    for name in preferred.chain(others).chain(dates) {
        if columns.len() == MAX_COLUMNS {
            break;
        }
        if *name != "id" {
            columns.push((*name).to_owned());
        }
    }
    columns
}

/// Lays out rows under a header, columns padded to their widest cell.
fn layout(rows: &[Vec<String>]) -> String {
    let width = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..width)
        .map(|i| {
            rows.iter()
                .map(|r| r.get(i).map_or(0, |c| c.chars().count()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            if i + 1 == row.len() {
                line.push_str(cell);
            } else {
                let pad = widths[i].saturating_sub(cell.chars().count());
                line.push_str(cell);
                line.push_str(&" ".repeat(pad + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn collection_table(resource: &Resource, columns: &[String]) -> Result<String, CliError> {
    let page = Collection::new(resource);
    let members = page
        .members()
        .map_err(|e| CliError::failure(format!("cannot print the collection: {e}")))?;
    let columns = if columns.is_empty() {
        default_columns(members)
    } else {
        columns.to_vec()
    };
    let mut rows = vec![columns.clone()];
    for member in members {
        rows.push(
            columns
                .iter()
                .map(|name| match member.property(name) {
                    Some(value) => clip(cell(value)),
                    None if name == "id" => id_of(member),
                    None => String::new(),
                })
                .collect(),
        );
    }
    let mut out = layout(&rows);
    let counter = |name| resource.property(name).map(cell).unwrap_or_default();
    out.push_str(&format!(
        "({} of {}, offset {})\n",
        counter("returned_items"),
        counter("total_items"),
        counter("offset")
    ));
    Ok(out)
}

fn resource_table(resource: &Resource) -> String {
    let mut rows: Vec<Vec<String>> = resource
        .properties
        .iter()
        .map(|(name, value)| vec![name.clone(), cell(value)])
        .collect();
    for (rel, links) in &resource.links {
        if rel.as_str() == "curies" {
            continue;
        }
        for link in links {
            rows.push(vec![format!("link {}", rel.compact()), link.href.clone()]);
        }
    }
    for (rel, members) in &resource.embedded {
        rows.push(vec![
            format!("embedded {}", rel.compact()),
            format!("{} resource(s)", members.len()),
        ]);
    }
    layout(&rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use foxy_proto::Link;

    #[test]
    fn output_names() {
        assert_eq!("table".parse::<Output>().ok(), Some(Output::Table));
        assert_eq!(
            "siren".parse::<Output>().ok(),
            Some(Output::Document(MediaType::Siren))
        );
        // The short names of `foxy convert` work here too.
        assert_eq!(
            "json".parse::<Output>().ok(),
            Some(Output::Document(MediaType::HalJson))
        );
        assert_eq!(
            "XML".parse::<Output>().ok(),
            Some(Output::Document(MediaType::HalXml))
        );
        assert!("yaml".parse::<Output>().is_err());
        assert!("".parse::<Output>().is_err());
    }

    #[test]
    fn a_collection_is_one_row_per_member() {
        let member = |id: u32, name: &str| {
            Resource::new()
                .with_link(
                    "self",
                    Link::new(format!("https://api.test/customers/{id}")),
                )
                .with_property("first_name", name)
                .with_property("tax_id", "")
                .with_property("notes", Value::Null)
        };
        let mut page = Resource::new()
            .with_property("total_items", "5")
            .with_property("returned_items", 2i64)
            .with_property("offset", 0i64);
        page.embed("fx:customers", member(7, "Grace"));
        page.embed("fx:customers", member(10, "Alan"));
        let text =
            String::from_utf8(Output::Table.render(&page, &[]).expect("table")).expect("utf-8");
        assert_eq!(
            text,
            "id  first_name\n7   Grace\n10  Alan\n(2 of 5, offset 0)\n"
        );
        let asked = ["first_name".to_owned(), "tax_id".to_owned()];
        let text =
            String::from_utf8(Output::Table.render(&page, &asked).expect("table")).expect("utf-8");
        assert!(
            text.starts_with("first_name  tax_id\nGrace\nAlan\n"),
            "{text}"
        );
    }

    #[test]
    fn a_resource_is_key_value_rows() {
        let store = Resource::new()
            .with_link("self", Link::new("https://api.test/stores/2"))
            .with_property("store_name", "Demo")
            .with_property("total", Value::Number("19.990".parse().expect("number")));
        let text =
            String::from_utf8(Output::Table.render(&store, &[]).expect("table")).expect("utf-8");
        assert_eq!(
            text,
            "store_name  Demo\ntotal       19.990\nlink self   https://api.test/stores/2\n"
        );
    }
}

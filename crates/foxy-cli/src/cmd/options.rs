//! Argument groups shared by the commands that build requests (`foxy
//! request`, `foxy get|post|put|patch|delete`): the query language and the
//! request body. Each group is parsed in one place, so every command spells
//! and checks an option the same way.

use foxy_proto::codec::{self, json};
use foxy_proto::http::Method;
use foxy_proto::query::{Filter, Query};
use foxy_proto::request::{Body, BodyFormat};
use foxy_proto::{Resource, Value};

use super::CliError;

/// The query options: zoom, filters, order, fields, limit and offset.
#[derive(clap::Args, Debug, Default)]
pub struct QueryArgs {
    /// Zoom paths, comma-separated (items,items:item_options).
    #[arg(long)]
    pub zoom: Vec<String>,
    /// A filter KEY=VALUE (first_name=Jo*n, order_total=10..100, items:name=x); repeatable.
    #[arg(long)]
    pub filter: Vec<String>,
    /// Sort order (field1,field2 desc).
    #[arg(long)]
    pub order: Option<String>,
    /// Page size, 1 to 300.
    #[arg(long)]
    pub limit: Option<String>,
    /// Offset of the first result.
    #[arg(long)]
    pub offset: Option<String>,
    /// Fields to return (first_name,last_name).
    #[arg(long)]
    pub fields: Option<String>,
}

impl QueryArgs {
    /// The query, checked: a limit outside 1..=300, a malformed filter or
    /// zoom path is bad input (exit status 2), found before any request.
    pub fn query(&self) -> Result<Query, CliError> {
        let mut query = Query::new();
        for zoom in &self.zoom {
            query = query.zoom(zoom).map_err(CliError::input)?;
        }
        for filter in &self.filter {
            let filter: Filter = filter.parse().map_err(CliError::input)?;
            query = query.filter(filter);
        }
        if let Some(order) = &self.order {
            query = query.order(order).map_err(CliError::input)?;
        }
        if let Some(fields) = &self.fields {
            query = query.fields(fields).map_err(CliError::input)?;
        }
        if let Some(limit) = &self.limit {
            query = query.set("limit", limit).map_err(CliError::input)?;
        }
        if let Some(offset) = &self.offset {
            query = query.set("offset", offset).map_err(CliError::input)?;
        }
        // Filters are validated when the query is written; do it now.
        query.pairs().map_err(CliError::input)?;
        Ok(query)
    }
}

/// The request body options: the data and its encoding.
#[derive(clap::Args, Debug, Default)]
pub struct BodyArgs {
    /// The body: JSON text, or @FILE to read it from a file.
    #[arg(long)]
    pub data: Option<String>,
    /// Body encoding: json (default), xml, form or multipart.
    #[arg(long, default_value = "json")]
    pub body_format: String,
}

impl BodyArgs {
    /// The body encoding named by `--body-format`.
    pub fn format(&self) -> Result<BodyFormat, CliError> {
        self.body_format.parse().map_err(CliError::input)
    }

    /// The `--data` value parsed as JSON (read from FILE for `@FILE`), if given.
    pub fn value(&self) -> Result<Option<Value>, CliError> {
        let Some(data) = self.data.as_deref() else {
            return Ok(None);
        };
        let bytes = match data.strip_prefix('@') {
            Some(path) => super::read_input(Some(std::path::Path::new(path)))?,
            None => data.as_bytes().to_vec(),
        };
        json::parse_value(&bytes)
            .map(Some)
            .map_err(|e| CliError::input(format!("--data is not JSON: {e}").replace('\n', " ")))
    }
}

/// What `--data` becomes for a request method.
#[derive(Debug)]
pub enum Payload {
    /// No `--data`.
    Empty,
    /// A PUT of a JSON document: sent whole, links and server-set dates
    /// left out, the zoom derived from what it embeds.
    Document(Resource),
    /// Any other body, in the `--body-format` encoding.
    Body(Body),
}

impl BodyArgs {
    /// The payload of a `method` request: GET, HEAD and DELETE take none; a
    /// JSON PUT is a document; everything else is a body of `--body-format`.
    pub fn payload(&self, method: &Method) -> Result<Payload, CliError> {
        let format = self.format()?;
        match self.value()? {
            None => Ok(Payload::Empty),
            Some(_) if matches!(*method, Method::GET | Method::HEAD | Method::DELETE) => {
                Err(CliError::input(format!("a {method} request has no body")))
            }
            Some(value) if *method == Method::PUT && format == BodyFormat::Json => {
                codec::hal_json::from_value(value)
                    .map(Payload::Document)
                    .map_err(|e| CliError::input(format!("--data is not a document: {e}")))
            }
            Some(value) => Body::from_value(format, &value)
                .map(Payload::Body)
                .map_err(CliError::input),
        }
    }
}

//! The HAL+XML reader behind [`super::hal_xml::parse`].
//!
//! Built on quick-xml's event reader over validated UTF-8. A DOCTYPE is
//! refused outright (so no entity is ever declared or expanded); only the five
//! predefined entities and character references are resolved.

use quick_xml::XmlVersion;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use super::empty_page;
use super::error::{DecodeError, DecodeErrorKind, Location};
use super::hal_xml::{ITEM, KEY_ATTR, PROPERTY, TYPE_ARRAY, TYPE_ATTR, TYPE_OBJECT};
use super::json::MAX_DEPTH;
use crate::rel::Rel;
use crate::resource::{Link, Resource};
use crate::value::{Map, Value};

/// Parses a HAL+XML document.
pub(crate) fn parse(bytes: &[u8]) -> Result<Resource, DecodeError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            return Err(DecodeError::new(
                DecodeErrorKind::InvalidUtf8,
                Location::of_offset(valid, valid.len()),
            ));
        }
    };
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut xml = XmlReader {
        reader,
        text,
        at: 0,
        path: String::new(),
    };
    let mut root = None;
    loop {
        match xml.next()? {
            Event::Start(e) | Event::Empty(e) if root.is_some() => {
                return Err(xml.error(DecodeErrorKind::UnexpectedElement(
                    e.name().as_ref().to_owned(),
                )));
            }
            Event::Start(e) => root = Some(xml.root(&e, false)?),
            Event::Empty(e) => root = Some(xml.root(&e, true)?),
            Event::Text(t) if t.trim().is_empty() => {}
            Event::Text(t) => return Err(xml.error(DecodeErrorKind::UnexpectedText(excerpt(&t)))),
            Event::Decl(decl) => {
                if let Some(Ok(encoding)) = decl.encoding()
                    && !encoding.eq_ignore_ascii_case("utf-8")
                {
                    return Err(
                        xml.error(DecodeErrorKind::UnsupportedEncoding(encoding.into_owned()))
                    );
                }
            }
            Event::Comment(_) | Event::PI(_) => {}
            Event::Eof => {
                return root.ok_or_else(|| xml.error(DecodeErrorKind::UnexpectedEnd("<resource>")));
            }
            other => return Err(xml.unexpected(other)),
        }
    }
}

fn excerpt(text: &str) -> String {
    text.trim().chars().take(40).collect()
}

struct XmlReader<'a> {
    reader: Reader<&'a [u8]>,
    text: &'a str,
    /// Byte offset where the last event started.
    at: usize,
    /// Element names from the root, for error locations.
    path: String,
}

impl<'a> XmlReader<'a> {
    fn error(&self, kind: DecodeErrorKind) -> DecodeError {
        let path = if self.path.is_empty() {
            "/".to_owned()
        } else {
            self.path.clone()
        };
        DecodeError::new(
            kind,
            Location::of_offset(self.text, self.at).with_path(path),
        )
    }

    fn next(&mut self) -> Result<Event<'a>, DecodeError> {
        self.at = usize::try_from(self.reader.buffer_position()).unwrap_or(usize::MAX);
        match self.reader.read_event() {
            Ok(Event::DocType(_)) => Err(self.error(DecodeErrorKind::DoctypeRefused)),
            Ok(event) => Ok(event),
            Err(e) => {
                self.at = usize::try_from(self.reader.error_position()).unwrap_or(self.at);
                let message = e.to_string().replace(['\n', '\r'], " ");
                Err(self.error(DecodeErrorKind::MalformedXml(message)))
            }
        }
    }

    fn unexpected(&self, event: Event<'_>) -> DecodeError {
        match event {
            Event::Eof => self.error(DecodeErrorKind::UnexpectedEnd("a closing tag")),
            Event::Start(e) | Event::Empty(e) => self.error(DecodeErrorKind::UnexpectedElement(
                e.name().as_ref().to_owned(),
            )),
            Event::Text(t) => self.error(DecodeErrorKind::UnexpectedText(excerpt(&t))),
            Event::CData(t) => self.error(DecodeErrorKind::UnexpectedText(excerpt(&t))),
            Event::GeneralRef(r) => {
                self.error(DecodeErrorKind::UnexpectedText(format!("&{};", &*r)))
            }
            _ => self.error(DecodeErrorKind::MalformedXml(
                "unexpected markup".to_owned(),
            )),
        }
    }

    /// The attribute `name` of an element, unescaped and normalized.
    fn attr(&self, e: &BytesStart<'_>, name: &str) -> Result<Option<String>, DecodeError> {
        for attr in e.attributes() {
            let attr =
                attr.map_err(|err| self.error(DecodeErrorKind::MalformedXml(err.to_string())))?;
            if attr.key.as_ref() == name {
                let value = attr
                    .normalized_value(XmlVersion::Implicit1_0)
                    .map_err(|err| self.error(DecodeErrorKind::MalformedXml(err.to_string())))?;
                return Ok(Some(value.into_owned()));
            }
        }
        Ok(None)
    }

    /// The attributes of `e`, read once for several lookups with [`Self::get`].
    fn attrs<'e>(&self, e: &'e BytesStart<'_>) -> Attrs<'e> {
        let mut list = Vec::new();
        for attr in e.attributes() {
            match attr {
                Ok(attr) => list.push(attr),
                Err(_) => {
                    return Attrs {
                        list: Vec::new(),
                        whole: false,
                    };
                }
            }
        }
        Attrs { list, whole: true }
    }

    /// [`Self::attr`] over attributes read once: the same answer, since
    /// reading them all succeeded (else it is [`Self::attr`] itself, so that
    /// errors are the same too).
    fn get(
        &self,
        attrs: &Attrs<'_>,
        e: &BytesStart<'_>,
        name: &str,
    ) -> Result<Option<String>, DecodeError> {
        if !attrs.whole {
            return self.attr(e, name);
        }
        for attr in &attrs.list {
            if attr.key.as_ref() == name {
                let value = attr
                    .normalized_value(XmlVersion::Implicit1_0)
                    .map_err(|err| self.error(DecodeErrorKind::MalformedXml(err.to_string())))?;
                return Ok(Some(value.into_owned()));
            }
        }
        Ok(None)
    }

    fn enter(&mut self, name: &str, depth: usize) -> Result<usize, DecodeError> {
        let mark = self.path.len();
        self.path.push('/');
        self.path.push_str(name);
        if depth > MAX_DEPTH {
            return Err(self.error(DecodeErrorKind::TooDeep(MAX_DEPTH)));
        }
        Ok(mark)
    }

    fn root(&mut self, e: &BytesStart<'_>, empty: bool) -> Result<Resource, DecodeError> {
        let name = e.name();
        if name.as_ref() != "resource" {
            return Err(self.error(DecodeErrorKind::UnexpectedElement(name.as_ref().to_owned())));
        }
        // The root's `rel` attribute is the document's own relation: it names
        // the empty member list of an empty collection page (`empty_page`).
        let own = self.attr(e, "rel")?.map(Rel::from);
        self.resource(e, empty, 0, own.as_ref())
    }

    /// Reads a `<resource>` element whose start tag was just read; `own` is
    /// its own relation.
    fn resource(
        &mut self,
        e: &BytesStart<'_>,
        empty: bool,
        depth: usize,
        own: Option<&Rel>,
    ) -> Result<Resource, DecodeError> {
        let mark = self.enter("resource", depth)?;
        let href = self.attr(e, "href")?;
        let mut res = Resource::new();
        let mut done = empty;
        while !done {
            let (child, child_empty) = match self.next()? {
                Event::End(_) => {
                    done = true;
                    continue;
                }
                Event::Start(child) => (child, false),
                Event::Empty(child) => (child, true),
                Event::Text(t) if t.trim().is_empty() => continue,
                Event::Comment(_) | Event::PI(_) => continue,
                other => return Err(self.unexpected(other)),
            };
            match child.name().as_ref() {
                "link" => {
                    let (rel, link) = self.link(&child)?;
                    if !child_empty {
                        self.empty_content()?;
                    }
                    res.add_link(rel, link);
                }
                "resource" => {
                    let Some(rel) = self.attr(&child, "rel")? else {
                        return Err(self.error(DecodeErrorKind::MissingField("rel attribute")));
                    };
                    let rel = Rel::from(rel);
                    let sub = self.resource(&child, child_empty, depth + 1, Some(&rel))?;
                    res.embed(rel, sub);
                }
                _ => {
                    let key = self.key(&child)?;
                    let value = self.value(&child, child_empty, &key, depth + 1)?;
                    insert(&mut res.properties, key, value).map_err(|k| self.error(k))?;
                }
            }
        }
        if let Some(href) = href
            && !res.links.contains_key(&Rel::SELF)
        {
            res.links.shift_insert(0, Rel::SELF, vec![Link::new(href)]);
        }
        empty_page::restore(&mut res, own);
        self.path.truncate(mark);
        Ok(res)
    }

    fn link(&self, e: &BytesStart<'_>) -> Result<(Rel, Link), DecodeError> {
        let attrs = self.attrs(e);
        let rel = self
            .get(&attrs, e, "rel")?
            .ok_or_else(|| self.error(DecodeErrorKind::MissingField("rel attribute")))?;
        let href = self
            .get(&attrs, e, "href")?
            .ok_or_else(|| self.error(DecodeErrorKind::MissingField("href attribute")))?;
        let templated = match self.get(&attrs, e, "templated")?.as_deref() {
            None | Some("false" | "0") => false,
            Some("true" | "1") => true,
            Some(other) => {
                return Err(self.error(DecodeErrorKind::InvalidValue {
                    field: "templated",
                    value: excerpt(other),
                }));
            }
        };
        let link = Link {
            href,
            templated,
            title: self.get(&attrs, e, "title")?,
            name: self.get(&attrs, e, "name")?,
            media_type: self.get(&attrs, e, "type")?,
        };
        Ok((Rel::from(rel), link))
    }

    /// Skips the content of an element that must hold nothing but whitespace.
    fn empty_content(&mut self) -> Result<(), DecodeError> {
        loop {
            match self.next()? {
                Event::End(_) => return Ok(()),
                Event::Text(t) if t.trim().is_empty() => {}
                Event::Comment(_) | Event::PI(_) => {}
                other => return Err(self.unexpected(other)),
            }
        }
    }

    /// The property name an element stands for (`<property name="...">` or its own name).
    fn key(&self, e: &BytesStart<'_>) -> Result<String, DecodeError> {
        let name = e.name();
        if name.as_ref() == PROPERTY
            && let Some(key) = self.attr(e, KEY_ATTR)?
        {
            return Ok(key);
        }
        Ok(name.as_ref().to_owned())
    }

    /// Reads a property value element whose start tag was just read.
    fn value(
        &mut self,
        e: &BytesStart<'_>,
        empty: bool,
        key: &str,
        depth: usize,
    ) -> Result<Value, DecodeError> {
        let mark = self.enter(key, depth)?;
        let kind = self.attr(e, TYPE_ATTR)?;
        let kind = match kind.as_deref() {
            None => None,
            Some(TYPE_OBJECT) => Some(TYPE_OBJECT),
            Some(TYPE_ARRAY) => Some(TYPE_ARRAY),
            Some(other) => {
                return Err(self.error(DecodeErrorKind::InvalidValue {
                    field: "type attribute",
                    value: excerpt(other),
                }));
            }
        };
        let mut text = String::new();
        let mut map = Map::new();
        let mut items = Vec::new();
        let mut children = false;
        let mut end = empty;
        while !end {
            match self.next()? {
                Event::End(_) => end = true,
                Event::Text(t) => text.push_str(&t.xml10_content()),
                Event::CData(t) => text.push_str(&t.xml10_content()),
                Event::GeneralRef(r) => {
                    let ch = match r.resolve_char_ref() {
                        Ok(Some(ch)) => ch,
                        Ok(None) => match &*r {
                            "lt" => '<',
                            "gt" => '>',
                            "amp" => '&',
                            "apos" => '\'',
                            "quot" => '"',
                            other => {
                                return Err(
                                    self.error(DecodeErrorKind::UnknownEntity(excerpt(other)))
                                );
                            }
                        },
                        Err(err) => {
                            return Err(self.error(DecodeErrorKind::MalformedXml(err.to_string())));
                        }
                    };
                    text.push(ch);
                }
                ev @ (Event::Start(_) | Event::Empty(_)) => {
                    children = true;
                    let (child, child_empty) = match ev {
                        Event::Start(child) => (child, false),
                        Event::Empty(child) => (child, true),
                        _ => continue,
                    };
                    if kind == Some(TYPE_ARRAY) {
                        if child.name().as_ref() != ITEM {
                            return Err(self.error(DecodeErrorKind::UnexpectedElement(
                                child.name().as_ref().to_owned(),
                            )));
                        }
                        items.push(self.value(&child, child_empty, ITEM, depth + 1)?);
                    } else {
                        let key = self.key(&child)?;
                        let value = self.value(&child, child_empty, &key, depth + 1)?;
                        insert(&mut map, key, value).map_err(|k| self.error(k))?;
                    }
                }
                Event::Comment(_) | Event::PI(_) => {}
                other => return Err(self.unexpected(other)),
            }
        }
        let value = match kind {
            None if !children => {
                if text.is_empty() {
                    Value::Null
                } else {
                    Value::String(text)
                }
            }
            _ if !text.trim().is_empty() => {
                return Err(self.error(DecodeErrorKind::UnexpectedText(excerpt(&text))));
            }
            Some(TYPE_ARRAY) => Value::Array(items),
            _ => Value::Object(map),
        };
        self.path.truncate(mark);
        Ok(value)
    }
}

/// The attributes of one start tag (all of them, when `whole`).
struct Attrs<'e> {
    list: Vec<Attribute<'e>>,
    whole: bool,
}

/// Inserts a member, refusing a second one with the same name.
fn insert(map: &mut Map, key: String, value: Value) -> Result<(), DecodeErrorKind> {
    match map.entry(key) {
        indexmap::map::Entry::Occupied(entry) => {
            Err(DecodeErrorKind::DuplicateKey(entry.key().clone()))
        }
        indexmap::map::Entry::Vacant(entry) => {
            entry.insert(value);
            Ok(())
        }
    }
}

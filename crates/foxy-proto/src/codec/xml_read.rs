//! The HAL+XML reader behind [`super::hal_xml::parse`].
//!
//! Built on quick-xml's event reader over validated UTF-8. A DOCTYPE is
//! refused outright (so no entity is ever declared or expanded); only the five
//! predefined entities and character references are resolved.

use std::borrow::Cow;

use quick_xml::XmlVersion;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesStart, Event};

use super::xml_plain::Plain;
use quick_xml::name::QName;
use quick_xml::reader::Reader;

use super::empty_page;
use super::error::{DecodeError, DecodeErrorKind, Location};
use super::hal_json_read::rel_from;
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
    // The fast pass gives up on any error or anything unusual (a repeated
    // attribute or property name); the located pass then reads the document
    // and decides the result, so results and errors are those of before.
    read(text, true).or_else(|_| read(text, false))
}

/// Reads a document: `fast`, reading each start tag's attributes once and
/// building maps at their final size (any error is only a reason to give
/// up), or located, looking each attribute up and inserting each member as
/// it is read (the errors [`parse`] returns).
fn read(text: &str, fast: bool) -> Result<Resource, DecodeError> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut xml = XmlReader {
        reader,
        text,
        at: 0,
        path: String::new(),
        fast,
        members: Vec::new(),
        stack: Vec::new(),
        plain: Plain::new(text),
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
            Event::Text(t) if blank(&t) => {}
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
    /// The fast pass (see [`read`]).
    fast: bool,
    /// The fast pass's member stack: the members of the open maps, innermost last.
    members: Vec<(String, Value)>,
    /// The fast pass's tokenizer.
    plain: Plain<'a>,
    /// The fast pass's embedded resources of the runs being read, innermost last.
    stack: Vec<Resource>,
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
        if self.fast {
            return self.plain.next().ok_or_else(|| self.give_up());
        }
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
        if self.fast {
            let [rel, href] = self.pick(e, ["rel", "href"])?;
            let own = rel.map(|r| rel_from(&r));
            return self.resource(e, empty, 0, own.as_ref(), Some(href));
        }
        let own = self.attr(e, "rel")?.map(Rel::from);
        self.resource(e, empty, 0, own.as_ref(), None)
    }

    /// The attributes `names` of `e`, read in one pass and normalized as
    /// [`Self::attr`] gives them (fast pass only; no rescans per lookup, no
    /// allocation for quick-xml's duplicate check, none for a value without
    /// references or line ends). Any malformed attribute, more than
    /// [`MAX_FAST_ATTRS`] of them, or a name given twice (any name: the
    /// located pass refuses it or not, depending on the lookups) is a
    /// reason to give up.
    fn pick<'e, const N: usize>(
        &self,
        e: &'e BytesStart<'_>,
        names: [&str; N],
    ) -> Result<[Option<Cow<'e, str>>; N], DecodeError> {
        let mut found = [const { None }; N];
        let mut seen = [""; MAX_FAST_ATTRS];
        let mut count = 0;
        // The start tags of the fast pass come from `Plain`: each attribute is
        // ` name="value"`, what quick-xml's attribute iterator reads as `name`
        // and the raw `value`.
        let mut rest: &'e str = e.attributes_raw();
        while !rest.is_empty() {
            let Some(attr) = split_attr(rest) else {
                return Err(self.give_up());
            };
            let (key, value, plain) = (attr.key, attr.value, attr.plain);
            rest = attr.rest;
            if count == MAX_FAST_ATTRS || seen[..count].contains(&key) {
                return Err(self.give_up());
            }
            seen[count] = key;
            count += 1;
            if let Some(i) = names.iter().position(|n| *n == key) {
                found[i] = Some(if plain {
                    Cow::Borrowed(value)
                } else {
                    let attr = Attribute {
                        key: QName(key),
                        value: Cow::Borrowed(value),
                    };
                    attr.normalized_value(XmlVersion::Implicit1_0)
                        .map_err(|_| self.give_up())?
                });
            }
        }
        Ok(found)
    }

    /// The error the fast pass stops with (its kind never reaches the caller).
    fn give_up(&self) -> DecodeError {
        self.error(DecodeErrorKind::MalformedXml("fast pass".to_owned()))
    }

    /// The members pushed since `start`, as a map of their number (fast pass;
    /// a repeated name gives up).
    fn members(&mut self, start: usize) -> Result<Map, DecodeError> {
        let mut map = Map::with_capacity(self.members.len().saturating_sub(start));
        let mut repeated = false;
        for (key, value) in self.members.drain(start..) {
            repeated |= map.insert(key, value).is_some();
        }
        if repeated {
            return Err(self.give_up());
        }
        Ok(map)
    }

    /// Moves a run of embedded resources (the fast pass's, on `self.stack`
    /// from `start`) to the end of their relation's list: a new list is
    /// made at exactly their number.
    fn end_run(&mut self, res: &mut Resource, run: Option<(Cow<'_, str>, Rel)>, start: usize) {
        if let Some((_, rel)) = run {
            let list = res.embedded.entry(rel).or_default();
            list.extend(self.stack.drain(start..));
        }
    }

    /// Reads a `<resource>` element whose start tag was just read; `own` is
    /// its own relation, `href` its `href` attribute when already read.
    fn resource(
        &mut self,
        e: &BytesStart<'_>,
        empty: bool,
        depth: usize,
        own: Option<&Rel>,
        href: Option<Option<Cow<'_, str>>>,
    ) -> Result<Resource, DecodeError> {
        let mark = self.enter("resource", depth)?;
        let href = match href {
            Some(href) => href,
            None => self.attr(e, "href")?.map(Cow::Owned),
        };
        let start = self.members.len();
        // The fast pass's run of embedded resources of one relation (a
        // collection's members): their relation as written and as a `Rel`,
        // the resources on `self.stack` from `run_start`.
        let mut run: Option<(Cow<'_, str>, Rel)> = None;
        let run_start = self.stack.len();
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
                Event::Text(t) if blank(&t) => continue,
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
                "resource" if self.fast => {
                    let [rel, href] = self.pick(&child, ["rel", "href"])?;
                    let Some(rel) = rel else {
                        return Err(self.give_up());
                    };
                    // The relation is read once per run.
                    if run.as_ref().is_none_or(|(text, _)| *text != rel) {
                        self.end_run(&mut res, run.take(), run_start);
                        let own = rel_from(&rel);
                        run = Some((Cow::Owned(rel.into_owned()), own));
                    }
                    let own = run.as_ref().map(|(_, own)| own);
                    let sub = self.resource(&child, child_empty, depth + 1, own, Some(href))?;
                    self.stack.push(sub);
                }
                "resource" => {
                    let Some(rel) = self.attr(&child, "rel")? else {
                        return Err(self.error(DecodeErrorKind::MissingField("rel attribute")));
                    };
                    let rel = Rel::from(rel);
                    let sub = self.resource(&child, child_empty, depth + 1, Some(&rel), None)?;
                    res.embed(rel, sub);
                }
                _ if self.fast => {
                    let (key, kind) = self.fast_key(&child)?;
                    let value = self.value(&child, child_empty, &key, depth + 1, Some(kind))?;
                    self.members.push((key, value));
                }
                _ => {
                    let key = self.key(&child)?;
                    let value = self.value(&child, child_empty, &key, depth + 1, None)?;
                    insert(&mut res.properties, key, value).map_err(|k| self.error(k))?;
                }
            }
        }
        if self.fast {
            self.end_run(&mut res, run, run_start);
            res.properties = self.members(start)?;
        }
        if let Some(href) = href
            && !res.links.contains_key(&Rel::SELF)
        {
            res.links
                .shift_insert(0, Rel::SELF, vec![Link::new(href.into_owned())]);
        }
        empty_page::restore(&mut res, own);
        self.path.truncate(mark);
        Ok(res)
    }

    fn link(&self, e: &BytesStart<'_>) -> Result<(Rel, Link), DecodeError> {
        if self.fast {
            return self.fast_link(e);
        }
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

    /// [`Self::link`] in the fast pass: the attributes read once.
    fn fast_link(&self, e: &BytesStart<'_>) -> Result<(Rel, Link), DecodeError> {
        let [rel, href, templated, title, name, media_type] =
            self.pick(e, ["rel", "href", "templated", "title", "name", "type"])?;
        let (Some(rel), Some(href)) = (rel, href) else {
            return Err(self.give_up());
        };
        let templated = match templated.as_deref() {
            None | Some("false" | "0") => false,
            Some("true" | "1") => true,
            Some(_) => return Err(self.give_up()),
        };
        let link = Link {
            href: href.into_owned(),
            templated,
            title: title.map(Cow::into_owned),
            name: name.map(Cow::into_owned),
            media_type: media_type.map(Cow::into_owned),
        };
        Ok((rel_from(&rel), link))
    }

    /// [`Self::key`] and the `type` attribute in the fast pass, read in one
    /// pass over the attributes.
    fn fast_key(&self, e: &BytesStart<'_>) -> Result<(String, Option<&'static str>), DecodeError> {
        let name = e.name().into_inner();
        let (key, kind) = if name == PROPERTY {
            let [key, kind] = self.pick(e, [KEY_ATTR, TYPE_ATTR])?;
            let key = key.map(Cow::into_owned);
            (key, kind)
        } else {
            let [kind] = self.pick(e, [TYPE_ATTR])?;
            (None, kind)
        };
        let kind = self.kind(kind.as_deref())?;
        Ok((key.unwrap_or_else(|| name.to_owned()), kind))
    }

    /// The structure a `type` attribute names.
    fn kind(&self, kind: Option<&str>) -> Result<Option<&'static str>, DecodeError> {
        match kind {
            None => Ok(None),
            Some(TYPE_OBJECT) => Ok(Some(TYPE_OBJECT)),
            Some(TYPE_ARRAY) => Ok(Some(TYPE_ARRAY)),
            Some(other) => Err(self.error(DecodeErrorKind::InvalidValue {
                field: "type attribute",
                value: excerpt(other),
            })),
        }
    }

    /// Skips the content of an element that must hold nothing but whitespace.
    fn empty_content(&mut self) -> Result<(), DecodeError> {
        loop {
            match self.next()? {
                Event::End(_) => return Ok(()),
                Event::Text(t) if blank(&t) => {}
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

    /// Reads a property value element whose start tag was just read; `kind`
    /// is its `type` attribute when already read.
    fn value(
        &mut self,
        e: &BytesStart<'_>,
        empty: bool,
        key: &str,
        depth: usize,
        kind: Option<Option<&'static str>>,
    ) -> Result<Value, DecodeError> {
        let mark = self.enter(key, depth)?;
        let kind = match kind {
            Some(kind) => kind,
            None => {
                let kind = self.attr(e, TYPE_ATTR)?;
                self.kind(kind.as_deref())?
            }
        };
        let start = self.members.len();
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
                        let item_kind = if self.fast {
                            let [kind] = self.pick(&child, [TYPE_ATTR])?;
                            Some(self.kind(kind.as_deref())?)
                        } else {
                            None
                        };
                        items.push(self.value(&child, child_empty, ITEM, depth + 1, item_kind)?);
                    } else if self.fast {
                        let (key, kind) = self.fast_key(&child)?;
                        let value = self.value(&child, child_empty, &key, depth + 1, Some(kind))?;
                        self.members.push((key, value));
                    } else {
                        let key = self.key(&child)?;
                        let value = self.value(&child, child_empty, &key, depth + 1, None)?;
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
            _ if self.fast => Value::Object(self.members(start)?),
            _ => Value::Object(map),
        };
        self.path.truncate(mark);
        Ok(value)
    }
}

/// Whether `text` is empty once trimmed (`str::trim`), ASCII whitespace checked first.
fn blank(text: &str) -> bool {
    text.bytes()
        .all(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r'))
        || text.trim().is_empty()
}

/// One attribute ` key="value"` split off the front of a start tag's
/// attributes as [`Plain`] writes them, and what follows it.
struct RawAttr<'e> {
    key: &'e str,
    value: &'e str,
    /// Whether the value holds nothing normalization changes (no `&`, tab or line end).
    plain: bool,
    rest: &'e str,
}

/// Splits the first attribute off `raw` (`None` if it is not ` key="value"`).
fn split_attr(raw: &str) -> Option<RawAttr<'_>> {
    let b = raw.as_bytes();
    if b.first() != Some(&b' ') {
        return None;
    }
    let eq = b.iter().position(|&c| c == b'=')?;
    if b.get(eq + 1) != Some(&b'"') {
        return None;
    }
    let start = eq + 2;
    let mut end = super::xml_plain::scan(b, start, [b'"', b'&', b'\n', b'\r', b'\t'], false);
    let plain = b.get(end) == Some(&b'"');
    if !plain {
        end = super::xml_plain::scan(b, end, [b'"'], false);
    }
    Some(RawAttr {
        key: raw.get(1..eq)?,
        value: raw.get(start..end)?,
        plain,
        rest: raw.get(end + 1..)?,
    })
}

/// The most attributes of one start tag the fast pass reads (more: it gives up).
const MAX_FAST_ATTRS: usize = 16;

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

#[cfg(test)]
mod tests {
    use super::{parse, read};

    /// The fast pass reads a document as the located pass does (which is the
    /// reader as it was before it): when it succeeds, the same resource; and
    /// whatever it does, [`parse`] gives what the located pass gives.
    fn same(doc: &[u8]) -> bool {
        let Ok(text) = std::str::from_utf8(doc) else {
            return false;
        };
        let located = read(text, false);
        let fast = read(text, true);
        if let Ok(fast) = &fast {
            assert_eq!(Ok(fast), located.as_ref(), "differs on {text:?}");
        }
        assert_eq!(parse(doc), located, "parse differs on {text:?}");
        fast.is_ok()
    }

    #[test]
    fn unusual_documents_fall_back_and_agree() {
        let cases = [
            r#"<resource href="a" rel="r" rel="s"/>"#,
            r#"<resource rel="r" href="a" href="b"/>"#,
            r#"<resource href="a"><link rel="x" href="b" rel="y"/></resource>"#,
            r#"<resource href="a"><link rel="x" href="b" title="t" name="n" type="m" templated="true" foo="1" foo="2"/></resource>"#,
            r#"<resource href="a"><link rel="x" href="b" templated="maybe"/></resource>"#,
            r#"<resource href="a"><link href="b"/></resource>"#,
            r#"<resource href="a"><link rel="x"/></resource>"#,
            r#"<resource><a>1</a><a>2</a></resource>"#,
            r#"<resource><a type="object"><b/><b/></a></resource>"#,
            r#"<resource><a type="object" type="array"/></resource>"#,
            r#"<resource><a type="list"/></resource>"#,
            r#"<resource><property name="x y" name="z">1</property></resource>"#,
            r#"<resource><property>1</property><property name="a b" type="array"><item>1</item><item type="object"><c>&lt;&#x41;</c></item></property></resource>"#,
            r#"<resource><a type="array"><x/></a></resource>"#,
            r#"<resource><resource href="b"/></resource>"#,
            r#"<resource><resource rel="fx:items" href="b" rel="c"/></resource>"#,
            r#"<resource><resource rel="fx:items" href="b"><x>1</x><x>2</x></resource></resource>"#,
            r#"<resource a='1' b="2" c="3" d="4" e="5" f="6" g="7" h="8" i="9" j="10" k="11" l="12" m="13" n="14" o="15" p="16" q="17"/>"#,
            r#"<resource href="a&amp;b&#9;c"><x a=1/></resource>"#,
            r#"<resource href="a&bogus;"/>"#,
            r#"<resource><a>x</a><b type="object">text<c/></b></resource>"#,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<resource href=\"a\" rel=\"fx:carts\">\n  <link rel=\"self\" href=\"a\"/>\n  <total_items>0</total_items>\n</resource>\n",
            r#"<resource href="a"><link rel="self" href="b" title="t&#xA;u" name="n" type="m" templated="1"/><a type="object"><b>1</b><c/></a></resource>"#,
            "<resource></other>",
            "<resource/><resource/>",
            "",
            "\u{feff}<resource/>",
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><resource/>",
            "<?xml version=\"1.0\"?><resource/>",
            "<!DOCTYPE resource><resource/>",
            "<resource><!-- c --><a><![CDATA[<x>]]></a><?pi x?></resource>",
            "<resource ><a >1</a ><b x='1'/><c  x=\"1\"/></resource>",
            "<resource><a>x > y ]]> z</a><b>\u{1}</b></resource>",
            "<resource><a>l\r\nm\rn &#xD; &#13;&#0; &#x1F600;é</a><b>&amp;&lt;&gt;&apos;&quot;&nbsp;</b></resource>",
            "<resource><a>& b</a></resource>",
            "<resource><a>&amp</a></resource>",
            "<resource><link rel=\"self\" href=\"a\tb\"/><x:y/></resource>",
            "<resource><link rel=\"self\" href=\"a\"title=\"t\"/></resource>",
            "<resource><a>1</b></resource>",
            "<resource><a>1</a>",
            "<resource>  x  </resource>",
            "  <resource/>  x",
            "<resource/>&amp;",
            "<resource/>\n<!-- trailing -->\n",
            "<resource xmlns:fx=\"urn:x\"/>",
            r#"<resource><resource rel="a" href="1"/><resource rel="b" href="2"/><resource rel="a" href="3"/><resource rel="a"><x>1</x></resource><resource rel="b"/><resource rel="fx:carts"/><resource rel="https://api.foxycart.com/rels/carts"/><resource rel="fx:carts"/><resource rel=""/><resource rel=""/></resource>"#,
            r#"<resource rel="fx:carts" href="p"><resource rel="fx:carts" href="1"><resource rel="fx:items"/></resource><resource rel="fx:carts"><resource rel="fx:items"/><resource rel="fx:items"/></resource></resource>"#,
        ];
        let taken: Vec<bool> = cases.iter().map(|c| same(c.as_bytes())).collect();
        // What the writers produce takes the fast path; repeated names do not.
        assert!(taken[12] && taken[21] && taken[22], "{taken:?}");
        assert!(
            !taken[0] && !taken[7] && !taken[8] && !taken[17],
            "{taken:?}"
        );
        let deep = format!(
            "<resource>{}{}</resource>",
            "<a>".repeat(200),
            "</a>".repeat(200)
        );
        same(deep.as_bytes());
    }

    /// Every corpus document as the writers write it in HAL+XML, the corpus's
    /// own XML documents, and many damaged copies of each, read the same both
    /// ways.
    #[test]
    fn corpus_and_damaged_copies_agree() {
        let Some(dir) = crate::testing::conformance_dir() else {
            return;
        };
        let mut docs = Vec::new();
        for path in crate::testing::files_with_extensions(&dir, &[".xml"]) {
            if let Ok(doc) = std::fs::read(&path) {
                docs.push(doc);
            }
        }
        let json = crate::testing::files_with_extensions(&dir.join("foxy-elements"), &[".json"]);
        for path in json {
            let Ok(doc) = std::fs::read(&path) else {
                continue;
            };
            let items = match crate::codec::json::parse_value(&doc) {
                Ok(crate::Value::Array(items)) => items,
                Ok(doc) => vec![doc],
                Err(_) => continue,
            };
            for item in items {
                if let Ok(res) = crate::codec::hal_json::from_value(item)
                    && let Ok(xml) = crate::codec::hal_xml::write(&res)
                {
                    docs.push(xml);
                }
            }
        }
        assert!(docs.len() > 100, "{} documents", docs.len());
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        const BYTES: &[u8] = b"<>/=\"'&;#x \t\nabrl_.-1\x01\xc3";
        let mut taken = 0;
        let count = docs.len();
        for doc in docs {
            taken += usize::from(same(&doc));
            if doc.is_empty() {
                continue;
            }
            for _ in 0..40 {
                let mut copy = doc.clone();
                let at = (next() % copy.len() as u64) as usize;
                let byte = BYTES[(next() % BYTES.len() as u64) as usize];
                match next() % 3 {
                    0 => copy[at] = byte,
                    1 => copy.insert(at, byte),
                    _ => {
                        copy.remove(at);
                    }
                }
                same(&copy);
            }
        }
        assert_eq!(taken, count, "every corpus document on the fast path");
    }
}

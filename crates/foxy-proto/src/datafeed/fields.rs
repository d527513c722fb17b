//! Reading typed fields out of an element's children, writing them back, and
//! the `record!`/`group!` macros that declare the typed records.
//!
//! Field kinds: `text` (`Option<String>`), `money` (`Option<Decimal>`, exact),
//! `number` (`Option<u64>`), `flag` (`Option<bool>`, written `0`/`1`),
//! `group(T)` (fields flattened into the same element), `list(T, "container")`
//! and `opt(T)` (one optional nested record). Children no field claims are
//! kept in the record's `extra`.

use rust_decimal::Decimal;

use super::DatafeedError;
use super::xml::Element;

/// The children of an element not yet claimed by a typed field.
pub(crate) struct Fields {
    rest: Vec<Element>,
}

impl Fields {
    pub(crate) fn new(element: Element) -> Fields {
        Fields {
            rest: element.children,
        }
    }

    /// Takes the first child called `name`.
    pub(crate) fn element(&mut self, name: &str) -> Option<Element> {
        let index = self.rest.iter().position(|c| c.name == name)?;
        Some(self.rest.remove(index))
    }

    pub(crate) fn text(&mut self, name: &str) -> Option<String> {
        self.element(name).map(|e| e.text)
    }

    fn parsed<T>(
        &mut self,
        name: &str,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Result<Option<T>, DatafeedError> {
        let Some(text) = self.text(name) else {
            return Ok(None);
        };
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Ok(None);
        }
        parse(trimmed).map(Some).ok_or(DatafeedError::InvalidField {
            field: name.to_owned(),
            value: text.clone(),
        })
    }

    pub(crate) fn decimal(&mut self, name: &str) -> Result<Option<Decimal>, DatafeedError> {
        self.parsed(name, |t| Decimal::from_str_exact(t).ok())
    }

    pub(crate) fn number(&mut self, name: &str) -> Result<Option<u64>, DatafeedError> {
        self.parsed(name, |t| t.parse().ok())
    }

    pub(crate) fn flag(&mut self, name: &str) -> Result<Option<bool>, DatafeedError> {
        self.parsed(name, |t| match t.to_ascii_lowercase().as_str() {
            "1" | "true" | "yes" => Some(true),
            "0" | "false" | "no" => Some(false),
            _ => None,
        })
    }

    /// Takes the `container` element and returns its `item` children; any
    /// other children of the container stay in `extra` under the container.
    pub(crate) fn list(&mut self, container: &str, item: &str) -> Vec<Element> {
        // Every container of that name: a second one holds more items (they
        // are written back as one list). What else the containers hold is
        // kept, in containers of the same name, after the other fields; their
        // items are all taken here, so a second pass reads the same list
        // (a container left with items in it would add them on re-reading).
        let mut items = Vec::new();
        let mut leftovers = Vec::new();
        while let Some(mut holder) = self.element(container) {
            let (mine, others): (Vec<_>, Vec<_>) =
                holder.children.drain(..).partition(|c| c.name == item);
            items.extend(mine);
            if !others.is_empty() {
                holder.children = others;
                leftovers.push(holder);
            }
        }
        self.rest.extend(leftovers);
        items
    }

    pub(crate) fn into_rest(self) -> Vec<Element> {
        self.rest
    }
}

/// Builds an element field by field.
pub(crate) struct Builder {
    element: Element,
}

impl Builder {
    pub(crate) fn new(name: &str) -> Builder {
        Builder {
            element: Element::new(name),
        }
    }

    pub(crate) fn child(&mut self, child: Element) {
        self.element.children.push(child);
    }

    pub(crate) fn text(&mut self, name: &str, value: Option<&str>) {
        if let Some(value) = value {
            self.child(Element::with_text(name, value));
        }
    }

    pub(crate) fn display(&mut self, name: &str, value: Option<impl ToString>) {
        self.text(name, value.map(|v| v.to_string()).as_deref());
    }

    pub(crate) fn flag(&mut self, name: &str, value: Option<bool>) {
        self.text(name, value.map(|v| if v { "1" } else { "0" }));
    }

    pub(crate) fn list(&mut self, container: &str, items: Vec<Element>) {
        self.child(Element {
            name: container.to_owned(),
            text: String::new(),
            children: items,
        });
    }

    pub(crate) fn extras(&mut self, extra: &[Element]) {
        self.element.children.extend(extra.iter().cloned());
    }

    pub(crate) fn build(self) -> Element {
        self.element
    }
}

macro_rules! field_ty {
    (text($x:literal)) => { Option<String> };
    (money($x:literal)) => { Option<rust_decimal::Decimal> };
    (number($x:literal)) => { Option<u64> };
    (flag($x:literal)) => { Option<bool> };
    (group($t:ty)) => { $t };
    (list($t:ty, $x:literal)) => { Vec<$t> };
    (opt($t:ty)) => { Option<$t> };
}

macro_rules! field_read {
    ($f:ident, text($x:literal)) => {
        $f.text($x)
    };
    ($f:ident, money($x:literal)) => {
        $f.decimal($x)?
    };
    ($f:ident, number($x:literal)) => {
        $f.number($x)?
    };
    ($f:ident, flag($x:literal)) => {
        $f.flag($x)?
    };
    ($f:ident, group($t:ty)) => {
        <$t>::take($f)?
    };
    ($f:ident, list($t:ty, $x:literal)) => {
        $f.list($x, <$t>::ELEMENT)
            .into_iter()
            .map(<$t>::from_element)
            .collect::<Result<Vec<_>, _>>()?
    };
    ($f:ident, opt($t:ty)) => {
        $f.element(<$t>::ELEMENT)
            .map(<$t>::from_element)
            .transpose()?
    };
}

macro_rules! field_write {
    ($b:ident, $v:expr, text($x:literal)) => {
        $b.text($x, $v.as_deref())
    };
    ($b:ident, $v:expr, money($x:literal)) => {
        $b.display($x, $v.as_ref())
    };
    ($b:ident, $v:expr, number($x:literal)) => {
        $b.display($x, $v.as_ref())
    };
    ($b:ident, $v:expr, flag($x:literal)) => {
        $b.flag($x, *$v)
    };
    ($b:ident, $v:expr, group($t:ty)) => {
        $v.put($b)
    };
    ($b:ident, $v:expr, list($t:ty, $x:literal)) => {
        $b.list($x, $v.iter().map(<$t>::to_element).collect())
    };
    ($b:ident, $v:expr, opt($t:ty)) => {
        if let Some(item) = $v {
            $b.child(item.to_element());
        }
    };
}

/// Declares a record read from and written to one element, with `extra`.
macro_rules! record {
    (
        $(#[$meta:meta])*
        pub struct $name:ident = $element:literal {
            $( $(#[$fmeta:meta])* $field:ident : $kind:ident ( $($arg:tt)* ), )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Default)]
        pub struct $name {
            $( $(#[$fmeta])* pub $field: field_ty!($kind($($arg)*)), )*
            /// Child elements not modelled above, kept in document order.
            pub extra: Vec<$crate::datafeed::xml::Element>,
        }

        impl $name {
            /// The name of the element holding one record.
            pub const ELEMENT: &'static str = $element;

            /// Reads a record from its element; unknown children go to `extra`.
            ///
            /// # Errors
            /// [`DatafeedError::InvalidField`](crate::datafeed::DatafeedError::InvalidField)
            /// when a number, amount or flag does not parse.
            pub fn from_element(
                element: $crate::datafeed::xml::Element,
            ) -> Result<Self, $crate::datafeed::DatafeedError> {
                let mut fields = $crate::datafeed::fields::Fields::new(element);
                let f = &mut fields;
                $( let $field = field_read!(f, $kind($($arg)*)); )*
                Ok($name { $( $field, )* extra: fields.into_rest() })
            }

            /// Writes the record as its element.
            pub fn to_element(&self) -> $crate::datafeed::xml::Element {
                let mut builder = $crate::datafeed::fields::Builder::new($element);
                let b = &mut builder;
                $( field_write!(b, &self.$field, $kind($($arg)*)); )*
                builder.extras(&self.extra);
                builder.build()
            }
        }
    };
}

/// Declares a group of fields flattened into the element of its record.
macro_rules! group {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$fmeta:meta])* $field:ident : $kind:ident ( $($arg:tt)* ), )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Default)]
        pub struct $name {
            $( $(#[$fmeta])* pub $field: field_ty!($kind($($arg)*)), )*
        }

        impl $name {
            pub(crate) fn take(
                f: &mut $crate::datafeed::fields::Fields,
            ) -> Result<Self, $crate::datafeed::DatafeedError> {
                Ok($name { $( $field: field_read!(f, $kind($($arg)*)), )* })
            }

            pub(crate) fn put(&self, b: &mut $crate::datafeed::fields::Builder) {
                $( field_write!(b, &self.$field, $kind($($arg)*)); )*
            }
        }
    };
}

pub(crate) use {field_read, field_ty, field_write, group, record};

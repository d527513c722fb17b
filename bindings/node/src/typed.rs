//! The machinery of the typed classes (`resources.rs`): how a field crosses
//! the boundary (`Field`), and `js_model!` / `js_page!`, which write a class
//! and its plain-object input type from a list of fields.
//!
//! A typed object is a handle on the core model value: its getters read the
//! Rust value and its setters write it, so everything the class does not
//! model (unknown properties, links, Siren parts) stays in the value and a
//! PUT writes it back. Embedded children (`cart.items`) are handles too,
//! shared with the parent: `cart.items[0].quantity = 5` changes the cart.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use napi::Env;
use napi::bindgen_prelude::{Array, Either, JsObjectValue, ToNapiValue};

use foxy_model::{Count, Date, FieldValue, Flag, Measure, Money, Visibility};
use foxy_proto::{Number, Value};

use crate::errors::{FoxyError, Outcome};

/// A whole, non-negative JavaScript number as `u64`.
pub(crate) fn whole_number(name: &str, value: f64) -> Outcome<u64> {
    // 2^53: above it a double no longer holds every whole number.
    const MAX_SAFE: f64 = 9_007_199_254_740_992.0;
    if value.is_finite() && value >= 0.0 && value.fract() == 0.0 && value <= MAX_SAFE {
        Ok(value as u64)
    } else {
        Err(FoxyError::invalid_input(format!(
            "{name} must be a whole number from 0 to 2^53, got {value}"
        )))
    }
}

/// A value shared by every handle on it (a poisoned lock is still read).
pub(crate) struct Shared<T>(Arc<Mutex<T>>);

impl<T> Shared<T> {
    /// A new shared value.
    pub(crate) fn new(value: T) -> Shared<T> {
        Shared(Arc::new(Mutex::new(value)))
    }

    /// The value, locked.
    pub(crate) fn lock(&self) -> MutexGuard<'_, T> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Shared<T> {
        Shared(self.0.clone())
    }
}

/// A frozen JavaScript array of handles: changing the list itself (`push`)
/// throws instead of being lost; assign a new array to change it.
pub(crate) fn frozen<'env, T: ToNapiValue>(
    env: &'env Env,
    members: Vec<T>,
) -> napi::Result<Array<'env>> {
    let len = u32::try_from(members.len())
        .map_err(|_| napi::Error::from_reason("too many members for a JavaScript array"))?;
    let mut array = env.create_array(len)?;
    for (index, member) in (0..len).zip(members) {
        array.set(index, member)?;
    }
    array.freeze()?;
    Ok(array)
}

/// A snake_case API name in camelCase (`total_order` → `totalOrder`), as napi names the getters.
pub(crate) fn camel(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        match c {
            '_' => upper = true,
            c if upper => {
                out.extend(c.to_uppercase());
                upper = false;
            }
            c => out.push(c),
        }
    }
    out
}

/// How one typed field crosses the boundary.
pub(crate) trait Field: FieldValue {
    /// The JavaScript-side type.
    type Js;
    /// Rust to JavaScript.
    fn to_js(&self) -> Self::Js;
    /// JavaScript to the property value the core model reads.
    fn to_value(js: Self::Js) -> Outcome<Value>;

    /// JavaScript to the typed value (`name` names the property in errors).
    fn from_js(name: &str, js: Self::Js) -> Outcome<Self> {
        Ok(<Self as FieldValue>::from_value(
            name,
            &<Self as Field>::to_value(js)?,
        )?)
    }
}

/// `Field` for a type written as text on the JavaScript side.
macro_rules! text_field {
    ($($ty:ty => |$js:ident| $value:expr;)*) => {$(
        impl Field for $ty {
            type Js = String;
            fn to_js(&self) -> String {
                self.as_str().to_owned()
            }
            fn to_value($js: String) -> Outcome<Value> {
                Ok($value)
            }
        }
    )*};
}

text_field! {
    String => |js| Value::String(js);
    Money => |js| Value::Number(js.trim().parse::<Number>()?);
    Measure => |js| Value::Number(js.trim().parse::<Number>()?);
    Date => |js| Value::String(js);
    Visibility => |js| Value::String(js);
}

impl Field for Count {
    type Js = f64;
    fn to_js(&self) -> f64 {
        self.get() as f64
    }
    fn to_value(js: f64) -> Outcome<Value> {
        Ok(Value::Number(Number::from(whole_number("count", js)?)))
    }
}

impl Field for Flag {
    type Js = bool;
    fn to_js(&self) -> bool {
        self.get()
    }
    fn to_value(js: bool) -> Outcome<Value> {
        Ok(Value::Bool(js))
    }
}

/// Declares a typed class (a handle on a core model value), its
/// plain-object input type, and their conversions.
///
/// Each field is `name / setter: CoreType => JsType | "getter's ts type" | "setter's ts arguments"`;
/// each embedded list `name / setter: Class / Init = relation | "ts type"`.
macro_rules! js_model {
    (
        $(#[doc = $meta:tt])*
        $js:ident / $init:ident for $model:ty {
            required { $( $(#[doc = $rmeta:tt])* $rfield:ident / $rset:ident : $rty:ty => $rjs:tt, )* }
            fields { $( $(#[doc = $fmeta:tt])* $field:ident / $fset:ident : $fty:ty => $fjs:tt | $fts:tt | $fsetts:tt, )* }
            embedded { $( $(#[doc = $emeta:tt])* $efield:ident / $eset:ident : $ejs:ident / $einit:ident = $erel:expr, $ets:tt, )* }
        }
    ) => {
        $(#[doc = $meta])*
        ///
        /// A handle on the Rust value: properties and links the class does
        /// not model are kept and written back by a PUT.
        #[napi]
        #[derive(Clone)]
        pub struct $js {
            /// The model value, without its embedded lists (held below).
            core: $crate::typed::Shared<$model>,
            $( $efield: $crate::typed::Shared<Vec<$ejs>>, )*
        }

        $(#[doc = $meta])*
        ///
        /// The plain-object form, taken wherever a class instance is.
        #[napi(object, object_to_js = false)]
        pub struct $init {
            /// The `self` link: where the resource lives (absent for one not created yet).
            pub href: Option<String>,
            /// The first href of each relation, by compact relation (`fx:items`).
            pub links: Option<HashMap<String, String>>,
            $( $(#[doc = $rmeta])* pub $rfield: $rjs, )*
            $( $(#[doc = $fmeta])* pub $field: Option<$fjs>, )*
            $( $(#[doc = $emeta])* pub $efield: Option<Vec<Either<&'static $ejs, $einit>>>, )*
        }

        impl $js {
            /// A handle on a model value (its embedded lists become handles).
            #[allow(unused_mut)]
            pub(crate) fn from_model(mut model: $model) -> $js {
                $(
                    let $efield = std::mem::take(&mut model.$efield)
                        .into_iter()
                        .map($ejs::from_model)
                        .collect::<Vec<_>>();
                )*
                $js {
                    core: $crate::typed::Shared::new(model),
                    $( $efield: $crate::typed::Shared::new($efield), )*
                }
            }

            /// The model value, embedded lists included.
            #[allow(dead_code, reason = "read-only types never go back to Rust")]
            #[allow(unused_mut)]
            pub(crate) fn to_model(&self) -> $model {
                let mut model = self.core.lock().clone();
                $( model.$efield = self.$efield.lock().iter().map($ejs::to_model).collect(); )*
                model
            }
        }

        impl $js {
            /// The plain form: `href`, `links`, the fields that hold a value
            /// and the embedded lists, by JavaScript name.
            pub(crate) fn plain(&self) -> serde_json::Map<String, serde_json::Value> {
                use serde_json::Value as Json;
                let mut map = serde_json::Map::new();
                {
                    let core = self.core.lock();
                    if let Some(href) = core.self_href() {
                        map.insert("href".to_owned(), Json::from(href));
                    }
                    let links = link_map(&core.extras().links).into_iter().map(|(rel, href)| (rel, Json::from(href)));
                    map.insert("links".to_owned(), Json::Object(links.collect()));
                    $( map.insert($crate::typed::camel(stringify!($rfield)), Json::from(<$rty as Field>::to_js(&core.$rfield))); )*
                    $(
                        if let Some(value) = core.$field.as_ref() {
                            map.insert($crate::typed::camel(stringify!($field)), Json::from(<$fty as Field>::to_js(value)));
                        }
                    )*
                }
                $(
                    let members = self.$efield.lock().iter().map(|m| Json::Object(m.plain())).collect();
                    map.insert($crate::typed::camel(stringify!($efield)), Json::Array(members));
                )*
                map
            }
        }

        impl $init {
            /// The model value of a plain object (validated by the model).
            #[allow(dead_code, reason = "read-only types never go back to Rust")]
            pub(crate) fn into_model(self) -> Outcome<$model> {
                let mut resource = foxy_proto::Resource::new();
                $( resource.set_property(stringify!($rfield), <$rty as Field>::to_value(self.$rfield)?); )*
                $(
                    if let Some(value) = self.$field {
                        resource.set_property(stringify!($field), <$fty as Field>::to_value(value)?);
                    }
                )*
                for (rel, href) in self.links.unwrap_or_default() {
                    resource.add_link(rel.as_str(), Link::new(href));
                }
                if let Some(href) = self.href {
                    resource.links.insert(Rel::SELF, vec![Link::new(href)]);
                }
                $(
                    for member in self.$efield.unwrap_or_default() {
                        resource.embed($erel, member.into_model()?.to_resource());
                    }
                )*
                Ok(<$model>::from_resource(&resource)?)
            }
        }

        impl $crate::typed::Handle for $js {
            type Init = $init;

            /// Class instances among the embedded members stay shared.
            #[allow(unused_mut)]
            fn from_init(mut init: $init) -> Outcome<$js> {
                $( let $efield = init.$efield.take(); )*
                let made = $js::from_model(init.into_model()?);
                $(
                    if let Some(members) = $efield {
                        *made.$efield.lock() = $crate::typed::handles(members)?;
                    }
                )*
                Ok(made)
            }
        }

        impl IntoModel for Either<&$js, $init> {
            type Model = $model;
            fn into_model(self) -> Outcome<$model> {
                match self {
                    Either::A(handle) => Ok(handle.to_model()),
                    Either::B(plain) => plain.into_model(),
                }
            }
        }

        #[napi]
        impl $js {
            /// A new object from its plain form (validated; throws `FOXY_INVALID_INPUT`).
            #[napi(constructor)]
            pub fn new(env: Env, init: Option<$init>) -> napi::Result<$js> {
                sync(&env, || match init {
                    Some(init) => <$js as $crate::typed::Handle>::from_init(init),
                    None => Ok($js::from_model(<$model>::from_resource(&foxy_proto::Resource::new())?)),
                })
            }

            /// The `self` link: where the resource lives (absent for one not created yet).
            #[napi(getter, ts_return_type = "string | undefined")]
            pub fn href(&self) -> Either<String, ()> {
                self.core.lock().self_href().map_or(Either::B(()), |h| Either::A(h.to_owned()))
            }

            /// The first href of each relation, by compact relation (`fx:items`).
            #[napi(getter)]
            pub fn links(&self) -> HashMap<String, String> {
                link_map(&self.core.lock().extras().links)
            }

            /// What the server said besides the body (status, headers, etag, url,
            /// attempts, elapsed seconds, cache); `null` when not read from an answer.
            #[napi(getter)]
            pub fn meta(&self) -> Option<$crate::resource::ResponseMeta> {
                $crate::resource::ResponseMeta::of(self.core.lock().extras().meta.get())
            }

            /// The plain form (what `JSON.stringify` and `console.log` show):
            /// `href`, `links`, the fields that hold a value, the embedded lists.
            #[napi(js_name = "toJSON", ts_return_type = "Record<string, unknown>")]
            pub fn to_json(&self) -> serde_json::Map<String, serde_json::Value> {
                self.plain()
            }

            $(
                $(#[doc = $rmeta])*
                #[napi(getter)]
                pub fn $rfield(&self) -> $rjs {
                    <$rty as Field>::to_js(&self.core.lock().$rfield)
                }

                $(#[doc = $rmeta])*
                #[napi(setter)]
                pub fn $rset(&self, env: Env, value: $rjs) -> napi::Result<()> {
                    sync(&env, || {
                        let typed = <$rty as Field>::from_js(stringify!($rfield), value)?;
                        let mut core = self.core.lock();
                        core.$rfield = typed;
                        core.extras.declare(stringify!($rfield));
                        Ok(())
                    })
                }
            )*

            $(
                $(#[doc = $fmeta])*
                #[napi(getter, ts_return_type = $fts)]
                pub fn $field(&self) -> Either<$fjs, ()> {
                    self.core.lock().$field.as_ref().map_or(Either::B(()), |v| Either::A(<$fty as Field>::to_js(v)))
                }

                $(#[doc = $fmeta])*
                #[napi(setter, ts_args_type = $fsetts)]
                pub fn $fset(&self, env: Env, value: Option<$fjs>) -> napi::Result<()> {
                    sync(&env, || {
                        let typed = match value {
                            Some(js) => Some(<$fty as Field>::from_js(stringify!($field), js)?),
                            None => None,
                        };
                        let mut core = self.core.lock();
                        core.$field = typed;
                        // A field set in code is written even when it was absent.
                        core.extras.declare(stringify!($field));
                        Ok(())
                    })
                }
            )*

            $(
                $(#[doc = $emeta])*
                ///
                /// A frozen array of live handles: change its members in place,
                /// or assign a new array to change the list.
                #[napi(getter, ts_return_type = $ets)]
                pub fn $efield<'env>(&self, env: &'env Env) -> napi::Result<Array<'env>> {
                    let members = self.$efield.lock().clone();
                    $crate::typed::frozen(env, members)
                }

                $(#[doc = $emeta])*
                #[napi(setter)]
                pub fn $eset(&self, env: Env, value: Vec<Either<&$ejs, $einit>>) -> napi::Result<()> {
                    sync(&env, || {
                        *self.$efield.lock() = $crate::typed::handles(value)?;
                        Ok(())
                    })
                }
            )*
        }
    };
}

/// Declares the JavaScript object of one page of a collection.
macro_rules! js_page {
    ($(#[doc = $meta:tt])* $page:ident of $js:ident for $model:ty) => {
        $(#[doc = $meta])*
        #[napi(object, object_from_js = false)]
        pub struct $page {
            /// The members on this page, in order.
            pub members: Vec<$js>,
            /// How many members the whole collection has.
            pub total_items: Option<f64>,
            /// How many members this page has.
            pub returned_items: Option<f64>,
            /// The page size.
            pub limit: Option<f64>,
            /// The index of this page's first member.
            pub offset: Option<f64>,
            /// The href of the next page, when there is one.
            pub next: Option<String>,
            /// What the server said besides the body, for this page's answer.
            pub meta: Option<$crate::resource::ResponseMeta>,
        }

        impl From<Collection<$model>> for $page {
            fn from(mut page: Collection<$model>) -> $page {
                let count = |c: Option<u64>| c.map(|n| Count::new(n).to_js());
                let next = page.has_more().then(|| page.next_href().map(str::to_owned)).flatten();
                $page {
                    total_items: count(page.total_items()),
                    returned_items: count(page.returned_items()),
                    limit: count(page.limit()),
                    offset: count(page.offset()),
                    next,
                    meta: $crate::resource::ResponseMeta::of(page.extras().meta.get()),
                    members: std::mem::take(&mut page.members).into_iter().map($js::from_model).collect(),
                }
            }
        }
    };
}

/// A typed class made from its plain form.
pub(crate) trait Handle: Clone {
    /// The plain form.
    type Init;
    /// A new object (validated); class instances it embeds stay shared.
    fn from_init(init: Self::Init) -> Outcome<Self>;
}

/// Handles for a list given as class instances (shared) and plain forms (validated).
pub(crate) fn handles<T: Handle>(members: Vec<Either<&T, T::Init>>) -> Outcome<Vec<T>> {
    members
        .into_iter()
        .map(|member| match member {
            Either::A(handle) => Ok(handle.clone()),
            Either::B(plain) => T::from_init(plain),
        })
        .collect()
}

/// Converts a typed argument (a class instance or its plain form) to the model value.
pub(crate) trait IntoModel {
    /// The model type.
    type Model;
    /// The model value (a plain form is validated).
    fn into_model(self) -> Outcome<Self::Model>;
}

pub(crate) use {js_model, js_page};

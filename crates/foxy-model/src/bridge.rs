//! Conversions between the hand-written views and the generated handles.
//!
//! The hand-written views ([`crate::Cart`], [`crate::Item`], ...) read a
//! resource into public fields, which the bindings use; the generated types
//! ([`crate::generated::Cart`], ...) are handles on the resource itself. Both
//! keep everything they do not model, so a conversion either way loses
//! nothing: `to_generated` wraps the view's resource, `to_view` reads the
//! handle's resource into the view (and fails where the view's stricter
//! types, such as a non-negative quantity, refuse a value).

use crate::error::ModelError;
use crate::generated;
use crate::model::Model;
use crate::typed::TypedResource;

macro_rules! bridge {
    ($($view:ident => $generated:ident),* $(,)?) => {
        $(
            impl crate::$view {
                /// The generated handle on the same resource, with everything this view kept.
                pub fn to_generated(&self) -> generated::$generated {
                    generated::$generated::from_resource(Model::to_resource(self))
                }
            }

            impl generated::$generated {
                #[doc = concat!("Reads the resource into the hand-written [`crate::", stringify!($view), "`].")]
                pub fn to_view(&self) -> Result<crate::$view, ModelError> {
                    <crate::$view as Model>::from_resource(self.as_resource())
                }
            }
        )*
    };
}

bridge!(
    Cart => Cart,
    Item => Item,
    ItemOption => ItemOption,
    Attribute => Attribute,
    CustomField => CustomField,
    Discount => Discount,
    AppliedCouponCode => AppliedCouponCode,
    Coupon => Coupon,
    Customer => Customer,
    CustomerAddress => CustomerAddress,
    DefaultPaymentMethod => PaymentMethod,
    Transaction => Transaction,
    Subscription => Subscription,
    TemplateSet => TemplateSet,
    ItemCategory => ItemCategory,
    Store => Store,
);

//! Operations as state machines, as the clients run them.
//!
//! Every client operation, from a single GET to a charge, is a
//! [`foxy_proto::flow::Flow`] ending with this crate's [`Error`]: built
//! once (in [`crate::navigate`] and [`crate::ops`] from foxy-proto's
//! navigation, creation and charge flows), driven by the blocking or the
//! async loop of [`crate::drive`].

use crate::drive::Driven;
use crate::error::Error;

/// A whole operation ending with `T` or an [`Error`].
pub type Flow<T> = foxy_proto::flow::Flow<T, Error>;

/// A continuation step of a [`Flow`].
pub(crate) type Next<T> = foxy_proto::flow::Next<T, Error>;

impl<T> Driven for Flow<T> {
    fn label(&self) -> &str {
        Flow::label(self)
    }

    fn attempt(&self) -> u32 {
        Flow::attempt(self)
    }
}

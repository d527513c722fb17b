//! Whole numbers from JavaScript (`f64`) checked before they reach the core.

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

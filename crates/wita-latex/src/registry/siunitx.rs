//! siunitx: numbers, printed as written.

use super::Handler::Command;
use super::core::text_box;
use super::{Entry, entry};

#[rustfmt::skip]
pub(super) const ENTRIES: &[Entry] = &[
    entry("num", "o m", Command(text_box), "a number, as written"),
];

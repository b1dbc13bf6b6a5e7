//! multibib: `\newcites{web}{Title}` makes `\citeweb`, `\nociteweb`,
//! `\bibliographyweb` and `\bibliographystyleweb`, which mean what
//! `\cite`, `\nocite`, `\bibliography` and `\bibliographystyle` mean (an
//! entry has one cite.bib).

use wita_diag::Span;
use wita_doc::Content;

use super::Handler::Command;
use super::{Entry, entry};
use crate::lex::detokenize;
use crate::reader::Reader;

fn newcites(r: &mut Reader<'_>, name: &str, span: Span, _: &mut Content) {
    let (suffixes, _) = r.expect_arg(name, span);
    r.expect_arg(name, span);
    for suffix in detokenize(&suffixes).split(',') {
        let suffix = suffix.trim();
        if !suffix.is_empty() && suffix.chars().all(|c| c.is_ascii_alphabetic()) {
            r.cite_suffixes.push(suffix.to_owned());
        }
    }
}

/// The command a multibib command stands for (`\citeweb` → `cite`).
pub(super) fn base(r: &Reader<'_>, name: &str) -> Option<&'static str> {
    r.cite_suffixes.iter().find_map(|suffix| {
        Some(match name.strip_suffix(suffix.as_str())? {
            "cite" => "cite",
            "nocite" => "nocite",
            "bibliography" => "bibliography",
            "bibliographystyle" => "bibliographystyle",
            _ => return None,
        })
    })
}

#[rustfmt::skip]
pub(super) const ENTRIES: &[Entry] = &[
    entry("newcites", "m m", Command(newcites), "defines `\\cite<suffix>` and its relatives, read as `\\cite` and its relatives"),
];

//! TeX's conditionals, as far as they can be decided without running TeX:
//! `\iftrue`, `\iffalse` (the usual way to comment out a passage) and the
//! conditionals of `\newif` (`\newif\ifdraft`, `\drafttrue`, `\ifdraft …
//! \else … \fi`), and TeX's mode tests as text is read (in a paragraph,
//! not in math). The branch not taken is skipped token by token, counting
//! the conditionals nested in it, as TeX skips it. Conditionals that test
//! what only TeX knows (`\ifx`, `\ifnum`, `\ifdefined`) are not decided:
//! they stay unknown commands, with a warning, and both branches print.
//! The engine tests of ifpdf, ifxetex, ifluatex and iftex answer as they do
//! under XeLaTeX, the engine wita stands in for.

use wita_diag::Span;
use wita_diag::codes;

use crate::lex::TokenKind;
use crate::reader::Reader;

/// TeX's own conditionals: they nest in a skipped branch like any other.
const PRIMITIVES: &[&str] = &[
    "if",
    "ifcat",
    "ifx",
    "ifnum",
    "ifdim",
    "ifodd",
    "ifcase",
    "ifvmode",
    "ifhmode",
    "ifmmode",
    "ifinner",
    "ifvoid",
    "ifhbox",
    "ifvbox",
    "ifeof",
    "iftrue",
    "iffalse",
    "ifdefined",
    "ifcsname",
    "iffontchar",
    "ifincsname",
    "ifpdfprimitive",
];

/// The engine tests (ifpdf's `\ifpdf`, ifxetex's `\ifxetex`, iftex's
/// `\ifXeTeX` …) and their values under XeLaTeX: a document's `\ifpdf
/// … \else … \fi` prints the branch XeLaTeX prints. A document's own
/// `\newif` of the same name replaces the value.
const ENGINE: &[(&str, bool)] = &[
    ("pdf", false),
    ("pdftex", false),
    ("PDFTeX", false),
    ("xetex", true),
    ("XeTeX", true),
    ("luatex", false),
    ("LuaTeX", false),
    ("LuaHBTeX", false),
    ("vtex", false),
    ("VTeX", false),
    ("ptex", false),
    ("pTeX", false),
    ("uptex", false),
    ("upTeX", false),
];

/// The conditionals a reader starts with: the engine's.
pub(crate) fn engine() -> std::collections::HashMap<String, bool> {
    ENGINE
        .iter()
        .map(|&(name, value)| (name.to_owned(), value))
        .collect()
}

impl Reader<'_> {
    /// Reads `\name` if it is a conditional this reader decides (or sets,
    /// or ends); returns whether it was one.
    pub(crate) fn conditional(&mut self, name: &str, span: Span) -> bool {
        for (suffix, value) in [("true", true), ("false", false)] {
            if let Some(base) = name.strip_suffix(suffix)
                && self.conditionals.contains_key(base)
            {
                self.conditionals.insert(base.to_owned(), value);
                return true;
            }
        }
        let value = match name {
            "iftrue" => Some(true),
            "iffalse" => Some(false),
            // TeX's mode tests, read where text is read: in a paragraph
            // (`\ifhmode\unskip\fi` in a macro), not in math, not in a
            // box of its own.
            "ifhmode" => Some(true),
            "ifvmode" | "ifmmode" | "ifinner" => Some(false),
            _ => name
                .strip_prefix("if")
                .and_then(|base| self.conditionals.get(base).copied()),
        };
        if let Some(value) = value {
            if value || self.skip_branch(span) {
                // Reading the branch taken, up to its `\else` or `\fi`.
                self.open_conditionals += 1;
            }
            return true;
        }
        match name {
            "else" if self.open_conditionals > 0 => {
                // The end of the branch taken: the other is skipped.
                self.skip_branch(span);
                self.open_conditionals -= 1;
                true
            }
            "fi" if self.open_conditionals > 0 => {
                self.open_conditionals -= 1;
                true
            }
            _ => false,
        }
    }

    fn starts_conditional(&self, name: &str) -> bool {
        PRIMITIVES.contains(&name)
            || name
                .strip_prefix("if")
                .is_some_and(|base| self.conditionals.contains_key(base))
    }

    /// Skips tokens up to the `\else` (then returns `true`: its branch is
    /// read) or the `\fi` (`false`) of the conditional being skipped.
    fn skip_branch(&mut self, span: Span) -> bool {
        let mut depth = 0usize;
        while let Some(token) = self.next() {
            let TokenKind::Command(name) = &token.kind else {
                continue;
            };
            match name.as_str() {
                "fi" if depth == 0 => return false,
                "fi" => depth -= 1,
                "else" if depth == 0 => return true,
                n if self.starts_conditional(n) => depth += 1,
                _ => {}
            }
        }
        self.warn(
            codes::UNBALANCED,
            span,
            "this conditional has no `\\fi`: the rest of the file is skipped",
        );
        false
    }
}

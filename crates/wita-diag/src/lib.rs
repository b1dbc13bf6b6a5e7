//! Source files, spans and diagnostics shared by every stage of the pipeline.
//!
//! Every stage reports problems as [`Diagnostic`]s that point at a [`Span`] in a
//! [`SourceFile`] registered in one [`Sources`] table; the CLI renders them
//! rustc-style (`--> path:line:column` and a snippet) with codespan-reporting.

pub mod codes;
mod render;
mod source;

pub use codes::Code;
pub use render::{Color, Renderer, Style};
pub use source::{FileId, LineCol, SourceFile, Sources, Span, native_path};

use std::fmt;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing, nothing wrong (`wita check`'s hints).
    Note,
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One problem found in the sources, with where it is and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The kind of problem ([`codes`]), stable across versions.
    pub code: Code,
    pub message: String,
    /// The primary location; `None` for problems that belong to no file.
    pub span: Option<Span>,
    /// The text under the primary location's caret.
    pub label: Option<String>,
    /// Further locations with their own labels (e.g. "defined here").
    pub secondary: Vec<(Span, String)>,
    /// Free-form notes, printed as `= note: ...`.
    pub notes: Vec<String>,
    /// Suggestions, printed as `= help: ...`.
    pub help: Vec<String>,
}

impl Diagnostic {
    pub fn error(code: Code, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, message)
    }

    pub fn warning(code: Code, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message)
    }

    pub fn note(code: Code, message: impl Into<String>) -> Self {
        Self::new(Severity::Note, code, message)
    }

    fn new(severity: Severity, code: Code, message: impl Into<String>) -> Self {
        Self {
            severity,
            code,
            message: shorten(message.into()),
            span: None,
            label: None,
            secondary: Vec::new(),
            notes: Vec::new(),
            help: Vec::new(),
        }
    }

    pub fn at(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }

    pub fn at_opt(mut self, span: Option<Span>) -> Self {
        self.span = span;
        self
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn with_secondary(mut self, span: Span, label: impl Into<String>) -> Self {
        self.secondary.push((span, label.into()));
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help.push(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The longest message kept whole, in characters.
const MAX_MESSAGE_CHARS: usize = 200;

/// A message that quotes what it is about (a name of 5000 braces) is cut in
/// its middle, so that it stays one readable line.
pub(crate) fn shorten(message: String) -> String {
    let count = message.chars().count();
    if count <= MAX_MESSAGE_CHARS {
        return message;
    }
    let keep = MAX_MESSAGE_CHARS / 2;
    let head: String = message.chars().take(keep).collect();
    let tail: String = message.chars().skip(count - keep).collect();
    format!("{head}…{tail}")
}

/// A collector that stages push their findings into.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn last_mut(&mut self) -> Option<&mut Diagnostic> {
        self.items.last_mut()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.items.iter()
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }

    /// Keeps the first `limit` diagnostics of each kind (the same severity
    /// and [`Code`]) and drops the rest, saying how many on the last one
    /// kept: a flood of one kind of mistake reads as one report.
    pub fn fold_repeats(&mut self, limit: usize) {
        let mut counts: std::collections::HashMap<(Severity, Code), usize> =
            std::collections::HashMap::new();
        for d in &self.items {
            *counts.entry((d.severity, d.code)).or_default() += 1;
        }
        if counts.values().all(|&n| n <= limit) {
            return;
        }
        let mut seen: std::collections::HashMap<(Severity, Code), usize> =
            std::collections::HashMap::new();
        let mut kept = Vec::with_capacity(self.items.len());
        for mut d in std::mem::take(&mut self.items) {
            let key = (d.severity, d.code);
            let n = seen.entry(key).or_default();
            *n += 1;
            if *n > limit {
                continue;
            }
            let total = counts[&key];
            if *n == limit && total > limit {
                d.notes.push(format!(
                    "{} more like this are not shown ({total} in all)",
                    total - limit
                ));
            }
            kept.push(d);
        }
        self.items = kept;
    }

    /// Drops the errors pushed since the first `from` diagnostics that point
    /// into `file`; returns how many. (What wita cannot follow in a file it
    /// reads on its own accord, such as a package, is not the author's error.)
    pub fn drop_errors_from(&mut self, from: usize, file: FileId) -> usize {
        let before = self.items.len();
        let mut i = 0;
        self.items.retain(|d| {
            i += 1;
            i <= from || !(d.is_error() && d.span.is_some_and(|s| s.file == file))
        });
        before - self.items.len()
    }

    /// Drops every diagnostic that points into `file`; returns how many
    /// were errors and how many in all.
    pub fn drop_in_file(&mut self, file: FileId) -> (usize, usize) {
        let (mut errors, before) = (0, self.items.len());
        self.items.retain(|d| {
            let inside = d.span.is_some_and(|s| s.file == file);
            errors += usize::from(inside && d.is_error());
            !inside
        });
        (errors, before - self.items.len())
    }

    /// Drops exact repeats (the same message at the same place), keeping the
    /// first, so that a construct expanded many times warns once per place.
    pub fn dedup(&mut self) {
        let mut seen = std::collections::HashSet::new();
        self.items
            .retain(|d| seen.insert((d.severity, d.code, d.message.clone(), d.span)));
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl Extend<Diagnostic> for Diagnostics {
    fn extend<T: IntoIterator<Item = Diagnostic>>(&mut self, iter: T) {
        self.items.extend(iter);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_messages_are_cut_in_the_middle() {
        let d = Diagnostic::error(
            codes::UNKNOWN_COMMAND,
            format!("unknown `{}` here", "{".repeat(1000)),
        );
        assert_eq!(d.message.chars().count(), 201);
        assert!(d.message.starts_with("unknown `{") && d.message.ends_with("{` here"));
    }

    #[test]
    fn repeats_fold_after_the_limit_with_a_count() {
        let mut d = Diagnostics::new();
        // Repeats of a kind, whatever their messages.
        for i in 0..50 {
            d.push(Diagnostic::warning(
                codes::UNKNOWN_COMMAND,
                format!("unknown command `\\x{i}`"),
            ));
        }
        d.push(Diagnostic::warning(codes::UNKNOWN_ENVIRONMENT, "other"));
        d.push(Diagnostic::error(codes::UNKNOWN_COMMAND, "an error"));
        d.fold_repeats(20);
        assert_eq!(d.len(), 22);
        let notes: Vec<&String> = d.iter().flat_map(|d| &d.notes).collect();
        assert_eq!(notes, ["30 more like this are not shown (50 in all)"]);
        assert_eq!(d.error_count(), 1);
    }
}

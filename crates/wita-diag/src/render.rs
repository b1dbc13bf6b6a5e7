//! Rendering diagnostics rustc-style with codespan-reporting.

use std::io;
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream, WriteColor};
use codespan_reporting::term::{self, Config, DisplayStyle, Styles, StylesWriter};

use crate::{Diagnostic, FileId, Severity, Sources};

/// How much of a diagnostic to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Style {
    /// Message, `--> path:line:column` and the source snippet.
    #[default]
    Rich,
    /// One line: `path:line:column: error: message`.
    Short,
}

/// Prints diagnostics against a [`Sources`] table.
pub struct Renderer<'a> {
    sources: &'a Sources,
    config: Config,
}

impl<'a> Renderer<'a> {
    pub fn new(sources: &'a Sources, style: Style) -> Self {
        let display_style = match style {
            Style::Rich => DisplayStyle::Rich,
            Style::Short => DisplayStyle::Short,
        };
        Self {
            sources,
            config: Config {
                display_style,
                ..Config::default()
            },
        }
    }

    /// Renders to a plain string (no colour).
    pub fn to_string(&self, diagnostic: &Diagnostic) -> String {
        let cs = convert(diagnostic);
        term::emit_into_string(&self.config, &Adapter(self.sources), &cs)
            .unwrap_or_else(|_| format!("{}: {}\n", diagnostic.severity, diagnostic.message))
    }

    /// Writes to a colour-capable stream.
    pub fn write(&self, out: &mut dyn WriteColor, diagnostic: &Diagnostic) -> io::Result<()> {
        let cs = convert(diagnostic);
        let styles = Styles::default();
        let mut writer = StylesWriter::new(out, &styles);
        term::emit_to_write_style(&mut writer, &self.config, &Adapter(self.sources), &cs)
            .map_err(io::Error::other)
    }

    /// Writes to standard error, in colour when it is a terminal.
    pub fn eprint(&self, diagnostic: &Diagnostic) {
        let choice = if io::IsTerminal::is_terminal(&io::stderr()) {
            ColorChoice::Auto
        } else {
            ColorChoice::Never
        };
        let stream = StandardStream::stderr(choice);
        let mut lock = stream.lock();
        if self.write(&mut lock, diagnostic).is_err() {
            eprintln!("{}: {}", diagnostic.severity, diagnostic.message);
        }
    }
}

fn convert(d: &Diagnostic) -> CsDiagnostic<FileId> {
    let mut cs = match d.severity {
        Severity::Error => CsDiagnostic::error(),
        Severity::Warning => CsDiagnostic::warning(),
    }
    .with_message(&d.message);
    let mut labels = Vec::new();
    if let Some(span) = d.span {
        let mut label = Label::primary(span.file, span.range());
        if let Some(text) = &d.label {
            label = label.with_message(text);
        }
        labels.push(label);
    }
    for (span, text) in &d.secondary {
        labels.push(Label::secondary(span.file, span.range()).with_message(text));
    }
    let mut notes: Vec<String> = d.notes.iter().map(|n| format!("note: {n}")).collect();
    notes.extend(d.help.iter().map(|h| format!("help: {h}")));
    cs = cs.with_labels(labels).with_notes(notes);
    cs
}

/// Lets codespan-reporting read our files.
struct Adapter<'a>(&'a Sources);

impl<'f> Files<'f> for Adapter<'_> {
    type FileId = FileId;
    type Name = String;
    type Source = std::sync::Arc<str>;

    fn name(&'f self, id: FileId) -> Result<String, FilesError> {
        Ok(self
            .0
            .try_get(id)
            .ok_or(FilesError::FileMissing)?
            .name()
            .to_owned())
    }

    fn source(&'f self, id: FileId) -> Result<std::sync::Arc<str>, FilesError> {
        Ok(self
            .0
            .try_get(id)
            .ok_or(FilesError::FileMissing)?
            .text()
            .clone())
    }

    fn line_index(&'f self, id: FileId, byte_index: usize) -> Result<usize, FilesError> {
        Ok(self
            .0
            .try_get(id)
            .ok_or(FilesError::FileMissing)?
            .line_index(byte_index))
    }

    fn line_range(&'f self, id: FileId, line_index: usize) -> Result<Range<usize>, FilesError> {
        let file = self.0.try_get(id).ok_or(FilesError::FileMissing)?;
        // codespan wants the range including the line break.
        let range = file
            .line_range(line_index)
            .ok_or(FilesError::LineTooLarge {
                given: line_index,
                max: file.line_index(file.text().len()),
            })?;
        let end = if range.end < file.text().len() {
            range.end + 1
        } else {
            range.end
        };
        Ok(range.start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Span;

    #[test]
    fn rich_output_names_path_line_column_and_shows_the_line() {
        let sources = Sources::new();
        let id = sources.add("entry/x/main.tex", "intro\nsee \\cite{nokey} here\n");
        let start = "intro\nsee \\cite{".len();
        let d = Diagnostic::error("no entry `nokey` in cite.bib")
            .at(Span::new(id, start..start + 5))
            .with_label("cited here")
            .with_help("add it to entry/x/cite.bib");
        let text = Renderer::new(&sources, Style::Rich).to_string(&d);
        assert!(
            text.contains("error: no entry `nokey` in cite.bib"),
            "{text}"
        );
        assert!(text.contains("entry/x/main.tex:2:11"), "{text}");
        assert!(text.contains("see \\cite{nokey} here"), "{text}");
        assert!(text.contains("help: add it"), "{text}");
    }

    #[test]
    fn short_output_is_one_line() {
        let sources = Sources::new();
        let id = sources.add("a.toml", "x = 1\n");
        let d = Diagnostic::warning("odd").at(Span::new(id, 4..5));
        let text = Renderer::new(&sources, Style::Short).to_string(&d);
        assert!(text.starts_with("a.toml:1:5: warning"), "{text}");
    }

    #[test]
    fn diagnostics_without_a_file_still_print() {
        let sources = Sources::new();
        let text = Renderer::new(&sources, Style::Rich).to_string(&Diagnostic::error("boom"));
        assert!(text.contains("error: boom"));
    }
}

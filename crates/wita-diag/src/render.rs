//! Rendering diagnostics rustc-style with codespan-reporting.

use std::io::{self, Write as _};
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::termcolor::{
    Color as TermColor, ColorChoice, ColorSpec, StandardStream, WriteColor,
};
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

/// When diagnostics on standard error are coloured (`--color`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Color {
    /// On a terminal that can show colour (the CLI, the one reader of the
    /// environment, makes `NO_COLOR` mean `Never`).
    #[default]
    Auto,
    Always,
    Never,
}

impl Color {
    /// termcolor's choice for standard error. `Auto` leaves the rest to
    /// termcolor: `TERM=dumb` and, on Windows, a console without ANSI support
    /// (which it colours through the console API instead).
    fn choice(self, is_terminal: bool) -> ColorChoice {
        match self {
            Color::Always => ColorChoice::Always,
            Color::Never => ColorChoice::Never,
            // A pipe or a file gets no escape codes.
            Color::Auto if !is_terminal => ColorChoice::Never,
            Color::Auto => ColorChoice::Auto,
        }
    }
}

/// Prints diagnostics against a [`Sources`] table.
pub struct Renderer<'a> {
    sources: &'a Sources,
    config: Config,
    color: Color,
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
            color: Color::Auto,
        }
    }

    /// Colours [`eprint`](Self::eprint)'s output as `color` says.
    pub fn with_color(mut self, color: Color) -> Self {
        self.color = color;
        self
    }

    /// Renders to a plain string (no colour).
    pub fn to_string(&self, diagnostic: &Diagnostic) -> String {
        let adapter = Adapter::new(self.sources, diagnostic);
        let cs = adapter.remap(convert(diagnostic));
        term::emit_into_string(&self.config, &adapter, &cs)
            .unwrap_or_else(|_| format!("{}: {}\n", diagnostic.severity, diagnostic.message))
    }

    /// Writes to a colour-capable stream.
    pub fn write(&self, out: &mut dyn WriteColor, diagnostic: &Diagnostic) -> io::Result<()> {
        let adapter = Adapter::new(self.sources, diagnostic);
        let cs = adapter.remap(convert(diagnostic));
        let styles = Styles::default();
        let mut writer = StylesWriter::new(out, &styles);
        term::emit_to_write_style(&mut writer, &self.config, &adapter, &cs)
            .map_err(io::Error::other)
    }

    /// Writes to standard error, in colour where its [`Color`] allows.
    pub fn eprint(&self, diagnostic: &Diagnostic) {
        let choice = self
            .color
            .choice(io::IsTerminal::is_terminal(&io::stderr()));
        let stream = StandardStream::stderr(choice);
        let mut lock = stream.lock();
        if self.write(&mut lock, diagnostic).is_err() {
            eprintln!("{}: {}", diagnostic.severity, diagnostic.message);
        }
    }
}

impl Renderer<'_> {
    /// A command's closing line about its problems (`error: build failed:
    /// 2 errors`), styled as a diagnostic's first line but with no code: it
    /// is no problem of its own, only their count (as rustc's "aborting due
    /// to 2 previous errors").
    pub fn eprint_summary(&self, severity: Severity, text: &str) {
        let choice = self
            .color
            .choice(io::IsTerminal::is_terminal(&io::stderr()));
        let stream = StandardStream::stderr(choice);
        let mut out = stream.lock();
        let colour = match severity {
            Severity::Error => TermColor::Red,
            Severity::Warning => TermColor::Yellow,
            Severity::Note => TermColor::Green,
        };
        let _ = out.set_color(ColorSpec::new().set_fg(Some(colour)).set_bold(true));
        let _ = write!(out, "{severity}");
        let _ = out.set_color(ColorSpec::new().set_bold(true));
        let _ = write!(out, ": {text}");
        let _ = out.reset();
        let _ = writeln!(out);
    }
}

fn convert(d: &Diagnostic) -> CsDiagnostic<FileId> {
    let mut cs = match d.severity {
        Severity::Error => CsDiagnostic::error(),
        Severity::Warning => CsDiagnostic::warning(),
        Severity::Note => CsDiagnostic::note(),
    }
    .with_code(d.code.name())
    .with_message(crate::shorten(d.message.clone()));
    let mut labels = Vec::new();
    if let Some(span) = d.span {
        let mut label = Label::primary(span.file, span.range());
        if let Some(text) = &d.label {
            label = label.with_message(crate::shorten(text.clone()));
        }
        labels.push(label);
    }
    for (span, text) in &d.secondary {
        labels.push(
            Label::secondary(span.file, span.range()).with_message(crate::shorten(text.clone())),
        );
    }
    // Messages quote the source; a quote of 5000 braces is cut.
    let mut notes: Vec<String> = d
        .notes
        .iter()
        .map(|n| crate::shorten(format!("note: {n}")))
        .collect();
    notes.extend(d.help.iter().map(|h| crate::shorten(format!("help: {h}"))));
    cs = cs.with_labels(labels).with_notes(notes);
    cs
}

/// A source line longer than this (in characters) is shown cut around the
/// diagnostic's place, so that one mistake in a long line (a minified or
/// generated file, 5000 braces) prints a line of reasonable length.
const MAX_LINE_CHARS: usize = 160;
/// How much of a long line is shown: this many characters before the place…
const BEFORE_CHARS: usize = 40;
/// …and this many in all.
const WINDOW_CHARS: usize = 120;
const ELLIPSIS: &str = "…";

/// The long line of a diagnostic's primary place, cut: the file's text with
/// that line replaced by `…` + a window of it + `…`.
struct Window {
    file: FileId,
    /// The line's start and end in the original text.
    line: Range<usize>,
    /// The part of the line that is kept (original bytes).
    keep: Range<usize>,
    /// The bytes written before the kept part (the `…`, or nothing).
    before: usize,
    /// The cut line's length in bytes.
    cut_len: usize,
    /// The cut text, and codespan's view of its lines.
    text: std::sync::Arc<str>,
    lines: codespan_reporting::files::SimpleFile<String, std::sync::Arc<str>>,
}

impl Window {
    fn new(sources: &Sources, d: &Diagnostic) -> Option<Self> {
        let span = d.span?;
        let file = sources.try_get(span.file)?;
        let text = file.text();
        let start = span.range().start.min(text.len());
        let line = file.line_range(file.line_index(start))?;
        let line_text = &text[line.clone()];
        if line_text.chars().count() <= MAX_LINE_CHARS {
            return None;
        }
        // Character boundaries `BEFORE_CHARS` before the place and
        // `WINDOW_CHARS` after that.
        let before_place = &text[line.start..start];
        let keep_start = before_place
            .char_indices()
            .rev()
            .nth(BEFORE_CHARS.saturating_sub(1))
            .map_or(line.start, |(i, _)| line.start + i);
        let keep_end = text[keep_start..line.end]
            .char_indices()
            .nth(WINDOW_CHARS)
            .map_or(line.end, |(i, _)| keep_start + i);
        let mut cut = String::with_capacity(text.len() - line.len() + WINDOW_CHARS * 4 + 6);
        cut.push_str(&text[..line.start]);
        let before = if keep_start > line.start {
            cut.push_str(ELLIPSIS);
            ELLIPSIS.len()
        } else {
            0
        };
        cut.push_str(&text[keep_start..keep_end]);
        if keep_end < line.end {
            cut.push_str(ELLIPSIS);
        }
        let cut_len = cut.len() - line.start;
        cut.push_str(&text[line.end..]);
        let cut: std::sync::Arc<str> = cut.into();
        Some(Self {
            file: span.file,
            line,
            keep: keep_start..keep_end,
            before,
            cut_len,
            lines: codespan_reporting::files::SimpleFile::new(file.name().to_owned(), cut.clone()),
            text: cut,
        })
    }

    /// Where an original byte is in the cut text.
    fn map(&self, byte: usize) -> usize {
        if byte < self.line.start {
            return byte;
        }
        if byte > self.line.end {
            return byte - self.line.end + self.line.start + self.cut_len;
        }
        let clamped = byte.clamp(self.keep.start, self.keep.end);
        self.line.start + self.before + (clamped - self.keep.start)
    }

    /// The original byte of a byte of the cut line.
    fn unmap(&self, byte: usize) -> usize {
        let offset = byte.saturating_sub(self.line.start + self.before);
        (self.keep.start + offset).min(self.keep.end)
    }
}

/// Lets codespan-reporting read our files (with a diagnostic's long line cut).
struct Adapter<'a> {
    sources: &'a Sources,
    window: Option<Window>,
}

impl<'a> Adapter<'a> {
    fn new(sources: &'a Sources, d: &Diagnostic) -> Self {
        Self {
            sources,
            window: Window::new(sources, d),
        }
    }

    fn window_for(&self, id: FileId) -> Option<&Window> {
        self.window.as_ref().filter(|w| w.file == id)
    }

    /// The labels' ranges, in the cut text where a line is cut.
    fn remap(&self, mut cs: CsDiagnostic<FileId>) -> CsDiagnostic<FileId> {
        for label in &mut cs.labels {
            // A label is shown on its first line only (a span over a
            // thousand lines would print them all).
            if let Some(file) = self.sources.try_get(label.file_id) {
                let start = label.range.start.min(file.text().len());
                if let Some(line) = file.line_range(file.line_index(start)) {
                    label.range.end = label.range.end.min(line.end.max(start));
                }
            }
            if let Some(w) = self.window_for(label.file_id) {
                let start = w.map(label.range.start);
                let end = w.map(label.range.end).max(start);
                label.range = start..end;
            }
        }
        cs
    }
}

impl<'f> Files<'f> for Adapter<'_> {
    type FileId = FileId;
    type Name = String;
    type Source = std::sync::Arc<str>;

    fn name(&'f self, id: FileId) -> Result<String, FilesError> {
        Ok(self
            .sources
            .try_get(id)
            .ok_or(FilesError::FileMissing)?
            .name()
            .to_owned())
    }

    fn source(&'f self, id: FileId) -> Result<std::sync::Arc<str>, FilesError> {
        if let Some(w) = self.window_for(id) {
            return Ok(w.text.clone());
        }
        Ok(self
            .sources
            .try_get(id)
            .ok_or(FilesError::FileMissing)?
            .text()
            .clone())
    }

    fn line_index(&'f self, id: FileId, byte_index: usize) -> Result<usize, FilesError> {
        if let Some(w) = self.window_for(id) {
            return w.lines.line_index((), byte_index);
        }
        Ok(self
            .sources
            .try_get(id)
            .ok_or(FilesError::FileMissing)?
            .line_index(byte_index))
    }

    /// The column as in the file (not in the cut line).
    fn column_number(
        &'f self,
        id: FileId,
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, FilesError> {
        if let Some(w) = self.window_for(id)
            && w.lines.line_range((), line_index)?.start == w.line.start
        {
            let file = self.sources.try_get(id).ok_or(FilesError::FileMissing)?;
            let original = w.unmap(byte_index);
            return Ok(file.text()[w.line.start..original].chars().count() + 1);
        }
        let source = self.source(id)?;
        let range = self.line_range(id, line_index)?;
        let end = byte_index.min(range.end).max(range.start);
        Ok(source
            .get(range.start..end)
            .map_or(0, |s| s.chars().count())
            + 1)
    }

    fn line_range(&'f self, id: FileId, line_index: usize) -> Result<Range<usize>, FilesError> {
        if let Some(w) = self.window_for(id) {
            return w.lines.line_range((), line_index);
        }
        let file = self.sources.try_get(id).ok_or(FilesError::FileMissing)?;
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
        let d = Diagnostic::error(
            crate::codes::MISSING_CITE_KEY,
            "no entry `nokey` in cite.bib",
        )
        .at(Span::new(id, start..start + 5))
        .with_label("cited here")
        .with_help("add it to entry/x/cite.bib");
        let text = Renderer::new(&sources, Style::Rich).to_string(&d);
        assert!(
            text.contains("error[missing-cite-key]: no entry `nokey` in cite.bib"),
            "{text}"
        );
        assert!(text.contains("entry/x/main.tex:2:11"), "{text}");
        assert!(text.contains("see \\cite{nokey} here"), "{text}");
        assert!(text.contains("help: add it"), "{text}");
    }

    #[test]
    fn a_long_line_is_cut_around_the_place_and_keeps_its_column() {
        let sources = Sources::new();
        let line = format!("{}\\oops{}", "a".repeat(5000), "b".repeat(5000));
        let text = format!("first line\n{line}\nlast\n");
        let id = sources.add("main.tex", text.as_str());
        let at = text.find("\\oops").unwrap();
        let d =
            Diagnostic::error(crate::codes::MISSING_CITE_KEY, "bad").at(Span::new(id, at..at + 5));
        let out = Renderer::new(&sources, Style::Rich).to_string(&d);
        assert!(out.contains("main.tex:2:5001"), "{out}");
        assert!(
            out.contains("…aaaa") && out.contains("\\oopsbbb") && out.contains("b…"),
            "{out}"
        );
        let longest = out.lines().map(|l| l.chars().count()).max().unwrap();
        assert!(longest < 200, "{longest}: {out}");
        // The caret is under the place.
        let shown = out.lines().find(|l| l.contains("\\oops")).unwrap();
        let caret = out.lines().find(|l| l.contains('^')).unwrap();
        assert_eq!(
            shown.chars().position(|c| c == '\\'),
            caret.chars().position(|c| c == '^'),
            "{out}"
        );
    }

    #[test]
    fn short_output_is_one_line() {
        let sources = Sources::new();
        let id = sources.add("a.toml", "x = 1\n");
        let d = Diagnostic::warning(crate::codes::MISSING_CITE_KEY, "odd").at(Span::new(id, 4..5));
        let text = Renderer::new(&sources, Style::Short).to_string(&d);
        assert!(text.starts_with("a.toml:1:5: warning"), "{text}");
    }

    #[test]
    fn diagnostics_without_a_file_still_print() {
        let sources = Sources::new();
        let text = Renderer::new(&sources, Style::Rich)
            .to_string(&Diagnostic::error(crate::codes::MISSING_CITE_KEY, "boom"));
        assert!(text.contains("error[missing-cite-key]: boom"));
    }

    #[test]
    fn colour_only_on_a_terminal_without_no_color_unless_asked() {
        assert_eq!(Color::Auto.choice(true), ColorChoice::Auto);
        assert_eq!(Color::Auto.choice(false), ColorChoice::Never);
        assert_eq!(Color::Never.choice(true), ColorChoice::Never);
        assert_eq!(Color::Always.choice(false), ColorChoice::Always);
    }

    #[test]
    fn colour_is_escape_codes_in_the_output() {
        let sources = Sources::new();
        let d = Diagnostic::error(crate::codes::MISSING_CITE_KEY, "boom");
        let renderer = Renderer::new(&sources, Style::Rich);
        let mut plain = codespan_reporting::term::termcolor::NoColor::new(Vec::new());
        renderer.write(&mut plain, &d).unwrap();
        assert!(!plain.into_inner().contains(&0x1b));
        let mut ansi = codespan_reporting::term::termcolor::Ansi::new(Vec::new());
        renderer.write(&mut ansi, &d).unwrap();
        assert!(ansi.into_inner().contains(&0x1b));
    }
}

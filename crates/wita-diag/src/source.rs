use std::ops::Range;
use std::sync::{Arc, RwLock};

/// Identifies a file registered in a [`Sources`] table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(u32);

impl FileId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A byte range in a registered file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, range: Range<usize>) -> Self {
        Self {
            file,
            start: clamp(range.start),
            end: clamp(range.end.max(range.start)),
        }
    }

    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The smallest span covering both (they must be in the same file; if not,
    /// `self` is returned unchanged).
    pub fn join(self, other: Span) -> Span {
        if self.file != other.file {
            return self;
        }
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// An empty span at this span's start.
    pub fn start_point(self) -> Span {
        Span {
            end: self.start,
            ..self
        }
    }
}

fn clamp(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// 1-based line and column (the column counts characters, like rustc).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// One file's text, under the name diagnostics print for it.
#[derive(Debug)]
pub struct SourceFile {
    name: String,
    text: Arc<str>,
    line_starts: Vec<usize>,
}

impl SourceFile {
    fn new(name: String, text: Arc<str>) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            name,
            text,
            line_starts,
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The name with `/` between folders, whatever the platform: what
    /// machine-read output (JSON, GitHub's annotations) and lookups by
    /// journal path use, where [`name`](Self::name) is what a person reads.
    pub fn key(&self) -> std::borrow::Cow<'_, str> {
        slashed(&self.name)
    }

    pub fn text(&self) -> &Arc<str> {
        &self.text
    }

    /// The 0-based line holding `byte`.
    pub fn line_index(&self, byte: usize) -> usize {
        match self.line_starts.binary_search(&byte) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// The byte range of a 0-based line, without its line break.
    pub fn line_range(&self, line: usize) -> Option<Range<usize>> {
        let start = *self.line_starts.get(line)?;
        let end = self
            .line_starts
            .get(line + 1)
            .map_or(self.text.len(), |&next| next - 1);
        Some(start..end.max(start))
    }

    pub fn line_col(&self, byte: usize) -> LineCol {
        let byte = floor_char_boundary(&self.text, byte.min(self.text.len()));
        let line = self.line_index(byte);
        let start = self.line_starts[line];
        LineCol {
            line: line + 1,
            column: self.text[start..byte].chars().count() + 1,
        }
    }

    /// The byte offset of a 1-based line and column, if the file has it.
    pub fn offset(&self, lc: LineCol) -> Option<usize> {
        let range = self.line_range(lc.line.checked_sub(1)?)?;
        let line = &self.text[range.clone()];
        let col = lc.column.checked_sub(1)?;
        let within = line.char_indices().nth(col).map_or(line.len(), |(i, _)| i);
        Some(range.start + within)
    }

    pub fn snippet(&self, span: Span) -> &str {
        let range = span.range();
        let start = floor_char_boundary(&self.text, range.start.min(self.text.len()));
        let end = floor_char_boundary(&self.text, range.end.min(self.text.len()));
        &self.text[start..end.max(start)]
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The table of every file a build has read, shared between stages and threads.
///
/// Files are only ever added: a watch loop that re-reads a changed file gets a
/// new [`FileId`], so diagnostics of the previous build stay printable.
#[derive(Debug, Default)]
pub struct Sources {
    files: RwLock<Vec<Arc<SourceFile>>>,
}

impl Sources {
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers a file under the name diagnostics should print.
    pub fn add(&self, name: impl Into<String>, text: impl Into<Arc<str>>) -> FileId {
        let file = Arc::new(SourceFile::new(name.into(), text.into()));
        let mut files = self.files.write().unwrap_or_else(|e| e.into_inner());
        let id = FileId(u32::try_from(files.len()).expect("fewer than 2^32 files"));
        files.push(file);
        id
    }

    pub fn get(&self, id: FileId) -> Arc<SourceFile> {
        let files = self.files.read().unwrap_or_else(|e| e.into_inner());
        files[id.index()].clone()
    }

    pub fn try_get(&self, id: FileId) -> Option<Arc<SourceFile>> {
        let files = self.files.read().unwrap_or_else(|e| e.into_inner());
        files.get(id.index()).cloned()
    }

    pub fn len(&self) -> usize {
        self.files.read().unwrap_or_else(|e| e.into_inner()).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `path:line:column` of a span's start.
    pub fn location(&self, span: Span) -> String {
        let file = self.get(span.file);
        let lc = file.line_col(span.start as usize);
        format!("{}:{}:{}", file.name(), lc.line, lc.column)
    }
}

/// A path written with `/` (as the journal's paths are), shown with this
/// platform's separator: `issue\2025\202508.tex` on Windows.
pub fn native_path(path: &str) -> String {
    with_separator(path, std::path::MAIN_SEPARATOR)
}

fn with_separator(path: &str, separator: char) -> String {
    if separator == '/' {
        path.to_owned()
    } else {
        path.replace('/', &separator.to_string())
    }
}

/// The inverse of [`native_path`]. Only Windows' `\` is a separator: on Unix
/// it may be part of a file's name.
fn slashed(name: &str) -> std::borrow::Cow<'_, str> {
    if cfg!(windows) {
        name.replace('\\', "/").into()
    } else {
        name.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let sources = Sources::new();
        let id = sources.add("a.tex", "first\n知识 x\n\nlast");
        let file = sources.get(id);
        assert_eq!(file.line_col(0), LineCol { line: 1, column: 1 });
        let x = file.text().find('x').unwrap();
        assert_eq!(file.line_col(x), LineCol { line: 2, column: 4 });
        assert_eq!(file.offset(LineCol { line: 2, column: 4 }), Some(x));
        assert_eq!(
            file.line_col(file.text().len()),
            LineCol { line: 4, column: 5 }
        );
        assert_eq!(sources.location(Span::new(id, x..x + 1)), "a.tex:2:4");
    }

    #[test]
    fn offsets_inside_a_character_do_not_panic() {
        let sources = Sources::new();
        let id = sources.add("a", "知");
        let file = sources.get(id);
        assert_eq!(file.line_col(1), LineCol { line: 1, column: 1 });
        assert_eq!(file.snippet(Span::new(id, 1..2)), "");
        assert_eq!(file.snippet(Span::new(id, 0..99)), "知");
    }

    #[test]
    fn line_ranges_exclude_the_break() {
        let sources = Sources::new();
        let id = sources.add("a", "ab\ncd\n");
        let file = sources.get(id);
        assert_eq!(file.line_range(0), Some(0..2));
        assert_eq!(file.line_range(1), Some(3..5));
        assert_eq!(file.line_range(2), Some(6..6));
        assert_eq!(file.line_range(3), None);
    }

    #[test]
    fn paths_are_shown_with_the_platform_separator_and_keyed_with_slashes() {
        assert_eq!(
            with_separator("../journal/issue/2025/202508.tex", '\\'),
            "..\\journal\\issue\\2025\\202508.tex"
        );
        assert_eq!(with_separator("issue/a.tex", '/'), "issue/a.tex");
        let sources = Sources::new();
        let name = native_path("issue/2025/202508.tex");
        let id = sources.add(name.clone(), "x");
        let file = sources.get(id);
        assert_eq!(file.name(), name);
        assert_eq!(file.key(), "issue/2025/202508.tex");
        if cfg!(windows) {
            assert_eq!(name, "issue\\2025\\202508.tex");
        } else {
            assert_eq!(name, "issue/2025/202508.tex");
            // A backslash is part of a Unix file name, not a separator.
            assert_eq!(sources.get(sources.add("a\\b.tex", "")).key(), "a\\b.tex");
        }
    }
}

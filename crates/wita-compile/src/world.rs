use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{OnceLock, RwLock};

use typst::diag::{FileError, FileResult, PackageError, Severity, SourceDiagnostic, Warned};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_kit::files::{FileLoader, FileStore};
use typst_kit::fonts::FontStore;
use typst_layout::PagedDocument;
use wita_diag::{Diagnostic, Diagnostics, Span};

use crate::project::{Origin, Project};

/// The embedded fonts, loaded once per process.
fn fonts() -> &'static FontStore {
    static FONTS: OnceLock<FontStore> = OnceLock::new();
    FONTS.get_or_init(wita_fonts::font_store)
}

/// Characters of `text` that no embedded font has.
pub fn missing_characters(text: &str) -> Vec<char> {
    static COVERAGE: OnceLock<Vec<typst::text::Coverage>> = OnceLock::new();
    let coverage = COVERAGE.get_or_init(|| {
        let book = fonts().book();
        (0..)
            .map_while(|i| book.info(i))
            .map(|info| info.coverage.clone())
            .collect()
    });
    let mut missing = Vec::new();
    for c in text.chars() {
        if c.is_whitespace()
            || c.is_control()
            || matches!(
                c,
                '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}'
            )
        {
            continue;
        }
        if !coverage.iter().any(|cov| cov.contains(c as u32)) && !missing.contains(&c) {
            missing.push(c);
        }
    }
    missing
}

/// Serves generated files from memory and journal files from disk.
struct Loader {
    root: PathBuf,
    generated: RwLock<HashMap<FileId, Bytes>>,
}

impl FileLoader for Loader {
    fn load(&self, id: FileId) -> FileResult<Bytes> {
        if let VirtualRoot::Package(spec) = id.root() {
            // No packages: nothing is ever fetched.
            return Err(FileError::Package(PackageError::NotFound(spec.clone())));
        }
        if let Some(bytes) = self
            .generated
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(&id)
        {
            return Ok(bytes.clone());
        }
        let path = id
            .vpath()
            .realize(&self.root)
            .map_err(|_| FileError::AccessDenied)?;
        // The virtual path cannot climb out of the root, but a symlink can.
        match path.canonicalize() {
            Ok(real) if real.starts_with(&self.root) => {}
            Ok(_) => return Err(FileError::AccessDenied),
            Err(_) => return Err(FileError::NotFound(path)),
        }
        if path.is_dir() {
            return Err(FileError::IsDirectory);
        }
        std::fs::read(&path)
            .map(Bytes::new)
            .map_err(|e| FileError::from_io(e, &path))
    }
}

struct WitaWorld {
    library: LazyHash<Library>,
    files: FileStore<Loader>,
    /// The project's main file; each compilation sets it.
    main: Option<FileId>,
    today: Datetime,
}

impl World for WitaWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        fonts().book()
    }

    fn main(&self) -> FileId {
        self.main.expect("a compilation sets the main file first")
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.files.source(id)
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files.file(id)
    }

    fn font(&self, index: usize) -> Option<Font> {
        fonts().font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

/// The result of one compilation.
pub struct CompileOutput {
    pub document: Option<PagedDocument>,
    pub diagnostics: Diagnostics,
}

/// A compiler for one journal, kept alive between builds so that typst's
/// memoized work is reused (watch mode, benchmarks).
pub struct Compiler {
    world: WitaWorld,
    origins: HashMap<FileId, Origin>,
}

impl Compiler {
    /// A compiler reading journal files under `root` (canonical).
    pub fn new(root: &Path) -> Self {
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let world = WitaWorld {
            library: LazyHash::new(Library::builder().build()),
            files: FileStore::new(Loader {
                root,
                generated: RwLock::new(HashMap::new()),
            }),
            main: None,
            today: Datetime::from_ymd(1970, 1, 1).expect("a valid date"),
        };
        Self {
            world,
            origins: HashMap::new(),
        }
    }

    /// Compiles a project; problems are mapped to the LaTeX where possible.
    /// `today` is what typst's `datetime.today()` returns in this
    /// compilation (fixed, for reproducible output).
    pub fn compile(&mut self, project: &Project, today: (i32, u8, u8)) -> CompileOutput {
        {
            let loader = self.world.files.loader_mut();
            let mut generated = loader.generated.write().unwrap_or_else(|e| e.into_inner());
            generated.clear();
            self.origins.clear();
            for file in &project.files {
                let id = virtual_id(&file.path);
                generated.insert(id, Bytes::new(file.data.clone()));
                self.origins.insert(id, file.origin.clone());
            }
        }
        self.world.main = Some(virtual_id(&project.main));
        self.world.today = Datetime::from_ymd(today.0, today.1, today.2)
            .unwrap_or_else(|| Datetime::from_ymd(1970, 1, 1).expect("a valid date"));
        self.world.files.reset();
        let Warned { output, warnings } = typst::compile::<PagedDocument>(&self.world);
        let mut diagnostics = Diagnostics::new();
        let (document, errors) = match output {
            Ok(doc) => (Some(doc), Vec::new()),
            Err(errors) => (None, errors.to_vec()),
        };
        for diag in errors.iter().chain(warnings.iter()) {
            diagnostics.push(self.map(diag));
        }
        diagnostics.dedup();
        // Keep the memo cache from growing without bound across rebuilds.
        typst::comemo::evict(10);
        CompileOutput {
            document,
            diagnostics,
        }
    }

    /// typst's diagnostics about the last compiled document (what its PDF
    /// exporter reports), pointing at the LaTeX that produced them.
    pub fn map_diagnostics(&self, diags: &[SourceDiagnostic]) -> Diagnostics {
        let mut out = Diagnostics::new();
        for diag in diags {
            out.push(self.map(diag));
        }
        out.dedup();
        out
    }

    /// Turns a typst diagnostic into ours, pointing at the LaTeX that
    /// produced the failing markup.
    fn map(&self, diag: &SourceDiagnostic) -> Diagnostic {
        let mut out = match diag.severity {
            Severity::Error => Diagnostic::error(diag.message.to_string()),
            Severity::Warning => Diagnostic::warning(diag.message.to_string()),
        };
        let mut spans: Vec<typst::syntax::DiagSpan> = vec![diag.span];
        spans.extend(
            diag.trace
                .iter()
                .map(|t| typst::syntax::DiagSpan::from(t.span)),
        );
        let mut internal_place = None;
        for span in spans {
            match self.locate(span) {
                Located::Source(s) => {
                    out.span = Some(s);
                    break;
                }
                Located::Internal(place) => {
                    internal_place.get_or_insert(place);
                }
                Located::Nowhere => {}
            }
        }
        if out.span.is_none()
            && let Some(place) = internal_place
        {
            out.notes.push(format!("in wita's generated {place}"));
        }
        for hint in &diag.hints {
            out.help.push(hint.v.to_string());
        }
        out
    }

    fn locate(&self, span: typst::syntax::DiagSpan) -> Located {
        use typst::syntax::DiagSpanKind;
        let id = match span.get() {
            DiagSpanKind::Detached => return Located::Nowhere,
            DiagSpanKind::Number { id, .. } | DiagSpanKind::Range { id, .. } => id,
        };
        let Some(range) = self.world.range(span) else {
            return Located::Nowhere;
        };
        match self.origins.get(&id) {
            Some(Origin::Article(map)) => match map.find(range.start) {
                Some(s) => Located::Source(s),
                None => Located::Internal(id.vpath().get_with_slash().to_owned()),
            },
            Some(Origin::Internal) => {
                let line = self
                    .world
                    .source(id)
                    .ok()
                    .and_then(|s| s.lines().byte_to_line(range.start))
                    .map_or(String::new(), |l| format!(":{}", l + 1));
                Located::Internal(format!("{}{line}", id.vpath().get_with_slash()))
            }
            None => Located::Nowhere,
        }
    }
}

/// Drops typst's memoized work (comemo's cache, shared by every compiler
/// of the process). A process that compiles once and then exports has no
/// use for it, and the exports' memory comes on top of it.
pub fn forget_memoized() {
    typst::comemo::evict(0);
}

/// Where a span of the trace (`--timings`) is: a LaTeX source's place, or
/// a generated file's path and 1-based line.
pub enum TracePlace {
    Source(Span),
    Generated(String, u32),
}

impl Compiler {
    /// The place of a typst span in `--timings`' trace (typst-timing gives
    /// spans as raw numbers): the LaTeX that produced an article's markup,
    /// else the generated file and line.
    pub fn trace_place(&self, raw: std::num::NonZeroU64) -> Option<TracePlace> {
        let span = typst::syntax::Span::from_raw(raw);
        let id = span.id()?;
        let range = self.world.range(span)?;
        if let Some(Origin::Article(map)) = self.origins.get(&id)
            && let Some(s) = map.find(range.start)
        {
            return Some(TracePlace::Source(s));
        }
        let line = self
            .world
            .source(id)
            .ok()
            .and_then(|s| s.lines().byte_to_line(range.start))
            .map_or(0, |l| l as u32 + 1);
        Some(TracePlace::Generated(
            id.vpath().get_with_slash().to_owned(),
            line,
        ))
    }
}

enum Located {
    Source(Span),
    Internal(String),
    Nowhere,
}

fn virtual_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path)
        .unwrap_or_else(|_| VirtualPath::new("/.wita/invalid").expect("valid"));
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_no_font_has_are_found() {
        assert!(missing_characters("Plain text, 知识蒸馏 — “quotes”").is_empty());
        assert_eq!(missing_characters("a\u{10FFFD}b"), vec!['\u{10FFFD}']);
        assert_eq!(missing_characters("한국어"), vec!['한', '국', '어']);
    }

    #[test]
    fn a_small_document_compiles_and_errors_map_to_nowhere_without_origins() {
        let dir = std::env::temp_dir();
        let mut compiler = Compiler::new(&dir);
        let mut project = Project {
            main: "/.wita/main.typ".into(),
            files: Vec::new(),
        };
        project.add(
            "/.wita/main.typ",
            "Hello #text(font: \"TeX Gyre Termes\")[world]",
            Origin::Internal,
        );
        let out = compiler.compile(&project, (2025, 1, 1));
        assert!(out.document.is_some(), "{:?}", out.diagnostics);
        assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);

        project.files[0].data = b"#let x = ".to_vec();
        let out = compiler.compile(&project, (2025, 1, 1));
        assert!(out.document.is_none());
        let e = out.diagnostics.iter().next().unwrap();
        assert!(e.is_error());
        assert!(
            e.notes.iter().any(|n| n.contains("/.wita/main.typ:1")),
            "{e:?}"
        );
    }

    #[test]
    fn packages_and_paths_outside_the_root_are_refused() {
        let dir = std::env::temp_dir().join("wita-compile-test-root");
        std::fs::create_dir_all(&dir).unwrap();
        let mut compiler = Compiler::new(&dir);
        let mut project = Project {
            main: "/.wita/main.typ".into(),
            files: Vec::new(),
        };
        project.add(
            "/.wita/main.typ",
            "#import \"@preview/x:0.1.0\": *",
            Origin::Internal,
        );
        let out = compiler.compile(&project, (2025, 1, 1));
        assert!(out.document.is_none());
        project.files[0].data = b"#read(\"../../etc/passwd\")".to_vec();
        let out = compiler.compile(&project, (2025, 1, 1));
        assert!(out.document.is_none());
    }

    #[test]
    fn each_compilation_has_its_own_today() {
        let mut compiler = Compiler::new(&std::env::temp_dir());
        let mut project = Project {
            main: "/.wita/main.typ".into(),
            files: Vec::new(),
        };
        project.add(
            "/.wita/main.typ",
            "#assert.eq(datetime.today().display(), \"2025-08-01\")",
            Origin::Internal,
        );
        let out = compiler.compile(&project, (2025, 8, 1));
        assert!(out.document.is_some(), "{:?}", out.diagnostics);
        // The same compiler, another day: the memoized layout is not reused.
        let out = compiler.compile(&project, (2025, 9, 1));
        assert!(out.document.is_none());
        let out = compiler.compile(&project, (2025, 8, 1));
        assert!(out.document.is_some(), "{:?}", out.diagnostics);
    }
}

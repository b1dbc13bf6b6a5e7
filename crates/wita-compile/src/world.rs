use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{OnceLock, RwLock};

use typst::diag::{FileError, FileResult, PackageError, Severity, SourceDiagnostic, Warned};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Feature, Features, Library, LibraryExt, World, WorldExt};
use typst_html::HtmlDocument;
use typst_kit::files::{FileLoader, FileStore};
use typst_kit::fonts::FontStore;
use typst_layout::PagedDocument;
use wita_diag::codes;
use wita_diag::{Diagnostic, Diagnostics, Span};
use wita_typst::{Origin, Project};

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

pub(crate) struct WitaWorld {
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
    pub(crate) world: WitaWorld,
    pub(crate) origins: HashMap<FileId, Origin>,
}

impl Compiler {
    /// A compiler reading journal files under `root` (canonical).
    pub fn new(root: &Path) -> Self {
        Self::with_library(root, Library::builder().build())
    }

    /// A compiler for the HTML edition: typst's `html` module and HTML
    /// export are switched on (a separate compiler, so the PDFs' library,
    /// and so their memoized work, stays as it is).
    pub fn for_html(root: &Path) -> Self {
        let features: Features = [Feature::Html].into_iter().collect();
        Self::with_library(root, Library::builder().with_features(features).build())
    }

    fn with_library(root: &Path, library: Library) -> Self {
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let world = WitaWorld {
            library: LazyHash::new(library),
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
        self.compile_beside(project, today, |_| ()).0
    }

    /// [`Compiler::compile`], running `beside` at the same time (on the
    /// other core) with this compiler serving the same files: to lay out
    /// another main file of the project ([`Compiler::compile_other`]), which
    /// takes the work typst memoizes from either compilation.
    pub fn compile_beside<R: Send>(
        &mut self,
        project: &Project,
        today: (i32, u8, u8),
        beside: impl FnOnce(&Compiler) -> R + Send,
    ) -> (CompileOutput, R) {
        self.load(project, today);
        let this = &*self;
        let (output, beside) = rayon::join(|| this.compile_loaded(), || beside(this));
        // Keep the memo cache from growing without bound across rebuilds.
        typst::comemo::evict(10);
        (output, beside)
    }

    /// Lays out another main file of the loaded project (inside
    /// [`Compiler::compile_beside`]). Its problems are not reported: they are
    /// the main file's too, which the main compilation reports.
    pub fn compile_other(&self, main: &str) -> Option<PagedDocument> {
        let world = WithMain {
            world: &self.world,
            main: virtual_id(main),
        };
        crate::settle::compile_paged(&world).output.ok()
    }

    fn compile_loaded(&self) -> CompileOutput {
        let Warned { output, warnings } = crate::settle::compile_paged(&self.world);
        let mut diagnostics = Diagnostics::new();
        let (document, errors) = match output {
            Ok(doc) => (Some(doc), Vec::new()),
            Err(errors) => (None, errors.to_vec()),
        };
        for diag in errors.iter().chain(warnings.iter()) {
            diagnostics.push(self.map(diag));
        }
        diagnostics.dedup();
        CompileOutput {
            document,
            diagnostics,
        }
    }

    /// Compiles each of `pages` (main files of `project`) to an HTML page,
    /// side by side. A compiler made by [`Compiler::for_html`].
    ///
    /// Only errors are reported: typst's warnings about what HTML cannot
    /// show (page breaks, spacing) concern the PDF's look, which the PDF
    /// build reports on.
    pub fn compile_html(
        &mut self,
        project: &Project,
        pages: &[HtmlPage],
        today: (i32, u8, u8),
    ) -> Vec<HtmlOutput> {
        use rayon::prelude::*;
        self.load(project, today);
        let this = &*self;
        let out = pages
            .par_iter()
            .map(|page| {
                let world = WithMain {
                    world: &this.world,
                    main: virtual_id(&page.main),
                };
                let mut diagnostics = Diagnostics::new();
                let html = match typst::compile::<HtmlDocument>(&world).output {
                    Ok(mut doc) => {
                        if let Some(href) = &page.stylesheet {
                            add_stylesheet(&mut doc, href);
                        }
                        safe_links(doc.root_mut(), false);
                        // What typst's export leaves to do for an accessible
                        // page (footnotes' roles and place, scroll regions…).
                        crate::accessible::make_accessible(doc.root_mut());
                        let options = typst_html::HtmlOptions { pretty: true };
                        match typst_html::html(&doc, &options) {
                            Ok(html) => Some(html),
                            Err(errors) => {
                                errors.iter().for_each(|e| diagnostics.push(this.map(e)));
                                None
                            }
                        }
                    }
                    Err(errors) => {
                        errors.iter().for_each(|e| diagnostics.push(this.map(e)));
                        None
                    }
                };
                diagnostics.dedup();
                HtmlOutput { html, diagnostics }
            })
            .collect();
        typst::comemo::evict(10);
        out
    }

    /// Makes `project` the files this compiler serves.
    fn load(&mut self, project: &Project, today: (i32, u8, u8)) {
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
    }

    /// typst's diagnostics about the last compiled document (what its PDF
    /// exporter reports), pointing at the LaTeX that produced them.
    pub fn map_diagnostics(&self, diags: &[SourceDiagnostic]) -> Diagnostics {
        let mut out = Diagnostics::new();
        for diag in diags {
            out.push(self.map_export(diag));
        }
        out.dedup();
        out
    }

    /// Turns a typst diagnostic of the compilation into ours, pointing at
    /// the LaTeX that produced the failing markup.
    fn map(&self, diag: &SourceDiagnostic) -> Diagnostic {
        let message = author_words(&diag.message);
        let out = match diag.severity {
            // Typst refusing the markup wita generated is wita's bug, not
            // the author's (what the author can fix, a file that does not
            // load, is said as typst says it).
            Severity::Error if !is_file_problem(&message) => Diagnostic::error(
                codes::INTERNAL_ERROR,
                format!(
                    "internal error: wita generated Typst that does not compile here ({message})"
                ),
            )
            .with_note(
                "this is a bug in wita, not in your LaTeX; please report it with this line and the LaTeX it points at",
            ),
            Severity::Error => Diagnostic::error(codes::TYPST, message),
            Severity::Warning => Diagnostic::warning(codes::TYPST, message),
        };
        self.place(diag, out)
    }

    /// A typst diagnostic of the PDF export: what a PDF standard does not
    /// allow (an image without alternative text for PDF/UA).
    fn map_export(&self, diag: &SourceDiagnostic) -> Diagnostic {
        let message = author_words(&diag.message);
        let code = if message.contains("alt text") {
            codes::IMAGE_ALT_TEXT
        } else {
            codes::PDF_STANDARD
        };
        let out = match diag.severity {
            Severity::Error => Diagnostic::error(code, message),
            Severity::Warning => Diagnostic::warning(code, message),
        };
        self.place(diag, out)
    }

    /// Points a mapped diagnostic at the LaTeX of the first span of typst's
    /// (or of its trace) that an article's markup holds.
    fn place(&self, diag: &SourceDiagnostic, mut out: Diagnostic) -> Diagnostic {
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
            let place = place.trim_start_matches("/.wita/");
            out.notes.push(format!("in wita's {place}"));
        }
        for hint in &diag.hints {
            out.help.push(author_words(&hint.v));
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

/// A typst message as the author reads it: the article's labels without
/// the prefix wita gives them (`<wita-1:sec:x>` is `sec:x`), no generated
/// file's path.
fn author_words(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find("wita-") {
        out.push_str(&rest[..at]);
        let after = &rest[at + "wita-".len()..];
        let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 && after[digits..].starts_with(':') {
            rest = &after[digits + 1..];
        } else {
            out.push_str("wita-");
            rest = after;
        }
    }
    out.push_str(rest);
    out.replace("/.wita/", "")
}

/// Whether a typst error is about a file the article names (an image that
/// does not load), which the author can fix.
fn is_file_problem(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    [
        "file not found",
        "failed to load",
        "failed to decode",
        "failed to parse svg",
        "image",
        "file is not valid utf-8",
        "access denied",
    ]
    .iter()
    .any(|k| m.contains(k))
}

/// One page of an HTML edition: its main file, and the stylesheet its
/// `<head>` links to (typst writes the head itself).
#[derive(Debug, Clone)]
pub struct HtmlPage {
    pub main: String,
    pub stylesheet: Option<String>,
}

/// The result of compiling one HTML page.
pub struct HtmlOutput {
    pub html: Option<String>,
    pub diagnostics: Diagnostics,
}

/// The world with another main file, so that pages compile side by side
/// from one set of files.
struct WithMain<'a> {
    world: &'a WitaWorld,
    main: FileId,
}

impl World for WithMain<'_> {
    fn library(&self) -> &LazyHash<Library> {
        self.world.library()
    }
    fn book(&self) -> &LazyHash<FontBook> {
        self.world.book()
    }
    fn main(&self) -> FileId {
        self.main
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        self.world.source(id)
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.world.file(id)
    }
    fn font(&self, index: usize) -> Option<Font> {
        self.world.font(index)
    }
    fn today(&self, offset: Option<Duration>) -> Option<Datetime> {
        self.world.today(offset)
    }
}

/// Adds `<link rel="stylesheet" href="..">` to the document's head.
fn add_stylesheet(doc: &mut HtmlDocument, href: &str) {
    use typst_html::{HtmlElement, attr, tag};
    let head = doc
        .root_mut()
        .children
        .make_mut()
        .iter_mut()
        .find_map(|node| match node {
            typst_html::HtmlNode::Element(e) if e.tag == tag::head => Some(e),
            _ => None,
        });
    if let Some(head) = head {
        head.children.push(
            HtmlElement::new(tag::link)
                .with_attr(attr::rel, "stylesheet")
                .with_attr(attr::href, href)
                .into(),
        );
    }
}

/// Makes a page's links safe to publish:
/// - a link inside a link becomes its content: HTML forbids the nesting,
///   which typst writes when a reference shows a number that itself holds a
///   reference (`\eqref` of an equation tagged `\tag{\ref{..}'}`);
/// - a link whose address would run code or content in the reader's browser
///   (`javascript:`, `data:`, `vbscript:`…, from an untrusted `\href`)
///   loses its address and stays as text.
fn safe_links(element: &mut typst_html::HtmlElement, in_link: bool) {
    use typst_html::{HtmlNode, attr, tag};
    if element.tag == tag::a {
        element
            .attrs
            .0
            .retain(|(name, value)| *name != attr::href || is_safe_href(value));
    }
    let in_link = in_link || element.tag == tag::a;
    if !element
        .children
        .iter()
        .any(|c| matches!(c, HtmlNode::Element(_)))
    {
        return;
    }
    let mut children = Vec::with_capacity(element.children.len());
    for mut child in element.children.iter().cloned() {
        if let HtmlNode::Element(e) = &mut child {
            safe_links(e, in_link);
            if in_link && e.tag == tag::a {
                children.extend(e.children.iter().cloned());
                continue;
            }
        }
        children.push(child);
    }
    element.children = children.into_iter().collect();
}

/// Whether a link's address only leads somewhere: relative, a fragment, or
/// of a scheme that runs nothing. (Browsers ignore whitespace and control
/// characters inside a scheme, so those go before it is read.)
fn is_safe_href(href: &str) -> bool {
    wita_doc::url_scheme(href).is_none_or(|scheme| {
        matches!(
            scheme.as_str(),
            "http" | "https" | "mailto" | "ftp" | "ftps" | "tel" | "news" | "irc" | "gopher"
        )
    })
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
    fn messages_name_the_authors_labels_and_no_generated_file() {
        assert_eq!(
            author_words("label `<wita-12:sec:intro>` occurs multiple times"),
            "label `<sec:intro>` occurs multiple times"
        );
        assert_eq!(
            author_words("in /.wita/template/issue.typ"),
            "in template/issue.typ"
        );
        assert_eq!(author_words("wita-x: and wita-3"), "wita-x: and wita-3");
        assert!(is_file_problem("failed to decode image (bad PNG)"));
        assert!(!is_file_problem("cannot reference sequence"));
    }

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
        // wita's own markup failing is wita's bug, said so, at the
        // generated file's line, without its internal path.
        assert!(e.message.starts_with("internal error"), "{e:?}");
        assert!(e.notes.iter().any(|n| n.contains("main.typ:1")), "{e:?}");
        assert!(!format!("{e:?}").contains("/.wita/"), "{e:?}");
    }

    /// A project of one main file.
    fn one_file(source: &str) -> Project {
        let mut project = Project {
            main: "/.wita/main.typ".into(),
            files: Vec::new(),
        };
        project.add("/.wita/main.typ", source, Origin::Internal);
        project
    }

    #[test]
    fn layouts_go_on_past_typst_five_until_they_settle() {
        // Each layout reads the state's final value from the layout before
        // and counts one on, up to 5: the sixth layout is the first that
        // sees what it makes. typst stops at five; wita goes on.
        let mut compiler = Compiler::new(&std::env::temp_dir());
        let project = one_file(
            "#let s = state(\"s\", 0)\n#context s.update(calc.min(s.final() + 1, 5))\n#context [count #s.final()]",
        );
        let out = compiler.compile(&project, (2025, 1, 1));
        assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
        fn text(frame: &typst::layout::Frame, out: &mut String) {
            for (_, item) in frame.items() {
                match item {
                    typst::layout::FrameItem::Group(group) => text(&group.frame, out),
                    typst::layout::FrameItem::Text(t) => out.push_str(&t.text),
                    _ => {}
                }
            }
        }
        let mut printed = String::new();
        for page in out.document.as_ref().unwrap().pages() {
            text(&page.frame, &mut printed);
        }
        assert_eq!(printed, "count 5");
        // With typst's five layouts, the same document does not settle.
        let five = crate::settle::compile_with_limit(&compiler.world, 5);
        assert!(five.output.is_ok());
        assert!(
            five.warnings
                .iter()
                .any(|w| w.message == "document did not converge within 5 layouts"),
            "{:?}",
            five.warnings
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
    fn html_pages_compile_side_by_side_with_their_stylesheet_and_no_nested_links() {
        let mut compiler = Compiler::for_html(&std::env::temp_dir());
        let mut project = Project {
            main: "/.wita/a.typ".into(),
            files: Vec::new(),
        };
        project.add(
            "/.wita/a.typ",
            "= Title\n#link(<x>)[outer #link(\"https://example.org\")[inner]] $x^2$ <x>",
            Origin::Internal,
        );
        project.add("/.wita/b.typ", "#let x = ", Origin::Internal);
        let pages = [
            HtmlPage {
                main: "/.wita/a.typ".into(),
                stylesheet: Some("site.css".into()),
            },
            HtmlPage {
                main: "/.wita/b.typ".into(),
                stylesheet: None,
            },
        ];
        let out = compiler.compile_html(&project, &pages, (2025, 1, 1));
        let html = out[0].html.as_deref().expect("the first page compiles");
        assert!(html.contains("<h2>Title</h2>"), "{html}");
        assert!(
            html.contains(r#"<link rel="stylesheet" href="site.css">"#),
            "{html}"
        );
        assert!(html.contains("<msup>"), "{html}");
        assert!(html.contains("outer inner"), "{html}");
        assert!(!html.contains("https://example.org"), "{html}");
        assert!(out[1].html.is_none());
        assert!(out[1].diagnostics.has_errors());
    }

    #[test]
    fn links_that_would_run_code_are_not_links() {
        for safe in [
            "https://example.org/a:b",
            "mailto:a@example.org",
            "#sec-1",
            "page.html",
            "../x.pdf",
            "a/b:c",
        ] {
            assert!(is_safe_href(safe), "{safe}");
        }
        for unsafe_ in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " java\tscript:x",
            "data:text/html,x",
            "vbscript:x",
            "file:///etc/passwd",
        ] {
            assert!(!is_safe_href(unsafe_), "{unsafe_}");
        }
    }

    #[test]
    fn each_compilation_has_its_own_today() {
        let mut compiler = Compiler::new(&std::env::temp_dir());
        let project = one_file("#assert.eq(datetime.today().display(), \"2025-08-01\")");
        let out = compiler.compile(&project, (2025, 8, 1));
        assert!(out.document.is_some(), "{:?}", out.diagnostics);
        // The same compiler, another day: the memoized layout is not reused.
        let out = compiler.compile(&project, (2025, 9, 1));
        assert!(out.document.is_none());
        let out = compiler.compile(&project, (2025, 8, 1));
        assert!(out.document.is_some(), "{:?}", out.diagnostics);
    }
}

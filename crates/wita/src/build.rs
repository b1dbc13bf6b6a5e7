//! Building an issue, stage by stage.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use wita_assemble::{Look, article_path};
use wita_compile::{Compiler, PagedDocument};
use wita_diag::codes;
use wita_diag::{Diagnostic, Diagnostics, Sources};
use wita_doc::Article;
use wita_journal::{EntryFiles, EntryPath, Issue, entry_of};
use wita_latex::{ReadContext, read_article};
use wita_output::Standards;

use crate::cache::TranslationCache;
use crate::edition::{Edition, EditionTarget, make_edition, write_edition};
use crate::pipeline::{Beside, Scope, Until};
use crate::today::{today_for, today_text};

/// Pipeline stages, for timings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Stage {
    Read,
    Translate,
    Assemble,
    Compile,
    /// Exporting the issue PDF (or a preprint).
    IssuePdf,
    /// Exporting the articles' PDFs, side by side (the wall time).
    ArticlePdfs,
    /// Rendering and encoding the cover PNG.
    CoverPng,
    /// Every output exported (side by side) and written: the wall time.
    Write,
    /// The HTML edition, compiled and written.
    Html,
}

impl Stage {
    /// Every stage, in the pipeline's order.
    pub const ALL: [Stage; 9] = [
        Stage::Read,
        Stage::Translate,
        Stage::Assemble,
        Stage::Compile,
        Stage::IssuePdf,
        Stage::ArticlePdfs,
        Stage::CoverPng,
        Stage::Write,
        Stage::Html,
    ];

    /// Its name in `--timings`' summary and trace.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Read => "read",
            Stage::Translate => "translate",
            Stage::Assemble => "assemble",
            Stage::Compile => "compile",
            Stage::IssuePdf => "issue PDF",
            Stage::ArticlePdfs => "article PDFs",
            Stage::CoverPng => "cover PNG",
            Stage::Write => "write",
            Stage::Html => "web pages",
        }
    }

    /// Its span in the `--timings` trace (typst-timing's names are static).
    fn span_name(self) -> &'static str {
        match self {
            Stage::Read => "wita: read",
            Stage::Translate => "wita: translate",
            Stage::Assemble => "wita: assemble",
            Stage::Compile => "wita: compile",
            Stage::IssuePdf => "wita: issue PDF",
            Stage::ArticlePdfs => "wita: article PDFs",
            Stage::CoverPng => "wita: cover PNG",
            Stage::Write => "wita: write",
            Stage::Html => "wita: web pages",
        }
    }

    /// Times `f` as this stage: a span in the trace when `--timings`
    /// records one, and its duration.
    pub(crate) fn time<T>(self, f: impl FnOnce() -> T) -> (T, std::time::Duration) {
        let _span = typst_timing::TimingScope::new(self.span_name());
        let started = Instant::now();
        let out = f();
        (out, started.elapsed())
    }
}

/// What to write.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// `-o FILE`: the issue PDF goes here.
    pub output: Option<PathBuf>,
    /// With `-o`: also write everything make.sh wrote.
    pub all: bool,
    /// `--pdf-standard`: the standards every PDF conforms to, over the
    /// journal's `wita.toml`.
    pub standards: Option<Standards>,
    /// `--html`: also write the HTML edition; `output` then names its
    /// folder, and the PDFs are written only with `all`.
    pub html: bool,
    /// With `html`: the edition's folder, apart from the PDF (which `output`
    /// then names as without `html`); its pages do not link to PDFs. What
    /// `wita watch --html` writes, which writes the issue PDF alone.
    pub html_dir: Option<PathBuf>,
    /// Writes a SyncTeX file beside every PDF (`<name>.synctex.gz`), for
    /// editors and viewers to go between the PDF and the LaTeX.
    pub synctex: bool,
}

impl BuildOptions {
    /// Whether the build writes PDFs.
    pub(crate) fn writes_pdfs(&self) -> bool {
        !self.html || self.output.is_none() || self.all || self.html_dir.is_some()
    }

    /// Where the HTML edition goes, if asked for.
    pub(crate) fn edition_target(&self, issue: &Issue, look: Look) -> Option<EditionTarget> {
        if !self.html {
            return None;
        }
        Some(match (&self.html_dir, &self.output) {
            (Some(dir), _) | (None, Some(dir)) => EditionTarget::folder(dir),
            (None, None) => EditionTarget::in_journal(issue, look),
        })
    }

    /// How far a build's run goes: with `--html`, the edition is made too
    /// (linking to the PDFs when it goes to its place in the journal).
    pub(crate) fn until(&self) -> Until {
        let pdfs = self.for_pdfs();
        Until::Compiled(Beside {
            edition: self
                .html
                .then_some(self.output.is_none() && self.html_dir.is_none()),
            cover: self.writes_pdfs() && (pdfs.output.is_none() || pdfs.all),
        })
    }

    /// What the PDF writing sees: with `--html`, `-o` is the edition's
    /// (unless the edition has a folder of its own).
    pub(crate) fn for_pdfs(&self) -> BuildOptions {
        if self.html && self.html_dir.is_none() {
            BuildOptions {
                output: None,
                all: false,
                standards: self.standards.clone(),
                html: false,
                html_dir: None,
                synctex: self.synctex,
            }
        } else {
            BuildOptions {
                html: false,
                html_dir: None,
                ..self.clone()
            }
        }
    }
}

/// What the PDF exporter reported, pointing at the LaTeX, with how to fix
/// what the journal's authors can fix.
pub(crate) fn export_problems(
    compiler: Option<&Compiler>,
    errors: &wita_output::ExportErrors,
    what: &str,
) -> Vec<Diagnostic> {
    let mapped: Vec<Diagnostic> = match compiler {
        Some(compiler) => compiler.map_diagnostics(errors).into_vec(),
        None => errors
            .iter()
            .map(|e| Diagnostic::error(codes::PDF_STANDARD, e.message.to_string()))
            .collect(),
    };
    mapped
        .into_iter()
        .map(|mut d| {
            d.message = format!("{what}: {}", d.message);
            if d.message.contains("missing alt text") {
                d.help.insert(
                    0,
                    "describe the image for readers who cannot see it: \\includegraphics[alt={A short description}]{file}".into(),
                );
            }
            d
        })
        .collect()
}

/// A built issue (before writing).
pub struct IssueBuild {
    pub issue: Issue,
    pub articles: Vec<Article>,
    pub document: PagedDocument,
    /// 1-based physical page ranges, per article.
    pub ranges: Vec<(usize, usize)>,
    /// The standards its PDFs conform to.
    pub standards: Standards,
    /// The HTML edition, when the build made one, and its time.
    pub(crate) edition: Option<(Edition, std::time::Duration)>,
    /// The cover PNG, when made beside the layout, and its time.
    pub(crate) cover: Option<(Vec<u8>, std::time::Duration)>,
}

impl IssueBuild {
    /// The printed page number of a physical page (the cover and its back are
    /// unnumbered; the first article starts at 1).
    pub fn printed_page(&self, physical: usize) -> usize {
        physical.saturating_sub(2)
    }
}

/// One article's line in the build report.
#[derive(Debug, Clone)]
pub struct ArticleReport {
    pub index: usize,
    pub id: String,
    pub title: String,
    pub pages: (usize, usize),
    pub warnings: usize,
}

/// A file written by a build.
#[derive(Debug, Clone)]
pub struct Written {
    pub path: PathBuf,
    pub bytes: usize,
}

/// The outcome of a build.
#[derive(Debug, Default)]
pub struct BuildReport {
    pub diagnostics: Diagnostics,
    pub articles: Vec<ArticleReport>,
    pub written: Vec<Written>,
    /// The issue PDF's path, page count.
    pub pdf: Option<(PathBuf, usize)>,
    /// The HTML edition's folder and its number of pages.
    pub html: Option<(PathBuf, usize)>,
    pub timings: Vec<(Stage, std::time::Duration)>,
    /// The entries translated afresh (the others were unchanged since this
    /// builder's last build).
    pub translated: Vec<String>,
}

impl BuildReport {
    pub fn ok(&self) -> bool {
        !self.diagnostics.has_errors()
    }

    pub fn time(&self, stage: Stage) -> std::time::Duration {
        self.timings
            .iter()
            .filter(|(s, _)| *s == stage)
            .map(|(_, d)| *d)
            .sum()
    }
}

/// What a builder takes from its environment. The library reads no
/// environment variable: the CLI reads these and passes them in.
#[derive(Debug, Clone, Default)]
pub struct BuilderOptions {
    /// `SOURCE_DATE_EPOCH`: the day every build takes as today (`\today`,
    /// typst's `datetime.today()`), in seconds since 1970; without it, the
    /// dates the sources give (an entry's date, the issue's month).
    pub source_date_epoch: Option<i64>,
    /// `WITA_DUMP_TYPST`: where each build writes the Typst project it
    /// generated, for template authors.
    pub dump_typst: Option<PathBuf>,
    /// Write the issue PDF (or preprint) as typst exports it, without
    /// rewriting it with object streams: what `wita watch` wants, a rebuild
    /// being ~30 ms sooner for a file about twice as large.
    pub draft_pdf: bool,
    /// The builder builds once (`wita build` of an issue or an entry):
    /// typst's memoized work is dropped once the document is laid out,
    /// which lowers the exports' peak memory (by ~160 MB for an issue of
    /// 70 articles). A builder that rebuilds (`wita watch`, benchmarks)
    /// keeps it.
    pub one_shot: bool,
}

/// Builds issues. Keep one alive to rebuild quickly: typst's memoized work and
/// the loaded fonts are reused.
#[derive(Default)]
pub struct Builder {
    pub sources: Sources,
    pub(crate) options: BuilderOptions,
    pub(crate) compilers: HashMap<PathBuf, Compiler>,
    /// The HTML edition's compilers, per journal (typst's HTML export).
    pub(crate) html_compilers: HashMap<PathBuf, Compiler>,
    pub(crate) translations: TranslationCache,
}

impl Builder {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_options(options: BuilderOptions) -> Self {
        Self {
            options,
            ..Self::default()
        }
    }

    /// Reads and translates an issue, then compiles it; diagnostics go to
    /// `report`. `None` when an error stops the build.
    pub fn compile_issue(&mut self, path: &Path, report: &mut BuildReport) -> Option<IssueBuild> {
        self.compile_issue_for(path, None, report)
    }

    /// [`Builder::compile_issue`] for PDFs that conform to `standards` (over
    /// the journal's `wita.toml`): PDF/UA adds what the tagged PDF needs
    /// (the equations' and the wordmark's alternative text, the language of
    /// Chinese, Japanese and Korean runs).
    pub fn compile_issue_for(
        &mut self,
        path: &Path,
        standards: Option<&Standards>,
        report: &mut BuildReport,
    ) -> Option<IssueBuild> {
        self.compile_issue_until(path, standards, Until::Compiled(Beside::default()), report)
    }

    fn compile_issue_until(
        &mut self,
        path: &Path,
        standards: Option<&Standards>,
        until: Until,
        report: &mut BuildReport,
    ) -> Option<IssueBuild> {
        let run = self.run(path, Scope::Issue, until, standards, report)?;
        let document = run.document?;
        let ranges = wita_output::article_pages(&document, run.issue.entries.len());
        let build = IssueBuild {
            issue: run.issue,
            articles: run.articles,
            document,
            ranges,
            standards: run.standards,
            edition: run.edition,
            cover: run.cover,
        };
        check_pages(&build, &mut report.diagnostics);
        for (entry, range) in build.issue.entries.iter().zip(&build.ranges) {
            report.articles.push(ArticleReport {
                index: entry.index,
                id: entry.id.clone(),
                title: entry.info.title.clone(),
                pages: *range,
                warnings: report
                    .diagnostics
                    .iter()
                    .filter(|d| {
                        d.severity == wita_diag::Severity::Warning
                            && d.span.is_some_and(|s| {
                                self.sources
                                    .get(s.file)
                                    .key()
                                    .contains(&format!("/entry/{}/", entry.id))
                            })
                    })
                    .count(),
            });
        }
        Some(build)
    }

    /// Reads an issue and translates its articles, without laying out pages
    /// (what the translation benchmark needs).
    pub fn read_and_translate(
        &mut self,
        path: &Path,
        diags: &mut Diagnostics,
    ) -> Option<(Issue, Vec<Article>)> {
        let mut report = BuildReport::default();
        let run = self.run(path, Scope::Issue, Until::Translated, None, &mut report);
        diags.extend(report.diagnostics.into_vec());
        run.map(|run| (run.issue, run.articles))
    }

    /// Builds an issue and writes its outputs.
    pub fn build(&mut self, path: &Path, options: &BuildOptions) -> BuildReport {
        let mut report = BuildReport::default();
        if !options.writes_pdfs() {
            self.build_edition_only(path, Scope::Issue, options, &mut report);
            return report;
        }
        let standards = options.standards.as_ref();
        let Some(mut build) =
            self.compile_issue_until(path, standards, options.until(), &mut report)
        else {
            return report;
        };
        let standards = build
            .standards
            .clone()
            .dated(self.issue_today(&build.issue));
        let compiler = self.compilers.get(build.issue.location.journal.root());
        let draft = self.options.draft_pdf;
        let pdf_options = options.for_pdfs();
        let sources = &self.sources;
        let ((), took) = Stage::Write.time(|| {
            write_outputs(
                &build,
                &pdf_options,
                &standards,
                draft,
                compiler.map(|compiler| (compiler, sources)),
                &mut report,
            )
        });
        report.timings.push((Stage::Write, took));
        if let (Some((edition, took)), Some(target)) = (
            build.edition.take(),
            options.edition_target(&build.issue, Look::Issue),
        ) {
            let started = Instant::now();
            write_edition(&target, edition, &mut report);
            report.timings.push((Stage::Html, took + started.elapsed()));
        }
        report
    }

    /// `--html -o DIR`: the HTML edition alone, with no page laid out.
    pub(crate) fn build_edition_only(
        &mut self,
        path: &Path,
        scope: Scope,
        options: &BuildOptions,
        report: &mut BuildReport,
    ) {
        let Some(run) = self.run(path, scope, Until::Assembled, None, report) else {
            return;
        };
        if report.diagnostics.has_errors() {
            return;
        }
        let look = match scope {
            Scope::Issue => Look::Issue,
            Scope::Entry(_) => Look::Preprint,
        };
        let Some(target) = options.edition_target(&run.issue, look) else {
            return;
        };
        let started = Instant::now();
        let today = self.issue_today(&run.issue);
        let root = run.issue.location.journal.root().to_path_buf();
        let compiler = self
            .html_compilers
            .entry(root.clone())
            .or_insert_with(|| Compiler::for_html(&root));
        let Some(project) = &run.project else {
            return;
        };
        let edition = make_edition(
            compiler,
            project,
            &run.issue,
            &run.articles,
            look,
            target.linked,
            today,
        );
        write_edition(&target, edition, report);
        report.timings.push((Stage::Html, started.elapsed()));
    }
}

/// Compares the hand-typed page numbers (cover rows, toc.csv) with the real ones.
fn check_pages(build: &IssueBuild, diags: &mut Diagnostics) {
    let issue = &build.issue;
    for row in issue.master.cover.iter().flat_map(|c| &c.rows) {
        let row_title = normalize_title(&wita_doc::plain_text(&row.title));
        let matched = issue
            .entries
            .iter()
            .zip(&build.articles)
            .zip(&build.ranges)
            .find(|((entry, article), _)| {
                let candidates = [
                    normalize_title(&entry.info.title),
                    article
                        .meta
                        .title
                        .as_ref()
                        .map(|t| normalize_title(&wita_doc::plain_text(t)))
                        .unwrap_or_default(),
                ];
                candidates.iter().any(|t| {
                    !t.is_empty()
                        && (*t == row_title
                            || t.starts_with(&row_title)
                            || row_title.starts_with(t.as_str()))
                })
            });
        let Some(((entry, _), range)) = matched else {
            continue;
        };
        let printed = build.printed_page(range.0);
        let label = row.label.value.trim();
        let written = label
            .trim_start_matches(|c: char| !c.is_ascii_digit())
            .parse::<usize>()
            .ok();
        if written != Some(printed) {
            diags.push(
                Diagnostic::warning(
                    codes::COVER,
                    format!(
                        "the cover says `{label}` for `{}`, but it starts on page {printed}",
                        entry.info.title
                    ),
                )
                .at(row.label.span)
                .with_help(format!("write `P.{printed}`")),
            );
        }
    }
    if let Some(toc) = &issue.toc {
        for (entry, range) in issue.entries.iter().zip(&build.ranges) {
            let right = format!("{},{}-{}", entry.id, range.0, range.1);
            match toc.iter().find(|line| line.entry == entry.id) {
                Some(line) if (line.first, line.last) == *range => {}
                Some(line) => diags.push(
                    Diagnostic::warning(
                        codes::TOC_CSV,
                        format!(
                            "toc.csv says pages {}-{} for `{}`, but the article is on pages {}-{}",
                            line.first, line.last, entry.id, range.0, range.1
                        ),
                    )
                    .at(line.span)
                    .with_help(format!("write `{right}`")),
                ),
                None => diags.push(Diagnostic::warning(
                    codes::TOC_CSV,
                    format!(
                        "toc.csv has no line for `{}` (its pages are {}-{})",
                        entry.id, range.0, range.1
                    ),
                )),
            }
        }
    }
}

fn normalize_title(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Writes a file whole or not at all: to a temporary file in its folder,
/// renamed over the old one when complete. A PDF viewer that reloads on
/// change never reads a half-written PDF, and a write that fails (a full
/// disk) leaves the last good file as it was. On Windows the rename fails
/// while another program holds the old file open without sharing it for
/// deletion (Adobe Reader does; SumatraPDF and browsers do not): the error
/// says so, and the old file stays.
pub fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new();
    temp.prefix(".wita-").suffix(".part");
    // Readable as a file written in place would be (the umask applies);
    // a temporary file is the owner's alone by default.
    #[cfg(unix)]
    temp.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut file = temp.tempfile_in(dir)?;
    file.write_all(bytes)?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Writes a file (and its folder), reporting it under the path `shown`.
pub(crate) fn write_file(
    path: PathBuf,
    shown: PathBuf,
    bytes: &[u8],
    report: &mut BuildReport,
) -> bool {
    if let Some(parent) = path.parent()
        && let Err(e) = std::fs::create_dir_all(parent)
    {
        report.diagnostics.push(Diagnostic::error(
            codes::WRITE_FAILED,
            format!("cannot create `{}`: {e}", parent.display()),
        ));
        return false;
    }
    match write_whole(&path, bytes) {
        Ok(()) => {
            report.written.push(Written {
                path: shown,
                bytes: bytes.len(),
            });
            true
        }
        Err(e) => {
            let mut error = Diagnostic::error(
                codes::WRITE_FAILED,
                format!("cannot write `{}`: {e}", shown.display()),
            )
            .with_note("the file there, if any, is as the last build left it");
            if e.kind() == std::io::ErrorKind::PermissionDenied {
                error = error.with_help(
                    "a program may hold it open (on Windows, some PDF viewers lock the file): close it there, or check the folder's permissions",
                );
            }
            report.diagnostics.push(error);
            false
        }
    }
}

/// Writes what make.sh wrote, or just the PDF with `-o`.
fn write_outputs(
    build: &IssueBuild,
    options: &BuildOptions,
    standards: &Standards,
    draft: bool,
    compiler: Option<(&Compiler, &Sources)>,
    report: &mut BuildReport,
) {
    let (compiler, sources) = compiler.unzip();
    let issue = &build.issue;
    let loc = &issue.location;
    let root = loc.journal.root();
    let ident = loc.pdf_ident();
    let all = options.output.is_none() || options.all;
    if all && standards.accessible() && !issue.entries.is_empty() {
        report.diagnostics.push(
            Diagnostic::warning(
                codes::PDF_STANDARD,
                "the articles' own PDFs cannot be PDF/UA: typst cannot tag a page range",
            )
            .with_note(match standards.untagged().names().join(", ") {
                rest if rest.is_empty() => "the issue PDF is PDF/UA".to_owned(),
                rest => format!("they conform to {rest}; the issue PDF to all the standards asked"),
            }),
        );
    }
    // The issue PDF, the articles' PDFs, the cover PNG and the SyncTeX are
    // independent once the issue is laid out: they are made side by side,
    // and written (and reported) in this order after.
    let (((pdf, took), synctex), (articles, cover)) = rayon::join(
        || {
            rayon::join(
                || {
                    Stage::IssuePdf.time(|| {
                        if draft {
                            wita_output::issue_pdf_draft(&build.document, &ident, standards)
                        } else {
                            wita_output::issue_pdf(&build.document, &ident, standards)
                        }
                    })
                },
                // The whole issue's SyncTeX and, with the articles' PDFs,
                // each article's (its pages numbered from 1).
                || match (options.synctex, compiler, sources) {
                    (true, Some(compiler), Some(sources)) => {
                        use rayon::prelude::*;
                        let synctex = crate::synctex::collect(&build.document, compiler, sources);
                        let pages = synctex.page_count();
                        let ranges: &[(usize, usize)] = if all { &build.ranges } else { &[] };
                        let (whole, articles) = rayon::join(
                            || synctex.file(1, pages),
                            || {
                                ranges
                                    .par_iter()
                                    .map(|&(first, last)| synctex.file(first, last))
                                    .collect::<Vec<_>>()
                            },
                        );
                        Some((whole, articles))
                    }
                    _ => None,
                },
            )
        },
        || {
            if !all {
                return ((Vec::new(), None), None);
            }
            rayon::join(
                || {
                    use rayon::prelude::*;
                    // Timed as a whole: a rayon thread that waits inside one
                    // export runs others meanwhile, so the exports' own
                    // times would count that work twice.
                    let (articles, took) = Stage::ArticlePdfs.time(|| {
                        build
                            .ranges
                            .par_iter()
                            .zip(&issue.entries)
                            .map(|(&(first, last), entry)| {
                                let ident = format!("{ident}/{}", entry.index);
                                let _span = typst_timing::TimingScope::new("wita: article PDF");
                                wita_output::pages_pdf(
                                    &build.document,
                                    &ident,
                                    first,
                                    last,
                                    standards,
                                )
                            })
                            .collect::<Vec<_>>()
                    });
                    (articles, Some(took))
                },
                || match &build.cover {
                    Some((png, took)) => Some((Ok(png.clone()), *took)),
                    None => Some(Stage::CoverPng.time(|| {
                        wita_output::page_png(&build.document, 0, wita_output::COVER_HEIGHT)
                    })),
                },
            )
        },
    );
    report.timings.push((Stage::IssuePdf, took));
    let (articles, took) = articles;
    if let Some(took) = took {
        report.timings.push((Stage::ArticlePdfs, took));
    }
    let cover = cover.map(|(png, took)| {
        report.timings.push((Stage::CoverPng, took));
        png
    });
    let pdf = match pdf {
        Ok(pdf) => pdf,
        Err(e) => {
            report
                .diagnostics
                .extend(export_problems(compiler, &e, "the issue PDF"));
            return;
        }
    };
    let pages = build.document.pages().len();
    // Journal files are written at their place and reported as the user's
    // path spells the journal root.
    let write = |rel: &str, bytes: &[u8], report: &mut BuildReport| {
        write_file(
            root.join(rel),
            PathBuf::from(loc.journal.display(rel)),
            bytes,
            report,
        )
    };
    let (whole, mut article_synctex) = match synctex {
        Some((whole, articles)) => (Some(whole), articles.into_iter().map(Some).collect()),
        None => (None, Vec::new()),
    };
    article_synctex.resize(issue.entries.len(), None);
    if let Some(out) = &options.output {
        if write_file(out.clone(), out.clone(), &pdf, report) {
            report.pdf = Some((out.clone(), pages));
            if let Some(bytes) = &whole {
                let path = crate::synctex::beside(out);
                write_file(path.clone(), path, bytes, report);
            }
        }
        if !options.all {
            return;
        }
    }
    // A PDF and its SyncTeX, at their place in the journal.
    let write_pdf = |rel: &str, pdf: &[u8], synctex: Option<&[u8]>, report: &mut BuildReport| {
        let written = write(rel, pdf, report);
        if written && let Some(bytes) = synctex {
            let rel = crate::synctex::beside(Path::new(rel));
            write(&rel.to_string_lossy(), bytes, report);
        }
        written
    };
    let pdf_rel = loc.issue_pdf();
    if write_pdf(&pdf_rel, &pdf, whole.as_deref(), report) && report.pdf.is_none() {
        report.pdf = Some((PathBuf::from(loc.journal.display(&pdf_rel)), pages));
    }
    for ((entry, article), synctex) in issue.entries.iter().zip(articles).zip(article_synctex) {
        match article {
            Ok(bytes) => {
                write_pdf(
                    &loc.article_pdf(entry.index),
                    &bytes,
                    synctex.as_deref(),
                    report,
                );
            }
            Err(e) => report.diagnostics.extend(export_problems(
                compiler,
                &e,
                &format!("the PDF of `{}`", entry.id),
            )),
        }
    }
    match cover.expect("exported with the rest") {
        Ok(png) => {
            write(&loc.cover_png(), &png, report);
        }
        Err(e) => report.diagnostics.push(Diagnostic::error(
            codes::WRITE_FAILED,
            format!("rendering the cover failed: {e}"),
        )),
    }
    let meta_dir = loc.meta_dir();
    for (name, text) in [
        ("dist.toml", wita_output::dist_toml(issue)),
        ("dist.json", wita_output::dist_json(issue)),
        ("map.toml", wita_output::map_toml(issue)),
    ] {
        write(&format!("{meta_dir}/{name}"), text.as_bytes(), report);
    }
}

impl Builder {
    /// The Typst an article's `main.tex` becomes (`wita convert`): inside an
    /// issue, the article file exactly as a build generates it; elsewhere, the
    /// translated body alone.
    pub fn convert(&mut self, path: &Path, diags: &mut Diagnostics) -> Option<String> {
        let absolute = match path.canonicalize() {
            Ok(p) => p,
            Err(e) => {
                diags.push(Diagnostic::error(
                    codes::UNREADABLE_FILE,
                    format!("`{}` cannot be read: {e}", path.display()),
                ));
                return None;
            }
        };
        // An entry's file: the article file exactly as a build generates it.
        if let Some(EntryPath { master, id, .. }) = entry_of(&absolute).filter(|entry| {
            absolute.parent() == Some(entry.dir.as_path()) && entry.master.is_file()
        }) {
            let mut report = BuildReport::default();
            let run = self.run(&master, Scope::Issue, Until::Assembled, None, &mut report);
            diags.extend(report.diagnostics.into_vec());
            let run = run?;
            let Some(entry) = run.issue.entries.iter().find(|e| e.id == id) else {
                diags.push(Diagnostic::error(
                    codes::COMMAND_LINE,
                    format!(
                        "`{}` is not imported by `{}`; converting it alone",
                        path.display(),
                        master.display()
                    ),
                ));
                return None;
            };
            let project = run.project?;
            let file = project.get(&article_path(entry.index))?;
            return Some(String::from_utf8_lossy(&file.data).into_owned());
        }
        // A file outside a journal: its own folder is where it may read.
        let dir = absolute.parent().unwrap_or(Path::new("/"));
        let journal = match wita_journal::Journal::new(dir) {
            Ok(j) => j,
            Err(e) => {
                diags.push(Diagnostic::error(
                    codes::UNREADABLE_FILE,
                    format!("`{}` cannot be read: {e}", dir.display()),
                ));
                return None;
            }
        };
        let name = absolute.file_name()?.to_string_lossy().into_owned();
        let (file, text) =
            wita_journal::read_text(&journal, &self.sources, &name, "the file", None, diags)?;
        let files = EntryFiles {
            journal: &journal,
            sources: &self.sources,
            dir: ".",
        };
        let today = today_text(today_for(self.options.source_date_epoch, None));
        let ctx = ReadContext {
            sources: &self.sources,
            resolver: &files,
            entry_path: ".",
            issue_path: ".",
            today: &today,
        };
        let (article, article_diags) = read_article(&text, file, &ctx);
        diags.extend(article_diags);
        let markup = wita_typst::write_content(&article.body);
        diags.extend(markup.diagnostics);
        Some(format!(
            "// {} translated by wita {} (the article's body; the journal's template is not applied)\n{}\n",
            name,
            env!("CARGO_PKG_VERSION"),
            markup.text
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_replaced_whole_and_no_temporary_file_stays() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.pdf");
        write_whole(&path, b"first").unwrap();
        write_whole(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        // Where the file cannot go (its name is a folder), the write fails
        // and leaves nothing behind.
        std::fs::create_dir(dir.path().join("b.pdf")).unwrap();
        assert!(write_whole(&dir.path().join("b.pdf"), b"x").is_err());
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
        #[cfg(unix)]
        {
            // As readable as a file written in place (the umask applies).
            use std::os::unix::fs::PermissionsExt;
            let in_place = dir.path().join("c.pdf");
            std::fs::write(&in_place, b"x").unwrap();
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&path), mode(&in_place));
        }
    }
}

//! Building an issue, stage by stage.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use wita_assemble::{ArticleInput, Templates, assemble_issue};
use wita_compile::{Compiler, PagedDocument, missing_characters};
use wita_diag::{Diagnostic, Diagnostics, Sources, Span};
use wita_doc::{Article, Content, NodeKind, walk};
use wita_journal::{EntryFiles, Issue, check_article, load_issue, locate};
use wita_latex::{ReadContext, read_article};

use crate::cache::{RecordingResolver, TranslationCache, TranslationKey};
use crate::today::{today_for, today_text};

/// Pipeline stages, for timings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Stage {
    Read,
    Translate,
    Assemble,
    Compile,
    Write,
}

/// What to write.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// `-o FILE`: the issue PDF goes here.
    pub output: Option<PathBuf>,
    /// With `-o`: also write everything make.sh wrote.
    pub all: bool,
}

/// A built issue (before writing).
pub struct IssueBuild {
    pub issue: Issue,
    pub articles: Vec<Article>,
    pub document: PagedDocument,
    /// 1-based physical page ranges, per article.
    pub ranges: Vec<(usize, usize)>,
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
    pub timings: Vec<(Stage, Duration)>,
    /// The entries translated afresh (the others were unchanged since this
    /// builder's last build).
    pub translated: Vec<String>,
}

impl BuildReport {
    pub fn ok(&self) -> bool {
        !self.diagnostics.has_errors()
    }

    pub fn time(&self, stage: Stage) -> Duration {
        self.timings
            .iter()
            .filter(|(s, _)| *s == stage)
            .map(|(_, d)| *d)
            .sum()
    }

    pub fn total_time(&self) -> Duration {
        self.timings.iter().map(|(_, d)| *d).sum()
    }
}

/// Builds issues. Keep one alive to rebuild quickly: typst's memoized work and
/// the loaded fonts are reused.
#[derive(Default)]
pub struct Builder {
    pub sources: Sources,
    compilers: HashMap<PathBuf, Compiler>,
    translations: TranslationCache,
}

impl Builder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads and translates an issue, then compiles it; diagnostics go to
    /// `report`. `None` when an error stops the build.
    pub fn compile_issue(&mut self, path: &Path, report: &mut BuildReport) -> Option<IssueBuild> {
        let started = Instant::now();
        let location = match locate(path) {
            Ok(location) => location,
            Err(e) => {
                report.diagnostics.push(*e);
                return None;
            }
        };
        let issue = load_issue(location, &self.sources, &mut report.diagnostics);
        report.timings.push((Stage::Read, started.elapsed()));
        let issue = issue?;

        let started = Instant::now();
        let (articles, translated) = self.translate(&issue, &mut report.diagnostics);
        report.translated = translated;
        report.timings.push((Stage::Translate, started.elapsed()));
        if report.diagnostics.has_errors() {
            return None;
        }

        let started = Instant::now();
        let templates = Templates::for_journal(&issue.location.journal);
        let inputs: Vec<ArticleInput> = issue
            .entries
            .iter()
            .zip(&articles)
            .map(|(entry, article)| ArticleInput { entry, article })
            .collect();
        let project = assemble_issue(&issue, &inputs, &templates, &mut report.diagnostics);
        if let Some(dir) = std::env::var_os("WITA_DUMP_TYPST") {
            // For template authors: the generated project, as typst sees it.
            for file in &project.files {
                let path = Path::new(&dir).join(file.path.trim_start_matches('/'));
                if let Some(parent) = path.parent() {
                    let _ = std::fs::create_dir_all(parent);
                }
                let _ = std::fs::write(path, &file.data);
            }
        }
        report.timings.push((Stage::Assemble, started.elapsed()));

        let started = Instant::now();
        let root = issue.location.journal.root().to_path_buf();
        let today = issue_date(&issue.location.id);
        let output = self.compile(&root, &today, &project);
        report.diagnostics.extend(output.diagnostics);
        report.timings.push((Stage::Compile, started.elapsed()));
        let document = output.document?;
        let ranges = wita_output::article_pages(&document, issue.entries.len());
        let build = IssueBuild {
            issue,
            articles,
            document,
            ranges,
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
                        !d.is_error()
                            && d.span.is_some_and(|s| {
                                self.sources
                                    .get(s.file)
                                    .name()
                                    .contains(&format!("/entry/{}/", entry.id))
                            })
                    })
                    .count(),
            });
        }
        Some(build)
    }

    /// Compiles a project with the compiler for the journal at `root`, kept
    /// for later builds (typst's memoized work is reused).
    pub(crate) fn compile(
        &mut self,
        root: &Path,
        today: &str,
        project: &wita_compile::Project,
    ) -> wita_compile::CompileOutput {
        let compiler = self
            .compilers
            .entry(root.to_path_buf())
            .or_insert_with(|| Compiler::new(root, today_for(Some(today))));
        compiler.compile(project, &self.sources)
    }

    /// Reads an issue and translates its articles, without laying out pages
    /// (what `check` and the translation benchmark need).
    pub fn read_and_translate(
        &self,
        path: &Path,
        diags: &mut Diagnostics,
    ) -> Option<(Issue, Vec<Article>)> {
        let location = match locate(path) {
            Ok(location) => location,
            Err(e) => {
                diags.push(*e);
                return None;
            }
        };
        let issue = load_issue(location, &self.sources, diags)?;
        let (articles, _) = self.translate(&issue, diags);
        Some((issue, articles))
    }

    /// Translates every entry's main.tex (or takes the translation of an
    /// earlier build of this builder when nothing it read has changed) and
    /// checks it. Returns the articles and the IDs of the entries translated
    /// afresh.
    pub(crate) fn translate(
        &self,
        issue: &Issue,
        diags: &mut Diagnostics,
    ) -> (Vec<Article>, Vec<String>) {
        let journal = &issue.location.journal;
        let issue_path = issue.location.issue_dir();
        let mut articles = Vec::new();
        let mut translated = Vec::new();
        for entry in &issue.entries {
            let key = TranslationKey {
                main_text: entry.main_text.clone(),
                issue_path: issue_path.clone(),
                today: today_text(today_for(Some(&entry.info.date))),
            };
            let article = match self.translations.get(journal, &entry.dir, &key) {
                Some((article, article_diags)) => {
                    diags.extend(article_diags);
                    article
                }
                None => {
                    let resolver = RecordingResolver::new(EntryFiles {
                        journal,
                        sources: &self.sources,
                        dir: &entry.dir,
                    });
                    let ctx = ReadContext {
                        sources: &self.sources,
                        resolver: &resolver,
                        entry_path: &entry.dir,
                        issue_path: &issue_path,
                        today: &key.today,
                    };
                    let (article, article_diags) = read_article(&entry.main_text, entry.main, &ctx);
                    let article_diags = article_diags.into_vec();
                    self.translations
                        .put(&entry.dir, key, resolver, &article, &article_diags);
                    diags.extend(article_diags);
                    translated.push(entry.id.clone());
                    article
                }
            };
            check_article(entry, &article, diags);
            check_characters(&article.body, diags);
            if let Some(title) = &article.meta.title {
                check_characters(title, diags);
            }
            if let Some(bib) = &entry.bib {
                check_bib_characters(bib, diags);
            }
            articles.push(article);
        }
        for row in issue.master.cover.iter().flat_map(|c| &c.rows) {
            check_characters(&row.title, diags);
        }
        (articles, translated)
    }

    /// Builds an issue and writes its outputs.
    pub fn build(&mut self, path: &Path, options: &BuildOptions) -> BuildReport {
        let mut report = BuildReport::default();
        let Some(build) = self.compile_issue(path, &mut report) else {
            return report;
        };
        let started = Instant::now();
        write_outputs(&build, options, &mut report);
        report.timings.push((Stage::Write, started.elapsed()));
        report
    }
}

/// The first day of the issue's month (`202508` → `2025-08-01`).
pub(crate) fn issue_date(id: &str) -> String {
    if id.len() == 6 && id.chars().all(|c| c.is_ascii_digit()) && &id[4..] != "00" {
        format!("{}-{}-01", &id[..4], &id[4..])
    } else {
        "1970-01-01".into()
    }
}

/// Warns about characters that no embedded font has, at their source.
fn check_characters(content: &Content, diags: &mut Diagnostics) {
    walk(content, &mut |node| {
        let text = match &node.kind {
            NodeKind::Text(t) | NodeKind::InlineCode(t) => t.as_str(),
            NodeKind::CodeBlock(c) => c.text.as_str(),
            _ => return,
        };
        if text.is_ascii() {
            return;
        }
        for c in missing_characters(text) {
            diags.push(
                Diagnostic::warning(format!(
                    "no font has the character `{c}` (U+{:04X}); it prints as a box",
                    c as u32
                ))
                .at(node.span),
            );
        }
    });
}

fn check_bib_characters(bib: &wita_bib::BibFile, diags: &mut Diagnostics) {
    if bib.text.is_ascii() {
        return;
    }
    for c in missing_characters(&bib.text) {
        let at = bib.text.find(c).unwrap_or(0);
        diags.push(
            Diagnostic::warning(format!(
                "no font has the character `{c}` (U+{:04X}); it prints as a box",
                c as u32
            ))
            .at(Span::new(bib.file, at..at + c.len_utf8())),
        );
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
                Diagnostic::warning(format!(
                    "the cover says `{label}` for `{}`, but it starts on page {printed}",
                    entry.info.title
                ))
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
                    Diagnostic::warning(format!(
                        "toc.csv says pages {}-{} for `{}`, but the article is on pages {}-{}",
                        line.first, line.last, entry.id, range.0, range.1
                    ))
                    .at(line.span)
                    .with_help(format!("write `{right}`")),
                ),
                None => diags.push(Diagnostic::warning(format!(
                    "toc.csv has no line for `{}` (its pages are {}-{})",
                    entry.id, range.0, range.1
                ))),
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
        report.diagnostics.push(Diagnostic::error(format!(
            "cannot create `{}`: {e}",
            parent.display()
        )));
        return false;
    }
    match std::fs::write(&path, bytes) {
        Ok(()) => {
            report.written.push(Written {
                path: shown,
                bytes: bytes.len(),
            });
            true
        }
        Err(e) => {
            report.diagnostics.push(Diagnostic::error(format!(
                "cannot write `{}`: {e}",
                shown.display()
            )));
            false
        }
    }
}

/// Writes what make.sh wrote, or just the PDF with `-o`.
fn write_outputs(build: &IssueBuild, options: &BuildOptions, report: &mut BuildReport) {
    let issue = &build.issue;
    let journal = &issue.location.journal;
    let root = journal.root();
    let loc = &issue.location;
    let ident = format!("wita/{}/{}", loc.year, loc.id);
    let pdf = match wita_output::issue_pdf(&build.document, &ident) {
        Ok(pdf) => pdf,
        Err(e) => {
            report
                .diagnostics
                .push(Diagnostic::error(format!("PDF export failed: {e}")));
            return;
        }
    };
    let pages = build.document.pages().len();
    let shown = |rel: &str| PathBuf::from(journal.display(rel));
    let write = write_file;
    if let Some(out) = &options.output {
        if write(out.clone(), out.clone(), &pdf, report) {
            report.pdf = Some((out.clone(), pages));
        }
        if !options.all {
            return;
        }
    }
    let pdf_rel = format!("_dist/issue/{}/{}.pdf", loc.year, loc.id);
    if write(root.join(&pdf_rel), shown(&pdf_rel), &pdf, report) && report.pdf.is_none() {
        report.pdf = Some((shown(&pdf_rel), pages));
    }
    for (entry, &(first, last)) in issue.entries.iter().zip(&build.ranges) {
        let rel = format!(
            "_dist/entry/{}/{}/WITA.{}.{}.pdf",
            loc.year, loc.id, loc.id, entry.index
        );
        match wita_output::pages_pdf(
            &build.document,
            &format!("{ident}/{}", entry.index),
            first,
            last,
        ) {
            Ok(bytes) => {
                write(root.join(&rel), shown(&rel), &bytes, report);
            }
            Err(e) => report.diagnostics.push(Diagnostic::error(format!(
                "PDF export of `{}` failed: {e}",
                entry.id
            ))),
        }
    }
    let png_rel = format!("_dist/issue/{}/{}.png", loc.year, loc.id);
    match wita_output::page_png(&build.document, 0, 2000) {
        Ok(png) => {
            write(root.join(&png_rel), shown(&png_rel), &png, report);
        }
        Err(e) => report.diagnostics.push(Diagnostic::error(format!(
            "rendering the cover failed: {e}"
        ))),
    }
    let meta_dir = format!("{}/meta", loc.issue_dir());
    for (name, text) in [
        ("dist.toml", wita_output::dist_toml(issue)),
        ("dist.json", wita_output::dist_json(issue)),
        ("map.toml", wita_output::map_toml(issue)),
    ] {
        let rel = format!("{meta_dir}/{name}");
        write(root.join(&rel), shown(&rel), text.as_bytes(), report);
    }
}

impl Builder {
    /// The Typst an article's `main.tex` becomes (`wita convert`): inside an
    /// issue, the article file exactly as a build generates it; elsewhere, the
    /// translated body alone.
    pub fn convert(&self, path: &Path, diags: &mut Diagnostics) -> Option<String> {
        let absolute = match path.canonicalize() {
            Ok(p) => p,
            Err(e) => {
                diags.push(Diagnostic::error(format!(
                    "`{}` cannot be read: {e}",
                    path.display()
                )));
                return None;
            }
        };
        if let Some((master, entry_id)) = issue_of_entry(&absolute) {
            let (issue, articles) = self.read_and_translate(&master, diags)?;
            let position = issue.entries.iter().position(|e| e.id == entry_id);
            let Some(position) = position else {
                diags.push(Diagnostic::error(format!(
                    "`{}` is not imported by `{}`; converting it alone",
                    path.display(),
                    master.display()
                )));
                return None;
            };
            let templates = Templates::for_journal(&issue.location.journal);
            let inputs: Vec<ArticleInput> = issue
                .entries
                .iter()
                .zip(&articles)
                .map(|(entry, article)| ArticleInput { entry, article })
                .collect();
            let project = assemble_issue(&issue, &inputs, &templates, diags);
            let file = project.get(&format!("/.wita/articles/{}.typ", position + 1))?;
            return Some(String::from_utf8_lossy(&file.data).into_owned());
        }
        // A file outside a journal: its own folder is where it may read.
        let dir = absolute.parent().unwrap_or(Path::new("/"));
        let journal = match wita_journal::Journal::new(dir) {
            Ok(j) => j,
            Err(e) => {
                diags.push(Diagnostic::error(format!(
                    "`{}` cannot be read: {e}",
                    dir.display()
                )));
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
        let today = today_text(today_for(None));
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

/// `<root>/issue/<Y>/<ID>.tex.d/entry/<E>/main.tex` → (the master file, `E`).
fn issue_of_entry(main: &Path) -> Option<(PathBuf, String)> {
    let entry_dir = main.parent()?;
    let entry = entry_dir.file_name()?.to_str()?.to_owned();
    let entries = entry_dir.parent()?;
    if entries.file_name()? != "entry" {
        return None;
    }
    let issue_dir = entries.parent()?;
    let dir_name = issue_dir.file_name()?.to_str()?;
    let master = issue_dir.with_file_name(dir_name.strip_suffix(".d")?);
    master.is_file().then_some((master, entry))
}

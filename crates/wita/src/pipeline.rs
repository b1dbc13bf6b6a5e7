//! The one path from an issue's sources to a compiled document: read the
//! issue (or one entry of it) → translate each entry's LaTeX → assemble the
//! Typst project → compile it. Builds, preprints, `check` and `convert` all
//! take it, each stopping where it needs ([`Until`]).

use std::path::Path;
use std::time::Duration;

use wita_assemble::{ArticleInput, Look, Templates, assemble};
use wita_compile::{Compiler, PagedDocument, Project, missing_characters};
use wita_diag::codes;
use wita_diag::{Diagnostic, Diagnostics, Span};
use wita_doc::{Article, Content, NodeKind, walk};
use wita_journal::{
    EntryFiles, Issue, check_article, check_issue_files, check_licence, load_entry_as_issue,
    load_issue, locate, print_missing_keys, resolve_key_case,
};
use wita_latex::{ReadContext, read_article};

use crate::Standards;
use crate::build::{BuildReport, Builder, Stage};
use crate::cache::{RecordingResolver, TranslationKey};
use crate::edition::{Edition, make_edition};
use crate::today::{today_for, today_text};

/// What of an issue a run reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope<'a> {
    /// The issue, as its master file imports its entries.
    Issue,
    /// One entry, as an issue of its own (imported or not): a preprint.
    Entry(&'a str),
}

/// Where a run stops.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Until {
    /// The articles translated.
    Translated,
    /// Assembled, after the checks that need no layout (`wita check`).
    Checked,
    /// The Typst project assembled (`wita convert`).
    Assembled,
    /// Compiled (builds and preprints), with what is made beside the
    /// layout, on the other core.
    Compiled(Beside),
}

/// What a compiling run makes while the pages are laid out: work that needs
/// the articles but not the laid-out issue, which the second core does
/// while typst's layout, mostly on one, goes on.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Beside {
    /// The HTML edition, its pages linking to the PDFs the build writes in
    /// the journal when `Some(true)`.
    pub edition: Option<bool>,
    /// The cover PNG (an issue build that writes everything): the cover
    /// depends on nothing after it, so it is laid out alone and rendered.
    pub cover: bool,
}

/// What was made beside the layout ([`Beside`]), each with its time.
struct MadeBeside {
    edition: Option<(Edition, Duration)>,
    cover: Option<(Vec<u8>, Duration)>,
}

impl Until {
    fn compiles(self) -> bool {
        matches!(self, Until::Compiled(_))
    }
}

/// What a run made, as far as it went.
pub(crate) struct Run {
    pub issue: Issue,
    pub articles: Vec<Article>,
    pub project: Option<Project>,
    pub document: Option<PagedDocument>,
    /// The HTML edition ([`Beside::edition`]) and the time it took.
    pub edition: Option<(Edition, Duration)>,
    /// The cover PNG ([`Beside::cover`]) and the time it took; `None` when
    /// the laid-out issue's first page is to be rendered instead.
    pub cover: Option<(Vec<u8>, Duration)>,
    /// The PDF standards its PDFs conform to (the asked ones, else the
    /// journal's `wita.toml`'s), undated.
    pub standards: Standards,
}

impl Builder {
    /// Runs the pipeline on the issue whose master file (or `.tex.d` folder)
    /// is `master`; diagnostics and timings go to `report`. `None` when the
    /// issue cannot be read. A run that compiles stops at the first stage
    /// with errors; the others go on, to report every problem.
    pub(crate) fn run(
        &mut self,
        master: &Path,
        scope: Scope,
        until: Until,
        asked: Option<&Standards>,
        report: &mut BuildReport,
    ) -> Option<Run> {
        let diags = &mut report.diagnostics;
        let (issue, took) = Stage::Read.time(|| {
            let location = match locate(master) {
                Ok(location) => location,
                Err(e) => {
                    diags.push(*e);
                    return None;
                }
            };
            match scope {
                Scope::Issue => load_issue(location, &self.sources, diags),
                Scope::Entry(id) => load_entry_as_issue(location, id, &self.sources, diags),
            }
        });
        report.timings.push((Stage::Read, took));
        let issue = issue?;
        let standards = standards_for(&issue, asked, &mut report.diagnostics);

        let ((articles, translated), took) =
            Stage::Translate.time(|| self.translate(&issue, &mut report.diagnostics));
        report.translated = translated;
        report.timings.push((Stage::Translate, took));
        let mut run = Run {
            issue,
            articles,
            project: None,
            document: None,
            edition: None,
            cover: None,
            standards,
        };
        let compiles = until.compiles();
        if matches!(until, Until::Translated) || (compiles && report.diagnostics.has_errors()) {
            return Some(run);
        }
        if matches!(until, Until::Checked) {
            if scope == Scope::Issue {
                check_issue_files(&run.issue, &mut report.diagnostics);
            }
            for entry in &run.issue.entries {
                check_licence(entry, &mut report.diagnostics);
            }
            for article in &run.articles {
                check_alt_text(&article.body, &mut report.diagnostics);
            }
        }

        let look = match scope {
            Scope::Issue => Look::Issue,
            Scope::Entry(_) => Look::Preprint,
        };
        let (project, took) = Stage::Assemble.time(|| {
            let project = self.assemble(&run, look, &mut report.diagnostics);
            if compiles {
                self.dump(&project);
            }
            project
        });
        report.timings.push((Stage::Assemble, took));
        if !compiles {
            if matches!(until, Until::Checked) {
                report.diagnostics.dedup();
            }
            run.project = Some(project);
            return Some(run);
        }

        let beside = match until {
            Until::Compiled(beside) => Beside {
                cover: beside.cover && look == Look::Issue,
                ..beside
            },
            _ => Beside::default(),
        };
        let ((output, made), took) = Stage::Compile.time(|| {
            let output = self.compile(&run, &project, look, beside);
            if self.options.one_shot {
                wita_compile::forget_memoized();
            }
            output
        });
        report.diagnostics.extend(output.diagnostics);
        report.timings.push((Stage::Compile, took));
        run.document = output.document;
        run.edition = made.edition;
        run.cover = made.cover;
        run.project = Some(project);
        Some(run)
    }

    /// Translates every entry's main.tex (or takes the translation of an
    /// earlier build of this builder when nothing it read has changed) and
    /// checks it. Returns the articles and the IDs of the entries translated
    /// afresh.
    fn translate(&self, issue: &Issue, diags: &mut Diagnostics) -> (Vec<Article>, Vec<String>) {
        let journal = &issue.location.journal;
        let issue_path = issue.location.issue_dir();
        let mut articles = Vec::new();
        let mut translated = Vec::new();
        for entry in &issue.entries {
            let date = today_for(self.options.source_date_epoch, Some(&entry.info.date));
            let key = TranslationKey {
                main_text: entry.main_text.clone(),
                issue_path: issue_path.clone(),
                today: today_text(date),
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
            let mut article = article;
            resolve_key_case(entry, &mut article, diags);
            print_missing_keys(entry, &mut article, diags);
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

    /// The Typst project of the run's articles, with the journal's templates.
    fn assemble(&self, run: &Run, look: Look, diags: &mut Diagnostics) -> Project {
        let templates = Templates::for_journal(&run.issue.location.journal);
        let inputs: Vec<ArticleInput> = run
            .issue
            .entries
            .iter()
            .zip(&run.articles)
            .map(|(entry, article)| ArticleInput { entry, article })
            .collect();
        let accessible = run.standards.accessible();
        assemble(&run.issue, &inputs, &templates, look, accessible, diags)
    }

    /// For template authors (`WITA_DUMP_TYPST`): the project a build
    /// compiles, as typst sees it (best effort: a folder that cannot be
    /// written is no build error).
    fn dump(&self, project: &Project) {
        let Some(dir) = &self.options.dump_typst else {
            return;
        };
        for file in &project.files {
            let path = dir.join(file.path.trim_start_matches('/'));
            if let Some(parent) = path.parent() {
                let _ = std::fs::create_dir_all(parent);
            }
            let _ = std::fs::write(path, &file.data);
        }
    }

    /// The date a build of the issue works with (`datetime.today()`, a PDF's
    /// date): `SOURCE_DATE_EPOCH`'s, else the issue's month's first day.
    pub(crate) fn issue_today(&self, issue: &Issue) -> (i32, u8, u8) {
        today_for(
            self.options.source_date_epoch,
            Some(&issue_date(&issue.location.id)),
        )
    }

    /// Compiles a project with the compiler for the issue's journal, kept for
    /// later builds (typst's memoized work is reused); today is this issue's.
    /// What `beside` asks for is made at the same time.
    fn compile(
        &mut self,
        run: &Run,
        project: &Project,
        look: Look,
        beside: Beside,
    ) -> (wita_compile::CompileOutput, MadeBeside) {
        let root = run.issue.location.journal.root();
        let today = self.issue_today(&run.issue);
        let compiler = self
            .compilers
            .entry(root.to_path_buf())
            .or_insert_with(|| Compiler::new(root));
        let html = match beside.edition {
            Some(_) => Some(
                self.html_compilers
                    .entry(root.to_path_buf())
                    .or_insert_with(|| Compiler::for_html(root)),
            ),
            None => None,
        };
        compiler.compile_beside(project, today, |compiler| {
            let (edition, cover) = rayon::join(
                || {
                    let (html, linked) = html.zip(beside.edition)?;
                    Some(Stage::Html.time(|| {
                        make_edition(
                            html,
                            project,
                            &run.issue,
                            &run.articles,
                            look,
                            linked,
                            today,
                        )
                    }))
                },
                || {
                    let (png, took) = beside
                        .cover
                        .then(|| Stage::CoverPng.time(|| cover_png(compiler)))?;
                    Some((png?, took))
                },
            );
            MadeBeside { edition, cover }
        })
    }
}

/// The cover, laid out alone, as a PNG ([`wita_output::COVER_HEIGHT`]
/// pixels tall): the same picture as the issue's first page. `None` when it
/// cannot be made so (a journal's template whose cover needs the rest): the
/// issue's first page is rendered after the layout instead, which reports
/// what fails.
fn cover_png(compiler: &Compiler) -> Option<Vec<u8>> {
    let document = compiler.compile_other(wita_assemble::COVER)?;
    wita_output::page_png(&document, 0, wita_output::COVER_HEIGHT).ok()
}

/// The first day of the issue's month (`202508` → `2025-08-01`).
fn issue_date(id: &str) -> String {
    if id.len() == 6 && id.chars().all(|c| c.is_ascii_digit()) && &id[4..] != "00" {
        format!("{}-{}-01", &id[..4], &id[4..])
    } else {
        "1970-01-01".into()
    }
}

/// The warning for a character no embedded font has, at its place.
fn missing_character(c: char, span: Span) -> Diagnostic {
    Diagnostic::warning(
        codes::MISSING_GLYPH,
        format!(
            "no font has the character `{c}` (U+{:04X}); it prints as a box",
            c as u32
        ),
    )
    .at(span)
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
            diags.push(missing_character(c, node.span));
        }
    });
}

fn check_bib_characters(bib: &wita_bib::BibFile, diags: &mut Diagnostics) {
    if bib.text.is_ascii() {
        return;
    }
    for c in missing_characters(&bib.text) {
        let at = bib.text.find(c).unwrap_or(0);
        diags.push(missing_character(
            c,
            Span::new(bib.file, at..at + c.len_utf8()),
        ));
    }
}

/// The standards a run's PDFs conform to: the command line's, else the
/// journal's `wita.toml`'s. A bad one is an error there (and none apply);
/// the run goes on to report the rest.
fn standards_for(issue: &Issue, asked: Option<&Standards>, diags: &mut Diagnostics) -> Standards {
    if let Some(asked) = asked {
        return asked.clone();
    }
    let Some((list, span)) = &issue.config.pdf_standard else {
        return Standards::default();
    };
    Standards::parse(list).unwrap_or_else(|e| {
        diags.push(Diagnostic::error(codes::WITA_TOML, e).at(*span));
        Standards::default()
    })
}

/// `wita check`'s note on images without alternative text (what PDF/UA
/// requires, and what a reader who cannot see them gets).
fn check_alt_text(content: &Content, diags: &mut Diagnostics) {
    walk(content, &mut |node| {
        if let NodeKind::Image(image) = &node.kind
            && image.alt.as_deref().is_none_or(|alt| alt.trim().is_empty())
        {
            diags.push(
                Diagnostic::note(codes::IMAGE_ALT_TEXT, "this image has no alternative text")
                    .at(node.span)
                    .with_help(
                        "describe it for readers who cannot see it: \\includegraphics[alt={A short description}]{file} (needed for --pdf-standard ua-1)",
                    ),
            );
        }
    });
}

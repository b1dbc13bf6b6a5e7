//! The HTML edition: every article as a web page (and an index page per
//! issue), compiled by typst's HTML export from the PDF's own article files
//! against the HTML template.

use std::path::{Path, PathBuf};

use wita_assemble::{ArticleInput, EditionLinks, Look, STYLESHEET, Templates, assemble_html};
use wita_compile::{Compiler, HtmlPage, Project};
use wita_diag::codes;
use wita_diag::{Diagnostic, Diagnostics};
use wita_doc::Article;
use wita_journal::{Issue, ReadError};

use crate::build::{BuildReport, write_file};

/// An HTML edition made in memory: files relative to its folder.
pub(crate) struct Edition {
    pub files: Vec<(String, Vec<u8>)>,
    pub diagnostics: Diagnostics,
}

/// Where an edition goes.
pub(crate) struct EditionTarget {
    /// The folder (absolute, or relative to the working directory).
    pub dir: PathBuf,
    /// How the folder is shown in reports.
    pub shown: PathBuf,
    /// Whether its pages link to the PDFs the build writes in the journal.
    pub linked: bool,
}

/// The edition's folder in the journal: `_dist/html/issue/<Y>/<ID>`, or
/// `workdir/preprint` for a preprint.
fn journal_dir(issue: &Issue, look: Look) -> String {
    match look {
        Look::Issue => issue.location.html_dir(),
        Look::Preprint => issue.location.preprint_dir(),
    }
}

/// Links from the edition's place in the journal to the PDFs there.
fn journal_links(issue: &Issue, look: Look) -> EditionLinks {
    let loc = &issue.location;
    let dir = journal_dir(issue, look);
    match look {
        Look::Issue => EditionLinks {
            issue_pdf: Some(relative(&dir, &loc.issue_pdf())),
            article_pdfs: issue
                .entries
                .iter()
                .map(|e| (e.index, relative(&dir, &loc.article_pdf(e.index))))
                .collect(),
        },
        Look::Preprint => EditionLinks {
            issue_pdf: None,
            article_pdfs: issue
                .entries
                .iter()
                .map(|e| (e.index, relative(&dir, &loc.preprint_pdf(&e.id))))
                .collect(),
        },
    }
}

impl EditionTarget {
    /// The edition's place in the journal, linking to the PDFs the same
    /// build writes.
    pub fn in_journal(issue: &Issue, look: Look) -> Self {
        let loc = &issue.location;
        let dir = journal_dir(issue, look);
        Self {
            dir: loc.journal.root().join(&dir),
            shown: PathBuf::from(loc.journal.display(&dir)),
            linked: true,
        }
    }

    /// A folder of the user's (`-o DIR`): the pages alone, without links to
    /// PDFs that are not beside them.
    pub fn folder(dir: &Path) -> Self {
        Self {
            dir: dir.to_path_buf(),
            shown: dir.to_path_buf(),
            linked: false,
        }
    }
}

/// Compiles the edition of `articles` (the entries of `issue`, in order)
/// from `pdf`, the PDF's project of them; `linked`: its pages link to the
/// PDFs in the journal.
pub(crate) fn make_edition(
    compiler: &mut Compiler,
    pdf: &Project,
    issue: &Issue,
    articles: &[Article],
    look: Look,
    linked: bool,
    today: (i32, u8, u8),
) -> Edition {
    let links = if linked {
        journal_links(issue, look)
    } else {
        EditionLinks::default()
    };
    let templates = Templates::for_journal(&issue.location.journal);
    let inputs: Vec<ArticleInput> = issue
        .entries
        .iter()
        .zip(articles)
        .map(|(entry, article)| ArticleInput { entry, article })
        .collect();
    let edition = assemble_html(pdf, issue, &inputs, &templates, look, &links);
    let pages: Vec<HtmlPage> = edition
        .pages
        .iter()
        .map(|p| HtmlPage {
            main: p.main.clone(),
            stylesheet: Some(STYLESHEET.into()),
        })
        .collect();
    let outputs = compiler.compile_html(&edition.project, &pages, today);
    let mut diagnostics = Diagnostics::new();
    let mut files = vec![(STYLESHEET.to_owned(), edition.stylesheet.into_bytes())];
    for (page, output) in edition.pages.iter().zip(outputs) {
        let what = match page.article {
            Some(n) => format!("the web page of article {n}"),
            None => "the issue's web page".to_owned(),
        };
        for mut d in output.diagnostics.into_vec() {
            d.message = format!("{what}: {}", d.message);
            diagnostics.push(d);
        }
        if let Some(html) = output.html {
            files.push((page.file.clone(), html.into_bytes()));
        }
        for (source, target) in &page.images {
            match issue.location.journal.read(source) {
                Ok(bytes) => files.push((target.clone(), bytes)),
                Err(e) => {
                    let why = match e {
                        ReadError::NotFound => "not found".to_owned(),
                        ReadError::Escapes => "it lies outside the journal".to_owned(),
                        ReadError::Io(e) => e,
                    };
                    diagnostics.push(Diagnostic::error(
                        codes::WRITE_FAILED,
                        format!("cannot copy `{source}` beside the web page: {why}"),
                    ));
                }
            }
        }
    }
    Edition { files, diagnostics }
}

/// Writes an edition into its folder; returns how many pages it has.
pub(crate) fn write_edition(target: &EditionTarget, edition: Edition, report: &mut BuildReport) {
    report.diagnostics.extend(edition.diagnostics.into_vec());
    let mut pages = 0;
    for (rel, bytes) in &edition.files {
        let written = write_file(target.dir.join(rel), target.shown.join(rel), bytes, report);
        if written && rel.ends_with(".html") {
            pages += 1;
        }
    }
    report.html = Some((target.shown.clone(), pages));
}

/// The path of `to` relative to the folder `from` (both journal-relative,
/// with `/`).
fn relative(from: &str, to: &str) -> String {
    let from: Vec<&str> = from.split('/').filter(|s| !s.is_empty()).collect();
    let to: Vec<&str> = to.split('/').filter(|s| !s.is_empty()).collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; from.len() - common];
    parts.extend(&to[common..]);
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::relative;

    #[test]
    fn links_between_the_journals_folders() {
        assert_eq!(
            relative(
                "_dist/html/issue/2025/202508",
                "_dist/issue/2025/202508.pdf"
            ),
            "../../../../issue/2025/202508.pdf"
        );
        assert_eq!(
            relative("workdir/preprint", "workdir/preprint/Preprint.1.a.pdf"),
            "Preprint.1.a.pdf"
        );
    }
}

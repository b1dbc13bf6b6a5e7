//! Assembling the HTML edition: the PDF project's own article files,
//! compiled against the HTML template (served where the PDF's template is,
//! so the articles import it unchanged), one main file per page.

use std::fmt::Write;

use wita_diag::Diagnostics;
use wita_doc::{NodeKind, walk};
use wita_journal::Issue;
use wita_typst::string_lit;
use wita_typst::{Origin, Project};

use crate::{
    ArticleInput, GENERATED, Look, MAIN, MarkupFile, TEMPLATE_PATH, Templates, article_path,
};

/// Where the pages of an edition link to, besides each other.
#[derive(Debug, Clone, Default)]
pub struct EditionLinks {
    /// The issue PDF, relative to the edition's folder.
    pub issue_pdf: Option<String>,
    /// Each article's PDF (by its index in the issue), relative to the
    /// edition's folder.
    pub article_pdfs: Vec<(usize, String)>,
}

/// One page of the edition.
#[derive(Debug, Clone)]
pub struct EditionPage {
    /// Its main file in the project.
    pub main: String,
    /// Its file name in the edition's folder.
    pub file: String,
    /// The article it shows (its index in the issue), or `None` for the index page.
    pub article: Option<usize>,
    /// Images to copy: journal-relative source, edition-relative target.
    pub images: Vec<(String, String)>,
}

/// The Typst project of an HTML edition and its pages.
pub struct HtmlEdition {
    pub project: Project,
    pub pages: Vec<EditionPage>,
    /// The stylesheet, written beside the pages.
    pub stylesheet: String,
}

/// The stylesheet's name in the edition's folder.
pub const STYLESHEET: &str = "wita.css";

/// The page file of an article: `<ID>.<n>.html` in an issue (the website's
/// names), the preprint's name for a preprint.
pub fn page_name(issue: &Issue, n: usize, look: Look, entry: &str) -> String {
    match look {
        Look::Issue => format!("{}.{n}.html", issue.location.id),
        Look::Preprint => format!("Preprint.{}.{entry}.html", issue.location.id),
    }
}

/// Builds the HTML edition's project from the PDF's (`pdf`, made by
/// [`crate::assemble`] for the same articles): its article files, reference
/// lists and all, compiled against the HTML template; one page per article,
/// and for an issue an index page (`index.html`) listing them.
pub fn assemble_html(
    pdf: &Project,
    issue: &Issue,
    articles: &[ArticleInput],
    templates: &Templates,
    look: Look,
    links: &EditionLinks,
) -> HtmlEdition {
    // The HTML template where the articles import the PDF's; the PDF's main
    // file (cover, contents) has no page here.
    let mut project = Project {
        main: String::new(),
        files: pdf
            .files
            .iter()
            .filter(|f| f.path != MAIN && f.path != TEMPLATE_PATH)
            .cloned()
            .collect(),
    };
    project.add(
        TEMPLATE_PATH,
        templates.html.text.clone().into_bytes(),
        Origin::Internal,
    );
    // The article's language was reported on by the PDF's assembly.
    let mut ignored = Diagnostics::new();
    let mut pages = Vec::new();
    let preprint = look == Look::Preprint;
    for input in articles {
        let entry = input.entry;
        let n = entry.index;
        let path = article_path(n);
        let name = page_name(issue, n, look, &entry.id);
        let folder = name.trim_end_matches(".html").to_owned();
        let images = images_of(input, &folder);
        let pdf = links
            .article_pdfs
            .iter()
            .find(|(i, _)| *i == n)
            .map(|(_, p)| p.as_str());
        let mut main = String::new();
        let _ = writeln!(main, "#import {} as wita", string_lit(TEMPLATE_PATH));
        // The page's title and description (its `<head>`): set here, at the
        // top, where typst allows it.
        let title = match &input.article.meta.title {
            Some(title) => wita_doc::plain_text(title),
            None => entry.info.title.clone(),
        };
        let _ = write!(
            main,
            "#set document(title: {}, author: (",
            string_lit(title.trim())
        );
        for author in &entry.info.authors {
            let _ = write!(main, "{}, ", string_lit(author));
        }
        main.push(')');
        if let Some(abstract_) = &entry.info.abstract_ {
            let _ = write!(
                main,
                ", description: {}",
                string_lit(&plain_abstract(abstract_))
            );
        }
        main.push_str(")\n");
        // The page's language (`<html lang>`), the article's.
        let language = wita_journal::article_language(entry, &mut ignored);
        let _ = write!(main, "#set text(lang: {}", string_lit(&language.lang));
        if let Some(region) = &language.region {
            let _ = write!(main, ", region: {}", string_lit(region));
        }
        main.push_str(")\n");
        main.push_str("#show: wita.page.with((\n");
        let _ = writeln!(main, "  issue: {},", string_lit(&issue.location.id));
        let _ = writeln!(main, "  preprint: {preprint},");
        let _ = writeln!(
            main,
            "  home: {},",
            if preprint {
                "none".into()
            } else {
                string_lit("index.html")
            }
        );
        let _ = writeln!(main, "  pdf: {},", opt_lit(pdf));
        main.push_str("  images: (");
        for (source, target) in &images {
            let _ = write!(
                main,
                "{}: {}, ",
                string_lit(&format!("/{source}")),
                string_lit(target)
            );
        }
        if images.is_empty() {
            main.push(':');
        }
        main.push_str("),\n))\n");
        let _ = writeln!(main, "#include {}", string_lit(&path));
        let main_path = format!("{GENERATED}/html/{n}.typ");
        project.add(main_path.clone(), main.into_bytes(), Origin::Internal);
        pages.push(EditionPage {
            main: main_path,
            file: name,
            article: Some(n),
            images,
        });
    }
    if !preprint {
        let main_path = format!("{GENERATED}/html/index.typ");
        let index = index_page(issue, articles, look, links);
        project.add(
            main_path.clone(),
            index.text.into_bytes(),
            Origin::Article(index.map),
        );
        pages.insert(
            0,
            EditionPage {
                main: main_path,
                file: "index.html".into(),
                article: None,
                images: Vec::new(),
            },
        );
    }
    project.main = pages.first().map(|p| p.main.clone()).unwrap_or_default();
    HtmlEdition {
        project,
        pages,
        stylesheet: templates.css.text.clone(),
    }
}

/// The issue's index page: every article with its authors, abstract and
/// links.
fn index_page(
    issue: &Issue,
    articles: &[ArticleInput],
    look: Look,
    links: &EditionLinks,
) -> MarkupFile {
    let mut f = MarkupFile::default();
    let _ = writeln!(f.text, "#import {} as wita", string_lit(TEMPLATE_PATH));
    f.text.push_str("#wita.index-page((\n");
    let _ = writeln!(f.text, "  issue: {},", string_lit(&issue.location.id));
    let editors: String = issue
        .editor()
        .into_iter()
        .map(|e| string_lit(&e) + ",")
        .collect();
    let _ = writeln!(f.text, "  editors: ({editors}),");
    let _ = writeln!(f.text, "  pdf: {},", opt_lit(links.issue_pdf.as_deref()));
    f.text.push_str("  articles: (\n");
    for input in articles {
        let entry = input.entry;
        let n = entry.index;
        let _ = write!(
            f.text,
            "    (ident: {}, tag: ",
            string_lit(&format!("WITA.{}.{n}", issue.location.id))
        );
        match &input.article.meta.primary_tag {
            Some(tag) => f.content(tag),
            None => f.text.push_str("[]"),
        }
        f.text.push_str(", title: ");
        match &input.article.meta.title {
            Some(title) => f.content(title),
            None => f.plain(&entry.info.title, entry.info.id_span),
        }
        let authors: String = entry
            .info
            .authors
            .iter()
            .map(|a| string_lit(a) + ",")
            .collect();
        let abstract_ = entry
            .info
            .abstract_
            .as_deref()
            .map(|a| string_lit(&plain_abstract(a)))
            .unwrap_or_else(|| "none".into());
        let pdf = links
            .article_pdfs
            .iter()
            .find(|(i, _)| *i == n)
            .map(|(_, p)| p.as_str());
        let _ = writeln!(
            f.text,
            ", authors: ({authors}), abstract: {abstract_}, href: {}, pdf: {}),",
            string_lit(&page_name(issue, n, look, &entry.id)),
            opt_lit(pdf)
        );
    }
    f.text.push_str("  ),\n))\n");
    f
}

/// An abstract from info.toml as text: its lines joined, TeX's quote
/// ligatures and dashes as the characters they print.
fn plain_abstract(text: &str) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    joined
        .replace("``", "\u{201C}")
        .replace("''", "\u{201D}")
        .replace('`', "\u{2018}")
        .replace("---", "\u{2014}")
        .replace("--", "\u{2013}")
        .replace("\\&", "&")
        .replace("\\%", "%")
}

/// The images an article includes (those a browser shows; a PDF figure is
/// drawn into the page), each with where it goes: `<folder>/<its path in
/// the entry>`.
fn images_of(input: &ArticleInput, folder: &str) -> Vec<(String, String)> {
    let prefix = format!("{}/", input.entry.dir.trim_end_matches('/'));
    let mut images: Vec<(String, String)> = Vec::new();
    walk(&input.article.body, &mut |node| {
        if let NodeKind::Image(image) = &node.kind {
            let ext = image
                .path
                .rsplit('.')
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            if !matches!(
                ext.as_str(),
                "png" | "jpg" | "jpeg" | "gif" | "svg" | "webp"
            ) {
                return;
            }
            let inside = image.path.strip_prefix(&prefix).unwrap_or(&image.path);
            let target = format!("{folder}/{inside}");
            if !images.iter().any(|(s, _)| *s == image.path) {
                images.push((image.path.clone(), target));
            }
        }
    });
    images
}

fn opt_lit(value: Option<&str>) -> String {
    value.map_or_else(|| "none".into(), string_lit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abstracts_read_as_text() {
        assert_eq!(
            plain_abstract("A ``third path''\nhub --- and\n  R\\&D."),
            "A \u{201C}third path\u{201D} hub \u{2014} and R&D."
        );
    }
}

//! End-to-end: the HTML edition (`wita build --html`). Every page parses as
//! HTML5 without an error, its headings nest, every link it has lands on
//! something, and it holds the words of its article's PDF.

mod common;

use std::collections::{BTreeSet, HashSet};
use std::path::Path;

use common::*;
use scraper::{Html, Selector};

fn select(html: &Html, css: &str) -> Vec<String> {
    let selector = Selector::parse(css).unwrap();
    html.select(&selector).map(|e| e.html()).collect::<Vec<_>>()
}

fn attrs(html: &Html, css: &str, attr: &str) -> Vec<String> {
    let selector = Selector::parse(css).unwrap();
    html.select(&selector)
        .filter_map(|e| e.value().attr(attr).map(str::to_owned))
        .collect()
}

/// A page, parsed; its parse errors fail the test.
fn parse(path: &Path) -> Html {
    let text = std::fs::read_to_string(path).unwrap();
    let html = Html::parse_document(&text);
    assert!(
        html.errors.is_empty(),
        "{}: HTML5 parse errors: {:?}",
        path.display(),
        html.errors
    );
    html
}

/// Lower-case words (runs of letters and digits), as a reader would search
/// for them.
fn words(text: &str) -> Vec<String> {
    // A word broken at a line's end in the PDF is one word.
    let text = text.replace("\u{AD}\n", "").replace('\u{AD}', "");
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The checks every page passes: parse errors, one h1 and headings that
/// nest, unique ids, internal links with a target, relative links and
/// images that exist, images with alternative text.
fn check_page(path: &Path) -> Html {
    let html = parse(path);
    let dir = path.parent().unwrap();
    let name = path.display();

    let levels: Vec<usize> = select(&html, "h1, h2, h3, h4, h5, h6")
        .iter()
        .map(|h| h[2..3].parse().unwrap())
        .collect();
    assert_eq!(levels.first(), Some(&1), "{name}: starts with its h1");
    assert_eq!(
        levels.iter().filter(|l| **l == 1).count(),
        1,
        "{name}: one h1"
    );
    for pair in levels.windows(2) {
        assert!(
            pair[1] <= pair[0] + 1,
            "{name}: headings skip a level: {levels:?}"
        );
    }

    let ids = attrs(&html, "[id]", "id");
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "{name}: duplicate ids in {ids:?}");

    for href in attrs(&html, "a[href]", "href") {
        if let Some(id) = href.strip_prefix('#') {
            assert!(
                unique.contains(&id.to_owned()),
                "{name}: no element has the id of the link `{href}`"
            );
        } else if !href.contains("://") && !href.starts_with("mailto:") {
            let target = dir.join(href.split('#').next().unwrap());
            assert!(target.is_file(), "{name}: the link `{href}` leads nowhere");
        }
    }
    for src in attrs(&html, "img", "src") {
        assert!(
            dir.join(&src).is_file(),
            "{name}: the image `{src}` is missing"
        );
    }
    assert_eq!(
        attrs(&html, "img", "alt").len(),
        select(&html, "img").len(),
        "{name}: an image without alt"
    );
    assert_eq!(
        attrs(&html, "link[rel=stylesheet]", "href"),
        vec!["wita.css".to_owned()],
        "{name}: the stylesheet"
    );
    html
}

/// A PDF's text as a reader copies it: poppler's `pdftotext` where the
/// machine has it (CI installs it), else pdf-extract (which can run two
/// lines, or the halves of an underlined word, into one).
fn pdf_text(pdf: &Path) -> String {
    common::pdftotext(&["-enc", "UTF-8"], pdf).unwrap_or_else(|| pdf_pages(pdf).join("\n"))
}

/// Builds the example issue's web pages alone into `web/` of the journal
/// copy, and returns that folder.
fn web_pages(journal: &Path) -> std::path::PathBuf {
    let out = wita(
        journal,
        &["build", "issue/0000/000000.tex", "--html", "-o", "web"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    journal.join("web")
}

/// The share of the words of `pdf` (occurrences) that the page has.
fn coverage(pdf: &Path, page: &Html) -> (f64, BTreeSet<String>) {
    // Page numbers (lines of their own) are the PDF's, not the article's.
    let text: String = pdf_text(pdf)
        .lines()
        .filter(|l| !l.trim().chars().all(|c| c.is_ascii_digit()))
        .collect::<Vec<_>>()
        .join("\n");
    let pdf_words = words(&text);
    // Text nodes apart: a footnote's number is not part of its first word.
    let page_text: Vec<&str> = page.root_element().text().collect();
    let page_words: HashSet<String> = words(&page_text.join(" ")).into_iter().collect();
    // And together: a formula's letters and indices, which the PDF's text
    // runs into one word (`x2`, `tcold`), are MathML elements apiece.
    let squashed: String = words(&page_text.concat()).concat();
    let on_page = |w: &String| page_words.contains(w) || squashed.contains(w.as_str());
    let missing: BTreeSet<String> = pdf_words.iter().filter(|w| !on_page(w)).cloned().collect();
    let found = pdf_words.iter().filter(|w| on_page(w)).count();
    (found as f64 / pdf_words.len().max(1) as f64, missing)
}

/// Builds an issue with `--html` and checks its edition against its PDFs:
/// returns the lowest share of an article's words found on its page.
fn check_edition(journal: &Path, master: &str) -> f64 {
    let out = wita(journal, &["build", master, "--html", "-q"]);
    assert!(out.status.success(), "{master}: {}", stderr(&out));
    let stem = Path::new(master).with_extension("");
    let id = stem.file_name().unwrap().to_str().unwrap().to_owned();
    let year = stem
        .parent()
        .unwrap()
        .file_name()
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    let dir = journal.join(format!("_dist/html/issue/{year}/{id}"));
    let index = check_page(&dir.join("index.html"));
    let pages = attrs(&index, ".entry h2 a", "href");
    let pdfs: Vec<_> = (1..)
        .map(|n| journal.join(format!("_dist/entry/{year}/{id}/WITA.{id}.{n}.pdf")))
        .take_while(|p| p.is_file())
        .collect();
    assert_eq!(pages.len(), pdfs.len(), "{master}: a page per article");
    let mut lowest: f64 = 1.0;
    for (n, (page, pdf)) in pages.iter().zip(&pdfs).enumerate() {
        assert_eq!(*page, format!("{id}.{}.html", n + 1));
        let html = check_page(&dir.join(page));
        let (share, missing) = coverage(pdf, &html);
        assert!(
            share >= 0.99,
            "{master}: page {page} has {:.2}% of its PDF's words; missing: {missing:?}",
            share * 100.0
        );
        eprintln!("{master} {page}: {:.2}% of the PDF's words", share * 100.0);
        lowest = lowest.min(share);
    }
    lowest
}

#[test]
fn the_example_issue_as_web_pages() {
    let journal = example_journal();
    check_edition(journal.path(), "issue/0000/000000.tex");
    let dir = journal.path().join("_dist/html/issue/0000/000000");

    // The pieces of an article page, as HTML says them.
    let tooling = parse(&dir.join("000000.2.html"));
    assert!(
        !select(&tooling, "math[display=block]").is_empty(),
        "display math as MathML"
    );
    assert!(
        !select(&tooling, "p math:not([display])").is_empty(),
        "inline math as MathML"
    );
    assert!(
        !select(&tooling, "table thead th").is_empty(),
        "a table with header cells"
    );
    assert!(
        !select(&tooling, "figure figcaption").is_empty(),
        "figures with captions"
    );
    assert!(
        !select(&tooling, "pre code").is_empty(),
        "code as <pre><code>"
    );
    assert!(
        select(&tooling, "pre")
            .iter()
            .all(|pre| pre.contains(r#"tabindex="0""#) && pre.contains("aria-label=")),
        "code blocks, which may scroll, take the focus and have a name"
    );
    assert!(
        select(&tooling, "pre code[data-lang=python] span")
            .iter()
            .any(|s| s.contains("color: #c92a3a")),
        "code highlighted in the template's palette (typst's keyword red is too light)"
    );
    assert!(
        !select(&tooling, "h2[id] + h3[id], h2[id]").is_empty(),
        "sections with ids"
    );
    assert!(
        select(&tooling, ".eqno").iter().any(|e| e.contains("(1)")),
        "numbered equations keep their number"
    );
    let welcome = parse(&dir.join("000000.1.html"));
    let noteref = attrs(&welcome, "sup > a[role=doc-noteref]", "href");
    assert!(
        !noteref.is_empty(),
        "a footnote's mark links to its note (the role on the link, where ARIA allows it)"
    );
    assert!(
        !select(
            &welcome,
            "main article [role=doc-endnotes] a[href][role=doc-backlink]"
        )
        .is_empty(),
        "and the note, inside the article's landmark, links back"
    );
    let cjk = parse(&dir.join("000000.3.html"));
    assert!(
        attrs(&cjk, "span[lang]", "lang").iter().any(|l| l == "zh"),
        "Chinese runs carry their language"
    );
    assert!(
        !select(&cjk, ".references li[id]").is_empty(),
        "a reference list"
    );
    assert!(
        attrs(&cjk, "p a[href^='#']", "href").len() >= 3,
        "citations link to their references"
    );
    // The images the article includes, beside the page.
    assert!(dir.join("000000.2/figures/pattern.png").is_file());
    assert!(dir.join("wita.css").is_file());
}

#[test]
fn web_pages_alone_go_to_the_folder_named() {
    let journal = example_journal();
    let out = wita(
        journal.path(),
        &["build", "issue/0000/000000.tex", "--html", "-o", "web"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("wrote 4 web pages"),
        "{}",
        stdout(&out)
    );
    let web = journal.path().join("web");
    for page in [
        "index.html",
        "000000.1.html",
        "000000.2.html",
        "000000.3.html",
    ] {
        check_page(&web.join(page));
    }
    // No PDF was made, and no page links to one.
    assert!(!journal.path().join("_dist").exists());
    let index = std::fs::read_to_string(web.join("index.html")).unwrap();
    assert!(!index.contains(".pdf"), "{index}");

    // The same sources give the same pages, byte for byte.
    let out = wita(
        journal.path(),
        &["build", "issue/0000/000000.tex", "--html", "-o", "again"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    for page in [
        "index.html",
        "000000.1.html",
        "000000.2.html",
        "000000.3.html",
        "wita.css",
    ] {
        assert_eq!(
            std::fs::read(web.join(page)).unwrap(),
            std::fs::read(journal.path().join("again").join(page)).unwrap(),
            "{page} differs between two builds"
        );
    }
}

#[test]
fn a_preprint_gets_its_page_beside_its_pdf() {
    let journal = example_journal();
    let entry = "issue/0000/000000.tex.d/entry/tooling/";
    let out = wita(journal.path(), &["build", entry, "--html"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let dir = journal.path().join("workdir/preprint");
    let page = check_page(&dir.join("Preprint.000000.tooling.html"));
    assert_eq!(
        attrs(&page, ".band a", "href"),
        vec!["Preprint.000000.tooling.pdf".to_owned()]
    );
    let (share, missing) = coverage(&dir.join("Preprint.000000.tooling.pdf"), &page);
    assert!(share >= 0.99, "{share}: {missing:?}");
}

#[test]
fn every_issue_of_the_journal_as_web_pages() {
    let Some(shared) = shared() else { return };
    let journal = real_journal(&shared);
    for master in issue_masters(journal.path()) {
        let lowest = check_edition(journal.path(), &master);
        eprintln!("{master}: lowest {:.2}%", lowest * 100.0);
    }
}

#[test]
fn a_journal_can_replace_the_page_template() {
    let journal = example_journal();
    let own = std::fs::read_to_string(repo().join("templates/html.typ"))
        .unwrap()
        .replace("Article copyright licensing scheme:", "Licensed under");
    let dir = journal.path().join("texlib/wita");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("html.typ"), own).unwrap();
    std::fs::write(dir.join("wita.css"), "body { color: navy; }\n").unwrap();
    web_pages(journal.path());
    let page = std::fs::read_to_string(journal.path().join("web/000000.1.html")).unwrap();
    assert!(page.contains("Licensed under"), "{page}");
    let css = std::fs::read_to_string(journal.path().join("web/wita.css")).unwrap();
    assert_eq!(css, "body { color: navy; }\n");
}

#[test]
fn a_page_says_its_articles_language() {
    let journal = example_journal();
    set_language(journal.path(), "welcome", "de-AT");
    web_pages(journal.path());
    let page = parse(&journal.path().join("web/000000.1.html"));
    assert_eq!(attrs(&page, "html", "lang"), vec!["de-AT".to_owned()]);
    let other = parse(&journal.path().join("web/000000.2.html"));
    assert_eq!(attrs(&other, "html", "lang"), vec!["en".to_owned()]);
}

#[test]
fn a_link_that_would_run_code_is_only_text_on_the_page() {
    let journal = example_journal();
    append_latex(
        journal.path(),
        "welcome",
        "\nPress \\href{JavaScript:alert(1)}{this button} or \\href{data:text/html,x}{that one}.\n",
    );
    web_pages(journal.path());
    let page = check_page(&journal.path().join("web/000000.1.html"));
    let hrefs = attrs(&page, "a[href]", "href");
    assert!(
        hrefs
            .iter()
            .all(|h| !h.to_lowercase().contains("script:") && !h.starts_with("data:")),
        "{hrefs:?}"
    );
    let text: String = page.root_element().text().collect();
    assert!(text.contains("this button") && text.contains("that one"));
}

#[test]
fn a_long_tables_head_is_its_header_row() {
    let journal = example_journal();
    append_latex(
        journal.path(),
        "welcome",
        "\n\\begin{longtable}{ll}\n\\toprule\nName & Value \\\\\n\\midrule\n\\endhead\n\\bottomrule\n\\endfoot\nalpha & 1 \\\\\nbeta & 2 \\\\\n\\end{longtable}\n",
    );
    web_pages(journal.path());
    let page = check_page(&journal.path().join("web/000000.1.html"));
    let selector = Selector::parse("table thead th").unwrap();
    let heads: Vec<String> = page
        .select(&selector)
        .map(|th| th.text().collect::<String>().trim().to_owned())
        .collect();
    assert_eq!(heads, ["Name", "Value"]);
    assert_eq!(
        select(&page, "table thead th").len(),
        2,
        "no empty header cells"
    );
    assert_eq!(select(&page, "table tbody tr").len(), 2);
}

#[test]
fn a_folder_of_issues_gets_its_web_pages_too() {
    let journal = example_journal();
    let out = wita(journal.path(), &["build", "issue/", "--html", "-q"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let dir = journal.path().join("_dist/html/issue/0000/000000");
    check_page(&dir.join("index.html"));
    check_page(&dir.join("000000.2.html"));
}

//! End-to-end: PDFs that conform to PDF/A and PDF/UA (`--pdf-standard`,
//! `wita.toml`), as their XMP metadata declares, and conformance problems
//! reported at the LaTeX line that causes them.

mod common;

use std::path::Path;

use common::*;

/// What a PDF's XMP metadata (the catalog's `/Metadata` stream) declares:
/// `(pdfaid:part, pdfaid:conformance, pdfuaid:part)`, each when present.
fn declared(pdf: &Path) -> (Option<String>, Option<String>, Option<String>) {
    let doc = lopdf::Document::load(pdf).unwrap();
    let catalog = doc.catalog().unwrap();
    let Ok(reference) = catalog.get(b"Metadata").and_then(|m| m.as_reference()) else {
        return (None, None, None);
    };
    let stream = doc.get_object(reference).unwrap().as_stream().unwrap();
    let bytes = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    let xml = String::from_utf8(bytes).unwrap();
    let tree = roxmltree::Document::parse(&xml).expect("the XMP is well-formed XML");
    // The identification schemas, as elements or as attributes of an
    // rdf:Description (both are valid XMP).
    let find = |ns: &str, name: &str| {
        tree.descendants().find_map(|node| {
            if node.tag_name().namespace() == Some(ns) && node.tag_name().name() == name {
                return node.text().map(str::to_owned);
            }
            node.attributes()
                .find(|a| a.namespace() == Some(ns) && a.name() == name)
                .map(|a| a.value().to_owned())
        })
    };
    const PDFA: &str = "http://www.aiim.org/pdfa/ns/id/";
    const PDFUA: &str = "http://www.aiim.org/pdfua/ns/id/";
    (
        find(PDFA, "part"),
        find(PDFA, "conformance"),
        find(PDFUA, "part"),
    )
}

/// The languages a PDF's text is marked with (`/Lang (..)`), in its
/// objects and its content streams.
fn languages(pdf: &Path) -> std::collections::BTreeSet<String> {
    let doc = lopdf::Document::load(pdf).unwrap();
    let mut found = std::collections::BTreeSet::new();
    for object in doc.objects.values() {
        let bytes = match object {
            lopdf::Object::Stream(stream) => stream
                .decompressed_content()
                .unwrap_or_else(|_| stream.content.clone()),
            lopdf::Object::Dictionary(dict) => match dict.get(b"Lang") {
                Ok(lopdf::Object::String(lang, _)) => {
                    found.insert(String::from_utf8_lossy(lang).into_owned());
                    continue;
                }
                _ => continue,
            },
            _ => continue,
        };
        let text = String::from_utf8_lossy(&bytes);
        for part in text.split("/Lang").skip(1) {
            if let Some(part) = part.trim_start().strip_prefix('(')
                && let Some(end) = part.find(')')
            {
                found.insert(part[..end].to_owned());
            }
        }
    }
    found
}

#[test]
fn the_example_issue_declares_pdf_a_2b_and_pdf_ua_1() {
    let journal = example_journal();
    let out = wita(
        journal.path(),
        &[
            "build",
            "issue/0000/000000.tex",
            "--pdf-standard",
            "a-2b,ua-1",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = journal.path().join("_dist/issue/0000/000000.pdf");
    let (part, conformance, ua) = declared(&pdf);
    assert_eq!(part.as_deref(), Some("2"));
    assert_eq!(conformance.as_deref(), Some("B"));
    assert_eq!(ua.as_deref(), Some("1"));
    // The articles' own PDFs are cut from the issue: PDF/A, not tagged.
    let article = journal
        .path()
        .join("_dist/entry/0000/000000/WITA.000000.2.pdf");
    let (part, _, ua) = declared(&article);
    assert_eq!(part.as_deref(), Some("2"));
    assert_eq!(ua, None);
    assert!(
        stderr(&out).contains("cannot be PDF/UA"),
        "{}",
        stderr(&out)
    );
    // The equations speak their LaTeX, the images their descriptions
    // (structure elements, read through the object streams they are in).
    let doc = lopdf::Document::load(&pdf).unwrap();
    assert!(
        doc.objects
            .values()
            .any(|o| o.as_dict().is_ok_and(|d| d.has(b"Alt"))),
        "no alternative text in the PDF"
    );
    // The Chinese of the CJK article is marked as Chinese.
    let langs = languages(&pdf);
    assert!(langs.contains("en") && langs.contains("zh"), "{langs:?}");
}

/// The structure elements of a tagged PDF with the given type (`/S`).
fn structure_elements(pdf: &Path, kind: &[u8]) -> usize {
    let doc = lopdf::Document::load(pdf).unwrap();
    doc.objects
        .values()
        .filter(|o| {
            o.as_dict().is_ok_and(|d| {
                d.get(b"S")
                    .and_then(|s| s.as_name())
                    .is_ok_and(|s| s == kind)
            })
        })
        .count()
}

/// A table's rows above its first mid rule are its header: a screen reader
/// announces their cells as the columns' headers (`TH` in the structure
/// tree), where other cells are `TD`.
#[test]
fn a_tables_head_rows_are_tagged_as_header_cells() {
    let journal = example_journal();
    append_latex(
        journal.path(),
        "welcome",
        "\\begin{tabular}{lll}\\hline One & Two & Three \\\\ \\hline a & b & c \\\\ d & e & f \\\\ \\hline\\end{tabular}\n\n\
         \\begin{tabular}{ll} g & h \\\\ i & j \\end{tabular}\n",
    );
    let out = wita(
        journal.path(),
        &[
            "build",
            "issue/0000/000000.tex",
            "-o",
            "ua.pdf",
            "--pdf-standard",
            "ua-1",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = journal.path().join("ua.pdf");
    // The example's own table (a booktabs head of two cells, with the
    // empty row of space under its top rule) and this one's (three, above
    // its second \hline); the rule-less table has none.
    assert_eq!(structure_elements(&pdf, b"TH"), 1 + 2 + 3);
    assert!(structure_elements(&pdf, b"TD") >= 4 * 2 + 2 * 3 + 2 * 2);
}

#[test]
fn an_article_in_another_language_says_so() {
    let journal = example_journal();
    set_language(journal.path(), "welcome", "de");
    let out = wita(
        journal.path(),
        &["build", "issue/0000/000000.tex", "-o", "de.pdf"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let langs = languages(&journal.path().join("de.pdf"));
    assert!(langs.contains("de"), "{langs:?}");
}

#[test]
fn without_a_standard_nothing_is_declared() {
    let journal = example_journal();
    let out = wita(
        journal.path(),
        &["build", "issue/0000/000000.tex", "-o", "plain.pdf"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        declared(&journal.path().join("plain.pdf")),
        (None, None, None)
    );
}

#[test]
fn the_journal_sets_its_standard_in_wita_toml() {
    let journal = example_journal();
    std::fs::write(
        journal.path().join("wita.toml"),
        "[pdf]\nstandard = \"a-3b\"\n",
    )
    .unwrap();
    let out = wita(
        journal.path(),
        &["build", "issue/0000/000000.tex", "-o", "a.pdf"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let (part, conformance, ua) = declared(&journal.path().join("a.pdf"));
    assert_eq!(
        (part.as_deref(), conformance.as_deref(), ua),
        (Some("3"), Some("B"), None)
    );

    // The command line wins over the journal.
    let out = wita(
        journal.path(),
        &[
            "build",
            "issue/0000/000000.tex",
            "-o",
            "b.pdf",
            "--pdf-standard",
            "a-2b",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        declared(&journal.path().join("b.pdf")).0.as_deref(),
        Some("2")
    );

    // A standard typst does not know is an error at its line.
    std::fs::write(
        journal.path().join("wita.toml"),
        "# PDF settings\n[pdf]\nstandard = \"a-9z\"\n",
    )
    .unwrap();
    let out = wita(
        journal.path(),
        &["build", "issue/0000/000000.tex", "-o", "c.pdf"],
    );
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("`a-9z` is not a PDF standard"), "{err}");
    assert!(err.contains("wita.toml:3:"), "{err}");
}

#[test]
fn an_image_without_alt_text_fails_pdf_ua_at_its_line() {
    let journal = example_journal();
    let main = journal
        .path()
        .join("issue/0000/000000.tex.d/entry/tooling/main.tex");
    let text = std::fs::read_to_string(&main).unwrap();
    // The same image, undescribed.
    let line = text
        .lines()
        .position(|l| l.contains("figures/stages}"))
        .expect("the example has the figure")
        + 1;
    let start = text.find("alt={Four boxes").unwrap();
    let end = start + text[start..].find('}').unwrap() + 1;
    let text = format!(
        "{}{}",
        text[..start].trim_end_matches([',', ' ']),
        &text[end..]
    );
    std::fs::write(&main, text).unwrap();

    let out = wita(
        journal.path(),
        &[
            "build",
            "issue/0000/000000.tex",
            "-o",
            "x.pdf",
            "--pdf-standard",
            "ua-1",
        ],
    );
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("missing alt text"), "{err}");
    assert!(
        err.contains(&native(&format!("entry/tooling/main.tex:{line}:"))),
        "not at line {line}:\n{err}"
    );
    assert!(err.contains("\\includegraphics[alt="), "{err}");
    // `wita check` notes it, and passes.
    let out = wita(journal.path(), &["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("note[image-alt-text]: this image has no alternative text"),
        "{err}"
    );
    assert!(
        err.contains(&native(&format!("entry/tooling/main.tex:{line}:"))),
        "{err}"
    );
    assert!(stdout(&out).contains("1 note"), "{}", stdout(&out));
    // Outside PDF/UA nothing changes.
    let out = wita(
        journal.path(),
        &["build", "issue/0000/000000.tex", "-o", "y.pdf"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
}

/// Every issue of the journal conforms to PDF/A-2b and PDF/UA-1.
#[test]
fn every_real_issue_builds_as_pdf_a_and_pdf_ua() {
    let Some(shared) = shared() else { return };
    let journal = real_journal(&shared);
    let issues = issue_masters(journal.path());
    for rel in issues {
        let out = wita(
            journal.path(),
            &["build", &rel, "-o", "ua.pdf", "--pdf-standard", "a-2b,ua-1"],
        );
        assert!(out.status.success(), "{rel}:\n{}", stderr(&out));
        let (part, conformance, ua) = declared(&journal.path().join("ua.pdf"));
        assert_eq!(
            (part.as_deref(), conformance.as_deref(), ua.as_deref()),
            (Some("2"), Some("B"), Some("1")),
            "{rel}"
        );
    }
}

#[test]
fn a_folder_of_issues_is_built_to_the_standards_asked() {
    let journal = example_journal();
    let out = wita(
        journal.path(),
        &["build", "issue/", "-q", "--pdf-standard", "a-2b"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let (part, conformance, _) = declared(&journal.path().join("_dist/issue/0000/000000.pdf"));
    assert_eq!(part.as_deref(), Some("2"));
    assert_eq!(conformance.as_deref(), Some("B"));
}

//! The cover PNG is laid out and rendered on its own, beside the issue's
//! layout: it must be the picture of the laid-out issue's first page, byte
//! for byte, for the example issue and every issue of the journal (when
//! `../shared` is on the machine); and a journal whose cover cannot be laid
//! out alone still gets it, rendered from the issue.

use std::path::{Path, PathBuf};

mod common;

use common::copy_tree;
use wita::{BuildOptions, BuildReport, Builder};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Builds the issue (all outputs) and checks its cover PNG against the first
/// page of the issue as a separate builder lays it out.
fn cover_is_the_first_page(journal: &Path, master: &str) {
    let master = journal.join(master);
    let report = Builder::new().build(&master, &BuildOptions::default());
    assert!(report.ok(), "{master:?}: {:?}", report.diagnostics);
    let png = report
        .written
        .iter()
        .find(|w| w.path.extension().is_some_and(|e| e == "png"))
        .map(|w| journal.join(&w.path))
        .expect("a cover PNG is written");
    let written = std::fs::read(&png).unwrap();

    let mut report = BuildReport::default();
    let build = Builder::new()
        .compile_issue(&master, &mut report)
        .expect("the issue compiles");
    let first_page = wita_output::page_png(&build.document, 0, wita_output::COVER_HEIGHT).unwrap();
    assert!(
        written == first_page,
        "{}: the cover PNG is not the issue's first page",
        png.display()
    );
}

#[test]
fn the_cover_png_is_the_issues_first_page() {
    let journal = tempfile::tempdir().unwrap();
    copy_tree(&repo().join("examples/journal"), journal.path());
    cover_is_the_first_page(journal.path(), "issue/0000/000000.tex");

    let shared = repo().join("../shared/wita-journal");
    if !shared.join("issue").is_dir() {
        eprintln!("skipped the journal's issues: ../shared is not on this machine");
        return;
    }
    let journal = tempfile::tempdir().unwrap();
    copy_tree(&shared, journal.path());
    let mut masters = Vec::new();
    for year in std::fs::read_dir(journal.path().join("issue")).unwrap() {
        for file in std::fs::read_dir(year.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            if path.extension().is_some_and(|e| e == "tex") {
                masters.push(path);
            }
        }
    }
    masters.sort();
    assert!(masters.len() >= 3, "{masters:?}");
    for master in masters {
        let rel = master.strip_prefix(journal.path()).unwrap();
        cover_is_the_first_page(journal.path(), rel.to_str().unwrap());
    }
}

/// A journal's template whose cover needs the articles (here: it refuses to
/// be laid out without them) still gets its cover PNG: rendered from the
/// laid-out issue instead.
#[test]
fn a_cover_that_needs_the_issue_is_rendered_from_it() {
    let journal = tempfile::tempdir().unwrap();
    copy_tree(&repo().join("examples/journal"), journal.path());
    let template = std::fs::read_to_string(repo().join("templates/issue.typ")).unwrap();
    let cover = "#let cover(info) = {\n";
    assert!(template.contains(cover));
    let needs_articles = template.replace(
        cover,
        &format!(
            "{cover}  context if query(<wita-article>).len() == 0 {{ panic(\"no articles\") }}\n"
        ),
    );
    std::fs::create_dir_all(journal.path().join("texlib/wita")).unwrap();
    std::fs::write(journal.path().join("texlib/wita/issue.typ"), needs_articles).unwrap();
    cover_is_the_first_page(journal.path(), "issue/0000/000000.tex");
}

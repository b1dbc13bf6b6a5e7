//! End-to-end: the example journal in `examples/journal` builds cleanly and
//! every construct it shows reaches the PDF.

mod common;

use common::*;

const ISSUE: &str = "issue/0000/000000.tex";

#[test]
fn the_example_builds_without_warnings() {
    let journal = example_journal();
    let out = wita(journal.path(), &["build", ISSUE, "--deny-warnings"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    let report = stdout(&out);
    assert!(report.contains("WITA.1  welcome"), "{report}");
    assert!(
        report
            .lines()
            .last()
            .unwrap()
            .starts_with(&native("wrote _dist/issue/0000/000000.pdf (9 pages")),
        "{report}"
    );

    let pages = pdf_pages(&journal.path().join("_dist/issue/0000/000000.pdf"));
    let all = pages.join("\n");
    assert!(
        has(&pages[0], "ISSUE 000000") && has(&pages[0], "PREPRINT"),
        "the draft cover: {}",
        pages[0]
    );
    assert!(has(
        &pages[0],
        "Building Issues Without a TeX Installation P.3"
    ));

    // Text, special characters and links.
    for expected in [
        "Welcome to the Sample Issue, and what it exercises",
        "Example Editor (Sample Desk)",
        "A. Contributor",
        "Article copyright licensing scheme: CC BY-ND 4.0.",
        "Abstract",
        "1 Why a sample issue",
        "1.1 Text styles",
        "Quotes use “double” and ‘single’ marks; ranges use an en dash, 10–20, and asides an em dash—like this one. An ellipsis… ends",
        "50% & 20$, item #3, snake_case, {braces}, a\\b and {.",
        "a # sign, *stars*, _underscores_, an @handle, a <tag>, [brackets], = signs, + plus, 1. not a list, - not a bullet, and a // not a comment.",
        "https://example.org/a_b?x=1&y=%20z#frag~1",
        "the documentation",
        "Footnotes are numbered afresh in every article.",
        "2.1 Lists",
        "1. First, read the submission guide.",
        "include other files, and",
        "An unnumbered subsection",
        "A line can be broken by hand",
    ] {
        assert!(has(&all, expected), "missing `{expected}`");
    }
    assert!(
        !has(&all, "A comment: this line"),
        "comments do not reach the PDF"
    );

    // Code, tables, macros and \input.
    for expected in [
        "cargo run --release -- build examples/journal/issue/0000/000000.tex",
        "# A comment with $dollars$, #hashes#, and {braces} stays as written.",
        "|- info.toml -> metadata",
        "\\stdarticle and \\authorrow",
        "the project page (https://example.org/wita)",
        "Table 1: Stages of a build and their outputs",
        "Translate Each article as a document tree",
        "Read– the sources.",
        "Write: the PDFs, the cover image and the metadata.",
        "A boxed note without indentation.",
        "Article copyright licensing scheme: Public Domain.",
        // Figures, subfigures and cross-references.
        "(a) The four stages",
        "(b) A pattern",
        "Figure 1: A build, drawn",
        "Figure 1 draws the stages of Table 1",
        "Equation (1) holds in Section 3, which starts on page 4.",
        // Lists, colours, scripts, footnote marks and included code.
        "Cold a build in a fresh process;",
        "(b) lettered items can start anywhere,",
        "(c) and use colour, highlight, x2 or H2O.",
        "A mark here1 gets its text later.",
        "1The text of the mark.",
        "def stage(name):",
        "print(f\"stage: {name}\") # $, {, } and # stay as written",
        // Appendices are lettered.
        "A Settings",
        "Appendix A exists to show how",
        "A.1 Environment",
    ] {
        assert!(has(&all, expected), "missing `{expected}`");
    }

    // Chinese text and citations.
    assert!(has(&all, "这是一个用于演示的中文句子，混排也可以。"));
    assert!(has(&all, "keep their written order [2, 1, 3]"));
    assert!(has(&all, "stay two groups [1] [2]"));
    assert!(has(&all, "[2] 张伟. 排版的历史"));
    assert!(has(
        &all,
        "URL: https://example.org/clreq (visited on 07/23/2025)."
    ));
    assert!(
        has(&all, "[1] Donald E. Knuth. The TEXbook")
            || has(&all, "[1] Donald E. Knuth. The TeXbook"),
        "{all}"
    );
}

#[test]
fn output_only_the_pdf_with_o() {
    let journal = example_journal();
    let out = wita(journal.path(), &["build", ISSUE, "-o", "issue.pdf", "-q"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).is_empty(),
        "-q prints nothing on success: {}",
        stdout(&out)
    );
    assert!(journal.path().join("issue.pdf").is_file());
    assert!(!journal.path().join("_dist").exists());
    let out = wita(
        journal.path(),
        &["build", ISSUE, "-o", "issue.pdf", "--all"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(journal.path().join("_dist/issue/0000/000000.png").is_file());
    assert_eq!(
        png_size(&journal.path().join("_dist/issue/0000/000000.png")).1,
        2000
    );
    for n in 1..=3 {
        assert!(
            journal
                .path()
                .join(format!("_dist/entry/0000/000000/WITA.000000.{n}.pdf"))
                .is_file()
        );
    }
    let dist = std::fs::read_to_string(
        journal
            .path()
            .join("issue/0000/000000.tex.d/meta/dist.toml"),
    )
    .unwrap();
    assert!(
        dist.contains("[id_seq_map]\n\"welcome\" = \"1\"\n\"tooling\" = \"2\"\n\"cjk\" = \"3\"\n"),
        "{dist}"
    );
    assert!(dist.trim_end().ends_with("index = 3"));
    let json = std::fs::read_to_string(
        journal
            .path()
            .join("issue/0000/000000.tex.d/meta/dist.json"),
    )
    .unwrap();
    assert!(
        json.contains("\"id_seq_map\": {\n    \"welcome\": \"1\""),
        "{json}"
    );
}

#[test]
fn deny_warnings_fails_on_a_warning() {
    let journal = example_journal();
    std::fs::write(
        journal.path().join("issue/0000/000000.tex.d/meta/toc.csv"),
        "welcome,3-9\ntooling,5-6\ncjk,7-7\n",
    )
    .unwrap();
    let out = wita(journal.path(), &["build", ISSUE]);
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("help: write `welcome,3-4`"),
        "{}",
        stderr(&out)
    );
    let out = wita(journal.path(), &["build", ISSUE, "--deny-warnings"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("--deny-warnings"), "{}", stderr(&out));
}

#[test]
fn a_wrong_cover_label_is_reported_with_the_right_page() {
    let journal = example_journal();
    let master = journal.path().join(ISSUE);
    let text = std::fs::read_to_string(&master)
        .unwrap()
        .replace("{P.7}", "{P.9}");
    std::fs::write(&master, text).unwrap();
    let out = wita(journal.path(), &["build", ISSUE, "-o", "x.pdf"]);
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("the cover says `P.9`") && err.contains("write `P.7`"),
        "{err}"
    );
    assert!(err.contains(&native("issue/0000/000000.tex:16:")), "{err}");
}

//! End-to-end: the errors of the command and of an issue's master file and
//! journal are reported at their file, line and column with the source line,
//! the exit code is non-zero, and nothing panics. Each case edits a scratch
//! copy of the example journal and checks every problem reported.
//!
//! Errors in an article's own sources (LaTeX, cite.bib, info.toml, included
//! files, paths that leave the entry) are annotated fixtures of
//! `crates/wita/tests/fixtures/` (`cargo test -p wita --test fixtures`),
//! which check the exact set of diagnostics at their lines.

mod common;

use std::path::Path;

use common::*;

const ISSUE: &str = "issue/0000/000000.tex";
const ENTRY: &str = "issue/0000/000000.tex.d/entry/welcome";

fn edit(journal: &Path, rel: &str, f: impl FnOnce(String) -> String) {
    let path = journal.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, f(text)).unwrap();
}

/// Checks that the report's headlines (a diagnostic's first line, or the
/// summary's) are exactly `expected`, in order: each line contains its text.
fn reported(err: &str, expected: &[&str]) {
    let headlines: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("error") || l.starts_with("warning"))
        .collect();
    assert_eq!(
        headlines.len(),
        expected.len(),
        "expected {expected:#?}, reported:\n{err}"
    );
    for (line, want) in headlines.iter().zip(expected) {
        assert!(line.contains(want), "expected `{want}` in `{line}`:\n{err}");
    }
}

/// Builds, expects failure, and returns stderr after checking it names
/// `location` (`path:line:column` or its start) and says `message`.
fn fails(journal: &Path, location: &str, message: &str) -> String {
    let out = wita(journal, &["build", ISSUE]);
    let err = stderr(&out);
    assert!(!out.status.success(), "the build should fail:\n{err}");
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let location = native(location);
    assert!(err.contains(&location), "expected `{location}` in:\n{err}");
    assert!(err.contains(message), "expected `{message}` in:\n{err}");
    assert!(err.contains(" │ "), "a source snippet is shown:\n{err}");
    err
}

/// Not a fixture: the error is at the master file's `\importarticle` (a
/// fixture's entry always has its main.tex).
#[test]
fn main_tex_missing() {
    let j = example_journal();
    std::fs::remove_file(j.path().join(format!("{ENTRY}/main.tex"))).unwrap();
    let message =
        native("main.tex `issue/0000/000000.tex.d/entry/welcome/main.tex` does not exist");
    let err = fails(j.path(), "issue/0000/000000.tex:20:16", &message);
    reported(
        &err,
        &[
            &format!("error[file-not-found]: {message}"),
            "error: build failed: 1 error",
        ],
    );
}

/// Not a fixture: an `\importarticle` of the master file, and the note names
/// the issue's other entries.
#[test]
fn import_of_a_missing_entry() {
    let j = example_journal();
    edit(j.path(), ISSUE, |t| {
        t.replace(
            "\\importarticle{cjk}",
            "\\importarticle{cjk}\n\\importarticle{ghost}",
        )
    });
    let err = fails(
        j.path(),
        "issue/0000/000000.tex:23:16",
        "entry `ghost` does not exist",
    );
    assert!(
        err.contains("this issue has: cjk, tooling, welcome"),
        "{err}"
    );
    reported(
        &err,
        &[
            "error[missing-entry]: entry `ghost` does not exist",
            "error: build failed: 1 error",
        ],
    );
}

/// Not a fixture: the command's own argument is no issue.
#[test]
fn a_path_that_is_not_an_issue() {
    let j = example_journal();
    let out = wita(j.path(), &["build", "examples/nothing.tex"]);
    assert_eq!(out.status.code(), Some(1));
    reported(
        &stderr(&out),
        &[
            "error[not-an-issue]: `examples/nothing.tex` is not an issue of a journal",
            "error: build failed: 1 error",
        ],
    );
    let out = wita(j.path(), &["build", "issue/0000/999999.tex"]);
    assert_eq!(out.status.code(), Some(1));
    reported(
        &stderr(&out),
        &[
            "error[not-an-issue]: `issue/0000/999999.tex` does not exist",
            "error: build failed: 1 error",
        ],
    );
}

/// Not a fixture: the cover art belongs to the issue (its `meta/` folder),
/// not to an article.
#[test]
fn tolerated_missing_cover_art() {
    let j = example_journal();
    std::fs::remove_file(j.path().join("issue/0000/000000.tex.d/meta/cover.js.svg")).unwrap();
    let out = wita(j.path(), &["build", ISSUE, "-o", "out.pdf"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    reported(
        &err,
        &["warning[cover]: cover art `issue/0000/000000.tex.d/meta/cover.js.svg.pdf` is missing"],
    );
    let summary = stdout(&out);
    assert!(summary.contains(", 1 warning"), "{summary}");
}

/// The report of 5000 nested braces as the terminal shows it: short, and no
/// line of it long (the quoted source line is cut). Not a fixture: the
/// fixtures check the diagnostics (`nesting-too-deep`), not how the CLI
/// prints them.
#[test]
fn five_thousand_nested_braces_give_a_short_report() {
    let j = example_journal();
    edit(j.path(), &format!("{ENTRY}/main.tex"), |t| {
        format!("{t}\n{}deep{}\n", "{".repeat(5000), "}".repeat(5000))
    });
    let err = fails(
        j.path(),
        &format!("{ENTRY}/main.tex:"),
        "groups and environments nest deeper than 32",
    );
    reported(
        &err,
        &[
            "error[too-deep]: groups and environments nest deeper than 32",
            "error: build failed: 1 error",
        ],
    );
    assert!(err.lines().count() < 40, "a short report:\n{err}");
    assert!(
        err.lines().all(|l| l.chars().count() < 200),
        "no line of the report is long:\n{err}"
    );
}

/// The report of a macro that never ends as the terminal shows it: short.
/// Not a fixture: the fixtures check the diagnostics (`macro-never-ends`),
/// not how the CLI prints them.
#[test]
fn a_macro_that_never_ends_is_stopped() {
    let j = example_journal();
    edit(j.path(), &format!("{ENTRY}/main.tex"), |t| {
        format!("{t}\n\\def\\loop{{x\\loop}}\\loop\n")
    });
    let err = fails(
        j.path(),
        &format!("{ENTRY}/main.tex:"),
        "expanding `\\loop` does not end",
    );
    reported(
        &err,
        &[
            "error[macro-expansion]: expanding `\\loop` does not end",
            "error: build failed: 1 error",
        ],
    );
    assert!(err.lines().count() < 40, "a short report:\n{err}");
}

//! Translator fixtures: small articles of our own, each built as the only
//! entry of a scratch issue, checked two ways.
//!
//! - **Annotated diagnostics**, as typst's own test suite marks them: a
//!   fixture's files say, at the line a problem concerns, what wita must
//!   report there: `% warning: unknown command` in a `.tex`, `.sty` or `.bib`,
//!   `# error: missing field` in an `info.toml`. `% warning@12: …` names
//!   another line of the same file (`@+1` the next), `% warning@-: …` a problem that belongs to
//!   no file. The text after the colon is a substring of the message. Every
//!   diagnostic must be annotated and every annotation met, once each.
//! - **Goldens** (expect-test): `main.typ`, the article's Typst exactly as the
//!   build generates it, and `pages.txt`, the text of the article's pages as
//!   poppler's `pdftotext` reads them (skipped, saying so, without it).
//!   `UPDATE_EXPECT=1 cargo test -p wita --test fixtures` writes them anew;
//!   review the change with `git diff` before committing it.
//!
//! `the_sample_issue_matches_its_goldens` keeps the same two goldens for the
//! sample issue in `examples/journal` (`tests/goldens/sample/`).
//!
//! A fixture is a folder under `tests/fixtures/` with a `main.tex` (the
//! article's body, or a whole document with a preamble), and optionally a
//! `cite.bib`, an `info.toml` and any file it inputs or includes. Without an
//! `info.toml`, one is written; without `\setentryid`, the journal's header
//! is put on the first line (after `\begin{document}` when there is one), so
//! the fixture's line numbers are the author's.
//! `WITA_FIXTURE=<substring>` runs only the matching fixtures;
//! `WITA_FIXTURE_PDF=<folder>` keeps their PDFs there, to look at.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use wita::{BuildOptions, Builder, Diagnostic};

const INFO: &str = "[[article]]\nid = \"a\"\ntitle = \"Fixture\"\nauthors = [\"A. Writer\"]\n\
authors_simple = \"A. Writer\"\nemail = \"a@example.org\"\ndate = \"2025-01-01\"\n\
license = \"CC BY 4.0\"\nabstract = \"\"\"\nA fixture.\n\"\"\"\n";

const HEADER: &str = "\\setentryid{a}\\setprimarytag{Fixture}\
\\stdarticle{Fixture}{\\authorrow{A. Writer}{}}{2025-01-01}\\articlecopyrightinfo{CC BY 4.0}";

const ENTRY: &str = "issue/0000/000000.tex.d/entry/a";

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// An expected diagnostic, as a fixture's comment says it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Expected {
    /// The fixture's file (`main.tex`), or `None` for no file.
    file: Option<String>,
    /// 1-based.
    line: usize,
    severity: String,
    text: String,
}

/// The annotations of one file: `% warning: text`, `% error@3: text`,
/// `% note@-: text` (or with `#` in TOML).
fn annotations(name: &str, text: &str) -> Vec<Expected> {
    let marker = if name.ends_with(".toml") { '#' } else { '%' };
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find(marker) {
            let after = rest[at + 1..].trim_start();
            rest = &rest[at + 1..];
            let Some(severity) = ["error", "warning", "note"]
                .into_iter()
                .find(|s| after.starts_with(s))
            else {
                continue;
            };
            let after = &after[severity.len()..];
            let (place, after) = match after.strip_prefix('@') {
                Some(r) => match r.split_once(':') {
                    Some((place, r)) => (Some(place.trim()), r),
                    None => continue,
                },
                None => match after.strip_prefix(':') {
                    Some(r) => (None, r),
                    None => continue,
                },
            };
            let (file, line) = match place {
                None => (Some(name.to_owned()), i + 1),
                Some("-") => (None, 0),
                Some(n) if n.starts_with('+') => (
                    Some(name.to_owned()),
                    i + 1
                        + n[1..].parse::<usize>().unwrap_or_else(|_| {
                            panic!("{name}:{}: bad annotation line `{n}`", i + 1)
                        }),
                ),
                Some(n) => (
                    Some(name.to_owned()),
                    n.parse()
                        .unwrap_or_else(|_| panic!("{name}:{}: bad annotation line `{n}`", i + 1)),
                ),
            };
            out.push(Expected {
                file,
                line,
                severity: severity.to_owned(),
                text: after.trim().to_owned(),
            });
            break;
        }
    }
    out
}

/// The fixture's files, relative to it, with their text (binary files: none).
fn fixture_files(dir: &Path) -> BTreeMap<String, Option<String>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let rel = path
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(rel, std::fs::read_to_string(&path).ok());
        }
    }
    out
}

/// Where the problem is, as a fixture's annotation names it.
fn place(d: &Diagnostic, builder: &Builder) -> (Option<String>, usize) {
    let Some(span) = d.span else {
        return (None, 0);
    };
    let file = builder.sources.get(span.file);
    let name = file.name().replace('\\', "/");
    let rel = name
        .split_once(&format!("{ENTRY}/"))
        .map_or(name.clone(), |(_, r)| r.to_owned());
    (Some(rel), file.line_col(span.range().start).line)
}

/// The outcome of one fixture: what went wrong, if anything.
fn run_fixture(dir: &Path) -> Vec<String> {
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    let files = fixture_files(dir);
    let mut problems = Vec::new();

    let scratch = tempfile::tempdir().unwrap();
    let journal = scratch.path();
    let entry = journal.join(ENTRY);
    std::fs::create_dir_all(&entry).unwrap();
    let master = journal.join("issue/0000/000000.tex");
    std::fs::write(
        &master,
        "\\setdocmetadata{0000}{000000}{1}\n\\begin{document}\n\\importarticle{a}\n\\end{document}\n",
    )
    .unwrap();
    // The journal around the entry: the issue's metadata, the wordmark.
    std::fs::create_dir_all(journal.join("issue/0000/000000.tex.d/meta")).unwrap();
    std::fs::write(
        journal.join("issue/0000/000000.tex.d/meta/meta.toml"),
        "year = \"0000\"\nissue = \"000000\"\nsn = 1\neditors = [\"An Editor\"]\n",
    )
    .unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    common::copy_tree(&repo.join("examples/journal/vi"), &journal.join("vi"));
    common::copy_tree(dir, &entry);
    for golden in ["main.typ", "pages.txt"] {
        let _ = std::fs::remove_file(entry.join(golden));
    }
    if !files.contains_key("info.toml") {
        std::fs::write(entry.join("info.toml"), INFO).unwrap();
    }
    let main = files
        .get("main.tex")
        .cloned()
        .flatten()
        .unwrap_or_else(|| panic!("fixture {name} has no main.tex"));
    if !main.contains("\\setentryid") {
        let at = main
            .find("\\begin{document}")
            .map_or(0, |at| at + "\\begin{document}".len());
        let text = format!("{}{HEADER}{}", &main[..at], &main[at..]);
        std::fs::write(entry.join("main.tex"), text).unwrap();
    }

    let mut builder = Builder::new();
    let pdf = journal.join("out.pdf");
    let report = builder.build(
        &master,
        &BuildOptions {
            output: Some(pdf.clone()),
            ..BuildOptions::default()
        },
    );

    // Diagnostics against annotations.
    let mut expected: Vec<Expected> = files
        .iter()
        .filter_map(|(rel, text)| Some(annotations(rel, text.as_deref()?)))
        .flatten()
        .collect();
    expected.sort();
    let mut unexpected = Vec::new();
    for d in report.diagnostics.iter() {
        let (file, line) = place(d, &builder);
        let severity = d.severity.to_string();
        let found = expected.iter().position(|e| {
            e.file == file
                && e.line == line
                && e.severity == severity
                && d.message.contains(&e.text)
        });
        match found {
            Some(i) => {
                expected.remove(i);
            }
            None => unexpected.push(format!(
                "{}:{line}: {severity}: {}",
                file.as_deref().unwrap_or("-"),
                d.message
            )),
        }
    }
    for d in &unexpected {
        problems.push(format!("not annotated: {d}"));
    }
    for e in &expected {
        problems.push(format!(
            "annotated, not reported: {}:{}: {}: {}",
            e.file.as_deref().unwrap_or("-"),
            e.line,
            e.severity,
            e.text
        ));
    }

    // The article's Typst, as the build generates it.
    let mut diags = wita::Diagnostics::new();
    let typst = builder
        .convert(&entry.join("main.tex"), &mut diags)
        .unwrap_or_default();
    golden(&dir.join("main.typ"), &typst, &mut problems);

    // `WITA_FIXTURE_PDF=<folder>`: the PDFs, to look at.
    if let Some(out) = std::env::var_os("WITA_FIXTURE_PDF")
        && pdf.is_file()
    {
        let out = Path::new(&out);
        std::fs::create_dir_all(out).unwrap();
        std::fs::copy(&pdf, out.join(format!("{name}.pdf"))).unwrap();
    }
    // What a reader sees on the article's pages.
    if report.ok() {
        let (first, last) = report.articles.first().map_or((1, 1), |a| a.pages);
        if let Some(text) = pdftotext(&pdf, first, last) {
            golden(&dir.join("pages.txt"), &text, &mut problems);
        }
    }
    problems
}

/// Compares with a golden file (expect-test: `UPDATE_EXPECT=1` rewrites it).
fn golden(path: &Path, actual: &str, problems: &mut Vec<String>) {
    let file = expect_test::expect_file![path];
    let result = std::panic::catch_unwind(|| file.assert_eq(actual));
    if result.is_err() {
        problems.push(format!(
            "{} differs (UPDATE_EXPECT=1 to accept)",
            path.file_name().unwrap().to_string_lossy()
        ));
    }
}

/// The text of pages `first..=last`, as `pdftotext` reads it; `None` when
/// poppler is not installed (a failed run of an installed one fails).
fn pdftotext(pdf: &Path, first: usize, last: usize) -> Option<String> {
    let out = match Command::new("pdftotext")
        .args([
            "-f",
            &first.to_string(),
            "-l",
            &last.to_string(),
            "-enc",
            "UTF-8",
        ])
        .arg(pdf)
        .arg("-")
        .output()
    {
        Ok(out) => out,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("skipped: the pages' text (pdftotext is not installed)");
            return None;
        }
        Err(e) => panic!("pdftotext did not run: {e}"),
    };
    assert!(
        out.status.success(),
        "pdftotext failed on {}: {}",
        pdf.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    // Page breaks as blank lines; no trailing spaces (editors strip them).
    let text = String::from_utf8(out.stdout)
        .unwrap()
        .replace('\u{c}', "\n");
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    Some(lines.join("\n").trim_end().to_owned() + "\n")
}

#[test]
fn fixtures_report_what_they_annotate_and_print_their_goldens() {
    let filter = std::env::var("WITA_FIXTURE").ok();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("main.tex").is_file())
        .filter(|p| {
            filter.as_ref().is_none_or(|f| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .contains(f.as_str())
            })
        })
        .collect();
    dirs.sort();
    assert!(filter.is_some() || dirs.len() > 5, "the fixtures are there");
    let mut failures = Vec::new();
    for dir in &dirs {
        let problems = run_fixture(dir);
        if !problems.is_empty() {
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            failures.push(format!("{name}:\n  {}", problems.join("\n  ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures failed:\n{}",
        failures.len(),
        dirs.len(),
        failures.join("\n")
    );
}

/// The sample issue (`examples/journal`): each article's Typst as the build
/// generates it and the issue's pages as a reader reads them, against the
/// goldens in `tests/goldens/sample/` (`UPDATE_EXPECT=1` rewrites them).
#[test]
fn the_sample_issue_matches_its_goldens() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let scratch = tempfile::tempdir().unwrap();
    let journal = scratch.path();
    for part in ["issue", "vi"] {
        common::copy_tree(
            &repo.join("examples/journal").join(part),
            &journal.join(part),
        );
    }
    let master = journal.join("issue/0000/000000.tex");
    let pdf = journal.join("out.pdf");
    let mut builder = Builder::new();
    let report = builder.build(
        &master,
        &BuildOptions {
            output: Some(pdf.clone()),
            ..BuildOptions::default()
        },
    );
    assert!(report.ok(), "the sample issue builds");
    let goldens = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/goldens/sample");
    let mut problems = Vec::new();
    let entries = journal.join("issue/0000/000000.tex.d/entry");
    let mut names: Vec<String> = std::fs::read_dir(&entries)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 3, "{names:?}");
    for name in &names {
        let mut diags = wita::Diagnostics::new();
        let typst = builder
            .convert(&entries.join(name).join("main.tex"), &mut diags)
            .unwrap_or_default();
        golden(&goldens.join(format!("{name}.typ")), &typst, &mut problems);
    }
    if let Some(text) = pdftotext(&pdf, 1, 9999) {
        golden(&goldens.join("pages.txt"), &text, &mut problems);
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn annotations_name_their_line_or_another() {
    let text = "a\nb % warning: unknown command `\\foo`\n% error@1: first\n% note@-: nowhere\n% warning@+1: next\n";
    let got = annotations("main.tex", text);
    let want = |file: Option<&str>, line, severity: &str, text: &str| Expected {
        file: file.map(str::to_owned),
        line,
        severity: severity.into(),
        text: text.into(),
    };
    assert_eq!(
        got,
        [
            want(Some("main.tex"), 2, "warning", "unknown command `\\foo`"),
            want(Some("main.tex"), 1, "error", "first"),
            want(None, 0, "note", "nowhere"),
            want(Some("main.tex"), 6, "warning", "next"),
        ]
    );
    // TOML's comments; a `%` there is text.
    let got = annotations("info.toml", "title = \"50% off\" # error: bad\n");
    assert_eq!(got, [want(Some("info.toml"), 1, "error", "bad")]);
    // A percentage in prose is no annotation.
    assert!(annotations("main.tex", "It rose by 5\\% % of which\n").is_empty());
}

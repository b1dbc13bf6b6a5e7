//! Translator fixtures: small articles of our own, each built as the only
//! entry of a scratch issue, checked two ways.
//!
//! - **Annotated diagnostics**, as typst's own test suite marks them: a
//!   fixture's files say, at the line a problem concerns, what wita must
//!   report there: `% warning: unknown command` in a `.tex`, `.sty` or `.bib`,
//!   `# error: missing field` in an `info.toml`. `% warning@12: …` names
//!   another line of the same file (`@+1` the next), `% warning@-: …` a problem that belongs to
//!   no file, `% error@:25: …` column 25 of this line (`@12:25` of line 12),
//!   `% warning@cite.bib:1: …` a line of another file of the fixture (one
//!   that cannot hold a comment: empty, or not UTF-8). The text after the
//!   colon is a substring of the message; ` = help: …` and ` = note: …` after
//!   it are substrings of one of its helps and notes. Every diagnostic must
//!   be annotated and every annotation met, once each. The build fails
//!   exactly when an error is annotated, and the report as the terminal
//!   shows it has a source snippet for each problem in a file.
//! - **Goldens** (expect-test): `main.typ`, the article's Typst exactly as the
//!   build generates it, and `pages.txt`, the text of the article's pages as
//!   poppler's `pdftotext` reads them (skipped, saying so, without it). A
//!   fixture whose build fails has no `pages.txt`, and its `main.typ` only
//!   where the file is there (create it empty and accept): an endless
//!   macro's half a million `x` are not worth keeping.
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
//! A fixture's `journal/` folder is copied to the scratch journal's root
//! (files outside the entry: `journal/issue/0000/000000.tex.d/entry/b/x.tex`
//! is `../b/x.tex` from the entry), and its `symlinks.txt` makes links in the
//! entry, one `LINK -> TARGET` a line (TARGET relative to the journal's root;
//! Unix only, such fixtures are skipped elsewhere). No line of a `journal/`
//! file may reach the report or the Typst. `${ENTRY}` in a `.tex` file is the
//! entry folder's absolute path.
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
    /// 1-based, in characters; `None`: any.
    column: Option<usize>,
    severity: String,
    /// `% warning[unknown-command]: …`: the diagnostic's code; `None`: any.
    code: Option<String>,
    text: String,
    /// Substrings of the diagnostic's helps and notes.
    help: Vec<String>,
    notes: Vec<String>,
}

impl Expected {
    fn meets(&self, d: &Diagnostic, file: &Option<String>, line: usize, column: usize) -> bool {
        self.file == *file
            && self.line == line
            && self.column.is_none_or(|c| c == column)
            && self.severity == d.severity.to_string()
            && self.code.as_ref().is_none_or(|c| c == d.code.name())
            && d.message.contains(&self.text)
            && self
                .help
                .iter()
                .all(|h| d.help.iter().any(|x| x.contains(h)))
            && self
                .notes
                .iter()
                .all(|n| d.notes.iter().any(|x| x.contains(n)))
    }
}

/// The annotations of one file: `% warning: text`, `% error@3: text`,
/// `% error@:8: text`, `% error@3:8: text`, `% note@-: text`,
/// `% warning@cite.bib:1: text` (or with `#` in TOML); the text may go on
/// with ` = help: text` and ` = note: text`.
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
            // `warning[unknown-command]`: the code, if given.
            let (code, after) = match after.strip_prefix('[').and_then(|r| r.split_once(']')) {
                Some((code, r)) => (Some(code.trim().to_owned()), r),
                None => (None, after),
            };
            // The place ends at the colon the text follows (a space or the
            // line's end after it).
            let (place, after) = match after.strip_prefix('@') {
                Some(r) => match r.match_indices(':').map(|(at, _)| at).find(|&at| {
                    r[at + 1..].is_empty() || r[at + 1..].starts_with(char::is_whitespace)
                }) {
                    Some(at) => (Some(r[..at].trim()), &r[at + 1..]),
                    None => continue,
                },
                None => match after.strip_prefix(':') {
                    Some(r) => (None, r),
                    None => continue,
                },
            };
            let bad =
                |what: &str| -> ! { panic!("{name}:{}: bad annotation place `{what}`", i + 1) };
            let number = |n: &str| n.parse::<usize>().unwrap_or_else(|_| bad(n));
            let (file, line, column) = match place {
                None => (Some(name.to_owned()), i + 1, None),
                Some("-") => (None, 0, None),
                Some(place) => {
                    let mut parts: Vec<&str> = place.split(':').collect();
                    let is_line = |p: &str| {
                        p.is_empty()
                            || p.trim_start_matches('+')
                                .bytes()
                                .all(|b| b.is_ascii_digit())
                    };
                    let file = if parts.len() > 1 && !is_line(parts[0]) {
                        Some(parts.remove(0).to_owned())
                    } else {
                        None
                    };
                    if parts.len() > 2 {
                        bad(place);
                    }
                    let line = match (parts[0], &file) {
                        ("", None) => i + 1,
                        (n, None) if n.starts_with('+') => i + 1 + number(&n[1..]),
                        (n, _) if !n.is_empty() && !n.starts_with('+') => number(n),
                        _ => bad(place),
                    };
                    let column = parts.get(1).map(|c| number(c));
                    (Some(file.unwrap_or_else(|| name.to_owned())), line, column)
                }
            };
            // `message = help: … = note: …`
            let mut parts = Vec::new();
            let (mut kind, mut text) = ("", after);
            loop {
                let next = ["= help:", "= note:"]
                    .into_iter()
                    .filter_map(|m| text.find(m).map(|at| (at, m)))
                    .min();
                match next {
                    Some((at, m)) => {
                        parts.push((kind, text[..at].trim().to_owned()));
                        (kind, text) = (m, &text[at + m.len()..]);
                    }
                    None => {
                        parts.push((kind, text.trim().to_owned()));
                        break;
                    }
                }
            }
            let of = |k: &str| -> Vec<String> {
                parts
                    .iter()
                    .filter(|(kind, _)| *kind == k)
                    .map(|(_, t)| t.clone())
                    .collect()
            };
            out.push(Expected {
                file,
                line,
                column,
                severity: severity.to_owned(),
                code,
                text: parts[0].1.clone(),
                help: of("= help:"),
                notes: of("= note:"),
            });
            break;
        }
    }
    out
}

/// The fixture's files, relative to it, with their text (binary files:
/// none; a source file that is not UTF-8, as far as it reads).
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
            let bytes = std::fs::read(&path).unwrap();
            let source = ["tex", "sty", "cls", "bib", "toml"]
                .iter()
                .any(|x| rel.ends_with(&format!(".{x}")));
            let text = match String::from_utf8(bytes) {
                Ok(text) => Some(text),
                Err(e) if source => Some(String::from_utf8_lossy(e.as_bytes()).into_owned()),
                Err(_) => None,
            };
            out.insert(rel, text);
        }
    }
    out
}

/// Where the problem is, as a fixture's annotation names it: the file, the
/// line and the column.
fn place(d: &Diagnostic, builder: &Builder) -> (Option<String>, usize, usize) {
    let Some(span) = d.span else {
        return (None, 0, 0);
    };
    let file = builder.sources.get(span.file);
    let name = file.name().replace('\\', "/");
    let rel = name
        .split_once(&format!("{ENTRY}/"))
        .map_or(name.clone(), |(_, r)| r.to_owned());
    let at = file.line_col(span.range().start);
    (Some(rel), at.line, at.column)
}

/// The outcome of one fixture: what went wrong, if anything.
fn run_fixture(dir: &Path) -> Vec<String> {
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    let files = fixture_files(dir);
    let mut problems = Vec::new();
    let links = files.get("symlinks.txt").cloned().flatten();
    if links.is_some() && !cfg!(unix) {
        eprintln!("skipped: fixture {name} (symbolic links)");
        return problems;
    }

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
    for golden in ["main.typ", "pages.txt", "symlinks.txt"] {
        let _ = std::fs::remove_file(entry.join(golden));
    }
    // Files outside the entry, and links to them.
    if dir.join("journal").is_dir() {
        std::fs::remove_dir_all(entry.join("journal")).unwrap();
        common::copy_tree(&dir.join("journal"), journal);
    }
    for link in links.iter().flat_map(|l| l.lines()) {
        let Some((link, target)) = link.split_once(" -> ") else {
            continue;
        };
        #[cfg(unix)]
        std::os::unix::fs::symlink(journal.join(target.trim()), entry.join(link.trim())).unwrap();
        #[cfg(not(unix))]
        let _ = (link, target);
    }
    // What no report or output may show: the text of the files outside.
    let outside: Vec<&str> = files
        .iter()
        .filter(|(rel, _)| rel.starts_with("journal/"))
        .filter_map(|(_, text)| text.as_deref())
        .flat_map(str::lines)
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    // `${ENTRY}`: the entry's absolute path.
    for (rel, text) in &files {
        if let Some(text) = text
            && rel.ends_with(".tex")
            && text.contains("${ENTRY}")
        {
            let entry_path = entry.to_string_lossy().replace('\\', "/");
            std::fs::write(entry.join(rel), text.replace("${ENTRY}", &entry_path)).unwrap();
        }
    }
    if !files.contains_key("info.toml") {
        std::fs::write(entry.join("info.toml"), INFO).unwrap();
    }
    // The header, as bytes (a fixture's main.tex may not be UTF-8).
    let main = std::fs::read(entry.join("main.tex"))
        .unwrap_or_else(|_| panic!("fixture {name} has no main.tex"));
    let find = |needle: &[u8]| main.windows(needle.len()).position(|w| w == needle);
    if find(b"\\setentryid").is_none() {
        let begin = b"\\begin{document}";
        let at = find(begin).map_or(0, |at| at + begin.len());
        let text = [&main[..at], HEADER.as_bytes(), &main[at..]].concat();
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
        .filter(|(rel, _)| !rel.starts_with("journal/"))
        .filter_map(|(rel, text)| Some(annotations(rel, text.as_deref()?)))
        .flatten()
        .collect();
    expected.sort();
    let errors_annotated = expected.iter().any(|e| e.severity == "error");
    let mut unexpected = Vec::new();
    for d in report.diagnostics.iter() {
        let (file, line, column) = place(d, &builder);
        match expected
            .iter()
            .position(|e| e.meets(d, &file, line, column))
        {
            Some(i) => {
                expected.remove(i);
            }
            None => unexpected.push(format!(
                "{}:{line}:{column}: {}[{}]: {}{}{}",
                file.as_deref().unwrap_or("-"),
                d.severity,
                d.code,
                d.message,
                d.help
                    .iter()
                    .map(|h| format!(" = help: {h}"))
                    .collect::<String>(),
                d.notes
                    .iter()
                    .map(|n| format!(" = note: {n}"))
                    .collect::<String>(),
            )),
        }
    }
    for d in &unexpected {
        problems.push(format!("not annotated: {d}"));
    }
    for e in &expected {
        problems.push(format!(
            "annotated, not reported: {}:{}{}: {}: {}{}{}",
            e.file.as_deref().unwrap_or("-"),
            e.line,
            e.column.map(|c| format!(":{c}")).unwrap_or_default(),
            e.severity,
            e.text,
            e.help
                .iter()
                .map(|h| format!(" = help: {h}"))
                .collect::<String>(),
            e.notes
                .iter()
                .map(|n| format!(" = note: {n}"))
                .collect::<String>(),
        ));
    }
    if report.ok() == errors_annotated {
        problems.push(format!(
            "the build {} (errors annotated: {errors_annotated})",
            if report.ok() { "succeeded" } else { "failed" }
        ));
    }
    if report.ok() && !pdf.is_file() {
        problems.push("the build succeeded without a PDF".into());
    }
    // The report as the terminal shows it: a snippet at each problem in a
    // file, nothing from outside the entry.
    let renderer = wita::Renderer::new(&builder.sources, wita::Style::Rich);
    for d in report.diagnostics.iter() {
        let shown = renderer.to_string(d);
        if d.span.is_some() && !shown.contains(" │ ") {
            problems.push(format!("no source snippet in the report:\n{shown}"));
        }
        if let Some(line) = outside.iter().find(|l| shown.contains(*l)) {
            problems.push(format!("the report shows `{line}`, from outside the entry"));
        }
    }

    // The article's Typst, as the build generates it (for an article that
    // does not build, where the fixture keeps it).
    let mut diags = wita::Diagnostics::new();
    let typst = builder
        .convert(&entry.join("main.tex"), &mut diags)
        .unwrap_or_default();
    if let Some(line) = outside.iter().find(|l| typst.contains(*l)) {
        problems.push(format!("the Typst has `{line}`, from outside the entry"));
    }
    if report.ok() || dir.join("main.typ").exists() {
        golden(&dir.join("main.typ"), &typst, &mut problems);
    }

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
        column: None,
        severity: severity.into(),
        code: None,
        text: text.into(),
        help: Vec::new(),
        notes: Vec::new(),
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
    // Columns, other files, helps and notes; a colon in the text is text.
    let text = "x % error@:4: a: b\n% error@7:2: c\n% warning@cite.bib:1: empty\n\
                % warning@cite.bib:3:5: d = help: did you mean `e`? = note: f\n";
    let got = annotations("main.tex", text);
    let at = |e: Expected, file: &str, column| Expected {
        file: Some(file.into()),
        column,
        ..e
    };
    let mut last = at(want(None, 3, "warning", "d"), "cite.bib", Some(5));
    last.help = vec!["did you mean `e`?".into()];
    last.notes = vec!["f".into()];
    assert_eq!(
        got,
        [
            at(want(None, 1, "error", "a: b"), "main.tex", Some(4)),
            at(want(None, 7, "error", "c"), "main.tex", Some(2)),
            at(want(None, 1, "warning", "empty"), "cite.bib", None),
            last,
        ]
    );
    // A code after the severity.
    let got = annotations("main.tex", "x % warning[unknown-command]@:3: `\\foo`\n");
    let mut coded = at(want(None, 1, "warning", "`\\foo`"), "main.tex", Some(3));
    coded.code = Some("unknown-command".into());
    assert_eq!(got, [coded]);
}

//! End-to-end: every error an author or editor can make is reported at its
//! file, line and column with the source line, the exit code is non-zero, and
//! nothing panics. Each case edits a scratch copy of the example journal.

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

fn succeeds_with_warning(journal: &Path, message: &str) {
    let out = wita(journal, &["build", ISSUE, "-o", "out.pdf"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("warning") && err.contains(message),
        "expected warning `{message}`:\n{err}"
    );
}

#[test]
fn info_toml_syntax_error() {
    let j = example_journal();
    edit(j.path(), &format!("{ENTRY}/info.toml"), |t| {
        t.replace("title = \"Welcome", "title = Welcome")
    });
    fails(j.path(), &format!("{ENTRY}/info.toml:4:"), "info.toml:");
}

#[test]
fn info_toml_missing_field() {
    let j = example_journal();
    edit(j.path(), &format!("{ENTRY}/info.toml"), |t| {
        t.replace("license = \"CC BY-ND 4.0\"\n", "")
    });
    fails(
        j.path(),
        &format!("{ENTRY}/info.toml:1:1"),
        "missing field `license`",
    );
}

#[test]
fn info_toml_mistyped_field() {
    let j = example_journal();
    edit(j.path(), &format!("{ENTRY}/info.toml"), |t| {
        t.replace(
            "authors = [\"Example Editor (Sample Desk)\", \"A. Contributor\"]",
            "authors = 3",
        )
    });
    fails(
        j.path(),
        &format!("{ENTRY}/info.toml:5:11"),
        "invalid type: integer `3`, expected a sequence",
    );
}

#[test]
fn info_toml_id_is_not_the_folder() {
    let j = example_journal();
    edit(j.path(), &format!("{ENTRY}/info.toml"), |t| {
        t.replace("id = \"welcome\"", "id = \"welcom\"")
    });
    fails(
        j.path(),
        &format!("{ENTRY}/info.toml:3:6"),
        "is not the entry's folder name `welcome`",
    );
}

#[test]
fn info_toml_invalid_date() {
    let j = example_journal();
    edit(j.path(), &format!("{ENTRY}/info.toml"), |t| {
        t.replace("2025-09-01", "2025-02-30")
    });
    fails(
        j.path(),
        &format!("{ENTRY}/info.toml:8:8"),
        "is not a valid date: month 2 has no day 30",
    );
}

#[test]
fn main_tex_missing() {
    let j = example_journal();
    std::fs::remove_file(j.path().join(format!("{ENTRY}/main.tex"))).unwrap();
    fails(
        j.path(),
        "issue/0000/000000.tex:20:16",
        &native("main.tex `issue/0000/000000.tex.d/entry/welcome/main.tex` does not exist"),
    );
}

#[test]
fn main_tex_not_utf8() {
    let j = example_journal();
    let path = j.path().join(format!("{ENTRY}/main.tex"));
    let mut bytes = std::fs::read(&path).unwrap();
    let at = bytes.windows(6).position(|w| w == b"sample").unwrap();
    bytes[at] = 0xE9; // Latin-1 é
    std::fs::write(&path, bytes).unwrap();
    fails(
        j.path(),
        &format!("{ENTRY}/main.tex:"),
        "main.tex is not UTF-8 text",
    );
}

#[test]
fn unbalanced_brace() {
    let j = example_journal();
    edit(j.path(), &format!("{ENTRY}/main.tex"), |t| {
        t.replace("\\textbf{bold}", "\\textbf{bold")
    });
    fails(
        j.path(),
        &format!("{ENTRY}/main.tex:25:25"),
        "this `{` is never closed",
    );
}

#[test]
fn unmatched_closing_brace() {
    let j = example_journal();
    edit(j.path(), &format!("{ENTRY}/main.tex"), |t| {
        t.replace("Starred sections", "Starred} sections")
    });
    fails(j.path(), &format!("{ENTRY}/main.tex:64:8"), "unmatched `}`");
}

#[test]
fn unclosed_environment() {
    let j = example_journal();
    edit(j.path(), &format!("{ENTRY}/main.tex"), |t| {
        t.replace("\t\\end{itemize}\n\t\\item Finally", "\t\\item Finally")
    });
    let err = fails(
        j.path(),
        &format!("{ENTRY}/main.tex:50:2"),
        "environment `itemize` is not closed",
    );
    assert_eq!(
        err.matches("error:").count(),
        2,
        "one error and the summary, no cascade:\n{err}"
    );
}

/// biber warns about a key no entry has, and LaTeX prints it in bold: a
/// warning at the citation, and the build goes on.
#[test]
fn cite_of_a_missing_key() {
    let j = example_journal();
    edit(j.path(), &format!("{ENTRY}/main.tex"), |t| {
        t.replace(
            "\\cite{knuth1984,lamport1994}",
            "\\cite{knuth1984,lamport1995}",
        )
    });
    let out = wita(j.path(), &["build", ISSUE, "-o", "out.pdf"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains(&native(&format!("{ENTRY}/main.tex:20:63"))),
        "{err}"
    );
    assert!(
        err.contains("warning: no entry `lamport1995` in this article's cite.bib"),
        "{err}"
    );
    assert!(err.contains("did you mean `lamport1994`?"), "{err}");
}

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
    assert!(err.lines().count() < 40, "a short report:\n{err}");
    assert!(
        err.lines().all(|l| l.chars().count() < 200),
        "no line of the report is long:\n{err}"
    );
}

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
    assert!(err.lines().count() < 40, "a short report:\n{err}");
}

#[test]
fn cite_of_a_key_that_differs_in_case() {
    // BibTeX matches keys up to case: the article builds, with a warning
    // that names the spelling in cite.bib.
    let j = example_journal();
    edit(j.path(), &format!("{ENTRY}/main.tex"), |t| {
        t.replace(
            "\\cite{knuth1984,lamport1994}",
            "\\cite{Knuth1984,lamport1994}",
        )
    });
    succeeds_with_warning(
        j.path(),
        "`Knuth1984` is cited as `knuth1984`, its spelling in cite.bib",
    );
}

#[test]
fn cite_bib_syntax_error() {
    // biber leaves an entry that does not parse out, with a warning, and
    // the build goes on: so does wita.
    let j = example_journal();
    edit(j.path(), &format!("{ENTRY}/cite.bib"), |t| {
        t.replace("year = {1984},\n}", "year = {1984}\n  note = {x}\n}")
    });
    succeeds_with_warning(
        j.path(),
        "this entry does not parse (expected a comma); it is left out, as biber leaves it out",
    );
}

#[test]
fn input_of_an_absolute_path() {
    let j = example_journal();
    let abs = j.path().join(format!("{ENTRY}/cite.bib"));
    edit(j.path(), &format!("{ENTRY}/main.tex"), |t| {
        t.replace(
            "\\section{Structure}",
            &format!("\\input{{{}}}\n\\section{{Structure}}", abs.display()),
        )
    });
    fails(j.path(), &format!("{ENTRY}/main.tex:44:1"), "absolute path");
}

#[test]
fn includegraphics_of_an_absolute_path() {
    let j = example_journal();
    edit(j.path(), &format!("{ENTRY}/main.tex"), |t| {
        t.replace(
            "\\section{Structure}",
            "\\includegraphics[width=3cm]{/etc/hostname}\n\\section{Structure}",
        )
    });
    fails(
        j.path(),
        &format!("{ENTRY}/main.tex:44:1"),
        "absolute path `/etc/hostname` is not allowed",
    );
}

#[test]
fn input_through_dotdot_out_of_the_entry() {
    let j = example_journal();
    edit(j.path(), &format!("{ENTRY}/main.tex"), |t| {
        t.replace(
            "\\section{Structure}",
            "\\input{../tooling/parts/stages}\n\\section{Structure}",
        )
    });
    fails(
        j.path(),
        &format!("{ENTRY}/main.tex:44:1"),
        "leads out of the entry folder through `..`",
    );
}

#[test]
fn includegraphics_through_dotdot_out_of_the_entry() {
    let j = example_journal();
    edit(j.path(), &format!("{ENTRY}/main.tex"), |t| {
        t.replace(
            "\\section{Structure}",
            "\\includegraphics{../../meta/cover.js.svg}\n\\section{Structure}",
        )
    });
    fails(
        j.path(),
        &format!("{ENTRY}/main.tex:44:1"),
        "leads out of the entry folder",
    );
}

#[cfg(unix)]
#[test]
fn input_and_includegraphics_through_a_symlink_out() {
    let j = example_journal();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.tex"), "secret text").unwrap();
    std::fs::write(outside.path().join("secret.png"), "not really a png").unwrap();
    let entry = j.path().join(ENTRY);
    std::os::unix::fs::symlink(outside.path().join("secret.tex"), entry.join("notes.tex")).unwrap();
    std::os::unix::fs::symlink(outside.path(), entry.join("figures")).unwrap();
    edit(j.path(), &format!("{ENTRY}/main.tex"), |t| {
        t.replace(
            "\\section{Structure}",
            "\\input{notes}\n\\includegraphics{figures/secret.png}\n\\section{Structure}",
        )
    });
    let err = fails(
        j.path(),
        &format!("{ENTRY}/main.tex:44:1"),
        "is a symlink that leads out of the entry folder",
    );
    assert!(
        err.contains(&native(&format!("{ENTRY}/main.tex:45:1"))),
        "{err}"
    );
    assert!(!err.contains("secret text"));
}

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
}

#[test]
fn a_path_that_is_not_an_issue() {
    let j = example_journal();
    let out = wita(j.path(), &["build", "examples/nothing.tex"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("is not an issue of a journal"),
        "{}",
        stderr(&out)
    );
    let out = wita(j.path(), &["build", "issue/0000/999999.tex"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("does not exist"), "{}", stderr(&out));
}

#[test]
fn tolerated_mismatched_entry_id() {
    let j = example_journal();
    edit(j.path(), &format!("{ENTRY}/main.tex"), |t| {
        t.replace("\\setentryid{welcome}", "\\setentryid{001}")
    });
    succeeds_with_warning(
        j.path(),
        "`\\setentryid{001}` differs from the entry's folder `welcome`",
    );
}

#[test]
fn tolerated_empty_cite_bib() {
    let j = example_journal();
    std::fs::write(
        j.path()
            .join("issue/0000/000000.tex.d/entry/tooling/cite.bib"),
        "",
    )
    .unwrap();
    edit(
        j.path(),
        "issue/0000/000000.tex.d/entry/tooling/main.tex",
        |t| {
            t.replace("\\cite{typstdocs}", "")
                .replace("\\cite{biblatexmanual}", "")
                .replace("\\cite{proc2021, report2019}", "")
        },
    );
    succeeds_with_warning(j.path(), "cite.bib is empty");
}

#[test]
fn tolerated_missing_cover_art() {
    let j = example_journal();
    std::fs::remove_file(j.path().join("issue/0000/000000.tex.d/meta/cover.js.svg")).unwrap();
    succeeds_with_warning(
        j.path(),
        "cover art `issue/0000/000000.tex.d/meta/cover.js.svg.pdf` is missing",
    );
}

#[test]
fn tolerated_missing_licence_box() {
    let j = example_journal();
    edit(j.path(), &format!("{ENTRY}/main.tex"), |t| {
        t.replace("\\articlecopyrightinfo{CC BY-ND 4.0}", "")
    });
    succeeds_with_warning(j.path(), "the licence box says info.toml's `CC BY-ND 4.0`");
    let text = pdf_pages(&j.path().join("out.pdf")).join("\n");
    assert!(has(
        &text,
        "Article copyright licensing scheme: CC BY-ND 4.0."
    ));
}

#[test]
fn unknown_commands_warn_and_keep_their_text() {
    let j = example_journal();
    edit(j.path(), &format!("{ENTRY}/main.tex"), |t| {
        t.replace(
            "\\section{Structure}",
            "\\mystery{kept words} here.\n\\section{Structure}",
        )
    });
    succeeds_with_warning(j.path(), "unknown command `\\mystery`");
    let text = pdf_pages(&j.path().join("out.pdf")).join("\n");
    assert!(has(&text, "kept words here."));
}

#[test]
fn a_character_no_font_has_is_a_warning_at_its_line() {
    let j = example_journal();
    edit(j.path(), &format!("{ENTRY}/main.tex"), |t| {
        t.replace(
            "\\section{Structure}",
            "Korean: 한글.\n\\section{Structure}",
        )
    });
    let out = wita(j.path(), &["build", ISSUE, "-o", "out.pdf"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("no font has the character `한` (U+D55C)"),
        "{err}"
    );
    assert!(
        err.contains(&native(&format!("{ENTRY}/main.tex:44:9"))),
        "{err}"
    );
}

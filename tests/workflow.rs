//! End-to-end: the author's and editor's commands — `check`, `new`, preprints,
//! `build` of a folder of issues, and `watch` — on scratch copies of the
//! example journal (and of the real one, when this machine has it).

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::*;

const ISSUE: &str = "issue/0000/000000.tex";
const WELCOME: &str = "issue/0000/000000.tex.d/entry/welcome";

fn edit(journal: &Path, rel: &str, f: impl FnOnce(String) -> String) {
    let path = journal.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, f(text)).unwrap();
}

/// Runs `wita` with `SOURCE_DATE_EPOCH` set (what `wita new` dates entries by).
fn wita_dated(dir: &Path, args: &[&str], epoch: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wita"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", epoch)
        .output()
        .expect("the wita binary runs")
}

// ---- check -----------------------------------------------------------------

#[test]
fn check_passes_the_example_and_writes_nothing() {
    let j = example_journal();
    let out = wita(j.path(), &["check", ISSUE, "--deny-warnings"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("checked 3 entries in ")
            && stdout(&out).contains("0 errors, 0 warnings"),
        "{}",
        stdout(&out)
    );
    assert!(!j.path().join("_dist").exists(), "check lays out nothing");
    // With no path, every issue under `issue/`.
    let out = wita(j.path(), &["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("checked 3 entries"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn check_reports_errors_in_every_format() {
    let j = example_journal();
    edit(j.path(), &format!("{WELCOME}/main.tex"), |t| {
        t.replace("\\cite{knuth1984,lamport1994}", "\\input{lamport1995}")
    });
    // Human: rustc-style with the place, exit code 1.
    let out = wita(j.path(), &["check", ISSUE]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&native(&format!("{WELCOME}/main.tex:20:"))),
        "{err}"
    );
    assert!(err.contains("`lamport1995` not found"), "{err}");
    assert!(err.contains("looked for `lamport1995.tex`"), "{err}");

    // GitHub workflow commands, on standard output.
    let out = wita(j.path(), &["check", ISSUE, "--format", "github"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let line = text
        .lines()
        .find(|l| l.starts_with("::error "))
        .unwrap_or_else(|| panic!("no ::error line in\n{text}"));
    assert!(
        line.starts_with(&format!("::error file={WELCOME}/main.tex,line=20,col=")),
        "{line}"
    );
    assert!(line.contains("::file `lamport1995` not found"), "{line}");
    assert!(line.contains("%0Ahelp: looked for"), "{line}");

    // JSON.
    let out = wita(j.path(), &["check", ISSUE, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(doc["ok"], false);
    assert_eq!(doc["errors"], 1);
    let d = &doc["diagnostics"][0];
    assert_eq!(d["severity"], "error");
    assert_eq!(d["file"], format!("{WELCOME}/main.tex"));
    assert_eq!(d["line"], 20);
}

#[test]
fn check_compares_imports_folders_toc_and_licences() {
    let j = example_journal();
    let issue_dir = j.path().join("issue/0000/000000.tex.d");
    copy_tree(&issue_dir.join("entry/cjk"), &issue_dir.join("entry/stray"));
    edit(
        j.path(),
        "issue/0000/000000.tex.d/entry/stray/info.toml",
        |t| t.replace("id = \"cjk\"", "id = \"stray\""),
    );
    edit(j.path(), "issue/0000/000000.tex.d/meta/toc.csv", |t| {
        t.replace("cjk,9-9\n", "gone,9-9\n")
    });
    edit(j.path(), &format!("{WELCOME}/info.toml"), |t| {
        t.replace("CC BY-ND 4.0", "All rights reserved")
    });
    let out = wita(j.path(), &["check", ISSUE]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for expected in [
        "the entry folder `stray` is not imported by the issue",
        "toc.csv names `gone`, which the issue does not import",
        "toc.csv has no line for `cjk`",
        "the licence `All rights reserved` does not let the journal redistribute the article",
        &native(&format!("{WELCOME}/info.toml:")),
    ] {
        assert!(err.contains(expected), "expected `{expected}` in:\n{err}");
    }
}

#[test]
fn check_of_one_entry_ignores_the_rest_of_the_issue() {
    let j = example_journal();
    // Another entry is broken; the author of `welcome` is not told about it.
    edit(
        j.path(),
        "issue/0000/000000.tex.d/entry/cjk/info.toml",
        |t| t.replace("title =", "titel ="),
    );
    let out = wita(
        j.path(),
        &["check", &format!("{WELCOME}/"), "--deny-warnings"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("checked 1 entry"),
        "{}",
        stdout(&out)
    );
    let out = wita(j.path(), &["check", "issue/0000/000000.tex.d/entry/cjk"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("missing field `title`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn check_passes_the_real_issues() {
    let Some(shared) = shared() else { return };
    let j = real_journal(&shared);
    let out = wita(j.path(), &["check", "issue/"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("error"), "{}", stderr(&out));
}

// ---- new and preprints -------------------------------------------------------

#[test]
fn new_scaffolds_an_entry_that_checks_and_builds() {
    let j = example_journal();
    // 2026-03-04
    let out = wita_dated(j.path(), &["new", ISSUE, "my-article"], "1772582400");
    assert!(out.status.success(), "{}", stderr(&out));
    let dir = j.path().join("issue/0000/000000.tex.d/entry/my-article");
    let info = std::fs::read_to_string(dir.join("info.toml")).unwrap();
    assert!(info.contains("id = \"my-article\""), "{info}");
    assert!(info.contains("date = \"2026-03-04\""), "{info}");
    let main = std::fs::read_to_string(dir.join("main.tex")).unwrap();
    assert!(main.starts_with("\\setentryid{my-article}\n"), "{main}");
    assert!(main.contains("}{2026-03-04}"), "{main}");
    assert!(
        std::fs::read_to_string(dir.join("cite.bib"))
            .unwrap()
            .contains("@online{example2024,")
    );
    assert!(
        stdout(&out).contains("\\importarticle{my-article}"),
        "{}",
        stdout(&out)
    );

    let entry = "issue/0000/000000.tex.d/entry/my-article/";
    let out = wita(j.path(), &["check", entry, "--deny-warnings"]);
    assert!(out.status.success(), "{}", stderr(&out));

    let out = wita(j.path(), &["build", entry, "--deny-warnings"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = j
        .path()
        .join("workdir/preprint/Preprint.000000.my-article.pdf");
    let text = pdf_pages(&pdf).join("\n");
    for expected in [
        "MANUSCRIPT PREPRINT",
        "Research Article",
        "The Title of Your Article",
        "Your Name",
        "Article copyright licensing scheme: CC BY 4.0.",
        "1 Introduction",
        "Table 1: A small table",
        "References",
        "An Example Web Page",
    ] {
        assert!(has(&text, expected), "missing `{expected}` in\n{text}");
    }

    // Once imported (with its toc.csv line), the issue builds with it.
    edit(j.path(), ISSUE, |t| {
        t.replace(
            "\\importarticle{cjk}",
            "\\importarticle{cjk}\n\\importarticle{my-article}",
        )
        .replace(
            "\\addcitebib{cjk}",
            "\\addcitebib{cjk}\n\\addcitebib{my-article}",
        )
    });
    let out = wita(j.path(), &["build", ISSUE, "-q"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn new_refuses_existing_and_invalid_ids() {
    let j = example_journal();
    let out = wita(j.path(), &["new", ISSUE, "welcome"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    for bad in ["a/b", ".hidden", "has space", "-x"] {
        let out = wita(j.path(), &["new", ISSUE, "--", bad]);
        assert_eq!(out.status.code(), Some(1), "{bad}");
        assert!(
            stderr(&out).contains("cannot be an entry's ID"),
            "{}",
            stderr(&out)
        );
    }
    assert!(!j.path().join("issue/0000/000000.tex.d/entry/a").exists());
    let out = wita(j.path(), &["new", "issue/0000/nothing.tex", "x"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_preprint_is_the_article_alone_in_the_preprint_look() {
    let j = example_journal();
    let out = wita(j.path(), &["build", &format!("{WELCOME}/")]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains(&native(
            "wrote workdir/preprint/Preprint.000000.welcome.pdf"
        )),
        "{}",
        stdout(&out)
    );
    let pages = pdf_pages(
        &j.path()
            .join("workdir/preprint/Preprint.000000.welcome.pdf"),
    );
    assert!(
        has(&pages[0], "Welcome to the Sample Issue"),
        "{}",
        pages[0]
    );
    for page in &pages {
        assert!(has(page, "MANUSCRIPT PREPRINT"), "on every page: {page}");
    }
    let all = pages.join("\n");
    assert!(!has(&all, "ISSUE 000000"), "no cover");
    assert!(!has(&all, "WEIGHT IN THE ATTENTION"), "no masthead band");
    assert!(
        !has(&all, "Building Issues Without a TeX Installation"),
        "no other article"
    );
    assert!(!j.path().join("_dist").exists());
}

// ---- build of a folder -------------------------------------------------------

#[test]
fn build_of_a_folder_builds_every_issue_and_reports_failures() {
    let j = example_journal();
    let root = j.path();
    // A second, good issue and a third that fails.
    std::fs::create_dir_all(root.join("issue/2026")).unwrap();
    copy_tree(
        &root.join("issue/0000/000000.tex.d"),
        &root.join("issue/2026/202601.tex.d"),
    );
    std::fs::write(
        root.join("issue/2026/202601.tex"),
        std::fs::read_to_string(root.join(ISSUE))
            .unwrap()
            .replace("{0000}{000000}", "{2026}{202601}"),
    )
    .unwrap();
    std::fs::write(
        root.join("issue/2026/202602.tex"),
        "\\setdocmetadata{2026}{202602}{2}\n\\begin{document}\n\\importarticle{missing}\n\\end{document}\n",
    )
    .unwrap();

    let out = wita(root, &["build", "issue/"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let (out_text, err) = (stdout(&out), stderr(&out));
    assert!(err.contains("entry `missing` does not exist"), "{err}");
    assert!(
        err.contains(&native("issue/2026/202602.tex: failed: 1 error")),
        "{err}"
    );
    assert!(err.contains("built 2 of 3 issues"), "{err}");
    assert!(
        out_text.contains(&native("issue/0000/000000.tex: 3 articles")),
        "{out_text}"
    );
    assert!(
        out_text.contains(&native("issue/2026/202601.tex: 3 articles")),
        "{out_text}"
    );
    for pdf in ["_dist/issue/0000/000000.pdf", "_dist/issue/2026/202601.pdf"] {
        assert!(pdf_page_count(&root.join(pdf)) > 3, "{pdf}");
    }

    std::fs::remove_file(root.join("issue/2026/202602.tex")).unwrap();
    let out = wita(root, &["build", "issue/", "-q"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).is_empty(), "{}", stdout(&out));

    let out = wita(root, &["build", "issue/", "-o", "x.pdf"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("Usage: wita build"),
        "{}",
        stderr(&out)
    );
}

// ---- timings -----------------------------------------------------------------

#[test]
fn timings_write_a_trace_of_typsts_spans_and_wita_stages_and_a_summary() {
    let j = example_journal();
    let out = wita(j.path(), &["build", ISSUE, "--timings=trace.json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    for stage in [
        "read",
        "translate",
        "assemble",
        "compile",
        "issue PDF",
        "cover PNG",
    ] {
        assert!(
            err.lines()
                .any(|l| l.starts_with(stage) && l.contains(" ms")),
            "no `{stage}` line in:\n{err}"
        );
    }
    assert!(
        err.contains("article PDFs") && err.contains("(side by side, wall time)"),
        "{err}"
    );
    let trace = std::fs::read_to_string(j.path().join("trace.json")).unwrap();
    let events: Vec<serde_json::Value> = serde_json::from_str(&trace).unwrap();
    let named = |name: &str| {
        events
            .iter()
            .filter(|e| e["name"] == name)
            .map(|e| e["ph"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    // wita's stages, each begun and ended, and typst's own spans.
    for name in [
        "wita: read",
        "wita: translate",
        "wita: compile",
        "wita: issue PDF",
    ] {
        assert_eq!(named(name), ["B", "E"], "{name}");
    }
    assert_eq!(named("wita: article PDFs"), ["B", "E"]);
    assert_eq!(named("wita: article PDF").len(), 6);
    // (typst lays the document out again until its introspection settles;
    // the cover is laid out alone on another thread meanwhile.)
    let layouts = named("layout document");
    assert!(!layouts.is_empty() && layouts.len() % 2 == 0);
    let threads: std::collections::BTreeSet<u64> = events
        .iter()
        .filter(|e| e["name"] == "layout document")
        .map(|e| e["tid"].as_u64().unwrap())
        .collect();
    for tid in threads {
        let phases: Vec<&str> = events
            .iter()
            .filter(|e| e["name"] == "layout document" && e["tid"].as_u64() == Some(tid))
            .map(|e| e["ph"].as_str().unwrap())
            .collect();
        assert!(phases.chunks(2).all(|p| p == ["B", "E"]), "{phases:?}");
    }
    assert!(!named("pdf").is_empty() && !named("render").is_empty());
    // typst's spans in an article point at the LaTeX that made them.
    assert!(
        events.iter().any(|e| e["args"]["file"]
            .as_str()
            .is_some_and(|f| f.ends_with("main.tex"))),
        "no span at an article's main.tex"
    );

    // Without --timings: no summary; with a folder: refused.
    let out = wita(j.path(), &["build", ISSUE, "-o", "x.pdf"]);
    assert!(!stderr(&out).contains("compile "), "{}", stderr(&out));
    let out = wita(j.path(), &["build", "issue/", "--timings"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--timings"), "{}", stderr(&out));
}

// ---- help and usage ----------------------------------------------------------

#[test]
fn every_command_explains_itself_and_wrong_arguments_show_the_usage() {
    let here = repo();
    for command in ["build", "check", "new", "watch", "convert"] {
        let out = wita(&here, &[command, "--help"]);
        assert!(out.status.success());
        let help = stdout(&out);
        assert!(help.contains("Examples:"), "{command}: {help}");
        assert!(
            help.contains(&format!("wita {command} ")),
            "{command}: {help}"
        );
    }
    let out = wita(&here, &["new", "issue/0000/000000.tex"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("Usage: wita new <ISSUE> <ENTRY_ID>"),
        "{}",
        stderr(&out)
    );
    let out = wita(&here, &["check", "--format", "xml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("possible values: human, short, json, github"),
        "{}",
        stderr(&out)
    );
}

// ---- watch -------------------------------------------------------------------

/// Kills the watcher when the test ends, however it ends.
struct Child(std::process::Child);

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A running `wita watch` and the lines it prints.
struct Watch {
    _child: Child,
    lines: mpsc::Receiver<String>,
    /// What it printed so far, for a failure's message.
    said: std::cell::RefCell<Vec<String>>,
    // Generous: a debug build on a busy machine. No timing is asserted.
    deadline: Instant,
}

impl Watch {
    fn start(root: &Path, args: &[&str]) -> Self {
        let mut child = Child(
            Command::new(env!("CARGO_BIN_EXE_wita"))
                .arg("watch")
                .args(args)
                .current_dir(root)
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .expect("wita watch starts"),
        );
        let (sender, lines) = mpsc::channel();
        let stdout = child.0.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        Watch {
            _child: child,
            lines,
            said: Default::default(),
            deadline: Instant::now() + Duration::from_secs(180),
        }
    }

    /// The next line that starts with `prefix`.
    fn wait_for(&self, prefix: &str) -> String {
        loop {
            let left = self.deadline.saturating_duration_since(Instant::now());
            let line = self.lines.recv_timeout(left).unwrap_or_else(|e| {
                panic!(
                    "wita watch said nothing more ({e}) after:\n{}",
                    self.said.borrow().join("\n")
                )
            });
            self.said.borrow_mut().push(line.clone());
            if line.starts_with(prefix) {
                return line;
            }
        }
    }
}

#[test]
fn watch_rebuilds_after_a_saved_change() {
    let j = example_journal();
    let root = j.path();
    let watch = Watch::start(root, &[ISSUE]);
    let wait_for = |prefix: &str| watch.wait_for(prefix);
    let pdf = root.join("_dist/issue/0000/000000.pdf");
    // A save can reach the watcher as more than one event (an editor that
    // truncates, then writes): wait for the rebuild whose PDF has the text.
    let wait_for_pdf_with = |text: &str| -> Vec<String> {
        let mut rebuilds = Vec::new();
        loop {
            let line = wait_for("rebuilt");
            let done = !line.contains("failed") && has(&pdf_pages(&pdf).join(" "), text);
            rebuilds.push(line);
            if done {
                return rebuilds;
            }
        }
    };
    let first = wait_for("built");
    assert!(
        first.contains(&native("_dist/issue/0000/000000.pdf")),
        "{first}"
    );
    assert!(
        first.contains("translated welcome, tooling, cjk)"),
        "{first}"
    );
    wait_for("watching");
    assert!(!has(&pdf_pages(&pdf).join(" "), "Quaggaword"));

    edit(root, &format!("{WELCOME}/main.tex"), |t| {
        t.replacen(
            "\\section{Why a sample issue}",
            "\\section{Why a Quaggaword issue}",
            1,
        )
    });
    let rebuilds = wait_for_pdf_with("1 Why a Quaggaword issue");
    for line in &rebuilds {
        assert!(
            line.contains("(translated welcome)"),
            "only the changed entry is translated again: {line}"
        );
    }

    // A broken save is reported, and the watcher keeps going.
    edit(root, &format!("{WELCOME}/main.tex"), |t| {
        t.replacen("Quaggaword", "\\input{nosuchfile}", 1)
    });
    loop {
        let line = wait_for("rebuilt");
        if line.contains(": failed in ") && line.contains(" ms: 1 error") {
            break;
        }
    }
    edit(root, &format!("{WELCOME}/main.tex"), |t| {
        t.replacen("\\input{nosuchfile}", "Fixedword", 1)
    });
    wait_for_pdf_with("1 Why a Fixedword issue");
}

/// `wita watch --html` writes the web pages with the PDF on every rebuild,
/// at their place in the journal.
#[test]
fn watch_writes_the_web_pages_too_when_asked() {
    let j = example_journal();
    let root = j.path();
    let watch = Watch::start(root, &[ISSUE, "--html"]);
    let first = watch.wait_for("built");
    let pages = root.join("_dist/html/issue/0000/000000");
    assert!(
        first.contains(&native("_dist/issue/0000/000000.pdf"))
            && first.contains(&format!(
                "web pages in {}",
                native("_dist/html/issue/0000/000000")
            )),
        "{first}"
    );
    let page = pages.join("000000.1.html");
    let index = std::fs::read_to_string(pages.join("index.html")).unwrap();
    // The watch writes the issue PDF alone: the pages link to no PDF.
    assert!(!index.contains(".pdf"), "{index}");
    assert!(
        !std::fs::read_to_string(&page)
            .unwrap()
            .contains("Quaggaword")
    );
    watch.wait_for("watching");

    edit(root, &format!("{WELCOME}/main.tex"), |t| {
        t.replacen(
            "\\section{Why a sample issue}",
            "\\section{Why a Quaggaword issue}",
            1,
        )
    });
    loop {
        let line = watch.wait_for("rebuilt");
        if !line.contains("failed")
            && std::fs::read_to_string(&page)
                .unwrap()
                .contains("Quaggaword")
        {
            assert!(line.contains("web pages in"), "{line}");
            break;
        }
    }
}

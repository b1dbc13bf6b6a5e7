//! End-to-end: the author's editor loop. SyncTeX beside every PDF, checked
//! with TeX Live's own `synctex` command both ways (a word's place in the
//! PDF to the line it was written at, and back); problems one per line as
//! editors' problem matchers read them; outputs that a failed build leaves
//! as they were.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

const ISSUE: &str = "issue/0000/000000.tex";
const ENTRIES: &str = "issue/0000/000000.tex.d/entry";

/// Whether TeX Live's `synctex` command is here (`.ci/run` installs it).
fn has_synctex() -> bool {
    has_command("synctex", "help", "TeX Live's `synctex` (texlive-binaries)")
}

/// A word of the LaTeX: its file (canonical) and 1-based line.
type Written = (PathBuf, usize);

/// The words (4 letters or more) of LaTeX files that are written once in
/// all of them, outside comments and command names, with their place.
fn words_written_once(files: &[PathBuf]) -> HashMap<String, Written> {
    let mut seen: HashMap<String, Vec<Written>> = HashMap::new();
    for file in files {
        let text = std::fs::read_to_string(file).unwrap();
        let file = file.canonicalize().unwrap();
        for (n, line) in text.lines().enumerate() {
            let line = strip_comment(line);
            for word in letters(&drop_commands(line)) {
                seen.entry(word).or_default().push((file.clone(), n + 1));
            }
        }
    }
    seen.into_iter()
        .filter(|(_, places)| places.len() == 1)
        .map(|(word, mut places)| (word, places.remove(0)))
        .collect()
}

fn strip_comment(line: &str) -> &str {
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match c {
            '%' if !escaped => return &line[..i],
            '\\' => escaped = !escaped,
            _ => escaped = false,
        }
    }
    line
}

/// The line without its command names (`\section`, `\textbf`).
fn drop_commands(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            while chars
                .next_if(|c| c.is_ascii_alphabetic() || *c == '@')
                .is_some()
            {}
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

/// Runs of 4 or more ASCII letters.
fn letters(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 4)
        .map(str::to_owned)
        .collect()
}

/// A word as the PDF shows it: its page (1-based) and the centre of its box,
/// in big points from the page's top left corner.
struct Shown {
    page: usize,
    x: f64,
    y: f64,
}

/// The words of a PDF that stand once in it, as a whole word, by
/// `pdftotext -bbox`.
fn words_shown_once(pdf: &Path) -> Option<HashMap<String, Shown>> {
    let html = pdftotext(&["-bbox"], pdf)?;
    let mut seen: HashMap<String, Vec<Option<Shown>>> = HashMap::new();
    let mut page = 0;
    for line in html.lines() {
        let line = line.trim();
        if line.starts_with("<page ") {
            page += 1;
        }
        let Some(rest) = line.strip_prefix("<word ") else {
            continue;
        };
        let attr = |name: &str| -> f64 {
            let at = rest.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
            rest[at..].split('"').next().unwrap().parse().unwrap()
        };
        let text = rest.split('>').nth(1).unwrap().split('<').next().unwrap();
        let words = letters(text);
        for word in &words {
            // Punctuation around a word is fine; two words in one box
            // (`a-b`) have no place of their own.
            let whole = words.len() == 1;
            seen.entry(word.clone())
                .or_default()
                .push(whole.then(|| Shown {
                    page,
                    x: (attr("xMin") + attr("xMax")) / 2.0,
                    y: (attr("yMin") + attr("yMax")) / 2.0,
                }));
        }
    }
    Some(
        seen.into_iter()
            .filter_map(|(word, mut shown)| match shown.len() {
                1 => Some((word, shown.remove(0)?)),
                _ => None,
            })
            .collect(),
    )
}

/// `synctex edit` at a point: the first file and line it answers.
fn synctex_edit(pdf: &Path, shown: &Shown) -> Option<(PathBuf, usize)> {
    let out = Command::new("synctex")
        .arg("edit")
        .arg("-o")
        .arg(format!(
            "{}:{}:{}:{}",
            shown.page,
            shown.x,
            shown.y,
            pdf.display()
        ))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let input = text.lines().find_map(|l| l.strip_prefix("Input:"))?;
    let line = text.lines().find_map(|l| l.strip_prefix("Line:"))?;
    Some((Path::new(input).canonicalize().ok()?, line.parse().ok()?))
}

/// `synctex view` from a line: whether one of the boxes it answers is on
/// the word's page and holds the word's centre.
fn synctex_view_holds(pdf: &Path, written: &Written, shown: &Shown) -> bool {
    let out = Command::new("synctex")
        .arg("view")
        .arg("-i")
        .arg(format!("{}:0:{}", written.1, written.0.display()))
        .arg("-o")
        .arg(pdf)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let mut fields: HashMap<&str, f64> = HashMap::new();
    let mut found = false;
    for line in text.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        if key == "Page" {
            fields.clear();
        }
        if let Ok(v) = value.parse() {
            fields.insert(key, v);
        }
        // A box is complete at its height, `H`: `h`, `v` (its baseline,
        // below the glyphs' centres), `W`.
        if key == "H" {
            let get = |k| fields.get(k).copied().unwrap_or(f64::NAN);
            let (h, v, w, height) = (get("h"), get("v"), get("W"), get("H"));
            found |= get("Page") as usize == shown.page
                && (h - 1.0..=h + w + 1.0).contains(&shown.x)
                && (v - height - 1.0..=v + 1.0).contains(&shown.y);
        }
    }
    found
}

/// Samples words written once in `sources` and shown once in `pdf`, and
/// counts those that `synctex edit` takes to their line (±1) and those
/// whose line `synctex view` takes back to a box that holds them.
fn check_both_ways(pdf: &Path, sources: &[PathBuf]) -> (usize, usize, usize, Vec<String>) {
    let written = words_written_once(sources);
    let Some(shown) = words_shown_once(pdf) else {
        return (0, 0, 0, vec!["no pdftotext".into()]);
    };
    let mut sample: Vec<(&String, &Written, &Shown)> = written
        .iter()
        .filter_map(|(word, place)| Some((word, place, shown.get(word)?)))
        .collect();
    sample.sort_by(|a, b| a.0.cmp(b.0));
    let (mut edit, mut view, mut misses) = (0, 0, Vec::new());
    for (word, place, shown) in &sample {
        match synctex_edit(pdf, shown) {
            Some((file, line)) if file == place.0 && line.abs_diff(place.1) <= 1 => edit += 1,
            other => misses.push(format!("edit `{word}` (line {}): {other:?}", place.1)),
        }
        if synctex_view_holds(pdf, place, shown) {
            view += 1;
        } else {
            misses.push(format!("view `{word}` from line {}", place.1));
        }
    }
    (sample.len(), edit, view, misses)
}

/// The LaTeX files of an entry of the example journal (main.tex and those
/// it inputs).
fn entry_sources(journal: &Path, entry: &str) -> Vec<PathBuf> {
    let dir = journal.join(ENTRIES).join(entry);
    let mut files = vec![dir.join("main.tex")];
    if entry == "tooling" {
        files.push(dir.join("parts/stages.tex"));
    }
    files
}

#[test]
fn synctex_takes_words_to_their_line_and_back() {
    if !has_synctex() {
        return;
    }
    let j = example_journal();
    let root = j.path();
    let entries = ["welcome", "tooling", "cjk"];
    let mut documents: Vec<(PathBuf, Vec<PathBuf>)> = Vec::new();
    for entry in entries {
        let out = wita(root, &["build", &format!("{ENTRIES}/{entry}/")]);
        assert!(out.status.success(), "{}", stderr(&out));
        let pdf = root.join(format!("workdir/preprint/Preprint.000000.{entry}.pdf"));
        documents.push((pdf, entry_sources(root, entry)));
    }
    let out = wita(root, &["build", ISSUE]);
    assert!(out.status.success(), "{}", stderr(&out));
    let all: Vec<PathBuf> = entries
        .iter()
        .flat_map(|e| entry_sources(root, e))
        .collect();
    documents.push((root.join("_dist/issue/0000/000000.pdf"), all));
    // An article's own PDF is a range of the issue's pages.
    documents.push((
        root.join("_dist/entry/0000/000000/WITA.000000.2.pdf"),
        entry_sources(root, "tooling"),
    ));
    for (pdf, sources) in &documents {
        let synctex = pdf.with_extension("synctex.gz");
        assert!(synctex.is_file(), "no {}", synctex.display());
        let (sampled, edit, view, misses) = check_both_ways(pdf, sources);
        if misses == ["no pdftotext"] {
            eprintln!("skipped: pdftotext (poppler-utils) is not on this machine");
            return;
        }
        eprintln!(
            "{}: {sampled} words, edit {edit}, view {view}",
            pdf.file_name().unwrap().to_string_lossy()
        );
        assert!(sampled >= 25, "{}: only {sampled} words", pdf.display());
        assert!(
            edit * 100 >= sampled * 95 && view * 100 >= sampled * 95,
            "{}: edit {edit}/{sampled}, view {view}/{sampled}:\n{}",
            pdf.display(),
            misses.join("\n")
        );
    }
}

#[test]
fn synctex_names_the_input_file_a_word_came_from() {
    if !has_synctex() {
        return;
    }
    let j = example_journal();
    let out = wita(j.path(), &["build", &format!("{ENTRIES}/tooling/")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = j
        .path()
        .join("workdir/preprint/Preprint.000000.tooling.pdf");
    // Words that `parts/stages.tex` alone holds.
    let part = j.path().join(ENTRIES).join("tooling/parts/stages.tex");
    let written = words_written_once(&entry_sources(j.path(), "tooling"));
    let shown = words_shown_once(&pdf).unwrap_or_default();
    let part = part.canonicalize().unwrap();
    let from_part: Vec<_> = written
        .iter()
        .filter(|(word, place)| place.0 == part && shown.contains_key(*word))
        .collect();
    assert!(from_part.len() >= 3, "{from_part:?}");
    for (word, place) in from_part {
        let answer = synctex_edit(&pdf, &shown[word]);
        assert_eq!(
            answer.as_ref().map(|a| &a.0),
            Some(&place.0),
            "`{word}`: {answer:?}"
        );
    }
}

#[test]
fn synctex_files_are_the_same_each_build_and_can_be_turned_off() {
    let j = example_journal();
    let synctex = j.path().join("_dist/issue/0000/000000.synctex.gz");
    let article = j
        .path()
        .join("_dist/entry/0000/000000/WITA.000000.1.synctex.gz");
    let out = wita(j.path(), &["build", ISSUE]);
    assert!(out.status.success(), "{}", stderr(&out));
    let first = (
        std::fs::read(&synctex).unwrap(),
        std::fs::read(&article).unwrap(),
    );
    let out = wita(j.path(), &["build", ISSUE]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        first
            == (
                std::fs::read(&synctex).unwrap(),
                std::fs::read(&article).unwrap()
            ),
        "two builds wrote different SyncTeX"
    );
    // `-o` puts it beside the PDF it names.
    let out = wita(j.path(), &["build", ISSUE, "-o", "out/issue.pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(j.path().join("out/issue.synctex.gz").is_file());
    let out = wita(
        j.path(),
        &["build", ISSUE, "-o", "off/issue.pdf", "--no-synctex"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(j.path().join("off/issue.pdf").is_file());
    assert!(!j.path().join("off/issue.synctex.gz").exists());
}

// ---- problems, one per line --------------------------------------------------

/// VS Code's `$gcc` problem matcher's pattern.
fn gcc_matcher() -> regex::Regex {
    regex::Regex::new(r"^(.*?):(\d+):(\d*):?\s+(?:fatal\s+)?(warning|error):\s+(.*)$").unwrap()
}

#[test]
fn short_problems_name_the_file_line_and_column_for_the_problem_matcher() {
    let j = example_journal();
    let main = format!("{ENTRIES}/welcome/main.tex");
    let text = std::fs::read_to_string(j.path().join(&main)).unwrap();
    let lines = text.lines().count();
    append_latex(
        j.path(),
        "welcome",
        "An \\unknownthing here.\n\\input{/etc/hostname}\n",
    );
    let gcc = gcc_matcher();
    for args in [
        vec!["check", ISSUE, "--format", "short"],
        vec!["build", ISSUE, "--format", "short"],
        vec![
            "build",
            "issue/0000/000000.tex.d/entry/welcome/",
            "--format",
            "short",
        ],
    ] {
        let out = wita(j.path(), &args);
        assert!(!out.status.success(), "{args:?}");
        let err = stderr(&out);
        let problems: Vec<_> = err.lines().filter_map(|l| gcc.captures(l)).collect();
        let at = |severity: &str, needle: &str| {
            problems
                .iter()
                .find(|c| &c[4] == severity && c[5].contains(needle))
                .map(|c| {
                    (
                        c[1].to_owned(),
                        c[2].parse::<usize>().unwrap(),
                        c[3].to_owned(),
                    )
                })
        };
        assert_eq!(
            at("warning", "unknownthing"),
            Some((native(&main), lines + 1, "4".to_owned())),
            "{args:?}:\n{err}"
        );
        assert_eq!(
            at("error", "/etc/hostname"),
            Some((native(&main), lines + 2, "1".to_owned())),
            "{args:?}:\n{err}"
        );
        // Nothing of the rustc-style form.
        assert!(!err.contains("-->"), "{err}");
    }
}

// ---- outputs written whole ---------------------------------------------------------

#[test]
fn a_failed_build_leaves_the_last_good_outputs() {
    let j = example_journal();
    let out = wita(j.path(), &["build", ISSUE]);
    assert!(out.status.success(), "{}", stderr(&out));
    let dist = j.path().join("_dist");
    let files = [
        "issue/0000/000000.pdf",
        "issue/0000/000000.synctex.gz",
        "issue/0000/000000.png",
        "entry/0000/000000/WITA.000000.1.pdf",
    ];
    let before: Vec<Vec<u8>> = files
        .iter()
        .map(|f| std::fs::read(dist.join(f)).unwrap())
        .collect();
    append_latex(j.path(), "welcome", "\\input{../../../../../secret}\n");
    let out = wita(j.path(), &["build", ISSUE]);
    assert!(!out.status.success());
    for (file, bytes) in files.iter().zip(&before) {
        assert!(
            std::fs::read(dist.join(file)).unwrap() == *bytes,
            "{file} changed"
        );
    }
    // And no temporary file is left beside them.
    for dir in ["issue/0000", "entry/0000/000000"] {
        for entry in std::fs::read_dir(dist.join(dir)).unwrap() {
            let name = entry.unwrap().file_name();
            assert!(
                !name.to_string_lossy().starts_with(".wita-"),
                "{name:?} left in {dir}"
            );
        }
    }
}

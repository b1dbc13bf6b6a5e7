//! Helpers shared by the end-to-end tests: scratch copies of journals, running
//! the `wita` binary, and reading what a reader sees in a PDF.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod copy_tree;
pub use copy_tree::copy_tree;

/// The repository's root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// `../shared` next to the repository, when this machine has it.
pub fn shared() -> Option<PathBuf> {
    let dir = repo().join("../shared");
    if dir.join("wita-journal/issue").is_dir() {
        Some(dir.canonicalize().unwrap())
    } else {
        eprintln!("skipped: ../shared/wita-journal is not on this machine");
        None
    }
}

/// Whether `command` runs on this machine (`.ci/run` installs what the tests
/// use); says the test is skipped when not, naming `what` it is.
pub fn has_command(command: &str, arg: &str, what: &str) -> bool {
    let here = Command::new(command).arg(arg).output().is_ok();
    if !here {
        eprintln!("skipped: {what} is not on this machine");
    }
    here
}

/// A scratch copy of the example journal.
pub fn example_journal() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&repo().join("examples/journal"), dir.path());
    dir
}

/// A scratch copy of the journal's real data.
pub fn real_journal(shared: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&shared.join("wita-journal"), dir.path());
    dir
}

/// The master files of a journal's issues (`issue/<Y>/<ID>.tex`), relative
/// to its root, in order.
pub fn issue_masters(journal: &Path) -> Vec<String> {
    let mut issues = Vec::new();
    for year in std::fs::read_dir(journal.join("issue")).unwrap() {
        for file in std::fs::read_dir(year.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            if path.extension().is_some_and(|e| e == "tex") {
                let rel = path.strip_prefix(journal).unwrap();
                issues.push(rel.to_str().unwrap().replace('\\', "/"));
            }
        }
    }
    issues.sort();
    issues
}

/// A `/` path as wita prints it on this platform (`\` on Windows).
pub fn native(path: &str) -> String {
    path.replace('/', std::path::MAIN_SEPARATOR_STR)
}

/// Gives an entry of a journal copy a `language` in its info.toml.
pub fn set_language(journal: &Path, entry: &str, tag: &str) {
    let info = journal.join(format!("issue/0000/000000.tex.d/entry/{entry}/info.toml"));
    let text = std::fs::read_to_string(&info).unwrap();
    let line = format!("\nlanguage = \"{tag}\"\ndate");
    std::fs::write(&info, text.replacen("\ndate", &line, 1)).unwrap();
}

/// Adds LaTeX at the end of an entry's main.tex, in a journal copy.
pub fn append_latex(journal: &Path, entry: &str, latex: &str) {
    let main = journal.join(format!("issue/0000/000000.tex.d/entry/{entry}/main.tex"));
    let text = std::fs::read_to_string(&main).unwrap();
    std::fs::write(&main, text + latex).unwrap();
}

/// Runs `wita` with arguments in a directory.
pub fn wita(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wita"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("the wita binary runs")
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The text of each page of a PDF, as a reader (copy and paste) gets it.
pub fn pdf_pages(path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    pdf_extract::extract_text_from_mem_by_pages(&bytes).expect("the PDF's text can be extracted")
}

/// A PDF's bytes with its objects written out one by one, uncompressed (as
/// lopdf saves without object streams): what a search of the file's
/// dictionaries (fonts, links, metadata) needs, since wita's PDFs keep them
/// in compressed object streams. Streams stay as they are.
pub fn pdf_plain_bytes(path: &Path) -> Vec<u8> {
    let mut doc = lopdf::Document::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("lopdf writes the PDF back");
    out
}

/// Text without any whitespace, for comparisons that do not depend on where
/// lines break or how the extractor spaces words. typst writes the hyphen
/// of a word broken at a line's end as a soft hyphen (U+00AD), which is not
/// part of the word: it goes too.
pub fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{AD}')
        .collect()
}

/// Whether `haystack` contains `needle`, ignoring whitespace and where
/// words broke. (pdf-extract reads a hyphen glyph that typst also used to
/// break a word as U+00AD everywhere; poppler reads the same PDF right. So a
/// soft hyphen may be a line break's hyphen or a real one.)
pub fn has(haystack: &str, needle: &str) -> bool {
    let needle = squash(needle);
    squash(haystack).contains(&needle) || squash(&haystack.replace('\u{AD}', "-")).contains(&needle)
}

/// A PNG's pixel size.
pub fn png_size(path: &Path) -> (u32, u32) {
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(&bytes[1..4], b"PNG", "{} is not a PNG", path.display());
    let w = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    (w, h)
}

/// The number of pages of a PDF.
pub fn pdf_page_count(path: &Path) -> usize {
    pdf_pages(path).len()
}

/// A word as placed on a page: its text and its box, in points from the
/// page's top left.
#[derive(Debug, Clone)]
pub struct Word {
    pub text: String,
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

/// A line of a page: its words left to right, all on one baseline.
#[derive(Debug, Clone)]
pub struct Line {
    pub words: Vec<Word>,
}

impl Line {
    pub fn text(&self) -> String {
        self.words
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
    pub fn x(&self) -> f64 {
        self.words[0].x0
    }
    /// The height of its first word's box, which grows with its size.
    pub fn height(&self) -> f64 {
        self.words[0].y1 - self.words[0].y0
    }
}

/// poppler's `pdftotext` of a PDF with `args`, to standard output; `None`
/// when this machine has no pdftotext (`crates/wita/tests/fixtures.rs` keeps
/// its own, which also needs the text as strict UTF-8). Installed, it must read the PDF: a
/// failure is the PDF's, not a missing tool, and fails the test.
pub fn pdftotext(args: &[&str], pdf: &Path) -> Option<String> {
    let out = match Command::new("pdftotext")
        .args(args)
        .arg(pdf)
        .arg("-")
        .output()
    {
        Ok(out) => out,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => panic!("pdftotext did not run: {e}"),
    };
    assert!(
        out.status.success(),
        "pdftotext fails on {}: {}",
        pdf.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The lines of each page of a PDF, top to bottom, as poppler's
/// `pdftotext -bbox` places their words (pdf-extract reports no widths for
/// typst's fonts); `None` when this machine has no pdftotext (`.ci/run`
/// installs it).
pub fn pdf_lines(path: &Path) -> Option<Vec<Vec<Line>>> {
    let Some(html) = pdftotext(&["-bbox"], path) else {
        eprintln!("skipped: pdftotext (poppler-utils) is not on this machine");
        return None;
    };
    let attr = |tag: &str, name: &str| -> f64 {
        let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        tag[start..].split('"').next().unwrap().parse().unwrap()
    };
    let unescape = |t: &str| {
        t.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&amp;", "&")
    };
    let mut pages = Vec::new();
    for page in html.split("<page ").skip(1) {
        let mut words: Vec<Word> = page
            .split("<word ")
            .skip(1)
            .map(|w| {
                let (tag, rest) = w.split_once('>').unwrap();
                Word {
                    text: unescape(rest.split("</word>").next().unwrap()),
                    x0: attr(tag, "xMin"),
                    y0: attr(tag, "yMin"),
                    x1: attr(tag, "xMax"),
                    y1: attr(tag, "yMax"),
                }
            })
            .collect();
        // Words of one line share their box's bottom (the font's descent
        // below the baseline) when they share a size; lines are put
        // together by their bottoms.
        words.sort_by(|a, b| a.y1.total_cmp(&b.y1));
        let mut lines: Vec<Line> = Vec::new();
        for w in words {
            match lines.last_mut() {
                Some(line) if (line.words[0].y1 - w.y1).abs() < 1.5 => line.words.push(w),
                _ => lines.push(Line { words: vec![w] }),
            }
        }
        for line in &mut lines {
            line.words.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        }
        pages.push(lines);
    }
    Some(pages)
}

//! The real-world corpus: articles other people wrote, each wrapped as the only
//! entry of a scratch issue and built with wita. Prints, per article, the
//! errors, the warning count and the share of the article's words that reach
//! the PDF and its web page (`--html`); fails when an article has an error or
//! loses more than 1% of its words in either. Two corpora are read: `../shared/corpus/realworld` (read in place,
//! never copied into the project; skipped, saying so, when it is not on this
//! machine) and the project's own `tests/corpus` (documents whose licences
//! allow it, listed in its `SOURCES.md`).
//!
//! `cargo test -p wita --test corpus -- --ignored --nocapture` shows the table;
//! `WITA_CORPUS=<substring>` builds only the matching articles, and
//! `WITA_CORPUS_SHOW=1` prints every diagnostic and the words that went missing.
//!
//! The corpus holds the articles' text only: the files a real submission would
//! have besides (images, generated `\input` files) are stubbed in the scratch
//! entry — images as a blank PNG, SVG or one-page PDF, inputs as empty files —
//! and each stub is listed in the output.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use wita::{BuildOptions, Builder, Renderer, Severity, Style};

/// The corpora on this machine: the shared one (when present) and the project's.
fn corpus_dirs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut dirs = Vec::new();
    for (dir, what) in [
        (
            root.join("../shared/corpus/realworld"),
            "../shared/corpus/realworld",
        ),
        (root.join("tests/corpus"), "tests/corpus"),
    ] {
        if dir.is_dir() {
            dirs.push(dir.canonicalize().unwrap());
        } else {
            eprintln!("skipped: {what} is not on this machine");
        }
    }
    dirs
}

/// Every `.tex` with `\begin{document}` is an article's main file.
fn main_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            main_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "tex")
            && std::fs::read_to_string(&path).is_ok_and(|t| is_main_file(&t))
        {
            out.push(path);
        }
    }
}

/// Whether a file is a document's main file: `\documentclass` then
/// `\begin{document}`, outside comments, and not inside a verbatim example
/// (a chapter of a LaTeX guide shows whole documents in listings).
fn is_main_file(text: &str) -> bool {
    let code: String = text
        .lines()
        .map(|line| {
            let mut end = line.len();
            let bytes = line.as_bytes();
            for (i, &b) in bytes.iter().enumerate() {
                if b == b'%' && (i == 0 || bytes[i - 1] != b'\\') {
                    end = i;
                    break;
                }
            }
            &line[..end]
        })
        .collect::<Vec<_>>()
        .join("\n");
    let Some(class) = code.find("\\documentclass") else {
        return false;
    };
    let verbatim = [
        "\\begin{lstlisting",
        "\\begin{verbatim",
        "\\begin{minted",
        "\\begin{Verbatim",
        "\\begin{code",
    ]
    .iter()
    .filter_map(|v| code.find(v))
    .min();
    verbatim.is_none_or(|v| v > class) && code[class..].contains("\\begin{document}")
}

// A measurement over an external corpus (about 15 s), run on demand:
// `cargo test -p wita --test corpus -- --ignored --nocapture`.
#[test]
#[ignore = "builds the external real-world corpus; run with --ignored"]
fn realworld_articles_build_without_errors_or_lost_words() {
    let mut mains = Vec::new();
    for corpus in corpus_dirs() {
        let mut found = Vec::new();
        main_files(&corpus, &mut found);
        mains.extend(found.into_iter().map(|main| (corpus.clone(), main)));
    }
    let filter = std::env::var("WITA_CORPUS").ok();
    let show = std::env::var_os("WITA_CORPUS_SHOW").is_some();
    let mut failures = Vec::new();
    println!(
        "{:<62} {:>6} {:>8} {:>8} {:>8}",
        "article", "errors", "warnings", "web", "words"
    );
    let (mut total_errors, mut total_warnings, mut built, mut min_share) = (0, 0, 0, 1.0f64);
    let mut min_web = 1.0f64;
    for (corpus, main) in &mains {
        let name = main.strip_prefix(corpus).unwrap().display().to_string();
        if filter.as_ref().is_some_and(|f| !name.contains(f.as_str())) {
            continue;
        }
        let result = build_article(corpus, main, show);
        built += 1;
        total_errors += result.errors + result.web_errors;
        total_warnings += result.warnings;
        min_share = min_share.min(result.share);
        min_web = min_web.min(result.web_share);
        println!(
            "{:<62} {:>6} {:>8} {:>7.2}% {:>7.2}%  ({} of {} words){}",
            name,
            result.errors + result.web_errors,
            result.warnings,
            result.web_share * 100.0,
            result.share * 100.0,
            result.found,
            result.total,
            if result.stubs.is_empty() {
                String::new()
            } else {
                format!("  stubbed: {}", result.stubs.join(", "))
            }
        );
        if result.errors + result.web_errors > 0 || result.share < 0.99 || result.web_share < 0.99 {
            failures.push(name);
        }
    }
    println!(
        "{built} articles, {total_errors} errors, {total_warnings} warnings, min {:.2}% of words in the PDF, {:.2}% on the web page",
        min_share * 100.0,
        min_web * 100.0
    );
    assert!(
        failures.is_empty(),
        "articles with errors or lost words: {failures:?}"
    );
}

struct ArticleResult {
    errors: usize,
    /// Errors of the web page's build, and HTML5 parse errors of the page.
    web_errors: usize,
    warnings: usize,
    found: usize,
    total: usize,
    share: f64,
    /// The share of the article's words on its web page.
    web_share: f64,
    stubs: Vec<String>,
}

fn build_article(corpus: &Path, main: &Path, show: bool) -> ArticleResult {
    let scratch = tempfile::tempdir().unwrap();
    let journal = scratch.path();
    let issue_dir = journal.join("issue/0000/000000.tex.d");
    let entry = issue_dir.join("entry/a");
    std::fs::create_dir_all(&entry).unwrap();
    std::fs::write(
        journal.join("issue/0000/000000.tex"),
        "\\setdocmetadata{0000}{000000}{1}\n\\begin{document}\n\\importarticle{a}\n\\end{document}\n",
    )
    .unwrap();
    std::fs::write(
        entry.join("info.toml"),
        "[[article]]\nid = \"a\"\ntitle = \"Corpus article\"\nauthors = [\"Someone Else\"]\n\
         authors_simple = \"Someone Else\"\nemail = \"a@example.org\"\ndate = \"2025-01-01\"\n\
         license = \"CC BY 4.0\"\nabstract = \"\"\"\nA corpus article.\n\"\"\"\n",
    )
    .unwrap();

    // The article's folder: what it inputs, its packages, code files.
    let article_dir = main.parent().unwrap();
    copy_entry_files(article_dir, &entry);
    let text = std::fs::read_to_string(main).unwrap();
    let stem = main.file_stem().unwrap().to_string_lossy().into_owned();
    std::fs::write(entry.join("main.tex"), wrap(&text)).unwrap();
    let project = project_root(corpus, main);
    std::fs::write(
        entry.join("cite.bib"),
        bibliography(&text, &stem, article_dir, &project),
    )
    .unwrap();
    let stubs = stub_missing_files(&entry);

    let mut builder = Builder::new();
    let out_pdf = journal.join("out.pdf");
    let report = builder.build(
        &journal.join("issue/0000/000000.tex"),
        &BuildOptions {
            output: Some(out_pdf.clone()),
            all: false,
            standards: None,
            html: false,
            html_dir: None,
            synctex: false,
        },
    );
    let errors = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    if show || errors > 0 {
        let renderer = Renderer::new(&builder.sources, Style::Rich);
        for d in report.diagnostics.iter() {
            if show || d.severity == Severity::Error {
                println!("{}", renderer.to_string(d));
            }
        }
    }
    let pdf_text = if out_pdf.is_file() {
        let bytes = std::fs::read(&out_pdf).unwrap();
        let pages = pdf_extract::extract_text_from_mem_by_pages(&bytes).unwrap_or_default();
        // The article's own pages (not the cover).
        let (first, last) = report
            .articles
            .first()
            .map_or((1, pages.len()), |a| a.pages);
        pages
            .get(first.saturating_sub(1)..last.min(pages.len()))
            .unwrap_or(&[])
            .join("\n")
    } else {
        String::new()
    };
    let words = article_words(&text, &entry);
    let (found, missing) = words_found(&words, &pdf_text);
    if show && !missing.is_empty() {
        println!("missing words: {missing:?}");
    }
    let total = words.len();
    let share = |found: usize| {
        if total == 0 {
            1.0
        } else {
            found as f64 / total as f64
        }
    };

    // The same article as a web page (`--html -o web`).
    let web = journal.join("web");
    let report = builder.build(
        &journal.join("issue/0000/000000.tex"),
        &BuildOptions {
            output: Some(web.clone()),
            html: true,
            ..BuildOptions::default()
        },
    );
    let web_errors: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if !web_errors.is_empty() {
        let renderer = Renderer::new(&builder.sources, Style::Rich);
        for d in &web_errors {
            println!("{}", renderer.to_string(d));
        }
    }
    let page = std::fs::read_to_string(web.join("000000.1.html")).unwrap_or_default();
    let parsed = scraper::Html::parse_document(&page);
    let mut parse_errors: Vec<String> = parsed.errors.iter().map(|e| e.to_string()).collect();
    let mut ids = std::collections::HashSet::new();
    let selector = scraper::Selector::parse("[id]").unwrap();
    for element in parsed.select(&selector) {
        let id = element.value().attr("id").unwrap_or_default();
        if !ids.insert(id.to_owned()) {
            parse_errors.push(format!("the id `{id}` twice"));
        }
    }
    if !parse_errors.is_empty() {
        println!("HTML5 parse errors in the web page: {parse_errors:?}");
    }
    let (web_found, web_missing) = words_found(&words, &html_text(&page));
    if show && !web_missing.is_empty() {
        println!("missing from the web page: {web_missing:?}");
    }
    ArticleResult {
        errors,
        web_errors: web_errors.len() + parse_errors.len(),
        warnings,
        found,
        total,
        share: share(found),
        web_share: share(web_found),
        stubs,
    }
}

/// The text of an HTML page: its tags dropped, its entities read.
fn html_text(page: &str) -> String {
    let body = page.split("<body>").nth(1).unwrap_or(page);
    let mut text = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{A0}")
        .replace("&amp;", "&")
}

/// The `owner__repo` folder an article belongs to.
fn project_root(corpus: &Path, main: &Path) -> PathBuf {
    let rel = main.strip_prefix(corpus).unwrap();
    corpus.join(rel.components().next().unwrap())
}

fn copy_entry_files(from: &Path, to: &Path) {
    for e in std::fs::read_dir(from).unwrap() {
        let path = e.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        let image = path.extension().is_some_and(|e| {
            IMAGE_EXTENSIONS.contains(&e.to_string_lossy().to_lowercase().as_str())
        });
        if path.is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_entry_files(&path, &target);
        } else if !image {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// Images are stubbed (the corpus keeps none, to stay small).
const IMAGE_EXTENSIONS: &[&str] = &[
    "pdf", "png", "jpg", "jpeg", "svg", "eps", "gif", "tif", "tiff",
];

/// The article with the journal's header right after `\begin{document}`
/// (what an author submitting it adds).
fn wrap(text: &str) -> String {
    let header = "\\setentryid{a}\n\\setprimarytag{Corpus}\n\
                  \\stdarticle{Corpus article}{\\authorrow{Someone Else}{}}{2025-01-01}\n\
                  \\articlecopyrightinfo{CC BY 4.0}\n";
    match text.find("\\begin{document}") {
        Some(at) => {
            let end = at + "\\begin{document}".len();
            format!("{}\n{header}{}", &text[..end], &text[end..])
        }
        None => format!("{header}{text}"),
    }
}

/// The text and, after it, the files it `\input`s from its folder: a
/// `\bibliography` is often in one.
fn with_inputs(text: &str, dir: &Path, depth: usize) -> String {
    let mut out = text.to_string();
    if depth > 4 {
        return out;
    }
    let stripped = strip_comments(text);
    for command in ["\\input{", "\\include{", "\\subfile{"] {
        let mut rest = stripped.as_str();
        while let Some(at) = rest.find(command) {
            rest = &rest[at + command.len()..];
            let Some(close) = rest.find('}') else { break };
            let name = rest[..close].trim();
            let path = [dir.join(name), dir.join(format!("{name}.tex"))]
                .into_iter()
                .find(|p| p.is_file());
            if let Some(path) = path {
                let inner = std::fs::read_to_string(&path).unwrap_or_default();
                out.push('\n');
                out.push_str(&with_inputs(&inner, dir, depth + 1));
            }
        }
    }
    out
}

/// The article's bibliography: the files it names (`\addbibresource`,
/// `\bibliography`), looked up next to it and then anywhere in its project,
/// and the `.bib` files it writes itself with `filecontents`.
fn bibliography(text: &str, stem: &str, dir: &Path, project: &Path) -> String {
    let text: &str = &with_inputs(text, dir, 0);
    let mut out = String::new();
    let mut names = Vec::new();
    for command in ["\\addbibresource", "\\bibliography"] {
        let mut rest = text;
        while let Some(at) = rest.find(command) {
            rest = &rest[at + command.len()..];
            // multibib's `\bibliography<suffix>{file}` (not `..style{..}`).
            let letters = rest.len()
                - rest
                    .trim_start_matches(|c: char| c.is_ascii_alphabetic())
                    .len();
            if letters > 0 && (command == "\\addbibresource" || rest.starts_with("style")) {
                continue;
            }
            let after = rest[letters..].trim_start();
            let after = if after.starts_with('[') {
                after.find(']').map_or(after, |e| &after[e + 1..])
            } else {
                after
            };
            if let Some(arg) = after.strip_prefix('{').and_then(|a| a.split_once('}')) {
                for name in arg.0.split(',') {
                    let name = name.trim().replace("\\jobname", stem);
                    let name = if name.ends_with(".bib") {
                        name
                    } else {
                        format!("{name}.bib")
                    };
                    if !names.contains(&name) {
                        names.push(name);
                    }
                }
            }
        }
    }
    let mut written = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("\\begin{filecontents") {
        rest = &rest[at..];
        let Some(end) = rest.find("\\end{filecontents") else {
            break;
        };
        let block = &rest[..end];
        if let Some(nl) = block.find('\n')
            && block[..nl].contains(".bib}")
        {
            let line = &block[..nl];
            let file = line[..line.rfind(".bib}").unwrap()]
                .rsplit('{')
                .next()
                .unwrap_or_default()
                .replace("\\jobname", stem);
            written.push(format!("{file}.bib"));
            out.push_str(&block[nl..]);
            out.push('\n');
        }
        rest = &rest[end + 1..];
    }
    for name in names {
        // A file the article writes itself is not read from disk too.
        if written.contains(&name) {
            continue;
        }
        if let Some(path) = find_file(dir, &name).or_else(|| find_file(project, &name)) {
            out.push_str(&std::fs::read_to_string(path).unwrap_or_default());
            out.push('\n');
        }
    }
    out
}

fn find_file(dir: &Path, name: &str) -> Option<PathBuf> {
    let direct = dir.join(name);
    if direct.is_file() {
        return Some(direct);
    }
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .ok()?
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    entries
        .into_iter()
        .filter(|p| p.is_dir())
        .find_map(|p| find_file(&p, name))
}

/// Stubs the images and inputs that the corpus did not copy.
fn stub_missing_files(entry: &Path) -> Vec<String> {
    let mut stubs = Vec::new();
    let mut texts = Vec::new();
    collect_tex(entry, &mut texts);
    for text in texts {
        let text = strip_comments(&text);
        for (command, extensions) in [
            (
                "\\includegraphics",
                &["pdf", "png", "jpg", "jpeg", "svg"][..],
            ),
            // pdfpages' pages.
            ("\\includepdf", &["pdf"][..]),
            ("\\input", &["tex"][..]),
            ("\\include", &["tex"][..]),
            // Files read as written: an empty one stands in.
            ("\\VerbatimInput", &[][..]),
            ("\\verbatiminput", &[][..]),
            ("\\lstinputlisting", &[][..]),
        ] {
            let mut rest = text.as_str();
            while let Some(at) = rest.find(command) {
                rest = &rest[at + command.len()..];
                if rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
                    continue;
                }
                // `\includegraphics*[..]` and an argument on the next line.
                let mut after = rest.trim_start();
                after = after.strip_prefix('*').unwrap_or(after).trim_start();
                if let Some(opt) = after.strip_prefix('[') {
                    after = opt.split_once(']').map_or(opt, |(_, a)| a).trim_start();
                }
                let Some((arg, _)) = after.strip_prefix('{').and_then(|a| a.split_once('}')) else {
                    continue;
                };
                let arg = arg.trim();
                if arg.is_empty() || arg.contains('\\') || arg.contains('#') {
                    continue;
                }
                let has_ext = extensions.is_empty()
                    || Path::new(arg).extension().is_some_and(|e| {
                        extensions.contains(&e.to_string_lossy().to_ascii_lowercase().as_str())
                    });
                let exists = if has_ext {
                    entry.join(arg).is_file()
                } else {
                    extensions
                        .iter()
                        .any(|e| entry.join(format!("{arg}.{e}")).is_file())
                };
                if exists {
                    continue;
                }
                let file = if has_ext {
                    arg.to_owned()
                } else {
                    format!(
                        "{arg}.{}",
                        if extensions[0] == "tex" { "tex" } else { "png" }
                    )
                };
                let path = entry.join(&file);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                let bytes = if extensions.is_empty() {
                    Vec::new()
                } else {
                    stub_bytes(&file)
                };
                std::fs::write(&path, bytes).unwrap();
                stubs.push(file);
            }
        }
    }
    stubs
}

fn collect_tex(dir: &Path, out: &mut Vec<String>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        if path.is_dir() {
            collect_tex(&path, out);
        } else if path.extension().is_some_and(|e| e == "tex") {
            out.push(std::fs::read_to_string(&path).unwrap_or_default());
        }
    }
}

/// An 8×8 grey JPEG, written by hand: one block whose DC and AC are the
/// Huffman tables' only codes.
const BLANK_JPEG: &[u8] = &[
    0xff, 0xd8, 0xff, 0xdb, 0x00, 0x43, 0x00, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01,
    0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01,
    0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01,
    0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01,
    0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x08, 0x00, 0x08,
    0x01, 0x01, 0x11, 0x00, 0xff, 0xc4, 0x00, 0x14, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xc4, 0x00, 0x14, 0x10, 0x01,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00, 0x3f, 0xff, 0xd9,
];

fn stub_bytes(file: &str) -> Vec<u8> {
    let extension = Path::new(file)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("tex") => Vec::new(),
        Some("svg") => {
            br#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>"#.to_vec()
        }
        Some("pdf") => blank_pdf(),
        // A real JPEG: typst decodes an image as its extension says.
        Some("jpg" | "jpeg") => BLANK_JPEG.to_vec(),
        _ => blank_png(),
    }
}

/// A 1×1 white PNG.
fn blank_png() -> Vec<u8> {
    vec![
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90,
        0x77, 0x53, 0xDE, 0x00, 0x00, 0x00, 0x0C, 0x49, 0x44, 0x41, 0x54, 0x08, 0xD7, 0x63, 0xF8,
        0xFF, 0xFF, 0x3F, 0x00, 0x05, 0xFE, 0x02, 0xFE, 0xDC, 0xCC, 0x59, 0xE7, 0x00, 0x00, 0x00,
        0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ]
}

/// A one-page blank PDF, with a correct cross-reference table.
fn blank_pdf() -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 60] /Resources << >> >>",
    ];
    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.push_str(&format!("{} 0 obj\n{object}\nendobj\n", i + 1));
    }
    let xref = out.len();
    out.push_str(&format!(
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    ));
    for offset in offsets {
        out.push_str(&format!("{offset:010} 00000 n \n"));
    }
    out.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    out.into_bytes()
}

// ---- Words -----------------------------------------------------------------

/// The text without what `\iffalse .. \fi` hides (TeX never prints it),
/// nested conditionals counted.
fn strip_iffalse(text: &str) -> String {
    let word_at = |at: usize, word: &str| {
        text[at..].starts_with(word)
            && !text[at + word.len()..].starts_with(|c: char| c.is_ascii_alphabetic())
    };
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        if word_at(i, "\\iffalse") {
            let mut depth = 0usize;
            let mut j = i + "\\iffalse".len();
            while j < text.len() {
                if [
                    "\\iffalse",
                    "\\iftrue",
                    "\\ifx",
                    "\\ifnum",
                    "\\ifdim",
                    "\\ifodd",
                ]
                .iter()
                .any(|w| word_at(j, w))
                {
                    depth += 1;
                } else if word_at(j, "\\fi") {
                    if depth == 0 {
                        j += "\\fi".len();
                        break;
                    }
                    depth -= 1;
                }
                j += text[j..].chars().next().map_or(1, char::len_utf8);
            }
            i = j;
            continue;
        }
        let c = text[i..].chars().next().expect("in bounds");
        out.push(c);
        i += c.len_utf8();
    }
    out
}

fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let bytes = line.as_bytes();
        let mut cut = line.len();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\\' => i += 1,
                b'%' => {
                    cut = i;
                    break;
                }
                _ => {}
            }
            i += 1;
        }
        out.push_str(&line[..cut]);
        if cut < line.len() && line.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// Commands whose arguments are not printed text: how many braced arguments
/// to drop (optional `[..]` arguments are dropped too).
fn hidden_args(name: &str) -> Option<usize> {
    Some(match name {
        "label"
        | "ref"
        | "eqref"
        | "autoref"
        | "cref"
        | "Cref"
        | "pageref"
        | "vref"
        | "nameref"
        | "cite"
        | "citep"
        | "citet"
        | "citealp"
        | "citealt"
        | "parencite"
        | "textcite"
        | "autocite"
        | "footcite"
        | "supercite"
        | "citeauthor"
        | "citeyear"
        | "Cite"
        | "Parencite"
        | "Textcite"
        | "Autocite"
        | "nocite"
        | "citetitle"
        | "cites"
        | "includegraphics"
        | "input"
        | "include"
        | "usepackage"
        | "documentclass"
        | "bibliography"
        | "addbibresource"
        | "bibliographystyle"
        | "hypersetup"
        | "color"
        | "pagecolor"
        | "vspace"
        | "hspace"
        | "lstset"
        | "captionsetup"
        | "pagestyle"
        | "thispagestyle"
        | "setlist"
        | "graphicspath"
        | "geometry"
        | "newlength"
        | "newcounter"
        | "lstinputlisting"
        | "linespread"
        | "urlstyle"
        | "hyphenation"
        | "end"
        | "selectlanguage"
        | "cmidrule"
        | "cline"
        | "arraystretch"
        | "DeclareMathOperator"
        | "numberwithin"
        | "addcontentsline"
        | "settowidth" => 1,
        "setlength" | "addtolength" | "setcounter" | "addtocounter" | "definecolor"
        | "multicolumn" | "multirow" | "newcommand" | "renewcommand" | "providecommand"
        | "newrobustcmd" | "renewrobustcmd" | "textcolor" | "colorbox" | "href" => match name {
            "definecolor" => 3,
            "newcommand" | "renewcommand" | "providecommand" | "newrobustcmd"
            | "renewrobustcmd" => 2,
            // The first argument (a colour, a URL, the span) is hidden; the
            // text that follows is read as text.
            "textcolor" | "colorbox" | "href" => 1,
            _ => 2,
        },
        // The title block: the journal prints the entry's title and
        // authors from `\stdarticle` and info.toml instead.
        "title" | "author" | "affiliation" | "affil" | "address" | "email" | "homepage"
        | "thanks" | "date" | "keywords" | "orcid" | "institute" | "index" => 1,
        "newenvironment" | "renewenvironment" => 3,
        "parbox" => 1,
        _ => return None,
    })
}

/// Environments whose own arguments are not text (`{..}` after `\begin{..}`).
fn env_args(name: &str) -> usize {
    match name.trim_end_matches('*') {
        "tabular" | "longtable" | "array" | "tabu" | "minipage" | "multicols" | "wrapfigure"
        | "subfigure" | "thebibliography" | "lstlisting" | "minted" | "tabulary"
        | "deluxetable" | "refcontext" => 1,
        "tabularx" | "tabular*" => 2,
        _ => 0,
    }
}

fn is_math_env(name: &str) -> bool {
    matches!(
        name.trim_end_matches('*'),
        "equation"
            | "align"
            | "gather"
            | "multline"
            | "eqnarray"
            | "math"
            | "displaymath"
            | "alignat"
            | "flalign"
    )
}

/// The article's text content: its body (with the files it inputs) without
/// comments, command names, their non-text arguments, math and definitions.
fn article_words(main_text: &str, entry: &Path) -> Vec<String> {
    let text = strip_iffalse(&strip_comments(main_text));
    let body = match text.find("\\begin{document}") {
        Some(at) => &text[at + "\\begin{document}".len()..],
        None => &text[..],
    };
    let body = body.split("\\end{document}").next().unwrap_or(body);
    let mut words = Vec::new();
    scan(body, entry, 0, &key_macros(&text), &mut words);
    words
}

/// User macros whose arguments are keys (their definitions use `\\ref`,
/// `\\label`, a citation, or another such macro), found to a fixpoint.
fn key_macros(text: &str) -> Vec<String> {
    let mut defs = Vec::new();
    for line in text.lines() {
        for command in ["\\newcommand", "\\renewcommand", "\\providecommand"] {
            if let Some(at) = line.find(command) {
                let rest = line[at + command.len()..].trim_start_matches(['*', '{', '\\']);
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphabetic())
                    .collect();
                if !name.is_empty() {
                    defs.push((name.clone(), rest[name.len()..].to_owned()));
                }
            }
        }
    }
    let mut keyed: Vec<String> = Vec::new();
    loop {
        let before = keyed.len();
        for (name, body) in &defs {
            let uses_key = [
                "\\ref",
                "\\label",
                "\\eqref",
                "\\cite",
                "\\cref",
                "\\autoref",
                "\\hypertarget",
                "\\hyperlink",
            ]
            .iter()
            .any(|k| body.contains(k))
                || keyed.iter().any(|k| body.contains(&format!("\\{k}{{")));
            if uses_key && !keyed.contains(name) {
                keyed.push(name.clone());
            }
        }
        if keyed.len() == before {
            return keyed;
        }
    }
}

fn read_group(chars: &[char], i: &mut usize, open: char, close: char) -> String {
    // Skips spaces, then a balanced `open..close` group if there is one.
    let mut j = *i;
    while j < chars.len() && chars[j].is_whitespace() {
        j += 1;
    }
    if j >= chars.len() || chars[j] != open {
        return String::new();
    }
    let mut depth = 0;
    let start = j + 1;
    while j < chars.len() {
        if chars[j] == '\\' {
            j += 2;
            continue;
        }
        if chars[j] == open {
            depth += 1;
        } else if chars[j] == close {
            depth -= 1;
            if depth == 0 {
                *i = j + 1;
                return chars[start..j].iter().collect();
            }
        }
        j += 1;
    }
    *i = chars.len();
    chars[start.min(chars.len())..].iter().collect()
}

fn scan(text: &str, entry: &Path, depth: usize, keyed: &[String], words: &mut Vec<String>) {
    let chars: Vec<char> = text.chars().collect();
    let mut word = String::new();
    let mut i = 0;
    let flush = |word: &mut String, words: &mut Vec<String>| {
        if word.chars().count() >= 2 {
            words.push(std::mem::take(word));
        } else {
            word.clear();
        }
    };
    let skip_to = |chars: &[char], i: usize, end: &str| -> usize {
        let rest: String = chars[i..].iter().collect();
        match rest.find(end) {
            Some(at) => i + rest[..at].chars().count() + end.chars().count(),
            None => chars.len(),
        }
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '$' {
            flush(&mut word, words);
            let end = if chars.get(i + 1) == Some(&'$') {
                "$$"
            } else {
                "$"
            };
            i = skip_to(&chars, i + end.len(), end);
            continue;
        }
        if c == '\\' {
            flush(&mut word, words);
            let mut j = i + 1;
            while j < chars.len() && (chars[j].is_ascii_alphabetic() || chars[j] == '@') {
                j += 1;
            }
            if j == i + 1 {
                // A control symbol.
                match chars.get(j) {
                    Some('[') => i = skip_to(&chars, j + 1, "\\]"),
                    Some('(') => i = skip_to(&chars, j + 1, "\\)"),
                    _ => i = j + 1,
                }
                continue;
            }
            let name: String = chars[i + 1..j].iter().collect();
            i = j;
            if chars.get(i) == Some(&'*') {
                i += 1;
            }
            match name.as_str() {
                "begin" => {
                    let env = read_group(&chars, &mut i, '{', '}');
                    if is_math_env(&env) || env.starts_with("filecontents") || env == "comment" {
                        i = skip_to(&chars, i, &format!("\\end{{{env}}}"));
                        continue;
                    }
                    read_group(&chars, &mut i, '[', ']');
                    for _ in 0..env_args(&env) {
                        read_group(&chars, &mut i, '{', '}');
                    }
                }
                "verb" | "lstinline" => {
                    // `\verb|code|`: the code is printed.
                    while !read_group(&chars, &mut i, '[', ']').is_empty() {}
                    if chars.get(i) == Some(&'{') {
                        let code = read_group(&chars, &mut i, '{', '}');
                        scan_plain(&code, words);
                    } else if let Some(&delim) = chars.get(i) {
                        let end = skip_to(&chars, i + 1, &delim.to_string());
                        let code: String = chars[i + 1..end.saturating_sub(1).max(i + 1)]
                            .iter()
                            .collect();
                        scan_plain(&code, words);
                        i = end;
                    }
                }
                "def" | "gdef" | "edef" => {
                    // `\def\name#1{body}`: skip to the body and past it.
                    while i < chars.len() && chars[i] != '{' {
                        i += 1;
                    }
                    read_group(&chars, &mut i, '{', '}');
                }
                "hyperlink" | "hypertarget" => {
                    // The name is a key; the text after it is read on.
                    read_group(&chars, &mut i, '{', '}');
                }
                "url" => {
                    let url = read_group(&chars, &mut i, '{', '}');
                    scan_plain(&url, words);
                }
                "input" | "include" if depth < 8 => {
                    let file = read_group(&chars, &mut i, '{', '}');
                    let file = file.trim();
                    let path = entry.join(file);
                    let path = if path.is_file() {
                        path
                    } else {
                        entry.join(format!("{file}.tex"))
                    };
                    if let Ok(inner) = std::fs::read_to_string(&path) {
                        scan(
                            &strip_iffalse(&strip_comments(&inner)),
                            entry,
                            depth + 1,
                            keyed,
                            words,
                        );
                    }
                }
                _ if name.contains("cite") || name == "bibitem" || keyed.contains(&name) => {
                    // Citation keys and labels, however many groups.
                    while !read_group(&chars, &mut i, '[', ']').is_empty()
                        || !read_group(&chars, &mut i, '{', '}').is_empty()
                    {}
                }
                _ => {
                    // Options after a command are settings, not text.
                    while !read_group(&chars, &mut i, '[', ']').is_empty() {}
                    if let Some(n) = hidden_args(&name) {
                        if name == "newcommand" || name == "renewcommand" {
                            // `\newcommand{\name}[n][default]{body}`.
                            read_group(&chars, &mut i, '{', '}');
                            while !read_group(&chars, &mut i, '[', ']').is_empty() {}
                            read_group(&chars, &mut i, '{', '}');
                            continue;
                        }
                        read_group(&chars, &mut i, '[', ']');
                        for _ in 0..n {
                            read_group(&chars, &mut i, '{', '}');
                            read_group(&chars, &mut i, '[', ']');
                        }
                    }
                }
            }
            continue;
        }
        if c.is_alphabetic() {
            word.push(c);
        } else {
            flush(&mut word, words);
        }
        i += 1;
    }
    flush(&mut word, words);
}

fn scan_plain(text: &str, words: &mut Vec<String>) {
    for w in text.split(|c: char| !c.is_alphabetic()) {
        if w.chars().count() >= 2 {
            words.push(w.to_owned());
        }
    }
}

/// How many of the words occur in the PDF's text (each occurrence in the PDF
/// counts once), and the ones that do not.
///
/// pdf-extract reads a hyphen glyph that typst also used to break a word as
/// U+00AD everywhere, or as `-` everywhere, whichever use of the glyph came
/// first (poppler reads the same PDF right): a soft hyphen may be a line
/// break's hyphen or a real one, and so may a `-` at a line's end, so a
/// word is looked for both ways.
fn words_found(words: &[String], pdf_text: &str) -> (usize, Vec<String>) {
    // A `-` that ends a line, as a break's soft hyphen.
    let mut unbroken = String::with_capacity(pdf_text.len());
    for line in pdf_text.lines() {
        let trimmed = line.trim_end();
        match trimmed.strip_suffix('-') {
            Some(rest) => {
                unbroken.push_str(rest.trim_end());
                unbroken.push('\u{AD}');
            }
            None => unbroken.push_str(line),
        }
        unbroken.push('\n');
    }
    let squash = |soft: &str| -> String {
        unbroken
            .replace('\u{AD}', soft)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .replace('ﬁ', "fi")
            .replace('ﬂ', "fl")
            .replace('ﬀ', "ff")
            .replace('ﬃ', "ffi")
            .replace('ﬄ', "ffl")
            .to_lowercase()
    };
    let (broken, hyphen) = (squash(""), squash("-"));
    let mut wanted: HashMap<String, usize> = HashMap::new();
    for w in words {
        *wanted.entry(w.to_lowercase()).or_default() += 1;
    }
    let mut found = 0;
    let mut missing = Vec::new();
    let mut keys: Vec<_> = wanted.into_iter().collect();
    keys.sort();
    for (word, count) in keys {
        let available = broken
            .matches(word.as_str())
            .count()
            .max(hyphen.matches(word.as_str()).count());
        found += count.min(available);
        if available < count {
            missing.push(format!("{word}×{}", count - available));
        }
    }
    (found, missing)
}

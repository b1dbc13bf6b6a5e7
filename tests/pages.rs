//! End-to-end: pages laid out as the journal's own LaTeX build lays them out.
//! Reference lists and tables read in order (by position on the page and in
//! the PDF's content order), floats go where LaTeX's float algorithm puts
//! them, and issue 202508 has the journal's page count, article by article
//! (from `../shared/reference/xelatex-202508/pages.tsv`, skipped when absent).

mod common;

use std::path::Path;

use common::*;

const ENTRY: &str = "issue/0000/000000.tex.d/entry/welcome";

/// Builds the example issue with `main` as its first article's main.tex (and
/// our own `all-types.bib` as its cite.bib); the issue PDF's path.
fn build_example_with(dir: &Path, main: &str) -> std::path::PathBuf {
    let entry = dir.join(ENTRY);
    std::fs::write(entry.join("main.tex"), main).unwrap();
    std::fs::copy(
        repo().join("tests/fixtures/bib/all-types.bib"),
        entry.join("cite.bib"),
    )
    .unwrap();
    let out = wita(dir, &["build", "issue/0000/000000.tex", "-o", "out.pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    dir.join("out.pdf")
}

/// The reference list: each label is right-aligned in one column and starts
/// its entry's first line; the entry's lines hang at one indent after it;
/// URLs are set in the monospace face and `URL:` in small capitals; read as
/// text, each label comes with its entry.
#[test]
fn reference_lists_read_label_then_entry() {
    let j = example_journal();
    let pdf = build_example_with(
        j.path(),
        "\\setentryid{welcome}\n\\nocite{*}\n\\printbibliography\n",
    );
    let Some(pages) = pdf_lines(&pdf) else { return };
    let lines: Vec<&Line> = pages
        .iter()
        .flatten()
        .skip_while(|l| l.text() != "References")
        .skip(1)
        .take_while(|l| !l.text().starts_with("WEIGHT IN THE ATTENTION"))
        // Not the page numbers.
        .filter(|l| l.words.len() > 1 || !l.words[0].text.chars().all(|c| c.is_ascii_digit()))
        .collect();
    let labelled: Vec<&Line> = lines
        .iter()
        .copied()
        .filter(|l| is_label(&l.words[0].text))
        .collect();
    assert!(labelled.len() >= 90, "{} labels", labelled.len());
    for (n, line) in labelled.iter().enumerate() {
        // `[n]` and its entry's first word on one line, in that order.
        assert_eq!(line.words[0].text, format!("[{}]", n + 1), "{line:?}");
        assert!(line.words.len() > 1, "a label without its entry: {line:?}");
    }
    // Labels end at one edge; entries and the lines that follow them start at
    // one indent, \\biblabelsep (12 pt) after the widest label (page by
    // page: odd and even pages have their own margins).
    for page in &pages {
        let on_page: Vec<&Line> = lines
            .iter()
            .copied()
            .filter(|l| page.iter().any(|p| std::ptr::eq(p, *l)))
            .collect();
        let Some(first) = on_page.iter().find(|l| is_label(&l.words[0].text)) else {
            continue;
        };
        let edge = first.words[0].x1;
        let indent = first.words[1].x0;
        assert!(
            (indent - edge - 12.0 * 72.0 / 72.27).abs() < 0.5,
            "{indent} {edge}"
        );
        for line in &on_page {
            if is_label(&line.words[0].text) {
                assert!((line.words[0].x1 - edge).abs() < 0.3, "{line:?}");
                assert!((line.words[1].x0 - indent).abs() < 0.3, "{line:?}");
            } else {
                assert!(
                    (line.x() - indent).abs() < 0.3,
                    "not hanging at {indent}: {line:?}"
                );
            }
        }
    }
    // URLs in JetBrains Mono at 0.88 of the list's 10 pt: 0.6 em a character,
    // and a little more on a line that stretches its URL (biblatex lets a
    // URL's glue stretch; wita spreads that stretch over the URL).
    let mono = 0.6 * 0.88 * 10.0 * 72.0 / 72.27;
    let urls: Vec<&Word> = lines
        .iter()
        .flat_map(|l| &l.words)
        .filter(|w| w.text.starts_with("https://") && w.text.len() > 20)
        .collect();
    assert!(!urls.is_empty());
    for w in &urls {
        let per_char = (w.x1 - w.x0) / w.text.chars().count() as f64;
        assert!(
            per_char > mono - 0.15 && per_char < mono * 1.25,
            "{w:?}: {per_char} a character"
        );
    }
    // `URL:` in small capitals: narrower than in capitals (22.8 pt).
    let acronym = lines
        .iter()
        .flat_map(|l| &l.words)
        .find(|w| w.text == "URL:")
        .unwrap();
    assert!(acronym.x1 - acronym.x0 < 20.0, "{acronym:?}");

    // Read as a person reads: poppler's text extraction (what a reader's copy
    // and paste, search engines and citation managers get) gives each label
    // with its entry.
    let text = pdftotext(&pdf);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for line in &labelled {
        let start: Vec<&str> = line.words.iter().take(3).map(|w| w.text.as_str()).collect();
        assert!(
            text.contains(&start.join(" ")),
            "`{}` not read in order",
            start.join(" ")
        );
    }
}

fn is_label(word: &str) -> bool {
    word.len() > 2
        && word.starts_with('[')
        && word.ends_with(']')
        && word[1..word.len() - 1].chars().all(|c| c.is_ascii_digit())
}

/// A table reads row by row: the cells of a row share a baseline, and the
/// PDF's content order gives row after row, cell after cell.
#[test]
fn tables_read_row_by_row() {
    let j = example_journal();
    let rows = [
        [
            "Alder",
            "Birch leaves turn in autumn and fall in the first storms of the year",
            "Cedar",
        ],
        [
            "Dogwood",
            "Elm bark is rough",
            "Fir needles stay green through the winter, in snow and frost",
        ],
        ["Ginkgo", "Hazel", "Ivy"],
    ];
    let mut tex = String::from(
        "\\setentryid{welcome}\nBefore the table.\n\n\\begin{table}[h]\n\\centering\n\\caption{Trees}\n\
         \\begin{tabularx}{\\linewidth}{lXX}\n\\toprule\n",
    );
    for row in &rows {
        tex.push_str(&row.join(" & "));
        tex.push_str(" \\\\\n");
    }
    tex.push_str("\\bottomrule\n\\end{tabularx}\n\\end{table}\n\nAfter the table.\n");
    let pdf = build_example_with(j.path(), &tex);

    let text = squash(&pdf_pages(&pdf).join("\n"));
    let order: Vec<usize> = rows
        .iter()
        .flatten()
        .map(|cell| {
            text.find(&squash(cell))
                .unwrap_or_else(|| panic!("{cell} not in {text}"))
        })
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "cells out of order: {order:?}"
    );
    // The caption reads with its table, before it.
    let caption = text.find("Table1:Trees").expect("the caption");
    assert!(caption < order[0] && text.find("Beforethetable").unwrap() < caption);

    let Some(pages) = pdf_lines(&pdf) else { return };
    for row in &rows {
        let firsts: Vec<&str> = row.iter().map(|c| c.split(' ').next().unwrap()).collect();
        let line = pages
            .iter()
            .flatten()
            .find(|l| l.words[0].text == firsts[0])
            .unwrap_or_else(|| panic!("no line starts with {}", firsts[0]));
        let words: Vec<&str> = line.words.iter().map(|w| w.text.as_str()).collect();
        let mut at = 0;
        for w in &firsts {
            let found = words[at..].iter().position(|x| x == w);
            assert!(found.is_some(), "{w} is not in its row's line: {words:?}");
            at += found.unwrap() + 1;
        }
    }
}

/// LaTeX's float placement: `h` when the float fits where it stands; a float
/// that does not fit and takes half a page or more gets a page of its own;
/// `H` stays; no float leaves its article.
#[test]
fn floats_go_where_latex_puts_them() {
    let j = example_journal();
    let para = "Words of a paragraph that fill the lines of the page one after another. ".repeat(6);
    let big_rows = "Row & A cell of the big table that takes most of a page \\\\\n".repeat(36);
    let tex = format!(
        "\\setentryid{{welcome}}\n\\section{{Small}}\n{para}\n\n\
         \\begin{{table}}[htbp]\\centering\\caption{{Small here}}\n\
         \\begin{{tabular}}{{ll}}\\toprule A & B \\\\ C & D \\\\\\bottomrule\\end{{tabular}}\\end{{table}}\n\n\
         \\section{{After the small}}\n{para}\n\n{para}\n\n{para}\n\n{para}\n\n\
         \\begin{{table}}[htbp]\\centering\\caption{{Big alone}}\n\
         \\begin{{tabular}}{{ll}}\\toprule\n{big_rows}\\bottomrule\\end{{tabular}}\\end{{table}}\n\n\
         \\section{{After the big}}\n{para}\n\n\
         \\begin{{figure}}[H]\\centering\\caption{{Here always}}\\end{{figure}}\n\
         Closing words.\n"
    );
    let pdf = build_example_with(j.path(), &tex);
    let pages: Vec<String> = pdf_pages(&pdf).iter().map(|p| squash(p)).collect();
    let page_of = |s: &str| {
        pages
            .iter()
            .position(|p| p.contains(&squash(s)))
            .unwrap_or_else(|| panic!("`{s}` on no page"))
    };
    // `h`: on the page of its paragraph, before the next section.
    let small = page_of("Table 1: Small here");
    assert_eq!(small, page_of("1 Small"));
    let p = &pages[small];
    assert!(p.find("Table1:Smallhere").unwrap() < p.find("2Afterthesmall").unwrap());
    // Too big for here: a float page, the table and nothing else.
    let big = page_of("Table 2: Big alone");
    assert!(big > page_of("2 After the small"));
    assert!(!pages[big].contains("Wordsofaparagraph"), "{}", pages[big]);
    assert!(!pages[big].contains("3Afterthebig"), "{}", pages[big]);
    // `H` where it stands: after the third section's text, before the close.
    let here = page_of("Figure 1: Here always");
    let h = &pages[here];
    assert!(h.find("Figure1:Herealways").unwrap() < h.find("Closingwords").unwrap());
    // Every float of the article comes before the next article starts.
    let next = page_of("WITA.000000.2");
    assert!(big < next && here < next);
}

/// Issue 202508 as the journal's own XeLaTeX build sets it: 50 pages, and
/// every article with as many pages as the journal's.
#[test]
fn issue_202508_has_the_journals_pages() {
    let Some(shared) = shared() else { return };
    let tsv = shared.join("reference/xelatex-202508/pages.tsv");
    let Ok(tsv) = std::fs::read_to_string(&tsv) else {
        eprintln!("skipped: {} is not on this machine", tsv.display());
        return;
    };
    // The journal's pages per article, in order.
    let mut theirs: Vec<(String, usize)> = Vec::new();
    for row in tsv.lines().skip(1) {
        let article = row.split('\t').nth(2).unwrap_or_default().to_owned();
        if article.starts_with('(') {
            continue;
        }
        match theirs.last_mut() {
            Some((a, n)) if *a == article => *n += 1,
            _ => theirs.push((article, 1)),
        }
    }
    let total = tsv.lines().count() - 1;

    let journal = real_journal(&shared);
    let out = wita(
        journal.path(),
        &["build", "issue/2025/202508.tex", "-o", "out.pdf"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let pages = pdf_pages(&journal.path().join("out.pdf"));
    assert_eq!(pages.len(), total, "pages in the issue");
    let starts: Vec<usize> = (1..=theirs.len())
        .map(|n| {
            pages
                .iter()
                .position(|p| has(p, &format!("WEIGHT IN THE ATTENTION WITA.202508.{n}")))
                .unwrap_or_else(|| panic!("article {n} has no first page"))
        })
        .collect();
    let ours: Vec<usize> = starts
        .iter()
        .zip(starts.iter().skip(1).chain([&pages.len()]))
        .map(|(a, b)| b - a)
        .collect();
    let counts: Vec<usize> = theirs.iter().map(|(_, n)| *n).collect();
    assert_eq!(ours, counts, "pages per article");

    // Page for page, every article begins and ends each page with the
    // journal's words: lines broken as TeX breaks them, the skips TeX
    // shrinks to fill a page, floats where LaTeX puts them (the editorial's
    // references that TeX squeezes onto a page, the guide's lists and code,
    // the digest's parboxes, the tables of articles 4 and 5).
    for article in [
        "001",
        "002",
        "003",
        "004",
        "qwencoder",
        "price",
        "arxivdigest",
    ] {
        let first = theirs.iter().position(|(a, _)| a == article).unwrap();
        for (k, row) in tsv
            .lines()
            .skip(1)
            .filter(|row| row.split('\t').nth(2) == Some(article))
            .enumerate()
        {
            let cells: Vec<&str> = row.split('\t').collect();
            let text = &pages[starts[first] + k];
            // The start read as one string; the end word by word, as the
            // two extractions may read a page's last lines (a code block's
            // comments) in another order.
            let words: Vec<String> = text.split_whitespace().map(alnum).collect();
            let tail = words[words.len().saturating_sub(24)..].concat();
            assert!(
                alnum(text).starts_with(&alnum(cells[3]))
                    && cells[4]
                        .split_whitespace()
                        .all(|w| tail.contains(&alnum(w))),
                "page {} ({article}) should run from `{}` to `{}`:\n{text}",
                cells[0],
                cells[3],
                cells[4]
            );
        }
    }

    // Table 1 of article 4 ([htbp]) stands under its paragraph, on the page
    // of section 2's end, before section 3 starts.
    let table = pages
        .iter()
        .position(|p| has(p, "Table 1: Key Events"))
        .expect("Table 1 of article 4");
    let page = squash(&pages[table]);
    let caption = page.find("Table1:KeyEvents").unwrap();
    let section = page
        .find("3GeopoliticalPressures")
        .expect("section 3 on Table 1's page");
    assert!(caption < section);

    // Table 2 of article 4 ([htbp], most of a page) comes after a
    // paragraph's last three lines: LaTeX keeps a fifth of the page for
    // text (\textfraction), so the table does not fit there, and gets a page
    // of its own after the one where the text goes on.
    let table = pages
        .iter()
        .position(|p| has(p, "Table 2: Drivers Behind"))
        .expect("Table 2 of article 4");
    let page = squash(&pages[table]);
    assert!(page.starts_with("Table2:DriversBehind"), "{page}");
    assert!(
        !page.contains("Conclusion") && !page.contains("References"),
        "{page}"
    );
    assert!(has(&pages[table - 1], "6 Conclusion"));
}

/// Issue 202508 line for line against the journal's own PDF, with the
/// project's measures (`tools/compare-lines.py`, `tools/compare-pages.py`):
/// the journal's line ends kept, loose and overfull lines, and pages that
/// begin and end with the journal's words. Each figure may only get better
/// than the README's ("Lines as LaTeX sets them").
#[test]
fn issue_202508_breaks_lines_and_pages_as_the_journal() {
    let Some(shared) = shared() else { return };
    let reference = shared.join("reference/xelatex-202508");
    if !reference.join("202508.pdf").is_file() {
        eprintln!("skipped: {} is not on this machine", reference.display());
        return;
    }
    if !has_command("pdftotext", "-v", "pdftotext (poppler-utils)")
        || !has_command(
            "python3",
            "--version",
            "python3 (for tools/compare-lines.py)",
        )
    {
        return;
    }
    let journal = real_journal(&shared);
    let out = wita(
        journal.path(),
        &["build", "issue/2025/202508.tex", "-o", "out.pdf"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = journal.path().join("out.pdf");
    let python = |args: &[&std::ffi::OsStr]| {
        let out = std::process::Command::new("python3")
            .args(args)
            .output()
            .expect("python3 runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let json = journal.path().join("lines.json");
    python(&[
        repo().join("tools/compare-lines.py").as_os_str(),
        pdf.as_os_str(),
        reference.join("202508.pdf").as_os_str(),
        "--json".as_ref(),
        json.as_os_str(),
    ]);
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let n = |path: &[&str]| {
        path.iter()
            .fold(&report, |v, k| &v[*k])
            .as_u64()
            .unwrap_or_else(|| panic!("{path:?} in {report}"))
    };
    let kept = n(&["line_ends", "kept"]);
    let total = n(&["line_ends", "total"]);
    assert!(
        kept >= 1579,
        "the journal's line ends kept: {kept} of {total} (the README has 1579)"
    );
    assert!(
        n(&["built", "loose"]) <= n(&["reference", "loose"]),
        "more loose lines than the journal's: {report}"
    );
    // Overfull only where the journal's are (its cover's three lines).
    let pages = |who: &str| report[who]["overfull_pages"].to_string();
    assert_eq!(pages("built"), pages("reference"), "overfull lines");

    let text = python(&[
        repo().join("tools/compare-pages.py").as_os_str(),
        pdf.as_os_str(),
        reference.join("pages.tsv").as_os_str(),
    ]);
    let count = |what: &str| -> u32 {
        let line = text
            .lines()
            .find(|l| l.starts_with(what))
            .unwrap_or_else(|| panic!("{text}"));
        line[what.len()..]
            .trim()
            .split('/')
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    // The one page that begins otherwise is the cover: its wordmark is text
    // here and a picture in the journal's.
    assert!(count("pages whose first words match:") >= 49, "{text}");
    assert!(count("pages whose last words match:") >= 50, "{text}");
    assert!(
        text.contains("articles with the reference's page count: 7/7"),
        "{text}"
    );
}

/// A page's text as letters and digits alone (ligatures spelt out), to
/// compare with another extraction's: spaces, hyphens and punctuation differ.
fn alnum(text: &str) -> String {
    text.replace('\u{FB00}', "ff")
        .replace('\u{FB01}', "fi")
        .replace('\u{FB02}', "fl")
        .replace('\u{FB03}', "ffi")
        .replace('\u{FB04}', "ffl")
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// poppler's `pdftotext` of a PDF (its reading order); the test that asks
/// for it has checked that this machine has it.
fn pdftotext(pdf: &Path) -> String {
    common::pdftotext(&[], pdf).expect("pdftotext runs")
}

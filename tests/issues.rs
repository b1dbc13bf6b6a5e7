//! End-to-end: the journal's real issues (from `../shared`, skipped when
//! absent) build, and the PDF reads the way the journal's issue reads.

mod common;

use common::*;

/// Every issue in the journal builds without an error.
#[test]
fn every_real_issue_builds() {
    let Some(shared) = shared() else { return };
    let journal = real_journal(&shared);
    let issues = issue_masters(journal.path());
    assert!(issues.len() >= 3, "{issues:?}");
    for rel in issues {
        let out = wita(journal.path(), &["build", &rel]);
        assert!(out.status.success(), "{rel} failed:\n{}", stderr(&out));
        assert!(!stderr(&out).contains("error"), "{rel}:\n{}", stderr(&out));
    }
}

#[test]
fn issue_202508_reads_like_the_journal() {
    let Some(shared) = shared() else { return };
    let journal = real_journal(&shared);
    let out = wita(journal.path(), &["build", "issue/2025/202508.tex"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = stdout(&out);
    assert!(
        report
            .lines()
            .last()
            .unwrap()
            .starts_with(&native("wrote _dist/issue/2025/202508.pdf (")),
        "{report}"
    );
    assert_eq!(
        report
            .lines()
            .filter(|l| l.trim_start().starts_with("WITA."))
            .count(),
        7,
        "{report}"
    );

    let pdf = journal.path().join("_dist/issue/2025/202508.pdf");
    let pages = pdf_pages(&pdf);
    let all = pages.join("\n");

    // The cover and its blank back.
    assert!(has(&pages[0], "ISSUE 202508"), "{}", pages[0]);
    assert!(has(&pages[0], "WITA Manuscript Submission Guide P.3"));
    assert!(
        squash(&pages[1]).is_empty(),
        "the back of the cover is blank: {}",
        pages[1]
    );

    // Every article: its band, title block and licence line, on its first page.
    let titles = [
        (
            "The founding of Weight in the Attention, a journal for the AIGC Zeitgeist",
            "Editorial Information",
            "CC BY-ND 4.0",
        ),
        (
            "WITA Manuscript Submission Guide",
            "Editorial Information",
            "CC BY-ND 4.0",
        ),
        (
            "My Startup Is Just a Claude Wrapper, but It's a Free Claude Wrapper",
            "Satire",
            "Public Domain",
        ),
        ("Navigating the AI Geoscape", "Enterprise", "Public Domain"),
        (
            "A Comprehensive Review of Qwen3-Coder",
            "Model",
            "Public Domain",
        ),
        (
            "The Opaque Ledger: Navigating Pricing Transparency in Large Language Models",
            "Enterprise",
            "Public Domain",
        ),
        (
            "arXiv Articles Digest for 2025 July",
            "Digest",
            "Public Domain",
        ),
    ];
    let mut last_page = 1;
    for (n, (title, tag, licence)) in titles.iter().enumerate() {
        let band = format!("WITA.202508.{} {tag}", n + 1);
        let page = pages
            .iter()
            .position(|p| has(p, &band))
            .unwrap_or_else(|| panic!("no page has the band `{band}`"));
        assert!(
            page > last_page,
            "article {} starts after the previous one",
            n + 1
        );
        last_page = page;
        let first = &pages[page];
        assert!(has(first, "WEIGHT IN THE ATTENTION"), "{first}");
        let title = title.replace('\'', "’");
        assert!(
            has(first, &title),
            "article {} has its title on its first page:\n{first}",
            n + 1
        );
        assert!(
            has(
                first,
                &format!("Article copyright licensing scheme: {licence}.")
            ),
            "licence of article {}:\n{first}",
            n + 1
        );
    }

    // Numbered sections, restarting per article; unnumbered abstracts.
    assert!(has(&all, "1 Zeal, FOMO, and Anxiety"));
    assert!(has(&all, "3 Content Orientation"));
    assert!(has(&all, "1 Directory Structure"));
    assert!(has(&all, "2.1 info.toml"));
    assert!(has(&all, "1 The Rise of the Wrapper"));
    assert!(
        !has(&all, "1 Abstract"),
        "starred sections are not numbered"
    );

    // Reference lists: each article's own, numbered from [1], sorted
    // year-name-title; citations in written order.
    let first_article: String = pages[2..5].join("\n");
    assert!(has(&first_article, "[1] G.E. Moore"), "{first_article}");
    assert!(
        has(&first_article, "[3] AGI Bar 知识蒸馏"),
        "CJK in a reference entry"
    );
    assert!(has(&first_article, "[5] Tony Peng"), "{first_article}");
    assert!(
        has(&first_article, "work-life balance [2] [4]"),
        "two \\cite stay two groups"
    );
    assert!(
        has(&all, "AIbase基地"),
        "the second reference with Chinese characters"
    );
    let qwen = pages.iter().position(|p| has(p, "WITA.202508.5")).unwrap();
    assert!(
        has(&pages[qwen], "tasks.[5, 17] This"),
        "\\cite{{a,b}} keeps the written order: {}",
        pages[qwen]
    );
    assert_eq!(
        all.matches("References").count(),
        5,
        "five articles have citations"
    );

    // Tables.
    assert!(has(
        &all,
        "Table 1: Key Events and Dates in Manus AI’s China Operations Adjustment"
    ));
    assert!(has(&all, "March 2025 Manus AI global debut/launch"));
    assert!(has(
        &all,
        "Table 2: Drivers Behind Manus AI’s Strategic Pivot"
    ));

    // The Chinese characters are drawn with a CJK face, not as empty boxes.
    let bytes = pdf_plain_bytes(&pdf);
    assert!(
        bytes
            .windows(b"NotoSerifCJKsc".len())
            .any(|w| w == b"NotoSerifCJKsc"),
        "a Noto Serif CJK SC face is embedded"
    );

    // Outputs make.sh wrote.
    for n in 1..=7 {
        let article = journal
            .path()
            .join(format!("_dist/entry/2025/202508/WITA.202508.{n}.pdf"));
        let text = pdf_pages(&article);
        assert!(
            has(&text[0], &format!("WITA.202508.{n}")),
            "article PDF {n} starts with its band"
        );
    }
    let article1 = pdf_pages(
        &journal
            .path()
            .join("_dist/entry/2025/202508/WITA.202508.1.pdf"),
    );
    let (_, pages_of_1) = report
        .lines()
        .find(|l| l.contains("WITA.1"))
        .and_then(|l| l.split_once("pages"))
        .unwrap();
    let range: Vec<usize> = pages_of_1
        .split_whitespace()
        .next()
        .unwrap()
        .split('-')
        .map(|n| n.parse().unwrap())
        .collect();
    assert_eq!(
        article1.len(),
        range[1] - range[0] + 1,
        "article PDFs hold the real page range"
    );
    assert_eq!(
        png_size(&journal.path().join("_dist/issue/2025/202508.png")).1,
        2000
    );

    // The website's metadata is what make.sh wrote, byte for byte.
    for name in ["dist.toml", "dist.json", "map.toml"] {
        let rel = format!("issue/2025/202508.tex.d/meta/{name}");
        assert_eq!(
            std::fs::read_to_string(journal.path().join(&rel)).unwrap(),
            std::fs::read_to_string(shared.join("wita-journal").join(&rel)).unwrap(),
            "{name}"
        );
    }

    // The pages are the journal's own build's: toc.csv's hand-typed ranges,
    // taken from that build, all match.
    let err = stderr(&out);
    assert!(!err.contains("toc.csv says"), "{err}");
}

/// Same sources, same bytes: wherever and whenever the issue is built.
#[test]
fn builds_are_byte_identical() {
    let Some(shared) = shared() else { return };
    let a = real_journal(&shared);
    let b = real_journal(&shared);
    for journal in [&a, &b] {
        let out = wita(journal.path(), &["build", "issue/2025/202508.tex"]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    for rel in [
        "_dist/issue/2025/202508.pdf",
        "_dist/entry/2025/202508/WITA.202508.4.pdf",
        "_dist/issue/2025/202508.png",
    ] {
        let x = std::fs::read(a.path().join(rel)).unwrap();
        let y = std::fs::read(b.path().join(rel)).unwrap();
        assert!(x == y, "{rel} differs between two builds");
    }
}

/// The build runs from anywhere: the journal is found above `issue/`.
#[test]
fn builds_from_another_directory_and_from_the_folder() {
    let Some(shared) = shared() else { return };
    let journal = real_journal(&shared);
    let elsewhere = tempfile::tempdir().unwrap();
    let folder = journal.path().join("issue/2025/202509.tex.d/");
    let out = wita(
        elsewhere.path(),
        &["build", folder.to_str().unwrap(), "-o", "out.pdf"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(elsewhere.path().join("out.pdf").is_file());
    assert!(
        !journal.path().join("_dist").exists(),
        "-o writes only the PDF"
    );
    let text = pdf_pages(&elsewhere.path().join("out.pdf")).join("\n");
    assert!(has(&text, "2025 August News Collection"));
    // Missing cover art and a mismatched \setentryid are warnings, not errors.
    let err = stderr(&out);
    assert!(
        err.contains("cover art") && err.contains("\\setentryid{001}"),
        "{err}"
    );
}

/// The PDF's outline has one entry per article (their sections below them),
/// and its metadata names the issue.
#[test]
fn outline_and_metadata() {
    let Some(shared) = shared() else { return };
    let journal = real_journal(&shared);
    let out = wita(
        journal.path(),
        &["build", "issue/2025/202508.tex", "-o", "issue.pdf"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = lopdf::Document::load(journal.path().join("issue.pdf")).unwrap();
    let toc = doc.get_toc().unwrap();
    let top: Vec<&str> = toc
        .toc
        .iter()
        .filter(|e| e.level == 1)
        .map(|e| e.title.as_str())
        .collect();
    assert_eq!(top.len(), 7, "{top:?}");
    assert!(
        top[0].starts_with("The founding of Weight in the Attention"),
        "{top:?}"
    );
    assert_eq!(top[6], "arXiv Articles Digest for 2025 July");
    assert!(
        toc.toc
            .iter()
            .any(|e| e.level == 2 && e.title == "1 Zeal, FOMO, and Anxiety"),
        "{:?}",
        toc.toc
    );
    let bytes = pdf_plain_bytes(&journal.path().join("issue.pdf"));
    let has_bytes = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    assert!(
        has_bytes(b"Weight in the Attention, Issue 202508"),
        "the document title"
    );
    assert!(
        has_bytes(b"/URI (https://agi.bar/)") || has_bytes(b"https://agi.bar/"),
        "URLs are live links"
    );
}

/// The text of page `n` (1-based) as `pdftotext -layout` lays it out;
/// `None` when this machine has no pdftotext (`.ci/run` installs it).
fn layout_page(pdf: &std::path::Path, n: usize) -> Option<String> {
    let page = n.to_string();
    let text = common::pdftotext(&["-layout", "-f", &page, "-l", &page], pdf);
    if text.is_none() {
        eprintln!("skipped: pdftotext (poppler-utils) is not on this machine");
    }
    text
}

/// With `contents_page = true` in meta.toml, page 2 lists every article with
/// its number and the printed page it really starts on (found by its header
/// band, `WITA.<ID>.<n>`, on the article pages).
fn contents_page_lists_every_article(journal: &std::path::Path, master: &str, id: &str) {
    let meta = journal.join(master.replace(".tex", ".tex.d/meta/meta.toml"));
    let text = std::fs::read_to_string(&meta).unwrap();
    std::fs::write(&meta, format!("{text}contents_page = true\n")).unwrap();
    let out = wita(journal, &["build", master, "-o", "contents.pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = journal.join("contents.pdf");
    let pages = pdf_pages(&pdf);
    let Some(contents) = layout_page(&pdf, 2) else {
        return;
    };
    assert!(contents.contains("Contents"), "{contents}");
    let mut n = 1;
    loop {
        let ident = format!("WITA.{id}.{n}");
        // Physical pages from 3 on; the article's first page is printed
        // as page (physical - 2).
        let Some(first) = pages
            .iter()
            .enumerate()
            .skip(2)
            .find(|(_, text)| squash(text).contains(&ident))
            .map(|(i, _)| i + 1 - 2)
        else {
            break;
        };
        let line = contents
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{ident} ")))
            .unwrap_or_else(|| panic!("{ident} is not on the contents page:\n{contents}"));
        assert!(
            line.trim_end().ends_with(&format!(" {first}")),
            "{ident} starts on page {first}: {line}"
        );
        n += 1;
    }
    assert!(n > 3, "found only {} articles", n - 1);
    // Without the key, page 2 stays blank.
    std::fs::write(&meta, text).unwrap();
    let out = wita(journal, &["build", master, "-o", "plain.pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let blank = layout_page(&journal.join("plain.pdf"), 2).unwrap_or_default();
    assert!(blank.trim().is_empty(), "{blank}");
}

#[test]
fn the_example_issue_has_a_contents_page_when_asked() {
    let journal = example_journal();
    contents_page_lists_every_article(journal.path(), "issue/0000/000000.tex", "000000");
}

#[test]
fn issue_202508_lists_its_seven_articles_on_its_contents_page() {
    let Some(shared) = shared() else { return };
    let journal = real_journal(&shared);
    contents_page_lists_every_article(journal.path(), "issue/2025/202508.tex", "202508");
    let pdf = journal.path().join("contents.pdf");
    if let Some(contents) = layout_page(&pdf, 2) {
        assert_eq!(contents.matches("WITA.202508.").count(), 7, "{contents}");
    }
}

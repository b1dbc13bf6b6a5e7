//! What a build writes, from a small compiled document and from the example
//! issue's metadata (read in place).

use std::path::Path;

use wita_compile::{Compiler, Origin, Project};
use wita_diag::{Diagnostics, Sources};
use wita_output::{
    ARTICLE_LABEL, Standards, article_pages, dist_json, dist_toml, issue_pdf, map_toml, page_png,
    pages_pdf,
};

/// Four small pages: a cover, an article of two pages, one of one page.
fn document() -> wita_compile::PagedDocument {
    let markup = format!(
        "#set page(width: 100pt, height: 120pt)\nCover\n#pagebreak()\n\
         #metadata(none) <{ARTICLE_LABEL}>\nOne\n#pagebreak()\nOne goes on\n#pagebreak()\n\
         #metadata(none) <{ARTICLE_LABEL}>\nTwo\n"
    );
    let mut project = Project {
        main: "/main.typ".into(),
        files: Vec::new(),
    };
    project.add("/main.typ", markup, Origin::Internal);
    let mut compiler = Compiler::new(&std::env::temp_dir());
    let output = compiler.compile(&project, (2025, 1, 1));
    output
        .document
        .unwrap_or_else(|| panic!("{:?}", output.diagnostics))
}

#[test]
fn articles_run_from_their_marker_to_the_next() {
    let document = document();
    assert_eq!(document.pages().len(), 4);
    assert_eq!(article_pages(&document, 2), [(2, 3), (4, 4)]);
    // Fewer articles than markers: the ones asked for.
    assert_eq!(article_pages(&document, 1), [(2, 3)]);
}

#[test]
fn pdfs_are_the_same_bytes_every_time() {
    let document = document();
    let issue = issue_pdf(&document, "wita/2025/202501", &Standards::default()).unwrap();
    assert_eq!(
        issue,
        issue_pdf(&document, "wita/2025/202501", &Standards::default()).unwrap()
    );
    assert_ne!(
        issue,
        issue_pdf(&document, "wita/2025/202502", &Standards::default()).unwrap()
    );
    assert!(issue.starts_with(b"%PDF-"));
    assert!(!contains(&issue, b"CreationDate"), "a PDF carries a date");
    let article = pages_pdf(&document, "wita/2025/202501/1", 2, 3, &Standards::default()).unwrap();
    assert_eq!(
        article,
        pages_pdf(&document, "wita/2025/202501/1", 2, 3, &Standards::default()).unwrap()
    );
    assert!(article.len() < issue.len());
}

fn contains(bytes: &[u8], what: &[u8]) -> bool {
    bytes.windows(what.len()).any(|w| w == what)
}

#[test]
fn pdfs_are_compacted_into_object_streams_and_lose_no_object() {
    let document = document();
    let raw = typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default()).unwrap();
    assert!(
        !contains(&raw, b"/ObjStm"),
        "typst's own output has no object streams"
    );
    let lean = wita_output::compact(&raw).expect("typst's PDF compacts");
    assert!(lean.len() < raw.len(), "{} >= {}", lean.len(), raw.len());
    assert!(lean.starts_with(b"%PDF-1.7\n%"));
    assert!(contains(&lean, b"/Type/ObjStm"));
    // The cross-reference stream is the last object, and deflated.
    let xref = &lean[lean.len() - 200.min(lean.len())..];
    assert!(contains(&lean, b"/Type/XRef") && contains(&lean, b"/Predictor 12/Columns 7"));
    assert!(xref.ends_with(b"%%EOF"));

    // Read back (through the deflated xref stream): every object of typst's
    // file is there, the same.
    let before = lopdf::Document::load_mem(&raw).unwrap();
    let after = lopdf::Document::load_mem(&lean).unwrap();
    assert_eq!(after.get_pages().len(), 4);
    assert_eq!(
        before.trailer.get(b"ID").ok().map(|id| format!("{id:?}")),
        after.trailer.get(b"ID").ok().map(|id| format!("{id:?}"))
    );
    for (id, object) in &before.objects {
        let kept = after
            .get_object(*id)
            .unwrap_or_else(|_| panic!("object {id:?} lost"));
        assert_eq!(format!("{object:?}"), format!("{kept:?}"), "object {id:?}");
    }
    // The same input, the same bytes.
    assert_eq!(wita_output::compact(&raw).unwrap(), lean);
    assert!(wita_output::compact(b"%PDF-1.7 not a PDF").is_none());
}

/// A file that is not as typst writes them (cut short, or with any byte
/// changed) is left as it is or compacted, never a panic.
#[test]
fn compacting_a_damaged_file_does_not_panic() {
    let raw = typst_pdf::pdf(&document(), &typst_pdf::PdfOptions::default()).unwrap();
    let tail = raw.len() - 400.min(raw.len());
    for cut in (0..raw.len()).step_by(997).chain(tail..raw.len()) {
        let _ = wita_output::compact(&raw[..cut]);
    }
    // The table, the trailer and object heads: where the reading happens.
    let xref = raw.windows(5).rposition(|w| w == b"\nxref").unwrap();
    for at in (xref..raw.len()).chain((0..xref).step_by(251)) {
        for byte in [b'0', b'9', b' ', b'\n', b'f', b'/', 0xFF] {
            let mut damaged = raw.clone();
            damaged[at] = byte;
            let _ = wita_output::compact(&damaged);
        }
    }
}

#[test]
fn pdfs_of_standards_before_object_streams_stay_as_typst_wrote_them() {
    let document = document();
    let old = Standards::parse("1.4").unwrap();
    let pdf = issue_pdf(&document, "wita/2025/202501", &old).unwrap();
    assert!(pdf.starts_with(b"%PDF-1.4"));
    assert!(!contains(&pdf, b"/ObjStm") && !contains(&pdf, b"/XRef"));
    let archival = Standards::parse("a-2b").unwrap().dated((2025, 1, 1));
    let pdf = issue_pdf(&document, "wita/2025/202501", &archival).unwrap();
    assert!(contains(&pdf, b"/Type/ObjStm"));
    // PDF/A's XMP metadata is a stream of its own, unfiltered, readable in
    // the file's bytes.
    assert!(contains(&pdf, b"<pdfaid:part>2</pdfaid:part>"));
}

#[test]
fn the_cover_png_is_as_tall_as_asked() {
    let png = page_png(&document(), 0, 240).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    // IHDR: width, then height, big-endian, after the signature and chunk head.
    let size = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
    assert_eq!((size(16), size(20)), (200, 240));
    assert!(page_png(&document(), 9, 240).is_err());
}

#[test]
fn the_websites_metadata_is_meta_toml_then_each_entry_with_its_place() {
    let sources = Sources::new();
    let master =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/journal/issue/0000/000000.tex");
    let mut diags = Diagnostics::new();
    let issue =
        wita_journal::load_issue(wita_journal::locate(&master).unwrap(), &sources, &mut diags)
            .unwrap();
    let map = map_toml(&issue);
    let expected: String = issue
        .entries
        .iter()
        .map(|e| format!("\"{}\" = \"{}\"\n", e.id, e.index))
        .collect();
    assert_eq!(map, expected);

    let toml = dist_toml(&issue);
    assert!(toml.starts_with(&*issue.meta.text), "{toml}");
    assert!(toml.contains(&format!("[id_seq_map]\n{map}")), "{toml}");
    let mut rest = toml.as_str();
    for entry in &issue.entries {
        let at = rest.find(&*entry.info.text).expect("the entry's info.toml");
        rest = &rest[at + entry.info.text.len()..];
        assert!(
            rest.trim_start_matches('\n')
                .starts_with(&format!("index = {}\n", entry.index)),
            "{rest}"
        );
    }
    assert!(
        toml::from_str::<toml::Table>(&toml).is_ok(),
        "dist.toml is TOML"
    );

    let json: serde_json::Value = serde_json::from_str(&dist_json(&issue)).unwrap();
    let articles = json["article"].as_array().unwrap();
    assert_eq!(articles.len(), issue.entries.len());
    for (article, entry) in articles.iter().zip(&issue.entries) {
        assert_eq!(article["id"], entry.id.as_str());
        assert_eq!(article["index"], entry.index);
        assert_eq!(json["id_seq_map"][&entry.id], entry.index.to_string());
    }
}

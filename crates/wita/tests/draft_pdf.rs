//! A build writes lean PDFs (object streams); a builder told to write drafts
//! (what `wita watch` does) writes the PDF as typst exports it, with the same
//! pages.

use std::path::Path;

use wita::{BuildOptions, Builder, BuilderOptions};

fn contains(bytes: &[u8], what: &[u8]) -> bool {
    bytes.windows(what.len()).any(|w| w == what)
}

#[test]
fn drafts_are_typsts_own_export_and_builds_are_lean() {
    let master =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/journal/issue/0000/000000.tex");
    let out = tempfile::tempdir().unwrap();
    let build = |draft_pdf: bool, name: &str| {
        let path = out.path().join(name);
        let mut builder = Builder::with_options(BuilderOptions {
            draft_pdf,
            ..BuilderOptions::default()
        });
        let options = BuildOptions {
            output: Some(path.clone()),
            ..BuildOptions::default()
        };
        let report = builder.build(&master, &options);
        assert!(report.ok(), "{:?}", report.diagnostics);
        std::fs::read(path).unwrap()
    };
    let lean = build(false, "lean.pdf");
    let draft = build(true, "draft.pdf");
    assert!(contains(&lean, b"/Type/ObjStm"));
    assert!(!contains(&draft, b"/ObjStm"));
    assert!(lean.len() < draft.len());
    let pages = |pdf: &[u8]| lopdf::Document::load_mem(pdf).unwrap().get_pages().len();
    assert_eq!(pages(&lean), pages(&draft));
}

//! What the builder's options change in the PDF: a build writes lean PDFs
//! (object streams), a builder told to write drafts (what `wita watch` does)
//! the PDF as typst exports it, with the same pages; a one-shot builder
//! (`wita build`), which drops typst's memoized work, the same bytes.

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

/// A builder that drops typst's memoized work after laying out (`wita
/// build`) writes the same bytes as one that keeps it.
#[test]
fn a_one_shot_build_writes_the_same_pdf() {
    let master =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/journal/issue/0000/000000.tex");
    let out = tempfile::tempdir().unwrap();
    let build = |one_shot: bool, name: &str| {
        let path = out.path().join(name);
        let mut builder = Builder::with_options(BuilderOptions {
            one_shot,
            ..BuilderOptions::default()
        });
        let options = BuildOptions {
            output: Some(path.clone()),
            ..BuildOptions::default()
        };
        assert!(builder.build(&master, &options).ok());
        // A second build of the same builder, after the cache went.
        assert!(builder.build(&master, &options).ok());
        std::fs::read(path).unwrap()
    };
    assert_eq!(build(true, "once.pdf"), build(false, "kept.pdf"));
}

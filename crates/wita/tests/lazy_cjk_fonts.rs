//! A Latin-only issue never decompresses the CJK faces; an issue with Chinese
//! text does. (Its own test binary: the count is per process.)

use std::path::Path;

mod common;

use common::copy_tree;
use wita::{BuildOptions, Builder};

#[test]
fn cjk_faces_are_decompressed_only_when_a_document_uses_them() {
    let journal = tempfile::tempdir().unwrap();
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/journal"),
        journal.path(),
    );
    let master = journal.path().join("issue/0000/000000.tex");
    let full = std::fs::read_to_string(&master).unwrap();
    // Without the bilingual article, the sample issue is Latin only.
    std::fs::write(&master, full.replace("\\importarticle{cjk}\n", "")).unwrap();
    let options = BuildOptions {
        output: Some(journal.path().join("latin.pdf")),
        all: false,
        standards: None,
        html: false,
        html_dir: None,
        synctex: false,
    };

    let mut builder = Builder::new();
    let report = builder.build(&master, &options);
    assert!(report.ok(), "{:?}", report.diagnostics);
    assert_eq!(
        wita_fonts::decompressed_count(),
        0,
        "a Latin-only issue loaded a CJK face"
    );

    std::fs::write(&master, &full).unwrap();
    let report = builder.build(&master, &options);
    assert!(report.ok(), "{:?}", report.diagnostics);
    assert!(
        wita_fonts::decompressed_count() >= 1,
        "the Chinese text needs a CJK face"
    );
}

//! Today is each build's own: a builder keeps one compiler per journal, and
//! typst's `datetime.today()` is still the date of the issue it builds (or
//! `SOURCE_DATE_EPOCH`'s, given as an option).

use std::path::Path;

use wita::{BuildOptions, Builder, BuilderOptions};

/// A journal with the issues 2025/202501 and 2025/202502, one entry each,
/// whose template's cover fails unless today is the first of the issue's
/// month.
fn journal() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let builtin = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates/issue.typ");
    let mut template = std::fs::read_to_string(builtin).unwrap();
    template.push_str(
        "\n#let cover(info) = assert.eq(\n  datetime.today().display(),\n  info.year + \"-\" + info.id.slice(4) + \"-01\",\n)\n",
    );
    std::fs::create_dir_all(root.join("texlib/wita")).unwrap();
    std::fs::write(root.join("texlib/wita/issue.typ"), template).unwrap();
    for id in ["202501", "202502"] {
        let master = master(root, id);
        std::fs::create_dir_all(master.parent().unwrap()).unwrap();
        std::fs::write(
            &master,
            format!("\\setdocmetadata{{2025}}{{{id}}}{{1}}\n\\begin{{document}}\n\\importarticle{{a}}\n\\end{{document}}\n"),
        )
        .unwrap();
        wita::scaffold::new_entry(&master, "a", (2025, 1, 15)).unwrap();
    }
    dir
}

fn master(root: &Path, id: &str) -> std::path::PathBuf {
    root.join(format!("issue/2025/{id}.tex"))
}

fn build(builder: &mut Builder, root: &Path, id: &str) -> wita::BuildReport {
    let options = BuildOptions {
        output: Some(root.join(format!("{id}.pdf"))),
        all: false,
        standards: None,
        html: false,
        html_dir: None,
        synctex: false,
    };
    builder.build(&master(root, id), &options)
}

#[test]
fn two_issues_built_by_one_builder_get_their_own_dates() {
    let journal = journal();
    let mut builder = Builder::new();
    for id in ["202501", "202502", "202501"] {
        let report = build(&mut builder, journal.path(), id);
        assert!(report.ok(), "{id}: {:?}", report.diagnostics);
    }
}

#[test]
fn the_source_date_epoch_option_is_every_builds_today() {
    let journal = journal();
    // 2025-02-01 00:00:00 UTC.
    let mut builder = Builder::with_options(BuilderOptions {
        source_date_epoch: Some(1_738_368_000),
        ..BuilderOptions::default()
    });
    let report = build(&mut builder, journal.path(), "202502");
    assert!(report.ok(), "{:?}", report.diagnostics);
    let report = build(&mut builder, journal.path(), "202501");
    assert!(!report.ok(), "202501 was built with its own date");
}

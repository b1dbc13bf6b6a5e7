//! Problems in what the generated Typst does are reported at the LaTeX that
//! produced it: an author never sees a line of generated code.

use std::path::Path;

use wita::{BuildOptions, Builder, Renderer, Severity, Style};

const ISSUE: &str = "issue/0000/000000.tex";
const MAIN: &str = "issue/0000/000000.tex.d/entry/welcome/main.tex";

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_name() == "_dist" {
            continue;
        }
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Builds the example with `extra` appended to an article; returns the
/// rendered diagnostics and whether the build failed.
fn build_with(extra: &str, files: &[(&str, &[u8])]) -> (Vec<(Severity, String)>, bool) {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/journal"),
        dir.path(),
    );
    let main = dir.path().join(MAIN);
    let mut text = std::fs::read_to_string(&main).unwrap();
    text.push_str(extra);
    std::fs::write(&main, text).unwrap();
    for (name, bytes) in files {
        std::fs::write(main.parent().unwrap().join(name), bytes).unwrap();
    }
    let mut builder = Builder::new();
    let report = builder.build(
        &dir.path().join(ISSUE),
        &BuildOptions {
            output: Some(dir.path().join("out.pdf")),
            all: false,
        },
    );
    let renderer = Renderer::new(&builder.sources, Style::Rich);
    let shown = report
        .diagnostics
        .iter()
        .map(|d| (d.severity, renderer.to_string(d)))
        .collect();
    (shown, !report.ok())
}

fn no_generated_code(diags: &[(Severity, String)]) {
    for (_, text) in diags {
        assert!(!text.contains(".typ"), "generated code shown:\n{text}");
    }
}

#[test]
fn a_broken_image_is_an_error_at_its_includegraphics() {
    let (diags, failed) = build_with(
        "\n\\includegraphics[width=3cm]{broken.png}\n",
        &[("broken.png", b"not a png at all")],
    );
    assert!(failed);
    no_generated_code(&diags);
    let error = diags
        .iter()
        .find(|(s, _)| *s == Severity::Error)
        .map(|(_, t)| t.clone())
        .expect("an error");
    assert!(error.contains("welcome/main.tex:"), "{error}");
    assert!(error.contains("broken.png"), "{error}");
}

#[test]
fn math_mitex_cannot_convert_is_a_warning_shown_raw() {
    let (diags, failed) = build_with("\n$\\begin{unknownmatrix} a \\end{unknownmatrix}$\n", &[]);
    no_generated_code(&diags);
    assert!(!failed, "{diags:?}");
    assert!(
        diags
            .iter()
            .any(|(s, t)| *s == Severity::Warning && t.contains("welcome/main.tex:")),
        "{diags:?}"
    );
}

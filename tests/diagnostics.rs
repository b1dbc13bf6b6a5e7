//! Problems in what the generated Typst does are reported at the LaTeX that
//! produced it: an author never sees a line of generated code.

mod common;

use wita::{BuildOptions, Builder, Renderer, Severity, Style};

const ISSUE: &str = "issue/0000/000000.tex";
const MAIN: &str = "issue/0000/000000.tex.d/entry/welcome/main.tex";

/// Builds the example with `extra` appended to an article; returns the
/// rendered diagnostics and whether the build failed.
fn build_with(extra: &str, files: &[(&str, &[u8])]) -> (Vec<(Severity, String)>, bool) {
    let dir = common::example_journal();
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
            standards: None,
            html: false,
            html_dir: None,
            synctex: false,
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
    assert!(
        error.contains(&common::native("welcome/main.tex:")),
        "{error}"
    );
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
            .any(|(s, t)| *s == Severity::Warning
                && t.contains(&common::native("welcome/main.tex:"))),
        "{diags:?}"
    );
}

//! Every command mitex knows, converted and compiled with wita's math module:
//! what mitex emits must exist in Typst 0.15 or in `templates/latex-math.typ`,
//! under a name Typst 0.15 does not warn about.
//! (Commands whose output uses `wita_typst::BLOCKED_IDENTIFIERS` are refused
//! before compiling, and shown as written.)

use wita_compile::{Compiler, Origin, Project};
use wita_doc::{Math, MathEnv};

const MATH: &str = include_str!("../../../templates/latex-math.typ");

fn compiles(compiler: &mut Compiler, typst: &str) -> Result<(), String> {
    let mut project = Project {
        main: "/main.typ".into(),
        files: Vec::new(),
    };
    project.add("/latex-math.typ", MATH, Origin::Internal);
    project.add("/main.typ", format!("#set text(font: \"TeX Gyre Termes\")\n#show math.equation: set text(font: \"TeX Gyre Termes Math\")\n#import \"/latex-math.typ\": *\n$ {typst} $\n"), Origin::Internal);
    let out = compiler.compile(&project, (2025, 1, 1));
    // A warning counts too: a deprecated symbol name is a warning about
    // generated markup, which the author would see and could not fix.
    match (&out.document, out.diagnostics.is_empty()) {
        (Some(_), true) => Ok(()),
        _ => Err(out
            .diagnostics
            .iter()
            .map(|d| d.message.clone())
            .collect::<Vec<_>>()
            .join("; ")),
    }
}

#[test]
fn every_mitex_command_compiles() {
    let dir = tempfile_dir();
    let mut compiler = Compiler::new(&dir);
    let spec = &*mitex_spec_gen::DEFAULT_SPEC;
    let mut names: Vec<(&str, bool)> = spec
        .items()
        .map(|(name, item)| (name, matches!(item, mitex_spec::CommandSpecItem::Env(_))))
        .collect();
    names.sort();
    let mut failures = Vec::new();
    let mut tried = 0;
    for (name, is_env) in names {
        // Text-mode environments and commands are not math.
        if is_env
            && matches!(
                name,
                "itemize" | "enumerate" | "figure" | "table" | "tabular" | "quote" | "abstract"
            )
        {
            continue;
        }
        let samples: Vec<String> = if is_env {
            vec![
                format!("\\begin{{{name}}} a & b \\\\ c & d \\end{{{name}}}"),
                format!("\\begin{{{name}}}{{2}} a & b \\end{{{name}}}"),
            ]
        } else {
            vec![
                format!("\\{name}"),
                format!("\\{name}{{a}}"),
                format!("\\{name}{{a}}{{b}}"),
                format!("x \\{name}{{a}}{{b}}{{c}} y"),
            ]
        };
        let math = |tex: &str| Math::unnumbered(MathEnv::Display, tex);
        let converted: Vec<(String, String)> = samples
            .iter()
            .filter_map(|s| {
                wita_typst::convert_math(&math(s))
                    .ok()
                    .map(|t| (s.clone(), t))
            })
            .collect();
        if converted.is_empty() {
            continue; // refused before compiling: shown as written
        }
        tried += 1;
        let errors: Vec<String> = converted
            .iter()
            .filter_map(|(s, t)| {
                compiles(&mut compiler, t)
                    .err()
                    .map(|e| format!("{s} → {t}: {e}"))
            })
            .collect();
        if errors.len() == converted.len() {
            failures.push(errors[0].clone());
        }
    }
    assert!(tried > 400, "only {tried} commands converted");
    assert!(
        failures.is_empty(),
        "{} of {tried} commands fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join("wita-latex-math-test");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

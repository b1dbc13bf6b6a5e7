//! `wita check`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, ValueEnum};
use wita::{Builder, BuilderOptions, Diagnostics, Style};

use crate::{formats, plural};

#[derive(Args)]
pub struct CheckArgs {
    /// Issues (master file or .tex.d folder), entry folders, or folders of
    /// issues; default: every issue under `issue/` here.
    #[arg(value_name = "ISSUE|ENTRY")]
    paths: Vec<PathBuf>,
    /// Fail when there are warnings, too.
    #[arg(long)]
    deny_warnings: bool,
    /// How to print problems.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// rustc-style, with the source line (on standard error).
    Human,
    /// One line per problem, `path:line:col: error|warning: message`, as
    /// compilers print them for editors (on standard error).
    Short,
    /// One JSON document on standard output: the problems with their places.
    Json,
    /// GitHub Actions workflow commands (`::error file=…,line=…::…`) on
    /// standard output, which annotate the pull request's diff.
    Github,
}

pub fn run(args: CheckArgs, options: &BuilderOptions) -> ExitCode {
    let started = Instant::now();
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("issue")]
    } else {
        args.paths.clone()
    };
    let mut builder = Builder::with_options(options.clone());
    let mut diags = Diagnostics::new();
    let mut entries = 0;
    for path in &paths {
        entries += builder.check(path, &mut diags);
    }
    let errors = diags.error_count();
    let warnings = diags.warning_count();
    let failed = errors > 0 || (args.deny_warnings && warnings > 0);
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Human => {
            let renderer = crate::renderer(&builder.sources, Style::Rich);
            for diagnostic in diags.iter() {
                renderer.eprint(diagnostic);
            }
            let mut summary = format!(
                "checked {entries} entr{} in {:.0} ms: {errors} error{}, {warnings} warning{}",
                if entries == 1 { "y" } else { "ies" },
                started.elapsed().as_secs_f64() * 1000.0,
                plural(errors),
                plural(warnings),
            );
            let notes = diags.len() - errors - warnings;
            if notes > 0 {
                summary += &format!(", {notes} note{}", plural(notes));
            }
            if failed {
                crate::failure_summary(&summary);
            } else {
                let _ = writeln!(out, "{summary}");
            }
        }
        Format::Short => {
            for diagnostic in diags.iter() {
                eprintln!("{}", formats::short(diagnostic, &builder.sources));
            }
            let summary = format!(
                "wita check: {entries} entr{}, {errors} error{}, {warnings} warning{}",
                if entries == 1 { "y" } else { "ies" },
                plural(errors),
                plural(warnings)
            );
            let _ = writeln!(out, "{summary}");
        }
        Format::Json => {
            let problems: Vec<_> = diags
                .iter()
                .map(|d| formats::json(d, &builder.sources))
                .collect();
            let document = serde_json::json!({
                "ok": !failed,
                "entries": entries,
                "errors": errors,
                "warnings": warnings,
                "diagnostics": problems,
            });
            let _ = writeln!(out, "{document:#}");
        }
        Format::Github => {
            for diagnostic in diags.iter() {
                let _ = writeln!(out, "{}", formats::github(diagnostic, &builder.sources));
            }
            let _ = writeln!(
                out,
                "wita check: {entries} entries, {errors} error{}, {warnings} warning{}",
                plural(errors),
                plural(warnings)
            );
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

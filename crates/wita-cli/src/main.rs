//! The `wita` command: a thin layer over the `wita` library.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand};
use wita::{BuildOptions, Builder, Renderer, Style};

/// Typesets the WITA journal's issues from their LaTeX sources, without TeX.
#[derive(Parser)]
#[command(name = "wita", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build an issue: the issue PDF, one PDF per article, the cover PNG and
    /// the website's metadata (what make.sh wrote).
    ///
    /// Example: wita build issue/2025/202508.tex
    #[command(
        after_help = "Examples:\n  wita build issue/2025/202508.tex\n  wita build issue/2025/202508.tex.d -o /tmp/202508.pdf\n  wita build ../journal/issue/0000/000000.tex -q --deny-warnings"
    )]
    Build(BuildArgs),
    /// Print the Typst that an article's main.tex becomes.
    ///
    /// Inside a journal, this is the article file exactly as `wita build`
    /// generates it; for a file elsewhere, the translated body.
    #[command(
        after_help = "Examples:\n  wita convert issue/2025/202508.tex.d/entry/001/main.tex\n  wita convert paper.tex -o paper.typ"
    )]
    Convert(ConvertArgs),
}

#[derive(Args)]
struct ConvertArgs {
    /// The LaTeX file (an entry's main.tex, or any .tex file).
    file: PathBuf,
    /// Write the Typst to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Args)]
struct BuildArgs {
    /// The issue's master file (issue/<Year>/<IssueID>.tex) or its .tex.d folder.
    issue: PathBuf,
    /// Write the issue PDF to FILE and nothing else (add --all for the rest).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// With -o: also write everything a plain build writes.
    #[arg(long, requires = "output")]
    all: bool,
    /// Print only problems.
    #[arg(short, long)]
    quiet: bool,
    /// Fail the build when there are warnings.
    #[arg(long)]
    deny_warnings: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => build(args),
        Command::Convert(args) => convert(args),
    }
}

fn convert(args: ConvertArgs) -> ExitCode {
    let builder = Builder::new();
    let mut diags = wita::Diagnostics::new();
    let typst = builder.convert(&args.file, &mut diags);
    let renderer = Renderer::new(&builder.sources, Style::Rich);
    for diagnostic in diags.iter() {
        renderer.eprint(diagnostic);
    }
    let Some(typst) = typst.filter(|_| !diags.has_errors()) else {
        eprintln!("error: {} cannot be converted", args.file.display());
        return ExitCode::FAILURE;
    };
    match &args.output {
        Some(path) => {
            if let Err(e) = std::fs::write(path, typst) {
                eprintln!("error: cannot write `{}`: {e}", path.display());
                return ExitCode::FAILURE;
            }
        }
        None => {
            let _ = std::io::stdout().lock().write_all(typst.as_bytes());
        }
    }
    ExitCode::SUCCESS
}

fn build(args: BuildArgs) -> ExitCode {
    let started = Instant::now();
    let mut builder = Builder::new();
    let options = BuildOptions {
        output: args.output.clone(),
        all: args.all,
    };
    let report = builder.build(&args.issue, &options);
    let renderer = Renderer::new(&builder.sources, Style::Rich);
    for diagnostic in report.diagnostics.iter() {
        renderer.eprint(diagnostic);
    }
    let errors = report.diagnostics.error_count();
    let warnings = report.diagnostics.warning_count();
    let failed = errors > 0 || (args.deny_warnings && warnings > 0);
    let mut out = std::io::stdout().lock();
    if !args.quiet && !failed {
        for article in &report.articles {
            let _ = writeln!(
                out,
                "  WITA.{}  {:<12} pages {:>3}-{:<3} {}",
                article.index, article.id, article.pages.0, article.pages.1, article.title
            );
        }
    }
    if failed {
        let what = if errors > 0 {
            format!("{errors} error{}", plural(errors))
        } else {
            format!("{warnings} warning{} (--deny-warnings)", plural(warnings))
        };
        eprintln!("error: build failed: {what}");
        return ExitCode::FAILURE;
    }
    if !args.quiet
        && let Some((path, pages)) = &report.pdf
    {
        let _ = writeln!(
            out,
            "wrote {} ({pages} pages, {} other files) in {:.2} s{}",
            path.display(),
            report.written.len().saturating_sub(1),
            started.elapsed().as_secs_f64(),
            if warnings > 0 {
                format!(", {warnings} warning{}", plural(warnings))
            } else {
                String::new()
            }
        );
    }
    ExitCode::SUCCESS
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

//! The `wita` command: a thin layer over the `wita` library.

mod batch;
mod check;
mod formats;
mod watch;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand};
use wita::{BuildOptions, BuildReport, Builder, BuilderOptions, Renderer, Style, Target, codes};

/// Typesets the WITA journal's issues from their LaTeX sources, without TeX.
#[derive(Parser)]
#[command(
    name = "wita",
    // `wita.exe` on Windows: the usage says what to type.
    bin_name = "wita",
    version,
    about,
    long_about = None,
    after_help = "Examples:\n  wita check issue/2025/202508.tex\n  wita build issue/2025/202508.tex\n  wita new issue/0000/000000.tex my-article\n  wita watch issue/0000/000000.tex.d/entry/my-article/\n\nRun `wita help <COMMAND>` for a command's options and examples."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// When to colour problems: auto (on a terminal that shows colour,
    /// unless NO_COLOR is set), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    color: ColorArg,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

/// `--color`, set once before any command runs.
static COLOR: std::sync::OnceLock<wita::Color> = std::sync::OnceLock::new();

/// A diagnostics renderer that colours as `--color` says.
pub(crate) fn renderer(sources: &wita::Sources, style: Style) -> Renderer<'_> {
    Renderer::new(sources, style).with_color(COLOR.get().copied().unwrap_or_default())
}

/// How `build` and `watch` print problems (`--format`), set once before
/// the command runs: the command's own problems print the same way.
static PROBLEM_FORMAT: std::sync::OnceLock<ProblemFormat> = std::sync::OnceLock::new();

/// Sets how the command's own problems print (once, before it runs).
pub(crate) fn set_problem_format(format: ProblemFormat) {
    let _ = PROBLEM_FORMAT.set(format);
}

/// A problem of the command itself (no source line to show), printed as
/// every other diagnostic is: one vocabulary, with its code, coloured as
/// `--color` says, one line with `--format short`.
pub(crate) fn command_problem(diagnostic: wita::Diagnostic) {
    let sources = wita::Sources::new();
    let format = PROBLEM_FORMAT
        .get()
        .copied()
        .unwrap_or(ProblemFormat::Human);
    let mut problems = wita::Diagnostics::new();
    problems.push(diagnostic);
    print_problems(&problems, &sources, format);
}

/// A command's closing line when it failed (`error: build failed: 2
/// errors`): the count of the problems above, not a problem of its own.
pub(crate) fn failure_summary(text: &str) {
    let sources = wita::Sources::new();
    renderer(&sources, Style::Rich).eprint_summary(wita::Severity::Error, text);
}

#[derive(Subcommand)]
enum Command {
    /// Build an issue, one article as a preprint, or every issue under a folder.
    ///
    /// An issue (its master file issue/<Year>/<IssueID>.tex or its .tex.d
    /// folder) gives what make.sh wrote: the issue PDF, one PDF per article,
    /// the cover PNG and the website's metadata. An entry folder
    /// (issue/<Y>/<ID>.tex.d/entry/<EntryID>/) gives that article alone in the
    /// preprint look, in workdir/preprint/Preprint.<ID>.<EntryID>.pdf. Any
    /// other folder (such as issue/) builds every issue under it, in parallel;
    /// one failing issue does not stop the others.
    #[command(
        after_help = "Examples:\n  wita build issue/2025/202508.tex\n  wita build issue/2025/202508.tex.d -o /tmp/202508.pdf\n  wita build issue/0000/000000.tex.d/entry/my-article/\n  wita build issue/\n  wita build ../journal/issue/0000/000000.tex -q --deny-warnings"
    )]
    Build(BuildArgs),
    /// Check issues or entries without laying out pages (fast; for editors,
    /// authors and CI).
    ///
    /// Checks info.toml (fields, types, id = folder, date, a redistributable
    /// licence), \setentryid and \stdarticle's date against it, that main.tex
    /// translates, every \cite key against cite.bib, every \input and
    /// \includegraphics target inside the entry, cite.bib itself, and the
    /// master file's \importarticle list against the entry folders and
    /// meta/toc.csv. Exits with 0 when there is no error, 1 otherwise.
    #[command(
        after_help = "Examples:\n  wita check issue/2025/202508.tex\n  wita check issue/0000/000000.tex.d/entry/my-article/\n  wita check issue/ --deny-warnings\n  wita check issue/2025/202508.tex --format github   # in GitHub Actions"
    )]
    Check(check::CheckArgs),
    /// Start a new entry in an issue: info.toml, main.tex and cite.bib to fill in.
    ///
    /// The ID becomes the entry's folder name: letters, digits, `-`, `_` and
    /// `.`. The files pass `wita check` and build as they are; add
    /// \importarticle{<ENTRY-ID>} to the master file to put the entry in the
    /// issue.
    #[command(
        after_help = "Examples:\n  wita new issue/0000/000000.tex my-article\n  wita build issue/0000/000000.tex.d/entry/my-article/   # its preprint"
    )]
    New(NewArgs),
    /// Rebuild an issue (or an entry's preprint) on every saved change.
    ///
    /// Keeps the compiler's memoized work between builds and translates
    /// again only the entries that changed; prints each rebuild's time and
    /// problems. Writes the issue PDF only (_dist/issue/<Y>/<ID>.pdf), or the
    /// preprint for an entry folder. Stop it with Ctrl-C.
    #[command(
        after_help = "Examples:\n  wita watch issue/2025/202508.tex\n  wita watch issue/0000/000000.tex.d/entry/my-article/"
    )]
    Watch(watch::WatchArgs),
    /// Print the Typst that an article's main.tex becomes.
    ///
    /// Inside a journal, this is the article file exactly as `wita build`
    /// generates it; for a file elsewhere, the translated body.
    /// `--list-commands` prints the LaTeX commands and environments wita
    /// translates instead.
    #[command(
        after_help = "Examples:\n  wita convert issue/2025/202508.tex.d/entry/001/main.tex\n  wita convert paper.tex -o paper.typ\n  wita convert --list-commands"
    )]
    Convert(ConvertArgs),
    /// Explain a problem's code: what it means, an example and the fix.
    ///
    /// Every problem wita reports carries a code (`warning[unknown-command]`,
    /// `"code"` in JSON). Without a code, lists them all.
    #[command(
        after_help = "Examples:\n  wita explain unknown-command\n  wita explain            # every code, one line each"
    )]
    Explain(ExplainArgs),
}

#[derive(Args)]
struct ExplainArgs {
    /// The code, as printed in brackets after `error` or `warning`.
    code: Option<String>,
}

#[derive(Args)]
struct ConvertArgs {
    /// The LaTeX file (an entry's main.tex, or any .tex file).
    #[arg(required_unless_present = "list_commands")]
    file: Option<PathBuf>,
    /// Write the Typst to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Print every command and environment wita translates, package by
    /// package, with its arguments (LaTeX3's notation: s a star, o an
    /// optional [..], m a mandatory {..}, d() an optional (..), v read as
    /// written) and what wita does with it.
    #[arg(long, conflicts_with_all = ["file", "output"])]
    list_commands: bool,
}

#[derive(Args)]
struct BuildArgs {
    /// An issue's master file (issue/<Year>/<IssueID>.tex) or .tex.d folder,
    /// an entry folder (a preprint), or a folder of issues (all of them).
    #[arg(value_name = "ISSUE|ENTRY|FOLDER")]
    issue: PathBuf,
    /// Write the issue PDF (or the preprint) to FILE and nothing else (add
    /// --all for the rest). With --html: the web pages alone, into the
    /// folder FILE.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Also write every article as a web page (HTML5, MathML), with the
    /// issue's index page, in _dist/html/issue/<Y>/<ID>/ (a preprint's
    /// beside its PDF).
    #[arg(long)]
    html: bool,
    /// With -o: also write everything a plain build writes.
    #[arg(long, requires = "output")]
    all: bool,
    /// Print only problems.
    #[arg(short, long)]
    quiet: bool,
    /// Fail the build when there are warnings.
    #[arg(long)]
    deny_warnings: bool,
    /// Make every PDF conform to these standards, by typst's names, combined
    /// with commas: a-2b, a-2u, a-3b, ua-1… (e.g. a-2b,ua-1). Overrides the
    /// journal's wita.toml. What does not conform is an error at its source.
    #[arg(long, value_name = "LIST", value_parser = parse_standards)]
    pdf_standard: Option<wita::Standards>,
    /// Record where the build's time goes: typst's own spans and wita's
    /// stages, as a trace in the Chrome trace format (open it in
    /// ui.perfetto.dev) written to FILE (default: wita-timings.json), and a
    /// line per stage on standard error.
    #[arg(
        long,
        value_name = "FILE",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "wita-timings.json"
    )]
    timings: Option<PathBuf>,
    /// How to print problems: human (rustc-style, with the source line) or
    /// short (one line each, `path:line:col: error|warning: message`, for
    /// editors' problem matchers).
    #[arg(long, value_enum, default_value_t = ProblemFormat::Human)]
    format: ProblemFormat,
    /// Write no SyncTeX file beside the PDFs (by default every PDF has its
    /// `<name>.synctex.gz`, for editors and viewers to go between the PDF
    /// and the LaTeX).
    #[arg(long)]
    no_synctex: bool,
}

/// How `build` and `watch` print problems.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ProblemFormat {
    /// rustc-style, with the source line.
    Human,
    /// One line each: `path:line:col: error|warning: message`.
    Short,
}

/// Prints problems on standard error as `format` says.
pub(crate) fn print_problems(
    diagnostics: &wita::Diagnostics,
    sources: &wita::Sources,
    format: ProblemFormat,
) {
    match format {
        ProblemFormat::Human => {
            let renderer = renderer(sources, Style::Rich);
            for diagnostic in diagnostics.iter() {
                renderer.eprint(diagnostic);
            }
        }
        ProblemFormat::Short => {
            let mut err = std::io::stderr().lock();
            for diagnostic in diagnostics.iter() {
                let _ = writeln!(err, "{}", formats::short(diagnostic, sources));
            }
        }
    }
}

fn parse_standards(list: &str) -> Result<wita::Standards, String> {
    wita::Standards::parse(list)
}

#[derive(Args)]
struct NewArgs {
    /// The issue to add the entry to (master file or .tex.d folder), e.g.
    /// issue/0000/000000.tex, the dummy issue authors submit to.
    issue: PathBuf,
    /// The new entry's ID, which is also its folder name.
    entry_id: String,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // An explicit `--color` wins over the environment; `auto` honours
    // NO_COLOR (no-color.org). The CLI is the one reader of the environment.
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let _ = COLOR.set(match cli.color {
        ColorArg::Auto if no_color => wita::Color::Never,
        ColorArg::Auto => wita::Color::Auto,
        ColorArg::Always => wita::Color::Always,
        ColorArg::Never => wita::Color::Never,
    });
    let options = environment();
    match cli.command {
        Command::Build(args) => build(args, &options),
        Command::Check(args) => check::run(args, &options),
        Command::New(args) => new(args, &options),
        Command::Watch(args) => watch::run(args, &options),
        Command::Convert(args) => convert(args, &options),
        Command::Explain(args) => explain(args),
    }
}

/// What the library takes from the environment. The CLI is the only reader
/// of environment variables (as typst's is): `SOURCE_DATE_EPOCH` fixes
/// today's date (reproducible builds), `WITA_DUMP_TYPST=<dir>` keeps each
/// build's generated Typst project there.
fn environment() -> BuilderOptions {
    BuilderOptions {
        source_date_epoch: std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|value| wita::today::parse_epoch(&value)),
        dump_typst: std::env::var_os("WITA_DUMP_TYPST").map(PathBuf::from),
        draft_pdf: false,
        one_shot: false,
    }
}

fn convert(args: ConvertArgs, options: &BuilderOptions) -> ExitCode {
    let Some(file) = args.file.filter(|_| !args.list_commands) else {
        let _ = std::io::stdout()
            .lock()
            .write_all(wita::command_table().as_bytes());
        return ExitCode::SUCCESS;
    };
    let mut builder = Builder::with_options(options.clone());
    let mut diags = wita::Diagnostics::new();
    let typst = builder.convert(&file, &mut diags);
    let renderer = renderer(&builder.sources, Style::Rich);
    for diagnostic in diags.iter() {
        renderer.eprint(diagnostic);
    }
    let Some(typst) = typst.filter(|_| !diags.has_errors()) else {
        failure_summary(&format!("{} cannot be converted", file.display()));
        return ExitCode::FAILURE;
    };
    match &args.output {
        Some(path) => {
            if let Err(e) = wita::write_whole(path, typst.as_bytes()) {
                command_problem(wita::Diagnostic::error(
                    codes::WRITE_FAILED,
                    format!("cannot write `{}`: {e}", path.display()),
                ));
                return ExitCode::FAILURE;
            }
        }
        None => {
            let _ = std::io::stdout().lock().write_all(typst.as_bytes());
        }
    }
    ExitCode::SUCCESS
}

fn explain(args: ExplainArgs) -> ExitCode {
    let mut out = std::io::stdout().lock();
    let Some(name) = args.code else {
        for info in codes::ALL {
            let _ = writeln!(out, "{:<24} {}", info.name, info.summary);
        }
        return ExitCode::SUCCESS;
    };
    // `warning[unknown-command]` or `[unknown-command]` pasted whole.
    let name = name
        .rsplit('[')
        .next()
        .unwrap_or(&name)
        .trim_end_matches(']')
        .to_owned();
    match wita::Code::find(&name) {
        Some(code) => {
            let _ = write!(out, "{}", code.info().text());
            ExitCode::SUCCESS
        }
        None => {
            let near: Vec<&str> = codes::ALL
                .iter()
                .map(|info| info.name)
                .filter(|n| {
                    name.split('-')
                        .any(|part| part.len() > 2 && n.contains(part))
                })
                .collect();
            let mut problem = wita::Diagnostic::error(
                codes::COMMAND_LINE,
                format!("`{name}` is not a code of wita's"),
            );
            problem = if near.is_empty() {
                problem.with_help("`wita explain` lists every code")
            } else {
                problem.with_help(format!("did you mean {}?", near.join(", ")))
            };
            command_problem(problem);
            ExitCode::FAILURE
        }
    }
}

fn new(args: NewArgs, options: &BuilderOptions) -> ExitCode {
    let today = wita::today::today_from_clock(options.source_date_epoch);
    match wita::scaffold::new_entry(&args.issue, &args.entry_id, today) {
        Ok(entry) => {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "created {}/", entry.dir.display());
            for file in &entry.files {
                let _ = writeln!(out, "  {}", file.display());
            }
            let _ = writeln!(
                out,
                "next: fill in info.toml and main.tex, then\n  wita check {dir}/\n  wita build {dir}/   (a preprint of the article)\nand add `{}` to the issue's master file to put it in the issue",
                entry.import_line,
                dir = entry.dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(diagnostic) => {
            let sources = wita::Sources::new();
            renderer(&sources, Style::Rich).eprint(&diagnostic);
            ExitCode::FAILURE
        }
    }
}

fn build(args: BuildArgs, options: &BuilderOptions) -> ExitCode {
    let started = Instant::now();
    set_problem_format(args.format);
    let target = Target::of(&args.issue);
    if let Target::Folder(folder) = &target {
        if args.output.is_some() {
            command_problem(
                wita::Diagnostic::error(
                    codes::COMMAND_LINE,
                    format!(
                        "`-o` needs a single issue, and `{}` is a folder of issues",
                        folder.display()
                    ),
                )
                .with_help("Usage: wita build <ISSUE> -o <FILE>"),
            );
            return ExitCode::from(2);
        }
        if args.timings.is_some() {
            command_problem(wita::Diagnostic::error(
                codes::COMMAND_LINE,
                format!(
                    "`--timings` traces a single build, and `{}` is a folder of issues",
                    folder.display()
                ),
            ));
            return ExitCode::from(2);
        }
        // Each issue with the standards and web pages asked for.
        let build = BuildOptions {
            standards: args.pdf_standard.clone(),
            html: args.html,
            synctex: !args.no_synctex,
            ..BuildOptions::default()
        };
        return batch::build_all(
            folder,
            args.quiet,
            args.deny_warnings,
            options,
            &build,
            args.format,
        );
    }
    if args.timings.is_some() {
        wita::timings::enable();
    }
    // One build, then the process ends: typst's memoized work can go once
    // the issue is laid out.
    let mut builder = Builder::with_options(BuilderOptions {
        one_shot: true,
        ..options.clone()
    });
    let build_options = BuildOptions {
        output: args.output.clone(),
        all: args.all,
        standards: args.pdf_standard.clone(),
        html: args.html,
        html_dir: None,
        synctex: !args.no_synctex,
    };
    let report = match &target {
        Target::Entry { master, id } => builder.build_preprint(master, id, &build_options),
        _ => builder.build(&args.issue, &build_options),
    };
    print_problems(&report.diagnostics, &builder.sources, args.format);
    if let Some(path) = &args.timings {
        eprint!("{}", wita::timings::summary(&report));
        let written = std::fs::File::create(path)
            .map_err(|e| e.to_string())
            .and_then(|file| {
                let mut file = std::io::BufWriter::new(file);
                builder.write_trace(&mut file)?;
                file.flush().map_err(|e| e.to_string())
            });
        match written {
            Ok(()) => eprintln!("timings: {}", path.display()),
            Err(e) => {
                command_problem(wita::Diagnostic::error(
                    codes::WRITE_FAILED,
                    format!("cannot write `{}`: {e}", path.display()),
                ));
                return ExitCode::FAILURE;
            }
        }
    }
    let outcome = Outcome::of(&report, args.deny_warnings);
    let mut out = std::io::stdout().lock();
    if !args.quiet && !outcome.failed() {
        for article in &report.articles {
            let _ = writeln!(
                out,
                "  WITA.{}  {:<12} pages {:>3}-{:<3} {}",
                article.index, article.id, article.pages.0, article.pages.1, article.title
            );
        }
    }
    if outcome.failed() {
        failure_summary(&format!("build failed: {}", outcome.describe()));
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
            outcome.warnings_suffix()
        );
    }
    if !args.quiet
        && let Some((dir, pages)) = &report.html
    {
        let _ = writeln!(
            out,
            "wrote {pages} web pages in {}{}",
            dir.display(),
            if report.pdf.is_none() {
                format!(" in {:.2} s", started.elapsed().as_secs_f64())
            } else {
                String::new()
            }
        );
    }
    ExitCode::SUCCESS
}

/// Whether a build or check failed, and how to say so.
pub(crate) struct Outcome {
    pub errors: usize,
    pub warnings: usize,
    pub deny_warnings: bool,
}

impl Outcome {
    pub fn of(report: &BuildReport, deny_warnings: bool) -> Self {
        Self {
            errors: report.diagnostics.error_count(),
            warnings: report.diagnostics.warning_count(),
            deny_warnings,
        }
    }

    pub fn failed(&self) -> bool {
        self.errors > 0 || (self.deny_warnings && self.warnings > 0)
    }

    /// "2 errors", "1 warning (--deny-warnings)".
    pub fn describe(&self) -> String {
        if self.errors > 0 {
            format!("{} error{}", self.errors, plural(self.errors))
        } else {
            format!(
                "{} warning{} (--deny-warnings)",
                self.warnings,
                plural(self.warnings)
            )
        }
    }

    /// ", 3 warnings" or nothing.
    pub fn warnings_suffix(&self) -> String {
        if self.warnings > 0 {
            format!(", {} warning{}", self.warnings, plural(self.warnings))
        } else {
            String::new()
        }
    }
}

/// A path as this platform writes it: the issues found under `issue/` are
/// `issue/2025\202508.tex` on Windows, printed `issue\2025\202508.tex`.
pub(crate) fn shown(path: &std::path::Path) -> String {
    wita::native_path(&path.to_string_lossy())
}

pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

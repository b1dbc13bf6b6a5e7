//! `wita build <folder>`: every issue under a folder (make.sh's `issue/`
//! target), in parallel over the cores. One failing issue does not stop the
//! others; the exit code says whether any failed.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};
use wita::{BuildOptions, Builder, BuilderOptions, Renderer, Style};

use crate::{Outcome, ProblemFormat};

/// What one issue's build came to, rendered in its worker (the diagnostics
/// refer to the worker's own source table).
struct Finished {
    issue: PathBuf,
    failed: bool,
    line: String,
    problems: String,
}

/// Builds every issue under `folder`, each with `build` (its standards,
/// its web pages).
pub fn build_all(
    folder: &Path,
    quiet: bool,
    deny_warnings: bool,
    options: &BuilderOptions,
    build: &BuildOptions,
    format: ProblemFormat,
) -> ExitCode {
    let started = Instant::now();
    let issues = wita::issues_under(folder);
    if issues.is_empty() {
        crate::command_problem(
            wita::Diagnostic::error(
                wita::codes::NOT_AN_ISSUE,
                format!("there is no issue under `{}`", folder.display()),
            )
            .with_help(
                "give an issue (`issue/<Year>/<IssueID>.tex`), an entry folder, or a folder that holds issues",
            ),
        );
        return ExitCode::FAILURE;
    }
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(issues.len());
    let next = AtomicUsize::new(0);
    let (sender, receiver) = mpsc::channel::<Finished>();

    // A bar on a terminal; plain lines for logs and CI.
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = ProgressBar::new(issues.len() as u64);
        bar.set_style(
            ProgressStyle::with_template("{bar:30} {pos}/{len} issues  {elapsed}  {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar.enable_steady_tick(Duration::from_millis(200));
        bar
    });

    let mut failures = Vec::new();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let sender = sender.clone();
            let (issues, next) = (&issues, &next);
            scope.spawn(move || {
                // Each worker keeps its builder: fonts and typst's memoized
                // work are shared by the issues it builds.
                let mut builder = Builder::with_options(options.clone());
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(issue) = issues.get(i) else { break };
                    let finished =
                        build_one(&mut builder, issue, deny_warnings, options, build, format);
                    if sender.send(finished).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        for finished in receiver {
            let line = (!quiet || finished.failed).then_some(finished.line.trim_end());
            if finished.failed {
                failures.push(finished.issue.clone());
            }
            match &bar {
                Some(bar) => {
                    let text = format!("{}{}", finished.problems, line.unwrap_or_default());
                    if !text.trim_end().is_empty() {
                        bar.println(text.trim_end());
                    }
                    bar.set_message(crate::shown(&finished.issue));
                    bar.inc(1);
                }
                None => {
                    eprint!("{}", finished.problems);
                    match line {
                        Some(line) if finished.failed => eprintln!("{line}"),
                        Some(line) => println!("{line}"),
                        None => {}
                    }
                }
            }
        }
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let built = issues.len() - failures.len();
    let summary = format!(
        "built {built} of {} issues in {:.2} s",
        issues.len(),
        started.elapsed().as_secs_f64()
    );
    if failures.is_empty() {
        if !quiet {
            println!("{summary}");
        }
        ExitCode::SUCCESS
    } else {
        crate::failure_summary(&format!("{summary}; failed:"));
        for issue in &failures {
            eprintln!("  {}", crate::shown(issue));
        }
        ExitCode::FAILURE
    }
}

fn build_one(
    builder: &mut Builder,
    issue: &Path,
    deny_warnings: bool,
    options: &BuilderOptions,
    build: &BuildOptions,
    format: ProblemFormat,
) -> Finished {
    let started = Instant::now();
    // A panic in one issue's build must not take the others down with it.
    let result =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| builder.build(issue, build)));
    let report = match result {
        Ok(report) => report,
        Err(_) => {
            *builder = Builder::with_options(options.clone());
            return Finished {
                issue: issue.to_path_buf(),
                failed: true,
                line: format!(
                    "{}: failed: wita crashed (please report this)\n",
                    crate::shown(issue)
                ),
                problems: String::new(),
            };
        }
    };
    let renderer = Renderer::new(&builder.sources, Style::Rich);
    let problems: String = report
        .diagnostics
        .iter()
        .map(|d| match format {
            ProblemFormat::Human => renderer.to_string(d),
            ProblemFormat::Short => crate::formats::short(d, &builder.sources) + "\n",
        })
        .collect();
    let outcome = Outcome::of(&report, deny_warnings);
    let line = if outcome.failed() {
        format!("{}: failed: {}\n", crate::shown(issue), outcome.describe())
    } else {
        let pages = report.pdf.as_ref().map_or(0, |(_, pages)| *pages);
        format!(
            "{}: {} articles, {pages} pages in {:.2} s{}\n",
            crate::shown(issue),
            report.articles.len(),
            started.elapsed().as_secs_f64(),
            outcome.warnings_suffix()
        )
    };
    Finished {
        issue: issue.to_path_buf(),
        failed: outcome.failed(),
        line,
        problems,
    }
}

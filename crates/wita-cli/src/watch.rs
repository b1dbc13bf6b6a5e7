//! `wita watch`: rebuild on every saved change.
//!
//! One [`Builder`] lives for the whole session, so typst's memoized work
//! (comemo), the loaded fonts and the translations of unchanged entries are
//! reused: a rebuild after a change in one entry translates that entry and
//! lays out again only what changed.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime};

use clap::Args;
use notify_debouncer_mini::notify::RecursiveMode;
use notify_debouncer_mini::{DebounceEventResult, new_debouncer};
use wita::{BuildOptions, BuildReport, Builder, BuilderOptions, Target, journal};

use crate::{Outcome, ProblemFormat};

#[derive(Args)]
pub struct WatchArgs {
    /// The issue (master file or .tex.d folder), or an entry folder for its
    /// preprint.
    #[arg(value_name = "ISSUE|ENTRY")]
    issue: PathBuf,
    /// Write the PDF to FILE instead of _dist/issue/<Y>/<ID>.pdf (or the
    /// preprint's place).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Also write the web pages on every rebuild, at their place in the
    /// journal (_dist/html/issue/<Y>/<ID>/; a preprint's beside its PDF),
    /// without the links to PDFs that a watch does not write.
    #[arg(long)]
    html: bool,
    /// How long to wait after a change for more changes (an editor's save
    /// can be several writes), in milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 30)]
    debounce: u64,
    /// How to print problems: human (rustc-style, with the source line) or
    /// short (one line each, `path:line:col: error|warning: message`, for
    /// editors' problem matchers).
    #[arg(long, value_enum, default_value_t = ProblemFormat::Human)]
    format: ProblemFormat,
    /// Write no SyncTeX file beside the PDF.
    #[arg(long)]
    no_synctex: bool,
}

/// What is being watched and rebuilt.
struct Session {
    target: Target,
    master: PathBuf,
    output: Option<PathBuf>,
    /// `--html`: the web pages' folder (as the user spells the journal).
    html_dir: Option<PathBuf>,
    format: ProblemFormat,
    synctex: bool,
    /// What the builds write, canonical, when it is in a watched folder
    /// (`-o main.pdf` beside the LaTeX): never a change to react to.
    outputs: Vec<PathBuf>,
    /// Canonical paths whose changes matter.
    master_real: PathBuf,
    /// The journal root (canonical).
    root: PathBuf,
    watched: Vec<PathBuf>,
}

pub fn run(args: WatchArgs, options: &BuilderOptions) -> ExitCode {
    crate::set_problem_format(args.format);
    let target = Target::of(&args.issue);
    let master = match &target {
        Target::Issue(path) => journal::master_file(path),
        Target::Entry { master, .. } => master.clone(),
        Target::Folder(folder) => {
            crate::command_problem(
                wita::Diagnostic::error(
                    wita::codes::COMMAND_LINE,
                    format!(
                        "`{}` is a folder of issues; watch one issue or one entry",
                        folder.display()
                    ),
                )
                .with_help("Usage: wita watch <ISSUE|ENTRY>, for example: wita watch issue/2025/202508.tex"),
            );
            return ExitCode::from(2);
        }
    };
    let Ok(location) = journal::locate(&master) else {
        crate::command_problem(
            wita::Diagnostic::error(
                wita::codes::NOT_AN_ISSUE,
                format!("`{}` is not an issue of a journal", args.issue.display()),
            )
            .with_help(
                "give the issue's master file or its folder, e.g. `wita watch issue/2025/202508.tex`",
            ),
        );
        return ExitCode::FAILURE;
    };
    let root = location.journal.root();
    let master_real = root.join(location.master_path());
    let mut watched = vec![root.join(location.issue_dir())];
    let wordmark_dir = Path::new(journal::WORDMARK)
        .parent()
        .unwrap_or(Path::new(""));
    for extra in [Path::new(journal::TEMPLATE_DIR), wordmark_dir] {
        let dir = root.join(extra);
        if dir.is_dir() {
            watched.push(dir);
        }
    }
    let output = args.output.clone().or_else(|| match &target {
        // The issue PDF alone: what a reader of the draft looks at, and fast.
        Target::Issue(_) => Some(PathBuf::from(
            location.journal.display(&location.issue_pdf()),
        )),
        _ => None,
    });
    let html_dir = args.html.then(|| {
        let dir = match &target {
            Target::Entry { .. } => location.preprint_dir(),
            _ => location.html_dir(),
        };
        PathBuf::from(location.journal.display(&dir))
    });
    let outputs = output
        .iter()
        .flat_map(|pdf| [pdf.clone(), pdf.with_extension("synctex.gz")])
        .map(|path| real_path(&path))
        .collect();
    let session = Session {
        target,
        master,
        output,
        html_dir,
        format: args.format,
        synctex: !args.no_synctex,
        outputs,
        master_real,
        root: root.to_path_buf(),
        watched,
    };

    let (sender, events) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = match new_debouncer(Duration::from_millis(args.debounce), sender) {
        Ok(debouncer) => debouncer,
        Err(e) => {
            crate::command_problem(wita::Diagnostic::error(
                wita::codes::FILE_WATCH,
                format!("cannot watch files: {e}"),
            ));
            return ExitCode::FAILURE;
        }
    };
    // The master file's folder holds other issues' files too: watch it flat
    // and keep only the master file's events.
    let year_dir = session.master_real.parent().unwrap_or(Path::new("/"));
    let mut to_watch = vec![(year_dir.to_path_buf(), RecursiveMode::NonRecursive)];
    to_watch.extend(
        session
            .watched
            .iter()
            .filter(|d| d.is_dir())
            .map(|d| (d.clone(), RecursiveMode::Recursive)),
    );
    for (dir, mode) in &to_watch {
        if let Err(e) = debouncer.watcher().watch(dir, *mode) {
            crate::command_problem(wita::Diagnostic::error(
                wita::codes::FILE_WATCH,
                format!("cannot watch `{}`: {e}", dir.display()),
            ));
            return ExitCode::FAILURE;
        }
    }
    // Watching first, then the snapshot, then the first build: a change
    // saved at any time after the snapshot differs from it and comes with
    // an event (the build's own reads come with events too, and differ in
    // nothing).
    let mut last = session.snapshot();
    // A preview: the PDF as typst exports it, not rewritten lean.
    let mut builder = Builder::with_options(BuilderOptions {
        draft_pdf: true,
        ..options.clone()
    });
    print_build(&session, &mut builder, "built", &[]);
    println!(
        "watching {} for changes (Ctrl-C to stop)",
        session.master.display()
    );
    let _ = std::io::stdout().flush();

    for result in events {
        match result {
            Ok(events) if events.iter().any(|e| session.matters(&e.path)) => {}
            Ok(_) => continue,
            Err(e) => {
                crate::command_problem(wita::Diagnostic::warning(
                    wita::codes::FILE_WATCH,
                    format!("watching files: {e}"),
                ));
                continue;
            }
        }
        // File events include reads (a build opening the sources), which the
        // debouncer does not tell apart from writes: what changed is what
        // differs from the last snapshot.
        let now = session.snapshot();
        let mut changed: Vec<PathBuf> = now
            .iter()
            .filter(|(path, stamp)| last.get(*path) != Some(*stamp))
            .map(|(path, _)| path.clone())
            .chain(last.keys().filter(|p| !now.contains_key(*p)).cloned())
            .collect();
        changed.sort();
        last = now;
        if changed.is_empty() {
            continue;
        }
        print_build(&session, &mut builder, "rebuilt", &changed);
    }
    ExitCode::SUCCESS
}

impl Session {
    /// Whether a changed path should cause a rebuild: the master file, or a
    /// file of the issue, the journal's templates or its wordmark, but never
    /// what a build writes (`meta/dist.*`, `meta/map.toml`, `_dist/`,
    /// `workdir/`) nor an editor's scratch files.
    fn matters(&self, path: &Path) -> bool {
        if path == self.master_real {
            return true;
        }
        if self.outputs.iter().any(|o| o == path) {
            return false;
        }
        let Some(base) = self.watched.iter().find(|d| path.starts_with(d)) else {
            return false;
        };
        let rel = path.strip_prefix(base).unwrap_or(path);
        let hidden = rel.components().any(|c| match c {
            Component::Normal(n) => n.to_string_lossy().starts_with('.'),
            _ => false,
        });
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let scratch = name.ends_with('~')
            || name.ends_with(".swp")
            || name.ends_with(".swx")
            || name.ends_with(".tmp")
            || name == "4913";
        !(hidden || scratch || journal::is_build_output(rel))
    }

    /// The size and modification time of every file that matters.
    fn snapshot(&self) -> HashMap<PathBuf, (u64, Option<SystemTime>)> {
        fn walk(
            session: &Session,
            dir: &Path,
            out: &mut HashMap<PathBuf, (u64, Option<SystemTime>)>,
        ) {
            let Ok(read) = std::fs::read_dir(dir) else {
                return;
            };
            for entry in read.flatten() {
                let path = entry.path();
                let Ok(meta) = entry.metadata() else { continue };
                if meta.is_dir() {
                    walk(session, &path, out);
                } else if session.matters(&path) {
                    out.insert(path, (meta.len(), meta.modified().ok()));
                }
            }
        }
        let mut out = HashMap::new();
        if let Ok(meta) = std::fs::metadata(&self.master_real) {
            out.insert(self.master_real.clone(), (meta.len(), meta.modified().ok()));
        }
        for dir in &self.watched {
            walk(self, dir, &mut out);
        }
        out
    }

    fn build(&self, builder: &mut Builder) -> BuildReport {
        let options = BuildOptions {
            output: self.output.clone(),
            html: self.html_dir.is_some(),
            html_dir: self.html_dir.clone(),
            synctex: self.synctex,
            ..BuildOptions::default()
        };
        match &self.target {
            Target::Entry { master, id } => builder.build_preprint(master, id, &options),
            _ => builder.build(&self.master, &options),
        }
    }
}

fn print_build(session: &Session, builder: &mut Builder, verb: &str, changed: &[PathBuf]) {
    let started = Instant::now();
    let report = session.build(builder);
    let took = started.elapsed();
    crate::print_problems(&report.diagnostics, &builder.sources, session.format);
    let outcome = Outcome::of(&report, false);
    let mut out = std::io::stdout().lock();
    let what = match changed {
        [] => String::new(),
        [one] => format!(" after a change to {}", shown(one, &session.root)),
        many => format!(" after {} changes", many.len()),
    };
    if outcome.failed() {
        let _ = writeln!(
            out,
            "{verb}{what}: failed in {} ms: {} (the last good PDF is kept)",
            took.as_millis(),
            outcome.describe()
        );
    } else if let Some((path, pages)) = &report.pdf {
        let translated = if report.translated.is_empty() {
            "no entry translated".to_owned()
        } else {
            format!("translated {}", report.translated.join(", "))
        };
        let pages_too = match &report.html {
            Some((dir, count)) => format!(
                " and {count} web page{} in {}",
                if *count == 1 { "" } else { "s" },
                dir.display()
            ),
            None => String::new(),
        };
        let _ = writeln!(
            out,
            "{verb}{what} in {} ms ({translated}): {} ({pages} pages){pages_too}{}",
            took.as_millis(),
            path.display(),
            outcome.warnings_suffix()
        );
    }
    let _ = out.flush();
}

/// A changed file's path, relative to the journal root when it is inside.
fn shown(path: &Path, root: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// A path as the file watcher reports it: its folder's real path (the file
/// itself may not be written yet), else the path made absolute.
fn real_path(path: &Path) -> PathBuf {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
    match (
        folder.map_or(Path::new(".").canonicalize(), |f| f.canonicalize()),
        path.file_name(),
    ) {
        (Ok(folder), Some(name)) => folder.join(name),
        _ => std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(root: &Path) -> Session {
        let master_real = root.join("issue/2025/202501.tex");
        Session {
            target: Target::Issue(master_real.clone()),
            master: master_real.clone(),
            output: None,
            html_dir: None,
            format: ProblemFormat::Human,
            synctex: true,
            outputs: vec![
                root.join("issue/2025/202501.tex.d/entry/e1/main.pdf"),
                root.join("issue/2025/202501.tex.d/entry/e1/main.synctex.gz"),
            ],
            watched: vec![
                root.join("issue/2025/202501.tex.d"),
                root.join("texlib/wita"),
            ],
            master_real,
            root: root.to_path_buf(),
        }
    }

    #[test]
    fn only_sources_matter() {
        let root = Path::new("/j");
        let s = session(root);
        for path in [
            "issue/2025/202501.tex",
            "issue/2025/202501.tex.d/entry/e1/main.tex",
            "issue/2025/202501.tex.d/entry/e1/parts/list.tex",
            "issue/2025/202501.tex.d/meta/toc.csv",
            "texlib/wita/issue.typ",
        ] {
            assert!(s.matters(&root.join(path)), "{path}");
        }
        for path in [
            "issue/2025/202502.tex",
            "issue/2025/202501.tex.d/meta/dist.toml",
            "issue/2025/202501.tex.d/meta/dist.json",
            "issue/2025/202501.tex.d/meta/map.toml",
            "issue/2025/202501.tex.d/entry/e1/.main.tex.swp",
            "issue/2025/202501.tex.d/entry/e1/main.tex~",
            "issue/2025/202501.tex.d/entry/e1/4913",
            "_dist/issue/2025/202501.pdf",
            "workdir/preprint/Preprint.202501.e1.pdf",
            // `-o` beside the LaTeX, and its SyncTeX.
            "issue/2025/202501.tex.d/entry/e1/main.pdf",
            "issue/2025/202501.tex.d/entry/e1/main.synctex.gz",
        ] {
            assert!(!s.matters(&root.join(path)), "{path}");
        }
    }
}

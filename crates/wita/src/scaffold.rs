//! `wita new`: a new entry's folder, ready to fill in.

use std::path::{Path, PathBuf};

use wita_diag::Diagnostic;
use wita_diag::codes;
use wita_journal::locate;

use crate::today::iso_date;

/// Whether `id` may name an entry folder: it becomes part of file names
/// (`WITA.<ID>.<n>.pdf`, `Preprint.<ID>.<EntryID>.pdf`), of LaTeX arguments
/// and of URLs on the journal's website, so it is kept to ASCII letters,
/// digits, `-`, `_` and `.`, starting with a letter or a digit.
pub fn check_entry_id(id: &str) -> Result<(), String> {
    if id.is_empty() {
        return Err("it is empty".into());
    }
    if id.len() > 64 {
        return Err("it is longer than 64 characters".into());
    }
    if !id.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return Err("it must start with a letter or a digit".into());
    }
    if let Some(c) = id
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
    {
        return Err(format!(
            "`{c}` is not allowed (use letters, digits, `-`, `_` and `.`)"
        ));
    }
    Ok(())
}

/// What `wita new` created.
#[derive(Debug)]
pub struct NewEntry {
    /// The entry folder, as the user's path to the issue spells it.
    pub dir: PathBuf,
    pub files: Vec<PathBuf>,
    /// The line to add to the master file to put the entry in the issue.
    pub import_line: String,
}

/// Creates `entry/<id>/` in the issue `issue` (master file or `.tex.d`) with
/// an info.toml dated `today` (see [`today_from_clock`]), a main.tex that
/// opens the way the journal requires and shows the common constructs, and a
/// cite.bib with one work.
///
/// [`today_from_clock`]: crate::today::today_from_clock
pub fn new_entry(
    issue: &Path,
    id: &str,
    today: (i32, u8, u8),
) -> Result<NewEntry, Box<Diagnostic>> {
    check_entry_id(id).map_err(|why| {
        Box::new(
            Diagnostic::error(
                codes::NEW_ENTRY,
                format!("`{id}` cannot be an entry's ID: {why}"),
            )
            .with_help("an entry ID is a folder name such as `attention-sinks` or `042`"),
        )
    })?;
    let location = locate(issue)?;
    let journal = &location.journal;
    let rel = location.entry_dir(id);
    let dir = journal.root().join(&rel);
    if dir.exists() {
        return Err(Box::new(
            Diagnostic::error(
                codes::NEW_ENTRY,
                format!("the entry `{}` already exists", journal.display(&rel)),
            )
            .with_help("choose another ID, or edit the existing entry"),
        ));
    }
    let date = iso_date(today);
    let files = [
        ("info.toml", info_toml(id, &date)),
        ("main.tex", main_tex(id, &date)),
        ("cite.bib", CITE_BIB.to_owned()),
    ];
    let created = |e: std::io::Error, what: &str| {
        Box::new(Diagnostic::error(
            codes::WRITE_FAILED,
            format!("cannot create `{what}`: {e}"),
        ))
    };
    std::fs::create_dir_all(&dir).map_err(|e| created(e, &journal.display(&rel)))?;
    let mut written = Vec::new();
    for (name, text) in files {
        let file_rel = format!("{rel}/{name}");
        std::fs::write(dir.join(name), text)
            .map_err(|e| created(e, &journal.display(&file_rel)))?;
        written.push(PathBuf::from(journal.display(&file_rel)));
    }
    Ok(NewEntry {
        dir: PathBuf::from(journal.display(&rel)),
        files: written,
        import_line: format!("\\importarticle{{{id}}}"),
    })
}

fn info_toml(id: &str, date: &str) -> String {
    format!(
        r#"[[article]]

id = "{id}"                       # the entry's folder name; do not change
title = "The Title of Your Article"
authors = ["Your Name (Your Institution)"]
authors_simple = "Name, Y."
email = "you@example.org"         # optional; delete the line to leave it out
date = "{date}"                   # YYYY-MM-DD; keep it equal to \stdarticle's date in main.tex
license = "CC BY 4.0"             # e.g. "CC BY 4.0", "CC BY-ND 4.0", "Public Domain"
abstract = """
One paragraph that says what the article is about (the journal's website
shows it).
"""
"#
    )
}

fn main_tex(id: &str, date: &str) -> String {
    format!(
        r#"\setentryid{{{id}}}
\setprimarytag{{Research Article}}
\stdarticle{{The Title of Your Article}}{{%
	\authorrow{{Your Name}}{{(Your Institution)}}%
}}{{{date}}}

\articlecopyrightinfo{{CC BY 4.0}}

% Everything above opens every article of the journal: the entry's ID, the
% category shown in the header, the title block and the licence box. Keep the
% date and the licence equal to info.toml's.

\section*{{Abstract}}
Say in a paragraph what the article does and what it finds.

\section{{Introduction}}
Paragraphs are separated by a blank line. Text can be \textbf{{bold}},
\emph{{emphasised}} or \texttt{{monospaced}}; links are written
\href{{https://example.org}}{{like this}} or as a bare \url{{https://example.org}}.
A work in this entry's \texttt{{cite.bib}} is cited by its key~\cite{{example2024}}.

\subsection{{Lists}}
\begin{{itemize}}
	\item A point.
	\item Another point.
\end{{itemize}}
\begin{{enumerate}}
	\item A first step.
	\item A second step.
\end{{enumerate}}

\section{{Tables and code}}
\begin{{table}}[htbp]
	\centering
	\caption{{A small table}}
	\begin{{tabular}}{{ll}}
		\toprule
		\textbf{{Name}} & \textbf{{Value}} \\
		\midrule
		alpha & 1 \\
		beta  & 2 \\
		\bottomrule
	\end{{tabular}}
\end{{table}}

\begin{{lstlisting}}
# Code keeps its spacing and prints as written.
wita check issue/0000/000000.tex.d/entry/{id}/
\end{{lstlisting}}

\printbibliography
"#
    )
}

const CITE_BIB: &str = r#"% The works the article cites, in BibLaTeX's format; cite them by key
% (\cite{example2024}). Only the works the article cites are printed.

@online{example2024,
  author = {Example, Ada},
  title = {An Example Web Page},
  year = {2024},
  url = {https://example.org/},
  urldate = {2024-01-31},
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_ids() {
        for good in ["001", "news", "attention-sinks", "a_b.c"] {
            assert!(check_entry_id(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            ".hidden",
            "-x",
            "a/b",
            "a b",
            "..",
            "über",
            &"x".repeat(65),
        ] {
            assert!(check_entry_id(bad).is_err(), "{bad}");
        }
    }
}

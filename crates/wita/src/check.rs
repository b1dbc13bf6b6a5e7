//! `wita check`: everything that can be known about an issue or an entry
//! without laying out pages.

use std::path::Path;

use wita_assemble::{ArticleInput, Templates, assemble_issue};
use wita_diag::{Diagnostic, Diagnostics};
use wita_doc::Article;
use wita_journal::{Issue, check_issue_files, check_licence, load_entry_as_issue, locate};

use crate::Builder;
use crate::target::{Target, issues_under};

impl Builder {
    /// Checks what `path` names (an issue, an entry, or every issue under a
    /// folder): info.toml, the journal's macros against it, the translation of
    /// main.tex and the Typst written from it, citations against cite.bib,
    /// `\input`/`\includegraphics` targets, the master file's imports against
    /// the entry folders and toc.csv. Returns the number of entries checked.
    pub fn check(&self, path: &Path, diags: &mut Diagnostics) -> usize {
        match Target::of(path) {
            Target::Issue(master) => self.check_issue(&master, diags),
            Target::Entry { master, id } => self.check_entry(&master, &id, diags),
            Target::Folder(folder) => {
                let issues = issues_under(&folder);
                if issues.is_empty() {
                    diags.push(
                        Diagnostic::error(format!(
                            "there is no issue under `{}`",
                            folder.display()
                        ))
                        .with_help("give an issue (`issue/<Year>/<IssueID>.tex`), an entry folder, or a folder that holds issues"),
                    );
                }
                issues.iter().map(|m| self.check_issue(m, diags)).sum()
            }
        }
    }

    fn check_issue(&self, master: &Path, diags: &mut Diagnostics) -> usize {
        let Some((issue, articles)) = self.read_and_translate(master, diags) else {
            return 0;
        };
        check_issue_files(&issue, diags);
        self.check_translated(&issue, &articles, diags);
        issue.entries.len()
    }

    fn check_entry(&self, master: &Path, id: &str, diags: &mut Diagnostics) -> usize {
        let location = match locate(master) {
            Ok(location) => location,
            Err(e) => {
                diags.push(*e);
                return 0;
            }
        };
        let Some(issue) = load_entry_as_issue(location, id, &self.sources, diags) else {
            return 0;
        };
        let (articles, _) = self.translate(&issue, diags);
        self.check_translated(&issue, &articles, diags);
        1
    }

    /// The licences, and the Typst writer's problems (assembling the project
    /// is cheap; laying it out is what `check` leaves to `build`).
    fn check_translated(&self, issue: &Issue, articles: &[Article], diags: &mut Diagnostics) {
        for entry in &issue.entries {
            check_licence(entry, diags);
        }
        let templates = Templates::for_journal(&issue.location.journal);
        let inputs: Vec<ArticleInput> = issue
            .entries
            .iter()
            .zip(articles)
            .map(|(entry, article)| ArticleInput { entry, article })
            .collect();
        let _ = assemble_issue(issue, &inputs, &templates, diags);
        diags.dedup();
    }
}

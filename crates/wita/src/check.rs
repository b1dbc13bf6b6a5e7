//! `wita check`: everything that can be known about an issue or an entry
//! without laying out pages.

use std::path::Path;

use wita_diag::codes;
use wita_diag::{Diagnostic, Diagnostics};

use crate::build::{BuildReport, Builder};
use crate::pipeline::{Scope, Until};
use crate::target::{Target, issues_under};

impl Builder {
    /// Checks what `path` names (an issue, an entry, or every issue under a
    /// folder): info.toml, the journal's macros against it, the translation of
    /// main.tex and the Typst written from it, citations against cite.bib,
    /// `\input`/`\includegraphics` targets, the master file's imports against
    /// the entry folders and toc.csv. Returns the number of entries checked.
    pub fn check(&mut self, path: &Path, diags: &mut Diagnostics) -> usize {
        match Target::of(path) {
            Target::Issue(master) => self.check_run(&master, Scope::Issue, diags),
            Target::Entry { master, id } => self.check_run(&master, Scope::Entry(&id), diags),
            Target::Folder(folder) => {
                let issues = issues_under(&folder);
                if issues.is_empty() {
                    diags.push(
                        Diagnostic::error(codes::NOT_AN_ISSUE, format!(
                            "there is no issue under `{}`",
                            folder.display()
                        ))
                        .with_help("give an issue (`issue/<Year>/<IssueID>.tex`), an entry folder, or a folder that holds issues"),
                    );
                }
                issues
                    .iter()
                    .map(|m| self.check_run(m, Scope::Issue, diags))
                    .sum()
            }
        }
    }

    /// The pipeline up to the Typst project (assembling it is cheap; laying
    /// it out is what `check` leaves to `build`), with the checks of the
    /// issue's files and licences.
    fn check_run(&mut self, master: &Path, scope: Scope, diags: &mut Diagnostics) -> usize {
        let mut report = BuildReport::default();
        let run = self.run(master, scope, Until::Checked, None, &mut report);
        diags.extend(report.diagnostics.into_vec());
        run.map_or(0, |run| run.issue.entries.len())
    }
}

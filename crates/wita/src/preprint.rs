//! Single-article preprints (spec §3): `wita build <entry folder>` builds one
//! article alone in the preprint look, as make.sh did for authors checking
//! their entry.

use std::path::{Path, PathBuf};
use std::time::Instant;

use wita_assemble::{ArticleInput, Templates, assemble_preprint};
use wita_diag::Diagnostic;
use wita_journal::{load_entry_as_issue, locate};

use crate::build::{ArticleReport, BuildReport, Builder, Stage, write_file};

impl Builder {
    /// Builds the entry `id` of the issue whose master file is `master` as a
    /// preprint, to `output` or else `workdir/preprint/Preprint.<ID>.<EntryID>.pdf`
    /// under the journal root. The entry need not be imported by the issue yet.
    pub fn build_preprint(
        &mut self,
        master: &Path,
        id: &str,
        output: Option<&Path>,
    ) -> BuildReport {
        let mut report = BuildReport::default();
        let started = Instant::now();
        let location = match locate(master) {
            Ok(location) => location,
            Err(e) => {
                report.diagnostics.push(*e);
                return report;
            }
        };
        let issue = load_entry_as_issue(location, id, &self.sources, &mut report.diagnostics);
        report.timings.push((Stage::Read, started.elapsed()));
        let Some(issue) = issue else {
            return report;
        };

        let started = Instant::now();
        let (articles, translated) = self.translate(&issue, &mut report.diagnostics);
        report.translated = translated;
        report.timings.push((Stage::Translate, started.elapsed()));
        if report.diagnostics.has_errors() {
            return report;
        }

        let started = Instant::now();
        let templates = Templates::for_journal(&issue.location.journal);
        let (entry, article) = (&issue.entries[0], &articles[0]);
        let project = assemble_preprint(
            &issue,
            ArticleInput { entry, article },
            &templates,
            &mut report.diagnostics,
        );
        report.timings.push((Stage::Assemble, started.elapsed()));

        let started = Instant::now();
        let root = issue.location.journal.root().to_path_buf();
        let today = crate::build::issue_date(&issue.location.id);
        let output_doc = self.compile(&root, &today, &project);
        report.diagnostics.extend(output_doc.diagnostics);
        report.timings.push((Stage::Compile, started.elapsed()));
        let Some(document) = output_doc.document else {
            return report;
        };
        let pages = document.pages().len();
        report.articles.push(ArticleReport {
            index: 1,
            id: entry.id.clone(),
            title: entry.info.title.clone(),
            pages: (1, pages),
            warnings: report.diagnostics.warning_count(),
        });

        let started = Instant::now();
        let loc = &issue.location;
        let ident = format!("wita/{}/{}/preprint/{}", loc.year, loc.id, entry.id);
        match wita_output::issue_pdf(&document, &ident) {
            Ok(pdf) => {
                let rel = format!("workdir/preprint/Preprint.{}.{}.pdf", loc.id, entry.id);
                let (path, shown) = match output {
                    Some(out) => (out.to_path_buf(), out.to_path_buf()),
                    None => (root.join(&rel), PathBuf::from(loc.journal.display(&rel))),
                };
                if write_file(path, shown.clone(), &pdf, &mut report) {
                    report.pdf = Some((shown, pages));
                }
            }
            Err(e) => report
                .diagnostics
                .push(Diagnostic::error(format!("PDF export failed: {e}"))),
        }
        report.timings.push((Stage::Write, started.elapsed()));
        report
    }
}

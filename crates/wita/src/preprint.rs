//! Single-article preprints: `wita build <entry folder>` builds one article
//! alone in the preprint look, as make.sh did for authors checking their
//! entry.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::Standards;
use crate::build::{ArticleReport, BuildReport, Builder, Stage, write_file};
use crate::pipeline::{Scope, Until};

impl Builder {
    /// Builds the entry `id` of the issue whose master file is `master` as a
    /// preprint, to `output` or else `workdir/preprint/Preprint.<ID>.<EntryID>.pdf`
    /// under the journal root. The entry need not be imported by the issue yet.
    pub fn build_preprint(
        &mut self,
        master: &Path,
        id: &str,
        output: Option<&Path>,
        standards: Option<Standards>,
    ) -> BuildReport {
        let mut report = BuildReport::default();
        let Some(run) = self.run(
            master,
            Scope::Entry(id),
            Until::Compiled,
            standards.as_ref(),
            &mut report,
        ) else {
            return report;
        };
        let Some(document) = run.document else {
            return report;
        };
        let Some(entry) = run.issue.entries.first() else {
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

        let standards = run.standards.clone().dated(self.issue_today(&run.issue));
        let started = Instant::now();
        let loc = &run.issue.location;
        let ident = format!("{}/preprint/{}", loc.pdf_ident(), entry.id);
        let (pdf, took) = Stage::IssuePdf.time(|| {
            if self.options.draft_pdf {
                wita_output::issue_pdf_draft(&document, &ident, &standards)
            } else {
                wita_output::issue_pdf(&document, &ident, &standards)
            }
        });
        report.timings.push((Stage::IssuePdf, took));
        match pdf {
            Ok(pdf) => {
                let rel = loc.preprint_pdf(&entry.id);
                let (path, shown) = match output {
                    Some(out) => (out.to_path_buf(), out.to_path_buf()),
                    None => (
                        loc.journal.root().join(&rel),
                        PathBuf::from(loc.journal.display(&rel)),
                    ),
                };
                if write_file(path, shown.clone(), &pdf, &mut report) {
                    report.pdf = Some((shown, pages));
                }
            }
            Err(e) => {
                let compiler = self.compilers.get(loc.journal.root());
                let problems = crate::build::export_problems(compiler, &e, "the preprint");
                report.diagnostics.extend(problems);
            }
        }
        report.timings.push((Stage::Write, started.elapsed()));
        report
    }
}

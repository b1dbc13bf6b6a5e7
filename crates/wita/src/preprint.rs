//! Single-article preprints: `wita build <entry folder>` builds one article
//! alone in the preprint look, as make.sh did for authors checking their
//! entry.

use std::path::{Path, PathBuf};
use std::time::Instant;

use wita_assemble::Look;

use crate::build::{ArticleReport, BuildOptions, BuildReport, Builder, Stage, write_file};
use crate::edition::write_edition;
use crate::pipeline::Scope;
use crate::synctex::beside;

impl Builder {
    /// Builds the entry `id` of the issue whose master file is `master` as a
    /// preprint, to `output` or else `workdir/preprint/Preprint.<ID>.<EntryID>.pdf`
    /// under the journal root. The entry need not be imported by the issue yet.
    pub fn build_preprint(
        &mut self,
        master: &Path,
        id: &str,
        options: &BuildOptions,
    ) -> BuildReport {
        let mut report = BuildReport::default();
        if !options.writes_pdfs() {
            self.build_edition_only(master, Scope::Entry(id), options, &mut report);
            return report;
        }
        let pdf_options = options.for_pdfs();
        let output = pdf_options.output.as_deref();
        let standards = pdf_options.standards;
        let Some(mut run) = self.run(
            master,
            Scope::Entry(id),
            options.until(),
            standards.as_ref(),
            &mut report,
        ) else {
            return report;
        };
        let Some(document) = run.document.take() else {
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
        let compiler = self.compilers.get(loc.journal.root());
        let draft = self.options.draft_pdf;
        let ((pdf, took), synctex) = rayon::join(
            || {
                Stage::IssuePdf.time(|| {
                    if draft {
                        wita_output::issue_pdf_draft(&document, &ident, &standards)
                    } else {
                        wita_output::issue_pdf(&document, &ident, &standards)
                    }
                })
            },
            || match compiler {
                Some(compiler) if pdf_options.synctex => {
                    let synctex = crate::synctex::collect(&document, compiler, &self.sources);
                    Some(synctex.file(1, pages))
                }
                _ => None,
            },
        );
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
                if write_file(path.clone(), shown.clone(), &pdf, &mut report) {
                    if let Some(bytes) = synctex {
                        let (path, shown) = (beside(&path), beside(&shown));
                        write_file(path, shown, &bytes, &mut report);
                    }
                    report.pdf = Some((shown, pages));
                }
            }
            Err(e) => {
                let problems = crate::build::export_problems(compiler, &e, "the preprint");
                report.diagnostics.extend(problems);
            }
        }
        report.timings.push((Stage::Write, started.elapsed()));
        if let (Some((edition, took)), Some(target)) = (
            run.edition.take(),
            options.edition_target(&run.issue, Look::Preprint),
        ) {
            let started = Instant::now();
            write_edition(&target, edition, &mut report);
            report.timings.push((Stage::Html, took + started.elapsed()));
        }
        report
    }
}

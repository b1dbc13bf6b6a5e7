//! `wita build --timings`: where a build's time goes. typst records its own
//! spans (typst-timing: parsing, evaluation, layout, export…) and wita adds
//! its stages ([`Stage`]) to the same record, which is written in the Chrome
//! trace format that typst's CLI writes (ui.perfetto.dev, chrome://tracing).

use std::io::Write;
use std::time::Duration;

use wita_compile::TracePlace;

use crate::build::{BuildReport, Builder, Stage};

/// Starts recording spans (typst's and wita's) for [`Builder::write_trace`].
pub fn enable() {
    typst_timing::clear();
    typst_timing::enable();
}

impl Builder {
    /// Writes what was recorded since [`enable`] as a Chrome trace (a JSON
    /// array of begin and end events), and clears the record. A span of
    /// typst's carries its place: the LaTeX line that produced the markup,
    /// else the generated file's line.
    pub fn write_trace(&self, writer: impl Write) -> Result<(), String> {
        // A span is found again for each of its events, and finding one walks
        // its file's syntax tree: a table of thousands of cells records a
        // million events over a few thousand spans.
        let mut places = std::collections::HashMap::new();
        typst_timing::export_json(writer, |raw| {
            places
                .entry(raw)
                .or_insert_with(|| {
                    self.compilers
                        .values()
                        .find_map(|compiler| compiler.trace_place(raw))
                        .map(|place| match place {
                            TracePlace::Source(span) => {
                                let file = self.sources.get(span.file);
                                let line = file.line_index(span.range().start) as u32 + 1;
                                (file.name().to_owned(), line)
                            }
                            TracePlace::Generated(path, line) => (path, line),
                        })
                        .unwrap_or_default()
                })
                .clone()
        })
    }
}

/// One line per stage a build went through, with its time. The exports run
/// side by side (the issue PDF next to the articles' PDFs and the cover):
/// their times overlap, and a thread that waits inside one export may run
/// another meanwhile.
pub fn summary(report: &BuildReport) -> String {
    let mut out = String::new();
    for stage in Stage::ALL {
        let times: Vec<Duration> = report
            .timings
            .iter()
            .filter(|(s, _)| *s == stage)
            .map(|(_, d)| *d)
            .collect();
        if times.is_empty() {
            continue;
        }
        let total: Duration = times.iter().sum();
        let note = match stage {
            Stage::ArticlePdfs => " (side by side, wall time)".to_owned(),
            Stage::Write => " (all outputs, wall time)".to_owned(),
            Stage::Html => " (beside compile, on the other core)".to_owned(),
            _ => String::new(),
        };
        out.push_str(&format!(
            "{:<13} {:>9.1} ms{note}\n",
            stage.name(),
            total.as_secs_f64() * 1000.0
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_has_a_line_per_stage_run_in_pipeline_order() {
        let report = BuildReport {
            timings: vec![
                (Stage::Compile, Duration::from_millis(500)),
                (Stage::Read, Duration::from_micros(1500)),
                (Stage::IssuePdf, Duration::from_millis(10)),
                (Stage::IssuePdf, Duration::from_millis(20)),
            ],
            ..BuildReport::default()
        };
        let summary = summary(&report);
        let lines: Vec<&str> = summary.lines().collect();
        assert_eq!(lines.len(), 3, "{summary}");
        assert!(lines[0].starts_with("read") && lines[0].contains("1.5 ms"));
        assert!(lines[1].starts_with("compile") && lines[1].contains("500.0 ms"));
        assert!(lines[2].starts_with("issue PDF") && lines[2].contains("30.0 ms"));
    }
}

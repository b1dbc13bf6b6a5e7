//! An issue's `meta/meta.toml` and `meta/toc.csv`.

use std::sync::Arc;

use wita_diag::codes;
use wita_diag::{Diagnostic, Diagnostics, FileId, Span};

/// `meta/meta.toml`.
#[derive(Debug, Clone)]
pub struct Meta {
    /// The file as written (it heads the generated dist.toml).
    pub text: Arc<str>,
    pub table: toml::Table,
}

impl Meta {
    pub fn editors(&self) -> Vec<String> {
        match self.table.get("editors") {
            Some(toml::Value::Array(a)) => a
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// `contents_page = true`: the page behind the cover lists the articles
    /// (wita's; the XeLaTeX build ignores the key).
    pub fn contents_page(&self) -> bool {
        matches!(
            self.table.get("contents_page"),
            Some(toml::Value::Boolean(true))
        )
    }

    /// Builds a meta.toml for an issue that has none, from its master file.
    pub fn synthesize(year: &str, issue: &str, serial: &str, editor: Option<&str>) -> Self {
        let mut text = format!("year = \"{year}\"\nissue = \"{issue}\"\n");
        match serial.parse::<i64>() {
            Ok(n) => text.push_str(&format!("sn = {n}\n")),
            Err(_) => text.push_str(&format!("sn = {:?}\n", serial)),
        }
        if let Some(editor) = editor {
            text.push_str(&format!("editors = [{editor:?}]\n"));
        }
        let table = toml::from_str(&text).unwrap_or_default();
        Self {
            text: Arc::from(text),
            table,
        }
    }
}

pub fn parse_meta(text: Arc<str>, file: FileId, diags: &mut Diagnostics) -> Option<Meta> {
    match toml::from_str::<toml::Table>(&text) {
        Ok(table) => Some(Meta { text, table }),
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    codes::META_TOML,
                    format!("meta.toml: {}", e.message().trim()),
                )
                .at(Span::new(file, e.span().unwrap_or(0..0))),
            );
            None
        }
    }
}

/// One line of `meta/toc.csv`: an entry and its page range in the issue PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TocLine {
    pub entry: String,
    pub first: usize,
    pub last: usize,
    pub span: Span,
}

/// `meta/toc.csv`: `EntryID,<first>-<last>` per line (typed by hand).
pub fn parse_toc(text: &str, file: FileId, diags: &mut Diagnostics) -> Vec<TocLine> {
    let mut lines = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let span = Span::new(file, offset..offset + content.len());
        offset += line.len();
        if content.trim().is_empty() {
            continue;
        }
        let parsed = content.split_once(',').and_then(|(entry, range)| {
            let (first, last) = range.trim().split_once('-')?;
            Some((
                entry.trim().to_owned(),
                first.trim().parse().ok()?,
                last.trim().parse().ok()?,
            ))
        });
        match parsed {
            Some((entry, first, last)) => lines.push(TocLine {
                entry,
                first,
                last,
                span,
            }),
            None => diags.push(
                Diagnostic::warning(
                    codes::TOC_CSV,
                    "toc.csv line is not `EntryID,first-last`; it is ignored",
                )
                .at(span),
            ),
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use wita_diag::Sources;

    #[test]
    fn toc_lines_parse_and_bad_lines_warn() {
        let sources = Sources::new();
        let text = "001,3-5\n002,6-9\nbroken\n\n";
        let id = sources.add("toc.csv", text);
        let mut d = Diagnostics::new();
        let toc = parse_toc(text, id, &mut d);
        assert_eq!(toc.len(), 2);
        assert_eq!(
            (toc[1].entry.as_str(), toc[1].first, toc[1].last),
            ("002", 6, 9)
        );
        assert_eq!(d.warning_count(), 1);
        assert_eq!(
            sources.location(d.iter().next().unwrap().span.unwrap()),
            "toc.csv:3:1"
        );
    }

    #[test]
    fn synthesized_meta_parses() {
        let m = Meta::synthesize("2025", "202509", "2", Some("Ed"));
        assert_eq!(m.table["sn"].as_integer(), Some(2));
        assert_eq!(m.editors(), ["Ed"]);
        let m = Meta::synthesize("0000", "000000", "NaN", None);
        assert_eq!(m.table["sn"].as_str(), Some("NaN"));
    }
}

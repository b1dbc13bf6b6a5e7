//! What a build writes (what the journal's `make.sh` wrote): the issue PDF,
//! one PDF per article with its real page range, the cover as a PNG, and
//! `meta/dist.toml`, `meta/dist.json` and `meta/map.toml` for the website.
//!
//! PDFs carry no creation date and a stable identifier, so the same sources
//! give the same bytes.

use std::num::NonZeroUsize;

use typst::foundations::Smart;
use typst::layout::PageRanges;
use typst::utils::PicoStr;
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;
use wita_journal::Issue;

/// The label the template puts at each article's start.
pub const ARTICLE_LABEL: &str = "wita-article";

/// 1-based physical page ranges of the articles, in issue order, found from
/// the markers the template places.
pub fn article_pages(document: &PagedDocument, articles: usize) -> Vec<(usize, usize)> {
    use typst::introspection::Introspector as _;
    let introspector = document.introspector();
    let label = typst::foundations::Label::new(PicoStr::intern(ARTICLE_LABEL));
    let starts: Vec<usize> = match label {
        Some(label) => introspector
            .query(&typst::foundations::Selector::Label(label))
            .iter()
            .filter_map(|elem| elem.location())
            .filter_map(|loc| introspector.page(loc))
            .map(|page| page.get())
            .collect(),
        None => Vec::new(),
    };
    let total = document.pages().len();
    let mut ranges = Vec::new();
    for (i, &start) in starts.iter().enumerate().take(articles) {
        let end = starts
            .get(i + 1)
            .map_or(total, |&next| next.saturating_sub(1).max(start));
        ranges.push((start, end));
    }
    ranges
}

fn options(ident: &str, pages: Option<(usize, usize)>) -> PdfOptions {
    PdfOptions {
        ident: Smart::Custom(ident.to_owned()),
        creator: Smart::Custom(Some(format!("wita {}", env!("CARGO_PKG_VERSION")))),
        timestamp: None,
        page_ranges: pages.map(|(first, last)| {
            PageRanges::new(vec![NonZeroUsize::new(first)..=NonZeroUsize::new(last)])
        }),
        // typst cannot tag a part of a document; the issue PDF is tagged.
        tagged: pages.is_none(),
        ..PdfOptions::default()
    }
}

/// The issue as one PDF.
pub fn issue_pdf(document: &PagedDocument, ident: &str) -> Result<Vec<u8>, String> {
    typst_pdf::pdf(document, &options(ident, None)).map_err(describe)
}

/// Pages `first..=last` (1-based) as their own PDF.
pub fn pages_pdf(
    document: &PagedDocument,
    ident: &str,
    first: usize,
    last: usize,
) -> Result<Vec<u8>, String> {
    typst_pdf::pdf(document, &options(ident, Some((first, last)))).map_err(describe)
}

fn describe(errors: typst::ecow::EcoVec<typst::diag::SourceDiagnostic>) -> String {
    errors
        .iter()
        .map(|e| e.message.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The first page as a PNG `height` pixels tall.
pub fn page_png(document: &PagedDocument, page: usize, height: u32) -> Result<Vec<u8>, String> {
    let page = document
        .pages()
        .get(page)
        .ok_or("the document has no such page")?;
    let points = page.frame.height().to_pt();
    let options = typst_render::RenderOptions {
        pixel_per_pt: typst::utils::Scalar::new(f64::from(height) / points),
        ..Default::default()
    };
    let pixmap = typst_render::render(page, &options);
    pixmap.encode_png().map_err(|e| e.to_string())
}

/// `meta/dist.toml`: meta.toml, the id → position map, then every entry's
/// info.toml with its position, as make.sh concatenated them.
pub fn dist_toml(issue: &Issue) -> String {
    let mut out = String::new();
    out.push_str(&issue.meta.text);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str("[id_seq_map]\n");
    out.push_str(&map_toml(issue));
    for entry in &issue.entries {
        out.push_str(&entry.info.text);
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(&format!("index = {}\n", entry.index));
    }
    out
}

/// `meta/map.toml`: `"<EntryID>" = "<n>"` per line.
pub fn map_toml(issue: &Issue) -> String {
    issue
        .entries
        .iter()
        .map(|e| format!("{} = \"{}\"\n", toml_key(&e.id), e.index))
        .collect()
}

fn toml_key(key: &str) -> String {
    let mut out = String::from("\"");
    for c in key.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `meta/dist.json`: dist.toml as JSON (two-space indented, like `jq`).
pub fn dist_json(issue: &Issue) -> String {
    let mut root = serde_json::Map::new();
    for (key, value) in &issue.meta.table {
        root.insert(key.clone(), to_json(value));
    }
    let map: serde_json::Map<String, serde_json::Value> = issue
        .entries
        .iter()
        .map(|e| (e.id.clone(), serde_json::Value::String(e.index.to_string())))
        .collect();
    root.insert("id_seq_map".into(), serde_json::Value::Object(map));
    let articles = issue
        .entries
        .iter()
        .map(|e| {
            let mut obj = serde_json::Map::new();
            for (key, value) in &e.info.table {
                obj.insert(key.clone(), to_json(value));
            }
            obj.insert("index".into(), serde_json::Value::from(e.index));
            serde_json::Value::Object(obj)
        })
        .collect();
    root.insert("article".into(), serde_json::Value::Array(articles));
    let mut text =
        serde_json::to_string_pretty(&serde_json::Value::Object(root)).unwrap_or_default();
    text.push('\n');
    text
}

fn to_json(value: &toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        toml::Value::String(s) => J::String(s.clone()),
        toml::Value::Integer(i) => J::from(*i),
        toml::Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
        toml::Value::Boolean(b) => J::Bool(*b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(a) => J::Array(a.iter().map(to_json).collect()),
        toml::Value::Table(t) => {
            J::Object(t.iter().map(|(k, v)| (k.clone(), to_json(v))).collect())
        }
    }
}

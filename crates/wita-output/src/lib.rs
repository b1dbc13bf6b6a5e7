//! What a build writes (what the journal's `make.sh` wrote): the issue PDF,
//! one PDF per article with its real page range, the cover as a PNG, and
//! `meta/dist.toml`, `meta/dist.json` and `meta/map.toml` for the website.
//!
//! PDFs carry no creation date and a stable identifier, so the same sources
//! give the same bytes.

use std::num::NonZeroUsize;

use typst::diag::SourceDiagnostic;
use typst::ecow::EcoVec;
use typst::foundations::Smart;
use typst::layout::PageRanges;
use typst::utils::PicoStr;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};
use wita_journal::Issue;

mod lean;
mod synctex;
pub use lean::compact;
pub use synctex::SyncTex;

/// The PDF standards a build conforms to, by typst's names: `a-2b`, `a-2u`,
/// `a-3b`, `ua-1`… (combinable, `a-2b,ua-1`). typst's exporter checks the
/// document against them and reports what does not conform.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Standards(Vec<PdfStandard>, Option<(i32, u8, u8)>);

impl Standards {
    /// Parses a comma-separated list, checking that the standards combine.
    pub fn parse(list: &str) -> Result<Self, String> {
        let mut standards = Vec::new();
        for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            let standard: PdfStandard = serde_json::from_value(serde_json::Value::String(
                name.to_owned(),
            ))
            .map_err(|_| {
                format!(
                    "`{name}` is not a PDF standard typst knows (a-1b, a-2b, a-2u, a-2a, \
                         a-3b, a-3u, a-3a, a-4, a-4f, a-4e, ua-1, 1.4 … 2.0)"
                )
            })?;
            if !standards.contains(&standard) {
                standards.push(standard);
            }
        }
        PdfStandards::new(&standards).map_err(|e| e.message().to_string())?;
        Ok(Self(standards, None))
    }

    /// The date the PDFs declare (PDF/A wants one; wita's PDFs otherwise
    /// carry none): the build's fixed date, so the bytes stay the same.
    pub fn dated(self, date: (i32, u8, u8)) -> Self {
        Self(self.0, Some(date))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether PDF/UA is among them, which needs a tagged PDF.
    pub fn accessible(&self) -> bool {
        self.0.contains(&PdfStandard::Ua_1)
    }

    /// The same without PDF/UA: what a page range can conform to (typst
    /// cannot tag part of a document).
    pub fn untagged(&self) -> Self {
        Self(
            self.0
                .iter()
                .copied()
                .filter(|s| *s != PdfStandard::Ua_1)
                .collect(),
            self.1,
        )
    }

    /// The names, as typst spells them.
    pub fn names(&self) -> Vec<String> {
        self.0
            .iter()
            .map(|s| match serde_json::to_value(s) {
                Ok(serde_json::Value::String(name)) => name,
                _ => format!("{s:?}"),
            })
            .collect()
    }
}

/// What the exporter reports: typst's diagnostics, with the spans of the
/// generated markup that the compiler maps back to the LaTeX.
pub type ExportErrors = EcoVec<SourceDiagnostic>;

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

fn options(ident: &str, pages: Option<(usize, usize)>, standards: &Standards) -> PdfOptions {
    PdfOptions {
        ident: Smart::Custom(ident.to_owned()),
        creator: Smart::Custom(Some(format!("wita {}", env!("CARGO_PKG_VERSION")))),
        timestamp: standards
            .1
            .filter(|_| !standards.is_empty())
            .and_then(|(y, m, d)| typst::foundations::Datetime::from_ymd(y, m, d))
            .map(typst_pdf::Timestamp::new_utc),
        page_ranges: pages.map(|(first, last)| {
            PageRanges::new(vec![NonZeroUsize::new(first)..=NonZeroUsize::new(last)])
        }),
        // typst cannot tag a part of a document; the issue PDF is tagged.
        tagged: pages.is_none(),
        standards: PdfStandards::new(&standards.0).unwrap_or_default(),
        ..PdfOptions::default()
    }
}

/// The issue as one PDF, [`compact`]ed.
pub fn issue_pdf(
    document: &PagedDocument,
    ident: &str,
    standards: &Standards,
) -> Result<Vec<u8>, ExportErrors> {
    issue_pdf_draft(document, ident, standards).map(lean)
}

/// The issue as one PDF, as typst exports it (larger than [`issue_pdf`]'s,
/// and sooner: what `wita watch` writes).
pub fn issue_pdf_draft(
    document: &PagedDocument,
    ident: &str,
    standards: &Standards,
) -> Result<Vec<u8>, ExportErrors> {
    typst_pdf::pdf(document, &options(ident, None, standards))
}

/// [`compact`], or the PDF as typst wrote it when it cannot be (a file not
/// laid out as typst writes them, or before PDF 1.5: still valid, only
/// larger).
fn lean(pdf: Vec<u8>) -> Vec<u8> {
    let _span = typst_timing::TimingScope::new("wita: compact PDF");
    compact(&pdf).unwrap_or(pdf)
}

/// Pages `first..=last` (1-based) as their own PDF.
pub fn pages_pdf(
    document: &PagedDocument,
    ident: &str,
    first: usize,
    last: usize,
    standards: &Standards,
) -> Result<Vec<u8>, ExportErrors> {
    // typst cannot tag a page range: the pages keep the other standards.
    let standards = standards.untagged();
    typst_pdf::pdf(document, &options(ident, Some((first, last)), &standards)).map(lean)
}

/// The cover PNG's height in pixels, as make.sh rendered it.
pub const COVER_HEIGHT: u32 = 2000;

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
    encode_png(&pixmap).map_err(|e| e.to_string())
}

/// A rendered page as a PNG: RGB when every pixel is opaque (a page with a
/// background, as the cover has), which is a quarter less to compress and
/// needs no un-premultiplying (9 % smaller for 202508's cover, ~10 ms sooner),
/// else RGBA as tiny-skia writes it.
fn encode_png(pixmap: &tiny_skia::Pixmap) -> Result<Vec<u8>, png::EncodingError> {
    let rgba = pixmap.data();
    if !rgba.chunks_exact(4).all(|pixel| pixel[3] == u8::MAX) {
        return pixmap.encode_png();
    }
    let rgb: Vec<u8> = rgba
        .chunks_exact(4)
        .flat_map(|pixel| [pixel[0], pixel[1], pixel[2]])
        .collect();
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    // Each pixel from its left neighbour: the smallest of png's filters on
    // the cover's flat colours and text (its adaptive choice is 6 % larger).
    encoder.set_filter(png::Filter::Sub);
    encoder.write_header()?.write_image_data(&rgb)?;
    Ok(out)
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

//! An entry's `info.toml`.

use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;
use wita_diag::codes;
use wita_diag::{Diagnostic, Diagnostics, FileId, Span};

/// The article metadata an entry declares (`[[article]]`).
#[derive(Debug, Clone)]
pub struct Info {
    pub id: String,
    pub id_span: Span,
    pub title: String,
    pub authors: Vec<String>,
    pub authors_simple: Option<String>,
    pub email: Option<String>,
    pub date: String,
    pub date_span: Span,
    pub license: String,
    pub license_span: Span,
    pub abstract_: Option<String>,
    /// The file as written (the website's metadata is built from it).
    pub text: Arc<str>,
    pub file: FileId,
    /// The whole `[[article]]` table, unknown keys included, in file order.
    pub table: toml::Table,
}

#[derive(Deserialize)]
struct InfoDoc {
    article: Option<Vec<Spanned<toml::Table>>>,
}

#[derive(Deserialize)]
struct TypedDoc {
    article: Vec<ArticleFields>,
}

#[derive(Deserialize)]
struct ArticleFields {
    id: Spanned<String>,
    title: String,
    authors: Vec<String>,
    authors_simple: Option<String>,
    email: Option<String>,
    date: Spanned<String>,
    license: Spanned<String>,
    #[serde(rename = "abstract")]
    abstract_: Option<String>,
}

/// Parses and checks an `info.toml` of the entry folder `folder`.
pub fn parse_info(
    text: Arc<str>,
    file: FileId,
    folder: &str,
    diags: &mut Diagnostics,
) -> Option<Info> {
    let span = |range: std::ops::Range<usize>| Span::new(file, range);
    let whole = span(0..0);
    // First as plain TOML (syntax errors, and the table as written)...
    let doc: InfoDoc = match toml::from_str(&text) {
        Ok(doc) => doc,
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    codes::INFO_TOML,
                    format!("info.toml: {}", e.message().trim()),
                )
                .at(e.span().map_or(whole, span)),
            );
            return None;
        }
    };
    let Some(articles) = doc.article.filter(|a| !a.is_empty()) else {
        diags.push(
            Diagnostic::error(codes::INFO_TOML, "info.toml has no `[[article]]` table")
                .at(whole)
                .with_help("start the file with `[[article]]` followed by id, title, authors, date and license"),
        );
        return None;
    };
    if articles.len() > 1 {
        diags.push(
            Diagnostic::warning(
                codes::INFO_TOML,
                "info.toml has more than one `[[article]]`; only the first is used",
            )
            .at(span(articles[1].span())),
        );
    }
    let table = articles.into_iter().next().expect("non-empty").into_inner();
    // ...then against the fields the journal requires, with their spans.
    let fields = match toml::from_str::<TypedDoc>(&text) {
        Ok(doc) => doc.article.into_iter().next().expect("checked above"),
        Err(e) => {
            diags.push(
                Diagnostic::error(codes::INFO_TOML, format!("info.toml: {}", e.message().trim()))
                    .at(e.span().map_or(whole, span))
                    .with_help(
                        "`[[article]]` needs id, title, authors (a list of strings), date (YYYY-MM-DD) and license",
                    ),
            );
            return None;
        }
    };
    let id_span = span(fields.id.span());
    let date_span = span(fields.date.span());
    let license_span = span(fields.license.span());
    let mut ok = true;
    let id = fields.id.into_inner();
    if id != folder {
        diags.push(
            Diagnostic::error(
                codes::INFO_TOML,
                format!("info.toml's id `{id}` is not the entry's folder name `{folder}`"),
            )
            .at(id_span)
            .with_help(format!("write `id = \"{folder}\"`, or rename the folder")),
        );
        ok = false;
    }
    let date = fields.date.into_inner();
    if let Err(why) = check_date(&date) {
        diags.push(
            Diagnostic::error(
                codes::INFO_TOML,
                format!("info.toml's date `{date}` is not a valid date: {why}"),
            )
            .at(date_span)
            .with_help("write it as YYYY-MM-DD, e.g. `date = \"2025-07-14\"`"),
        );
        ok = false;
    }
    let license = fields.license.into_inner();
    if license.trim().is_empty() {
        diags.push(
            Diagnostic::error(codes::INFO_TOML, "info.toml's license is empty").at(license_span),
        );
        ok = false;
    }
    ok.then(|| Info {
        id,
        id_span,
        title: fields.title,
        authors: fields.authors,
        authors_simple: fields.authors_simple,
        email: fields.email,
        date,
        date_span,
        license,
        license_span,
        abstract_: fields.abstract_,
        text,
        file,
        table,
    })
}

/// `YYYY-MM-DD` with a real month and day; `0000-00-00` marks the dummy entry.
pub fn check_date(date: &str) -> Result<(), String> {
    if date == "0000-00-00" {
        return Ok(());
    }
    let parts: Vec<&str> = date.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return Err("expected YYYY-MM-DD".into());
    };
    if y.len() != 4
        || m.len() != 2
        || d.len() != 2
        || !date.chars().all(|c| c.is_ascii_digit() || c == '-')
    {
        return Err("expected YYYY-MM-DD".into());
    }
    let (y, m, d): (u32, u32, u32) = (
        y.parse().unwrap_or(0),
        m.parse().unwrap_or(0),
        d.parse().unwrap_or(0),
    );
    if !(1..=12).contains(&m) {
        return Err(format!("there is no month {m}"));
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ][(m - 1) as usize];
    if d == 0 || d > days {
        return Err(format!("month {m} has no day {d}"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use wita_diag::Sources;

    const GOOD: &str = "[[article]]\n\nid = \"e1\"\ntitle = \"T\"\nauthors = [\"A\", \"B (X)\"]\nauthors_simple = \"A, et al.\"\ndate = \"2025-07-14\"\nlicense = \"CC BY-ND 4.0\"\nwebsite_only = true\nabstract = \"\"\"\nText.\n\"\"\"\n";

    fn parse(text: &str, folder: &str) -> (Option<Info>, Diagnostics, Sources) {
        let sources = Sources::new();
        let id = sources.add("entry/e1/info.toml", text);
        let mut diags = Diagnostics::new();
        let info = parse_info(Arc::from(text), id, folder, &mut diags);
        (info, diags, sources)
    }

    fn first_error(d: &Diagnostics, s: &Sources) -> (String, String) {
        let e = d.iter().find(|d| d.is_error()).expect("an error");
        (e.message.clone(), s.location(e.span.unwrap()))
    }

    #[test]
    fn a_good_file_keeps_unknown_keys() {
        let (info, d, _) = parse(GOOD, "e1");
        assert!(d.is_empty(), "{d:?}");
        let info = info.unwrap();
        assert_eq!(info.authors, ["A", "B (X)"]);
        assert_eq!(info.abstract_.as_deref(), Some("Text.\n"));
        assert!(info.table.contains_key("website_only"));
        let keys: Vec<&String> = info.table.keys().collect();
        assert_eq!(keys[0], "id", "file order is kept");
    }

    #[test]
    fn syntax_errors_name_line_and_column() {
        let (_, d, s) = parse("[[article]]\nid = \"e1\nx", "e1");
        let (m, loc) = first_error(&d, &s);
        assert!(m.starts_with("info.toml:"), "{m}");
        assert!(
            loc.starts_with("entry/e1/info.toml:2:") || loc.starts_with("entry/e1/info.toml:3:"),
            "{loc}"
        );
    }

    #[test]
    fn missing_fields_are_named() {
        let (_, d, s) = parse(
            "[[article]]\nid = \"e1\"\nauthors = [\"A\"]\ndate = \"2025-01-01\"\nlicense = \"PD\"\n",
            "e1",
        );
        let (m, loc) = first_error(&d, &s);
        assert!(m.contains("missing field `title`"), "{m}");
        assert!(loc.starts_with("entry/e1/info.toml:"), "{loc}");
    }

    #[test]
    fn mistyped_fields_point_at_the_field() {
        let (_, d, s) = parse(
            &GOOD.replace("authors = [\"A\", \"B (X)\"]", "authors = \"A\""),
            "e1",
        );
        let (m, loc) = first_error(&d, &s);
        assert!(m.contains("invalid type"), "{m}");
        assert_eq!(loc, "entry/e1/info.toml:5:11");
    }

    #[test]
    fn id_must_match_the_folder() {
        let (info, d, s) = parse(GOOD, "other");
        assert!(info.is_none());
        let (m, loc) = first_error(&d, &s);
        assert!(
            m.contains("`e1` is not the entry's folder name `other`"),
            "{m}"
        );
        assert_eq!(loc, "entry/e1/info.toml:3:6");
    }

    #[test]
    fn invalid_dates_are_errors() {
        for bad in ["2025-13-01", "2025-02-30", "25-1-1", "2025/01/01"] {
            let (info, d, s) = parse(&GOOD.replace("2025-07-14", bad), "e1");
            assert!(info.is_none(), "{bad}");
            let (m, loc) = first_error(&d, &s);
            assert!(m.contains("not a valid date"), "{m}");
            assert_eq!(loc, "entry/e1/info.toml:7:8");
        }
        assert!(check_date("2024-02-29").is_ok());
        assert!(check_date("2023-02-29").is_err());
        assert!(check_date("0000-00-00").is_ok());
    }

    #[test]
    fn no_article_table_is_an_error() {
        let (info, d, _) = parse("title = \"x\"\n", "e1");
        assert!(info.is_none());
        assert!(d.iter().any(|d| d.message.contains("no `[[article]]`")));
    }
}

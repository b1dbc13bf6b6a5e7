//! The journal's rules for a translated article against its entry.

use wita_diag::{Diagnostic, Diagnostics, Span};
use wita_doc::{Article, CiteMode};

use crate::issue::Entry;

/// Checks an article's journal macros and citations against its entry:
/// mismatches the real issues have are warnings, a `\cite` of a key that is
/// not in the entry's cite.bib is an error at the key.
pub fn check_article(entry: &Entry, article: &Article, diags: &mut Diagnostics) {
    let file_start = Span::new(entry.main, 0..0);
    match &article.meta.entry_id {
        Some(id) if id.value != entry.id => diags.push(
            Diagnostic::warning(format!(
                "`\\setentryid{{{}}}` differs from the entry's folder `{}`; the folder counts",
                id.value, entry.id
            ))
            .at(id.span),
        ),
        None => diags.push(
            Diagnostic::warning("main.tex does not start with `\\setentryid{..}`")
                .at(file_start)
                .with_help(format!(
                    "add `\\setentryid{{{}}}` as its first line",
                    entry.id
                )),
        ),
        _ => {}
    }
    if article.meta.title.is_none() {
        diags.push(
            Diagnostic::warning("main.tex has no `\\stdarticle{title}{authors}{date}`; the title block comes from info.toml")
                .at(file_start),
        );
    }
    if let Some(date) = &article.meta.date
        && date.value != entry.info.date
    {
        diags.push(
            Diagnostic::warning(format!(
                "`\\stdarticle`'s date `{}` differs from info.toml's `{}`",
                date.value, entry.info.date
            ))
            .at(date.span)
            .with_secondary(entry.info.date_span, "info.toml's date"),
        );
    }
    match &article.meta.licence {
        None => diags.push(
            Diagnostic::warning(format!(
                "main.tex has no `\\articlecopyrightinfo{{..}}`; the licence box says info.toml's `{}`",
                entry.info.license
            ))
            .at(file_start),
        ),
        Some(licence) if normalize(&licence.value) != normalize(&entry.info.license) => diags.push(
            Diagnostic::warning(format!(
                "the licence `{}` differs from info.toml's `{}`",
                licence.value, entry.info.license
            ))
            .at(licence.span)
            .with_secondary(entry.info.license_span, "info.toml's license"),
        ),
        _ => {}
    }
    if let Some(bib) = &entry.bib
        && bib.is_empty()
    {
        diags.push(
            Diagnostic::warning("cite.bib is empty")
                .at(Span::new(bib.file, 0..0))
                .with_help("add the works the article cites, or delete the file if it cites none"),
        );
    }
    let bibitems = article.bibitem_keys();
    for cite in article.citations() {
        for key in &cite.keys {
            if cite.mode == CiteMode::NoCite && key.value == "*" {
                continue;
            }
            if bibitems.contains(&key.value.as_str()) {
                continue;
            }
            let Some(bib) = &entry.bib else {
                diags.push(
                    Diagnostic::error(format!(
                        "`{}` is cited but the entry has no cite.bib",
                        key.value
                    ))
                    .at(key.span)
                    .with_help(format!(
                        "add `{}/cite.bib` with an entry `{}`",
                        entry.dir, key.value
                    )),
                );
                continue;
            };
            if !bib.contains(&key.value) {
                let mut d = Diagnostic::error(format!(
                    "no entry `{}` in this article's cite.bib",
                    key.value
                ))
                .at(key.span)
                .with_label("cited here");
                if let Some(similar) = bib.similar(&key.value) {
                    d = d.with_help(format!("did you mean `{similar}`?"));
                }
                diags.push(d);
            }
        }
    }
}

fn normalize(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

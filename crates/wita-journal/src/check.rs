//! The journal's rules for a translated article against its entry.

use wita_diag::codes;
use wita_diag::{Diagnostic, Diagnostics, Span};
use wita_doc::Article;

use crate::issue::{Entry, Issue, list_entries};

/// Checks an article's journal macros and citations against its entry:
/// mismatches the real issues have are warnings, a `\cite` of a key that is
/// not in the entry's cite.bib is an error at the key.
pub fn check_article(entry: &Entry, article: &Article, diags: &mut Diagnostics) {
    let file_start = Span::new(entry.main, 0..0);
    match &article.meta.entry_id {
        Some(id) if id.value != entry.id => diags.push(
            Diagnostic::warning(
                codes::ARTICLE_OPENING,
                format!(
                    "`\\setentryid{{{}}}` differs from the entry's folder `{}`; the folder counts",
                    id.value, entry.id
                ),
            )
            .at(id.span),
        ),
        None => diags.push(
            Diagnostic::warning(
                codes::ARTICLE_OPENING,
                "main.tex does not start with `\\setentryid{..}`",
            )
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
            Diagnostic::warning(codes::ARTICLE_OPENING, "main.tex has no `\\stdarticle{title}{authors}{date}`; the title block comes from info.toml")
                .at(file_start),
        );
    }
    if let Some(date) = &article.meta.date
        && date.value != entry.info.date
    {
        diags.push(
            Diagnostic::warning(
                codes::ARTICLE_OPENING,
                format!(
                    "`\\stdarticle`'s date `{}` differs from info.toml's `{}`",
                    date.value, entry.info.date
                ),
            )
            .at(date.span)
            .with_secondary(entry.info.date_span, "info.toml's date"),
        );
    }
    match &article.meta.licence {
        None => diags.push(
            Diagnostic::warning(codes::ARTICLE_OPENING, format!(
                "main.tex has no `\\articlecopyrightinfo{{..}}`; the licence box says info.toml's `{}`",
                entry.info.license
            ))
            .at(file_start),
        ),
        Some(licence) if normalize(&licence.value) != normalize(&entry.info.license) => diags.push(
            Diagnostic::warning(codes::LICENCE, format!(
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
            Diagnostic::warning(codes::EMPTY_BIB, "cite.bib is empty")
                .at(Span::new(bib.file, 0..0))
                .with_help("add the works the article cites, or delete the file if it cites none"),
        );
    }
}

/// Citations of keys that no cite.bib entry has: a warning at each (biber
/// warns, and LaTeX builds), and the key printed in bold where the citation
/// stands, as biblatex prints an undefined citation. The citation keeps the
/// keys that resolve. Run after [`resolve_key_case`].
pub fn print_missing_keys(entry: &Entry, article: &mut wita_doc::Article, diags: &mut Diagnostics) {
    use wita_doc::{CiteMode, Node, NodeKind, Style};
    let bibitems: std::collections::HashSet<String> = article
        .meta
        .bibitems
        .iter()
        .map(|b| b.key.clone())
        .collect();
    let known = |key: &str| {
        key == "*" || bibitems.contains(key) || entry.bib.as_ref().is_some_and(|b| b.contains(key))
    };
    let mut missing_any = false;
    wita_doc::walk_mut(&mut article.body, &mut |node| {
        let NodeKind::Cite(cite) = &mut node.kind else {
            return;
        };
        let (present, missing): (Vec<_>, Vec<_>) =
            cite.keys.drain(..).partition(|k| known(&k.value));
        cite.keys = present;
        if missing.is_empty() {
            return;
        }
        missing_any = true;
        for key in &missing {
            let mut d = match &entry.bib {
                Some(_) => Diagnostic::warning(codes::MISSING_CITE_KEY, format!(
                    "no entry `{}` in this article's cite.bib; the key is printed instead, as biblatex prints it",
                    key.value
                )),
                None => Diagnostic::warning(codes::MISSING_CITE_KEY, format!(
                    "`{}` is cited but the entry has no cite.bib; the key is printed instead",
                    key.value
                ))
                .with_help(format!("add `{}/cite.bib` with an entry `{}`", entry.dir, key.value)),
            }
            .at(key.span)
            .with_label("cited here");
            if let Some(similar) = entry.bib.as_ref().and_then(|b| b.similar(&key.value)) {
                d = d.with_help(format!("did you mean `{similar}`?"));
            }
            diags.push(d);
        }
        if cite.mode == CiteMode::NoCite {
            return;
        }
        let span = node.span;
        let keys: Vec<String> = missing.iter().map(|k| k.value.clone()).collect();
        let printed = Node::new(
            NodeKind::Styled(
                Style::Bold,
                vec![Node::new(NodeKind::Text(keys.join(", ")), span)],
            ),
            span,
        );
        let mut group = Vec::new();
        if !cite.keys.is_empty() {
            group.push(Node::new(NodeKind::Cite(cite.clone()), span));
            group.push(Node::new(NodeKind::Text(", ".into()), span));
        }
        group.push(printed);
        node.kind = NodeKind::Group(group);
    });
    if missing_any {
        // What the body cites now (the dropped keys are no longer cited).
        article.meta.cited.clear();
        article.meta.bibitems.clear();
        article.meta.bibliographies.clear();
        let body = std::mem::take(&mut article.body);
        article.meta.record_references(&body);
        article.body = body;
    }
}

/// Citation keys that match a cite.bib key only up to case resolve to it,
/// as BibTeX matches them, with a warning naming the right spelling (biber
/// and typst would not find them).
pub fn resolve_key_case(entry: &Entry, article: &mut wita_doc::Article, diags: &mut Diagnostics) {
    let Some(bib) = &entry.bib else {
        return;
    };
    let spelled = |key: &str| -> Option<String> {
        if bib.contains(key) {
            return None;
        }
        let lower = key.to_lowercase();
        bib.keys
            .iter()
            .map(|(k, _)| k)
            .find(|k| k.to_lowercase() == lower)
            .cloned()
    };
    let mut warned = std::collections::HashSet::new();
    wita_doc::walk_mut(&mut article.body, &mut |node| {
        if let wita_doc::NodeKind::Cite(cite) = &mut node.kind {
            for key in &mut cite.keys {
                if let Some(right) = spelled(&key.value) {
                    if warned.insert(key.span) {
                        diags.push(
                            Diagnostic::warning(
                                codes::CITE_KEY_CASE,
                                format!(
                                    "`{}` is cited as `{right}`, its spelling in cite.bib",
                                    key.value
                                ),
                            )
                            .at(key.span)
                            .with_label("differs in case")
                            .with_help(format!("write `{right}`")),
                        );
                    }
                    key.value = right;
                }
            }
        }
    });
    for cited in &mut article.meta.cited {
        if let Some(right) = spelled(&cited.key.value) {
            cited.key.value = right;
        }
    }
}

fn normalize(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// What `wita check` knows about an issue beyond each article: the master
/// file's `\importarticle` list against the entry folders, `\addcitebib`
/// against the entries with a cite.bib, and `meta/toc.csv` against the
/// imports (its page ranges need a layout; the build checks those).
pub fn check_issue_files(issue: &Issue, diags: &mut Diagnostics) {
    let journal = &issue.location.journal;
    let master_start = Span::new(issue.master_file, 0..0);
    let imported = |id: &str| issue.master.articles.iter().any(|a| a.value == id);
    for folder in list_entries(journal, &issue.location.issue_dir()) {
        if !imported(&folder) {
            diags.push(
                Diagnostic::warning(codes::ENTRY_NOT_IMPORTED, format!(
                    "the entry folder `{folder}` is not imported by the issue"
                ))
                .at(master_start)
                .with_help(format!(
                    "add `\\importarticle{{{folder}}}` to the master file, or move the folder out of the issue"
                )),
            );
        }
    }
    for entry in &issue.entries {
        let registered = issue.master.cite_bibs.iter().any(|b| b.value == entry.id);
        if entry.bib.as_ref().is_some_and(|b| !b.is_empty()) && !registered {
            diags.push(
                Diagnostic::warning(
                    codes::BIB_NOT_LINKED,
                    format!(
                        "`{}` has a cite.bib but the master file has no `\\addcitebib{{{}}}`",
                        entry.id, entry.id
                    ),
                )
                .at_opt(entry.import_span)
                .with_help("wita reads it anyway; the old LaTeX build needs the line"),
            );
        }
    }
    let Some(toc) = &issue.toc else {
        return;
    };
    for line in toc {
        if !imported(&line.entry) {
            diags.push(
                Diagnostic::warning(
                    codes::TOC_CSV,
                    format!(
                        "toc.csv names `{}`, which the issue does not import",
                        line.entry
                    ),
                )
                .at(line.span),
            );
        }
    }
    for entry in &issue.entries {
        if !toc.iter().any(|line| line.entry == entry.id) {
            diags.push(
                Diagnostic::warning(
                    codes::TOC_CSV,
                    format!("toc.csv has no line for `{}`", entry.id),
                )
                .at_opt(entry.import_span)
                .with_help("`wita build` prints the line to add"),
            );
        }
    }
}

/// Licences whose names say the article may be redistributed (the journal
/// publishes every article in its issue PDF and on its website).
const REDISTRIBUTABLE: &[&str] = &[
    "public domain",
    "cc0",
    "cc by",
    "cc-by",
    "mit",
    "apache",
    "bsd",
    "gpl",
    "gfdl",
    "wtfpl",
    "unlicense",
];

/// Licences that forbid what the journal does.
const NOT_REDISTRIBUTABLE: &[&str] = &["all rights reserved", "proprietary", "no redistribution"];

/// The licence in info.toml must let the journal redistribute the article: a
/// licence that forbids it is an error, one wita does not know a warning.
pub fn check_licence(entry: &Entry, diags: &mut Diagnostics) {
    let licence = normalize(&entry.info.license);
    if NOT_REDISTRIBUTABLE.iter().any(|l| licence.contains(l)) {
        diags.push(
            Diagnostic::error(codes::LICENCE, format!(
                "the licence `{}` does not let the journal redistribute the article",
                entry.info.license
            ))
            .at(entry.info.license_span)
            .with_help("the journal publishes under licences such as `CC BY 4.0`, `CC BY-ND 4.0` or `Public Domain`"),
        );
    } else if !REDISTRIBUTABLE.iter().any(|l| {
        licence == *l
            || licence.starts_with(&format!("{l} "))
            || licence.starts_with(&format!("{l}-"))
    }) {
        diags.push(
            Diagnostic::warning(codes::LICENCE, format!(
                "wita does not know whether the licence `{}` lets the journal redistribute the article",
                entry.info.license
            ))
            .at(entry.info.license_span)
            .with_help("use a known licence name, e.g. `CC BY 4.0`, `CC BY-ND 4.0`, `CC0 1.0`, `MIT` or `Public Domain`"),
        );
    }
}

//! Assembling an issue's Typst project: the template (wita's own, or the
//! journal's override), the main file with the cover, one file per article
//! (its metadata and its body written by the Typst writer), each with its
//! own reference list.

mod html;
mod templates;
mod wordmark;

use std::fmt::Write;

use wita_diag::codes;
use wita_diag::{Diagnostic, Diagnostics, Span};
use wita_doc::{Article, BibCitation, BibItem, Content, Node, NodeKind, Style};
use wita_journal::{Entry, Issue};
use wita_typst::{CiteData, Markup, SourceMap, WriteOptions, string_lit, write_content_with};
use wita_typst::{Origin, Project};

pub use html::{EditionLinks, EditionPage, HtmlEdition, STYLESHEET, assemble_html, page_name};
pub use templates::{Template, Templates};
pub use wordmark::{InkBox, ink_box};

/// Where generated files live in the project (journal files keep their paths).
pub const GENERATED: &str = "/.wita";
pub const MAIN: &str = "/.wita/main.typ";
/// The issue's cover alone: the main file up to the cover, which depends on
/// nothing after it, so that it can be laid out (and its PNG rendered)
/// beside the issue, as its first page is.
pub const COVER: &str = "/.wita/cover.typ";
pub const TEMPLATE_PATH: &str = "/.wita/template/issue.typ";
pub const MATH_PATH: &str = "/.wita/template/latex-math.typ";

/// An article ready to be assembled.
pub struct ArticleInput<'a> {
    pub entry: &'a Entry,
    pub article: &'a Article,
}

/// How the articles are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    /// The issue: the cover, then the articles.
    Issue,
    /// A single-article preprint: the article alone, in the template's
    /// preprint look, without a cover.
    Preprint,
}

/// The generated file of the issue's `n`th article.
pub fn article_path(n: usize) -> String {
    format!("{GENERATED}/articles/{n}.typ")
}

/// Builds the Typst project for the articles of an issue (all of them, or
/// the one of a preprint).
pub fn assemble(
    issue: &Issue,
    articles: &[ArticleInput],
    templates: &Templates,
    look: Look,
    accessible: bool,
    diags: &mut Diagnostics,
) -> Project {
    let preprint = look == Look::Preprint;
    let mut project = Project {
        main: MAIN.into(),
        files: Vec::new(),
    };
    templates.add_to(&mut project);

    let mut main = MarkupFile::default();
    let _ = writeln!(main.text, "#import {} as wita", string_lit(TEMPLATE_PATH));
    main.text.push_str("#let info = (\n");
    let _ = writeln!(main.text, "  id: {},", string_lit(&issue.location.id));
    let _ = writeln!(main.text, "  year: {},", string_lit(&issue.location.year));
    let editors: Vec<String> = issue.editor().into_iter().collect();
    let _ = writeln!(
        main.text,
        "  editors: ({}),",
        editors
            .iter()
            .map(|e| string_lit(e) + ",")
            .collect::<String>()
    );
    let _ = writeln!(main.text, "  draft: {},", issue.is_draft());
    let _ = writeln!(main.text, "  preprint: {preprint},");
    // For PDF/UA: alternative text for the template's images, languages
    // for Chinese, Japanese and Korean runs.
    let _ = writeln!(main.text, "  accessible: {accessible},");
    let _ = writeln!(
        main.text,
        "  wordmark: {},",
        opt_path(issue.wordmark.as_deref())
    );
    let ink = issue
        .wordmark
        .as_deref()
        .and_then(|rel| issue.location.journal.read(rel).ok())
        .and_then(|svg| ink_box(&svg));
    match ink {
        Some(b) => {
            let _ = writeln!(
                main.text,
                "  wordmark-ink: (x: {}, y: {}, w: {}, h: {}, aspect: {}),",
                b.x, b.y, b.w, b.h, b.aspect
            );
        }
        None => main.text.push_str(
            "  wordmark-ink: none,
",
        ),
    }
    let _ = writeln!(
        main.text,
        "  art: {},",
        opt_path(issue.cover_art.as_ref().map(|a| a.path.as_str()))
    );
    main.text.push_str("  rows: (\n");
    for row in issue.master.cover.iter().flat_map(|c| &c.rows) {
        main.text.push_str("    (title: ");
        main.content(&row.title);
        let _ = writeln!(main.text, ", label: {}),", string_lit(&row.label.value));
    }
    main.text.push_str("  ),\n");
    if issue.meta.contents_page() && !preprint {
        // The contents page behind the cover (meta.toml's `contents_page`).
        main.text.push_str("  contents: (\n");
        for input in articles {
            let entry = input.entry;
            let _ = write!(
                main.text,
                "    (n: {}, ident: {}, title: ",
                entry.index,
                string_lit(&format!("WITA.{}.{}", issue.location.id, entry.index))
            );
            match &input.article.meta.title {
                Some(title) => main.content(title),
                None => main.plain(&entry.info.title, entry.info.id_span),
            }
            let authors = entry
                .info
                .authors_simple
                .clone()
                .unwrap_or_else(|| entry.info.authors.join(", "));
            let _ = writeln!(main.text, ", authors: {}),", string_lit(&authors));
        }
        main.text.push_str("  ),\n");
    }
    main.text.push_str(")\n");
    main.text.push_str("#show: wita.issue.with(info)\n");
    if !preprint {
        main.text.push_str("#wita.cover(info)\n");
        // (A prefix of the main file: the same places in the LaTeX.)
        project.add(
            COVER,
            main.text.clone().into_bytes(),
            Origin::Article(main.map.clone()),
        );
    }
    main.text.push_str("#show: wita.articles\n");

    // biblatex sizes the reference lists' label column once for the whole
    // document (its `locallabelwidth` is off): by the longest list's label.
    let lists: Vec<Option<ReferenceList>> = articles.iter().map(reference_list).collect();
    // (A shorthand is a label too: the longest label, in characters.)
    let widest = lists
        .iter()
        .flatten()
        .flat_map(|list| list.numbers.values())
        .max_by_key(|label| (label.chars().count(), label.parse::<u64>().unwrap_or(0)))
        .cloned();
    for (input, references) in articles.iter().zip(lists) {
        let path = article_path(input.entry.index);
        let _ = writeln!(main.text, "#include {}", string_lit(&path));
        let file = article_file(issue, input, references, widest.clone(), accessible, diags);
        project.add(path, file.text.into_bytes(), Origin::Article(file.map));
    }
    diags.extend(main.diagnostics);
    project.add(MAIN, main.text.into_bytes(), Origin::Article(main.map));
    project
}

/// An article's reference list: the entries of its cite.bib it cites (all
/// of them after `\nocite{*}`), sorted as `sorting=ynt` sorts them and
/// numbered from 1, each rendered as biblatex's standard style prints it.
pub struct ReferenceList {
    pub items: Vec<BibItem>,
    /// Key → its number.
    pub numbers: std::collections::HashMap<String, String>,
    pub cite_data: std::collections::HashMap<String, CiteData>,
    /// Cited keys that are not an item's own (an entry's `ids`, a set's
    /// members) → the key of the item they are printed in.
    pub targets: std::collections::HashMap<String, String>,
}

pub fn reference_list(input: &ArticleInput) -> Option<ReferenceList> {
    let bib = input.entry.bib.as_ref()?;
    let mut cited: Vec<&str> = Vec::new();
    // Keys cited by one of their entry's other keys (`ids`).
    let mut aliases_cited: Vec<(&str, &str)> = Vec::new();
    for citation in input.article.meta.bib_citations() {
        match citation {
            BibCitation::All => cited.extend(bib.keys.iter().map(|(k, _)| k.as_str())),
            BibCitation::Key(key) => {
                let canonical = bib.canonical(&key.value);
                if canonical != key.value {
                    aliases_cited.push((&key.value, canonical));
                }
                cited.push(canonical);
            }
        }
    }
    // The members of a cited `@set` are printed in it, not on their own,
    // and cited by its number (biber marks them `skipbib`).
    let in_cited_set: std::collections::HashMap<&str, &str> = cited
        .iter()
        .filter_map(|k| bib.references.get(*k))
        .flat_map(|set| {
            set.set_members
                .iter()
                .map(move |m| (m.as_str(), set.key.as_str()))
        })
        .collect();
    let mut seen = std::collections::HashSet::new();
    let mut refs: Vec<&wita_bib::Reference> = cited
        .into_iter()
        .filter(|k| !in_cited_set.contains_key(k))
        .filter(|k| seen.insert(*k))
        .filter_map(|k| bib.references.get(k))
        .collect();
    if refs.is_empty() {
        return None;
    }
    refs.sort_by(|a, b| a.sort.cmp(&b.sort));
    let mut list = ReferenceList {
        items: Vec::new(),
        numbers: Default::default(),
        cite_data: Default::default(),
        targets: Default::default(),
    };
    let mut number = 0;
    for r in refs.iter() {
        let span = bib.key_span(&r.key).unwrap_or(Span::new(bib.file, 0..0));
        // A shorthand is the entry's label; the others are numbered.
        let label = match &r.shorthand {
            Some(shorthand) => shorthand.clone(),
            None => {
                number += 1;
                number.to_string()
            }
        };
        list.numbers.insert(r.key.clone(), label.clone());
        list.cite_data.insert(r.key.clone(), cite_data(r, span));
        for (member, _) in in_cited_set.iter().filter(|(_, set)| **set == r.key) {
            list.numbers.insert((*member).to_owned(), label.clone());
            list.targets.insert((*member).to_owned(), r.key.clone());
            if let Some(m) = bib.references.get(*member) {
                list.cite_data
                    .insert((*member).to_owned(), cite_data(m, span));
            }
        }
        list.items.push(BibItem {
            key: r.key.clone(),
            label: r
                .shorthand
                .as_ref()
                .map(|_| vec![Node::new(NodeKind::Text(label), span)]),
            body: pieces_content(&r.pieces, span),
            span,
        });
    }
    for (alias, key) in aliases_cited {
        if let Some(n) = list.numbers.get(key).cloned() {
            list.numbers.insert(alias.to_owned(), n);
        }
        let item = list
            .targets
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_owned());
        list.targets.insert(alias.to_owned(), item);
        if let Some(data) = list.cite_data.get(key).cloned() {
            list.cite_data.insert(alias.to_owned(), data);
        }
    }
    Some(list)
}

/// What `\citeauthor`, `\citetitle`, `\citeyear` and `\citeurl` print of
/// an entry.
fn cite_data(r: &wita_bib::Reference, span: Span) -> CiteData {
    CiteData {
        names: r.cite_names.clone(),
        title: pieces_content(&r.cite_title, span),
        year: r.year.clone(),
        url: r.url.clone(),
    }
}

/// A rendered reference as document content: italics, acronyms, URLs in
/// monospace, links for URLs and DOIs.
fn pieces_content(pieces: &[wita_bib::Piece], span: Span) -> Content {
    pieces
        .iter()
        .map(|p| {
            // A new line inside an entry (biblatex's `\par` before each
            // volume of a multivolume work).
            let lines: Content = p
                .text
                .split('\n')
                .enumerate()
                .flat_map(|(i, line)| {
                    let text = Node::new(NodeKind::Text(line.to_owned()), span);
                    let brk = (i > 0).then(|| Node::new(NodeKind::Linebreak, span));
                    brk.into_iter().chain(Some(text))
                })
                .collect();
            let mut node = match <[Node; 1]>::try_from(lines) {
                Ok([one]) => one,
                Err(lines) => Node::new(NodeKind::Group(lines), span),
            };
            if p.italic {
                node = Node::new(NodeKind::Styled(Style::Italic, vec![node]), span);
            }
            let face = match p.face {
                wita_bib::Face::Text => None,
                wita_bib::Face::Verbatim => Some(Style::UrlText),
                wita_bib::Face::Acronym => Some(Style::Acronym),
            };
            if let Some(face) = face {
                node = Node::new(NodeKind::Styled(face, vec![node]), span);
            }
            if let Some(url) = &p.link {
                node = Node::new(
                    NodeKind::Link {
                        url: url.clone(),
                        body: vec![node],
                    },
                    span,
                );
            }
            node
        })
        .collect()
}

fn opt_path(path: Option<&str>) -> String {
    path.map_or_else(|| "none".to_owned(), |p| string_lit(&format!("/{p}")))
}

/// Generated markup with its source map, built piece by piece.
#[derive(Default)]
struct MarkupFile {
    text: String,
    map: SourceMap,
    options: WriteOptions,
    diagnostics: Vec<Diagnostic>,
    has_math: bool,
}

impl MarkupFile {
    /// Appends content as a `[...]` block.
    fn content(&mut self, content: &Content) {
        let markup = write_content_with(content, &self.options);
        self.text.push('[');
        self.markup(markup);
        self.text.push(']');
    }

    fn markup(&mut self, markup: Markup) {
        let Markup {
            text,
            map,
            diagnostics,
            has_math,
        } = markup;
        self.map.extend(map.shifted(self.text.len()));
        self.text.push_str(&text);
        self.diagnostics.extend(diagnostics);
        self.has_math |= has_math;
    }

    fn plain(&mut self, text: &str, span: Span) {
        let node = Node::new(NodeKind::Text(text.to_owned()), span);
        self.content(&vec![node]);
    }
}

fn article_file(
    issue: &Issue,
    input: &ArticleInput,
    references: Option<ReferenceList>,
    widest_reference: Option<String>,
    accessible: bool,
    diags: &mut Diagnostics,
) -> MarkupFile {
    let entry = input.entry;
    let article = input.article;
    let meta = &article.meta;
    let info_span = entry.info.id_span;
    // A hand-written bibliography's items print their `[label]`, or their number.
    let mut bibitems: std::collections::HashMap<String, String> = meta
        .bibitems
        .iter()
        .map(|item| (item.key.clone(), item.label.clone()))
        .collect();
    if let Some(list) = &references {
        bibitems.extend(list.numbers.clone());
    }
    let mut f = MarkupFile {
        options: WriteOptions {
            label_prefix: format!("wita-{}:", entry.index),
            bibitems,
            cite_data: references
                .as_ref()
                .map(|l| l.cite_data.clone())
                .unwrap_or_default(),
            bibitem_targets: references
                .as_ref()
                .map(|l| l.targets.clone())
                .unwrap_or_default(),
            references: None,
            widest_reference,
            math_alt: accessible,
        },
        ..MarkupFile::default()
    };
    let _ = writeln!(f.text, "#import {} as wita", string_lit(TEMPLATE_PATH));
    f.text.push_str("#let article = (\n");
    let _ = writeln!(f.text, "  n: {},", entry.index);
    let _ = writeln!(f.text, "  id: {},", string_lit(&entry.id));
    let _ = writeln!(f.text, "  issue: {},", string_lit(&issue.location.id));
    f.text.push_str("  tag: ");
    match &meta.primary_tag {
        Some(tag) => f.content(tag),
        None => f.text.push_str("[]"),
    }
    f.text.push_str(",\n  title: ");
    match &meta.title {
        Some(title) => f.content(title),
        None => f.plain(&entry.info.title, info_span),
    }
    f.text.push_str(",\n  authors: (\n");
    if meta.authors.is_empty() && meta.title.is_none() {
        for name in &entry.info.authors {
            f.text.push_str("    (name: ");
            f.plain(name, info_span);
            f.text.push_str(", institution: []),\n");
        }
    }
    for row in &meta.authors {
        f.text.push_str("    (name: ");
        f.content(&row.name);
        f.text.push_str(", institution: ");
        f.content(&row.institution);
        f.text.push_str("),\n");
    }
    f.text.push_str("  ),\n");
    let date = meta
        .date
        .as_ref()
        .map_or(entry.info.date.as_str(), |d| d.value.as_str());
    let _ = writeln!(f.text, "  date: {},", string_lit(date));
    f.text.push_str("  licence: ");
    match &meta.licence {
        Some(l) => f.plain(&l.value, l.span),
        None => f.plain(&entry.info.license, entry.info.license_span),
    }
    f.text.push_str(",\n");
    // English is the template's own language: only another one is written.
    let language = wita_journal::article_language(entry, diags);
    if !language.is_english() {
        let _ = writeln!(f.text, "  lang: {},", string_lit(&language.lang));
        if let Some(region) = &language.region {
            let _ = writeln!(f.text, "  region: {},", string_lit(region));
        }
    }
    f.text.push_str(")\n#show: wita.article.with(article)\n");
    // Chapters are titled with their name and number, as LaTeX's report
    // and book set them.
    if meta.chinese_chapters && meta.chapters {
        f.text
            .push_str("#show: wita.chapters.with(chinese: true)\n");
    } else if meta.chapters {
        f.text.push_str("#show: wita.chapters\n");
    }
    // Sections and tables numbered as the document's class numbers them.
    if let Some((section, subsection, table)) = meta.class_numbering() {
        let _ = writeln!(
            f.text,
            "#show: wita.class-numbering.with(section: {}, subsection: {}, table: {})",
            string_lit(section),
            string_lit(subsection),
            string_lit(table)
        );
    }
    // Equations, figures and tables numbered within chapters or sections.
    let within: Vec<String> = ["equation", "figure", "table"]
        .into_iter()
        .filter_map(|c| meta.numbering_level(c).map(|l| format!("{c}: {l}")))
        .collect();
    if !within.is_empty() {
        let _ = writeln!(
            f.text,
            "#show: wita.numbered-within.with({})",
            within.join(", ")
        );
    }
    f.text.push('\n');

    // The body, with the title block and licence box supplied when main.tex
    // has no `\stdarticle` or `\articlecopyrightinfo`.
    let mut body: Content = article.body.clone();
    let file_start = Span::new(entry.main, 0..0);
    if !body.iter().any(|n| matches!(n.kind, NodeKind::TitleBlock)) {
        body.insert(0, Node::new(NodeKind::TitleBlock, file_start));
    }
    if !body
        .iter()
        .any(|n| matches!(n.kind, NodeKind::LicenceBox(_)))
    {
        let at = body
            .iter()
            .position(|n| matches!(n.kind, NodeKind::TitleBlock))
            .map_or(0, |i| i + 1);
        let licence = vec![Node::new(
            NodeKind::Text(entry.info.license.clone()),
            entry.info.license_span,
        )];
        body.insert(at, Node::new(NodeKind::LicenceBox(licence), file_start));
    }
    if references.is_some() && meta.bibliographies.is_empty() {
        diags.push(
            Diagnostic::warning(codes::NO_PRINTBIBLIOGRAPHY, "the article cites works but has no `\\printbibliography`; its references are printed at its end")
                .at(file_start)
                .with_help("add `\\printbibliography` where the references should go"),
        );
        body.push(Node::new(NodeKind::Parbreak, file_start));
        body.push(Node::new(NodeKind::Bibliography, file_start));
    }
    // `\printbibliography` prints the article's list (nothing when it cites
    // nothing from its cite.bib, as biblatex does), wherever it stands.
    f.options.references = references.map(|l| l.items);
    let body_markup = write_content_with(&body, &f.options);
    if body_markup.has_math || f.has_math {
        // mitex's output calls these; only articles with math import them.
        let _ = writeln!(f.text, "#import {}: *", string_lit(MATH_PATH));
    }
    f.markup(body_markup);
    f.text.push('\n');
    diags.extend(std::mem::take(&mut f.diagnostics));
    f
}

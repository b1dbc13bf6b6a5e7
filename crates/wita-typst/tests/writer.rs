//! The writer on small documents: what citations, references, labels and
//! reference lists become, the map back to the LaTeX, and markup that typst
//! parses.

use std::collections::HashMap;

use wita_diag::{Sources, Span};
use wita_doc::{
    BibItem, Cite, CiteMode, Content, Math, MathEnv, Node, NodeKind, Ref, RefKind, Spanned,
};
use wita_typst::{CiteData, WriteOptions, write_content, write_content_with};

/// A source whose every byte can be a node's span.
struct Doc {
    file: wita_diag::FileId,
}

impl Doc {
    fn new() -> Self {
        let file = Sources::new().add("main.tex", "0123456789".repeat(10));
        Doc { file }
    }

    fn span(&self, at: usize) -> Span {
        Span::new(self.file, at..at + 1)
    }

    fn node(&self, at: usize, kind: NodeKind) -> Node {
        Node::new(kind, self.span(at))
    }

    fn text(&self, at: usize, text: &str) -> Node {
        self.node(at, NodeKind::Text(text.into()))
    }

    fn cite(&self, at: usize, mode: CiteMode, keys: &[&str]) -> Node {
        let keys = keys
            .iter()
            .enumerate()
            .map(|(i, k)| Spanned::new(k.to_string(), self.span(at + 1 + i)))
            .collect();
        self.node(
            at,
            NodeKind::Cite(Cite {
                keys,
                mode,
                prenote: None,
                postnote: None,
            }),
        )
    }
}

fn numbered(keys: &[(&str, &str)]) -> WriteOptions {
    WriteOptions {
        label_prefix: "wita-1:".into(),
        bibitems: keys
            .iter()
            .map(|(k, n)| (k.to_string(), n.to_string()))
            .collect(),
        ..WriteOptions::default()
    }
}

/// Typst's parser finds no error in the markup.
fn assert_parses(markup: &str) {
    let root = typst::syntax::parse(markup);
    let (errors, _) = root.errors_and_warnings();
    assert!(errors.is_empty(), "{errors:?} in\n{markup}");
}

#[test]
fn citations_print_their_numbers_notes_and_links() {
    let doc = Doc::new();
    let mut cite = doc.cite(0, CiteMode::Normal, &["a", "b"]);
    if let NodeKind::Cite(c) = &mut cite.kind {
        c.prenote = Some(vec![doc.text(5, "see")]);
        c.postnote = Some(vec![doc.text(6, "12-14")]);
    }
    let out = write_content_with(&vec![cite], &numbered(&[("a", "1"), ("b", "3")])).text;
    assert_eq!(
        out,
        "\\[see #link(label(\"wita-1:bibitem:a\"))[1];, #link(label(\"wita-1:bibitem:b\"))[3];, pp.~12–14\\]"
    );
    assert_parses(&out);
}

#[test]
fn text_citations_print_the_names_first() {
    let doc = Doc::new();
    let mut options = numbered(&[("knuth", "2")]);
    options.cite_data = HashMap::from([(
        "knuth".to_owned(),
        CiteData {
            names: Some("Knuth".into()),
            ..CiteData::default()
        },
    )]);
    let out = write_content_with(
        &vec![
            doc.cite(0, CiteMode::Text, &["knuth"]),
            doc.cite(10, CiteMode::Super, &["knuth"]),
        ],
        &options,
    )
    .text;
    assert!(out.starts_with("Knuth \\[#link("), "{out}");
    assert!(out.contains("#super[\\[#link("), "{out}");
    assert_parses(&out);
}

#[test]
fn labels_and_references_are_the_articles_own() {
    let doc = Doc::new();
    let reference = |kind| {
        doc.node(
            3,
            NodeKind::Ref(Ref {
                label: "sec:intro".into(),
                kind,
            }),
        )
    };
    let content = vec![
        doc.node(0, NodeKind::Anchor("sec:intro".into())),
        reference(RefKind::Number),
        reference(RefKind::Equation),
        reference(RefKind::Page),
        reference(RefKind::Title),
    ];
    let out = write_content_with(&content, &numbered(&[])).text;
    assert_eq!(
        out.matches("label(\"wita-1:sec:intro\")").count(),
        5,
        "{out}"
    );
    assert!(out.contains("#wita.eqref("), "{out}");
    assert!(out.contains("#wita.pageref("), "{out}");
    assert!(out.contains("#wita.nameref("), "{out}");
    assert_parses(&out);
}

#[test]
fn every_printbibliography_prints_the_list_and_links_go_to_the_first() {
    let doc = Doc::new();
    let mut options = numbered(&[("a", "1")]);
    options.references = Some(vec![BibItem {
        key: "a".into(),
        label: None,
        body: vec![doc.text(9, "A. Author. A Title. 2024.")],
        span: doc.span(9),
    }]);
    let content = vec![
        doc.node(0, NodeKind::Bibliography),
        doc.node(1, NodeKind::Parbreak),
        doc.node(2, NodeKind::Bibliography),
    ];
    let out = write_content_with(&content, &options).text;
    assert_eq!(out.matches("#wita.bibitems(").count(), 2, "{out}");
    assert_eq!(
        out.matches("target: label(\"wita-1:bibitem:a\")").count(),
        1,
        "{out}"
    );
    assert_eq!(out.matches("target: none").count(), 1, "{out}");
    assert!(out.contains("body: [A. Author. A Title. 2024"), "{out}");
    assert_parses(&out);
    // Without a list (an article that cites nothing), nothing is printed.
    assert_eq!(write_content(&content).text.trim(), "");
}

#[test]
fn the_map_leads_from_the_markup_back_to_the_latex() {
    let doc = Doc::new();
    let content = vec![
        doc.text(0, "First"),
        doc.node(5, NodeKind::Space),
        doc.node(
            7,
            NodeKind::Styled(wita_doc::Style::Bold, vec![doc.text(8, "second")]),
        ),
    ];
    let markup = write_content(&content);
    let at = |needle: &str| markup.text.find(needle).expect(needle);
    assert_eq!(markup.map.find(at("First")), Some(doc.span(0)));
    assert_eq!(markup.map.find(at("second")), Some(doc.span(8)));
    let shifted = markup.map.shifted(100);
    assert_eq!(shifted.find(100 + at("second")), Some(doc.span(8)));
}

#[test]
fn math_is_converted_and_marked() {
    let doc = Doc::new();
    let math = |env, tex: &str| doc.node(0, NodeKind::Math(Math::unnumbered(env, tex)));
    let markup = write_content(&vec![doc.text(0, "Let"), math(MathEnv::Inline, "x^2")]);
    assert!(markup.has_math);
    assert!(markup.text.contains('$'), "{}", markup.text);
    assert_parses(&markup.text);
    let plain: Content = vec![doc.text(0, "No math here.")];
    assert!(!write_content(&plain).has_math);
}

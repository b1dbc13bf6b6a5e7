//! Cross-references: LaTeX's `\label`, `\ref` and `\pageref`, amsmath's
//! `\eqref`, hyperref's `\autoref` and `\nameref`, cleveref, varioref.

use wita_diag::{Span, codes};
use wita_doc::{Content, Node, NodeKind, Ref, RefKind};

use super::Handler::Command;
use super::{Entry, entry};
use crate::reader::{Reader, push_text};

fn label(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let (tokens, arg_span) = r.expect_arg(name, span);
    let label = r.arg_string(tokens);
    if !label.is_empty() {
        if let Some(theorem) = r.theorem_stack.last().cloned() {
            r.theorem_refs.entry(label.clone()).or_insert(theorem);
        }
        r.labels.push((label.clone(), span.join(arg_span)));
        out.push(Node::new(NodeKind::Anchor(label), span.join(arg_span)));
    }
}

fn reference(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    r.read_star();
    let kind = match name {
        "eqref" => RefKind::Equation,
        "autoref" | "Autoref" => RefKind::Named,
        "cref" | "vref" => RefKind::Clever,
        "Cref" | "Vref" => RefKind::NamedCapital,
        "pageref" | "cpageref" => RefKind::Page,
        "nameref" => RefKind::Title,
        _ => RefKind::Number,
    };
    let (tokens, arg_span) = r.expect_arg(name, span);
    let labels = r.arg_string(tokens);
    let labels: Vec<&str> = labels
        .split(',')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let full = span.join(arg_span);
    let named = matches!(
        kind,
        RefKind::Named | RefKind::Clever | RefKind::NamedCapital
    );
    if named && labels.len() > 1 {
        // `\cref{a,b}` names several: one group, named as a whole once the
        // article is read (`figs. 1 and 2`).
        let refs = labels
            .iter()
            .map(|label| {
                let reference = Ref {
                    label: (*label).to_owned(),
                    kind,
                };
                Node::new(NodeKind::Ref(reference), full)
            })
            .collect();
        out.push(Node::new(NodeKind::Group(refs), full));
        return;
    }
    for (i, label) in labels.into_iter().enumerate() {
        if i > 0 {
            push_text(out, ", ".into(), span);
        }
        let reference = Ref {
            label: label.to_owned(),
            kind,
        };
        out.push(Node::new(NodeKind::Ref(reference), full));
    }
}

/// `\crefrange{a}{b}`: `figs. 1 to 3`.
fn crefrange(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    r.read_star();
    let (first, _) = r.expect_arg(name, span);
    let first = r.arg_string(first);
    let (last, arg_span) = r.expect_arg(name, span);
    let last = r.arg_string(last);
    let kind = if name == "Crefrange" {
        RefKind::NamedCapital
    } else {
        RefKind::Clever
    };
    let full = span.join(arg_span);
    let reference = |label: String| Node::new(NodeKind::Ref(Ref { label, kind }), full);
    // Named as a pair, then `and` becomes `to`.
    out.push(Node::new(
        NodeKind::Group(vec![reference(first), reference(last)]),
        full,
    ));
    r.ranges.push(full);
}

/// fancyref's `\fref{fig:a}` and `\Fref{fig:a}`: the name comes from the
/// label's prefix, not from what the label names (`Figure 1`, `equation
/// (2)`). The default `vario` format adds varioref's page words (` on the
/// next page`), which follow the author's pages, not the journal's: they
/// are left out.
fn fancyref(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let (tokens, arg_span) = r.expect_arg(name, span);
    let label = r.arg_string(tokens).trim().to_owned();
    let full = span.join(arg_span);
    let prefix = label.split_once(':').map_or("", |(p, _)| p);
    let names = match prefix {
        "chap" => Some(("chapter", "Chapter")),
        "enum" => Some(("item", "Item")),
        "eq" => Some(("equation", "Equation")),
        "fig" => Some(("figure", "Figure")),
        "fn" => Some(("footnote", "Footnote")),
        "sec" => Some(("section", "Section")),
        "tab" => Some(("table", "Table")),
        "part" => Some(("part", "Part")),
        _ => None,
    };
    let kind = if prefix == "eq" {
        RefKind::Equation
    } else {
        RefKind::Number
    };
    match names {
        Some((lower, capital)) => {
            let word = if name == "Fref" { capital } else { lower };
            push_text(out, word.into(), span);
            out.push(Node::new(NodeKind::NbSpace, span));
        }
        None => {
            let diagnostic = r.warn(
                codes::UNDEFINED_REFERENCE,
                full,
                format!("fancyref knows no prefix `{prefix}` (the label's part before `:`)"),
            );
            diagnostic.help.push(
                "fancyref names fig:, tab:, eq:, sec:, chap:, enum:, fn: and part: labels; the number is printed alone"
                    .into(),
            );
        }
    }
    out.push(Node::new(NodeKind::Ref(Ref { label, kind }), full));
}

#[rustfmt::skip]
pub(super) const ENTRIES: &[Entry] = &[
    entry("label", "m", Command(label), "names the place (the heading, float or equation around it)"),
    entry("ref", "s m", Command(reference), "the number of what the label names"),
    entry("eqref", "s m", Command(reference), "an equation's number, in parentheses"),
    entry("pageref", "s m", Command(reference), "the page the label is on"),
    entry("cpageref", "s m", Command(reference), "the page the label is on"),
    entry("autoref", "s m", Command(reference), "the number, with its name (`Figure 2`)"),
    entry("Autoref", "s m", Command(reference), "the number, with its name"),
    entry("cref", "s m", Command(reference), "the numbers of the labels, with their names"),
    entry("Cref", "s m", Command(reference), "the numbers, with their capitalised names"),
    entry("vref", "s m", Command(reference), "the number, with its name"),
    entry("Vref", "s m", Command(reference), "the number, with its name"),
    entry("crefrange", "s m m", Command(crefrange), "the range of numbers, with their plural name (`figs. 1 to 3`)"),
    entry("Crefrange", "s m m", Command(crefrange), "the range, with the capitalised name"),
    entry("fref", "m", Command(fancyref), "fancyref: the label's number with the name its prefix gives (`figure 1`)"),
    entry("Fref", "m", Command(fancyref), "fancyref: the number with the capitalised name (`Figure 1`)"),
    entry("nameref", "s m", Command(reference), "the title of what the label names (a heading's, a caption's, a theorem's note)"),
];

//! Cross-references: LaTeX's `\label`, `\ref` and `\pageref`, amsmath's
//! `\eqref`, hyperref's `\autoref` and `\nameref`, cleveref, varioref.

use wita_diag::Span;
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
        "autoref" | "Autoref" | "cref" | "vref" | "Vref" => RefKind::Named,
        "Cref" => RefKind::NamedCapital,
        "pageref" | "cpageref" => RefKind::Page,
        "nameref" => RefKind::Title,
        _ => RefKind::Number,
    };
    let (tokens, arg_span) = r.expect_arg(name, span);
    let labels = r.arg_string(tokens);
    // `\cref{a,b}` names several.
    for (i, label) in labels
        .split(',')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .enumerate()
    {
        if i > 0 {
            push_text(out, ", ".into(), span);
        }
        let reference = Ref {
            label: label.to_owned(),
            kind,
        };
        out.push(Node::new(NodeKind::Ref(reference), span.join(arg_span)));
    }
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
    entry("nameref", "s m", Command(reference), "the title of what the label names (a heading's, a caption's, a theorem's note)"),
];

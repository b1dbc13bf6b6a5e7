//! `\label` and `\ref`: a label right after a heading names the heading, one
//! inside a float names the float (equations take theirs while being read);
//! any other stays an anchor in the text. A reference to a label the article
//! does not define prints `??`, as LaTeX does, with a warning.

use std::collections::{HashMap, HashSet};

use wita_diag::{Diagnostic, Diagnostics, codes};
use wita_doc::{Content, Node, NodeKind, RefKind};

/// Moves labels onto the headings and floats they name.
pub fn attach_labels(content: &mut Content) {
    let mut i = 0;
    while i < content.len() {
        if let NodeKind::Float(float) = &mut content[i].kind {
            attach_labels(&mut float.body);
            if float.label.is_none() {
                // Of several labels, the float's is the last: the one after
                // its caption (an earlier one, a listing's `label=` without
                // a caption of its own, names what was numbered before).
                float.label = take_last_anchor(&mut float.body)
                    .or_else(|| take_aligned_anchor(&mut float.body));
            }
            // `\caption{\label{fig:x} Text}`: the caption steps the counter
            // first, so the label names the float.
            if float.label.is_none()
                && let Some(caption) = &mut float.caption
                && let Some((name, pos)) = take_anchor(caption)
            {
                float.label = Some(name);
                if matches!(caption.get(pos).map(|n| &n.kind), Some(NodeKind::Space)) {
                    caption.remove(pos);
                }
            }
        } else if let NodeKind::Heading(heading) = &mut content[i].kind {
            // `\section{Title \label{x}}`: the counter is stepped before the
            // title is set, so the label names the section.
            if heading.label.is_none()
                && let Some((name, _)) = take_anchor(&mut heading.body)
            {
                heading.label = Some(name);
                while matches!(heading.body.last().map(|n| &n.kind), Some(NodeKind::Space)) {
                    heading.body.pop();
                }
            }
        } else {
            for child in children_mut(&mut content[i]) {
                attach_labels(child);
            }
        }
        if let NodeKind::Anchor(name) = content[i].kind.clone() {
            let previous = content[..i]
                .iter()
                .rposition(|n| !matches!(n.kind, NodeKind::Space | NodeKind::Parbreak));
            if let Some(j) = previous
                && let NodeKind::Heading(heading) = &mut content[j].kind
                && heading.label.is_none()
            {
                heading.label = Some(name);
                content.remove(i);
                // The space the label left after the heading goes too.
                if matches!(content.get(i).map(|n| &n.kind), Some(NodeKind::Space)) {
                    content.remove(i);
                }
                continue;
            }
        }
        i += 1;
    }
}

/// Takes the first label (anchor) directly in `content` out: its name and
/// where it stood.
fn take_anchor(content: &mut Content) -> Option<(String, usize)> {
    let pos = content
        .iter()
        .position(|n| matches!(n.kind, NodeKind::Anchor(_)))?;
    match content.remove(pos).kind {
        NodeKind::Anchor(name) => Some((name, pos)),
        _ => None,
    }
}

/// Takes the last label (anchor) directly in `content` out.
fn take_last_anchor(content: &mut Content) -> Option<String> {
    let pos = content
        .iter()
        .rposition(|n| matches!(n.kind, NodeKind::Anchor(_)))?;
    match content.remove(pos).kind {
        NodeKind::Anchor(name) => Some(name),
        _ => None,
    }
}

/// A float's label inside `\begin{center}` (or a group) around its caption.
fn take_aligned_anchor(content: &mut Content) -> Option<String> {
    content.iter_mut().find_map(|node| match &mut node.kind {
        NodeKind::Align(_, inner) | NodeKind::Group(inner) => take_anchor(inner)
            .map(|(name, _)| name)
            .or_else(|| take_aligned_anchor(inner)),
        _ => None,
    })
}

fn children_mut(node: &mut Node) -> Vec<&mut Content> {
    if matches!(node.kind, NodeKind::Boxed(_)) {
        return wita_doc::children_mut(node);
    }
    match &mut node.kind {
        NodeKind::Group(c)
        | NodeKind::Styled(_, c)
        | NodeKind::Footnote(c)
        | NodeKind::LicenceBox(c)
        | NodeKind::Link { body: c, .. }
        | NodeKind::Quote(c)
        | NodeKind::Align(_, c)
        | NodeKind::Parbox { body: c, .. }
        | NodeKind::Subequations { body: c, .. }
        | NodeKind::Scaled(_, c) => vec![c],
        NodeKind::List(list) => list.items.iter_mut().map(|item| &mut item.body).collect(),
        NodeKind::Table(table) => table
            .rows
            .iter_mut()
            .flat_map(|row| match row {
                wita_doc::TableRow::Cells(cells) => {
                    cells.iter_mut().map(|c| &mut c.content).collect()
                }
                wita_doc::TableRow::Rule(_) => Vec::new(),
            })
            .collect(),
        NodeKind::Unknown { args, .. } => args.iter_mut().collect(),
        _ => Vec::new(),
    }
}

/// Keeps the last definition of each label and drops the others, as LaTeX
/// does (it warns `Label multiply defined`; each `\newlabel` the .aux
/// file reads back replaces the one before, so references go to the
/// last): Typst would stop on a label defined twice. The reader warns at
/// each repeat.
pub fn drop_repeated_labels(content: &mut Content) {
    // How many definitions of each label are still to come.
    let mut left: HashMap<String, usize> = HashMap::new();
    let mut count = |label: &str| *left.entry(label.to_owned()).or_default() += 1;
    wita_doc::walk(content, &mut |node| match &node.kind {
        NodeKind::Anchor(name) => count(name),
        NodeKind::Heading(h) => h.label.iter().for_each(|l| count(l)),
        NodeKind::Subequations { label, .. } => label.iter().for_each(|l| count(l)),
        NodeKind::Float(f) => f.label.iter().for_each(|l| count(l)),
        NodeKind::Math(m) => m.label.iter().chain(&m.row_labels).for_each(|l| count(l)),
        _ => {}
    });
    let mut keep = |label: &mut Option<String>| {
        if let Some(l) = label.as_ref()
            && let Some(n) = left.get_mut(l)
        {
            *n -= 1;
            if *n > 0 {
                *label = None;
            }
        }
    };
    wita_doc::walk_mut(content, &mut |node| match &mut node.kind {
        NodeKind::Anchor(name) => {
            let mut label = Some(std::mem::take(name));
            keep(&mut label);
            node.kind = match label {
                Some(name) => NodeKind::Anchor(name),
                None => NodeKind::Group(Vec::new()),
            };
        }
        NodeKind::Heading(h) => keep(&mut h.label),
        NodeKind::Subequations { label, .. } => keep(label),
        NodeKind::Float(f) => keep(&mut f.label),
        NodeKind::Math(m) => {
            keep(&mut m.label);
            let mut rows = std::mem::take(&mut m.row_labels);
            rows.retain(|l| {
                let mut label = Some(l.clone());
                keep(&mut label);
                label.is_some()
            });
            m.row_labels = rows;
        }
        _ => {}
    });
}

/// Prints references to theorems (numbered by the reader) as their numbers:
/// `\ref` as `2.1`, `\eqref` as `(2.1)`, `\autoref` as `Lemma 2.1`.
pub fn resolve_theorem_refs(
    content: &mut Content,
    theorems: &std::collections::HashMap<String, crate::reader::TheoremRef>,
) {
    if theorems.is_empty() {
        return;
    }
    // Everywhere: headings, captions and notes too.
    wita_doc::walk_mut(content, &mut |node| {
        if let NodeKind::Ref(r) = &node.kind
            && let Some(crate::reader::TheoremRef {
                named,
                number,
                title,
                ..
            }) = theorems.get(&r.label)
        {
            let text = match r.kind {
                RefKind::Number => number.clone(),
                RefKind::Equation => format!("({number})"),
                // cleveref's `\cref` and `\Cref` are named where the other
                // references are (crossref.rs, with cleveref's words).
                RefKind::Named | RefKind::NamedCapital | RefKind::Clever => named.clone(),
                RefKind::Title => title.clone(),
                RefKind::Page => return,
            };
            node.kind = NodeKind::Text(text);
        }
    });
}

/// Replaces references to labels the article does not define by `??`.
pub fn check_refs(content: &mut Content, defined: &HashSet<String>, diags: &mut Diagnostics) {
    for node in content.iter_mut() {
        if let NodeKind::Ref(r) = &node.kind {
            if !defined.contains(&r.label) {
                diags.push(
                    Diagnostic::warning(
                        codes::UNDEFINED_REFERENCE,
                        format!(
                            "no `\\label{{{}}}` in this article; the reference prints `??`",
                            r.label
                        ),
                    )
                    .at(node.span),
                );
                // amsmath's `\eqref` keeps its parentheses: `(??)`.
                let shown = if r.kind == RefKind::Equation {
                    "(??)"
                } else {
                    "??"
                };
                node.kind = NodeKind::Text(shown.into());
            }
            continue;
        }
        if let NodeKind::Float(float) = &mut node.kind {
            check_refs(&mut float.body, defined, diags);
            if let Some(caption) = &mut float.caption {
                check_refs(caption, defined, diags);
            }
            continue;
        }
        if let NodeKind::Heading(h) = &mut node.kind {
            check_refs(&mut h.body, defined, diags);
            continue;
        }
        for child in children_mut(node) {
            check_refs(child, defined, diags);
        }
    }
}

/// Pairs each `\footnotemark` with the next `\footnotetext` (in reading
/// order): the mark becomes the footnote. A text without a mark is a footnote
/// where it stands; a mark without a text is an empty footnote.
pub fn pair_footnotes(content: &mut Content) {
    let mut marks: Vec<Vec<usize>> = Vec::new();
    let mut path = Vec::new();
    collect_marks(content, &mut path, &mut marks);
    let mut texts: Vec<(Vec<usize>, Content)> = Vec::new();
    path.clear();
    take_texts(content, &mut path, &mut texts);
    let mut texts = texts.into_iter();
    let mut unpaired = Vec::new();
    for mark in &marks {
        let node = node_at(content, mark);
        match texts.next() {
            Some((_, text)) => node.kind = NodeKind::Footnote(text),
            None => node.kind = NodeKind::Footnote(Vec::new()),
        }
    }
    unpaired.extend(texts);
    for (at, text) in unpaired {
        node_at(content, &at).kind = NodeKind::Footnote(text);
    }
}

fn collect_marks(content: &mut Content, path: &mut Vec<usize>, marks: &mut Vec<Vec<usize>>) {
    for (i, node) in content.iter_mut().enumerate() {
        path.push(i);
        if matches!(node.kind, NodeKind::FootnoteMark) {
            marks.push(path.clone());
        }
        for (j, child) in children_mut(node).into_iter().enumerate() {
            path.push(j);
            collect_marks(child, path, marks);
            path.pop();
        }
        path.pop();
    }
}

/// Takes the text of every `\footnotetext`, leaving an empty group in its place.
fn take_texts(
    content: &mut Content,
    path: &mut Vec<usize>,
    texts: &mut Vec<(Vec<usize>, Content)>,
) {
    for (i, node) in content.iter_mut().enumerate() {
        path.push(i);
        if let NodeKind::FootnoteText(text) = &mut node.kind {
            let text = std::mem::take(text);
            node.kind = NodeKind::Group(Vec::new());
            texts.push((path.clone(), text));
        }
        for (j, child) in children_mut(node).into_iter().enumerate() {
            path.push(j);
            take_texts(child, path, texts);
            path.pop();
        }
        path.pop();
    }
}

/// The node at a path of (node index, child content index) pairs.
fn node_at<'a>(content: &'a mut Content, path: &[usize]) -> &'a mut Node {
    let (&first, rest) = path.split_first().expect("a non-empty path");
    let node = &mut content[first];
    match rest.split_first() {
        None => node,
        Some((&child, rest)) => node_at(children_mut(node).swap_remove(child), rest),
    }
}

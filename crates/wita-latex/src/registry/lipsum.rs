//! The lipsum package's dummy text: `\lipsum[3-5]`, `\lipsum*[2][1-3]`,
//! and kantlipsum's: `\kant[1-3]`.
//! Templates fill their pages with it; without it they print the numbers.
//!
//! `lipsum.txt` holds the package's 150 paragraphs, one per line, as its
//! `lipsum.ltd.tex` (lipsum 2.7, LaTeX Project Public License 1.3c) has
//! them, so that they print as LaTeX prints them; the README's "Fonts"
//! section says so too.

use wita_diag::Span;
use wita_doc::{Content, Node, NodeKind};

use super::Handler::Command;
use super::{Entry, entry};
use crate::reader::{Reader, push_parbreak};

const PARAGRAPHS: &str = include_str!("lipsum.txt");

/// kantlipsum's 164 paragraphs of pseudo-Kant, one per line, as its
/// `kantlipsum.sty` (kantlipsum 0.8, LaTeX Project Public License 1.3c)
/// has them.
const KANT: &str = include_str!("kantlipsum.txt");

/// `a-b`, `a-`, `-b` or `a` within `1..=last` (lipsum's range syntax; an
/// empty side is the first or the last).
fn range(spec: &str, last: usize) -> (usize, usize) {
    let spec = spec.trim();
    let number = |s: &str, default: usize| s.trim().parse::<usize>().unwrap_or(default);
    match spec.split_once('-') {
        Some((a, b)) => (number(a, 1), number(b, last)),
        None => {
            let n = number(spec, 1);
            (n, n)
        }
    }
}

/// The sentences of a paragraph (each ends with its stop).
fn sentences(paragraph: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in paragraph.match_indices(". ") {
        out.push(paragraph[start..=i].trim());
        start = i + 2;
    }
    if start < paragraph.len() {
        out.push(paragraph[start..].trim());
    }
    out
}

/// The items of `items` that `spec` names (`a-b`, counted from 1; none
/// when the range holds none).
fn pick<'a, T>(items: &'a [T], spec: &str) -> &'a [T] {
    let (a, b) = range(spec, items.len());
    items
        .get(a.max(1) - 1..b.min(items.len()))
        .unwrap_or_default()
}

/// `*[pars][sentences]`, as lipsum and kantlipsum read them: whether the
/// command is starred, the paragraphs of `text` (one per line) it names,
/// 1–7 by default, and its sentence range, if any.
fn dummy_args(r: &mut Reader<'_>, text: &'static str) -> (bool, Vec<&'static str>, Option<String>) {
    let star = r.read_star();
    let pars = r.read_optional().map(|(t, _)| r.arg_string(t));
    let chosen = r.read_optional().map(|(t, _)| r.arg_string(t));
    let all: Vec<&'static str> = text.lines().collect();
    let picked = pick(&all, pars.as_deref().unwrap_or("1-7")).to_vec();
    (star, picked, chosen)
}

/// `\lipsum[pars][sentences]`: paragraphs 1–7 by default, separated by
/// paragraph breaks (none before the first or after the last: the text
/// around runs on, as in LaTeX); the starred form runs them on, as one.
fn lipsum(r: &mut Reader<'_>, _: &str, span: Span, out: &mut Content) {
    let (star, picked, chosen) = dummy_args(r, PARAGRAPHS);
    let texts: Vec<String> = match chosen {
        // Sentences `c-d` of the paragraphs, counted through all of them.
        Some(spec) => {
            let sentences: Vec<&str> = picked.iter().flat_map(|p| sentences(p)).collect();
            vec![pick(&sentences, &spec).join(" ")]
        }
        None => picked.iter().map(|p| (*p).to_owned()).collect(),
    };
    for (i, text) in texts.iter().enumerate() {
        if i > 0 {
            if star {
                out.push(Node::new(NodeKind::Space, span));
            } else {
                push_parbreak(out, span);
            }
        }
        out.push(Node::new(NodeKind::Text(text.clone()), span));
    }
}

/// kantlipsum's `\kant[pars][sentences]`: paragraphs 1–7 by default, each
/// ended by a paragraph break (the starred form: by a space), or sentences
/// `c-d` of the first paragraph named, as kantlipsum splits them at its
/// stops.
fn kant(r: &mut Reader<'_>, _: &str, span: Span, out: &mut Content) {
    let (star, picked, chosen) = dummy_args(r, KANT);
    let texts: Vec<String> = match (chosen, picked.first()) {
        (Some(spec), Some(first)) => {
            let sentences: Vec<&str> = first
                .split('.')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            vec![format!("{}.", pick(&sentences, &spec).join(". "))]
        }
        _ => picked.iter().map(|p| (*p).to_owned()).collect(),
    };
    for text in texts {
        out.push(Node::new(NodeKind::Text(text), span));
        if star {
            out.push(Node::new(NodeKind::Space, span));
        } else {
            push_parbreak(out, span);
        }
    }
}

#[rustfmt::skip]
pub(super) const ENTRIES: &[Entry] = &[
    entry("lipsum", "s o o", Command(lipsum), "lipsum's dummy paragraphs (`[3-5]`, `[2][1-3]` for sentences)"),
    entry("kant", "s o o", Command(kant), "kantlipsum's dummy paragraphs (`[3-5]`, `[2][1-3]` for sentences)"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_package_has_its_150_paragraphs() {
        let all: Vec<&str> = PARAGRAPHS.lines().collect();
        assert_eq!(all.len(), 150);
        assert!(all[0].starts_with("Lorem ipsum dolor sit amet"));
        assert!(all.iter().all(|p| !p.contains(['\\', '{', '%'])));
    }

    #[test]
    fn kantlipsum_has_its_164_paragraphs() {
        let all: Vec<&str> = KANT.lines().collect();
        assert_eq!(all.len(), 164);
        assert!(all[0].starts_with("As any dedicated reader can clearly see"));
        assert!(all.iter().all(|p| !p.contains(['\\', '{', '%'])));
    }

    #[test]
    fn ranges_as_lipsum_reads_them() {
        assert_eq!(range("3", 150), (3, 3));
        assert_eq!(range("2-4", 150), (2, 4));
        assert_eq!(range("148-", 150), (148, 150));
        assert_eq!(range("-2", 150), (1, 2));
        assert_eq!(sentences("A b. C d. E.").len(), 3);
    }
}

//! The lipsum package's dummy text: `\lipsum[3-5]`, `\lipsum*[2][1-3]`,
//! kantlipsum's: `\kant[1-3]`, zhlipsum's Chinese:
//! `\zhlipsum[1-3][name=zhufu]`, and blindtext's: `\blindtext`,
//! `\Blindtext`.
//! Templates fill their pages with it; without it they print the numbers.
//!
//! `lipsum.txt` holds the package's 150 paragraphs, one per line, as its
//! `lipsum.ltd.tex` (lipsum 2.7, LaTeX Project Public License 1.3c) has
//! them, so that they print as LaTeX prints them; the README's "Fonts"
//! section says so too.

use wita_diag::{Span, codes};
use wita_doc::{Content, Node, NodeKind};

use super::Handler::Command;
use super::{Entry, entry};
use crate::reader::{Reader, push_parbreak};

const PARAGRAPHS: &str = include_str!("lipsum.txt");

/// kantlipsum's 164 paragraphs of pseudo-Kant, one per line, as its
/// `kantlipsum.sty` (kantlipsum 0.8, LaTeX Project Public License 1.3c)
/// has them.
const KANT: &str = include_str!("kantlipsum.txt");

/// zhlipsum's six texts, one paragraph per line after its text's name and
/// a tab (`simp`, `trad`, `nanshanjing`, `xiangyu`, `zhufu`, `aspirin`), as
/// its `zhlipsum-utf8.def` (zhlipsum 1.2.0, LaTeX Project Public License
/// 1.3c) has them, with that file's escapes written out (`*` a space, `+%`
/// a per cent sign, `+"a` an ä, `+textless` a `<`, `--` an en dash).
const ZHLIPSUM: &str = include_str!("zhlipsum.txt");

/// blindtext's English paragraph, as its `blindtext.sty` (blindtext 2.0 by
/// Knut Lickert, under the LaTeX Project Public License as CTAN lists it)
/// has it for `english`, LaTeX's own
/// language (its quotes and dash as TeX's ligatures make them).
const BLIND: &str = "Hello, here is some text without a meaning. This text should show what a printed text will look like at this place. If you read this text, you will get no information. Really? Is there no information? Is there a difference between this text and some nonsense like \u{201C}Huardest gefburn\u{201D}? Kjift \u{2013} not at all! A blind text like this gives you information about the selected font, how the letters are written and an impression of the look. This text should contain all letters of the alphabet and it should be written in of the original language. There is no need for special content, but the length of words should match the language.";

/// What blindtext puts before its paragraphs, in turn (`\Blindtext`): the
/// first says nothing, the fifth starts the cycle again.
const BLIND_STARTS: [&str; 4] = [
    "",
    "This is the second paragraph. ",
    "And after the second paragraph follows the third paragraph. ",
    "After this fourth paragraph, we start a new paragraph sequence. ",
];

/// `\blindtext[n]`: the paragraph n times over, run together; and
/// `\Blindtext[p][n]`: p paragraphs of it (5), each n times over (1),
/// each but the first of a cycle of four started as blindtext starts them.
fn blindtext(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let number = |r: &mut Reader<'_>, default: usize| {
        r.read_optional()
            .and_then(|(t, _)| r.arg_string(t).trim().parse::<usize>().ok())
            .unwrap_or(default)
            .min(100)
    };
    let repeated = |times: usize| vec![BLIND; times.max(1)].join(" ");
    if name == "blindtext" {
        let times = number(r, 1);
        out.push(Node::new(NodeKind::Text(repeated(times)), span));
        out.push(Node::new(NodeKind::Space, span));
        return;
    }
    let paragraphs = number(r, 5);
    let times = number(r, 1);
    for i in 0..paragraphs {
        let start = BLIND_STARTS[i % 4];
        out.push(Node::new(
            NodeKind::Text(format!("{start}{}", repeated(times))),
            span,
        ));
        push_parbreak(out, span);
    }
}

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

/// The paragraphs of zhlipsum's text `name`, if it has one.
fn zhlipsum_text(name: &str) -> Option<Vec<&'static str>> {
    let paragraphs: Vec<&str> = ZHLIPSUM
        .lines()
        .filter_map(|line| line.split_once('\t'))
        .filter(|(text, _)| *text == name)
        .map(|(_, paragraph)| paragraph)
        .collect();
    (!paragraphs.is_empty()).then_some(paragraphs)
}

/// The paragraph numbers zhlipsum's `spec` names among `1..=last`: a
/// comma list of `a`, `a-b`, `a-` and `-b`, a side beyond the text moved
/// to its end; and the items that name none (zhlipsum warns of each and
/// leaves it out).
fn zhlipsum_range(spec: &str, last: usize) -> (Vec<usize>, Vec<String>) {
    let mut numbers = Vec::new();
    let mut invalid = Vec::new();
    for item in spec.split(',').map(str::trim).filter(|i| !i.is_empty()) {
        let number = |s: &str| s.trim().parse::<i64>().ok();
        let (a, b) = match item.split_once('-') {
            Some((a, b)) => (
                if a.trim().is_empty() {
                    Some(1)
                } else {
                    number(a).map(|n| n.max(1))
                },
                if b.trim().is_empty() {
                    Some(last as i64)
                } else {
                    number(b).map(|n| n.min(last as i64))
                },
            ),
            None => (number(item), number(item)),
        };
        match (a, b) {
            (Some(a), Some(b)) if a >= 1 && a <= b && b <= last as i64 => {
                numbers.extend(a as usize..=b as usize)
            }
            _ => invalid.push(item.to_owned()),
        }
    }
    (numbers, invalid)
}

/// zhlipsum's `\zhlipsum[pars][options]` (or `\zhlipsum[options]`):
/// paragraphs 1–3 of the text `name=` chooses (`simp` by default), each
/// ended by a paragraph break; the starred form runs them together, as
/// Chinese runs on, without even a space. `before=`, `after=` and `inter=`
/// put their text before, after and between the paragraphs instead.
fn zhlipsum(r: &mut Reader<'_>, _: &str, span: Span, out: &mut Content) {
    let star = r.read_star();
    let first = r.read_optional().map(|(t, _)| t);
    let second = r.read_optional().map(|(t, _)| t);
    let first_is_keys = first.as_ref().is_some_and(|t| {
        t.iter()
            .any(|t| matches!(&t.kind, crate::lex::TokenKind::Text(s) if s.contains('=')))
    });
    let (pars, keys) = match (first, second) {
        (Some(keys), None) if first_is_keys => (None, Some(keys)),
        (pars, keys) => (pars, keys),
    };
    let pars = pars.map(|t| r.arg_string(t));
    let mut name = "simp".to_owned();
    let (mut before, mut after, mut inter) = (None, None, None);
    for (key, value) in keys.map(super::glossaries::key_values).unwrap_or_default() {
        match key.as_str() {
            "name" | "script" => name = r.arg_string(value).trim().to_owned(),
            "before" => before = Some(r.content_of(value)),
            "after" => after = Some(r.content_of(value)),
            "inter" => inter = Some(r.content_of(value)),
            other => {
                r.warn(
                    codes::UNREADABLE_VALUE,
                    span,
                    format!("zhlipsum has no option `{other}`; it is ignored"),
                );
            }
        }
    }
    let Some(text) = zhlipsum_text(&name) else {
        r.warn(
            codes::UNREADABLE_VALUE,
            span,
            format!("zhlipsum has no text named `{name}`; nothing is printed"),
        )
        .help
        .push("its texts are simp, trad, nanshanjing, xiangyu, zhufu and aspirin".to_owned());
        return;
    };
    let (numbers, invalid) = zhlipsum_range(pars.as_deref().unwrap_or("1-3"), text.len());
    for item in invalid {
        r.warn(
            codes::UNREADABLE_VALUE,
            span,
            format!(
                "zhlipsum's `{name}` has no paragraph `{item}` (it has {}); it is left out",
                text.len()
            ),
        );
    }
    if numbers.is_empty() {
        return;
    }
    // Unstarred: nothing before, a paragraph break between and after.
    let between = |out: &mut Content, given: &Option<Content>| match given {
        Some(content) => out.extend(content.iter().cloned()),
        None if !star => push_parbreak(out, span),
        None => {}
    };
    if let Some(content) = &before {
        out.extend(content.iter().cloned());
    }
    for (i, n) in numbers.iter().enumerate() {
        if i > 0 {
            between(out, &inter);
        }
        out.push(Node::new(NodeKind::Text(text[n - 1].to_owned()), span));
    }
    between(out, &after);
}

#[rustfmt::skip]
pub(super) const ENTRIES: &[Entry] = &[
    entry("lipsum", "s o o", Command(lipsum), "lipsum's dummy paragraphs (`[3-5]`, `[2][1-3]` for sentences)"),
    entry("kant", "s o o", Command(kant), "kantlipsum's dummy paragraphs (`[3-5]`, `[2][1-3]` for sentences)"),
    entry("zhlipsum", "s o o", Command(zhlipsum), "zhlipsum's Chinese dummy paragraphs (`[1-3][name=zhufu]`)"),
    entry("blindtext", "o", Command(blindtext), "blindtext's English paragraph (`[n]` times over)"),
    entry("Blindtext", "o o", Command(blindtext), "blindtext's paragraphs (`[5][1]`)"),
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
    fn zhlipsum_has_its_six_texts() {
        let count = |name| zhlipsum_text(name).map_or(0, |t| t.len());
        assert_eq!(
            ["simp", "trad", "nanshanjing", "xiangyu", "zhufu", "aspirin"].map(count),
            [50, 50, 43, 45, 110, 66]
        );
        assert!(zhlipsum_text("simp").unwrap()[0].starts_with("劳仑衣普桑"));
        assert!(zhlipsum_text("zhufu").unwrap()[0].starts_with("旧历的年底"));
        assert!(ZHLIPSUM.lines().all(|p| !p.contains(['\\', '{', '+', '*'])));
        assert_eq!(count("latin"), 0);
    }

    #[test]
    fn ranges_as_zhlipsum_reads_them() {
        assert_eq!(zhlipsum_range("1-3", 50).0, [1, 2, 3]);
        assert_eq!(zhlipsum_range("2,5-6", 50).0, [2, 5, 6]);
        assert_eq!(zhlipsum_range("48-", 50).0, [48, 49, 50]);
        assert_eq!(zhlipsum_range("-2", 50).0, [1, 2]);
        // A side beyond the text is moved to its end; a range past it is
        // left out.
        assert_eq!(zhlipsum_range("49-60", 50).0, [49, 50]);
        assert_eq!(zhlipsum_range("60,2", 50), (vec![2], vec!["60".to_owned()]));
        assert_eq!(zhlipsum_range("5-3", 50).1, ["5-3"]);
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

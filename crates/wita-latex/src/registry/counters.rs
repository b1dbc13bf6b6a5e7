//! An article's own counters: `\newcounter{step}`, `\stepcounter{step}`,
//! `\setcounter{step}{\value{other}}`, and their values printed with
//! `\arabic{step}`, `\roman`, `\alph`, `\fnsymbol` or `\thestep`. The
//! article is read in order, as TeX reads it, so a value is the one it has
//! where it is printed. LaTeX's own counters (`section`, `equation`, `page`)
//! are the template's: setting them is ignored, as before.

use std::collections::HashMap;

use wita_diag::{Span, codes};
use wita_doc::{Content, Node, NodeKind};

use super::Handler::Command;
use super::{Entry, entry};
use crate::lex::{Token, TokenKind};
use crate::reader::{Macro, Reader, push_text};

/// The article's counters: values, and the counters each one resets when
/// it steps (`\newcounter{b}[a]`).
#[derive(Debug, Default)]
pub(crate) struct Counters {
    values: HashMap<String, i64>,
    resets: HashMap<String, Vec<String>>,
}

impl Counters {
    /// The value of an article's counter.
    pub(crate) fn value(&self, name: &str) -> Option<i64> {
        self.values.get(name).copied()
    }
}

/// The counter named by the next argument.
fn counter_name(r: &mut Reader<'_>, name: &str, span: Span) -> String {
    let (tokens, _) = r.expect_arg(name, span);
    r.arg_string(tokens).trim().to_owned()
}

fn newcounter(r: &mut Reader<'_>, name: &str, span: Span, _: &mut Content) {
    let counter = counter_name(r, name, span);
    let within = r
        .read_optional()
        .map(|(t, _)| r.arg_string(t).trim().to_owned());
    if counter.is_empty() {
        return;
    }
    r.counters.values.insert(counter.clone(), 0);
    if let Some(parent) = within {
        r.counters
            .resets
            .entry(parent)
            .or_default()
            .push(counter.clone());
    }
    // `\thestep`, as LaTeX defines it, unless the article has its own.
    let token = |kind| Token { kind, span };
    r.macros
        .entry(format!("the{counter}"))
        .or_insert_with(|| Macro {
            params: 0,
            default: None,
            body: vec![
                token(TokenKind::Command("arabic".into())),
                token(TokenKind::BeginGroup),
                token(TokenKind::Text(counter)),
                token(TokenKind::EndGroup),
            ]
            .into(),
            delimiters: None,
        });
}

/// `\setcounter`, `\addtocounter`, `\stepcounter`, `\refstepcounter`: an
/// article's counter changes; LaTeX's own are the template's.
fn set(r: &mut Reader<'_>, name: &str, span: Span, _: &mut Content) {
    let counter = counter_name(r, name, span);
    let amount = match name {
        "setcounter" | "addtocounter" => {
            let (tokens, _) = r.expect_arg(name, span);
            Some(value_of(r, tokens))
        }
        _ => None,
    };
    let Some(&old) = r.counters.values.get(&counter) else {
        return;
    };
    let new = match (name, amount) {
        ("setcounter", Some(v)) => v.unwrap_or(old),
        ("addtocounter", Some(v)) => old + v.unwrap_or(0),
        _ => old + 1,
    };
    r.counters.values.insert(counter.clone(), new);
    if matches!(name, "stepcounter" | "refstepcounter") {
        reset_within(&mut r.counters, &counter, 0);
    }
}

/// Resets the counters within `counter`, and theirs in turn.
fn reset_within(counters: &mut Counters, counter: &str, depth: usize) {
    if depth > 16 {
        return;
    }
    for child in counters.resets.get(counter).cloned().unwrap_or_default() {
        counters.values.insert(child.clone(), 0);
        reset_within(counters, &child, depth + 1);
    }
}

/// A counter expression: a number, or `\value{name}` (with a sign).
pub(super) fn value_of(r: &mut Reader<'_>, tokens: Vec<Token>) -> Option<i64> {
    let text = r.arg_string(tokens.clone());
    let text = text.trim();
    if let Some(inner) = text
        .strip_prefix("\\value{")
        .or_else(|| text.strip_prefix("-\\value{"))
    {
        let name = inner.trim_end_matches('}').trim();
        let value = *r.counters.values.get(name)?;
        return Some(if text.starts_with('-') { -value } else { value });
    }
    r.with_input(tokens, super::core::read_tex_number)
}

/// `\arabic{name}`, `\roman{name}` … and `\thename` of the article's
/// counters in a body, replaced by their values now (for `\edef`).
pub(crate) fn values_now(r: &Reader<'_>, body: Vec<Token>) -> Vec<Token> {
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        if let TokenKind::Command(style) = &body[i].kind {
            let styled = matches!(
                style.as_str(),
                "arabic" | "roman" | "Roman" | "alph" | "Alph" | "fnsymbol"
            );
            let named = match &body[i + 1..] {
                [open, name, close, ..]
                    if styled
                        && open.kind == TokenKind::BeginGroup
                        && close.kind == TokenKind::EndGroup =>
                {
                    match &name.kind {
                        TokenKind::Text(n) => Some((style.as_str(), n.as_str(), 4)),
                        _ => None,
                    }
                }
                _ => style
                    .strip_prefix("the")
                    .filter(|n| r.counters.values.contains_key(*n))
                    .filter(|_| {
                        // Only LaTeX's own `\thename`: the article's may print
                        // something else.
                        r.macros.get(style.as_str()).is_some_and(|m| {
                            m.body.first().is_some_and(|t| t.is_command("arabic"))
                                && m.body.len() == 4
                        })
                    })
                    .map(|n| ("arabic", n, 1)),
            };
            if let Some((style, name, len)) = named
                && let Some(&value) = r.counters.values.get(name)
            {
                out.push(Token {
                    kind: TokenKind::Text(format_value(style, value)),
                    span: body[i].span,
                });
                i += len;
                continue;
            }
        }
        out.push(body[i].clone());
        i += 1;
    }
    out
}

/// `\thepage` (and `\arabic{page}`): the number of the page it is printed
/// on, as `\pageref` prints it of a mark put here.
fn thepage(r: &mut Reader<'_>, span: Span, out: &mut Content) {
    r.page_marks += 1;
    let mark = format!("wita-page-mark:{}", r.page_marks);
    r.labels.push((mark.clone(), span));
    out.push(Node::new(NodeKind::Anchor(mark.clone()), span));
    out.push(Node::new(
        NodeKind::Ref(wita_doc::Ref {
            label: mark,
            kind: wita_doc::RefKind::Page,
        }),
        span,
    ));
}

/// `\thepage`.
fn the_page(r: &mut Reader<'_>, _: &str, span: Span, out: &mut Content) {
    thepage(r, span, out);
}

/// `\thechapter`, `\thesection`, `\thesubsection`, `\thesubsubsection`:
/// the number of the heading of that level the text is in (the headings
/// read so far, in the order the article prints them).
fn the_heading(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let level = match name {
        "thechapter" => 0,
        "thesection" => 1,
        "thesubsection" => 2,
        _ => 3,
    };
    push_text(out, r.heading_number(level), span);
}

/// `\thefigure`, `\thetable`, `\theequation`: the number of the last
/// one before it (0 before the first), known where the article is laid out.
fn the_last(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let kind = match name {
        "thefigure" => wita_doc::NumberedKind::Figure,
        "thetable" => wita_doc::NumberedKind::Table,
        _ if r.reading_tag => wita_doc::NumberedKind::EquationOfTag,
        _ => wita_doc::NumberedKind::Equation,
    };
    out.push(Node::new(NodeKind::LastNumber(kind), span));
}

/// `\arabic{step}` and its kin: the value of an article's counter.
fn print(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let (tokens, arg_span) = r.expect_arg(name, span);
    let counter = r.arg_string(tokens).trim().to_owned();
    if counter == "page" && name == "arabic" {
        thepage(r, span.join(arg_span), out);
        return;
    }
    let Some(&value) = r.counters.values.get(&counter) else {
        r.warn(
            codes::UNKNOWN_COMMAND,
            span.join(arg_span),
            format!("`\\{name}{{{counter}}}`: the value of LaTeX's counter `{counter}` is the template's, and is not printed here"),
        );
        return;
    };
    push_text(out, format_value(name, value), span.join(arg_span));
}

/// A value as `\arabic`, `\roman`, `\Roman`, `\alph`, `\Alph` or
/// `\fnsymbol` prints it (a value they cannot print is printed in digits).
pub(super) fn format_value(style: &str, value: i64) -> String {
    match style {
        "roman" | "Roman" if (1..4000).contains(&value) => {
            let mut n = value;
            let mut s = String::new();
            for (v, r) in [
                (1000, "m"),
                (900, "cm"),
                (500, "d"),
                (400, "cd"),
                (100, "c"),
                (90, "xc"),
                (50, "l"),
                (40, "xl"),
                (10, "x"),
                (9, "ix"),
                (5, "v"),
                (4, "iv"),
                (1, "i"),
            ] {
                while n >= v {
                    s.push_str(r);
                    n -= v;
                }
            }
            if style == "Roman" {
                s.to_uppercase()
            } else {
                s
            }
        }
        "alph" | "Alph" if (1..=26).contains(&value) => {
            let c = char::from(b'a' + u8::try_from(value - 1).unwrap_or(0));
            if style == "Alph" {
                c.to_ascii_uppercase().to_string()
            } else {
                c.to_string()
            }
        }
        "fnsymbol" if (1..=9).contains(&value) => ["*", "†", "‡", "§", "¶", "‖", "**", "††", "‡‡"]
            [usize::try_from(value - 1).unwrap_or(0)]
        .to_owned(),
        _ => value.to_string(),
    }
}

#[rustfmt::skip]
pub(super) const ENTRIES: &[Entry] = &[
    entry("newcounter", "m o", Command(newcounter), "an article's counter (and its `\\the…`); LaTeX's own are the template's"),
    entry("setcounter", "m m", Command(set), "sets an article's counter (LaTeX's own: ignored)"),
    entry("addtocounter", "m m", Command(set), "adds to an article's counter (LaTeX's own: ignored)"),
    entry("stepcounter", "m", Command(set), "steps an article's counter (LaTeX's own: ignored)"),
    entry("refstepcounter", "m", Command(set), "steps an article's counter (LaTeX's own: ignored)"),
    entry("arabic", "m", Command(print), "an article's counter in digits (`page`: the page it is printed on)"),
    entry("thepage", "", Command(the_page), "the number of the page it is printed on"),
    entry("thechapter", "", Command(the_heading), "the number of the chapter it is in"),
    entry("thesection", "", Command(the_heading), "the number of the section it is in (`2.1` in a chapter)"),
    entry("thesubsection", "", Command(the_heading), "the number of the subsection it is in"),
    entry("thesubsubsection", "", Command(the_heading), "the number of the subsubsection it is in"),
    entry("thefigure", "", Command(the_last), "the number of the last figure before it"),
    entry("thetable", "", Command(the_last), "the number of the last table before it"),
    entry("theequation", "", Command(the_last), "the number of the last numbered equation before it"),
    entry("roman", "m", Command(print), "an article's counter in roman numerals"),
    entry("Roman", "m", Command(print), "an article's counter in capital roman numerals"),
    entry("alph", "m", Command(print), "an article's counter as a letter"),
    entry("Alph", "m", Command(print), "an article's counter as a capital letter"),
    entry("fnsymbol", "m", Command(print), "an article's counter as a footnote symbol"),
];

#[cfg(test)]
mod tests {
    use super::format_value;

    #[test]
    fn values_print_as_latex_prints_them() {
        assert_eq!(format_value("arabic", 12), "12");
        assert_eq!(format_value("roman", 14), "xiv");
        assert_eq!(format_value("Roman", 1999), "MCMXCIX");
        assert_eq!(format_value("alph", 3), "c");
        assert_eq!(format_value("Alph", 26), "Z");
        assert_eq!(format_value("fnsymbol", 2), "†");
        // Out of a style's range: digits.
        assert_eq!(format_value("alph", 27), "27");
        assert_eq!(format_value("roman", 0), "0");
    }
}

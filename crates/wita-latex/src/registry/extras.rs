//! Small packages: csquotes' `\enquote`, nth's ordinals, hologo's logos,
//! nomencl's list of symbols, and the markup of LaTeX's own documentation
//! classes (ltxdoc, l3doc, ltnews: `\cs`, `\pkg`, `\meta`…).

use wita_diag::Span;
use wita_doc::{Content, Node, NodeKind, Style};

use super::Handler::{Command, Styled};
use super::core::text_box;
use super::{Entry, entry};
use crate::lex::TokenKind;
use crate::reader::{Reader, push_parbreak, push_text};

/// `\enquote{..}` and, one level in, `\enquote*{..}`.
fn enquote(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let (open, close) = if r.read_star() {
        ("‘", "’")
    } else {
        ("“", "”")
    };
    let (body, arg_span) = r.arg_content(name, span);
    push_text(out, open.into(), span);
    out.push(Node::new(NodeKind::Group(body), span.join(arg_span)));
    push_text(out, close.into(), arg_span);
}

fn nth(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let (tokens, _) = r.expect_arg(name, span);
    let n = r.arg_string(tokens).trim().to_owned();
    let suffix = match n.parse::<u64>() {
        Ok(v) if (11..=13).contains(&(v % 100)) => "th",
        Ok(v) if v % 10 == 1 => "st",
        Ok(v) if v % 10 == 2 => "nd",
        Ok(v) if v % 10 == 3 => "rd",
        _ => "th",
    };
    push_text(out, format!("{n}{suffix}"), span);
}

/// ltxdoc's `\cs{name}`: `\name` in the monospaced font.
fn cs(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let (tokens, arg_span) = r.expect_arg(name, span);
    let text = format!("\\{}", crate::lex::detokenize(&tokens).trim());
    out.push(Node::new(NodeKind::InlineCode(text), span.join(arg_span)));
}

/// menukeys' names of keys, as it prints them.
const KEYS: &[(&str, &str)] = &[
    ("ctrl", "Ctrl"),
    ("shift", "Shift"),
    ("alt", "Alt"),
    ("AltGr", "AltGr"),
    ("cmd", "\u{2318}"),
    ("enter", "\u{21B5}"),
    ("return", "\u{21B5}"),
    ("tab", "Tab"),
    ("esc", "Esc"),
    ("del", "Del"),
    ("backspace", "\u{232B}"),
    ("capslock", "Caps Lock"),
    ("space", "Space"),
    ("arrowkeyup", "\u{2191}"),
    ("arrowkeydown", "\u{2193}"),
    ("arrowkeyleft", "\u{2190}"),
    ("arrowkeyright", "\u{2192}"),
    ("winmenu", "\u{2630}"),
];

/// menukeys' `\menu{File > Save}`, `\directory{home/user}` and `\keys{\ctrl +
/// C}`: the parts, as the package separates them (`▸`, `/`, `+`), each key
/// framed as a key cap.
fn menukeys(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    r.read_optional();
    let (tokens, arg_span) = r.expect_arg(name, span);
    let full = span.join(arg_span);
    let (split, shown) = match name {
        "menu" => ('>', " \u{25B8} "),
        "directory" => ('/', "/"),
        _ => ('+', "+"),
    };
    // The parts at the top level, each as its own tokens.
    let mut parts: Vec<Vec<crate::lex::Token>> = vec![Vec::new()];
    let mut depth = 0usize;
    for token in tokens.into_iter().flat_map(crate::reader::split_chars) {
        match &token.kind {
            TokenKind::BeginGroup => depth += 1,
            TokenKind::EndGroup => depth = depth.saturating_sub(1),
            TokenKind::Text(t) if depth == 0 && t.starts_with(split) => {
                parts.push(Vec::new());
                continue;
            }
            _ => {}
        }
        parts.last_mut().expect("one part").push(token);
    }
    let mut nodes = Vec::new();
    for (i, part) in parts.into_iter().enumerate() {
        if i > 0 {
            nodes.push(Node::new(NodeKind::Text(shown.into()), full));
        }
        let key = part.iter().find_map(|t| match &t.kind {
            TokenKind::Command(c) => KEYS.iter().find(|(k, _)| k == c).map(|(_, v)| *v),
            _ => None,
        });
        let content = match key {
            Some(text) => vec![Node::new(NodeKind::Text(text.into()), full)],
            None => super::lists::trim(r.content_of(part)),
        };
        nodes.push(if name == "keys" {
            Node::new(NodeKind::Styled(Style::Framed, content), full)
        } else {
            Node::new(NodeKind::Group(content), full)
        });
    }
    out.push(Node::new(NodeKind::Group(nodes), full));
}

/// dirtree's `\dirtree{.1 /. .2 bin. .3 ls\DTcomment{lists}.}`: the tree,
/// a line per entry in the monospaced face, drawn with box-drawing lines
/// (`├──`, `└──`, `│`) where dirtree draws rules, each `\DTcomment` at the
/// line's right end.
fn dirtree(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let (tokens, arg_span) = r.expect_arg(name, span);
    let full = span.join(arg_span);
    let text = crate::lex::detokenize(&tokens);
    // The entries: `.<level> <text>.`, a dot and a level after a space.
    let mut entries: Vec<(usize, String)> = Vec::new();
    let bytes = text.as_bytes();
    let mut starts = Vec::new();
    for (i, _) in text.match_indices('.') {
        let after_space = i == 0 || bytes[i - 1].is_ascii_whitespace() || bytes[i - 1] == b'%';
        let digits = text[i + 1..].bytes().take_while(u8::is_ascii_digit).count();
        if after_space && digits > 0 {
            starts.push((i, digits));
        }
    }
    for (k, &(at, digits)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(text.len(), |&(next, _)| next);
        let level = text[at + 1..at + 1 + digits].parse().unwrap_or(1);
        let body = text[at + 1 + digits..end].trim();
        let body = body.strip_suffix('.').unwrap_or(body).trim();
        entries.push((level, body.to_owned()));
    }
    if entries.is_empty() {
        return;
    }
    push_parbreak(out, full);
    out.push(Node::new(NodeKind::NoIndent, full));
    for (i, (level, body)) in entries.iter().enumerate() {
        // Whether an entry after this one is at `depth` before any above it.
        let goes_on = |depth: usize| {
            entries[i + 1..]
                .iter()
                .take_while(|(l, _)| *l >= depth)
                .any(|(l, _)| *l == depth)
        };
        let mut prefix = String::new();
        for depth in 2..*level {
            // No-break spaces: in the monospaced face as wide as a space,
            // and not run together as spaces are.
            prefix.push_str(if goes_on(depth) {
                "\u{2502}\u{A0}\u{A0}\u{A0}"
            } else {
                "\u{A0}\u{A0}\u{A0}\u{A0}"
            });
        }
        if *level > 1 {
            prefix.push_str(if goes_on(*level) {
                "\u{251C}\u{2500}\u{2500} "
            } else {
                "\u{2514}\u{2500}\u{2500} "
            });
        }
        let (node, comment) = match body.find("\\DTcomment") {
            Some(at) => (&body[..at], Some(&body[at + "\\DTcomment".len()..])),
            None => (body.as_str(), None),
        };
        let read = |r: &mut Reader<'_>, text: &str| r.content_of(crate::lex::tokens_at(text, full));
        let mut line = vec![Node::new(NodeKind::Text(prefix), full)];
        line.extend(read(r, node));
        out.push(Node::new(NodeKind::Styled(Style::Mono, line), full));
        if let Some(comment) = comment {
            out.push(Node::new(NodeKind::HFill, full));
            out.extend(read(r, comment));
        }
        if i + 1 < entries.len() {
            out.push(Node::new(NodeKind::Linebreak, full));
        }
    }
    push_parbreak(out, full);
}

/// doc's `\DescribeMacro{\name}` and `\DescribeEnv{name}`: the name, as
/// written, in the monospaced font (doc sets it in the margin).
fn describe(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let (tokens, arg_span) = r.expect_arg(name, span);
    let text = crate::lex::detokenize(&tokens).trim().to_owned();
    out.push(Node::new(NodeKind::InlineCode(text), span.join(arg_span)));
    out.push(Node::new(NodeKind::Space, arg_span));
}

/// `\meta{name}` as ⟨name⟩, `\marg` as {⟨name⟩}, `\oarg` as [⟨name⟩]
/// (in italics, as ltxdoc sets them).
fn meta(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let (body, arg_span) = r.arg_content(name, span);
    let (open, close) = match name {
        "marg" => ("{⟨", "⟩}"),
        "oarg" => ("[⟨", "⟩]"),
        _ => ("⟨", "⟩"),
    };
    let mut inner = vec![Node::new(NodeKind::Text(open.into()), span)];
    inner.extend(body);
    inner.push(Node::new(NodeKind::Text(close.into()), span));
    out.push(Node::new(
        NodeKind::Styled(wita_doc::Style::Italic, inner),
        span.join(arg_span),
    ));
}

/// The marker `\printnomenclature` leaves, replaced by the list once the
/// article is read (its entries may come after it, as they do in LaTeX,
/// where the list is the previous run's).
pub(crate) const NOMENCLATURE_MARK: &str = "\u{0}printnomenclature";

/// `\nomenclature[prefix]{symbol}{description}`: an entry of the list
/// `\printnomenclature` prints; nothing here.
fn nomenclature(r: &mut Reader<'_>, name: &str, span: Span, _: &mut Content) {
    let prefix = r.read_optional().map(|(t, _)| r.arg_string(t));
    let (symbol_tokens, _) = r.expect_arg(name, span);
    let key = format!(
        "{}{}",
        prefix.unwrap_or_default(),
        crate::lex::detokenize(&symbol_tokens)
    );
    let symbol = r.content_of(symbol_tokens);
    let (description, arg_span) = r.arg_content(name, span);
    r.nomenclature
        .push((key, symbol, description, span.join(arg_span)));
}

fn print_nomenclature(r: &mut Reader<'_>, _: &str, span: Span, out: &mut Content) {
    r.read_optional();
    out.push(Node::new(
        NodeKind::Unknown {
            name: NOMENCLATURE_MARK.into(),
            args: Vec::new(),
        },
        span,
    ));
}

/// The list of symbols, sorted as nomencl sorts them, under its heading.
pub(crate) fn nomenclature_list(r: &mut Reader<'_>, span: Span) -> Content {
    let mut entries = std::mem::take(&mut r.nomenclature);
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    let items = entries
        .into_iter()
        .map(|(_, symbol, description, span)| wita_doc::ListItem {
            label: Some(symbol),
            body: description,
            span,
        })
        .collect();
    vec![
        Node::new(
            NodeKind::Heading(wita_doc::Heading {
                level: 1,
                numbered: false,
                body: vec![Node::new(NodeKind::Text("Nomenclature".into()), span)],
                label: None,
            }),
            span,
        ),
        Node::new(
            NodeKind::List(wita_doc::List {
                kind: wita_doc::ListKind::Description,
                items,
                label: None,
                reference: None,
                start: None,
                vertical: true,
            }),
            span,
        ),
    ]
}

#[rustfmt::skip]
pub(super) const ENTRIES: &[Entry] = &[
    entry("enquote", "s m", Command(enquote), "its text in quotation marks (`*`: single ones)"),
    entry("nth", "m", Command(nth), "an ordinal: `\\nth{3}` is 3rd"),
    entry("hologo", "m", Command(text_box), "a logo's name, as text"),
    entry("nomenclature", "o m m", Command(nomenclature), "nomencl: an entry of the list of symbols (nothing here)"),
    entry("printnomenclature", "o", Command(print_nomenclature), "nomencl: the list of symbols, under the heading `Nomenclature`"),
    entry("makenomenclature", "", Command(super::ignore), "ignored"),
    // LaTeX's documentation classes.
    entry("cs", "m", Command(cs), "ltxdoc: a command's name, `\\name`, in the monospaced font"),
    entry("cn", "m", Command(cs), "amsldoc: a command's name, `\\name`, in the monospaced font"),
    entry("menu", "o m", Command(menukeys), "menukeys: a menu's path, `File ▸ Save`"),
    entry("directory", "o m", Command(menukeys), "menukeys: a folder's path"),
    entry("keys", "o m", Command(menukeys), "menukeys: keys pressed together, each framed (`Ctrl+C`)"),
    entry("dirtree", "m", Command(dirtree), "dirtree: a tree of folders, a line per entry (`\\DTcomment` at its end)"),
    entry("DescribeMacro", "m", Command(describe), "doc: the command described, as written, in the monospaced font"),
    entry("DescribeEnv", "m", Command(describe), "doc: the environment described, in the monospaced font"),
    entry("pkg", "m", Styled(Style::Sans), ""),
    entry("cls", "m", Styled(Style::Sans), ""),
    entry("env", "m", Styled(Style::Mono), ""),
    entry("opt", "m", Styled(Style::Mono), ""),
    entry("file", "m", Styled(Style::Mono), ""),
    entry("meta", "m", Command(meta), "ltxdoc: ⟨a placeholder⟩ in italics"),
    entry("marg", "m", Command(meta), "ltxdoc: {⟨a mandatory argument⟩}"),
    entry("oarg", "m", Command(meta), "ltxdoc: [⟨an optional argument⟩]"),
];

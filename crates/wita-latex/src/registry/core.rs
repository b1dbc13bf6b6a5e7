//! The LaTeX kernel's text: paragraphs and breaks, spacing, boxes,
//! footnotes, `\input`, the environments of running text, and TeX's
//! length registers.

use wita_diag::Span;
use wita_doc::{
    Alignment, Appendix, AppendixName, Content, Float, FloatKind, Heading, INLINE_PLACEMENT,
    Length, Node, NodeKind, Style,
};

use super::Handler::{Command, Environment};
use super::{Entry, entry, literal, read_by_enclosing};
use crate::length::parse_length;
use crate::lex::TokenKind;
use crate::reader::{Reader, Stop, push_display, push_parbreak, push_text};

fn begin(r: &mut Reader<'_>, _: &str, span: Span, out: &mut Content) {
    r.begin_environment(span, out);
}

fn par(_: &mut Reader<'_>, _: &str, span: Span, out: &mut Content) {
    push_parbreak(out, span);
}

fn line_break(r: &mut Reader<'_>, _: &str, span: Span, out: &mut Content) {
    r.read_star();
    r.read_optional();
    out.push(Node::new(NodeKind::Linebreak, span));
}

fn linebreak(r: &mut Reader<'_>, _: &str, span: Span, out: &mut Content) {
    r.read_optional();
    out.push(Node::new(NodeKind::Linebreak, span));
}

fn noindent(_: &mut Reader<'_>, _: &str, span: Span, out: &mut Content) {
    out.push(Node::new(NodeKind::NoIndent, span));
}

fn appendix(r: &mut Reader<'_>, _: &str, span: Span, out: &mut Content) {
    // The AMS classes head an appendix's sections `Appendix A. Title`.
    let class = r.class.as_deref().unwrap_or("");
    let name = matches!(class, "amsart" | "amsproc").then(|| AppendixName {
        word: "Appendix".into(),
        separator: ".".into(),
    });
    // AASTeX numbers the appendices' equations `(A1)`, on to `(B12)`.
    let lettered_equations = class.starts_with("aastex");
    start_appendix(
        r,
        Appendix {
            name,
            lettered_equations,
        },
        span,
        out,
    );
}

fn start_appendix(r: &mut Reader<'_>, appendix: Appendix, span: Span, out: &mut Content) {
    r.start_appendix();
    push_parbreak(out, span);
    out.push(Node::new(NodeKind::Appendix(appendix), span));
}

/// The appendix package's `appendices` environment: `\appendix`, then its
/// body (the appendices usually end the article). The package's `title`
/// option names each appendix in its heading (`Appendix A Title`).
fn appendices(r: &mut Reader<'_>, name: String, begin: Span, out: &mut Content) {
    let titled = r
        .packages
        .iter()
        .any(|(package, options)| package == "appendix" && options.iter().any(|o| o == "title"));
    if titled {
        let heading = AppendixName {
            word: "Appendix".into(),
            separator: String::new(),
        };
        let appendix = Appendix {
            name: Some(heading),
            lettered_equations: false,
        };
        start_appendix(r, appendix, begin, out);
    } else {
        appendix(r, "appendix", begin, out);
    }
    let body = r.content(Stop::Env(name, begin));
    out.extend(body);
}

fn page_break(_: &mut Reader<'_>, _: &str, span: Span, out: &mut Content) {
    push_parbreak(out, span);
    out.push(Node::new(NodeKind::Pagebreak, span));
}

fn skip(_: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let len = match name {
        "smallskip" => Length::SmallSkip,
        "medskip" => Length::MedSkip,
        _ => Length::BigSkip,
    };
    out.push(Node::new(NodeKind::VSpace(len), span));
}

fn vspace(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    r.read_star();
    let (tokens, arg_span) = r.expect_arg(name, span);
    let text = r.arg_string(tokens);
    if let Some(len) = parse_length(&text) {
        out.push(Node::new(NodeKind::VSpace(len), span.join(arg_span)));
    }
}

fn hspace(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    r.read_star();
    let (tokens, arg_span) = r.expect_arg(name, span);
    let text = r.arg_string(tokens);
    if text.contains("fill") {
        out.push(Node::new(NodeKind::HFill, span.join(arg_span)));
    } else if let Some(len) = parse_length(&text) {
        out.push(Node::new(NodeKind::HSpace(len), span.join(arg_span)));
    }
}

fn tex_skip(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    if let Some(len) = read_dimen(r) {
        let kind = if name == "vskip" {
            NodeKind::VSpace(len)
        } else {
            NodeKind::HSpace(len)
        };
        out.push(Node::new(kind, span));
    }
}

fn hfill(_: &mut Reader<'_>, _: &str, span: Span, out: &mut Content) {
    out.push(Node::new(NodeKind::HFill, span));
}

fn nothing(_: &mut Reader<'_>, _: &str, _: Span, _: &mut Content) {}

fn control_space(_: &mut Reader<'_>, _: &str, span: Span, out: &mut Content) {
    out.push(Node::new(NodeKind::Space, span));
}

fn today(r: &mut Reader<'_>, _: &str, span: Span, out: &mut Content) {
    push_text(out, r.ctx.today.to_owned(), span);
}

fn footnote(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    r.read_optional();
    let (body, arg_span) = r.arg_content(name, span);
    let kind = if name == "footnote" {
        NodeKind::Footnote(body)
    } else {
        NodeKind::FootnoteText(body)
    };
    out.push(Node::new(kind, span.join(arg_span)));
}

fn footnotemark(r: &mut Reader<'_>, _: &str, span: Span, out: &mut Content) {
    r.read_optional();
    out.push(Node::new(NodeKind::FootnoteMark, span));
}

fn parbox(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    r.read_optional();
    r.read_optional();
    r.read_optional();
    let (tokens, _) = r.expect_arg(name, span);
    let width_text = r.arg_string(tokens);
    let width = parse_length(&width_text).unwrap_or(Length::Width(1.0));
    let (body, arg_span) = r.arg_content(name, span);
    out.push(Node::new(
        NodeKind::Parbox { width, body },
        span.join(arg_span),
    ));
}

/// A box, logo or number whose argument is the text (`\fbox` framed,
/// `\textcircled` in a circle); `\raisebox` and
/// `\rotatebox` first take an amount, which is dropped (the text stays on
/// the line, upright).
pub(super) fn text_box(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    while r.read_optional().is_some() {}
    if name == "raisebox" || name == "rotatebox" {
        r.read_arg();
    }
    while r.read_optional().is_some() {}
    let (body, arg_span) = r.arg_content(name, span);
    let kind = match name {
        "fbox" | "framebox" => NodeKind::Styled(Style::Framed, body),
        "textcircled" => NodeKind::Styled(Style::Circled, body),
        _ => NodeKind::Group(body),
    };
    out.push(Node::new(kind, span.join(arg_span)));
}

fn input_file(r: &mut Reader<'_>, name: &str, span: Span, _: &mut Content) {
    if name == "subimport" || name == "import" {
        // `\import{dir}{file}`: the directory and the file.
        let dir = r.expect_arg(name, span).0;
        let dir = r.arg_string(dir);
        let (file, arg_span) = r.expect_arg(name, span);
        let file = r.arg_string(file);
        let joined = format!("{}/{}", dir.trim_end_matches('/'), file);
        read_input_file(r, &joined, span.join(arg_span));
        return;
    }
    let (tokens, arg_span) = r.expect_arg(name, span);
    let written = r.arg_string(tokens);
    read_input_file(r, &written, span.join(arg_span));
}

pub(super) fn read_input_file(r: &mut Reader<'_>, written: &str, span: Span) {
    match r.ctx.resolver.read_input(written) {
        Ok((file, text)) => {
            let (tokens, diags, short_verbs) =
                crate::lex::tokenize_input(&text, file, &r.short_verbs);
            r.short_verbs = short_verbs;
            r.diags.extend(diags);
            r.push_file(tokens, span);
        }
        Err(e) => {
            let d = r.error(e.code, span, e.message);
            d.label = Some(format!("`{written}`"));
            d.help.extend(e.help);
        }
    }
}

fn endinput(r: &mut Reader<'_>, _: &str, _: Span, _: &mut Content) {
    r.input.end_file();
}

fn document(r: &mut Reader<'_>, _: String, _: Span, out: &mut Content) {
    // What a preamble printed is not part of the article.
    if r.preamble {
        r.preamble = false;
        out.clear();
    }
}

fn abstract_(r: &mut Reader<'_>, name: String, begin: Span, out: &mut Content) {
    push_parbreak(out, begin);
    let title = vec![Node::new(NodeKind::Text("Abstract".into()), begin)];
    out.push(Node::new(
        NodeKind::Heading(Heading {
            level: 1,
            numbered: false,
            body: title,
            label: None,
        }),
        begin,
    ));
    let body = r.content(Stop::Env(name, begin));
    out.extend(body);
    push_parbreak(out, begin);
}

/// Whether the document is Chinese: of ctex's classes or a Chinese
/// university's thesis class, or with ctex or xeCJK loaded.
fn chinese_document(r: &Reader<'_>) -> bool {
    const CLASSES: [&str; 10] = [
        "ctexart",
        "ctexrep",
        "ctexbook",
        "bithesis",
        "njuthesis",
        "ustcthesis",
        "pkuthss",
        "sjtuthesis",
        "fduthesis",
        "thuthesis",
    ];
    r.class.as_deref().is_some_and(|c| CLASSES.contains(&c))
        || r.loaded("ctex")
        || r.loaded("xeCJK")
}

/// A thesis class's closing parts: `acknowledgements` (and its spellings,
/// ACM's `acks`) and `conclusion`, each an unnumbered part of its own
/// (a chapter, when the thesis has chapters) under the name its class
/// prints: `致谢` and `结论` in a Chinese thesis.
fn closing_part(r: &mut Reader<'_>, name: String, begin: Span, out: &mut Content) {
    let title = match (name.as_str(), chinese_document(r)) {
        ("conclusion", true) => "结论",
        ("conclusion", false) => "Conclusion",
        (_, true) => "致谢",
        ("acks" | "acknowledgments" | "acknowledgment", false) => "Acknowledgments",
        (_, false) => "Acknowledgements",
    };
    push_parbreak(out, begin);
    out.push(Node::new(
        NodeKind::Heading(Heading {
            level: if r.saw_chapter { 0 } else { 1 },
            numbered: false,
            body: vec![Node::new(NodeKind::Text(title.into()), begin)],
            label: None,
        }),
        begin,
    ));
    let body = r.content(Stop::Env(name, begin));
    out.extend(body);
    push_parbreak(out, begin);
}

/// The name of a box register in a `{\name}` argument.
fn box_name(r: &mut Reader<'_>, command: &str, span: Span) -> Option<String> {
    let (tokens, _) = r.expect_arg(command, span);
    tokens.into_iter().find_map(|t| match t.kind {
        TokenKind::Command(name) => Some(name),
        _ => None,
    })
}

/// LaTeX's boxes: `\sbox{\name}{text}` and `\savebox{\name}[width]{text}`
/// keep the text, `\usebox{\name}` prints it (`\newsavebox` only names the
/// box).
fn savebox(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let Some(register) = box_name(r, name, span) else {
        return;
    };
    match name {
        "newsavebox" => {}
        "usebox" => match r.boxes.get(&register) {
            Some(content) => out.push(Node::new(NodeKind::Group(content.clone()), span)),
            None => {
                r.warn(
                    wita_diag::codes::UNKNOWN_COMMAND,
                    span,
                    format!("nothing is saved in the box `\\{register}`; it prints nothing"),
                );
            }
        },
        _ => {
            // `\savebox`'s width and position.
            while r.read_optional().is_some() {}
            let (content, _) = r.arg_content(name, span);
            r.boxes.insert(register, content);
        }
    }
}

/// `\begin{lrbox}{\name} text \end{lrbox}`: the text kept in the box.
fn lrbox(r: &mut Reader<'_>, name: String, begin: Span, _: &mut Content) {
    let register = box_name(r, &name, begin);
    let content = r.content(Stop::Env(name, begin));
    if let Some(register) = register {
        r.boxes.insert(register, super::lists::trim(content));
    }
}

/// Environments that only change the look or the place of their text:
/// revtex's `widetext` (full width in two columns), setspace's `spacing`,
/// `singlespace`, `onehalfspace`, `doublespace` (the journal's leading is
/// the template's), textpos's `textblock{width}(x,y)` (set where it stands).
/// Their text is read as it is, in paragraphs of its own but for a text block's.
fn layout_only(r: &mut Reader<'_>, name: String, begin: Span, out: &mut Content) {
    match name.as_str() {
        "spacing" => {
            r.read_arg();
        }
        "textblock" | "textblock*" => {
            r.read_arg();
            r.read_optional();
            // The block's place, `(x,y)`.
            r.skip_spaces();
            if matches!(r.peek_kind(), Some(TokenKind::Text(t)) if t.starts_with('(')) {
                // Up to its `)`; the text after it is the block's.
                while !r.strip_text_prefix(|t| t.find(')').map(|end| end + 1)) {
                    if r.next().is_none() {
                        break;
                    }
                }
            }
        }
        _ => {}
    }
    // All but a text block end the paragraph before them and begin one
    // after (setspace's and revtex's begin with `\par`).
    let block = !name.starts_with("textblock");
    let body = r.content(Stop::Env(name, begin));
    if block {
        push_parbreak(out, begin);
    }
    out.push(Node::new(NodeKind::Group(body), begin));
    if block {
        push_parbreak(out, begin);
    }
}

fn quote(r: &mut Reader<'_>, name: String, begin: Span, out: &mut Content) {
    let body = r.content(Stop::Env(name, begin));
    push_display(out, Node::new(NodeKind::Quote(body), begin), begin);
}

fn align(r: &mut Reader<'_>, name: String, begin: Span, out: &mut Content) {
    let align = match name.as_str() {
        "center" => Alignment::Center,
        "flushleft" => Alignment::Left,
        _ => Alignment::Right,
    };
    let body = r.content(Stop::Env(name, begin));
    push_display(out, Node::new(NodeKind::Align(align, body), begin), begin);
}

fn minipage(r: &mut Reader<'_>, name: String, begin: Span, out: &mut Content) {
    r.read_optional();
    r.read_optional();
    r.read_optional();
    let width = match r.read_arg() {
        Some((tokens, _)) => {
            let text = r.arg_string(tokens);
            parse_length(&text).unwrap_or(Length::Width(1.0))
        }
        None => Length::Width(1.0),
    };
    // In a figure or table, a minipage with a caption of its own is a
    // figure (table) of its own, numbered as LaTeX numbers each caption: two
    // pictures side by side, each captioned and labelled.
    let nested = match r.float_kinds.last() {
        Some(kind @ (FloatKind::Figure | FloatKind::Table)) => Some(*kind),
        _ => None,
    };
    if nested.is_some() {
        r.captions.push(None);
    }
    let mut body = r.content(Stop::Env(name, begin));
    if let Some(kind) = nested
        && let Some(caption) = r.captions.pop().flatten()
    {
        // With `\subcaption`, the minipage is a lettered subfigure.
        let kind = if r.subcaption {
            FloatKind::Subfigure(None)
        } else {
            kind
        };
        body = vec![Node::new(
            NodeKind::Float(Float {
                kind,
                caption: Some(caption),
                body,
                label: None,
                placement: Some(INLINE_PLACEMENT.into()),
            }),
            begin,
        )];
    }
    out.push(Node::new(NodeKind::Parbox { width, body }, begin));
}

/// A TeX register: `\tabcolsep=2.5pt`, `\parindent 0pt`, or the register
/// used alone (the value is read and dropped).
fn register(r: &mut Reader<'_>, _: &str, _: Span, _: &mut Content) {
    r.skip_spaces();
    let is_value = match r.peek_kind().cloned() {
        Some(TokenKind::Text(t)) => {
            t.starts_with('=')
                || t.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == '-')
        }
        // `\itemsep\medskipamount`.
        Some(TokenKind::Command(c)) => super::registers::is_length(r, &c),
        _ => false,
    };
    if is_value {
        read_dimen(r);
    }
}

/// `\nobreakspace`: `~`.
fn no_break_space(_: &mut Reader<'_>, _: &str, span: Span, out: &mut Content) {
    out.push(Node::new(NodeKind::NbSpace, span));
}

/// `\raise 2pt\hbox{..}`, `\lower`: the amount is read; the box that
/// follows is read as any box, on the line.
fn raise(r: &mut Reader<'_>, _: &str, _: Span, _: &mut Content) {
    read_dimen(r);
}

/// A TeX integer parameter (`\clubpenalty=10000`, `\penalty10000`): its
/// value is read and dropped, as wita breaks lines and pages its own way.
pub(super) fn int_param(r: &mut Reader<'_>, _: &str, _: Span, _: &mut Content) {
    let _ = read_tex_number(r);
}

/// An entry of a TeX code table (`\catcode`\_=12`, `\sfcode`\.=1000`)
/// or a numbered register (`\count255=3`, `\dimen0=2pt`): read and dropped.
/// wita reads its source with LaTeX's usual category codes.
fn code_assignment(r: &mut Reader<'_>, name: &str, _: Span, _: &mut Content) {
    let _ = read_tex_number(r);
    if matches!(name, "dimen" | "skip") {
        read_dimen(r);
    } else {
        let _ = read_tex_number(r);
    }
}

/// Reads a TeX number from the input, as TeX scans one: an optional `=`,
/// signs, then decimal, `"`hex or `'`octal digits, a character code
/// (`` `\_ ``, `` `a ``) or a register (`\@M`), and one space after digits.
/// What follows the number in the same run of characters is put back. Its
/// value, when it is written out (not a register's).
pub(super) fn read_tex_number(r: &mut Reader<'_>) -> Option<i64> {
    let mut negative = false;
    loop {
        r.skip_spaces();
        match r.peek_kind() {
            Some(TokenKind::Command(name)) => {
                // A constant of the kernel's or a count register.
                let name = name.clone();
                r.next();
                return super::registers::command_value(r, &name)
                    .map(|v| if negative { -v } else { v });
            }
            Some(TokenKind::Text(_)) => {}
            _ => return None,
        }
        let token = r.next()?;
        let TokenKind::Text(text) = &token.kind else {
            return None;
        };
        let signs = &text[..text.len() - text.trim_start_matches(['=', '+', '-']).len()];
        negative ^= signs.matches('-').count() % 2 == 1;
        let rest = &text[signs.len()..];
        if rest.is_empty() {
            continue; // `= ` or `-`: the number comes after
        }
        let sign = if negative { -1 } else { 1 };
        let radix = match rest.as_bytes()[0] {
            b'`' => {
                // A character code: the character after the backquote, in
                // this run or as the next token (`` `\_ ``).
                let after = &rest[1..];
                let (code, put_back) = match after.chars().next() {
                    Some(c) => (Some(c), &after[c.len_utf8()..]),
                    None => {
                        let code = match r.next().map(|t| t.kind) {
                            Some(TokenKind::Command(c)) if c.chars().count() == 1 => {
                                c.chars().next()
                            }
                            Some(TokenKind::Text(t)) => t.chars().next(),
                            Some(TokenKind::Char(c)) => Some(c),
                            _ => None,
                        };
                        (code, "")
                    }
                };
                put_back_text(r, &token, put_back);
                return code.map(|c| sign * i64::from(u32::from(c)));
            }
            b'"' => 16,
            b'\'' => 8,
            b'0'..=b'9' => 10,
            _ => {
                // Not a number: the text stays.
                r.push_tokens(vec![token.clone()]);
                return None;
            }
        };
        let body = if radix == 10 { rest } else { &rest[1..] };
        // TeX's hex digits are capitals.
        let end = body
            .find(|c: char| !c.is_digit(radix) || c.is_ascii_lowercase())
            .unwrap_or(body.len());
        let value = i64::from_str_radix(&body[..end], radix)
            .ok()
            .map(|v| sign * v);
        let after = &body[end..];
        put_back_text(r, &token, after);
        if after.is_empty() && r.peek_kind() == Some(&TokenKind::Space) {
            r.next();
        }
        return value;
    }
}

/// Puts the rest of a run of characters back into the input.
fn put_back_text(r: &mut Reader<'_>, token: &crate::lex::Token, rest: &str) {
    if !rest.is_empty() {
        r.push_tokens(vec![crate::lex::Token {
            kind: TokenKind::Text(rest.to_owned()),
            span: token.span,
        }]);
    }
}

/// Reads a TeX dimension (`glue`: or glue) from the input and drops it (a
/// register's value that is the template's).
pub(super) fn skip_dimen(r: &mut Reader<'_>, glue: bool) {
    read_length(r, glue);
}

/// Reads a TeX dimension from the input (`7pt`, `= 2.5pt`, `0.5\linewidth`,
/// `3pt plus 1pt`).
fn read_dimen(r: &mut Reader<'_>) -> Option<Length> {
    read_length(r, true)
}

/// [`read_dimen`], with glue's `plus` and `minus` parts if `glue` (a
/// dimension register's value has none: a `plus` after it is text).
fn read_length(r: &mut Reader<'_>, glue: bool) -> Option<Length> {
    r.skip_spaces();
    let mut text = String::new();
    loop {
        match r.peek_kind() {
            Some(TokenKind::Text(t)) => {
                let t = t.clone();
                let unit_done = text.chars().any(|c| c.is_ascii_alphabetic())
                    && !t.starts_with(|c: char| c.is_ascii_digit());
                if unit_done && !(glue && (t == "plus" || t == "minus")) {
                    break;
                }
                r.next();
                text.push_str(&t);
                if t == "plus" || t == "minus" {
                    // Glue: its stretch follows after a space.
                    r.skip_spaces();
                    continue;
                }
                if t.ends_with(|c: char| c.is_ascii_alphabetic())
                    && !text.ends_with("plus")
                    && !text.ends_with("minus")
                {
                    // A unit ends the dimension unless glue follows.
                    r.skip_spaces();
                    match r.peek_kind() {
                        Some(TokenKind::Text(n)) if glue && (n == "plus" || n == "minus") => {
                            continue;
                        }
                        _ => break,
                    }
                }
            }
            Some(TokenKind::Command(c))
                if text.is_empty()
                    || text.ends_with(|ch: char| ch.is_ascii_digit() || ch == '.') =>
            {
                let c = c.clone();
                r.next();
                text.push('\\');
                text.push_str(&c);
                break;
            }
            Some(TokenKind::Space)
                if !text.is_empty() && !text.ends_with(|c: char| c.is_ascii_alphabetic()) =>
            {
                r.next();
            }
            _ => break,
        }
    }
    parse_length(&text)
}

#[rustfmt::skip]
pub(super) const ENTRIES: &[Entry] = &[
    // Environments and paragraphs.
    entry("begin", "m", Command(begin), "opens an environment"),
    entry("end", "m", Command(read_by_enclosing), "closes the environment it names"),
    entry("par", "", Command(par), "a paragraph break"),
    // Paragraph ends that also tell TeX where a page may break.
    entry("goodbreak", "", Command(par), "a paragraph break"),
    entry("filbreak", "", Command(par), "a paragraph break"),
    entry("smallbreak", "", Command(par), "a paragraph break"),
    entry("medbreak", "", Command(par), "a paragraph break"),
    entry("bigbreak", "", Command(par), "a paragraph break"),
    entry("\\", "s o", Command(line_break), "a line break"),
    entry("newline", "", Command(line_break), "a line break"),
    entry("cr", "", Command(line_break), "a line break"),
    entry("tabularnewline", "", Command(line_break), "a line break (a table's row end)"),
    entry("linebreak", "o", Command(linebreak), "a line break"),
    entry("noindent", "", Command(noindent), "the paragraph starts without indentation"),
    entry("appendix", "", Command(appendix), "the sections after it are lettered"),
    entry("appendices", "", Command(appendix), "IEEEtran's `\\appendix` for several appendices: the sections after it are lettered"),
    entry("appendices", "", Environment(appendices), "the appendix package's appendices: the sections in it are lettered"),
    entry("newpage", "", Command(page_break), "a page break"),
    entry("clearpage", "", Command(page_break), "a page break"),
    entry("cleardoublepage", "", Command(page_break), "a page break"),
    entry("eject", "", Command(page_break), "plain TeX's page break"),
    // Space.
    entry("smallskip", "", Command(skip), "a small vertical space"),
    entry("medskip", "", Command(skip), "a medium vertical space"),
    entry("bigskip", "", Command(skip), "a big vertical space"),
    entry("vspace", "s m", Command(vspace), "vertical space of the given length"),
    entry("hspace", "s m", Command(hspace), "horizontal space (`\\fill` fills the line)"),
    entry("vskip", "", Command(tex_skip), "vertical space (TeX's form, `\\vskip 6pt`)"),
    entry("hskip", "", Command(tex_skip), "horizontal space (TeX's form)"),
    entry("kern", "", Command(tex_skip), "horizontal space (TeX's form)"),
    entry("vspace@", "", Command(tex_skip), "horizontal space (a package's internal form)"),
    entry("hfill", "", Command(hfill), "fills the rest of the line"),
    entry("hfil", "", Command(hfill), "fills the rest of the line"),
    entry("hss", "", Command(hfill), "fills the rest of the line"),
    entry("dotfill", "", Command(hfill), "fills the rest of the line (without dots)"),
    entry("hrulefill", "", Command(hfill), "fills the rest of the line (without a rule)"),
    entry("vfill", "", Command(nothing), "ignored: pages are not stretched"),
    entry("vfil", "", Command(nothing), "ignored: pages are not stretched"),
    literal(" ", "", Command(control_space), "a space"),
    entry("nobreakspace", "", Command(no_break_space), "a space no line breaks at (`~`)"),
    entry("raise", "", Command(raise), "the box after it, not raised (its amount is read)"),
    entry("lower", "", Command(raise), "the box after it, not lowered (its amount is read)"),
    entry("smash", "o m", Command(text_box), "its argument, as text"),
    entry("today", "", Command(today), "the date of the build"),
    // Footnotes.
    entry("footnote", "o m", Command(footnote), "a footnote"),
    entry("footnotetext", "o m", Command(footnote), "the text of a footnote marked before"),
    entry("footnotemark", "o", Command(footnotemark), "a footnote's mark, its text follows"),
    // Boxes: their argument is the text.
    entry("parbox", "o o o m m", Command(parbox), "a paragraph of the given width"),
    entry("mbox", "m", Command(text_box), "its argument, as text"),
    entry("newsavebox", "m", Command(savebox), "names a box (`\\sbox`, `\\usebox`)"),
    entry("sbox", "m m", Command(savebox), "keeps its text in a box, for `\\usebox`"),
    entry("savebox", "m o o m", Command(savebox), "keeps its text in a box, for `\\usebox`"),
    entry("usebox", "m", Command(savebox), "the text kept in a box"),
    entry("lrbox", "m", Environment(lrbox), "keeps its text in a box, for `\\usebox`"),
    entry("hbox", "m", Command(text_box), "its argument, as text"),
    entry("text", "m", Command(text_box), "its argument, as text"),
    entry("textnormal", "m", Command(text_box), "its argument, as text"),
    entry("fbox", "m", Command(text_box), "its argument, framed"),
    entry("framebox", "o o m", Command(text_box), "its argument, framed (at its natural width)"),
    entry("textcircled", "m", Command(text_box), "its argument in a circle"),
    entry("makebox", "o o m", Command(text_box), "its argument, as text"),
    entry("raisebox", "m o o m", Command(text_box), "its argument, as text, not raised"),
    entry("centerline", "m", Command(text_box), "its argument, as text"),
    entry("leftline", "m", Command(text_box), "its argument, as text"),
    entry("rightline", "m", Command(text_box), "its argument, as text"),
    entry("ensureroom", "m", Command(text_box), "its argument, as text"),
    // Files.
    entry("input", "m", Command(input_file), "reads a file of the entry in place"),
    entry("include", "m", Command(input_file), "reads a file of the entry in place"),
    entry("subfile", "m", Command(input_file), "reads a file of the entry in place"),
    entry("import", "m m", Command(input_file), "reads a file of the entry (folder, file) in place"),
    entry("subimport", "m m", Command(input_file), "reads a file of the entry (folder, file) in place"),
    entry("endinput", "", Command(endinput), "the file ends here"),
    entry("document", "", Environment(document), "the article (a preamble before it only defines)"),
    entry("abstract", "", Environment(abstract_), "an unnumbered `Abstract` section"),
    entry("acknowledgements", "", Environment(closing_part), "a thesis's acknowledgements: an unnumbered part `Acknowledgements` (`致谢`)"),
    entry("acknowledgement", "", Environment(closing_part), "as `acknowledgements`"),
    entry("acknowledgments", "", Environment(closing_part), "as `acknowledgements`, spelt `Acknowledgments`"),
    entry("acknowledgment", "", Environment(closing_part), "as `acknowledgments`"),
    entry("acks", "", Environment(closing_part), "ACM's acknowledgments: an unnumbered part `Acknowledgments`"),
    entry("conclusion", "", Environment(closing_part), "a thesis class's conclusion: an unnumbered part `Conclusion` (`结论`)"),
    entry("abstract*", "", Environment(abstract_), "a thesis class's second (English) abstract: an unnumbered `Abstract` section"),
    entry("widetext", "", Environment(layout_only), "revtex: its text (the journal's columns are the template's)"),
    entry("spacing", "m", Environment(layout_only), "setspace: its text (the leading is the template's)"),
    entry("singlespace", "", Environment(layout_only), "setspace: its text (the leading is the template's)"),
    entry("singlespace*", "", Environment(layout_only), "setspace: its text (the leading is the template's)"),
    entry("onehalfspace", "", Environment(layout_only), "setspace: its text (the leading is the template's)"),
    entry("doublespace", "", Environment(layout_only), "setspace: its text (the leading is the template's)"),
    entry("textblock", "m", Environment(layout_only), "textpos: its text, where it stands"),
    entry("textblock*", "m", Environment(layout_only), "textpos: its text, where it stands"),
    entry("quote", "", Environment(quote), "an indented quotation"),
    entry("quotation", "", Environment(quote), "an indented quotation"),
    entry("verse", "", Environment(quote), "an indented quotation"),
    entry("center", "", Environment(align), "centred lines"),
    entry("flushleft", "", Environment(align), "lines set flush left"),
    entry("flushright", "", Environment(align), "lines set flush right"),
    entry("minipage", "o o o m", Environment(minipage), "a box of the given width"),
    // TeX's code tables and numbered registers: setting them is read and dropped.
    entry("catcode", "", Command(code_assignment), "a character's category: setting it is ignored (wita reads LaTeX's usual categories)"),
    entry("lccode", "", Command(code_assignment), "a TeX code table: setting it is ignored"),
    entry("uccode", "", Command(code_assignment), "a TeX code table: setting it is ignored"),
    entry("sfcode", "", Command(code_assignment), "a TeX code table: setting it is ignored"),
    entry("mathcode", "", Command(code_assignment), "a TeX code table: setting it is ignored"),
    entry("delcode", "", Command(code_assignment), "a TeX code table: setting it is ignored"),
    entry("count", "", Command(code_assignment), "a TeX count register: setting it is ignored"),
    entry("dimen", "", Command(code_assignment), "a TeX dimen register: setting it is ignored"),
    entry("skip", "", Command(code_assignment), "a TeX skip register: setting it is ignored"),
    // TeX's integer parameters: setting them is read and dropped.
    entry("clubpenalty", "", Command(int_param), "a TeX parameter: setting it is ignored"),
    entry("widowpenalty", "", Command(int_param), "a TeX parameter: setting it is ignored"),
    entry("displaywidowpenalty", "", Command(int_param), "a TeX parameter: setting it is ignored"),
    entry("brokenpenalty", "", Command(int_param), "a TeX parameter: setting it is ignored"),
    entry("hyphenpenalty", "", Command(int_param), "a TeX parameter: setting it is ignored"),
    entry("exhyphenpenalty", "", Command(int_param), "a TeX parameter: setting it is ignored"),
    entry("binoppenalty", "", Command(int_param), "a TeX parameter: setting it is ignored"),
    entry("relpenalty", "", Command(int_param), "a TeX parameter: setting it is ignored"),
    entry("linepenalty", "", Command(int_param), "a TeX parameter: setting it is ignored"),
    entry("interlinepenalty", "", Command(int_param), "a TeX parameter: setting it is ignored"),
    entry("interfootnotelinepenalty", "", Command(int_param), "a TeX parameter: setting it is ignored"),
    entry("predisplaypenalty", "", Command(int_param), "a TeX parameter: setting it is ignored"),
    entry("postdisplaypenalty", "", Command(int_param), "a TeX parameter: setting it is ignored"),
    entry("floatingpenalty", "", Command(int_param), "a TeX parameter: setting it is ignored"),
    entry("adjdemerits", "", Command(int_param), "a TeX parameter: setting it is ignored"),
    entry("doublehyphendemerits", "", Command(int_param), "a TeX parameter: setting it is ignored"),
    entry("finalhyphendemerits", "", Command(int_param), "a TeX parameter: setting it is ignored"),
    entry("looseness", "", Command(int_param), "a TeX parameter: setting it is ignored"),
    entry("lefthyphenmin", "", Command(int_param), "a TeX parameter: setting it is ignored"),
    entry("righthyphenmin", "", Command(int_param), "a TeX parameter: setting it is ignored"),
    entry("uchyph", "", Command(int_param), "a TeX parameter: setting it is ignored"),
    // TeX's registers: setting them is read and dropped.
    entry("tabcolsep", "", Command(register), "a TeX register: setting it is ignored"),
    entry("arraystretch", "", Command(register), "a TeX register: setting it is ignored"),
    entry("parindent", "", Command(register), "a TeX register: setting it is ignored"),
    entry("parskip", "", Command(register), "a TeX register: setting it is ignored"),
    entry("baselineskip", "", Command(register), "a TeX register: setting it is ignored"),
    entry("arrayrulewidth", "", Command(register), "a TeX register: setting it is ignored"),
    entry("doublerulesep", "", Command(register), "a TeX register: setting it is ignored"),
    entry("textwidth", "", Command(register), "a TeX register: setting it is ignored"),
    entry("textheight", "", Command(register), "a TeX register: setting it is ignored"),
    entry("linewidth", "", Command(register), "a TeX register: setting it is ignored"),
    entry("columnsep", "", Command(register), "a TeX register: setting it is ignored"),
    entry("fboxsep", "", Command(register), "a TeX register: setting it is ignored"),
    entry("fboxrule", "", Command(register), "a TeX register: setting it is ignored"),
    entry("itemsep", "", Command(register), "a TeX register: setting it is ignored"),
    entry("itemindent", "", Command(register), "a TeX register: setting it is ignored"),
    entry("columnseprule", "", Command(register), "a TeX register: setting it is ignored"),
    entry("spaceskip", "", Command(register), "a TeX register: setting it is ignored"),
    entry("xspaceskip", "", Command(register), "a TeX register: setting it is ignored"),
    entry("labelwidth", "", Command(register), "a TeX register: setting it is ignored"),
    entry("marginparwidth", "", Command(register), "a TeX register: setting it is ignored"),
    entry("marginparsep", "", Command(register), "a TeX register: setting it is ignored"),
    entry("headheight", "", Command(register), "a TeX register: setting it is ignored"),
    entry("headsep", "", Command(register), "a TeX register: setting it is ignored"),
    entry("footskip", "", Command(register), "a TeX register: setting it is ignored"),
    entry("oddsidemargin", "", Command(register), "a TeX register: setting it is ignored"),
    entry("evensidemargin", "", Command(register), "a TeX register: setting it is ignored"),
    entry("topmargin", "", Command(register), "a TeX register: setting it is ignored"),
    entry("jot", "", Command(register), "a TeX register: setting it is ignored"),
    entry("mathindent", "", Command(register), "a TeX register: setting it is ignored"),
    entry("abovedisplayskip", "", Command(register), "a TeX register: setting it is ignored"),
    entry("belowdisplayskip", "", Command(register), "a TeX register: setting it is ignored"),
    entry("abovedisplayshortskip", "", Command(register), "a TeX register: setting it is ignored"),
    entry("belowdisplayshortskip", "", Command(register), "a TeX register: setting it is ignored"),
    entry("parfillskip", "", Command(register), "a TeX register: setting it is ignored"),
    entry("tabskip", "", Command(register), "a TeX register: setting it is ignored"),
    entry("unitlength", "", Command(register), "a TeX register: setting it is ignored"),
    entry("topskip", "", Command(register), "a TeX register: setting it is ignored"),
    entry("maxdepth", "", Command(register), "a TeX register: setting it is ignored"),
    entry("floatsep", "", Command(register), "a TeX register: setting it is ignored"),
    entry("textfloatsep", "", Command(register), "a TeX register: setting it is ignored"),
    entry("intextsep", "", Command(register), "a TeX register: setting it is ignored"),
    entry("dbltextfloatsep", "", Command(register), "a TeX register: setting it is ignored"),
    entry("listparindent", "", Command(register), "a TeX register: setting it is ignored"),
    entry("rightmargin", "", Command(register), "a TeX register: setting it is ignored"),
    entry("partopsep", "", Command(register), "a TeX register: setting it is ignored"),
    entry("multicolsep", "", Command(register), "a TeX register: setting it is ignored"),
    entry("bibsep", "", Command(register), "a TeX register: setting it is ignored"),
    entry("topsep", "", Command(register), "a TeX register: setting it is ignored"),
    entry("parsep", "", Command(register), "a TeX register: setting it is ignored"),
    entry("leftmargin", "", Command(register), "a TeX register: setting it is ignored"),
    entry("labelsep", "", Command(register), "a TeX register: setting it is ignored"),
    entry("abovecaptionskip", "", Command(register), "a TeX register: setting it is ignored"),
    entry("belowcaptionskip", "", Command(register), "a TeX register: setting it is ignored"),
    entry("emergencystretch", "", Command(register), "a TeX register: setting it is ignored"),
    entry("hfuzz", "", Command(register), "a TeX register: setting it is ignored"),
    entry("vfuzz", "", Command(register), "a TeX register: setting it is ignored"),
    entry("hbadness", "", Command(register), "a TeX register: setting it is ignored"),
    entry("vbadness", "", Command(register), "a TeX register: setting it is ignored"),
    entry("lineskip", "", Command(register), "a TeX register: setting it is ignored"),
    entry("footnotesep", "", Command(register), "a TeX register: setting it is ignored"),
    entry("columnwidth", "", Command(register), "a TeX register: setting it is ignored"),
    entry("hsize", "", Command(register), "a TeX register: setting it is ignored"),
    entry("vsize", "", Command(register), "a TeX register: setting it is ignored"),
];

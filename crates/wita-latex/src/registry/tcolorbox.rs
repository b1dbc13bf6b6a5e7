//! tcolorbox's boxes: `\begin{tcolorbox}[title=…, colback=…, colframe=…]`
//! with its upper part and, after `\tcblower`, its lower one; the boxes an
//! article defines with `\newtcolorbox` (and `\renewtcolorbox`); `\tcbox`
//! around text. The template draws the frame, the title bar and the dashed
//! line between the parts as tcolorbox's defaults draw them.

use wita_diag::Span;
use wita_doc::{Boxed, Content, Node, NodeKind, Style};

use super::Handler::{Command, Environment};
use super::{Entry, entry, ignore};
use crate::color::parse_color;
use crate::lex::{Token, TokenKind};
use crate::reader::{EnvMacro, Reader, Stop, env_tokens, push_display, push_parbreak};

/// `\begin{tcolorbox}[options] … \end{tcolorbox}`.
fn tcolorbox(r: &mut Reader<'_>, name: String, begin: Span, out: &mut Content) {
    // `\tcbset`'s options first, the box's own after them.
    let mut options = r.tcb_defaults.clone();
    if let Some((own, span)) = r.read_optional() {
        options.push(Token {
            kind: TokenKind::Text(",".into()),
            span,
        });
        options.extend(own);
    }
    let mut bold_title = false;
    let mut boxed = Boxed {
        title: None,
        upper: Content::new(),
        lower: None,
        back: None,
        frame: None,
    };
    for (key, value) in super::glossaries::key_values(options) {
        match key.as_str() {
            "title" => boxed.title = Some(r.content_of(value)),
            // `fonttitle=\bfseries`: the title in bold (other fonts are the
            // template's).
            "fonttitle" => {
                bold_title = value
                    .iter()
                    .any(|t| t.is_command("bfseries") || t.is_command("bf"))
            }
            "colback" | "colframe" => {
                let spec = r.arg_string(value);
                let colour = parse_color(None, spec.trim(), &r.colors);
                if key == "colback" {
                    boxed.back = colour;
                } else {
                    boxed.frame = colour;
                }
            }
            _ => {}
        }
    }
    if bold_title && let Some(title) = boxed.title.take() {
        boxed.title = Some(vec![Node::new(NodeKind::Styled(Style::Bold, title), begin)]);
    }
    r.tcb_uppers.push(None);
    let body = super::lists::trim(r.content(Stop::Env(name, begin)));
    match r.tcb_uppers.pop().flatten() {
        Some(upper) => {
            boxed.upper = upper;
            boxed.lower = Some(body);
        }
        None => boxed.upper = body,
    }
    push_display(out, Node::new(NodeKind::Boxed(boxed), begin), begin);
    // The box ends its paragraph: what follows begins a new one, indented.
    push_parbreak(out, begin);
}

/// `\tcblower`: what came before is the box's upper part.
fn tcblower(r: &mut Reader<'_>, _: &str, _: Span, out: &mut Content) {
    if let Some(slot) = r.tcb_uppers.last_mut() {
        *slot = Some(super::lists::trim(std::mem::take(out)));
    }
}

/// `\newtcolorbox[init]{name}[n][default]{options}`: an environment of
/// the article's, a `tcolorbox` with those options (its arguments in them,
/// `title=#1`).
fn newtcolorbox(r: &mut Reader<'_>, name: &str, span: Span, _: &mut Content) {
    r.read_optional();
    let (tokens, _) = r.expect_arg(name, span);
    let env = r.arg_string(tokens).trim().to_owned();
    let params = r
        .read_optional()
        .and_then(|(t, _)| r.arg_string(t).trim().parse::<u8>().ok())
        .unwrap_or(0)
        .min(9);
    let default = if params > 0 {
        r.read_optional().map(|(t, _)| t)
    } else {
        None
    };
    let (options, _) = r.expect_arg(name, span);
    if env.is_empty() {
        return;
    }
    let char_token = |c: char| Token {
        kind: TokenKind::Char(c),
        span,
    };
    let mut begin = env_tokens("begin", "tcolorbox", span);
    begin.push(char_token('['));
    begin.extend(options);
    begin.push(char_token(']'));
    r.envs.insert(
        env,
        EnvMacro {
            params,
            default,
            begin: begin.into(),
            end: env_tokens("end", "tcolorbox", span).into(),
        },
    );
}

/// `\tcbset{options}`: options every box after it takes first.
fn tcbset(r: &mut Reader<'_>, name: &str, span: Span, _: &mut Content) {
    let (options, arg_span) = r.expect_arg(name, span);
    if !r.tcb_defaults.is_empty() {
        r.tcb_defaults.push(Token {
            kind: TokenKind::Text(",".into()),
            span: arg_span,
        });
    }
    r.tcb_defaults.extend(options);
}

/// `\tcbox[options]{text}`: the text in a box of its own.
fn tcbox(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    r.read_optional();
    let (body, arg_span) = r.arg_content(name, span);
    out.push(Node::new(
        NodeKind::Styled(Style::Framed, body),
        span.join(arg_span),
    ));
}

#[rustfmt::skip]
pub(super) const ENTRIES: &[Entry] = &[
    entry("tcolorbox", "o", Environment(tcolorbox), "a framed box (`title=`, `colback=`, `colframe=`; `\\tcblower` parts it)"),
    entry("tcblower", "", Command(tcblower), "tcolorbox: the lower part of the box begins"),
    entry("newtcolorbox", "o m o o m", Command(newtcolorbox), "tcolorbox: a box environment of the article's"),
    entry("renewtcolorbox", "o m o o m", Command(newtcolorbox), "tcolorbox: as `\\newtcolorbox`"),
    entry("tcbox", "o m", Command(tcbox), "tcolorbox: its text in a box"),
    entry("tcbset", "m", Command(tcbset), "tcolorbox: options every box after it takes (`fonttitle=\\bfseries`, colours)"),
    entry("tcbuselibrary", "m", Command(ignore), "tcolorbox: its libraries are not needed"),
];

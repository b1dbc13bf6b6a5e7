//! Code and verbatim text: LaTeX's `verbatim` and `\verb`, listings,
//! minted, fancyvrb, alltt; comment's and filecontents' environments, which
//! print nothing. The lexer captures their text as written (it asks
//! [`super::lexing`] and [`super::verbatim_environment`]).

use wita_diag::Span;
use wita_diag::codes;
use wita_doc::{CodeBlock, Content, Node, NodeKind};

use super::Handler::{Command, Environment};
use super::{Entry, entry, ignore};
use crate::lex::{Token, TokenKind, detokenize};
use crate::reader::{Reader, push_block, push_display};

pub(super) fn code_block(r: &mut Reader<'_>, name: String, begin: Span, out: &mut Content) {
    let mut language = None;
    // listings' `caption=` and `label=`: a numbered listing.
    let mut caption = None;
    let mut label = None;
    if (name == "lstlisting" || name == "Verbatim" || name == "minted" || !is_known(&name))
        && let Some((options, options_span)) = r.read_optional()
    {
        let options = detokenize(&options);
        language = option_value(&options, "language");
        for part in super::graphics::split_options(&options) {
            let Some((key, value)) = part.split_once('=') else {
                continue;
            };
            let value = value.trim();
            let value = value
                .strip_prefix('{')
                .and_then(|v| v.strip_suffix('}'))
                .unwrap_or(value);
            match key.trim() {
                "caption" if !value.is_empty() => {
                    // `caption={[short]long}`: the long one.
                    let long = match value.strip_prefix('[') {
                        Some(v) => v.split_once(']').map_or(v, |(_, l)| l),
                        None => value,
                    };
                    let (tokens, _) = crate::lex::tokenize(long, options_span.file);
                    let tokens = tokens
                        .into_iter()
                        .map(|mut t| {
                            t.span = options_span;
                            t
                        })
                        .collect();
                    caption = Some(r.content_of(tokens));
                }
                "label" if !value.is_empty() => {
                    let name = value.trim().to_owned();
                    r.labels.push((name.clone(), options_span));
                    label = Some(name);
                }
                _ => {}
            }
        }
    }
    if name == "tcblisting" {
        r.read_arg(); // tcolorbox's options
    }
    if name == "minted"
        && let Some((lang, _)) = r.read_arg()
    {
        language = Some(detokenize(&lang).trim().to_owned());
    }
    let (text, text_span) = match r.next() {
        Some(Token {
            kind: TokenKind::Verbatim(text),
            span,
        }) => {
            // The lexer takes the body as it stands from its first byte
            // (a token that did not come from the body as written has
            // another span, such as a macro's).
            let start = span.start as usize;
            let text_span = (span.range().len() >= text.len())
                .then(|| Span::new(span.file, start..start + text.len()));
            (text, text_span)
        }
        Some(other) => {
            r.input.unread(other);
            (String::new(), None)
        }
        None => (String::new(), None),
    };
    let end_seen = expect_end(r, &name, begin);
    let span = match end_seen {
        Some(end) => begin.join(end),
        None => begin,
    };
    let code = Node::new(
        NodeKind::CodeBlock(CodeBlock {
            language,
            text,
            text_span,
        }),
        span,
    );
    if caption.is_some() {
        // Set where it stands (listings' `float` option is not followed).
        push_display(
            out,
            Node::new(
                NodeKind::Float(wita_doc::Float {
                    kind: wita_doc::FloatKind::Listing,
                    caption,
                    body: vec![code],
                    label,
                    placement: Some("H".into()),
                }),
                span,
            ),
            begin,
        );
    } else {
        if let Some(name) = label {
            // A label without a caption names no number: LaTeX's current
            // one, the section's.
            out.push(Node::new(NodeKind::Anchor(name), begin));
        }
        push_display(out, code, begin);
    }
}

fn dropped(r: &mut Reader<'_>, name: String, begin: Span, _: &mut Content) {
    if name.starts_with("filecontents") {
        // `\begin{filecontents}[opts]{file}`: the file name.
        r.read_optional();
        r.read_arg();
    }
    if let Some(Token {
        kind: TokenKind::Verbatim(_),
        ..
    }) = r.input.peek().cloned()
    {
        r.next();
    }
    expect_end(r, &name, begin);
}

/// Whether the registry has the environment (a listing environment the
/// document defines has none).
fn is_known(name: &str) -> bool {
    super::lookup(super::Kind::Environment, name).is_some()
}

/// Reads `\end{name}` right after a verbatim body; returns its span.
pub(super) fn expect_end(r: &mut Reader<'_>, name: &str, begin: Span) -> Option<Span> {
    match r.input.peek().cloned() {
        Some(t) if t.is_command("end") => {
            r.next();
            let arg = r.read_arg();
            Some(arg.map_or(t.span, |(_, s)| t.span.join(s)))
        }
        _ => {
            r.unclosed_environment(name, begin);
            None
        }
    }
}

fn inline_code(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    if name == "mintinline" {
        r.read_optional();
        r.read_arg();
    } else {
        r.read_optional();
    }
    // The lexer captured the code as one verbatim token (`\mintinline`'s
    // is a group of tokens, printed as written).
    let code = match r.next() {
        Some(Token {
            kind: TokenKind::Verbatim(code),
            ..
        }) => code,
        Some(Token {
            kind: TokenKind::BeginGroup,
            ..
        }) => {
            let mut code = String::new();
            while let Some(t) = r.next() {
                if t.kind == TokenKind::EndGroup {
                    break;
                }
                code.push_str(&detokenize(&[t]));
            }
            code
        }
        Some(other) => {
            r.input.unread(other);
            String::new()
        }
        None => String::new(),
    };
    out.push(Node::new(NodeKind::InlineCode(code), span));
}

fn code_file(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let mut language = None;
    if name == "inputminted" {
        r.read_optional();
        let (lang, _) = r.expect_arg(name, span);
        language = Some(detokenize(&lang).trim().to_owned());
    } else if let Some((options, _)) = r.read_optional() {
        language = option_value(&detokenize(&options), "language");
    }
    let (tokens, arg_span) = r.expect_arg(name, span);
    let written = r.arg_string(tokens);
    let full = span.join(arg_span);
    match r.ctx.resolver.read_input(&written) {
        Ok((_, text)) => {
            push_block(
                out,
                Node::new(
                    NodeKind::CodeBlock(CodeBlock {
                        language,
                        text: text.to_string(),
                        text_span: None,
                    }),
                    full,
                ),
                span,
            );
        }
        // listings only warns about a file it cannot find, and prints
        // nothing in its place; fancyvrb and minted stop.
        Err(e) if e.not_found && name == "lstinputlisting" => {
            let d = r.warn(
                codes::FILE_NOT_FOUND,
                full,
                format!(
                    "{}; nothing is printed in its place, as listings does",
                    e.message
                ),
            );
            d.label = Some(format!("`{written}`"));
            d.help.extend(e.help);
        }
        Err(e) => {
            let d = r.error(e.code, full, e.message);
            d.label = Some(format!("`{written}`"));
            d.help.extend(e.help);
        }
    }
}

/// `language=Python` in `key=value, ...`.
fn option_value(options: &str, key: &str) -> Option<String> {
    options.split(',').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k.trim() == key).then(|| v.trim().trim_matches(['{', '}']).to_owned())
    })
}

#[rustfmt::skip]
pub(super) const ENTRIES: &[Entry] = &[
    entry("verbatim", "v", Environment(code_block), "a code block, as written"),
    entry("verbatim*", "v", Environment(code_block), "a code block, as written"),
    entry("Verbatim", "o v", Environment(code_block), "a code block, as written"),
    entry("lstlisting", "o v", Environment(code_block), "a code block (`language=` is kept)"),
    entry("minted", "o m v", Environment(code_block), "a code block in the language named"),
    entry("alltt", "v", Environment(code_block), "a code block, as written"),
    entry("comment", "v", Environment(dropped), "dropped, as the comment package drops it"),
    entry("filecontents", "o m v", Environment(dropped), "dropped (the file is not written)"),
    entry("filecontents*", "o m v", Environment(dropped), "dropped (the file is not written)"),
    entry("verb", "s v", Command(inline_code), "inline code, as written between two delimiters"),
    entry("lstinline", "o v", Command(inline_code), "inline code, as written"),
    entry("mintinline", "o m m", Command(inline_code), "inline code (the language is dropped)"),
    entry("lstinputlisting", "o m", Command(code_file), "a code block from a file of the entry"),
    entry("inputminted", "o m m", Command(code_file), "a code block from a file of the entry"),
    entry("VerbatimInput", "o m", Command(code_file), "a code block from a file of the entry"),
    entry("lstset", "m", Command(ignore), "ignored: listings' settings"),
    entry("lstnewenvironment", "m o o m m", Command(ignore), "defines a listing environment: its body is read as written"),
    entry("DefineVerbatimEnvironment", "m m m", Command(ignore), "defines a verbatim environment: its body is read as written"),
    entry("newminted", "o m m", Command(ignore), "defines minted's `<lang>code` environment: its body is read as written"),
    entry("setminted", "o m", Command(ignore), "ignored: minted's settings"),
    entry("tcblisting", "m v", Environment(code_block), "tcolorbox: a code block, as written (its typeset twin is not drawn)"),
    entry("newtcblisting", "o m o o m", Command(ignore), "tcolorbox: defines a listing environment: its body is read as written"),
    entry("DeclareTCBListing", "o m m m", Command(ignore), "tcolorbox: defines a listing environment: its body is read as written"),
    entry("MakeShortVerb", "s m", Command(ignore), "shortvrb: the character then reads as `\\verb` does (`|code|`)"),
    entry("DeleteShortVerb", "m", Command(ignore), "shortvrb: the character is ordinary again"),
    entry("DefineShortVerb", "o m", Command(ignore), "fancyvrb: the character then reads as `\\verb` does"),
    entry("UndefineShortVerb", "m", Command(ignore), "fancyvrb: the character is ordinary again"),
];

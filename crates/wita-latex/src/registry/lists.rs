//! Lists: LaTeX's `itemize`, `enumerate` and `description` (with
//! enumitem's and enumerate's label options), paralist's variants, and the
//! `\list`/`\trivlist` primitives that user environments are built on.

use wita_diag::Span;
use wita_diag::codes;
use wita_doc::{Content, List, ListItem, ListKind, Node, NodeKind};

use super::Handler::{Command, Environment};
use super::{Entry, entry, ignore};
use crate::input::FrameKind;
use crate::lex::{Token, TokenKind, detokenize};
use crate::reader::{Reader, Stop, env_tokens, push_display, push_text};

fn list(r: &mut Reader<'_>, name: String, begin: Span, out: &mut Content) {
    let kind = match name.as_str() {
        "itemize" | "compactitem" | "asparaitem" | "inparaitem" => ListKind::Bullet,
        "description" | "compactdesc" => ListKind::Description,
        _ => ListKind::Numbered,
    };
    let options = r
        .read_optional()
        .map(|(t, _)| detokenize(&t))
        .unwrap_or_default();
    let (numbering, start) = enum_options(&options);
    let vertical = out
        .iter()
        .rev()
        .find(|n| !matches!(n.kind, NodeKind::Space))
        .is_none_or(|n| matches!(n.kind, NodeKind::Parbreak | NodeKind::Heading(_)));
    let mut node = read_list(r, name, kind, begin);
    let list = match &mut node.kind {
        NodeKind::List(list) => Some(list),
        NodeKind::Group(children) => match children.last_mut().map(|n| &mut n.kind) {
            Some(NodeKind::List(list)) => Some(list),
            _ => None,
        },
        _ => None,
    };
    if let Some(list) = list {
        list.numbering = numbering;
        list.start = start;
        list.vertical = vertical;
    }
    push_display(out, node, begin);
}

/// LaTeX's primitives (`\list{label}{settings}`, `\trivlist`): items with
/// the labels they are given.
fn primitive_list(r: &mut Reader<'_>, name: String, begin: Span, out: &mut Content) {
    if name == "list" {
        r.read_arg();
        r.read_arg();
    }
    let node = read_list(r, name, ListKind::Description, begin);
    push_display(out, node, begin);
}

fn item(r: &mut Reader<'_>, _: &str, span: Span, out: &mut Content) {
    r.warn(codes::MISPLACED_ITEM, span, "`\\item` outside a list");
    if let Some((label, _)) = r.read_optional() {
        let label = r.content_of(label);
        out.extend(label);
    } else {
        push_text(out, "•".into(), span);
    }
    out.push(Node::new(NodeKind::Space, span));
}

/// LaTeX's list primitives as commands: environments in the begin and end
/// code of a user environment (elsewhere their settings are dropped and
/// `\item` is reported outside a list).
fn list_primitive(r: &mut Reader<'_>, name: &str, span: Span, _: &mut Content) {
    match name {
        "trivlist" | "list" if !r.user_env_ends_with(&format!("end{name}")) => {
            if name == "list" {
                r.read_arg();
                r.read_arg();
            }
        }
        "endtrivlist" | "endlist" if !r.list_open(&name[3..]) => {}
        _ => {
            let (command, env) = match name.strip_prefix("end") {
                Some(env) => ("end", env),
                None => ("begin", name),
            };
            let tokens = env_tokens(command, env, span);
            r.input.push(tokens, FrameKind::Inserted);
        }
    }
}

/// The items of a list environment, up to its `\end`.
pub(super) fn read_list(r: &mut Reader<'_>, name: String, kind: ListKind, begin: Span) -> Node {
    // Declarations before the first \item (`\raggedright`) style the list.
    let preamble = r.content(Stop::Item(name.clone(), begin));
    let mut styles = Vec::new();
    let mut warned = false;
    for node in preamble {
        match node.kind {
            NodeKind::SetStyle(_) => styles.push(node),
            NodeKind::Space | NodeKind::Parbreak if !warned => {}
            _ => {
                // LaTeX says "perhaps a missing \item" and sets the text
                // as a paragraph: so does wita, spaces and breaks kept.
                if !warned && !matches!(node.kind, NodeKind::Space | NodeKind::Parbreak) {
                    r.warn(codes::MISPLACED_ITEM, node.span, "text before the first `\\item` of a list")
                        .help
                        .push("it is printed as a paragraph before the list; start the list with `\\item`".into());
                    warned = true;
                }
                styles.push(node);
            }
        }
    }
    let mut items = Vec::new();
    loop {
        match r.next() {
            Some(t) if t.is_command("item") => {
                let label = r.read_optional().map(|(tokens, _)| r.content_of(tokens));
                let body = r.content(Stop::Item(name.clone(), begin));
                items.push(ListItem {
                    label,
                    body: trim(body),
                    span: t.span,
                });
            }
            // The end code of a user environment that opened the list
            // with `\trivlist` or `\list`, run early (below).
            Some(t)
                if (name == "trivlist" || name == "list")
                    && (t.is_command("endtrivlist") || t.is_command("endlist")) =>
            {
                break;
            }
            Some(t) if t.is_command("end") => {
                // content(Stop::Item) left the `\end{..}` unread: this
                // list's own, the end of a user environment whose end
                // code closes this list, or an outer one's when this list
                // was not closed (reported already; leave it to its owner).
                if let Some((tokens, arg_span)) = r.read_arg()
                    && detokenize(&tokens).trim() != name
                {
                    let other = detokenize(&tokens).trim().to_owned();
                    if r.end_user_env_early(&other, t.clone(), tokens.clone(), arg_span) {
                        continue;
                    }
                    let mut back = vec![
                        t,
                        Token {
                            kind: TokenKind::BeginGroup,
                            span: arg_span.start_point(),
                        },
                    ];
                    back.extend(tokens);
                    back.push(Token {
                        kind: TokenKind::EndGroup,
                        span: arg_span,
                    });
                    r.push_tokens(back);
                }
                break;
            }
            Some(_) | None => break,
        }
    }
    let list = Node::new(
        NodeKind::List(List {
            kind,
            items,
            numbering: None,
            start: None,
            vertical: false,
        }),
        begin,
    );
    if styles.is_empty() {
        list
    } else {
        styles.push(list);
        Node::new(NodeKind::Group(styles), begin)
    }
}

/// Drops spaces and paragraph breaks at both ends.
pub(super) fn trim(mut content: Content) -> Content {
    while matches!(
        content.last().map(|n| &n.kind),
        Some(NodeKind::Space | NodeKind::Parbreak)
    ) {
        content.pop();
    }
    let start = content
        .iter()
        .take_while(|n| matches!(n.kind, NodeKind::Space | NodeKind::Parbreak))
        .count();
    content.drain(..start);
    content
}

/// enumitem's options (`label=(\alph*), start=3`) and the enumerate
/// package's short form (`[(a)]`, `[i.]`), as a numbering pattern and a start.
fn enum_options(options: &str) -> (Option<String>, Option<u64>) {
    let mut numbering = None;
    let mut start = None;
    let pattern = |label: &str| -> Option<String> {
        let converted = label
            .replace("\\arabic*", "1")
            .replace("\\alph*", "a")
            .replace("\\Alph*", "A")
            .replace("\\roman*", "i")
            .replace("\\Roman*", "I")
            .replace(['{', '}'], "");
        (converted != label.replace(['{', '}'], "") || !label.contains('\\')).then_some(converted)
    };
    for option in options.split(',') {
        let option = option.trim();
        match option.split_once('=') {
            Some((key, value)) => match key.trim() {
                "label" => numbering = pattern(value.trim()),
                "start" => start = value.trim().parse().ok(),
                _ => {}
            },
            None if !option.is_empty()
                // enumerate's `[(a)]`: the first of 1 a A i I is the counter.
                && option
                    .chars()
                    .any(|c| matches!(c, '1' | 'a' | 'A' | 'i' | 'I'))
                    && option.len() <= 8 =>
            {
                numbering = Some(option.to_owned());
            }
            None => {}
        }
    }
    (numbering.filter(|n| !n.is_empty()), start)
}

/// enumitem's `\newlist{steps}{enumerate}{3}`: `steps` is a list of that
/// kind (its own labels, set with `\setlist[steps]{..}`, are the kind's).
fn newlist(r: &mut Reader<'_>, name: &str, span: Span, _: &mut Content) {
    let (tokens, _) = r.expect_arg(name, span);
    let list = r.arg_string(tokens).trim().to_owned();
    let (tokens, _) = r.expect_arg(name, span);
    let kind = r.arg_string(tokens).trim().to_owned();
    r.read_arg(); // the depth
    if list.is_empty() || !matches!(kind.as_str(), "itemize" | "enumerate" | "description") {
        r.warn(
            codes::UNREADABLE_VALUE,
            span,
            format!("`\\{name}{{{list}}}{{{kind}}}`: a list of kind `{kind}` wita does not know is read as `itemize`"),
        );
    }
    let kind = if matches!(kind.as_str(), "enumerate" | "description") {
        kind
    } else {
        "itemize".into()
    };
    if list.is_empty() {
        return;
    }
    r.envs.insert(
        list,
        crate::reader::EnvMacro {
            params: 0,
            default: None,
            begin: env_tokens("begin", &kind, span).into(),
            end: env_tokens("end", &kind, span).into(),
        },
    );
}

#[rustfmt::skip]
pub(super) const ENTRIES: &[Entry] = &[
    entry("itemize", "o", Environment(list), "a bulleted list"),
    entry("enumerate", "o", Environment(list), "a numbered list (`label=(\\alph*)`, `start=3`, `[(a)]`)"),
    entry("description", "o", Environment(list), "a list of labelled items"),
    entry("compactitem", "o", Environment(list), "a bulleted list"),
    entry("asparaitem", "o", Environment(list), "a bulleted list"),
    entry("inparaitem", "o", Environment(list), "a bulleted list"),
    entry("compactenum", "o", Environment(list), "a numbered list"),
    entry("asparaenum", "o", Environment(list), "a numbered list"),
    entry("inparaenum", "o", Environment(list), "a numbered list"),
    entry("compactdesc", "o", Environment(list), "a list of labelled items"),
    entry("list", "m m", Environment(primitive_list), "items with the labels they are given"),
    entry("trivlist", "", Environment(primitive_list), "items with the labels they are given"),
    entry("item", "o", Command(item), "starts a list item (`[label]`); outside a list, a warning"),
    entry("list", "m m", Command(list_primitive), "`\\begin{list}`, in a user environment's code"),
    entry("trivlist", "", Command(list_primitive), "`\\begin{trivlist}`, in a user environment's code"),
    entry("endlist", "", Command(list_primitive), "`\\end{list}`, in a user environment's code"),
    entry("endtrivlist", "", Command(list_primitive), "`\\end{trivlist}`, in a user environment's code"),
    entry("setlist", "o m", Command(ignore), "ignored: list spacing and labels"),
    entry("newlist", "m m m", Command(newlist), "enumitem: a list environment of its own, of a kind (`itemize`, `enumerate`, `description`)"),
    entry("renewlist", "m m m", Command(newlist), "enumitem: as `\\newlist`"),
];

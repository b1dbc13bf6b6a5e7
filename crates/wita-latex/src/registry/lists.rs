//! Lists: LaTeX's `itemize`, `enumerate` and `description` (with
//! enumitem's and enumerate's label options), paralist's variants, and the
//! `\list`/`\trivlist` primitives that user environments are built on.

use wita_diag::Span;
use wita_diag::codes;
use wita_doc::{Content, List, ListItem, ListKind, Node, NodeKind};

use super::Handler::{Command, Environment};
use super::{Entry, entry};
use crate::input::FrameKind;
use crate::lex::{Token, TokenKind, detokenize};
use crate::reader::{Reader, Stop, env_tokens, push_display, push_text, split_chars};

/// The kind of a list environment.
fn kind_of(name: &str) -> ListKind {
    match name {
        "itemize" | "compactitem" | "asparaitem" | "inparaitem" => ListKind::Bullet,
        "description" | "compactdesc" => ListKind::Description,
        _ => ListKind::Numbered,
    }
}

fn list(r: &mut Reader<'_>, name: String, begin: Span, out: &mut Content) {
    let kind = kind_of(&name);
    // How deep in lists of its kind (LaTeX's \@enumdepth, \@itemdepth).
    let level = 1 + r.open_lists().filter(|open| kind_of(open) == kind).count();
    let options = r.read_optional().map(|(t, _)| t).unwrap_or_default();
    let chosen = chosen_label(r, kind, level, options, begin);
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
        list.start = chosen.start;
        list.vertical = vertical;
        if kind != ListKind::Description {
            list.label = chosen.label;
            list.reference = chosen.reference;
        }
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
            label: None,
            reference: None,
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

/// A list's label and reference as the article chose them, and its start.
#[derive(Default)]
struct Chosen {
    label: Option<Content>,
    reference: Option<String>,
    start: Option<u64>,
}

/// The counter styles of a list's label: enumitem's `\alph*` and LaTeX's
/// `\alph{enumi}`, as typst's numbering writes them.
const STYLES: [(&str, char); 5] = [
    ("arabic", '1'),
    ("alph", 'a'),
    ("Alph", 'A'),
    ("roman", 'i'),
    ("Roman", 'I'),
];

/// LaTeX's counters of enumerate's levels, and their default styles
/// (`\theenumi` is `\arabic{enumi}`, `\theenumii` `\alph{enumii}`…).
const ENUM_COUNTERS: [(&str, char); 4] = [
    ("enumi", '1'),
    ("enumii", 'a'),
    ("enumiii", 'i'),
    ("enumiv", 'A'),
];

/// What a list at `level` of `kind` is labelled with, in this order: its
/// own options (enumitem's `label=`, `ref=`, `start=`; the enumerate
/// package's `[(a)]`), enumitem's `\setlist` for it, and LaTeX's
/// `\labelenumi`/`\theenumi` or `\labelitemi` as the article redefined
/// them. Nothing chosen: the template's labels, LaTeX's defaults.
fn chosen_label(
    r: &mut Reader<'_>,
    kind: ListKind,
    level: usize,
    options: Vec<Token>,
    span: Span,
) -> Chosen {
    let mut chosen = Chosen::default();
    let kind_name = match kind {
        ListKind::Bullet => "itemize",
        ListKind::Numbered => "enumerate",
        ListKind::Description => "description",
    };
    let has_keys = options
        .iter()
        .any(|t| matches!(&t.kind, TokenKind::Text(s) if s.contains('=')));
    let mut label = None;
    let mut reference = None;
    if has_keys {
        for (key, value) in super::glossaries::key_values(options) {
            match key.as_str() {
                "label" => label = Some(value),
                "ref" => reference = Some(value),
                "start" => chosen.start = r.arg_string(value).trim().parse().ok(),
                _ => {}
            }
        }
    } else if kind == ListKind::Numbered
        && let Some(first) = options.first()
        && let Some((label, style)) = short_form(&detokenize(&options))
    {
        // The enumerate package's `[(a)]`: its reference is the counter alone.
        chosen.label = Some(vec![Node::new(NodeKind::Text(label), first.span)]);
        chosen.reference = Some(wita_doc::List::counter(style));
        return chosen;
    }
    // enumitem's \setlist for this kind at this level, or at every level,
    // or for every kind.
    if label.is_none() {
        label = [(kind_name, level), (kind_name, 0), ("", level), ("", 0)]
            .iter()
            .find_map(|(k, l)| r.list_labels.get(&((*k).to_owned(), *l)).cloned());
    }
    if let Some(label) = label {
        let tokens = label_tokens(r, label, 0);
        let label = r.content_of(tokens);
        // enumitem's reference is the label (read once), unless `ref=` says
        // otherwise.
        let reference = match reference {
            Some(t) => {
                let tokens = label_tokens(r, t, 0);
                wita_doc::plain_text(&r.content_of(tokens))
            }
            None => wita_doc::plain_text(&label),
        };
        chosen.label = Some(label);
        chosen.reference = Some(reference);
        return chosen;
    }
    // LaTeX's own label commands, as the article redefined them.
    let roman = ["i", "ii", "iii", "iv"][(level - 1).min(3)];
    match kind {
        ListKind::Numbered => {
            let the = format!("theenum{roman}");
            let label_macro = format!("labelenum{roman}");
            if !r.macros.contains_key(&the) && !r.macros.contains_key(&label_macro) {
                return chosen;
            }
            let command = |name: &str| Token {
                kind: TokenKind::Command(name.to_owned()),
                span,
            };
            let text = |t: &str| Token {
                kind: TokenKind::Text(t.to_owned()),
                span,
            };
            // article.cls's: `\theenumi.`, `(\theenumii)`, `\theenumiii.`, `\theenumiv.`.
            let label = match r.macros.get(&label_macro) {
                Some(m) => m.body.to_vec(),
                None if level == 2 => vec![text("("), command(&the), text(")")],
                None => vec![command(&the), text(".")],
            };
            let tokens = label_tokens(r, label, 0);
            chosen.label = Some(r.content_of(tokens));
            let the = label_tokens(r, vec![command(&the)], 0);
            chosen.reference = Some(wita_doc::plain_text(&r.content_of(the)));
        }
        ListKind::Bullet => {
            if let Some(m) = r.macros.get(&format!("labelitem{roman}")) {
                let tokens = m.body.to_vec();
                chosen.label = Some(r.content_of(tokens));
            }
        }
        ListKind::Description => {}
    }
    chosen
}

/// The enumerate package's short label (`(a)`, `i.`, `{Step} 1`): the label
/// with the first counter character outside braces as a mark, and its style.
fn short_form(short: &str) -> Option<(String, char)> {
    let mut out = String::new();
    let mut depth = 0usize;
    let mut style = None;
    for c in short.trim().chars() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            '1' | 'a' | 'A' | 'i' | 'I' if depth == 0 && style.is_none() => {
                style = Some(c);
                out.push_str(&wita_doc::List::counter(c));
            }
            _ => out.push(c),
        }
    }
    style.map(|s| (out, s))
}

/// A label's tokens with its counter as [`wita_doc::List::counter`] marks:
/// enumitem's `\alph*`, LaTeX's `\alph{enumii}`, and `\theenumii` as the
/// article defined it (or as LaTeX does).
fn label_tokens(r: &Reader<'_>, tokens: Vec<Token>, depth: usize) -> Vec<Token> {
    let flat: Vec<Token> = tokens.into_iter().flat_map(split_chars).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < flat.len() {
        let token = &flat[i];
        let mark = |style: char| Token {
            kind: TokenKind::Text(wita_doc::List::counter(style)),
            span: token.span,
        };
        if let TokenKind::Command(name) = &token.kind {
            if let Some((_, style)) = STYLES.iter().find(|(n, _)| n == name) {
                let next = flat.get(i + 1).map(|t| &t.kind);
                // `\alph*`
                if matches!(next, Some(TokenKind::Text(t)) if t == "*") {
                    out.push(mark(*style));
                    i += 2;
                    continue;
                }
                // `\alph{enumii}`
                if matches!(next, Some(TokenKind::BeginGroup))
                    && let Some(close) = flat[i + 2..]
                        .iter()
                        .position(|t| t.kind == TokenKind::EndGroup)
                {
                    out.push(mark(*style));
                    i += close + 3;
                    continue;
                }
            }
            if let Some(counter) = name.strip_prefix("the")
                && let Some((_, style)) = ENUM_COUNTERS.iter().find(|(c, _)| *c == counter)
            {
                match r.macros.get(name.as_str()) {
                    Some(m) if depth < 4 => out.extend(label_tokens(r, m.body.to_vec(), depth + 1)),
                    _ => out.push(mark(*style)),
                }
                i += 1;
                continue;
            }
        }
        out.push(token.clone());
        i += 1;
    }
    // Characters split apart join again, for TeX's ligatures (`--`).
    let mut joined: Vec<Token> = Vec::with_capacity(out.len());
    for token in out {
        if let (Some(last), TokenKind::Text(text)) = (joined.last_mut(), &token.kind)
            && let TokenKind::Text(before) = &mut last.kind
        {
            before.push_str(text);
            last.span.end = last.span.end.max(token.span.end);
            continue;
        }
        joined.push(token);
    }
    joined
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

/// enumitem's `\setlist[enumerate,1]{label=(\alph*)}` (kinds and levels,
/// either or both left out for all), and its older `\setenumerate[1]{..}`
/// and `\setitemize`: the labels the lists it names get. Its other keys
/// (spacing, margins) are the template's.
fn setlist(r: &mut Reader<'_>, name: &str, span: Span, _: &mut Content) {
    r.read_star();
    let scope = r
        .read_optional()
        .map(|(t, _)| r.arg_string(t))
        .unwrap_or_default();
    let (tokens, _) = r.expect_arg(name, span);
    let Some(label) = super::glossaries::key_values(tokens)
        .into_iter()
        .find_map(|(key, value)| (key == "label").then_some(value))
    else {
        return;
    };
    let mut kinds = Vec::new();
    let mut levels = Vec::new();
    for part in scope.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match part.parse::<usize>() {
            Ok(level) => levels.push(level),
            Err(_) => kinds.push(part.to_owned()),
        }
    }
    if let Some(kind) = name.strip_prefix("set").filter(|k| *k != "list") {
        kinds = vec![kind.to_owned()];
    }
    if kinds.is_empty() {
        kinds.push(String::new());
    }
    if levels.is_empty() {
        levels.push(0);
    }
    for kind in &kinds {
        for level in &levels {
            r.list_labels.insert((kind.clone(), *level), label.clone());
        }
    }
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
    entry("setlist", "s o m", Command(setlist), "enumitem: the labels of the lists it names (`[enumerate,1]{label=(\\alph*)}`); spacing is the template's"),
    entry("setenumerate", "o m", Command(setlist), "enumitem: as `\\setlist[enumerate]`"),
    entry("setitemize", "o m", Command(setlist), "enumitem: as `\\setlist[itemize]`"),
    entry("newlist", "m m m", Command(newlist), "enumitem: a list environment of its own, of a kind (`itemize`, `enumerate`, `description`)"),
    entry("renewlist", "m m m", Command(newlist), "enumitem: as `\\newlist`"),
];

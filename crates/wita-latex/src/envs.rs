//! What each environment means.

use wita_diag::Span;
use wita_doc::{
    Alignment, CodeBlock, Content, Heading, List, ListItem, ListKind, MathEnv, Node, NodeKind,
};

use crate::length::parse_length;
use crate::lex::{Token, TokenKind, detokenize};
use crate::reader::{Reader, Stop, push_display, push_parbreak, substitute};

/// Math environments, kept whole as LaTeX for the math converter.
const MATH_ENVS: &[&str] = &[
    "equation",
    "equation*",
    "align",
    "align*",
    "alignat",
    "alignat*",
    "gather",
    "gather*",
    "multline",
    "multline*",
    "flalign",
    "flalign*",
    "eqnarray",
    "eqnarray*",
    "displaymath",
    "math",
];

impl Reader<'_> {
    pub(crate) fn begin_environment(&mut self, span: Span, out: &mut Content) {
        let Some((name_tokens, name_span)) = self.read_arg() else {
            self.error(span, "`\\begin` is missing the environment's name");
            return;
        };
        let name = detokenize(&name_tokens).trim().to_owned();
        let begin = span.join(name_span);
        if let Some(env) = self.envs.get(&name).cloned() {
            let mut args = Vec::new();
            let mut remaining = env.params;
            if let Some(default) = &env.default {
                args.push(
                    self.read_optional()
                        .map_or_else(|| default.clone(), |(t, _)| t),
                );
                remaining = remaining.saturating_sub(1);
            }
            for _ in 0..remaining {
                args.push(self.read_arg().map(|a| a.0).unwrap_or_default());
            }
            let mut begin_tokens = substitute(&env.begin, &args);
            let mut end_tokens = substitute(&env.end, &args);
            // Environment code counts as expansion: an environment that
            // opens itself twice grows exponentially within the nesting limit.
            if self.over_budget(begin_tokens.len() + end_tokens.len(), &name, begin) {
                begin_tokens.clear();
                end_tokens.clear();
            }
            // An environment is a group: what its code defines (a `\def`
            // that redefines `\footcite` for a list) ends with it.
            let saved = (self.macros.clone(), self.aliases.clone());
            self.push_tokens(begin_tokens);
            let mut body = self.content(Stop::Env(name.clone(), begin));
            if self.ended_early.last() == Some(&name) {
                // Its end code already ran, inside a table it opened.
                self.ended_early.pop();
            } else {
                body.extend(self.content_of(end_tokens));
            }
            (self.macros, self.aliases) = saved;
            out.push(Node::new(NodeKind::Group(body), begin));
            return;
        }
        match name.as_str() {
            "document" => {
                // What a preamble printed is not part of the article.
                if self.preamble {
                    self.preamble = false;
                    out.clear();
                }
            }
            n if crate::tables::TABLE_ENVS.contains(&n) => self.table(&name, begin, out),
            "table" | "table*" | "figure" | "figure*" | "sidewaystable" | "sidewaysfigure"
            | "wrapfigure" | "wraptable" | "subfigure" | "subtable" => {
                if name.starts_with("wrap") {
                    // `\begin{wrapfigure}[lines]{r}{width}`.
                    self.read_optional();
                    self.read_arg();
                    self.read_arg();
                }
                self.float(&name, begin, out)
            }
            "abstract" => {
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
                let body = self.content(Stop::Env(name, begin));
                out.extend(body);
                push_parbreak(out, begin);
            }
            // LaTeX's primitives (`\list{label}{settings}`, `\trivlist`):
            // items with the labels they are given.
            "list" | "trivlist" => {
                if name == "list" {
                    self.read_arg();
                    self.read_arg();
                }
                let node = self.list(name, ListKind::Description, begin);
                push_display(out, node, begin);
            }
            "itemize" | "enumerate" | "description" | "compactitem" | "compactenum"
            | "inparaenum" | "asparaenum" | "compactdesc" | "asparaitem" | "inparaitem" => {
                let kind = match name.as_str() {
                    "itemize" | "compactitem" | "asparaitem" | "inparaitem" => ListKind::Bullet,
                    "description" | "compactdesc" => ListKind::Description,
                    _ => ListKind::Numbered,
                };
                let options = self
                    .read_optional()
                    .map(|(t, _)| detokenize(&t))
                    .unwrap_or_default();
                let (numbering, start) = enum_options(&options);
                let vertical = out
                    .iter()
                    .rev()
                    .find(|n| !matches!(n.kind, NodeKind::Space))
                    .is_none_or(|n| matches!(n.kind, NodeKind::Parbreak | NodeKind::Heading(_)));
                let mut node = self.list(name, kind, begin);
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
            "verbatim" | "verbatim*" | "Verbatim" | "lstlisting" | "minted" | "alltt" => {
                let mut language = None;
                if (name == "lstlisting" || name == "Verbatim" || name == "minted")
                    && let Some((options, _)) = self.read_optional()
                {
                    language = option_value(&detokenize(&options), "language");
                }
                if name == "minted"
                    && let Some((lang, _)) = self.read_arg()
                {
                    language = Some(detokenize(&lang).trim().to_owned());
                }
                let text = match self.next() {
                    Some(Token {
                        kind: TokenKind::Verbatim(text),
                        ..
                    }) => text,
                    Some(other) => {
                        self.input.unread(other);
                        String::new()
                    }
                    None => String::new(),
                };
                let end_seen = self.expect_end(&name, begin);
                let span = match end_seen {
                    Some(end) => begin.join(end),
                    None => begin,
                };
                push_display(
                    out,
                    Node::new(NodeKind::CodeBlock(CodeBlock { language, text }), span),
                    begin,
                );
            }
            "thebibliography" => {
                self.read_arg(); // the widest label
                let node = self.bibitems(&name, begin);
                push_parbreak(out, begin);
                out.push(node);
                push_parbreak(out, begin);
            }
            "comment" | "filecontents" | "filecontents*" => {
                if name.starts_with("filecontents") {
                    // `\begin{filecontents}[opts]{file}`: the file name.
                    self.read_optional();
                    self.read_arg();
                }
                // Dropped, like the comment package does.
                if let Some(Token {
                    kind: TokenKind::Verbatim(_),
                    ..
                }) = self.input.peek().cloned()
                {
                    self.next();
                }
                self.expect_end(&name, begin);
            }
            "quote" | "quotation" | "verse" => {
                let body = self.content(Stop::Env(name, begin));
                push_display(out, Node::new(NodeKind::Quote(body), begin), begin);
            }
            "center" | "flushleft" | "flushright" => {
                let align = match name.as_str() {
                    "center" => Alignment::Center,
                    "flushleft" => Alignment::Left,
                    _ => Alignment::Right,
                };
                let body = self.content(Stop::Env(name, begin));
                push_display(out, Node::new(NodeKind::Align(align, body), begin), begin);
            }
            // biblatex's bibliography scopes: their argument names a
            // context, their content is ordinary text.
            // AASTeX: a table float whose rows sit between `\startdata`
            // and `\enddata` (see `Reader::deluxe_command`).
            "deluxetable" | "deluxetable*" => {
                self.read_optional();
                let spec = self.read_arg().map(|(t, _)| t).unwrap_or_default();
                self.deluxe_tables.push((spec, Vec::new()));
                self.float(&name, begin, out);
                self.deluxe_tables.pop();
            }
            "floattable" => {
                let body = self.content(Stop::Env(name, begin));
                out.push(Node::new(NodeKind::Group(body), begin));
            }
            "refcontext" | "refsection" | "refsegment" => {
                self.read_optional();
                if name == "refcontext" && matches!(self.peek_kind(), Some(TokenKind::BeginGroup)) {
                    self.read_arg();
                }
                let body = self.content(Stop::Env(name, begin));
                out.push(Node::new(NodeKind::Group(body), begin));
            }
            "minipage" => {
                self.read_optional();
                self.read_optional();
                self.read_optional();
                let width = match self.read_arg() {
                    Some((tokens, _)) => {
                        let text = self.arg_string(tokens);
                        parse_length(&text).unwrap_or(wita_doc::Length::Width(1.0))
                    }
                    None => wita_doc::Length::Width(1.0),
                };
                let body = self.content(Stop::Env(name, begin));
                out.push(Node::new(NodeKind::Parbox { width, body }, begin));
            }
            "small" | "footnotesize" | "scriptsize" | "tiny" | "large" | "Large" | "LARGE"
            | "huge" | "Huge" | "normalsize" | "bfseries" | "itshape" | "ttfamily" | "sffamily"
            | "raggedright" => {
                let mut body = Vec::new();
                self.command(&name, begin, &mut body);
                body.extend(self.content(Stop::Env(name, begin)));
                out.push(Node::new(NodeKind::Group(body), begin));
            }
            n if MATH_ENVS.contains(&n) => {
                // Stop at the `\end` that closes this environment, not at
                // one of a nested `\begin{cases}..\end{cases}`.
                let nesting = std::cell::Cell::new(0usize);
                let tokens = self.math_tokens(
                    |t| {
                        if t.is_command("begin") {
                            nesting.set(nesting.get() + 1);
                        } else if t.is_command("end") {
                            if nesting.get() == 0 {
                                return true;
                            }
                            nesting.set(nesting.get() - 1);
                        }
                        false
                    },
                    begin,
                    &format!("environment `{name}`"),
                );
                // Read the `{name}` after `\end`.
                if let Some((end_name, _)) = self.read_arg() {
                    let end_name = detokenize(&end_name);
                    if end_name.trim() != name {
                        self.error(
                            begin,
                            format!(
                                "environment `{name}` is closed by `\\end{{{}}}`",
                                end_name.trim()
                            ),
                        );
                    }
                }
                let base = name.trim_end_matches('*');
                let env = match base {
                    "align" | "alignat" | "flalign" | "eqnarray" | "aligned" | "split" => {
                        MathEnv::Align
                    }
                    "gather" | "multline" => MathEnv::Gather,
                    _ => MathEnv::Display,
                };
                let numbered = !name.ends_with('*') && !matches!(base, "displaymath" | "math");
                let mut tokens = tokens;
                if base == "alignat" {
                    // `\begin{alignat}{2}`: the column count is not math.
                    let skip = tokens
                        .iter()
                        .take_while(|t| t.kind == TokenKind::Space)
                        .count();
                    if tokens
                        .get(skip)
                        .is_some_and(|t| t.kind == TokenKind::BeginGroup)
                        && let Some(close) = tokens
                            .iter()
                            .skip(skip)
                            .position(|t| t.kind == TokenKind::EndGroup)
                    {
                        tokens.drain(..skip + close + 1);
                    }
                }
                let math = self.math_node(tokens, env, numbered);
                push_parbreak(out, begin);
                out.push(Node::new(NodeKind::Math(math), begin));
                push_parbreak(out, begin);
            }
            _ => {
                // Unknown environment: warn, and keep its content.
                let mut args = Vec::new();
                while matches!(self.peek_kind(), Some(TokenKind::BeginGroup)) {
                    let (tokens, _) = self.read_arg().expect("peeked a group");
                    let text = detokenize(&tokens);
                    if !looks_like_spec(&text) {
                        args.push(self.content_of(tokens));
                    }
                }
                self.read_optional();
                self.warn_once(
                    begin,
                    &format!("env:{name}"),
                    format!("unknown environment `{name}`: its content is printed as plain text"),
                );
                let body = self.content(Stop::Env(name.clone(), begin));
                args.push(body);
                out.push(Node::new(
                    NodeKind::Unknown {
                        name: format!("begin{{{name}}}"),
                        args,
                    },
                    begin,
                ));
            }
        }
    }

    /// Reads `\end{name}` right after a verbatim body; returns its span.
    fn expect_end(&mut self, name: &str, begin: Span) -> Option<Span> {
        match self.input.peek().cloned() {
            Some(t) if t.is_command("end") => {
                self.next();
                let arg = self.read_arg();
                Some(arg.map_or(t.span, |(_, s)| t.span.join(s)))
            }
            _ => {
                self.error(begin, format!("environment `{name}` is not closed"))
                    .help
                    .push(format!("add `\\end{{{name}}}`"));
                None
            }
        }
    }

    /// The `\bibitem`s of a `thebibliography`.
    fn bibitems(&mut self, name: &str, begin: Span) -> Node {
        // Before the first \bibitem: nothing that prints (LaTeX would fail).
        let _ = self.content_until_bibitem(name, begin);
        let mut items = Vec::new();
        loop {
            match self.next() {
                Some(t) if t.is_command("bibitem") => {
                    let label = self
                        .read_optional()
                        .map(|(tokens, _)| self.content_of(tokens));
                    let (key_tokens, key_span) = self.expect_arg("bibitem", t.span);
                    let key = self.arg_string(key_tokens);
                    let body = self.content_until_bibitem(name, begin);
                    items.push(wita_doc::BibItem {
                        key,
                        label,
                        body: trim(body),
                        span: t.span.join(key_span),
                    });
                }
                Some(t) if t.is_command("end") => {
                    self.read_arg();
                    break;
                }
                Some(_) | None => break,
            }
        }
        Node::new(NodeKind::BibItems(items), begin)
    }

    fn content_until_bibitem(&mut self, name: &str, begin: Span) -> Content {
        // `\bibitem` ends an entry the way `\item` ends a list item.
        self.content(Stop::BibItem(name.to_owned(), begin))
    }

    /// The items of a list environment, up to its `\end`.
    fn list(&mut self, name: String, kind: ListKind, begin: Span) -> Node {
        // Declarations before the first \item (`\raggedright`) style the list.
        let preamble = self.content(Stop::Item(name.clone(), begin));
        let mut styles = Vec::new();
        for node in preamble {
            match node.kind {
                NodeKind::SetStyle(_) => styles.push(node),
                NodeKind::Space | NodeKind::Parbreak => {}
                _ => {
                    self.warn(node.span, "text before the first `\\item` of a list");
                    styles.push(node);
                }
            }
        }
        let mut items = Vec::new();
        loop {
            match self.next() {
                Some(t) if t.is_command("item") => {
                    let label = self
                        .read_optional()
                        .map(|(tokens, _)| self.content_of(tokens));
                    let body = self.content(Stop::Item(name.clone(), begin));
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
                    if let Some((tokens, arg_span)) = self.read_arg()
                        && detokenize(&tokens).trim() != name
                    {
                        let other = detokenize(&tokens).trim().to_owned();
                        if self.end_user_env_early(&other, t.clone(), tokens.clone(), arg_span) {
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
                        self.push_tokens(back);
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
}

/// Drops spaces and paragraph breaks at both ends.
fn trim(mut content: Content) -> Content {
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

/// `language=Python` in `key=value, ...`.
fn option_value(options: &str, key: &str) -> Option<String> {
    options.split(',').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k.trim() == key).then(|| v.trim().trim_matches(['{', '}']).to_owned())
    })
}

/// A column spec or similar (`lXX`, `|c|c|`), not text to print.
fn looks_like_spec(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && t.len() <= 40
        && !t.contains(' ')
        && t.chars()
            .all(|c| "lcrpmbXSJLCR|@{}.0123456789*<>!-=:;,\\linewidthtextcolumnem".contains(c))
}

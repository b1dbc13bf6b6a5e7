//! Algorithms: the `algorithm` float (algorithm.sty, algorithm2e), the
//! `algorithmic` environment of the algorithms bundle (`\STATE`, `\IF` …
//! `\ENDIF`) and of algpseudocode/algorithmicx (`\State`, `\If` … `\EndIf`,
//! `\Function`, `\Comment`), and algorithm2e's statements (`\;`, `\eIf`,
//! `\For`, `\KwIn`).
//!
//! The statements are read as content with markers in it (an internal
//! [`NodeKind::Unknown`] whose name starts with [`MARK`]): a marker opens a
//! line, opens or closes a block, or ends a statement. The environment then
//! cuts its content into lines at the markers, indented by the blocks they
//! stand in, with keywords in bold, as the packages set them.

use wita_diag::Span;
use wita_doc::{AlgorithmLine, Algorithmic, Content, Float, FloatKind, Node, NodeKind, Style};

use super::Handler::{Command, Environment};
use super::{Entry, entry, ignore};
use crate::reader::{Reader, Stop, push_parbreak};

/// The name prefix of the markers (no LaTeX command can have it).
const MARK: &str = "\u{1}alg:";

/// What a marker does to the lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// Starts a numbered line.
    Line,
    /// Starts a line without a number (`\Statex`, `\Require`).
    Unnumbered,
    /// Starts a line and indents the lines after it (`\If{..}`).
    Open,
    /// Ends a block and opens another (`\Else`).
    Middle,
    /// Ends a block on a line of its own (`\EndIf`).
    Close,
    /// Ends a block without a line (algpseudocode's `noend`).
    CloseSilently,
    /// Ends a statement (algorithm2e's `\;`).
    Break,
    /// A comment, flush right on the current line.
    Comment,
}

impl Mark {
    fn name(self) -> &'static str {
        match self {
            Mark::Line => "line",
            Mark::Unnumbered => "unnumbered",
            Mark::Open => "open",
            Mark::Middle => "middle",
            Mark::Close => "close",
            Mark::CloseSilently => "close-silently",
            Mark::Break => "break",
            Mark::Comment => "comment",
        }
    }

    fn parse(name: &str) -> Option<Mark> {
        let rest = name.strip_prefix(MARK)?;
        [
            Mark::Line,
            Mark::Unnumbered,
            Mark::Open,
            Mark::Middle,
            Mark::Close,
            Mark::CloseSilently,
            Mark::Break,
            Mark::Comment,
        ]
        .into_iter()
        .find(|m| m.name() == rest)
    }
}

fn marker(mark: Mark, text: Content, span: Span) -> Node {
    Node::new(
        NodeKind::Unknown {
            name: format!("{MARK}{}", mark.name()),
            args: vec![text],
        },
        span,
    )
}

fn text(t: &str, span: Span) -> Node {
    Node::new(NodeKind::Text(t.to_owned()), span)
}

fn bold(t: &str, span: Span) -> Node {
    Node::new(NodeKind::Styled(Style::Bold, vec![text(t, span)]), span)
}

fn space(span: Span) -> Node {
    Node::new(NodeKind::Space, span)
}

/// `keyword condition keyword`: `if x then`.
fn phrase(before: &str, cond: Content, after: &str, span: Span) -> Content {
    let mut out = vec![bold(before, span)];
    if !cond.is_empty() {
        out.push(space(span));
        out.extend(cond);
    }
    if !after.is_empty() {
        out.push(space(span));
        out.push(bold(after, span));
    }
    out
}

/// The `algorithm` float. With algorithm2e loaded, its body is the
/// algorithm's statements; with algorithm.sty, it holds an `algorithmic`.
fn algorithm(r: &mut Reader<'_>, name: String, begin: Span, out: &mut Content) {
    let placement = r
        .read_optional()
        .map(|(t, _)| r.arg_string(t).trim().to_owned());
    r.captions.push(None);
    let body = if r.loaded("algorithm2e") {
        let outer = std::mem::replace(&mut r.in_algorithm2e, true);
        let mut content = r.content(Stop::Env(name, begin));
        r.in_algorithm2e = outer;
        // algorithm2e's `\SetAlgoNoLine` and friends leave spaces; the
        // statements are lines.
        content.retain(|n| !matches!(n.kind, NodeKind::Parbreak));
        // Its `\label` names the float, as a label beside an `algorithmic`.
        let (anchors, content): (Vec<Node>, Vec<Node>) = content
            .into_iter()
            .partition(|n| matches!(n.kind, NodeKind::Anchor(_)));
        let lines = cut_lines(content, begin);
        let mut body = anchors;
        body.push(Node::new(
            NodeKind::Algorithmic(Algorithmic {
                number_every: u32::from(r.algorithm2e_numbered),
                lines,
            }),
            begin,
        ));
        body
    } else {
        r.content(Stop::Env(name, begin))
    };
    let caption = r.captions.pop().flatten();
    push_parbreak(out, begin);
    out.push(Node::new(
        NodeKind::Float(Float {
            kind: FloatKind::Algorithm,
            caption,
            body,
            label: None,
            placement,
        }),
        begin,
    ));
}

/// `algorithmic` (both packages): `[n]` numbers every n-th line.
fn algorithmic(r: &mut Reader<'_>, name: String, begin: Span, out: &mut Content) {
    let every = r
        .read_optional()
        .map(|(t, _)| r.arg_string(t))
        .and_then(|n| n.trim().parse::<u32>().ok())
        .unwrap_or(0);
    let content = r.content(Stop::Env(name, begin));
    let lines = cut_lines(content, begin);
    push_parbreak(out, begin);
    out.push(Node::new(
        NodeKind::Algorithmic(Algorithmic {
            number_every: every,
            lines,
        }),
        begin,
    ));
}

/// Cuts content with markers into indented lines.
fn cut_lines(content: Content, at: Span) -> Vec<AlgorithmLine> {
    let mut lines: Vec<AlgorithmLine> = Vec::new();
    let mut indent: u32 = 0;
    // The line being filled (`None`: the next content starts a line).
    let mut current: Option<AlgorithmLine> = None;
    let new_line = |indent, numbered, body: Content, span| AlgorithmLine {
        indent,
        numbered,
        body,
        comment: None,
        span,
    };
    let flush = |current: &mut Option<AlgorithmLine>, lines: &mut Vec<AlgorithmLine>| {
        if let Some(mut line) = current.take() {
            trim(&mut line.body);
            if !line.body.is_empty() || line.comment.is_some() {
                lines.push(line);
            }
        }
    };
    // The line in `current` is a block's head or end (`if c then`): what
    // follows starts a line of its own, but a comment still goes on it.
    let mut head = false;
    for node in flatten_groups(content) {
        let mark = match &node.kind {
            NodeKind::Unknown { name, .. } => Mark::parse(name),
            _ => None,
        };
        let Some(mark) = mark else {
            if matches!(node.kind, NodeKind::Parbreak) {
                continue;
            }
            if head && !matches!(node.kind, NodeKind::Space) {
                flush(&mut current, &mut lines);
                head = false;
            }
            match &mut current {
                Some(line) => line.body.push(node),
                None => {
                    if matches!(node.kind, NodeKind::Space) {
                        continue;
                    }
                    current = Some(new_line(indent, true, vec![node.clone()], node.span));
                }
            }
            continue;
        };
        let span = node.span;
        let NodeKind::Unknown { mut args, .. } = node.kind else {
            unreachable!("a marker is an unknown node")
        };
        let text = args.pop().unwrap_or_default();
        head = matches!(mark, Mark::Open | Mark::Middle | Mark::Close);
        match mark {
            Mark::Comment => {
                let line = current.get_or_insert_with(|| new_line(indent, true, Vec::new(), span));
                line.comment = Some(text);
                // (A comment does not end the head: what follows is a line.)
                head = true;
            }
            Mark::Break => flush(&mut current, &mut lines),
            Mark::Line | Mark::Unnumbered | Mark::Open => {
                flush(&mut current, &mut lines);
                current = Some(new_line(indent, mark != Mark::Unnumbered, text, span));
                if mark == Mark::Open {
                    indent += 1;
                }
            }
            Mark::Middle => {
                flush(&mut current, &mut lines);
                indent = indent.saturating_sub(1);
                current = Some(new_line(indent, true, text, span));
                indent += 1;
            }
            Mark::Close | Mark::CloseSilently => {
                flush(&mut current, &mut lines);
                indent = indent.saturating_sub(1);
                if mark == Mark::Close {
                    current = Some(new_line(indent, true, text, span));
                }
            }
        }
    }
    flush(&mut current, &mut lines);
    if lines.is_empty() {
        lines.push(new_line(0, false, Vec::new(), at));
    }
    lines
}

/// Statements inside groups (`{\STATE x}`, a block's braces) are lines too.
fn flatten_groups(content: Content) -> Vec<Node> {
    let mut out = Vec::new();
    for node in content {
        match node.kind {
            NodeKind::Group(inner) if contains_marker(&inner) => out.extend(flatten_groups(inner)),
            _ => out.push(node),
        }
    }
    out
}

fn contains_marker(content: &[Node]) -> bool {
    content.iter().any(|n| match &n.kind {
        NodeKind::Unknown { name, .. } => name.starts_with(MARK),
        NodeKind::Group(inner) => contains_marker(inner),
        _ => false,
    })
}

fn trim(content: &mut Content) {
    while matches!(content.last().map(|n| &n.kind), Some(NodeKind::Space)) {
        content.pop();
    }
    while matches!(content.first().map(|n| &n.kind), Some(NodeKind::Space)) {
        content.remove(0);
    }
}

// ---- algorithmic and algpseudocode ------------------------------------------

/// A statement: `\State`, `\STATE`, `\Statex`.
fn state(_: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let mark = if name == "Statex" {
        Mark::Unnumbered
    } else {
        Mark::Line
    };
    out.push(marker(mark, Vec::new(), span));
}

/// `\Require`, `\Ensure`, `\REQUIRE`, `\ENSURE`, `\Input`, `\Output`: a
/// bold label at the line's start, unnumbered.
fn require(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let lower = name.to_ascii_lowercase();
    // `\renewcommand{\algorithmicrequire}{\textbf{Input:}}`, as papers do.
    let custom = format!("algorithmic{lower}");
    if let Some(m) = r.macros.get(&custom).filter(|m| m.params == 0).cloned() {
        let mut label = r.content_of(m.body.as_ref().clone());
        label.push(space(span));
        out.push(marker(Mark::Unnumbered, label, span));
        return;
    }
    let label = match lower.as_str() {
        "ensure" => "Ensure:",
        "globals" => "Globals:",
        _ => "Require:",
    };
    out.push(marker(
        Mark::Unnumbered,
        vec![bold(label, span), space(span)],
        span,
    ));
}

/// A block that opens on a condition: `\If{c}` → `if c then`.
fn open_block(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    if r.loaded("algorithm2e") {
        return block2e(r, name, span, out);
    }
    let (cond, _) = r.arg_content(name, span);
    let (before, after) = match name.to_ascii_lowercase().as_str() {
        "if" => ("if", "then"),
        "for" => ("for", "do"),
        "forall" => ("for all", "do"),
        "while" => ("while", "do"),
        _ => ("", ""),
    };
    out.push(marker(Mark::Open, phrase(before, cond, after, span), span));
}

/// `\ElsIf{c}` (`\ELSIF{c}`): `else if c then`.
fn elsif(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let (cond, _) = r.arg_content(name, span);
    out.push(marker(
        Mark::Middle,
        phrase("else if", cond, "then", span),
        span,
    ));
}

/// `\Else` (`\ELSE`).
fn else_(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    if r.loaded("algorithm2e") && name == "Else" {
        return block2e(r, name, span, out);
    }
    out.push(marker(Mark::Middle, vec![bold("else", span)], span));
}

/// `\Repeat`, `\Loop`: a block without a condition.
fn open_bare(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    if r.loaded("algorithm2e") && name == "Repeat" {
        return block2e(r, name, span, out);
    }
    let word = name.to_ascii_lowercase();
    out.push(marker(Mark::Open, vec![bold(&word, span)], span));
}

/// `\EndIf`, `\ENDFOR` …: `end if`, `end for` (algpseudocode's `noend`
/// prints none).
fn close_block(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let what = name.to_ascii_lowercase();
    let what = what.trim_start_matches("end");
    if r.loaded_with("algpseudocode", "noend") || r.loaded_with("algorithmic", "noend") {
        out.push(marker(Mark::CloseSilently, Vec::new(), span));
        return;
    }
    out.push(marker(
        Mark::Close,
        vec![bold(&format!("end {what}"), span)],
        span,
    ));
}

/// `\Until{c}` (`\UNTIL{c}`): closes a `\Repeat`.
fn until(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let (cond, _) = r.arg_content(name, span);
    out.push(marker(Mark::Close, phrase("until", cond, "", span), span));
}

/// `\Function{name}{args}`, `\Procedure{name}{args}`.
fn procedure(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let (title, _) = r.arg_content(name, span);
    let (args, _) = r.arg_content(name, span);
    let mut line = vec![bold(&name.to_ascii_lowercase(), span), space(span)];
    line.extend(call_text(title, args, span));
    out.push(marker(Mark::Open, line, span));
}

/// `Name(args)`, the name in small capitals.
fn call_text(title: Content, args: Content, span: Span) -> Content {
    let mut out = vec![Node::new(NodeKind::Styled(Style::SmallCaps, title), span)];
    out.push(text("(", span));
    out.extend(args);
    out.push(text(")", span));
    out
}

/// `\Call{name}{args}`.
fn call(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let (title, _) = r.arg_content(name, span);
    let (args, _) = r.arg_content(name, span);
    out.extend(call_text(title, args, span));
}

/// `\Comment{x}` (▷ x, flush right) and algorithmic's `\COMMENT{x}` ({x}).
fn comment(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let (body, _) = r.arg_content(name, span);
    let mut text_ = if name == "COMMENT" {
        vec![text("{", span)]
    } else {
        vec![text("\u{25B7}", span), space(span)]
    };
    text_.extend(body);
    if name == "COMMENT" {
        text_.push(text("}", span));
    }
    out.push(marker(Mark::Comment, text_, span));
}

/// Keywords used inside statements: `\Return`, `\TRUE`, `\AND` …
fn keyword(_: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let word = match name {
        "TO" | "KwTo" => "to",
        "FORALL" => "for all",
        other => other,
    }
    .to_ascii_lowercase();
    out.push(bold(&word, span));
    out.push(space(span));
}

/// algorithmic's `\RETURN` and `\PRINT` open a statement of their own.
fn keyword_statement(_: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    out.push(marker(
        Mark::Line,
        vec![bold(&name.to_ascii_lowercase(), span), space(span)],
        span,
    ));
}

// ---- algorithm2e --------------------------------------------------------------

/// `\;` in an algorithm2e algorithm: the end of a statement (elsewhere, a
/// thick space). Whether it was one.
pub(crate) fn statement(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) -> bool {
    if name != ";" || !r.in_algorithm2e {
        return false;
    }
    statement_end(r, span, out);
    true
}

fn statement_end(r: &mut Reader<'_>, span: Span, out: &mut Content) {
    if !r.algorithm2e_no_semicolon {
        out.push(text(";", span));
    }
    out.push(marker(Mark::Break, Vec::new(), span));
}

/// `\If{c}{then}`, `\eIf{c}{then}{else}`, `\For{c}{body}`, `\While{c}{body}`,
/// `\ForEach{c}{body}`, `\uIf`, `\uElseIf{c}{..}`, `\ElseIf{c}{..}`,
/// `\Else{..}`, `\uElse{..}`, and `\Repeat{end}{body}`: the block's lines
/// between its head and its `end`.
fn block2e(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let cond = if matches!(name, "Else" | "uElse") {
        Vec::new()
    } else {
        r.arg_content(name, span).0
    };
    let (before, after) = match name {
        "If" | "uIf" | "eIf" | "lIf" => ("if", "then"),
        "ElseIf" | "uElseIf" | "lElseIf" => ("else if", "then"),
        "Else" | "uElse" | "lElse" => ("else", ""),
        "For" | "lFor" => ("for", "do"),
        "ForEach" | "ForAll" | "lForEach" | "lForAll" => ("foreach", "do"),
        "While" | "lWhile" => ("while", "do"),
        "Repeat" | "lRepeat" => ("repeat", ""),
        _ => ("", ""),
    };
    let head = if name.contains("Repeat") {
        phrase(before, Vec::new(), after, span)
    } else {
        phrase(before, cond.clone(), after, span)
    };
    let (body, _) = r.arg_content(name, span);
    // `\lIf{c}{x}`: on one line.
    if name.starts_with('l') {
        let mut line = head;
        line.push(space(span));
        line.extend(body);
        out.push(marker(Mark::Line, line, span));
        out.push(marker(Mark::Break, Vec::new(), span));
        return;
    }
    // A block that another continues (`\uIf`, `\uElseIf`, `\ElseIf` in an
    // `\uIf` chain) has no `end`; `\eIf` has its else part.
    let opens = if matches!(name, "ElseIf" | "Else" | "uElseIf" | "uElse") {
        Mark::Middle
    } else {
        Mark::Open
    };
    out.push(marker(opens, head, span));
    out.extend(body);
    if name == "eIf" {
        let (otherwise, _) = r.arg_content(name, span);
        out.push(marker(Mark::Middle, vec![bold("else", span)], span));
        out.extend(otherwise);
    }
    if name.contains("Repeat") {
        out.push(marker(Mark::Close, phrase("until", cond, "", span), span));
    } else if name.starts_with('u') {
        out.push(marker(Mark::CloseSilently, Vec::new(), span));
    } else {
        out.push(marker(Mark::Close, vec![bold("end", span)], span));
    }
}

/// `\KwIn{x}`, `\KwOut{x}`, `\KwData{x}`, `\KwResult{x}`: a labelled line.
fn kw_line(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let (body, _) = r.arg_content(name, span);
    let label = match name {
        "KwIn" => "Input:",
        "KwOut" => "Output:",
        "KwData" => "Data:",
        "KwResult" => "Result:",
        _ => "",
    };
    let mut line = vec![bold(label, span), space(span)];
    line.extend(body);
    out.push(marker(Mark::Unnumbered, line, span));
    out.push(marker(Mark::Break, Vec::new(), span));
}

/// `\KwRet{x}`, `\Return{x}` in algorithm2e: `return x`.
fn kw_return(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    if r.loaded("algorithm2e") {
        let (body, _) = r.arg_content(name, span);
        out.push(bold("return", span));
        out.push(space(span));
        out.extend(body);
    } else {
        keyword(r, "return", span, out);
    }
}

/// `\tcp{x}` (`// x`) and `\tcc{x}` (`/* x */`): a comment.
fn tcp(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    // `\tcp*{x}`: flush right, at the end of its line.
    let right = r.read_star();
    let (body, _) = r.arg_content(name, span);
    let (open, close) = if name == "tcc" {
        ("/* ", " */")
    } else {
        ("// ", "")
    };
    let mut c = vec![text(open, span)];
    c.extend(body);
    if !close.is_empty() {
        c.push(text(close, span));
    }
    let comment = Node::new(NodeKind::Styled(Style::Italic, c), span);
    if right {
        out.push(marker(Mark::Comment, vec![comment], span));
        out.push(marker(Mark::Break, Vec::new(), span));
    } else {
        out.push(comment);
    }
}

/// algorithm2e's `\DontPrintSemicolon`.
fn no_semicolon(r: &mut Reader<'_>, _: &str, _: Span, _: &mut Content) {
    r.algorithm2e_no_semicolon = true;
}

/// algorithm2e's `\LinesNumbered`.
fn lines_numbered(r: &mut Reader<'_>, _: &str, _: Span, _: &mut Content) {
    r.algorithm2e_numbered = true;
}

#[rustfmt::skip]
pub(super) const ENTRIES: &[Entry] = &[
    entry("algorithm", "o", Environment(algorithm), "an algorithm float, numbered `Algorithm n`, ruled; with algorithm2e, its statements"),
    entry("algorithm*", "o", Environment(algorithm), "an algorithm float"),
    entry("algorithmic", "o", Environment(algorithmic), "an algorithm's lines, numbered every `[n]` lines, blocks indented"),
    // algpseudocode (algorithmicx).
    entry("State", "", Command(state), "a numbered line"),
    entry("Statex", "", Command(state), "a line without a number"),
    entry("Require", "", Command(require), "`Require:`, unnumbered"),
    entry("Ensure", "", Command(require), "`Ensure:`, unnumbered"),
    entry("If", "m", Command(open_block), "`if c then` (algorithm2e: `\\If{c}{body}`)"),
    entry("ElsIf", "m", Command(elsif), "`else if c then`"),
    entry("Else", "", Command(else_), "`else` (algorithm2e: `\\Else{body}`)"),
    entry("EndIf", "", Command(close_block), "`end if`"),
    entry("For", "m", Command(open_block), "`for c do`"),
    entry("ForAll", "m", Command(open_block), "`for all c do`"),
    entry("EndFor", "", Command(close_block), "`end for`"),
    entry("While", "m", Command(open_block), "`while c do`"),
    entry("EndWhile", "", Command(close_block), "`end while`"),
    entry("Repeat", "", Command(open_bare), "`repeat`"),
    entry("Until", "m", Command(until), "`until c`"),
    entry("Loop", "", Command(open_bare), "`loop`"),
    entry("EndLoop", "", Command(close_block), "`end loop`"),
    entry("Function", "m m", Command(procedure), "`function Name(args)`"),
    entry("EndFunction", "", Command(close_block), "`end function`"),
    entry("Procedure", "m m", Command(procedure), "`procedure Name(args)`"),
    entry("EndProcedure", "", Command(close_block), "`end procedure`"),
    entry("Call", "m m", Command(call), "`Name(args)`, the name in small capitals"),
    entry("Comment", "m", Command(comment), "`▷ comment`, flush right"),
    entry("Return", "", Command(kw_return), "`return` in bold (algorithm2e: `\\Return{x}`)"),
    // algorithmic (the algorithms bundle).
    entry("STATE", "", Command(state), "a numbered line"),
    entry("REQUIRE", "", Command(require), "`Require:`, unnumbered"),
    entry("ENSURE", "", Command(require), "`Ensure:`, unnumbered"),
    entry("GLOBALS", "", Command(require), "`Globals:`, unnumbered"),
    entry("IF", "m", Command(open_block), "`if c then`"),
    entry("ELSIF", "m", Command(elsif), "`else if c then`"),
    entry("ELSE", "", Command(else_), "`else`"),
    entry("ENDIF", "", Command(close_block), "`end if`"),
    entry("FOR", "m", Command(open_block), "`for c do`"),
    entry("FORALL", "m", Command(open_block), "`for all c do`"),
    entry("ENDFOR", "", Command(close_block), "`end for`"),
    entry("WHILE", "m", Command(open_block), "`while c do`"),
    entry("ENDWHILE", "", Command(close_block), "`end while`"),
    entry("REPEAT", "", Command(open_bare), "`repeat`"),
    entry("UNTIL", "m", Command(until), "`until c`"),
    entry("LOOP", "", Command(open_bare), "`loop`"),
    entry("ENDLOOP", "", Command(close_block), "`end loop`"),
    entry("RETURN", "", Command(keyword_statement), "a line `return …`"),
    entry("PRINT", "", Command(keyword_statement), "a line `print …`"),
    entry("COMMENT", "m", Command(comment), "`{comment}`, flush right"),
    entry("AND", "", Command(keyword), "`and` in bold"),
    entry("OR", "", Command(keyword), "`or` in bold"),
    entry("XOR", "", Command(keyword), "`xor` in bold"),
    entry("NOT", "", Command(keyword), "`not` in bold"),
    entry("TO", "", Command(keyword), "`to` in bold"),
    entry("TRUE", "", Command(keyword), "`true` in bold"),
    entry("FALSE", "", Command(keyword), "`false` in bold"),
    // algorithm2e.
    entry("eIf", "m m m", Command(block2e), "`if c then … else … end`"),
    entry("uIf", "m m", Command(block2e), "`if c then …`, continued by `\\uElseIf`/`\\Else`"),
    entry("lIf", "m m", Command(block2e), "`if c then x` on one line"),
    entry("ElseIf", "m m", Command(block2e), "`else if c then …`"),
    entry("uElseIf", "m m", Command(block2e), "`else if c then …`, continued"),
    entry("uElse", "m", Command(block2e), "`else …`"),
    entry("ForEach", "m m", Command(block2e), "`foreach c do … end`"),
    entry("lFor", "m m", Command(block2e), "`for c do x` on one line"),
    entry("lForEach", "m m", Command(block2e), "`foreach c do x` on one line"),
    entry("KwIn", "m", Command(kw_line), "`Input:` and its text, on a line"),
    entry("KwOut", "m", Command(kw_line), "`Output:` and its text, on a line"),
    entry("KwData", "m", Command(kw_line), "`Data:` and its text, on a line"),
    entry("KwResult", "m", Command(kw_line), "`Result:` and its text, on a line"),
    entry("KwRet", "m", Command(kw_return), "`return x`"),
    entry("KwTo", "", Command(keyword), "`to` in bold"),
    entry("tcp", "s m", Command(tcp), "a comment, `// x`"),
    entry("tcc", "s m", Command(tcp), "a comment, `/* x */`"),
    entry("DontPrintSemicolon", "", Command(no_semicolon), "statements end without `;`"),
    entry("LinesNumbered", "", Command(lines_numbered), "numbers every line"),
    entry("SetAlgoLined", "", Command(ignore), "ignored: blocks are indented"),
    entry("SetAlgoNoLine", "", Command(ignore), "ignored"),
    entry("SetAlgoNoEnd", "", Command(ignore), "ignored"),
    entry("SetKwInOut", "m m", Command(ignore), "ignored"),
    entry("SetKwInput", "m m", Command(ignore), "ignored"),
    entry("SetKwProg", "m m m m", Command(ignore), "ignored"),
    entry("SetKwFunction", "m m", Command(ignore), "ignored"),
    entry("SetAlgoCaptionSeparator", "m", Command(ignore), "ignored"),
    entry("algrenewcommand", "s m o o m", Command(super::definitions::newcommand), "redefines a command (`\\algorithmicrequire`)"),
    entry("algnewcommand", "s m o o m", Command(super::definitions::newcommand), "defines a command"),
    entry("algdef", "m", Command(ignore), "ignored"),
    entry("algblock", "m m", Command(ignore), "ignored"),
    entry("algblockdefx", "m m m", Command(ignore), "ignored"),
    entry("algrenewtext", "m m", Command(ignore), "ignored"),
];

//! What everyday CS and ML papers load beside the kernel: `\usepackage`
//! itself (the options wita reads, and packages shipped in the article's
//! folder), xspace, `\rule` and `\phantom`, threeparttable, multicol,
//! cleveref's `\crefname`, `\newif`, and TikZ/pgfplots pictures, which
//! cannot be drawn without TeX: a placeholder the size asked for, and a
//! warning with the fix.

use wita_diag::Span;
use wita_diag::codes;
use wita_doc::{Content, Length, Node, NodeKind, Placeholder, Style};

use super::Handler::{Command, Environment};
use super::{Entry, entry, ignore};
use crate::length::parse_length;
use crate::lex::{Token, TokenKind, detokenize};
use crate::reader::{Reader, Stop, push_parbreak};

/// `\usepackage[options]{a,b}`: remembered (cleveref's `capitalise`,
/// algorithm2e, algpseudocode's `noend` change what is printed); a package
/// that the article ships in its own folder (`mymacros.sty`) is read for
/// its definitions, as LaTeX would read it. Nothing in it is run: wita reads
/// definitions, not TeX programs.
fn usepackage(r: &mut Reader<'_>, name: &str, span: Span, _: &mut Content) {
    let options = r
        .read_optional()
        .map(|(t, _)| r.arg_string(t))
        .unwrap_or_default();
    let (tokens, _) = r.expect_arg(name, span);
    let names = r.arg_string(tokens);
    // A date after the name (`\usepackage{x}[2020/01/01]`).
    if r.peek_past_spaces_is('[') {
        r.read_optional();
    }
    let written = options.clone();
    let options: Vec<String> = options
        .split(',')
        .map(|o| o.trim().to_owned())
        .filter(|o| !o.is_empty())
        .collect();
    for package in names.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        r.packages.push((package.to_owned(), options.clone()));
        if package == "algorithm2e" && options.iter().any(|o| o == "linesnumbered") {
            r.algorithm2e_numbered = true;
        }
        // siunitx 3 takes its options when loaded too.
        if package == "siunitx" {
            r.si_options.set_all(&written);
        }
        read_local_package(r, package, span);
    }
}

/// Reads `name.sty` from the article's folder, if it is there, for its
/// definitions: what it would print is dropped, and what wita cannot read
/// in it is skipped (LaTeX's own packages are not files of the article).
fn read_local_package(r: &mut Reader<'_>, package: &str, span: Span) {
    if package.contains("..") || package.starts_with('/') || package.contains(':') {
        return;
    }
    let Ok((file, text)) = r.ctx.resolver.read_input(&format!("{package}.sty")) else {
        return;
    };
    if r.local_packages.iter().any(|&(f, _)| f == file) || r.local_packages.len() > 64 {
        return;
    }
    r.local_packages.push((file, span));
    let (tokens, _) = crate::lex::tokenize_package(&text, file);
    let preamble = r.preamble;
    r.preamble = true;
    let before = r.diags.len();
    let outer = r.reading_package.replace(file);
    let _ = r.content_of(tokens);
    r.reading_package = outer;
    r.preamble = preamble;
    // A package is a program for TeX: what wita cannot follow in it is not
    // the article's error.
    let skipped = r.diags.drop_errors_from(before, file);
    if skipped > 0 {
        r.warn(codes::LOCAL_PACKAGE,
            span,
            format!("`{package}.sty` is read for its definitions; {skipped} part(s) of it wita cannot read were skipped"),
        );
    }
}

/// xspace's `\xspace`: a space unless punctuation, a brace or a space follows.
fn xspace(r: &mut Reader<'_>, _: &str, span: Span, out: &mut Content) {
    let space = match r.peek_kind() {
        None
        | Some(
            TokenKind::EndGroup
            | TokenKind::Space
            | TokenKind::ParBreak
            | TokenKind::BeginGroup
            | TokenKind::AlignTab,
        ) => false,
        Some(TokenKind::Char(c)) => !matches!(c, '~' | ']' | '[' | '^' | '_'),
        Some(TokenKind::Text(t)) => !t.starts_with([
            ',', '.', '\'', '/', '?', ';', ':', '!', '-', ')', '’', '”', '"',
        ]),
        Some(TokenKind::Command(name)) => !matches!(
            name.as_str(),
            "footnote" | "footnotemark" | "/" | " " | "space" | "xspace" | "\\" | "," | "-"
        ),
        Some(_) => true,
    };
    if space {
        out.push(Node::new(NodeKind::Space, span));
    }
}

/// `\rule[raise]{width}{height}`: a black box.
fn rule(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let raise = r
        .read_optional()
        .and_then(|(t, _)| parse_length(&r.arg_string(t)));
    let (w, _) = r.expect_arg(name, span);
    let w = r.arg_string(w);
    let (h, arg_span) = r.expect_arg(name, span);
    let h = r.arg_string(h);
    let zero = Length::Pt(0.0);
    let (width, height) = (parse_length(&w), parse_length(&h));
    if width.is_none() || height.is_none() {
        r.warn(
            codes::UNREADABLE_VALUE,
            span.join(arg_span),
            format!("`\\rule{{{w}}}{{{h}}}`: a length wita cannot read is taken as 0pt"),
        );
    }
    out.push(Node::new(
        NodeKind::RuleBox {
            width: width.unwrap_or(zero),
            height: height.unwrap_or(zero),
            raise,
        },
        span.join(arg_span),
    ));
}

/// `\phantom{x}`, `\hphantom{x}`: room for `x`, nothing shown; `\vphantom`
/// takes no width, so nothing at all here.
fn phantom(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let (body, arg_span) = r.arg_content(name, span);
    if name != "vphantom" {
        out.push(Node::new(NodeKind::Phantom(body), span.join(arg_span)));
    }
}

/// `\space`: a space.
fn space(_: &mut Reader<'_>, _: &str, span: Span, out: &mut Content) {
    out.push(Node::new(NodeKind::Space, span));
}

/// `\fontsize{size}{skip}` (then `\selectfont`): ignored; the template's
/// sizes are the journal's.
fn fontsize(r: &mut Reader<'_>, name: &str, span: Span, _: &mut Content) {
    r.expect_arg(name, span);
    r.expect_arg(name, span);
}

/// `\boldmath`: the math that follows in bold (as a declaration: its group).
fn boldmath(_: &mut Reader<'_>, _: &str, span: Span, out: &mut Content) {
    out.push(Node::new(NodeKind::SetStyle(Style::Bold), span));
}

/// threeparttable: the table, then its notes (`tablenotes`) below it.
fn threeparttable(r: &mut Reader<'_>, name: String, begin: Span, out: &mut Content) {
    r.read_optional();
    let body = r.content(Stop::Env(name, begin));
    out.extend(body);
}

/// `tablenotes`: its `\item[a] text` as lines in the footnote size, each
/// after its raised mark.
fn tablenotes(r: &mut Reader<'_>, name: String, begin: Span, out: &mut Content) {
    r.read_optional();
    let list = super::lists::read_list(r, name, wita_doc::ListKind::Description, begin);
    let mut lines = vec![Node::new(
        NodeKind::SetStyle(Style::Size(wita_doc::FontSize::FootnoteSize)),
        begin,
    )];
    let mut found = Vec::new();
    wita_doc::walk(std::slice::from_ref(&list), &mut |n| {
        if let NodeKind::List(l) = &n.kind {
            found.extend(l.items.iter().cloned());
        }
    });
    for (i, item) in found.into_iter().enumerate() {
        if i > 0 {
            lines.push(Node::new(NodeKind::Linebreak, item.span));
        }
        if let Some(label) = item.label {
            lines.push(Node::new(
                NodeKind::Styled(Style::Superscript, label),
                item.span,
            ));
            lines.push(Node::new(NodeKind::Space, item.span));
        }
        lines.extend(item.body);
    }
    push_parbreak(out, begin);
    out.push(Node::new(NodeKind::NoIndent, begin));
    out.push(Node::new(NodeKind::Group(lines), begin));
    push_parbreak(out, begin);
}

/// `\tbl{caption}{table}` (ACM-style and JuliaCon classes): the float's
/// caption, then the table.
fn tbl(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    super::floats::caption_text(r, span, out);
    let (body, _) = r.arg_content(name, span);
    out.extend(body);
}

/// `tabnote` (the same classes): a note under a table, in a small size.
fn tabnote(r: &mut Reader<'_>, name: String, begin: Span, out: &mut Content) {
    r.read_optional();
    let mut body = vec![Node::new(
        NodeKind::SetStyle(Style::Size(wita_doc::FontSize::FootnoteSize)),
        begin,
    )];
    body.extend(r.content(Stop::Env(name, begin)));
    push_parbreak(out, begin);
    out.push(Node::new(NodeKind::NoIndent, begin));
    out.push(Node::new(NodeKind::Group(body), begin));
    push_parbreak(out, begin);
}

/// `\tnote{a}`: a superscript mark.
fn tnote(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let (body, arg_span) = r.arg_content(name, span);
    out.push(Node::new(
        NodeKind::Styled(Style::Superscript, body),
        span.join(arg_span),
    ));
}

/// `multicols{n}[heading]`: its content, in one column (the journal's
/// articles are one column).
fn multicols(r: &mut Reader<'_>, name: String, begin: Span, out: &mut Content) {
    r.read_arg();
    if let Some((tokens, _)) = r.read_optional() {
        let heading = r.content_of(tokens);
        out.extend(heading);
        push_parbreak(out, begin);
    }
    r.read_optional();
    let body = r.content(Stop::Env(name, begin));
    out.extend(body);
}

/// A TikZ picture or a pgfplots axis: a placeholder, and one warning.
fn picture(r: &mut Reader<'_>, name: String, begin: Span, out: &mut Content) {
    let options = r
        .read_optional()
        .map(|(t, _)| detokenize(&t))
        .unwrap_or_default();
    // The lexer took the body as written: its code is no text.
    let mut body = String::new();
    if let Some(Token {
        kind: TokenKind::Verbatim(text),
        ..
    }) = r.input.peek().cloned()
    {
        body = text;
        r.next();
    }
    let mut begin = begin;
    // The environment the author wrote.
    let mut written = name.clone();
    let end = if body.is_empty()
        && let Some((user_env, user_begin)) = r.user_env_ending(&name)
    {
        // Begun in a user environment's begin code and ended in its end code
        // (`\newenvironment{diagram}{\begin{tikzpicture}…}{\end{tikzpicture}}`):
        // what the environment holds is the picture's, up to its `\end`;
        // the picture is said to be where the environment begins.
        skip_to_end_of(r, &user_env);
        r.pictures_closed_early.push(name.clone());
        begin = user_begin;
        written = user_env;
        begin
    } else {
        super::verbatim::expect_end(r, &name, begin).unwrap_or(begin)
    };
    // A pgfplots axis inside: its size is the picture's.
    let axis = AXES
        .iter()
        .find_map(|a| body.find(&format!("\\begin{{{a}}}")).map(|at| (at, *a)));
    let options = match axis {
        Some((at, a)) => {
            let after = body[at + a.len() + 8..].trim_start();
            after
                .strip_prefix('[')
                .and_then(|o| o.find(']').map(|e| o[..e].to_owned()))
                .unwrap_or_default()
        }
        None => options,
    };
    let (width, height) = picture_size(&options);
    let what = if axis.is_some() || AXES.contains(&name.as_str()) {
        "pgfplots plot"
    } else {
        "TikZ picture"
    };
    r.warn(codes::PICTURE_PLACEHOLDER,
        begin.join(end),
        format!("a {what} cannot be drawn without TeX; a placeholder is printed in its place"),
    )
    .help
    .push(format!(
        "draw it once with LaTeX (or export it from the plotting tool) as `picture.pdf` or `picture.svg` in the entry folder, and write `\\includegraphics{{picture}}` instead of the `{written}` environment"
    ));
    out.push(Node::new(
        NodeKind::Placeholder(Placeholder {
            what: format!("[{what}: not drawn without TeX]"),
            width,
            height,
        }),
        begin.join(end),
    ));
}

/// Skips what is read up to the `\end{env}` of the environment being read
/// (not nested in one of the same name), which is left to be read.
fn skip_to_end_of(r: &mut Reader<'_>, env: &str) {
    let mut depth = 0usize;
    while let Some(token) = r.next() {
        let begin = token.is_command("begin");
        if !begin && !token.is_command("end") {
            continue;
        }
        let Some((name, arg_span)) = r.read_arg() else {
            continue;
        };
        if detokenize(&name).trim() != env {
            continue;
        }
        if begin {
            depth += 1;
        } else if depth > 0 {
            depth -= 1;
        } else {
            r.unread_end(token, name, arg_span);
            return;
        }
    }
}

/// pgfplots' axis environments.
const AXES: &[&str] = &[
    "axis",
    "semilogxaxis",
    "semilogyaxis",
    "loglogaxis",
    "groupplot",
];

/// The size a picture asks for: `width=`, `height=` (pgfplots), `scale=` is
/// not honoured.
fn picture_size(options: &str) -> (Option<Length>, Option<Length>) {
    let mut width = None;
    let mut height = None;
    for option in super::graphics::split_options(options) {
        if let Some((key, value)) = option.split_once('=') {
            match key.trim() {
                "width" => width = parse_length(value.trim()),
                "height" => height = parse_length(value.trim()),
                _ => {}
            }
        }
    }
    (width, height)
}

/// `\tikz{..}` or `\tikz ..;`: inline pictures, a placeholder too.
fn tikz_inline(r: &mut Reader<'_>, _: &str, span: Span, out: &mut Content) {
    r.read_optional();
    if matches!(r.peek_kind(), Some(TokenKind::BeginGroup)) {
        r.read_arg();
    } else {
        // Up to the `;` that ends the path.
        while let Some(token) = r.next() {
            if token.is_char(';') || matches!(&token.kind, TokenKind::Text(t) if t.ends_with(';')) {
                break;
            }
        }
    }
    r.warn(
        codes::PICTURE_PLACEHOLDER,
        span,
        "an inline TikZ picture cannot be drawn without TeX; a placeholder is printed",
    );
    out.push(Node::new(
        NodeKind::Placeholder(Placeholder {
            what: "[TikZ]".into(),
            width: Some(Length::Em(3.0)),
            height: Some(Length::Em(1.0)),
        }),
        span,
    ));
}

/// cleveref's `\crefname{type}{singular}{plural}` and `\Crefname`.
fn crefname(r: &mut Reader<'_>, name: &str, span: Span, _: &mut Content) {
    let (kind, _) = r.expect_arg(name, span);
    let kind = r.arg_string(kind);
    let (singular, _) = r.arg_content(name, span);
    let (plural, _) = r.arg_content(name, span);
    r.cref_names
        .insert((name == "Crefname", kind), (singular, plural));
}

/// `\newif\iffoo`: defines `\footrue` and `\foofalse`, which set it, and
/// `\iffoo`, which the reader decides by it.
fn newif(r: &mut Reader<'_>, name: &str, span: Span, _: &mut Content) {
    r.skip_spaces();
    let Some(token) = r.next() else {
        r.error(
            codes::MISSING_ARGUMENT,
            span,
            format!("`\\{name}` is missing the name of the conditional"),
        );
        return;
    };
    let TokenKind::Command(cond) = &token.kind else {
        r.error(
            codes::MISSING_ARGUMENT,
            token.span,
            format!("`\\{name}` expects `\\ifname`"),
        );
        return;
    };
    let Some(base) = cond.strip_prefix("if") else {
        r.error(
            codes::MISSING_ARGUMENT,
            token.span,
            format!("`\\{name}\\{cond}`: the name must start with `if`"),
        );
        return;
    };
    r.conditionals.insert(base.to_owned(), false);
}

/// etoolbox's toggles live beside `\newif`'s conditionals, under names a
/// command cannot have.
fn toggle_key(r: &mut Reader<'_>, name: &str, span: Span) -> String {
    let (tokens, _) = r.expect_arg(name, span);
    format!("toggle:{}", r.arg_string(tokens).trim())
}

/// `\newtoggle{name}`, `\toggletrue`, `\togglefalse`, `\settoggle{name}{true}`.
fn set_toggle(r: &mut Reader<'_>, name: &str, span: Span, _: &mut Content) {
    let key = toggle_key(r, name, span);
    let value = match name {
        "toggletrue" => true,
        "settoggle" => {
            let (tokens, _) = r.expect_arg(name, span);
            r.arg_string(tokens).trim() == "true"
        }
        _ => false,
    };
    r.conditionals.insert(key, value);
}

/// `\iftoggle{name}{then}{else}` and `\nottoggle`: the branch the toggle
/// chooses, read in place (an undefined toggle is an error in etoolbox:
/// here a warning, and the `else` branch).
fn if_toggle(r: &mut Reader<'_>, name: &str, span: Span, _: &mut Content) {
    let key = toggle_key(r, name, span);
    let (then, _) = r.expect_arg(name, span);
    let (otherwise, _) = r.expect_arg(name, span);
    let value = match r.conditionals.get(&key) {
        Some(value) => *value,
        None => {
            let toggle = key.trim_start_matches("toggle:").to_owned();
            r.warn(
                codes::UNKNOWN_COMMAND,
                span,
                format!("no `\\newtoggle{{{toggle}}}` before it: the `else` branch is read"),
            );
            name == "nottoggle"
        }
    };
    let taken = if value != (name == "nottoggle") {
        then
    } else {
        otherwise
    };
    r.push_tokens(taken);
}

/// todonotes' `\todo[options]{note}`: the note in a small type on
/// todonotes' orange, in the line (LaTeX sets it in the margin, which an
/// article of the journal does not have); nothing under the package's
/// `disable` option. `\missingfigure{note}` is a placeholder with its note.
fn todo(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    r.read_optional();
    let (body, arg_span) = r.arg_content(name, span);
    if r.loaded_with("todonotes", "disable") {
        return;
    }
    if name == "missingfigure" {
        // A figure's room, between paragraphs, not indented.
        push_parbreak(out, span);
        out.push(Node::new(NodeKind::NoIndent, span));
        let placeholder = Placeholder {
            what: format!("Missing figure: {}", wita_doc::plain_text(&body)),
            width: None,
            height: Some(Length::Em(8.0)),
        };
        out.push(Node::new(
            NodeKind::Placeholder(placeholder),
            span.join(arg_span),
        ));
        push_parbreak(out, span);
        return;
    }
    // A note of several paragraphs stays one inline note, its paragraphs
    // on lines of their own.
    let body: Content = body
        .into_iter()
        .map(|node| match node.kind {
            NodeKind::Parbreak => Node::new(NodeKind::Linebreak, node.span),
            _ => node,
        })
        .collect();
    let small = Node::new(
        NodeKind::Styled(Style::Size(wita_doc::FontSize::FootnoteSize), body),
        span.join(arg_span),
    );
    // todonotes' `orange!30`.
    let orange = wita_doc::Rgb(255, 217, 178);
    out.push(Node::new(
        NodeKind::Styled(Style::Background(orange), vec![small]),
        span.join(arg_span),
    ));
}

#[rustfmt::skip]
pub(super) const ENTRIES: &[Entry] = &[
    entry("todo", "o m", Command(todo), "todonotes' note, in a small type on orange, in the line (not in the margin)"),
    entry("missingfigure", "o m", Command(todo), "todonotes' placeholder for a figure, with its note"),
    entry("listoftodos", "o", Command(ignore), "ignored: the notes are where they are written"),
    entry("newtoggle", "m", Command(set_toggle), "etoolbox's toggle, false until set"),
    entry("toggletrue", "m", Command(set_toggle), "sets a toggle"),
    entry("togglefalse", "m", Command(set_toggle), "clears a toggle"),
    entry("settoggle", "m m", Command(set_toggle), "sets a toggle to `true` or `false`"),
    entry("iftoggle", "m m m", Command(if_toggle), "the branch a toggle chooses"),
    entry("nottoggle", "m m m", Command(if_toggle), "the branch a toggle does not choose"),
    entry("usepackage", "o m", Command(usepackage), "its options are read where wita honours them (cleveref, algorithm2e, algpseudocode); a `.sty` in the entry folder is read for its definitions"),
    entry("RequirePackage", "o m", Command(usepackage), "as `\\usepackage`"),
    entry("xspace", "", Command(xspace), "a space, unless punctuation or a brace follows"),
    entry("rule", "o m m", Command(rule), "a black box of the given width and height"),
    entry("phantom", "m", Command(phantom), "the room its argument takes, empty"),
    entry("hphantom", "m", Command(phantom), "the width its argument takes, empty"),
    entry("vphantom", "m", Command(phantom), "nothing (a height only)"),
    entry("space", "", Command(space), "a space"),
    entry("selectfont", "", Command(ignore), "ignored: the template sets the fonts"),
    entry("fontsize", "m m", Command(fontsize), "ignored: the template sets the sizes"),
    entry("boldmath", "", Command(boldmath), "bold until the group ends"),
    entry("unboldmath", "", Command(ignore), "ignored"),
    entry("threeparttable", "o", Environment(threeparttable), "a table with its notes below"),
    entry("threeparttable*", "o", Environment(threeparttable), "a table with its notes below"),
    entry("tbl", "m m", Command(tbl), "a table's caption, then the table (ACM-style and JuliaCon classes)"),
    entry("tabnote", "o", Environment(tabnote), "a note under a table, in the footnote size"),
    entry("tablenotes", "o", Environment(tablenotes), "a table's notes, in the footnote size"),
    entry("tnote", "m", Command(tnote), "a table note's mark, raised"),
    entry("multicols", "m o o", Environment(multicols), "its content, in the article's one column"),
    entry("multicols*", "m o o", Environment(multicols), "its content, in one column"),
    entry("columnbreak", "", Command(ignore), "ignored: articles are one column"),
    entry("tikzpicture", "o v", Environment(picture), "a placeholder, with a warning: TikZ cannot be drawn without TeX"),
    entry("axis", "o v", Environment(picture), "a placeholder, with a warning: pgfplots cannot be drawn without TeX"),
    entry("semilogxaxis", "o v", Environment(picture), "a placeholder, with a warning"),
    entry("semilogyaxis", "o v", Environment(picture), "a placeholder, with a warning"),
    entry("loglogaxis", "o v", Environment(picture), "a placeholder, with a warning"),
    entry("groupplot", "o v", Environment(picture), "a placeholder, with a warning"),
    entry("tikz", "o m", Command(tikz_inline), "a placeholder, with a warning"),
    entry("usetikzlibrary", "m", Command(ignore), "ignored"),
    entry("usepgfplotslibrary", "m", Command(ignore), "ignored"),
    entry("pgfplotsset", "m", Command(ignore), "ignored"),
    entry("tikzset", "m", Command(ignore), "ignored"),
    entry("tikzstyle", "", Command(ignore), "ignored"),
    entry("crefname", "m m m", Command(crefname), "the names `\\cref` prints for a kind of label"),
    entry("Crefname", "m m m", Command(crefname), "the names `\\Cref` prints for a kind of label"),
    entry("crefformat", "m m", Command(ignore), "ignored"),
    entry("Crefformat", "m m", Command(ignore), "ignored"),
    entry("crefalias", "m m", Command(ignore), "ignored"),
    entry("newif", "", Command(newif), "a conditional `\\ifname`, set by `\\nametrue` and `\\namefalse`"),
];

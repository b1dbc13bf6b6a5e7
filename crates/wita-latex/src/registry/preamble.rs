//! What only tunes LaTeX's own layout, or belongs to a preamble: read with
//! its arguments and dropped (the template does the layout; a pasted-in
//! article's title page is `\stdarticle`'s).

use wita_diag::Span;
use wita_doc::{Content, Node, NodeKind};

use super::Handler::Command;
use super::core::int_param;
use super::{Entry, entry, ignore};
use crate::lex::TokenKind;
use crate::reader::Reader;

/// `\title` and `\author` of a pasted-in article: dropped (the title block is
/// `\stdarticle`'s), but their `\thanks{..}` are kept, as footnotes printed
/// where `\maketitle` is (or at the article's end).
fn title_part(r: &mut Reader<'_>, name: &str, span: Span, _: &mut Content) {
    r.read_optional();
    let (tokens, _) = r.expect_arg(name, span);
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i].is_command("thanks") {
            let mut j = i + 1;
            while j < tokens.len() && tokens[j].kind == TokenKind::Space {
                j += 1;
            }
            if j < tokens.len() && tokens[j].kind == TokenKind::BeginGroup {
                let end = crate::lex::group_end(&tokens, j + 1).min(tokens.len());
                let body = r.content_of(tokens[j + 1..end].to_vec());
                r.thanks
                    .push(Node::new(NodeKind::Footnote(body), tokens[i].span));
                i = end + 1;
                continue;
            }
        }
        i += 1;
    }
}

/// `\maketitle`: the title block is `\stdarticle`'s; the `\thanks` of the
/// article's own `\author` and `\title` are printed here.
fn maketitle(r: &mut Reader<'_>, _: &str, _: Span, out: &mut Content) {
    out.append(&mut r.thanks);
}

/// `\thanks{..}` outside `\author`: a footnote.
fn thanks(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let (body, arg_span) = r.arg_content(name, span);
    out.push(Node::new(NodeKind::Footnote(body), span.join(arg_span)));
}

/// AASTeX's `\altaffiltext{n}{affiliation}`: an author's note, kept as the
/// `\thanks` of the article's own `\author` are (its mark is the author's,
/// in the title block the journal's `\stdarticle` replaces).
fn altaffiltext(r: &mut Reader<'_>, name: &str, span: Span, _: &mut Content) {
    r.expect_arg(name, span);
    let (body, arg_span) = r.arg_content(name, span);
    r.thanks
        .push(Node::new(NodeKind::Footnote(body), span.join(arg_span)));
}

/// AASTeX's `\altaffilmark{1,2}` in the text: the marks, raised.
fn altaffilmark(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let (body, arg_span) = r.arg_content(name, span);
    out.push(Node::new(
        NodeKind::Styled(wita_doc::Style::Superscript, body),
        span.join(arg_span),
    ));
}

/// amsmath's `\numberwithin{equation}{section}` (chngcntr's
/// `\counterwithin`): recorded for the template, for the counters it sets.
fn numberwithin(r: &mut Reader<'_>, name: &str, span: Span, _: &mut Content) {
    let star = name == "counterwithin" && r.read_star();
    if name == "numberwithin" {
        r.read_optional();
    }
    let (counter, _) = r.expect_arg(name, span);
    let (parent, _) = r.expect_arg(name, span);
    let counter = crate::lex::detokenize(&counter).trim().to_owned();
    let parent = crate::lex::detokenize(&parent).trim().to_owned();
    if !star && matches!(counter.as_str(), "equation" | "figure" | "table") {
        r.meta.numbered_within.push((counter, parent));
    }
}

/// `\keywords{a \and b}`: nothing in the preamble (a class keeps it for
/// its title page); in the body, where classes such as arxiv's print it, a
/// paragraph of its own.
fn keywords(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let (tokens, arg_span) = r.expect_arg(name, span);
    if r.preamble {
        return;
    }
    let mut joined: Vec<crate::lex::Token> = Vec::with_capacity(tokens.len());
    for t in tokens {
        if t.is_command("and") || t.is_command("sep") {
            while joined.last().is_some_and(|l| l.kind == TokenKind::Space) {
                joined.pop();
            }
            let span = t.span;
            joined.push(crate::lex::Token {
                kind: TokenKind::Text(",".into()),
                span,
            });
            joined.push(crate::lex::Token {
                kind: TokenKind::Space,
                span,
            });
        } else {
            joined.push(t);
        }
    }
    let tokens = joined;
    let body = r.content_of(tokens);
    crate::reader::push_parbreak(out, span);
    out.push(Node::new(
        NodeKind::Styled(
            wita_doc::Style::Bold,
            vec![Node::new(NodeKind::Text("Keywords".into()), span)],
        ),
        span,
    ));
    out.push(Node::new(NodeKind::Space, span));
    out.push(Node::new(NodeKind::Group(body), arg_span));
    crate::reader::push_parbreak(out, arg_span);
}

/// `\documentclass[..]{name}`: remembered (see [`Reader::class`]).
fn documentclass(r: &mut Reader<'_>, _: &str, _: Span, _: &mut Content) {
    if let Some((tokens, _)) = r.read_optional() {
        r.class_options = r
            .arg_string(tokens)
            .split(',')
            .map(|o| o.trim().to_owned())
            .filter(|o| !o.is_empty())
            .collect();
    }
    if let Some((tokens, _)) = r.read_arg() {
        let name = r.arg_string(tokens).trim().to_owned();
        if !name.is_empty() {
            r.class = Some(name);
        }
    }
}

/// polyglossia's `\setmainlanguage[options]{language}`.
fn main_language(r: &mut Reader<'_>, _: &str, _: Span, _: &mut Content) {
    r.read_optional();
    if let Some((tokens, _)) = r.read_arg() {
        r.main_language = Some(r.arg_string(tokens).trim().to_owned());
    }
}

#[rustfmt::skip]
pub(super) const ENTRIES: &[Entry] = &[
    entry("documentclass", "o m", Command(documentclass), "the journal's class is used; the document's decides how the environments it provides are numbered"),
    entry("titleformat", "s m o m m m m o", Command(ignore), "ignored: the template sets the headings (titlesec)"),
    entry("titlespacing", "s m m m m o", Command(ignore), "ignored (titlesec)"),
    entry("DeclareUnicodeCharacter", "m m", Command(ignore), "ignored: the text is Unicode"),
    entry("selectlanguage", "m", Command(ignore), "ignored"),
    entry("setmainlanguage", "o m", Command(main_language), "polyglossia's main language: `\\autoref`'s words"),
    entry("setdefaultlanguage", "o m", Command(main_language), "polyglossia's main language: `\\autoref`'s words"),
    entry("hyphenation", "m", Command(ignore), "ignored"),
    // A title page's parts: the title block is `\stdarticle`'s.
    entry("title", "o m", Command(title_part), "ignored: the title is `\\stdarticle`'s (its `\\thanks` are footnotes)"),
    entry("author", "o m", Command(title_part), "ignored: the authors are `\\stdarticle`'s (their `\\thanks` are footnotes)"),
    entry("date", "m", Command(ignore), "ignored: the date is `\\stdarticle`'s"),
    entry("maketitle", "", Command(maketitle), "the title block is `\\stdarticle`'s; the `\\thanks` of `\\author` and `\\title` are printed here"),
    entry("thanks", "m", Command(thanks), "a footnote"),
    entry("altaffiltext", "m m", Command(altaffiltext), "AASTeX: an author's affiliation note, a footnote as the `\\thanks` of `\\author`"),
    entry("altaffilmark", "m", Command(altaffilmark), "AASTeX: an author's affiliation marks, raised"),
    entry("affiliation", "m", Command(ignore), "ignored"),
    entry("affil", "o m", Command(ignore), "ignored"),
    entry("address", "m", Command(ignore), "ignored"),
    entry("email", "m", Command(ignore), "ignored"),
    entry("keywords", "m", Command(keywords), "in the preamble ignored; in the body a paragraph \"**Keywords** a, b\" (`\\and` between them), as classes print it"),
    entry("institute", "m", Command(ignore), "ignored"),
    entry("orcid", "m", Command(ignore), "ignored"),
    entry("frontmatter", "", Command(ignore), "ignored"),
    entry("mainmatter", "", Command(ignore), "ignored"),
    entry("backmatter", "", Command(ignore), "ignored"),
    entry("tableofcontents", "", Command(ignore), "ignored: articles have no table of contents"),
    entry("listoffigures", "", Command(ignore), "ignored"),
    entry("listoftables", "", Command(ignore), "ignored"),
    entry("index", "m", Command(ignore), "ignored: there is no index"),
    entry("glossary", "m", Command(ignore), "ignored"),
    entry("printindex", "", Command(ignore), "ignored"),
    entry("makeindex", "", Command(ignore), "ignored"),
    entry("addcontentsline", "m m m", Command(ignore), "ignored"),
    // Pages.
    entry("pagestyle", "m", Command(ignore), "ignored: the template sets the pages"),
    entry("thispagestyle", "m", Command(ignore), "ignored"),
    entry("pagenumbering", "m", Command(ignore), "ignored"),
    entry("markboth", "m m", Command(ignore), "ignored"),
    entry("markright", "m", Command(ignore), "ignored"),
    entry("geometry", "m", Command(ignore), "ignored: the template sets the page"),
    entry("newgeometry", "m", Command(ignore), "ignored"),
    entry("restoregeometry", "", Command(ignore), "ignored"),
    entry("onecolumn", "", Command(ignore), "ignored"),
    entry("twocolumn", "o", Command(ignore), "ignored: articles are one column"),
    entry("balance", "", Command(ignore), "ignored"),
    entry("raggedbottom", "", Command(ignore), "ignored"),
    entry("flushbottom", "", Command(ignore), "ignored"),
    entry("samepage", "", Command(ignore), "ignored"),
    entry("nopagebreak", "o", Command(ignore), "ignored"),
    entry("pagebreak", "o", Command(ignore), "ignored"),
    // Counters and lengths.
    entry("numberwithin", "o m m", Command(numberwithin), "equations, figures or tables numbered within sections (`2.1`) or chapters"),
    entry("counterwithin", "s m m", Command(numberwithin), "as `\\numberwithin` (`*`: numbers not shown within)"),
    entry("setlength", "m m", Command(ignore), "ignored"),
    entry("addtolength", "m m", Command(ignore), "ignored"),
    entry("settowidth", "m m", Command(ignore), "ignored"),
    entry("newlength", "m", Command(ignore), "ignored"),
    entry("linespread", "m", Command(ignore), "ignored"),
    // Line breaking and spacing hints.
    entry("nolinebreak", "o", Command(ignore), "ignored"),
    entry("allowbreak", "", Command(ignore), "ignored"),
    entry("break", "", Command(ignore), "ignored"),
    entry("nobreak", "", Command(ignore), "ignored"),
    entry("penalty", "", Command(int_param), "ignored (its value is read)"),
    entry("pretolerance", "", Command(int_param), "ignored (its value is read)"),
    entry("tolerance", "", Command(int_param), "ignored (its value is read)"),
    entry("sloppy", "", Command(ignore), "ignored"),
    entry("fussy", "", Command(ignore), "ignored"),
    entry("frenchspacing", "", Command(ignore), "ignored"),
    entry("nonfrenchspacing", "", Command(ignore), "ignored"),
    entry("strut", "", Command(ignore), "ignored"),
    entry("leavevmode", "", Command(ignore), "ignored: text starts its paragraph anyway"),
    entry("indent", "", Command(ignore), "ignored: paragraphs are indented by the template"),
    entry("/", "", Command(ignore), "ignored: an italic correction"),
    entry("@", "", Command(ignore), "ignored: a sentence-spacing hint"),
    entry("relax", "", Command(ignore), "ignored"),
    entry("protect", "", Command(ignore), "ignored"),
    entry("ignorespaces", "", Command(ignore), "ignored"),
    entry("unskip", "", Command(ignore), "ignored"),
    entry("normalfont", "", Command(ignore), "ignored"),
];

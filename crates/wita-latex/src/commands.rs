//! What each command means.

use wita_diag::Span;
use wita_doc::{
    AuthorRow, Cite, CiteMode, Content, FontSize, Image, Length, MathEnv, Node, NodeKind, Ref,
    RefKind, Spanned, Style,
};

use crate::input::FrameKind;
use crate::length::parse_length;
use crate::lex::{Token, TokenKind, detokenize};
use crate::reader::{Macro, Reader, env_tokens, push_parbreak, push_text};
use crate::text::{accent_mark, apply_accent, symbol};

/// Commands accepted and ignored, with how many mandatory arguments they take
/// (their optional arguments are skipped too). Preamble habits of pasted-in
/// articles, and commands that only tune LaTeX's own layout.
const IGNORED: &[(&str, usize)] = &[
    ("documentclass", 1),
    ("usepackage", 1),
    ("RequirePackage", 1),
    ("title", 1),
    ("author", 1),
    ("date", 1),
    ("maketitle", 0),
    ("thanks", 1),
    ("affiliation", 1),
    ("affil", 1),
    ("address", 1),
    ("email", 1),
    ("keywords", 1),
    ("institute", 1),
    ("orcid", 1),
    ("pagestyle", 1),
    ("thispagestyle", 1),
    ("pagenumbering", 1),
    ("setcounter", 2),
    ("addtocounter", 2),
    ("stepcounter", 1),
    ("refstepcounter", 1),
    ("setlength", 2),
    ("addtolength", 2),
    ("settowidth", 2),
    ("newlength", 1),
    ("newcounter", 1),
    ("hypersetup", 1),
    ("lstset", 1),
    ("setminted", 1),
    ("graphicspath", 1),
    ("bibliographystyle", 1),
    ("addbibresource", 1),
    ("geometry", 1),
    ("newgeometry", 1),
    ("restoregeometry", 0),
    ("linespread", 1),
    ("captionsetup", 1),
    ("setlist", 1),
    ("urlstyle", 1),
    ("hyphenation", 1),
    ("selectlanguage", 1),
    ("numberwithin", 2),
    ("addcontentsline", 3),
    ("markboth", 2),
    ("markright", 1),
    ("index", 1),
    ("glossary", 1),
    ("nopagebreak", 0),
    ("pagebreak", 0),
    ("nolinebreak", 0),
    ("strut", 0),
    ("relax", 0),
    ("protect", 0),
    ("ignorespaces", 0),
    ("unskip", 0),
    ("phantomsection", 0),
    ("raggedbottom", 0),
    ("flushbottom", 0),
    ("sloppy", 0),
    ("fussy", 0),
    ("onecolumn", 0),
    ("twocolumn", 0),
    ("balance", 0),
    ("frontmatter", 0),
    ("mainmatter", 0),
    ("backmatter", 0),
    ("tableofcontents", 0),
    ("listoffigures", 0),
    ("listoftables", 0),
    ("makeatletter", 0),
    ("makeatother", 0),
    ("indent", 0),
    ("/", 0),
    ("@", 0),
    ("allowbreak", 0),
    ("break", 0),
    ("nobreak", 0),
    ("penalty", 0),
    ("frenchspacing", 0),
    ("nonfrenchspacing", 0),
    ("normalfont", 0),
    ("addlinespace", 0),
    ("morecmidrules", 0),
    ("pretolerance", 0),
    ("tolerance", 0),
    ("FloatBarrier", 0),
    ("bibliographystyle", 1),
    ("DeclareUnicodeCharacter", 2),
    ("ExecuteBibliographyOptions", 1),
    ("newrefcontext", 0),
    ("printshorthands", 0),
    ("samepage", 0),
    ("printindex", 0),
    ("makeindex", 0),
    ("begingroup", 0),
    ("endgroup", 0),
    ("defbibenvironment", 4),
    ("defbibheading", 2),
];

/// TeX registers authors set with `\name=value` or `\name value`.
const REGISTERS: &[&str] = &[
    "tabcolsep",
    "arraystretch",
    "parindent",
    "parskip",
    "baselineskip",
    "arrayrulewidth",
    "doublerulesep",
    "textwidth",
    "textheight",
    "linewidth",
    "columnsep",
    "fboxsep",
    "fboxrule",
    "itemsep",
    "topsep",
    "parsep",
    "leftmargin",
    "labelsep",
    "abovecaptionskip",
    "belowcaptionskip",
    "emergencystretch",
    "hfuzz",
    "vfuzz",
    "hbadness",
    "vbadness",
    "lineskip",
    "footnotesep",
    "columnwidth",
    "hsize",
    "vsize",
];

impl Reader<'_> {
    pub(crate) fn command(&mut self, name: &str, span: Span, out: &mut Content) {
        // multibib's `\newcites{web}{..}` commands: `\citeweb`, `\nociteweb`,
        // `\bibliographyweb`, `\bibliographystyleweb` (one cite.bib here).
        if let Some(base) = self.multibib_base(name) {
            return self.command(base, span, out);
        }
        if let Some(size) = FontSize::from_command(name) {
            out.push(Node::new(NodeKind::SetStyle(Style::Size(size)), span));
            return;
        }
        if let Some(style) = declaration(name) {
            out.push(Node::new(NodeKind::SetStyle(style), span));
            return;
        }
        if let Some(style) = text_style(name) {
            let (body, arg_span) = self.arg_content(name, span);
            out.push(Node::new(
                NodeKind::Styled(style, body),
                span.join(arg_span),
            ));
            return;
        }
        if let Some(mark) = accent_mark(name) {
            self.accent(mark, span, out);
            return;
        }
        if let Some(text) = symbol(name) {
            push_text(out, text.to_owned(), span);
            return;
        }
        if let Some(&(_, args)) = IGNORED.iter().find(|(n, _)| *n == name) {
            self.read_star();
            while self.read_optional().is_some() {}
            for _ in 0..args {
                self.read_arg();
                // `\author[1]{..}` style: optional arguments between arguments.
                while self.read_optional().is_some() {}
            }
            return;
        }
        if REGISTERS.contains(&name) {
            self.register_assignment();
            return;
        }
        match name {
            // ---- The journal's macros ----
            "setentryid" => {
                let (tokens, arg_span) = self.expect_arg(name, span);
                let id = self.arg_string(tokens);
                if self.meta.entry_id.is_some() {
                    self.warn(span, "`\\setentryid` appears twice; the first one counts");
                } else {
                    self.meta.entry_id = Some(Spanned::new(id, span.join(arg_span)));
                }
            }
            "setprimarytag" => {
                let (tag, _) = self.arg_content(name, span);
                self.meta.primary_tag = Some(tag);
            }
            "stdarticle" => self.stdarticle(span, out),
            "authorrow" => {
                self.warn(
                    span,
                    "`\\authorrow` belongs in the second argument of `\\stdarticle`",
                );
                let (person, _) = self.arg_content(name, span);
                let (institution, _) = self.arg_content(name, span);
                out.extend(person);
                out.push(Node::new(NodeKind::Space, span));
                out.extend(institution);
            }
            "articlecopyrightinfo" => {
                let (tokens, arg_span) = self.expect_arg(name, span);
                let content = self.content_of(tokens);
                let text = wita_doc::plain_text(&content);
                if self.meta.licence.is_none() {
                    self.meta.licence = Some(Spanned::new(text, span.join(arg_span)));
                }
                push_parbreak(out, span);
                out.push(Node::new(
                    NodeKind::LicenceBox(content),
                    span.join(arg_span),
                ));
            }
            "entrypath" => push_text(out, self.ctx.entry_path.to_owned(), span),
            "issuepath" => push_text(out, self.ctx.issue_path.to_owned(), span),
            "printbibliography" | "bibliography" | "printbibheading" => {
                while self.read_optional().is_some() {}
                if name == "bibliography" {
                    self.read_arg();
                }
                push_parbreak(out, span);
                out.push(Node::new(NodeKind::Bibliography, span));
            }

            // ---- Structure ----
            "part" | "chapter" | "section" | "subsection" | "subsubsection" | "paragraph"
            | "subparagraph" | "addsec" | "addchap" | "minisec" => self.heading(name, span, out),
            "par" => push_parbreak(out, span),
            "\\" | "newline" | "cr" | "tabularnewline" => {
                self.read_star();
                self.read_optional();
                out.push(Node::new(NodeKind::Linebreak, span));
            }
            "linebreak" => {
                self.read_optional();
                out.push(Node::new(NodeKind::Linebreak, span));
            }
            "noindent" => out.push(Node::new(NodeKind::NoIndent, span)),
            "appendix" => {
                push_parbreak(out, span);
                out.push(Node::new(NodeKind::Appendix, span));
            }
            // csquotes: `\enquote{..}` and, one level in, `\enquote*{..}`.
            "enquote" => {
                let (open, close) = if self.read_star() {
                    ("‘", "’")
                } else {
                    ("“", "”")
                };
                let (body, arg_span) = self.arg_content(name, span);
                push_text(out, open.into(), span);
                out.push(Node::new(NodeKind::Group(body), span.join(arg_span)));
                push_text(out, close.into(), arg_span);
            }
            // nth: `\nth{3}` is "3rd".
            "nth" => {
                let (tokens, _) = self.expect_arg(name, span);
                let n = self.arg_string(tokens).trim().to_owned();
                let suffix = match n.parse::<u64>() {
                    Ok(v) if (11..=13).contains(&(v % 100)) => "th",
                    Ok(v) if v % 10 == 1 => "st",
                    Ok(v) if v % 10 == 2 => "nd",
                    Ok(v) if v % 10 == 3 => "rd",
                    _ => "th",
                };
                push_text(out, format!("{n}{suffix}"), span);
            }
            // LaTeX's list primitives, as environments, in the begin and end
            // code of a user environment (elsewhere their settings are
            // dropped and `\item` is reported outside a list).
            "trivlist" | "list" if !self.user_env_ends_with(&format!("end{name}")) => {
                if name == "list" {
                    self.read_arg();
                    self.read_arg();
                }
            }
            "endtrivlist" | "endlist" if !self.list_open(&name[3..]) => {}
            "trivlist" | "list" | "endtrivlist" | "endlist" => {
                let (command, env) = match name.strip_prefix("end") {
                    Some(env) => ("end", env),
                    None => ("begin", name),
                };
                let tokens = env_tokens(command, env, span);
                self.input.push(tokens, FrameKind::Inserted);
            }
            "newpage" | "clearpage" | "cleardoublepage" => {
                push_parbreak(out, span);
                out.push(Node::new(NodeKind::Pagebreak, span));
            }
            "smallskip" | "medskip" | "bigskip" => {
                let len = match name {
                    "smallskip" => Length::SmallSkip,
                    "medskip" => Length::MedSkip,
                    _ => Length::BigSkip,
                };
                out.push(Node::new(NodeKind::VSpace(len), span));
            }
            "vspace" | "vspace*" => {
                self.read_star();
                let (tokens, arg_span) = self.expect_arg(name, span);
                let text = self.arg_string(tokens);
                if let Some(len) = parse_length(&text) {
                    out.push(Node::new(NodeKind::VSpace(len), span.join(arg_span)));
                }
            }
            "hspace" => {
                self.read_star();
                let (tokens, arg_span) = self.expect_arg(name, span);
                let text = self.arg_string(tokens);
                if text.contains("fill") {
                    out.push(Node::new(NodeKind::HFill, span.join(arg_span)));
                } else if let Some(len) = parse_length(&text) {
                    out.push(Node::new(NodeKind::HSpace(len), span.join(arg_span)));
                }
            }
            "vskip" | "hskip" | "kern" | "vspace@" => {
                let len = self.read_dimen();
                if let Some(len) = len {
                    let kind = if name == "vskip" {
                        NodeKind::VSpace(len)
                    } else {
                        NodeKind::HSpace(len)
                    };
                    out.push(Node::new(kind, span));
                }
            }
            "hfill" | "hfil" | "hss" | "dotfill" | "hrulefill" => {
                out.push(Node::new(NodeKind::HFill, span))
            }
            "vfill" | "vfil" => {}
            " " => out.push(Node::new(NodeKind::Space, span)),
            "today" => push_text(out, self.ctx.today.to_owned(), span),

            // ---- Links and references ----
            "url" | "nolinkurl" | "path" => {
                let (tokens, _) = self.expect_arg(name, span);
                let url = url_text(&tokens);
                if name == "url" {
                    out.push(Node::new(NodeKind::Url(url), span));
                } else {
                    out.push(Node::new(NodeKind::InlineCode(url), span));
                }
            }
            "href" => {
                let (tokens, _) = self.expect_arg(name, span);
                let url = url_text(&tokens);
                let (body, arg_span) = self.arg_content(name, span);
                out.push(Node::new(NodeKind::Link { url, body }, span.join(arg_span)));
            }
            "verb" | "lstinline" | "mintinline" => {
                if name == "mintinline" {
                    self.read_optional();
                    self.read_arg();
                } else {
                    self.read_optional();
                }
                // The lexer captured the code as one verbatim token.
                let code = match self.next() {
                    Some(Token {
                        kind: TokenKind::Verbatim(code),
                        ..
                    }) => code,
                    Some(Token {
                        kind: TokenKind::BeginGroup,
                        span: open,
                    }) => {
                        let mut code = String::new();
                        while let Some(t) = self.next() {
                            if t.kind == TokenKind::EndGroup {
                                break;
                            }
                            code.push_str(&detokenize(&[t]));
                        }
                        let _ = open;
                        code
                    }
                    Some(other) => {
                        self.input.unread(other);
                        String::new()
                    }
                    None => String::new(),
                };
                out.push(Node::new(NodeKind::InlineCode(code), span));
            }
            "footnote" | "footnotetext" => {
                self.read_optional();
                let (body, arg_span) = self.arg_content(name, span);
                let kind = if name == "footnote" {
                    NodeKind::Footnote(body)
                } else {
                    NodeKind::FootnoteText(body)
                };
                out.push(Node::new(kind, span.join(arg_span)));
            }
            "footnotemark" => {
                self.read_optional();
                out.push(Node::new(NodeKind::FootnoteMark, span));
            }
            "cite" | "Cite" | "parencite" | "Parencite" | "autocite" | "Autocite" | "citep"
            | "citealp" | "citealt" | "supercite" | "footcite" | "footcitetext" | "textcite"
            | "Textcite" | "citet" | "citeauthor" | "Citeauthor" | "citeyear" | "citedate"
            | "citetitle" | "citeurl" | "nocite" | "citeauthor*" | "citenum" | "citen" => {
                self.cite(name, span, out)
            }
            "cites" | "Cites" | "parencites" | "Parencites" | "autocites" | "Autocites"
            | "textcites" | "Textcites" | "supercites" => self.multicite(name, span, out),

            // ---- Boxes ----
            "parbox" => {
                self.read_optional();
                self.read_optional();
                self.read_optional();
                let (tokens, _) = self.expect_arg(name, span);
                let width_text = self.arg_string(tokens);
                let width = parse_length(&width_text).unwrap_or(Length::Width(1.0));
                let (body, arg_span) = self.arg_content(name, span);
                out.push(Node::new(
                    NodeKind::Parbox { width, body },
                    span.join(arg_span),
                ));
            }
            // Their argument is the text: boxes, logos (hologo), siunitx
            // numbers, AASTeX column heads; graphicx's rotation is dropped
            // (the content stays upright).
            "mbox" | "hbox" | "text" | "textnormal" | "fbox" | "framebox" | "makebox"
            | "raisebox" | "centerline" | "leftline" | "rightline" | "ensureroom" | "hologo"
            | "num" | "colhead" | "rotatebox" => {
                while self.read_optional().is_some() {}
                if name == "raisebox" || name == "rotatebox" {
                    self.read_arg();
                }
                while self.read_optional().is_some() {}
                let (body, arg_span) = self.arg_content(name, span);
                out.push(Node::new(NodeKind::Group(body), span.join(arg_span)));
            }
            "ensuremath" => {
                let (tokens, arg_span) = self.expect_arg(name, span);
                let tokens = self.expand_fully(tokens);
                let math = self.math_node(tokens, MathEnv::Inline, false);
                out.push(Node::new(NodeKind::Math(math), span.join(arg_span)));
            }
            "(" | "[" => {
                let close = if name == "(" { ")" } else { "]" };
                let tokens = self.math_tokens(|t| t.is_command(close), span, "this math");
                let env = if name == "[" {
                    MathEnv::Display
                } else {
                    MathEnv::Inline
                };
                let math = self.math_node(tokens, env, false);
                out.push(Node::new(NodeKind::Math(math), span));
            }
            "textcolor" | "colorbox" | "fcolorbox" | "color" | "pagecolor" => {
                let model = self.read_optional().map(|(t, _)| detokenize(&t));
                if name == "fcolorbox" {
                    self.read_arg(); // the frame's colour
                }
                let (tokens, color_span) = self.expect_arg(name, span);
                let spec = self.arg_string(tokens);
                let color = crate::color::parse_color(model.as_deref(), &spec, &self.colors);
                if color.is_none() {
                    self.warn_once(
                        color_span,
                        &format!("color:{spec}"),
                        format!("unknown colour `{spec}`; the text keeps its colour"),
                    );
                }
                match name {
                    "pagecolor" => {}
                    "color" => {
                        if let Some(c) = color {
                            out.push(Node::new(
                                NodeKind::SetStyle(Style::Color(c)),
                                span.join(color_span),
                            ));
                        }
                    }
                    _ => {
                        let (body, arg_span) = self.arg_content(name, span);
                        let full = span.join(arg_span);
                        match color {
                            Some(c) if name == "textcolor" => {
                                out.push(Node::new(NodeKind::Styled(Style::Color(c), body), full))
                            }
                            Some(c) => out.push(Node::new(
                                NodeKind::Styled(Style::Background(c), body),
                                full,
                            )),
                            None => out.push(Node::new(NodeKind::Group(body), full)),
                        }
                    }
                }
            }
            "definecolor" | "colorlet" | "providecolor" => {
                let (name_tokens, _) = self.expect_arg(name, span);
                let color_name = self.arg_string(name_tokens);
                let (model, spec) = if name == "colorlet" {
                    (None, self.expect_arg(name, span).0)
                } else {
                    let model = self.expect_arg(name, span).0;
                    (Some(detokenize(&model)), self.expect_arg(name, span).0)
                };
                let spec = self.arg_string(spec);
                if let Some(c) = crate::color::parse_color(model.as_deref(), &spec, &self.colors) {
                    self.colors.insert(color_name, c);
                }
            }
            "includegraphics" => self.includegraphics(span, out),
            "lstinputlisting" | "inputminted" | "VerbatimInput" => {
                let mut language = None;
                if name == "inputminted" {
                    self.read_optional();
                    let (lang, _) = self.expect_arg(name, span);
                    language = Some(detokenize(&lang).trim().to_owned());
                } else if let Some((options, _)) = self.read_optional() {
                    language = detokenize(&options).split(',').find_map(|pair| {
                        let (k, v) = pair.split_once('=')?;
                        (k.trim() == "language")
                            .then(|| v.trim().trim_matches(['{', '}']).to_owned())
                    });
                }
                let (tokens, arg_span) = self.expect_arg(name, span);
                let written = self.arg_string(tokens);
                let full = span.join(arg_span);
                match self.ctx.resolver.read_input(&written) {
                    Ok((_, text)) => {
                        push_parbreak(out, span);
                        out.push(Node::new(
                            NodeKind::CodeBlock(wita_doc::CodeBlock {
                                language,
                                text: text.to_string(),
                            }),
                            full,
                        ));
                        push_parbreak(out, span);
                    }
                    Err(e) => {
                        let d = self.error(full, e.message);
                        d.label = Some(format!("`{written}`"));
                        d.help.extend(e.help);
                    }
                }
            }

            // ---- Files ----
            "input" | "include" | "subfile" | "import" | "subimport" => self.input_file(name, span),
            "endinput" => self.input.end_file(),

            // ---- Definitions ----
            "newcommand"
            | "renewcommand"
            | "providecommand"
            | "DeclareRobustCommand"
            | "newcommand*"
            | "renewcommand*"
            | "providecommand*" => self.newcommand(name, span),
            "def" | "gdef" | "edef" | "xdef" => self.def(span),
            "let" => self.let_(span),
            "newenvironment" | "renewenvironment" => self.newenvironment(span),
            "newcites" => {
                let (suffixes, _) = self.expect_arg(name, span);
                self.expect_arg(name, span);
                for suffix in detokenize(&suffixes).split(',') {
                    let suffix = suffix.trim();
                    if !suffix.is_empty() && suffix.chars().all(|c| c.is_ascii_alphabetic()) {
                        self.cite_suffixes.push(suffix.to_owned());
                    }
                }
            }
            "newcolumntype" => {
                let (name_tokens, name_span) = self.expect_arg(name, span);
                let letter = crate::lex::detokenize(&name_tokens);
                let params = self
                    .read_optional()
                    .and_then(|(t, _)| crate::lex::detokenize(&t).trim().parse::<usize>().ok())
                    .unwrap_or(0)
                    .min(9);
                let (body, body_span) = self.expect_arg(name, span);
                let mut chars = letter.trim().chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => {
                        self.column_types.insert(c, (params, body));
                    }
                    _ => {
                        self.warn(
                            span.join(name_span).join(body_span),
                            format!("`\\newcolumntype` needs one letter, not `{letter}`"),
                        );
                    }
                }
            }
            "DeclareMathOperator" => {
                self.read_star();
                let name_arg = self.read_arg();
                let body = self.read_arg();
                if let (Some((n, _)), Some((b, b_span))) = (name_arg, body)
                    && let Some(macro_name) = single_command(&n)
                {
                    let mut tokens = vec![Token {
                        kind: TokenKind::Command("operatorname".into()),
                        span: b_span,
                    }];
                    tokens.push(Token {
                        kind: TokenKind::BeginGroup,
                        span: b_span,
                    });
                    tokens.extend(b);
                    tokens.push(Token {
                        kind: TokenKind::EndGroup,
                        span: b_span,
                    });
                    self.macros.insert(
                        macro_name,
                        Macro {
                            params: 0,
                            default: None,
                            body: tokens.into(),
                        },
                    );
                }
            }
            // `\@ifstar{starred}{plain}`: how packages define starred forms
            // (`\renewcommand\section{\@ifstar..}`); the star is read here.
            "@ifstar" => {
                let star = self.read_star();
                let (starred, _) = self.expect_arg(name, span);
                let (plain, _) = self.expect_arg(name, span);
                self.push_tokens(if star { starred } else { plain });
            }
            // `\detokenize{..}` and `\string\cmd`: the tokens printed as
            // written (what `\expandafter` would reorder is read as it comes).
            "detokenize" | "string" => {
                while matches!(self.peek_kind(), Some(TokenKind::Command(c)) if c == "expandafter")
                {
                    self.next();
                }
                let tokens = if name == "string" {
                    self.next().map(|t| vec![t]).unwrap_or_default()
                } else {
                    self.expect_arg(name, span).0
                };
                let text = detokenize(&tokens).replace("\\string", "");
                push_text(out, text, span);
            }
            "expandafter" | "noexpand" => {}
            "begin" => self.begin_environment(span, out),
            "label" => {
                let (tokens, arg_span) = self.expect_arg(name, span);
                let label = self.arg_string(tokens);
                if !label.is_empty() {
                    self.labels.push((label.clone(), span.join(arg_span)));
                    out.push(Node::new(NodeKind::Anchor(label), span.join(arg_span)));
                }
            }
            "ref" | "eqref" | "autoref" | "cref" | "Cref" | "pageref" | "vref" | "nameref"
            | "Autoref" | "cpageref" | "Vref" => {
                self.read_star();
                let kind = match name {
                    "eqref" => RefKind::Equation,
                    "autoref" | "Autoref" | "cref" | "vref" | "Vref" => RefKind::Named,
                    "Cref" => RefKind::NamedCapital,
                    "pageref" | "cpageref" => RefKind::Page,
                    _ => RefKind::Number,
                };
                let (tokens, arg_span) = self.expect_arg(name, span);
                let labels = self.arg_string(tokens);
                // `\cref{a,b}` names several.
                for (i, label) in labels
                    .split(',')
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .enumerate()
                {
                    if i > 0 {
                        push_text(out, ", ".into(), span);
                    }
                    out.push(Node::new(
                        NodeKind::Ref(Ref {
                            label: label.to_owned(),
                            kind,
                        }),
                        span.join(arg_span),
                    ));
                }
            }
            "item" => {
                self.warn(span, "`\\item` outside a list");
                if let Some((label, _)) = self.read_optional() {
                    let label = self.content_of(label);
                    out.extend(label);
                } else {
                    push_text(out, "•".into(), span);
                }
                out.push(Node::new(NodeKind::Space, span));
            }
            "subfloat" | "subcaptionbox" => self.subfloat(name, span, out),
            "tablecaption" | "tablehead" | "startdata" | "enddata" | "tablenotetext"
            | "tablenotemark" | "tablecomments" | "tablerefs" | "tablewidth" | "tabletypesize"
            | "tablecolumns" | "tablenum" | "rotate" => self.deluxe_command(name, span, out),
            "caption" | "captionof" | "subcaption" => {
                if name == "captionof" {
                    self.read_star();
                    self.read_arg();
                }
                self.caption(span, out)
            }
            "CJKunderline" | "uline" | "uuline" | "uwave" | "sout" | "xout" | "hl" | "st"
            | "ul" => {
                let style = match name {
                    "sout" | "xout" | "st" => Style::Strike,
                    "hl" => Style::Highlight,
                    _ => Style::Underline,
                };
                let (body, arg_span) = self.arg_content(name, span);
                out.push(Node::new(
                    NodeKind::Styled(style, body),
                    span.join(arg_span),
                ));
            }
            _ => self.unknown_command(name, span, out),
        }
    }

    fn accent(&mut self, mark: char, span: Span, out: &mut Content) {
        // `\'e`, `\'{e}`, `\c c`: the argument is the next character or group.
        let base = match self.read_arg() {
            Some((tokens, _)) => {
                let content = self.content_of(tokens);
                wita_doc::plain_text(&content)
            }
            None => String::new(),
        };
        // With a letter token like `\"ouml`, only the first letter is accented.
        push_text(out, apply_accent(mark, &base), span);
    }

    fn register_assignment(&mut self) {
        // `\tabcolsep=2.5pt`, `\parindent 0pt`, or the register used alone.
        let is_value = |k: &TokenKind| match k {
            TokenKind::Text(t) => {
                t.starts_with('=')
                    || t.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == '-')
            }
            _ => false,
        };
        self.skip_spaces();
        if self.peek_kind().is_some_and(is_value) {
            self.read_dimen();
        }
    }

    /// Reads a TeX dimension from the input (`7pt`, `= 2.5pt`, `0.5\linewidth`,
    /// `3pt plus 1pt`).
    pub(crate) fn read_dimen(&mut self) -> Option<Length> {
        self.skip_spaces();
        let mut text = String::new();
        loop {
            match self.peek_kind() {
                Some(TokenKind::Text(t)) => {
                    let t = t.clone();
                    let unit_done = text.chars().any(|c| c.is_ascii_alphabetic())
                        && !t.starts_with(|c: char| c.is_ascii_digit());
                    if unit_done && !(t == "plus" || t == "minus") {
                        break;
                    }
                    self.next();
                    text.push_str(&t);
                    if t.ends_with(|c: char| c.is_ascii_alphabetic())
                        && !text.ends_with("plus")
                        && !text.ends_with("minus")
                    {
                        // A unit ends the dimension unless glue follows.
                        self.skip_spaces();
                        match self.peek_kind() {
                            Some(TokenKind::Text(n)) if n == "plus" || n == "minus" => continue,
                            _ => break,
                        }
                    }
                }
                Some(TokenKind::Command(c))
                    if text.is_empty()
                        || text.ends_with(|ch: char| ch.is_ascii_digit() || ch == '.') =>
                {
                    let c = c.clone();
                    self.next();
                    text.push('\\');
                    text.push_str(&c);
                    break;
                }
                Some(TokenKind::Space)
                    if !text.is_empty() && !text.ends_with(|c: char| c.is_ascii_alphabetic()) =>
                {
                    self.next();
                }
                _ => break,
            }
        }
        parse_length(&text)
    }

    fn heading(&mut self, name: &str, span: Span, out: &mut Content) {
        let star = self.read_star();
        self.read_optional();
        let (body, arg_span) = self.arg_content(name, span);
        let level = match name {
            "part" | "chapter" | "addchap" => 1,
            "section" | "addsec" => 1,
            "subsection" => 2,
            "subsubsection" | "minisec" => 3,
            "paragraph" => 4,
            _ => 5,
        };
        let numbered = !star && !matches!(name, "addsec" | "addchap" | "minisec") && level <= 3;
        push_parbreak(out, span);
        out.push(Node::new(
            NodeKind::Heading(wita_doc::Heading {
                level,
                numbered,
                body,
                label: None,
            }),
            span.join(arg_span),
        ));
    }

    fn stdarticle(&mut self, span: Span, out: &mut Content) {
        let (title_tokens, title_span) = self.expect_arg("stdarticle", span);
        let title = self.content_of(title_tokens);
        let (author_tokens, _) = self.expect_arg("stdarticle", span);
        let authors = self.author_rows(author_tokens, span);
        let (date_tokens, date_span) = self.expect_arg("stdarticle", span);
        let date = self.arg_string(date_tokens);
        if self.meta.title.is_some() {
            self.warn(span, "`\\stdarticle` appears twice; the first one counts");
            return;
        }
        self.meta.title = Some(title);
        self.meta.title_span = Some(title_span);
        self.meta.authors = authors;
        self.meta.date = Some(Spanned::new(date, date_span));
        push_parbreak(out, span);
        out.push(Node::new(NodeKind::TitleBlock, span.join(date_span)));
    }

    /// The second argument of `\stdarticle`: `\authorrow{name}{institution}`
    /// rows separated by `\\`; anything else is one author written plainly.
    fn author_rows(&mut self, tokens: Vec<Token>, span: Span) -> Vec<AuthorRow> {
        self.with_input(tokens, |r| {
            let mut rows = Vec::new();
            let mut loose = Vec::new();
            while let Some(token) = r.next() {
                match &token.kind {
                    TokenKind::Command(n) if n == "authorrow" => {
                        let (name, name_span) = r.arg_content("authorrow", token.span);
                        let (institution, inst_span) = r.arg_content("authorrow", token.span);
                        rows.push(AuthorRow {
                            name,
                            institution,
                            span: token.span.join(name_span).join(inst_span),
                        });
                    }
                    TokenKind::Command(n) if n == "\\" || n == "and" || n == "par" => {
                        r.read_star();
                        r.read_optional();
                    }
                    TokenKind::Command(n) if r.macros.contains_key(n) => {
                        let n = n.clone();
                        r.try_expand(&n, token.span);
                    }
                    TokenKind::Space | TokenKind::ParBreak => {
                        if !loose.is_empty() {
                            loose.push(token);
                        }
                    }
                    _ => loose.push(token),
                }
            }
            if !loose.is_empty() {
                let name = r.content_of(loose);
                if !name.is_empty() {
                    rows.push(AuthorRow {
                        name,
                        institution: Vec::new(),
                        span,
                    });
                }
            }
            rows
        })
    }

    fn cite(&mut self, name: &str, span: Span, out: &mut Content) {
        let mode = match name {
            "textcite" | "Textcite" | "citet" => CiteMode::Text,
            "supercite" => CiteMode::Super,
            "footcite" | "footcitetext" => CiteMode::Foot,
            "citeauthor" | "Citeauthor" | "citeauthor*" => CiteMode::Author,
            "citeyear" | "citedate" => CiteMode::Year,
            "citetitle" => CiteMode::Title,
            "citeurl" => CiteMode::Url,
            "nocite" => CiteMode::NoCite,
            _ => CiteMode::Normal,
        };
        self.read_star();
        let first = self.read_optional();
        let second = self.read_optional();
        // One optional argument is the postnote; two are prenote and postnote.
        let (pre, post) = match (first, second) {
            (Some(a), Some(b)) => (Some(a.0), Some(b.0)),
            (Some(a), None) => (None, Some(a.0)),
            _ => (None, None),
        };
        let prenote = pre.map(|t| self.content_of(t)).filter(|c| !c.is_empty());
        let postnote = post.map(|t| self.content_of(t)).filter(|c| !c.is_empty());
        let (tokens, arg_span) = self.expect_arg(name, span);
        let tokens = self.expand_fully(tokens);
        let keys = split_keys(&tokens);
        if keys.is_empty() {
            self.warn(span.join(arg_span), format!("`\\{name}` names no key"));
            return;
        }
        out.push(Node::new(
            NodeKind::Cite(Cite {
                keys,
                mode,
                prenote,
                postnote,
            }),
            span.join(arg_span),
        ));
    }

    /// `\cites[pre][post]{a}[pre][post]{b}`: one citation per key group,
    /// separated by biblatex's `\multicitedelim` (`; `).
    fn multicite(&mut self, name: &str, span: Span, out: &mut Content) {
        let single = &name[..name.len() - 1];
        // `\cites(multiprenote)(multipostnote)`: notes for the whole list;
        // one parenthesised argument alone is the postnote.
        let first_note = self.read_parenthesised();
        let second_note = first_note.as_ref().and_then(|_| self.read_parenthesised());
        let (pre, post) = match (first_note, second_note) {
            (Some(a), Some(b)) => (Some(a), Some(b)),
            (Some(a), None) => (None, Some(a)),
            _ => (None, None),
        };
        let pre = pre.map(|t| self.content_of(t)).filter(|c| !c.is_empty());
        let post = post.map(|t| self.content_of(t)).filter(|c| !c.is_empty());
        if let Some(pre) = pre {
            out.extend(pre);
            out.push(Node::new(NodeKind::Text(" ".into()), span));
        }
        self.cite_list(single, span, out);
        if let Some(post) = post {
            out.push(Node::new(NodeKind::Text(", ".into()), span));
            out.extend(post);
        }
    }

    fn cite_list(&mut self, single: &str, span: Span, out: &mut Content) {
        let mut first = true;
        loop {
            let next_is_arg = matches!(self.peek_kind(), Some(TokenKind::BeginGroup))
                || self.peek_past_spaces_is('[');
            if !next_is_arg && !first {
                break;
            }
            if !first {
                out.push(Node::new(NodeKind::Text("; ".into()), span));
            }
            let before = out.len();
            self.cite(single, span, out);
            first = false;
            if out.len() == before {
                break;
            }
        }
    }

    fn includegraphics(&mut self, span: Span, out: &mut Content) {
        self.read_star();
        let options = self
            .read_optional()
            .map(|(t, _)| self.arg_string(t))
            .unwrap_or_default();
        let (tokens, arg_span) = self.expect_arg("includegraphics", span);
        let written = self.arg_string(tokens);
        let full = span.join(arg_span);
        let path = match self.ctx.resolver.graphic(&written) {
            Ok(path) => path,
            Err(e) => {
                let d = self.error(full, e.message);
                d.label = Some(format!("`{written}`"));
                d.help.extend(e.help);
                return;
            }
        };
        let mut image = Image {
            path,
            width: None,
            height: None,
            scale: None,
        };
        for option in options.split(',') {
            let Some((key, value)) = option.split_once('=') else {
                continue;
            };
            match key.trim() {
                "width" => image.width = parse_length(value),
                "height" | "totalheight" => image.height = parse_length(value),
                "scale" => {
                    image.scale = value
                        .trim()
                        .parse()
                        .ok()
                        .filter(|s: &f64| s.is_finite() && *s > 0.0)
                }
                _ => {}
            }
        }
        out.push(Node::new(NodeKind::Image(image), full));
    }

    fn input_file(&mut self, name: &str, span: Span) {
        if name == "subimport" || name == "import" {
            // `\import{dir}{file}`: the directory and the file.
            let dir = self.expect_arg(name, span).0;
            let dir = self.arg_string(dir);
            let (file, arg_span) = self.expect_arg(name, span);
            let file = self.arg_string(file);
            let joined = format!("{}/{}", dir.trim_end_matches('/'), file);
            self.read_input_file(&joined, span.join(arg_span));
            return;
        }
        let (tokens, arg_span) = self.expect_arg(name, span);
        let written = self.arg_string(tokens);
        self.read_input_file(&written, span.join(arg_span));
    }

    fn read_input_file(&mut self, written: &str, span: Span) {
        match self.ctx.resolver.read_input(written) {
            Ok((file, text)) => {
                let (tokens, diags) = crate::lex::tokenize(&text, file);
                self.diags.extend(diags);
                self.push_file(tokens, span);
            }
            Err(e) => {
                let d = self.error(span, e.message);
                d.label = Some(format!("`{written}`"));
                d.help.extend(e.help);
            }
        }
    }

    /// `\newcommand{\name}[n][default]{body}` and its relatives.
    fn newcommand(&mut self, command: &str, span: Span) {
        self.read_star();
        let Some((name_tokens, name_span)) = self.read_arg() else {
            self.error(span, format!("`\\{command}` is missing the command's name"));
            return;
        };
        let Some(name) = single_command(&name_tokens) else {
            self.error(
                name_span,
                format!("`\\{command}` needs a command name such as `\\foo`"),
            );
            return;
        };
        let (params, default) = self.read_params();
        let Some((body, _)) = self.read_arg() else {
            self.error(
                span,
                format!("`\\{command}` is missing the definition of `\\{name}`"),
            );
            return;
        };
        let exists = self.macros.contains_key(&name);
        match command.trim_end_matches('*') {
            "providecommand" if exists => return,
            "newcommand" if exists => {
                self.warn(
                    name_span,
                    format!("`\\{name}` is already defined; this definition replaces it"),
                );
            }
            _ => {}
        }
        self.macros.insert(
            name,
            Macro {
                params,
                default,
                body: body.into(),
            },
        );
    }

    /// `[n]` and `[default]` after a command or environment name.
    fn read_params(&mut self) -> (u8, Option<Vec<Token>>) {
        let mut params = 0u8;
        let mut default = None;
        if let Some((tokens, span)) = self.read_optional() {
            let text = detokenize(&tokens);
            match text.trim().parse::<u8>() {
                Ok(n) if n <= 9 => params = n,
                _ => {
                    self.warn(
                        span,
                        format!("`[{text}]` is not a number of arguments (0 to 9)"),
                    );
                }
            }
            if let Some((tokens, _)) = self.read_optional() {
                default = Some(tokens);
            }
        }
        (params, default)
    }

    /// `\def\name#1#2{body}` (undelimited parameters).
    fn def(&mut self, span: Span) {
        let Some(token) = self.next() else { return };
        let TokenKind::Command(name) = token.kind else {
            self.error(token.span, "`\\def` needs a command name such as `\\foo`");
            return;
        };
        let mut params = 0u8;
        loop {
            match self.peek_kind() {
                Some(TokenKind::Param(n)) => {
                    params = params.max(*n);
                    self.next();
                }
                Some(TokenKind::BeginGroup) | None => break,
                Some(_) => {
                    let t = self.next().expect("peeked");
                    self.warn(t.span, "`\\def` with delimited parameters is not supported; the delimiter is ignored");
                }
            }
        }
        let Some((body, _)) = self.read_arg() else {
            self.error(span, format!("`\\def\\{name}` is missing its definition"));
            return;
        };
        self.macros.insert(
            name,
            Macro {
                params,
                default: None,
                body: body.into(),
            },
        );
    }

    /// `\let\new\old` and `\let\new=\old`.
    fn let_(&mut self, span: Span) {
        let Some(Token {
            kind: TokenKind::Command(new),
            ..
        }) = self.next()
        else {
            self.error(span, "`\\let` needs a command name such as `\\foo`");
            return;
        };
        self.skip_spaces();
        if matches!(self.peek_kind(), Some(TokenKind::Text(t)) if t == "=") {
            self.next();
            self.skip_spaces();
        }
        match self.next() {
            Some(Token {
                kind: TokenKind::Command(old),
                ..
            }) => {
                if let Some(m) = self.macros.get(&old).cloned() {
                    self.macros.insert(new, m);
                } else {
                    self.macros.remove(&new);
                    self.aliases.insert(new, old);
                }
            }
            Some(other) => {
                self.macros.insert(
                    new,
                    Macro {
                        params: 0,
                        default: None,
                        body: vec![other].into(),
                    },
                );
            }
            None => {}
        }
    }

    fn newenvironment(&mut self, span: Span) {
        self.read_star();
        let Some((name_tokens, _)) = self.read_arg() else {
            self.error(span, "`\\newenvironment` is missing the environment's name");
            return;
        };
        let name = detokenize(&name_tokens).trim().to_owned();
        let (params, default) = self.read_params();
        let begin = self.read_arg().map(|a| a.0).unwrap_or_default();
        let end = self.read_arg().map(|a| a.0).unwrap_or_default();
        self.envs.insert(
            name,
            crate::reader::EnvMacro {
                params,
                default,
                begin: begin.into(),
                end: end.into(),
            },
        );
    }

    pub(crate) fn unknown_command(&mut self, name: &str, span: Span, out: &mut Content) {
        let star = self.read_star();
        // Keep the text of the arguments that follow directly: braced groups,
        // and bracketed ones unless they look like `key=value` options.
        let mut args = Vec::new();
        let mut full = span;
        loop {
            match self.peek_kind() {
                Some(TokenKind::BeginGroup) => {
                    let (tokens, arg_span) = self.read_arg().expect("peeked a group");
                    full = full.join(arg_span);
                    args.push(self.content_of(tokens));
                }
                Some(TokenKind::Char('[')) => {
                    let (tokens, arg_span) = self.read_optional().expect("peeked a bracket");
                    full = full.join(arg_span);
                    if !detokenize(&tokens).contains('=') {
                        args.push(self.content_of(tokens));
                    }
                }
                _ => break,
            }
        }
        let shown = if star {
            format!("{name}*")
        } else {
            name.to_owned()
        };
        let message = if args.is_empty() {
            format!("unknown command `\\{shown}` is ignored")
        } else {
            format!("unknown command `\\{shown}`: its arguments are printed as plain text")
        };
        self.warn_once(span, name, message);
        out.push(Node::new(NodeKind::Unknown { name: shown, args }, full));
    }
}

/// `\foo` alone (possibly braced) → `foo`.
fn single_command(tokens: &[Token]) -> Option<String> {
    let meaningful: Vec<&Token> = tokens
        .iter()
        .filter(|t| t.kind != TokenKind::Space)
        .collect();
    match meaningful.as_slice() {
        [
            Token {
                kind: TokenKind::Command(name),
                ..
            },
        ] => Some(name.clone()),
        _ => None,
    }
}

/// The text of a URL argument: `\%`, `\#`, `\_`, `\&`, `\~` stand for the character.
fn url_text(tokens: &[Token]) -> String {
    let raw = detokenize(tokens);
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&next) = chars.peek()
            && "%#_&~$".contains(next)
        {
            out.push(next);
            chars.next();
            continue;
        }
        if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

/// Splits `\cite`'s argument into keys, each with its own span.
fn split_keys(tokens: &[Token]) -> Vec<Spanned<String>> {
    let mut keys = Vec::new();
    let mut current = String::new();
    let mut current_span: Option<Span> = None;
    let mut finish = |current: &mut String, span: &mut Option<Span>| {
        if let Some(s) = span.take()
            && !current.is_empty()
        {
            keys.push(Spanned::new(std::mem::take(current), s));
        }
        current.clear();
    };
    for token in tokens {
        match &token.kind {
            TokenKind::Text(text) => {
                let exact = (token.span.end - token.span.start) as usize == text.len();
                for (offset, c) in text.char_indices() {
                    if c == ',' {
                        finish(&mut current, &mut current_span);
                        continue;
                    }
                    let char_span = if exact {
                        let start = token.span.start as usize + offset;
                        Span::new(token.span.file, start..start + c.len_utf8())
                    } else {
                        token.span
                    };
                    current.push(c);
                    current_span = Some(current_span.map_or(char_span, |s| s.join(char_span)));
                }
            }
            TokenKind::Space | TokenKind::ParBreak => {}
            other => {
                let text = detokenize(&[Token {
                    kind: other.clone(),
                    span: token.span,
                }]);
                current.push_str(&text);
                current_span = Some(current_span.map_or(token.span, |s| s.join(token.span)));
            }
        }
    }
    finish(&mut current, &mut current_span);
    keys
}

/// `\bfseries`-style declarations.
fn declaration(name: &str) -> Option<Style> {
    Some(match name {
        "bfseries" | "bf" => Style::Bold,
        "itshape" | "it" | "slshape" | "sl" => Style::Italic,
        "em" => Style::Emph,
        "upshape" | "rm" | "rmfamily" => match name {
            "upshape" => Style::Upright,
            _ => Style::Serif,
        },
        "ttfamily" | "tt" => Style::Mono,
        "sffamily" | "sf" => Style::Sans,
        "scshape" | "sc" => Style::SmallCaps,
        "mdseries" => Style::Medium,
        "raggedright" | "RaggedRight" => Style::RaggedRight,
        "raggedleft" | "RaggedLeft" => Style::RaggedLeft,
        "centering" | "Centering" => Style::Centering,
        _ => return None,
    })
}

impl Reader<'_> {
    /// The command a multibib command stands for (`\citeweb` → `cite`).
    fn multibib_base(&self, name: &str) -> Option<&'static str> {
        self.cite_suffixes.iter().find_map(|suffix| {
            Some(match name.strip_suffix(suffix.as_str())? {
                "cite" => "cite",
                "nocite" => "nocite",
                "bibliography" => "bibliography",
                "bibliographystyle" => "bibliographystyle",
                _ => return None,
            })
        })
    }

    /// AASTeX's table commands (`deluxetable`).
    fn deluxe_command(&mut self, name: &str, span: Span, out: &mut Content) {
        let token = |kind: TokenKind| Token { kind, span };
        let command = |name: &str| token(TokenKind::Command(name.into()));
        let group = |inner: Vec<Token>| {
            let mut tokens = vec![token(TokenKind::BeginGroup)];
            tokens.extend(inner);
            tokens.push(token(TokenKind::EndGroup));
            tokens
        };
        match name {
            "tablecaption" => self.caption(span, out),
            "tablehead" => {
                let (tokens, _) = self.expect_arg(name, span);
                if let Some(table) = self.deluxe_tables.last_mut() {
                    table.1 = tokens;
                }
            }
            // The rows become a tabular: its head between rules, its data.
            "startdata" => {
                // The head is used once (a `\startdata` inside it, or a
                // second one, opens a table without it).
                let Some((spec, head)) = self
                    .deluxe_tables
                    .last_mut()
                    .map(|(spec, head)| (spec.clone(), std::mem::take(head)))
                else {
                    return;
                };
                if self.over_budget(spec.len() + head.len(), name, span) {
                    return;
                }
                let mut tokens = env_tokens("begin", "tabular", span);
                tokens.extend(group(spec));
                tokens.push(command("hline"));
                if !head.is_empty() {
                    tokens.extend(head);
                    tokens.push(command("\\"));
                    tokens.push(command("hline"));
                }
                self.input.push(tokens, FrameKind::Inserted);
            }
            "enddata" => {
                if self.deluxe_tables.is_empty() {
                    return;
                }
                // The last row needs no `\\` before it (nor gets a rule).
                self.input
                    .push(env_tokens("end", "tabular", span), FrameKind::Inserted);
            }
            "tablenotemark" => {
                let (mark, arg_span) = self.arg_content(name, span);
                out.push(Node::new(
                    NodeKind::Styled(Style::Superscript, mark),
                    span.join(arg_span),
                ));
            }
            "tablenotetext" | "tablecomments" | "tablerefs" => {
                let mark = (name == "tablenotetext").then(|| self.arg_content(name, span).0);
                let (body, arg_span) = self.arg_content(name, span);
                push_parbreak(out, span);
                if let Some(mark) = mark {
                    out.push(Node::new(NodeKind::Styled(Style::Superscript, mark), span));
                }
                if name == "tablecomments" {
                    out.push(Node::new(NodeKind::Text("Note. — ".into()), span));
                }
                out.push(Node::new(NodeKind::Group(body), span.join(arg_span)));
                push_parbreak(out, span);
            }
            // Layout settings: widths, font size, column count, rotation.
            "rotate" => {}
            _ => {
                self.read_arg();
            }
        }
    }
}

/// `\textbf{..}`-style commands.
fn text_style(name: &str) -> Option<Style> {
    Some(match name {
        "textbf" => Style::Bold,
        "textit" | "textsl" => Style::Italic,
        "emph" => Style::Emph,
        "texttt" => Style::Mono,
        "textsf" => Style::Sans,
        "textrm" => Style::Serif,
        "textsc" => Style::SmallCaps,
        "textup" => Style::Upright,
        "textmd" => Style::Medium,
        "underline" => Style::Underline,
        "textsuperscript" => Style::Superscript,
        "textsubscript" => Style::Subscript,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use wita_diag::Sources;

    #[test]
    fn keys_split_with_their_own_spans() {
        let sources = Sources::new();
        let src = "a_1, b ,c";
        let id = sources.add("t", src);
        let (tokens, _) = crate::lex::tokenize(src, id);
        let keys = split_keys(&tokens);
        let got: Vec<(&str, &str)> = keys
            .iter()
            .map(|k| (k.value.as_str(), &src[k.span.range()]))
            .collect();
        assert_eq!(got, vec![("a_1", "a_1"), ("b", "b"), ("c", "c")]);
    }

    #[test]
    fn url_text_unescapes() {
        let sources = Sources::new();
        let src = "http://a.org/x\\%20y\\#z";
        let id = sources.add("t", src);
        let (tokens, _) = crate::lex::tokenize(src, id);
        assert_eq!(url_text(&tokens), "http://a.org/x%20y#z");
    }
}

//! Reader tests: LaTeX in, a compact rendering of the document model out.

use std::sync::Arc;

use wita_diag::{Diagnostics, FileId, Sources};
use wita_doc::{Article, Content, NodeKind, Style, TableRow};

use crate::{ReadContext, ResolveError, Resolver, read_article};

/// Serves `\input` files from a list, refusing anything else.
pub(crate) struct Files<'a> {
    pub sources: &'a Sources,
    pub files: Vec<(&'static str, &'static str)>,
}

impl Resolver for Files<'_> {
    fn read_input(&self, written: &str) -> Result<(FileId, Arc<str>), ResolveError> {
        let (name, text) = self
            .files
            .iter()
            .find(|(n, _)| *n == written || n.trim_end_matches(".tex") == written)
            .ok_or_else(|| {
                ResolveError::new(
                    wita_diag::codes::FILE_NOT_FOUND,
                    format!("no file `{written}`"),
                )
            })?;
        Ok((self.sources.add(*name, *text), Arc::from(*text)))
    }
    fn graphic(&self, written: &str) -> Result<String, ResolveError> {
        if written.starts_with('/') {
            return Err(ResolveError::new(
                wita_diag::codes::UNSAFE_PATH,
                "absolute path",
            ));
        }
        Ok(format!("entry/x/{written}"))
    }
}

pub(crate) fn read_with(
    src: &str,
    files: Vec<(&'static str, &'static str)>,
) -> (Article, Diagnostics, Sources) {
    let sources = Sources::new();
    let id = sources.add("main.tex", src);
    let resolver = Files {
        sources: &sources,
        files,
    };
    let ctx = ReadContext {
        sources: &sources,
        resolver: &resolver,
        entry_path: "issue/2025/202508.tex.d/entry/x",
        issue_path: "issue/2025/202508.tex.d",
        today: "July 1, 2025",
    };
    let (article, diags) = read_article(src, id, &ctx);
    (article, diags, sources)
}

pub(crate) fn read(src: &str) -> (Article, Diagnostics) {
    let (a, d, _) = read_with(src, Vec::new());
    (a, d)
}

/// A compact rendering of content for assertions.
pub(crate) fn show(content: &Content) -> String {
    let mut out = String::new();
    for node in content {
        match &node.kind {
            NodeKind::Text(t) => out.push_str(t),
            NodeKind::Space => out.push(' '),
            NodeKind::NbSpace => out.push('~'),
            NodeKind::Linebreak => out.push_str("<br>"),
            NodeKind::Parbreak => out.push_str("<p>"),
            NodeKind::Group(c) => out.push_str(&format!("{{{}}}", show(c))),
            NodeKind::SetStyle(s) => out.push_str(&format!("<set {}>", style(*s))),
            NodeKind::Styled(s, c) => out.push_str(&format!("<{}>{}</>", style(*s), show(c))),
            NodeKind::Heading(h) => out.push_str(&format!(
                "<h{}{}{}>{}</h>",
                h.level,
                if h.numbered { "" } else { "*" },
                h.label
                    .as_ref()
                    .map(|l| format!(" #{l}"))
                    .unwrap_or_default(),
                show(&h.body)
            )),
            NodeKind::List(l) => {
                out.push_str(if l.kind == wita_doc::ListKind::Bullet {
                    "<ul>"
                } else {
                    "<ol>"
                });
                for item in &l.items {
                    out.push_str("<li");
                    if let Some(label) = &item.label {
                        out.push_str(&format!(" [{}]", show(label)));
                    }
                    out.push('>');
                    out.push_str(&show(&item.body));
                }
                out.push_str("</list>");
            }
            NodeKind::CodeBlock(c) => {
                out.push_str(&format!("<code {:?}>{}</code>", c.language, c.text))
            }
            NodeKind::InlineCode(c) => out.push_str(&format!("<tt>{c}</tt>")),
            NodeKind::Link { url, body } => out.push_str(&format!("<a {url}>{}</a>", show(body))),
            NodeKind::Url(u) => out.push_str(&format!("<url {u}>")),
            NodeKind::Cite(c) => {
                let keys: Vec<&str> = c.keys.iter().map(|k| k.value.as_str()).collect();
                out.push_str(&format!("<cite {:?} {}>", c.mode, keys.join(",")));
            }
            NodeKind::Footnote(c) => out.push_str(&format!("<fn>{}</fn>", show(c))),
            NodeKind::FootnoteMark => out.push_str("<fnmark>"),
            NodeKind::FootnoteText(c) => out.push_str(&format!("<fntext>{}</fntext>", show(c))),
            NodeKind::Bibliography => out.push_str("<bib>"),
            NodeKind::BibItems(items) => {
                out.push_str("<bibitems");
                for item in items {
                    out.push_str(&format!(" {}={}", item.key, show(&item.body)));
                }
                out.push('>');
            }
            NodeKind::TitleBlock => out.push_str("<title-block>"),
            NodeKind::LicenceBox(c) => out.push_str(&format!("<licence {}>", show(c))),
            NodeKind::VSpace(_) => out.push_str("<vspace>"),
            NodeKind::HSpace(_) => out.push_str("<hspace>"),
            NodeKind::HFill => out.push_str("<hfill>"),
            NodeKind::NoIndent => out.push_str("<noindent>"),
            NodeKind::Parbox { body, .. } => {
                out.push_str(&format!("<parbox>{}</parbox>", show(body)))
            }
            NodeKind::Scaled(_, body) => out.push_str(&format!("<scaled>{}</scaled>", show(body))),
            NodeKind::Subequations { body, .. } => {
                out.push_str(&format!("<subequations>{}</subequations>", show(body)))
            }
            NodeKind::Pagebreak => out.push_str("<pagebreak>"),
            NodeKind::Appendix(_) => out.push_str("<appendix>"),
            NodeKind::Image(i) => out.push_str(&format!("<img {}>", i.path)),
            NodeKind::Math(m) => {
                let env = match m.env {
                    wita_doc::MathEnv::Inline => "",
                    wita_doc::MathEnv::Display => " display",
                    wita_doc::MathEnv::Align => " align",
                    wita_doc::MathEnv::Gather => " gather",
                    wita_doc::MathEnv::Multline => " multline",
                };
                let num = if m.numbered { " numbered" } else { "" };
                let label = m
                    .label
                    .as_ref()
                    .map(|l| format!(" #{l}"))
                    .unwrap_or_default();
                out.push_str(&format!("<math{env}{num}{label}>{}</math>", m.tex))
            }
            NodeKind::Anchor(l) => out.push_str(&format!("<anchor {l}>")),
            NodeKind::Algorithmic(a) => {
                out.push_str(&format!("<algorithmic {}>", a.number_every));
                for line in &a.lines {
                    out.push_str(&format!(
                        "<line {}{}>{}",
                        line.indent,
                        if line.numbered { "" } else { "*" },
                        show(&line.body)
                    ));
                    if let Some(c) = &line.comment {
                        out.push_str(&format!("<comment>{}</comment>", show(c)));
                    }
                }
                out.push_str("</algorithmic>");
            }
            NodeKind::Placeholder(p) => out.push_str(&format!("<placeholder {}>", p.what)),
            NodeKind::RuleBox { width, height, .. } => {
                out.push_str(&format!("<rule {width:?} {height:?}>"))
            }
            NodeKind::Phantom(c) => out.push_str(&format!("<phantom>{}</phantom>", show(c))),
            NodeKind::Ref(r) => out.push_str(&format!("<ref {:?} {}>", r.kind, r.label)),
            NodeKind::LastNumber(kind) => out.push_str(&format!("<the {kind:?}>")),
            NodeKind::RefList { refs, .. } => {
                let labels: Vec<&str> = refs.iter().map(|r| r.label.as_str()).collect();
                out.push_str(&format!("<refs {}>", labels.join(",")));
            }
            NodeKind::Quote(c) => out.push_str(&format!("<quote>{}</quote>", show(c))),
            NodeKind::Boxed(b) => out.push_str(&format!(
                "<box {}>{}|{}</box>",
                b.title.as_ref().map(show).unwrap_or_default(),
                show(&b.upper),
                b.lower.as_ref().map(show).unwrap_or_default()
            )),
            NodeKind::Align(a, c) => out.push_str(&format!("<align {a:?}>{}</align>", show(c))),
            NodeKind::Table(t) => {
                out.push_str(&format!(
                    "<table {}{}>",
                    t.columns.len(),
                    if t.width.is_some() { " wide" } else { "" }
                ));
                for row in &t.rows {
                    match row {
                        wita_doc::TableRow::Rule(r) => out.push_str(&format!("<{r:?}>")),
                        wita_doc::TableRow::Cells(cells) => {
                            let cells: Vec<String> = cells
                                .iter()
                                .map(|c| {
                                    let span = if c.colspan > 1 || c.rowspan > 1 {
                                        format!("{}x{}:", c.colspan, c.rowspan)
                                    } else {
                                        String::new()
                                    };
                                    format!("{span}{}", show(&c.content))
                                })
                                .collect();
                            out.push_str(&format!("[{}]", cells.join("|")));
                        }
                    }
                }
                out.push_str("</table>");
            }
            NodeKind::Float(f) => {
                out.push_str(&format!("<float {:?}", f.kind));
                if let Some(l) = &f.label {
                    out.push_str(&format!(" #{l}"));
                }
                if let Some(c) = &f.caption {
                    out.push_str(&format!(" caption={}", show(c)));
                }
                out.push_str(&format!(">{}</float>", show(&f.body)));
            }
            NodeKind::Unknown { name, args } => {
                out.push_str(&format!("<?{name}"));
                for a in args {
                    out.push_str(&format!(" [{}]", show(a)));
                }
                out.push('>');
            }
        }
    }
    out
}

fn style(s: Style) -> String {
    match s {
        Style::Size(size) => format!("{size:?}").to_lowercase(),
        Style::Color(c) => format!("color(rgb({}, {}, {}))", c.0, c.1, c.2),
        Style::Background(c) => format!("background(rgb({}, {}, {}))", c.0, c.1, c.2),
        Style::Framed => "framed".into(),
        Style::Circled => "circled".into(),
        other => format!("{other:?}").to_lowercase(),
    }
}

fn body(src: &str) -> String {
    let (a, d) = read(src);
    assert!(!d.has_errors(), "unexpected errors for {src:?}: {d:#?}");
    show(&a.body)
}

fn messages(d: &Diagnostics) -> Vec<String> {
    d.iter()
        .map(|d| format!("{}: {}", d.severity, d.message))
        .collect()
}

#[test]
fn paragraphs_and_spaces() {
    assert_eq!(
        body("One  two\nthree.\n\n\nNext %comment\npara."),
        "One two three.<p>Next para."
    );
}

#[test]
fn special_characters_and_ligatures() {
    assert_eq!(
        body(r"\% \& \$ \# \_ \{ \} a~b ``q'' -- --- \ldots \textbackslash\ \textbraceleft"),
        "% & $ # _ { } a~b “q” – — …\\ {"
    );
}

#[test]
fn marks_typed_as_themselves_are_xecjks_and_take_the_space_after_them() {
    // `---` and `''` are TeX's ligatures, set in the text face; `—` and `’`
    // typed as themselves are xeCJK's, and the space after a closing one
    // goes into its glue.
    assert_eq!(
        body("a---b a—b ``c'' it’s “d” e…"),
        "a—b a<xecjkmark { space_after: false }>—</>b “c” it<xecjkmark { space_after: false }>’</>s \
         <xecjkmark { space_after: false }>“</>d<xecjkmark { space_after: true }>”</>e<xecjkmark { space_after: false }>…</>"
    );
}

#[test]
fn ascii_double_quotes_open_after_a_space_and_close_after_a_word() {
    assert_eq!(
        body("\"Hard to Solve\" \\textbf{\"x\"} \\emph{it}\". (\"y\")\n\n\"z\""),
        "“Hard to Solve” <bold>“x”</> <emph>it</>”. (“y”)<p>“z”"
    );
}

#[test]
fn typewriter_text_keeps_dashes_and_quotes_as_typed() {
    assert_eq!(
        body(r#"\texttt{wita --help "x" ``y''} a--b"#),
        "<mono>wita --help \"x\" ``y''</> a–b"
    );
    // A face chosen inside a group ends with it; another face inside the
    // typewriter one has the ligatures again.
    assert_eq!(
        body(r"{\ttfamily a--b \textrm{c--d}} e--f \begin{ttfamily}g--h\end{ttfamily}--"),
        "{<set mono>a--b <serif>c–d</>} e–f {<set mono>g--h}–"
    );
}

#[test]
fn text_styles_nest() {
    assert_eq!(
        body(r"\textbf{a \emph{b}} \texttt{c} \underline{d}"),
        "<bold>a <emph>b</></> <mono>c</> <underline>d</>"
    );
    assert_eq!(body(r"{\small\sffamily x} y"), "{<set small><set sans>x} y");
}

#[test]
fn sections_and_starred_forms() {
    assert_eq!(
        body("\\section{One}\ntext\\subsection*{Two}\\subsubsection{Three}"),
        "<h1>One</h>text<p><h2*>Two</h><h3>Three</h>"
    );
}

#[test]
fn abstract_environment_and_starred_section() {
    assert_eq!(
        body("\\begin{abstract}\nShort.\n\\end{abstract}"),
        "<h1*>Abstract</h>Short."
    );
    assert_eq!(
        body("\\section*{Abstract}\nShort."),
        "<h1*>Abstract</h>Short."
    );
}

#[test]
fn nested_lists_with_raggedright() {
    let src = "\\begin{itemize}\n\t\\raggedright\n\t\\item A\n\t\\begin{enumerate}\\item B\\item[x] C\\end{enumerate}\n\\item D\n\\end{itemize}";
    assert_eq!(
        body(src),
        "{<set raggedright><ul><li>A<p><ol><li>B<li [x]>C</list><li>D</list>}"
    );
}

#[test]
fn code_listings_keep_text_as_written() {
    let src =
        "\\begin{lstlisting}[language=TOML]\nid = \"x\" # $ _ \\cite{no}\n\\end{lstlisting}\n";
    assert_eq!(
        body(src),
        "<code Some(\"TOML\")>id = \"x\" # $ _ \\cite{no}\n</code>"
    );
    assert_eq!(
        body("\\begin{verbatim}\n  a\n\\end{verbatim}"),
        "<code None>  a\n</code>"
    );
}

#[test]
fn links_and_urls() {
    assert_eq!(
        body(r"\url{https://x.org/a%20b#c_d~e} \href{https://y.org/?q=1&r=2}{the \emph{site}}"),
        "<url https://x.org/a%20b#c_d~e> <a https://y.org/?q=1&r=2>the <emph>site</></a>"
    );
}

#[test]
fn links_that_would_run_code_keep_their_text_only() {
    let (a, d) = read(
        r"\href{ JavaScript:alert(1)}{press} \url{data:text/html,x} \href{https://ok.org}{ok}",
    );
    assert_eq!(
        show(&a.body),
        "press <tt>data:text/html,x</tt> <a https://ok.org>ok</a>"
    );
    assert_eq!(d.len(), 2, "{d:?}");
    assert!(
        d.iter().any(|w| w.message.contains("`javascript:`")),
        "{d:?}"
    );
}

#[test]
fn citations_with_several_keys_and_notes() {
    let (a, d) = read(r"See \cite{a, b,c} and \cite[p.~5]{d}\parencite[see][]{e}.");
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(
        show(&a.body),
        "See <cite Normal a,b,c> and <cite Normal d><cite Normal e>."
    );
    let cites: Vec<&wita_doc::Cite> = a
        .body
        .iter()
        .filter_map(|n| match &n.kind {
            NodeKind::Cite(c) => Some(c),
            _ => None,
        })
        .collect();
    assert_eq!(
        cites[1].postnote.as_ref().map(show).as_deref(),
        Some("p.~5")
    );
    assert_eq!(cites[2].prenote.as_ref().map(show).as_deref(), Some("see"));
    assert_eq!(cites[2].postnote, None);
    let cited: Vec<&str> = a.meta.cited.iter().map(|c| c.key.value.as_str()).collect();
    assert_eq!(cited, ["a", "b", "c", "d", "e"]);
}

#[test]
fn multicite_notes_in_parentheses() {
    let (a, d) = read(r"\cites(see)(and more)[30]{a}{b} then \cites(ibid.)[p.~2]{c}.");
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(
        show(&a.body),
        "see <cite Normal a>; <cite Normal b>, and more then <cite Normal c>, ibid.."
    );
    // Empty notes print nothing.
    assert_eq!(body(r"\cites()()[9]{a}"), "<cite Normal a>");
    // An unclosed `(` stops at the end of the group around the command: the
    // keys are missing (an error) and no text is lost.
    let (a, d) = read(r"{\cites(open {x}} after");
    assert!(!d.is_empty());
    let shown = show(&a.body);
    assert!(
        shown.contains("open") && shown.contains('x') && shown.ends_with("after"),
        "{shown}"
    );
}

#[test]
fn multibib_and_cite_package_commands_cite() {
    let (a, d) = read(
        "\\newcites{b,web,repo}{B,Websites,Repositories}\\citeweb{w_1} \\citen{a_b} \\nociterepo{r}\n\
         \\bibliographystyleweb{plain}\\bibliographyweb{refs}",
    );
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(
        show(&a.body),
        "<cite Normal w_1> <cite Normal a_b> <cite NoCite r><p><bib>"
    );
}

#[test]
fn footnotes_and_line_breaks() {
    assert_eq!(
        body(r"a\footnote{b \textbf{c}}\\ d\newline e"),
        "a<fn>b <bold>c</></fn><br>d<br>e"
    );
}

#[test]
fn macros_with_arguments_expand() {
    let src = r"\providecommand{\showcmd}[0]{}
\renewcommand{\showcmd}[1]{\strut{\textbackslash#1}}
\newcommand\pair[2][x]{(#1,#2)}
\texttt{\showcmd{setentryid}} \pair{b} \pair[a]{b}";
    assert_eq!(body(src), "<mono>{\\setentryid}</> (x,b) (a,b)");
}

#[test]
fn macro_parameters_reach_urls() {
    let src =
        "\\newcommand{\\entry}[2]{\\href{https://arxiv.org/abs/#1}{#1}: #2}\\entry{2507.1}{Title}";
    assert_eq!(
        body(src),
        "<a https://arxiv.org/abs/2507.1>2507.1</a>: Title"
    );
}

#[test]
fn families_of_commands_from_loops_and_csname() {
    let src = r"\makeatletter
\def\lst{A, B}
\newcommand{\MkBf}[1]{\expandafter\def\csname b#1\endcsname{\textbf{#1}}}
\@for\i:=\lst\do{\expandafter\MkBf \i}
\foreach \x in {1,...,3}{\expandafter\def\csname n\x\endcsname{[\x]}}
\makeatother
\bA\bB \csname n2\endcsname\csname n3\endcsname";
    assert_eq!(body(src), "<bold>A</><bold>B</>[2][3]");
    assert_eq!(
        super::registry::definitions::loop_items("a, ..., d, 2,4,...,8"),
        ["a", "b", "c", "d", "2", "4", "6", "8"]
    );
}

#[test]
fn a_heading_restyled_with_startsection_stays_a_heading() {
    let src = "\\makeatletter\\renewcommand\\subsection{\\@startsection{subsection}{2}{\\z@}%\n{-3.25ex\\@plus -1ex \\@minus -.2ex}{1.5ex}{\\normalfont\\bfseries}}\\makeatother\n\\subsection{Data}Text.";
    let (a, d) = read(src);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(show(&a.body), "<h2>Data</h>Text.");
}

#[test]
fn providecommand_leaves_what_exists() {
    let src = "\\providecommand{\\section}{}\\providecommand{\\mine}{M}\\section{Title}\\mine";
    let (a, d) = read(src);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(show(&a.body), "<h1>Title</h>M");
}

#[test]
fn def_and_let() {
    assert_eq!(
        body(r"\def\x#1{[#1]}\let\y\textbf \x{a}\y{b}"),
        "[a]<bold>b</>"
    );
}

#[test]
fn recursive_macros_stop_with_an_error() {
    let (_, d) = read(r"\newcommand{\a}{\a x}\a");
    assert!(
        messages(&d).iter().any(|m| m.contains("does not end")),
        "{d:?}"
    );
    let (_, d) = read(r"\def\b{\b\b}\b");
    assert!(d.has_errors());
}

#[test]
fn journal_macros_fill_the_metadata() {
    let src = "\\setentryid{002}\n\\setprimarytag{Editorial Information}\n\\stdarticle{The Title}{%\n\t\\authorrow{Ann}{(Uni)}\\\\%\n\t\\authorrow{Bob}{}%\n}{2025-07-14}\n\\articlecopyrightinfo{CC BY-ND 4.0}\nBody.";
    let (a, d) = read(src);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(a.meta.entry_id.as_ref().unwrap().value, "002");
    assert_eq!(
        show(a.meta.primary_tag.as_ref().unwrap()),
        "Editorial Information"
    );
    assert_eq!(show(a.meta.title.as_ref().unwrap()), "The Title");
    let authors: Vec<(String, String)> = a
        .meta
        .authors
        .iter()
        .map(|r| (show(&r.name), show(&r.institution)))
        .collect();
    assert_eq!(
        authors,
        vec![
            ("Ann".into(), "(Uni)".into()),
            ("Bob".into(), String::new())
        ]
    );
    assert_eq!(a.meta.date.as_ref().unwrap().value, "2025-07-14");
    assert_eq!(a.meta.licence.as_ref().unwrap().value, "CC BY-ND 4.0");
    assert_eq!(show(&a.body), "<title-block><p><licence CC BY-ND 4.0>Body.");
}

#[test]
fn plain_author_argument_is_one_author() {
    let (a, _) = read(r"\stdarticle{T}{Jane Doe}{2025-01-01}");
    assert_eq!(a.meta.authors.len(), 1);
    assert_eq!(show(&a.meta.authors[0].name), "Jane Doe");
}

#[test]
fn entry_and_issue_paths_expand() {
    let (_, d, _) = read_with(
        r"\input{\entrypath/list.tex}",
        vec![("issue/2025/202508.tex.d/entry/x/list.tex", "Listed.")],
    );
    assert!(d.is_empty(), "{d:?}");
    let (a, _, _) = read_with(
        r"A \input{\entrypath/list} B",
        vec![("issue/2025/202508.tex.d/entry/x/list.tex", "listed")],
    );
    assert_eq!(show(&a.body), "A listed B");
    assert_eq!(body(r"\issuepath"), "issue/2025/202508.tex.d");
}

#[test]
fn input_errors_point_at_the_command() {
    let (_, d, sources) = read_with("text\n\\input{missing}", vec![]);
    let err = d.iter().find(|d| d.is_error()).expect("an error");
    assert_eq!(sources.location(err.span.unwrap()), "main.tex:2:1");
}

#[test]
fn input_of_itself_stops() {
    let (_, d, _) = read_with(r"\input{loop}", vec![("loop", r"x\input{loop}")]);
    assert!(
        messages(&d).iter().any(|m| m.contains("nests deeper")),
        "{d:?}"
    );
}

#[test]
fn unknown_commands_warn_and_keep_their_text() {
    let (a, d) = read(r"Run \CJKfoo{./make.sh} now \weird[opt]{x}[k=v]{y}.");
    assert_eq!(
        show(&a.body),
        "Run <?CJKfoo [./make.sh]> now <?weird [opt] [x] [y]>."
    );
    let m = messages(&d);
    assert_eq!(m.len(), 2, "{m:?}");
    assert!(m[0].starts_with("warning: unknown command `\\CJKfoo`"));
}

#[test]
fn unknown_environments_keep_their_content() {
    let (a, d) = read("\\begin{widget}{arg}\nInside.\n\\end{widget}");
    assert_eq!(show(&a.body), "<?begin{widget} [arg] [Inside. ]>");
    assert_eq!(d.warning_count(), 1);
}

#[test]
fn preamble_commands_are_accepted_silently() {
    let src = "\\documentclass[11pt]{article}\n\\usepackage[utf8]{inputenc}\\usepackage{x}\n\\title{T}\\author{A}\\date{\\today}\n\\begin{document}\n\\maketitle\nHello.\n\\end{document}\nignored after";
    let (a, d) = read(src);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(show(&a.body), "Hello.");
}

#[test]
fn unbalanced_braces_are_errors_at_the_brace() {
    let (_, d, sources) = read_with("a\n{b \\textbf{c}", vec![]);
    let errors: Vec<String> = d
        .iter()
        .filter(|d| d.is_error())
        .map(|e| sources.location(e.span.unwrap()))
        .collect();
    assert_eq!(errors, vec!["main.tex:2:1"]);
    let (_, d, sources) = read_with("a}b", vec![]);
    let err = d.iter().find(|d| d.is_error()).unwrap();
    assert_eq!(err.message, "unmatched `}`");
    assert_eq!(sources.location(err.span.unwrap()), "main.tex:1:2");
}

#[test]
fn unclosed_environments_are_errors_at_the_begin() {
    let (_, d, sources) = read_with("x\n\\begin{itemize}\\item a", vec![]);
    let err = d.iter().find(|d| d.is_error()).expect("error");
    assert!(err.message.contains("`itemize` is not closed"), "{err:?}");
    assert_eq!(sources.location(err.span.unwrap()), "main.tex:2:1");
    let (_, d) = read("\\begin{quote}a\\end{center}");
    assert!(d.has_errors());
    let (_, d) = read("\\begin{lstlisting}\ncode");
    assert!(
        messages(&d)
            .iter()
            .any(|m| m.contains("`lstlisting` is not closed")),
        "{d:?}"
    );
}

#[test]
fn mismatched_end_inside_a_group_is_reported_once() {
    let (_, d) = read("{\\begin{quote} x }");
    assert_eq!(d.error_count(), 1, "{d:?}");
}

#[test]
fn cjk_text_passes_through() {
    assert_eq!(
        body("中文句子。Mixed 漢字 text."),
        "中文句子。Mixed 漢字 text."
    );
}

#[test]
fn accents_and_symbols() {
    assert_eq!(
        body(r#"\'e \"{o} \c{c} \v s \ss{} \o\ \aa"#),
        "é ö ç š ß{} ø å"
    );
}

#[test]
fn vertical_skips_and_parbox() {
    let src = r"\noindent\parbox{\linewidth}{{\small a}\\b}\par\vskip 7pt\medskip x";
    assert_eq!(
        body(src),
        "<noindent><parbox>{<set small>a}<br>b</parbox><p><vspace><vspace>x"
    );
}

#[test]
fn register_assignments_are_silent() {
    assert_eq!(body(r"\tabcolsep=2.5pt x \parindent 0pt y"), "x y");
}

#[test]
fn math_is_kept_as_latex() {
    assert_eq!(
        body(r"$a^2$ and \[x_1\] \begin{equation}\begin{cases}a\end{cases}\end{equation}"),
        "<math>a^2</math> and <math display>x_1</math><p><math display numbered>\\begin{cases}a\\end{cases}</math>"
    );
}

#[test]
fn includegraphics_resolves_through_the_resolver() {
    let (a, d) = read(r"\includegraphics[width=.5\linewidth]{fig/a.png}");
    assert!(d.is_empty());
    assert_eq!(show(&a.body), "<img entry/x/fig/a.png>");
    let (_, d, sources) = read_with("\n  \\includegraphics{/etc/passwd}", vec![]);
    let err = d.iter().find(|d| d.is_error()).expect("refused");
    assert_eq!(sources.location(err.span.unwrap()), "main.tex:2:3");
}

#[test]
fn spans_point_into_the_right_input_file() {
    let (a, d, sources) = read_with("a\n\\input{part}", vec![("part", "\n\\oddity here")]);
    let w = d.iter().next().expect("warning for unknown command");
    assert_eq!(sources.location(w.span.unwrap()), "part:2:1");
    let _ = a;
}

#[test]
fn tables_with_booktabs_and_wrapped_cells() {
    let src = "\\begin{table}[htbp]\n\t\\centering\n\t\\caption{Key \\emph{events}}\n\t\\begin{tabularx}\\linewidth{lX}\n\t\t\\toprule\n\t\t\\textbf{Date} & \\textbf{Event} \\\\\n\t\t\\midrule\n\t\tMarch 2025 & One\n\t\tline two \\\\\n\t\tMay & US\\$75 \\cite{k} \\\\\n\t\t\\bottomrule\n\t\\end{tabularx}\n\\end{table}\nAfter.";
    let (a, d) = read(src);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(
        show(&a.body),
        "<float Table caption=Key <emph>events</>><set centering><table 2 wide><Heavy>[<bold>Date</>|<bold>Event</>]<Mid>[March 2025|One line two][May|US$75 <cite Normal k>]<Heavy></table></float>After."
    );
}

#[test]
fn tabu_multicolumn_cline_and_empty_cells() {
    let src = "\\begin{tabu}{X[1.7]XX}\\hline\n\\multicolumn{2}{c}{Wide} & x\\\\ \\cline{1-2}\n & & \\\\\n\\multirow{2}{*}{Tall} & a & b \\\\\n\\end{tabu}";
    let (a, d) = read(src);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(
        show(&a.body),
        "<table 3 wide><Thin>[2x1:Wide|x]<Partial { from: 1, to: 2, booktabs: false }>[||][1x2:Tall|a|b]</table>"
    );
}

#[test]
fn multirow_and_cellcolor_after_other_material_change_their_cell() {
    // multirow's box may follow other material in its cell, as colortbl's
    // `\cellcolor` may; both still change the cell they are in.
    let src = "\\begin{tabular}{ll}\\ifpdf\\vspace{-1cm}\\fi\\multirow{2}{2cm}{Tall} & a\\\\ & b \\cellcolor{red}\\\\\\end{tabular}";
    let (a, d) = read(src);
    assert!(d.is_empty(), "{d:?}");
    let NodeKind::Table(t) = &a.body[0].kind else {
        panic!("{:?}", a.body)
    };
    let TableRow::Cells(first) = &t.rows[0] else {
        panic!("{:?}", t.rows)
    };
    assert_eq!(first[0].rowspan, 2);
    assert_eq!(show(&first[0].content), "Tall");
    let TableRow::Cells(second) = &t.rows[1] else {
        panic!("{:?}", t.rows)
    };
    assert!(second[1].fill.is_some(), "{second:?}");
    assert_eq!(show(&second[1].content), "b");
}

#[test]
fn autoref_speaks_polyglossias_main_language() {
    for main in [
        "\\setmainlanguage[variant=canadian]{french}",
        "\\setdefaultlanguage{french}",
    ] {
        let src = format!(
            "\\documentclass{{article}}\\usepackage{{polyglossia}}{main}\\begin{{document}}\n\\begin{{table}}\\caption{{T}}\\label{{t}}\\end{{table}}\\autoref{{t}}\n\\end{{document}}"
        );
        let (a, d) = read(&src);
        assert!(d.is_empty(), "{d:?}");
        let shown = show(&a.body);
        assert!(shown.contains("tableau"), "{shown}");
    }
}

#[test]
fn plain_tabular_and_longtable() {
    assert_eq!(
        body("\\begin{tabular}{|l|r|}a & 1\\\\ b & 2\\end{tabular}"),
        "<table 2>[a|1][b|2]</table>"
    );
    let (a, _) = read("\\begin{longtable}{ll}\\caption{Long}\\\\ x & y\\\\\\end{longtable}");
    match &a.body[0].kind {
        NodeKind::Table(t) => assert!(t.long),
        other => panic!("{other:?}"),
    }
}

#[test]
fn longtables_head_comes_first_and_its_foot_last() {
    let table = |src: &str| {
        let (a, d) = read(src);
        assert!(d.is_empty(), "{d:?}");
        let head = match &a.body[0].kind {
            NodeKind::Table(t) => t.head,
            other => panic!("{other:?}"),
        };
        (show(&a.body), head)
    };
    // \endhead: the rows above it (with their rules) are the head.
    assert_eq!(
        table(
            "\\begin{longtable}{ll}\\toprule H & I\\\\ \\midrule\\endhead a & 1\\\\ b & 2\\\\\\end{longtable}"
        ),
        ("<table 2><Heavy>[H|I]<Mid>[a|1][b|2]</table>".to_owned(), 3)
    );
    // A first head is the one typst repeats; the continuation head goes, and
    // the feet go to the end (the last foot over the foot).
    assert_eq!(
        table(
            "\\begin{longtable}{ll}F & G\\\\\\endfirsthead C & D\\\\\\endhead              X & Y\\\\\\endfoot L & M\\\\\\endlastfoot a & 1\\\\\\end{longtable}"
        ),
        ("<table 2>[F|G][a|1][L|M]</table>".to_owned(), 1)
    );
    // Without marks, no head.
    assert_eq!(table("\\begin{longtable}{l}a\\\\\\end{longtable}").1, 0);
}

#[test]
fn newcolumntype_letters_are_columns() {
    let (a, d) = read(
        "\\newcolumntype{V}{>{\\ttfamily}l}\\newcolumntype{P}[1]{>{\\centering}p{#1}}\n\
         \\begin{tabular}{@{}VlP{2cm}@{}}\\multicolumn{1}{@{}V}{a} & b & c\\\\\\end{tabular}",
    );
    assert!(d.is_empty(), "{d:?}");
    match &a.body[0].kind {
        NodeKind::Table(t) => {
            assert_eq!(t.columns.len(), 3, "{:?}", t.columns);
            assert!(matches!(
                t.columns[2].kind,
                wita_doc::ColumnKind::Paragraph(_, Some(wita_doc::Alignment::Center))
            ));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn aastex_deluxetable_is_a_table_float() {
    let src = "\\begin{floattable}\\begin{deluxetable}{lc}\n\\tablewidth{0pt}\n\
               \\tablecaption{Runs\\label{tab:runs}}\n\
               \\tablehead{\\colhead{Name} & \\colhead{Time\\tablenotemark{a}}}\n\
               \\startdata\nfast & 1 \\\\\nslow & 9\n\\enddata\n\
               \\tablenotetext{a}{In seconds.}\n\\end{deluxetable}\\end{floattable}";
    let (a, d) = read(src);
    assert!(d.is_empty(), "{d:?}");
    let shown = show(&a.body);
    assert!(
        shown.contains("<float Table #tab:runs caption=Runs><table 2><Thin>"),
        "{shown}"
    );
    assert!(
        shown.contains("[{Name}|{Time<superscript>a</>}]<Thin>[fast|1][slow|9]</table>"),
        "{shown}"
    );
    assert!(shown.contains("<superscript>a</>{In seconds.}"), "{shown}");
}

/// Found by fuzzing: a tabular left open inside a float, its last row ended
/// by the float's `\end`, looped for ever making empty cells.
#[test]
fn a_table_cut_short_by_an_outer_end_stops() {
    for src in [
        "\\begin{table}\\begin{tabular}{lc} 1 & 2 \\end{table} after",
        "\\begin{deluxetable}{lc}\\startdata 1 & 2 \\end{deluxetable} after",
    ] {
        let (a, d) = read(src);
        assert!(d.iter().any(|d| d.is_error()), "{d:?}");
        assert!(show(&a.body).contains("after"), "{}", show(&a.body));
    }
}

/// Found by fuzzing: a macro that opens an environment inside itself
/// recursed until the stack overflowed.
#[test]
fn self_nesting_macros_stop_with_an_error() {
    let (_, d) = read("\\renewcommand{\\cmd}[]{{}\\begin{}\\cmd{}}\\cmd after");
    assert!(d.iter().any(|d| d.is_error()), "{d:?}");
    // A table head that starts the data again.
    let (a, _) = read(
        "\\begin{deluxetable}{l}\\tablehead{h\\startdata}\\startdata x\\enddata\\end{deluxetable} after",
    );
    assert!(show(&a.body).contains("after"), "{}", show(&a.body));
    // Itself in its end code (read as an argument, with an input of its own).
    let (a, d) = read("\\newenvironment{e}{}{\\begin{e}x\\end{e}}\\begin{e}\\end{e} after");
    assert!(d.iter().any(|d| d.is_error()), "{d:?}");
    assert!(show(&a.body).contains("after"), "{}", show(&a.body));
    // Twice itself: exponential within the nesting limit.
    let (a, d) = read("\\newenvironment{s}{\\begin{s}\\begin{s}x}{}\\begin{s}\\end{s} after");
    assert!(d.iter().any(|d| d.is_error()), "{d:?}");
    assert!(show(&a.body).contains("after"), "{}", show(&a.body));
    let deep = "{".repeat(40) + "deep" + &"}".repeat(40);
    let (a, d) = read(&deep);
    assert!(d.iter().any(|d| d.message.contains("nest deeper")), "{d:?}");
    assert!(show(&a.body).contains("deep"), "{}", show(&a.body));
}

#[test]
fn unclosed_tables_are_errors() {
    let (_, d, sources) = read_with("x\n\\begin{tabular}{ll}\na & b", vec![]);
    let e = d.iter().find(|d| d.is_error()).expect("error");
    assert!(e.message.contains("not closed"), "{e:?}");
    assert_eq!(sources.location(e.span.unwrap()), "main.tex:2:1");
}

#[test]
fn figures_take_their_caption_below() {
    let (a, d) = read(
        "\\begin{figure}\\includegraphics{a.png}\\caption{A picture}\\label{fig:a}\\end{figure}",
    );
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(
        show(&a.body),
        "<float Figure #fig:a caption=A picture><img entry/x/a.png></float>"
    );
}

#[test]
fn labels_name_headings_floats_and_equations() {
    let src = "\\section{Intro}\\label{sec:intro}\nSee \\ref{sec:intro}, \\eqref{eq:e}, \\Cref{tab:t} and p.~\\pageref{here}.\\label{here}\n\\begin{equation}\\label{eq:e} a = b \\nonumber\\end{equation}\n\\begin{align*} x &= 1 \\\\ y &= 2 \\end{align*}\n\\begin{table}\\caption{T}\\label{tab:t}\\begin{tabular}{l}a\\end{tabular}\\end{table}";
    let (a, d) = read(src);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(
        show(&a.body),
        "<h1 #sec:intro>Intro</h>See <ref Number sec:intro>, <ref Equation eq:e>, {Table~<ref Number tab:t>} and p.~<ref Page here>.<anchor here><p><math display #eq:e>a = b</math><p><math align>x &= 1 \\\\ y &= 2</math><p><float Table #tab:t caption=T><table 1>[a]</table></float>"
    );
}

#[test]
fn a_label_in_a_section_title_names_the_section() {
    let (a, d) = read("\\section{Products \\label{sec:p}}\nSee \\ref{sec:p}.");
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(
        show(&a.body),
        "<h1 #sec:p>Products</h>See <ref Number sec:p>."
    );
}

#[test]
fn a_label_in_a_caption_names_the_float() {
    let (a, d) =
        read("\\begin{figure}\\caption{\\label{fig:c} Computing.}\\end{figure}See \\ref{fig:c}.");
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(
        show(&a.body),
        "<float Figure #fig:c caption=Computing.></float>See <ref Number fig:c>."
    );
}

#[test]
fn references_to_missing_labels_print_question_marks() {
    let (a, d, sources) = read_with("A\n\\ref{nowhere}.", vec![]);
    assert_eq!(show(&a.body), "A ??.");
    let w = d.iter().next().expect("a warning");
    assert!(w.message.contains("no `\\label{nowhere}`"), "{w:?}");
    assert_eq!(sources.location(w.span.unwrap()), "main.tex:2:1");
}

/// The lists at the top of an article's body.
fn top_lists(body: &[wita_doc::Node]) -> Vec<&wita_doc::List> {
    body.iter()
        .filter_map(|n| match &n.kind {
            NodeKind::List(l) => Some(l),
            _ => None,
        })
        .collect()
}

#[test]
fn description_and_enumitem_lists() {
    let (a, d) = read(
        "\\begin{description}\\item[Term] text\\item[Other] more\\end{description}\\begin{enumerate}[label=(\\alph*), start=3]\\item x\\end{enumerate}\\begin{enumerate}[i.]\\item y\\end{enumerate}",
    );
    assert!(d.is_empty(), "{d:?}");
    let lists = top_lists(&a.body);
    assert_eq!(lists[0].kind, wita_doc::ListKind::Description);
    assert_eq!(show(lists[0].items[0].label.as_ref().unwrap()), "Term");
    let mark = wita_doc::List::counter;
    assert_eq!(
        show(lists[1].label.as_ref().unwrap()),
        format!("({})", mark('a'))
    );
    assert_eq!(lists[1].start, Some(3));
    // The enumerate package's short form: its reference is the counter.
    assert_eq!(
        show(lists[2].label.as_ref().unwrap()),
        format!("{}.", mark('i'))
    );
    assert_eq!(lists[2].reference, Some(mark('i')));
}

#[test]
fn list_labels_from_latex_own_commands() {
    // \theenumi redefined: the label is `\theenumi.`, the reference the
    // counter, and a nested item's the parent's first (`Ia`, as LaTeX's
    // \p@enumii has it); a level left alone keeps the template's label.
    let (a, d) = read(
        "\\renewcommand{\\theenumi}{\\Roman{enumi}}\\renewcommand{\\labelitemi}{--}\\begin{enumerate}\\item x\\label{x}\\begin{enumerate}\\item y\\label{y}\\end{enumerate}\\end{enumerate}\\begin{itemize}\\item z\\end{itemize}\\ref{x} \\ref{y}",
    );
    assert!(d.is_empty(), "{d:?}");
    let lists = top_lists(&a.body);
    let mark = wita_doc::List::counter;
    assert_eq!(
        show(lists[0].label.as_ref().unwrap()),
        format!("{}.", mark('I'))
    );
    assert_eq!(lists[0].reference, Some(mark('I')));
    let NodeKind::List(inner) = &lists[0].items[0]
        .body
        .iter()
        .find(|n| matches!(n.kind, NodeKind::List(_)))
        .unwrap()
        .kind
    else {
        unreachable!()
    };
    assert_eq!(inner.label, None);
    assert_eq!(show(lists[1].label.as_ref().unwrap()), "–");
    let text = show(&a.body);
    assert!(text.ends_with("{I} {Ia}"), "{text}");
}

#[test]
fn colours_scripts_and_footnote_marks() {
    let (a, d) = read(
        "\\definecolor{brand}{HTML}{112233}\\textcolor{brand}{a} \\colorbox{red!50}{b} x\\textsuperscript{2} H\\textsubscript{2}O\\footnotemark{} and\\footnotetext{The text.} end",
    );
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(
        show(&a.body),
        "<color(rgb(17, 34, 51))>a</> <background(rgb(255, 128, 128))>b</> x<superscript>2</> H<subscript>2</>O<fn>The text.</fn>{} and{} end"
    );
    let (_, d) = read("\\textcolor{nosuchcolour}{kept}");
    assert_eq!(d.warning_count(), 1);
}

#[test]
fn thebibliography_and_code_from_files() {
    let (a, d, _) = read_with(
        "\\cite{a}\\begin{thebibliography}{9}\\bibitem{a} First.\\bibitem[X]{b} Second.\\end{thebibliography}\\lstinputlisting[language=C]{code.c}",
        vec![("code.c", "int x;")],
    );
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(
        show(&a.body),
        "<cite Normal a><p><bibitems a=First. b=Second.><p><code Some(\"C\")>int x;</code>"
    );
    let bibitems: Vec<(&str, &str)> = a
        .meta
        .bibitems
        .iter()
        .map(|b| (b.key.as_str(), b.label.as_str()))
        .collect();
    assert_eq!(bibitems, [("a", "1"), ("b", "X")]);
    // `a` is the hand-written list's, not cite.bib's.
    assert_eq!(a.meta.bib_citations().count(), 0);
}

#[test]
fn subfigures_keep_their_width_and_caption() {
    let (a, d) = read(
        "\\begin{figure}\\begin{subfigure}{0.5\\linewidth}\\includegraphics{x.png}\\caption{Left}\\label{l}\\end{subfigure}\\subfloat[Right]{\\includegraphics{y.png}}\\caption{Both}\\end{figure}",
    );
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(
        show(&a.body),
        "<float Figure caption=Both><float Subfigure(Some(Width(0.5))) #l caption=Left><img entry/x/x.png></float><float Subfigure(None) caption=Right><img entry/x/y.png></float></float>"
    );
}

#[test]
fn a_table_cut_short_by_its_group_ends() {
    // Found by fuzzing: this looped forever.
    let (_, d) = read("{\\begin{longtable}}");
    assert!(d.has_errors());
    let (_, d) = read("\\begin{tabular}{l}}");
    assert!(d.has_errors());
}

#[test]
fn ifstar_chooses_the_starred_or_plain_definition() {
    let src = "\\makeatletter\\newcommand\\mysec{\\@ifstar{\\section*}{\\section}}\\mysec*{One} \\mysec{Two}";
    let (a, d) = read(src);
    assert!(!d.has_errors(), "{:?}", messages(&d));
    let shown = show(&a.body);
    assert!(shown.contains("One") && shown.contains("Two"), "{shown}");
    let numbered: Vec<bool> = a
        .body
        .iter()
        .filter_map(|n| match &n.kind {
            NodeKind::Heading(h) => Some(h.numbered),
            _ => None,
        })
        .collect();
    assert_eq!(numbered, [false, true]);
    // The star follows `\@ifstar`'s two arguments: in math too (mathtools'
    // paired delimiters), where no heading reads it by chance.
    let shown =
        body(r"\DeclarePairedDelimiter\abs{\lvert}{\rvert}$\abs*{\frac{a}{b}} + \abs[\big]{y}$");
    assert!(!shown.contains('*'), "{shown}");
}

#[test]
fn detokenize_and_string_print_the_tokens() {
    let src = "\\newcommand*{\\code}[1]{\\detokenize\\expandafter{\\string#1}}\\code{\\cite{a1}}";
    let (a, d) = read(src);
    assert!(!d.has_errors(), "{:?}", messages(&d));
    assert!(a.meta.cited.is_empty());
    assert!(show(&a.body).contains("cite{a1}"), "{}", show(&a.body));
}

#[test]
fn macros_defined_inside_a_macro_use_doubled_parameters() {
    let src = "\\newcommand{\\outer}{\\def\\inner##1{[##1]}}\\outer\\inner{word}";
    assert!(body(src).contains("[word]"), "{}", body(src));
}

#[test]
fn definitions_inside_an_environment_end_with_it() {
    let src = "\\newenvironment{local}{\\def\\footnote##1{(##1)}}{}\
               \\begin{local}\\footnote{in}\\end{local} after\\footnote{real}";
    let (a, d) = read(src);
    assert!(!d.has_errors(), "{:?}", messages(&d));
    let shown = show(&a.body);
    assert!(shown.contains("(in)"), "{shown}");
    assert!(!shown.contains("(real)"), "{shown}");
}

#[test]
fn an_environment_that_wraps_a_table_closes_it() {
    let src = "\\newenvironment{options}{\\begin{longtable}{ll}Option & Description\\\\}{\\end{longtable}}\n\
               \\begin{options}\nfirst & one \\\\\nsecond & two \\\\\n\\end{options}\nafter";
    let (a, d) = read(src);
    assert!(!d.has_errors(), "{:?}", messages(&d));
    let shown = show(&a.body);
    for w in ["Option", "first", "two", "after"] {
        assert!(shown.contains(w), "{w}: {shown}");
    }
}

#[test]
fn filecontents_with_options_is_dropped() {
    let src = "\\begin{filecontents}[force]{\\jobname.bib}\n@misc{a, note = {x}}\n\\end{filecontents}\nText";
    let (a, d) = read(src);
    assert!(!d.has_errors(), "{:?}", messages(&d));
    let shown = show(&a.body);
    assert!(shown.contains("Text") && !shown.contains("misc"), "{shown}");
}

#[test]
fn biblatex_scopes_keep_their_text_and_drop_their_names() {
    let src = "\\begin{refcontext}[labelprefix=T]{rcone}Inside \\cite{k}.\\end{refcontext}\n\
               \\begin{refsection}Also\\end{refsection}";
    let (a, d) = read(src);
    assert!(d.is_empty(), "{:?}", messages(&d));
    let shown = show(&a.body);
    assert!(
        shown.contains("Inside") && shown.contains("Also"),
        "{shown}"
    );
    assert!(!shown.contains("rcone"), "{shown}");
}

#[test]
fn common_package_commands_print_their_text() {
    assert_eq!(
        body(
            r"\enquote{a \enquote*{b}} \hologo{XeTeX} \num{1234} \nth{2} \nth{11} \rotatebox{90}{up}"
        ),
        "“{a ‘{b}’}” {XeTeX} 1234 2nd 11th {up}"
    );
    let (a, d) = read("\\section{A}\\appendix\n\\section{B}\\begingroup x\\endgroup");
    assert!(d.is_empty(), "{d:?}");
    assert!(show(&a.body).contains("<appendix>"), "{}", show(&a.body));
}

#[test]
fn list_primitives_in_user_environments() {
    let (a, d) = read(
        "\\newenvironment{sample}{\\trivlist\\samepage}{\\endtrivlist}\n\
         \\begin{sample}\\item One \\item Two\\end{sample}",
    );
    assert!(d.is_empty(), "{d:?}");
    let shown = show(&a.body);
    assert!(shown.contains("<li>One<li>Two</list>"), "{shown}");
}

#[test]
fn list_primitives_elsewhere_are_dropped_quietly() {
    let (a, d) = read("{\\list{}{\\setlength{\\leftmargin}{0pt}}}Text{\\endlist}");
    assert!(!d.iter().any(|d| d.is_error()), "{d:?}");
    assert!(show(&a.body).contains("Text"), "{}", show(&a.body));
}

#[test]
fn self_referring_column_types_stop_growing() {
    let (a, _) = read("\\newcolumntype{V}{VVVVVVVVVV}\\begin{tabular}{V}x\\end{tabular}");
    match &a.body[0].kind {
        NodeKind::Table(t) => assert!(t.columns.len() <= 2000, "{}", t.columns.len()),
        other => panic!("{other:?}"),
    }
}

/// Every command and environment of the registry that other tests do not
/// use is in `tests/fixtures/every-command.tex`: none is unknown, and the
/// text they carry (the words starting with `zz`) reaches the article.
#[test]
fn every_command_fixture() {
    let src = include_str!("../tests/fixtures/every-command.tex");
    let (article, diags, _) = read_with(
        src,
        vec![
            ("part.tex", "zzpart\n\\endinput\nnever read"),
            ("sub/part.tex", "zzsubpart"),
            ("code.py", "zzcode = 1\n"),
        ],
    );
    let problems: Vec<&str> = diags
        .iter()
        .filter(|d| d.is_error() || d.message.contains("unknown"))
        .map(|d| d.message.as_str())
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
    let mut unknown = Vec::new();
    wita_doc::walk(&article.body, &mut |node| {
        if let NodeKind::Unknown { name, .. } = &node.kind {
            unknown.push(name.clone());
        }
    });
    assert!(unknown.is_empty(), "{unknown:?}");
    let text = wita_doc::plain_text(&article.body);
    let source: String = src
        .lines()
        .filter(|l| !l.starts_with('%'))
        .collect::<Vec<_>>()
        .join("\n");
    let mut words = 0;
    for (at, _) in source.match_indices("zz") {
        if source[..at].ends_with(|c: char| c.is_ascii_alphabetic() || c == '\\') {
            continue;
        }
        let word: String = source[at..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        assert!(text.contains(&word), "`{word}` is lost: {text}");
        words += 1;
    }
    assert!(words > 150, "only {words} words");
    for expected in ["zzpart", "zzsubpart", "zzcode = 1", "©", "Œ", "ñ", "ő"] {
        assert!(text.contains(expected), "no `{expected}` in {text}");
    }
    assert!(!text.contains("never read"), "{text}");
}

#[test]
fn rules_with_a_width_take_it_along() {
    let (a, d) = read("\\begin{tabular}{l}\\Xhline{2pt}a\\\\\\tabucline[1pt]{-}\\end{tabular}");
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(show(&a.body), "<table 1><Thin>[a]<Thin></table>");
}

#[test]
fn url_escapes_stand_for_their_characters() {
    let (a, d) = read("\\url{http://a.org/x\\%20y\\#z}");
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(show(&a.body), "<url http://a.org/x%20y#z>");
}

#[test]
fn citation_keys_have_their_own_spans() {
    let src = "\\cite{a_1, b ,c}";
    let (a, d) = read(src);
    assert!(d.is_empty(), "{d:?}");
    let NodeKind::Cite(cite) = &a.body[0].kind else {
        panic!("{}", show(&a.body));
    };
    let keys: Vec<(&str, &str)> = cite
        .keys
        .iter()
        .map(|k| (k.value.as_str(), &src[k.span.range()]))
        .collect();
    assert_eq!(keys, [("a_1", "a_1"), ("b", "b"), ("c", "c")]);
}

#[test]
fn references_are_recorded_once_the_body_is_complete() {
    let src = "\\documentclass{article}\\cite{pre}\n\\begin{document}\n\\cite{a}\\nocite{*}\n\\footnote{\\cite{b}}\\printbibliography\\printbibliography\n\\end{document}";
    let (a, _) = read(src);
    let cited: Vec<(&str, bool)> = a
        .meta
        .cited
        .iter()
        .map(|c| (c.key.value.as_str(), c.nocite))
        .collect();
    // What the preamble cited was dropped with it.
    assert_eq!(cited, [("a", false), ("*", true), ("b", false)]);
    let bib: Vec<wita_doc::BibCitation> = a.meta.bib_citations().collect();
    assert_eq!(bib.len(), 3);
    assert_eq!(bib[1], wita_doc::BibCitation::All);
    assert_eq!(a.meta.bibliographies.len(), 2);
}

/// Text right after a display (a list, code, a quote) goes on in the same
/// paragraph, unindented, as in LaTeX; a blank line after it is a break.
#[test]
fn text_right_after_a_display_goes_on() {
    assert_eq!(
        body("A\n\\begin{itemize}\\item x\\end{itemize}\nB"),
        "A<p><ul><li>x</list>B"
    );
    assert_eq!(
        body("A\n\\begin{itemize}\\item x\\end{itemize}\n\nB"),
        "A<p><ul><li>x</list><p>B"
    );
    assert_eq!(
        body("A\n\\begin{verbatim}\nv\n\\end{verbatim}\nB"),
        "A<p><code None>v\n</code>B"
    );
}

/// A list that starts a paragraph (after a blank line or a heading) is one
/// LaTeX begins in vertical mode; one right after text is not.
#[test]
fn lists_know_whether_they_start_a_paragraph() {
    let vertical = |src: &str| {
        let (a, d) = read(src);
        assert!(!d.has_errors(), "{d:#?}");
        a.body
            .iter()
            .find_map(|n| match &n.kind {
                NodeKind::List(l) => Some(l.vertical),
                _ => None,
            })
            .expect("a list")
    };
    assert!(vertical("Text.\n\n\\begin{itemize}\\item x\\end{itemize}"));
    assert!(vertical(
        "\\section{S}\n\\begin{enumerate}\\item x\\end{enumerate}"
    ));
    assert!(!vertical("Text.\n\\begin{itemize}\\item x\\end{itemize}"));
}

/// A float keeps where LaTeX may put it.
#[test]
fn floats_keep_their_placement() {
    let placement = |src: &str| {
        let (a, _) = read(src);
        a.body
            .iter()
            .find_map(|n| match &n.kind {
                NodeKind::Float(f) => Some(f.placement.clone()),
                _ => None,
            })
            .expect("a float")
    };
    assert_eq!(
        placement("\\begin{table}[htbp]x\\end{table}"),
        Some("htbp".into())
    );
    assert_eq!(
        placement("\\begin{figure}[!H]x\\end{figure}"),
        Some("!H".into())
    );
    assert_eq!(placement("\\begin{figure}x\\end{figure}"), None);
}

// ---- Round two: theorems, hyperref, siunitx, math, preambles, hostile input

#[test]
fn theorems_are_numbered_per_counter_and_section() {
    let src = "\\newtheorem{lem}{Lemma}[section]\n\\newtheorem{thm}[lem]{Theorem}\n\
               \\theoremstyle{definition}\\newtheorem{defn}{Definition}\\newtheorem*{note}{Note}\n\
               \\section{A}\\begin{lem}One.\\end{lem}\\begin{thm}[Big]\\label{t}Two.\\end{thm}\n\
               \\section{B}\\begin{lem}Three.\\end{lem}\\begin{defn}Four.\\end{defn}\\begin{note}Five.\\end{note}\n\
               See \\ref{t} and \\autoref{t}.";
    let (a, d) = read(src);
    assert!(d.is_empty(), "{:?}", messages(&d));
    let shown = show(&a.body);
    for expected in [
        "<bold>Lemma 1.1</>",
        "<bold>Theorem 1.2</> {(Big)}<bold>.</> {<set italic>",
        "<bold>Lemma 2.1</>",
        // `definition` style: upright body.
        "<bold>Definition 1</><bold>.</> Four.",
        "<bold>Note</><bold>.</> Five.",
        "See 1.2 and Theorem 1.2.",
    ] {
        assert!(shown.contains(expected), "{expected} in {shown}");
    }
}

#[test]
fn proofs_end_with_a_mark_once() {
    let shown =
        body("\\begin{proof}Easy.\\end{proof}\\begin{proof}[Sketch]Hard.\\qedhere\\end{proof}");
    assert_eq!(shown.matches('∎').count(), 2, "{shown}");
    assert!(shown.contains("<italic>Proof.</> Easy.<hfill>∎"), "{shown}");
    assert!(
        shown.ends_with("<italic>Sketch.</> Hard.<hfill>∎"),
        "{shown}"
    );
}

#[test]
fn tags_row_labels_and_blank_lines_in_math() {
    let (a, d) = read(
        "\\begin{equation}\\tag{A$'$}\\label{a}x\\end{equation}\
         \\begin{align}x&=1\\label{r1}\\\\y&=2\\label{r2}\\end{align}\
         \\begin{equation}\\begin{array}{c}a\n\n\\end{array}\\end{equation}After.",
    );
    assert!(!d.has_errors(), "{:?}", messages(&d));
    let maths: Vec<&wita_doc::Math> = a
        .body
        .iter()
        .filter_map(|n| match &n.kind {
            NodeKind::Math(m) => Some(m),
            _ => None,
        })
        .collect();
    assert_eq!(maths.len(), 3);
    assert!(maths[0].tag.is_some() && !maths[0].tex.contains("tag"));
    assert_eq!(maths[1].label.as_deref(), Some("r1"));
    assert_eq!(maths[1].row_labels, ["r2"]);
    assert!(maths[2].tex.contains("\\end{array}"), "{}", maths[2].tex);
    assert!(show(&a.body).ends_with("After."));
}

#[test]
fn a_label_on_an_unnumbered_row_names_the_next_numbered_one() {
    let (a, _) = read(
        "\\begin{eqnarray}\\label{first}y &=& 1 \\nonumber\\\\ &=& 2\\\\ &=& 3\\\\ \
         &=& 4\\label{last}\\nonumber\\end{eqnarray}",
    );
    let NodeKind::Math(m) = &a
        .body
        .iter()
        .find(|n| matches!(n.kind, NodeKind::Math(_)))
        .unwrap()
        .kind
    else {
        unreachable!()
    };
    let rows: Vec<(bool, Option<&str>)> = m
        .rows
        .iter()
        .map(|r| (r.numbered, r.label.as_deref()))
        .collect();
    // `last` has no numbered row after it: it names the one before.
    assert_eq!(
        rows,
        [
            (false, None),
            (true, Some("first")),
            (true, Some("last")),
            (false, None)
        ]
    );
}

#[test]
fn hyperref_links_targets_and_pdf_strings() {
    let shown = body(
        "\\hypertarget{t_1}{Here} \\hyperlink{t_1}{there} \\hyperref[sec]{that} \
         \\texorpdfstring{$x$}{x} \\url{http://a.b/c#d%20~e} $\\hyperlink{t_1}{y}$",
    );
    assert!(shown.starts_with("<anchor hypertarget:t_1>Here"), "{shown}");
    assert!(shown.contains("<a #hypertarget:t_1>there</a>"), "{shown}");
    assert!(shown.contains("<a #sec>that</a>"), "{shown}");
    assert!(shown.contains("<math>x</math>"), "{shown}");
    assert!(shown.contains("http://a.b/c#d%20~e"), "{shown}");
    assert!(shown.contains("<math>{y}</math>"), "{shown}");
}

#[test]
fn siunitx_prints_numbers_and_units() {
    assert_eq!(
        body(
            "\\SI{10}{\\milli\\second} \\si{\\kilo\\metre\\per\\second\\squared} \\num{12345.6e-3}"
        ),
        "10\u{202F}ms km\u{202F}s<superscript>−2</> 12\u{202F}345.6 × 10<superscript>−3</>"
    );
    assert_eq!(
        body("\\qtyrange{1}{2}{\\metre} \\ang{1;2;3} \\qty{5}{\\percent} \\numlist{1;2;3}"),
        "1\u{202F}m to 2\u{202F}m 1°2′3″ 5\u{202F}% 1, 2 and 3"
    );
    let (a, d) = read("$\\SI{3}{\\metre\\per\\second}$");
    assert!(d.is_empty(), "{:?}", messages(&d));
    let shown = show(&a.body);
    assert!(
        shown.contains("\\text{3}") && shown.contains("^{-1}"),
        "{shown}"
    );
    // A percent sign is no comment in the math handed on: the unit is a
    // text box of the math, read as text.
    let (a, _) = read("$\\SI{17.5}{\\percent}$");
    let texts: Vec<String> = a
        .body
        .iter()
        .filter_map(|n| match &n.kind {
            NodeKind::Math(m) => Some(m.texts.iter().map(|t| show(&t.content))),
            _ => None,
        })
        .flatten()
        .collect();
    assert_eq!(texts, ["{%}"], "{}", show(&a.body));
}

#[test]
fn a_begin_document_in_a_comment_or_listing_is_not_a_preamble() {
    let (_, d) = read(
        "% \\begin{document}\n\\foo Text.\n\\begin{verbatim}\n\\begin{document}\n\\end{verbatim}",
    );
    assert!(
        messages(&d).iter().any(|m| m.contains("\\foo")),
        "the article's warnings are kept: {:?}",
        messages(&d)
    );
}

#[test]
fn five_thousand_nested_braces_give_one_report_and_keep_the_text() {
    let src = format!("{}deep{} after", "{".repeat(5000), "}".repeat(5000));
    let (a, d) = read(&src);
    assert_eq!(d.len(), 1, "{:?}", messages(&d));
    assert!(d.iter().next().unwrap().message.contains("nest deeper"));
    let text = wita_doc::plain_text(&a.body);
    assert!(text.contains("deep") && text.ends_with("after"), "{text}");
}

#[test]
fn a_megabyte_of_open_braces_ends_with_few_reports() {
    let src = "{".repeat(1 << 20);
    let (_, d) = read(&src);
    assert!(d.len() <= 3, "{:?}", messages(&d));
    let src = "}".repeat(10_000);
    let (_, d) = read(&src);
    assert_eq!(d.len(), 20, "folded after 20");
    assert!(d.iter().last().unwrap().notes[0].contains("9980 more"));
}

#[test]
fn a_macro_that_never_ends_is_stopped_once() {
    for src in [
        "\\def\\a{\\a x}\\a",
        "\\newcommand{\\b}{{\\b}}\\b",
        "\\newenvironment{e}{\\begin{e}}{}\\begin{e}",
    ] {
        let (_, d) = read(src);
        assert!(d.has_errors(), "{src}");
        assert!(d.len() <= 3, "{src}: {:?}", messages(&d));
    }
}

#[test]
fn preamble_habits_are_not_fatal() {
    let src = "\\documentclass{article}\n\\makeatletter\\def\\my@cmd#1{#1}\\makeatother\n\
               \\titleformat{\\part}[display]{\\Large}{\\thepart}{1em}{}\n\
               \\newcommand{\\later}{\\defined}\n\\begin{document}Text.\\end{document}";
    let (a, d) = read(src);
    assert!(!d.has_errors(), "{:?}", messages(&d));
    assert!(show(&a.body).contains("Text."));
}

#[test]
fn siunitx_settings_declarations_and_lists() {
    let src = "\\sisetup{per-mode=symbol}\\DeclareSIUnit\\rpm{rpm}\\DeclareSIUnit[x=y]{\\kmh}{\\kilo\\metre\\per\\hour}\n\
               \\DeclareSIPrefix\\kilobin{Ki}{10}\\DeclareSIPower\\quartic\\tothefourth{4}\\DeclareSIQualifier\\polymer{pol}\n\
               \\unit{\\rpm} \\SI{90}{\\kmh} \\numrange{1}{2} \\SIrange{3}{4}{\\volt} \\numproduct{1x2} \
               \\SIlist{5;6}{\\gram} \\qtylist{7;8;9}{\\second} \\qtyproduct{1x2}{\\metre}";
    assert_eq!(
        body(src),
        "rpm 90\u{202F}km/h 1 to 2 3\u{202F}V to 4\u{202F}V 1 × 2 \
         5\u{202F}g and 6\u{202F}g 7\u{202F}s, 8\u{202F}s and 9\u{202F}s 1\u{202F}m × 2\u{202F}m"
    );
}

#[test]
fn amsthm_styles_and_marks_are_read() {
    let src = "\\newtheoremstyle{mine}{3pt}{3pt}{}{}{\\bfseries}{.}{.5em}{}\\swapnumbers\n\
               \\titlespacing*{\\section}{0pt}{1ex}{1ex}Done\\qedsymbol";
    assert_eq!(body(src), "Done<hfill>∎");
}

#[test]
fn thanks_in_the_author_block_are_footnotes() {
    let src = "\\documentclass{article}\\author{A. Author\\thanks{Funded by X.}}\\title{T\\thanks{Draft.}}\n\
               \\begin{document}\\maketitle Text.\\end{document}";
    let (a, d) = read(src);
    assert!(!d.has_errors(), "{:?}", messages(&d));
    let shown = show(&a.body);
    assert!(
        shown.starts_with("<fn>Funded by X.</fn><fn>Draft.</fn>"),
        "{shown}"
    );
    assert!(!shown.contains("A. Author"), "{shown}");
    // Without `\maketitle`, at the end.
    let (a, _) = read("\\author{B\\thanks{Y.}}Text.");
    assert_eq!(show(&a.body), "Text.<fn>Y.</fn>");
}

#[test]
fn units_nested_past_any_real_one_are_text() {
    // Found by the hostile-input proptest: a stack overflow in siunitx's
    // unit reader.
    let src = format!("\\unit{{{}x{}}}", "{".repeat(600), "}".repeat(600));
    let (a, _) = read(&src);
    assert!(wita_doc::plain_text(&a.body).contains('x'));
}

#[test]
fn math_dots_in_text_are_characters() {
    assert_eq!(body("a \\vdots b \\cdots c \\ddots"), "a ⋮b ⋯c ⋱");
}

#[test]
fn an_unknown_environment_keeps_its_title_but_not_its_settings() {
    let (a, _) =
        read("\\begin{lemma}[Mind the gap]Text.\\end{lemma}\\begin{thing}[a=b]More.\\end{thing}");
    let text = wita_doc::plain_text(&a.body);
    assert!(
        text.contains("Mind the gap") && text.contains("Text."),
        "{text}"
    );
    assert!(!text.contains("a=b"), "{text}");
}

#[test]
fn theorems_in_an_appendix_take_its_letters() {
    let shown = body(
        "\\newtheorem{lem}{Lemma}[section]\\section{A}\\begin{lem}x\\end{lem}\\appendix\\section{B}\\begin{lem}y\\end{lem}",
    );
    assert!(
        shown.contains("<bold>Lemma 1.1</>") && shown.contains("<bold>Lemma A.1</>"),
        "{shown}"
    );
}

#[test]
fn nameref_prints_titles_and_theorem_notes() {
    let shown = body(
        "\\newtheorem{lem}{Lemma}\\begin{lem}[Zorn]\\label{z}x\\end{lem}\\begin{lem}\\label{w}y\\end{lem}\
         \\nameref{z}, \\nameref{w}, \\nameref{sec}\\section{S}\\label{sec}",
    );
    assert!(shown.contains("Zorn, Lemma 2, <ref Title sec>"), "{shown}");
}

#[test]
fn def_with_delimited_parameters_matches_its_delimiters() {
    assert_eq!(
        body(
            "\\def\\pair(#1,#2){[#2|#1]}\\pair(ab,{c,d}) \\def\\upto#1.{<#1>}\\upto some words. after"
        ),
        // A group that is the whole argument loses its braces, as in TeX.
        "[c,d|ab] <some words> after"
    );
    // `\makeatletter` macros with `@` and a command as the delimiter.
    assert_eq!(
        body("\\makeatletter\\def\\@arg#1:#2\\@end{#2=#1}\\@arg x:y\\@end\\makeatother"),
        "y=x"
    );
    let (_, d) = read("\\def\\p(#1){#1}\\p x");
    assert!(
        messages(&d).iter().any(|m| m.contains("is not followed")),
        "{:?}",
        messages(&d)
    );
}

#[test]
fn tabu_reuses_a_saved_column_spec() {
    let (a, d) = read(
        "\\begin{tabu}{r l} \\savetabu{ops} a & b \\\\ \\end{tabu}\
         \\begin{tabu*}{\\usetabu{ops}} c & d \\\\ \\end{tabu*}\\begin{longtabu*}{l}e\\end{longtabu*}",
    );
    assert!(d.is_empty(), "{:?}", messages(&d));
    let tables: Vec<usize> = a
        .body
        .iter()
        .filter_map(|n| match &n.kind {
            NodeKind::Table(t) => Some(t.columns.len()),
            _ => None,
        })
        .collect();
    assert_eq!(tables, [2, 2, 1]);
}

#[test]
fn paired_delimiters_become_left_and_right() {
    let shown = body("\\DeclarePairedDelimiter{\\ceil}{\\lceil}{\\rceil}$\\ceil{x/2}$");
    assert_eq!(shown, "<math>\\left\\lceil x/2\\right\\rceil</math>");
}

#[test]
fn nomenclature_lists_its_entries_where_printed() {
    let shown = body(
        "\\makenomenclature\\printnomenclature Text\\nomenclature[b]{$\\beta$}{second}\\nomenclature[a]{$z$}{first}.",
    );
    assert!(shown.starts_with("{<h1*>Nomenclature</h>"), "{shown}");
    let first = shown.find("first").unwrap();
    let second = shown.find("second").unwrap();
    assert!(first < second, "sorted by prefix and symbol: {shown}");
    assert!(shown.ends_with("Text."), "{shown}");
}

#[test]
fn newblock_is_a_space_between_a_references_blocks() {
    let (a, d) = read(
        "\\begin{thebibliography}{9}\\bibitem{k} A. Author.\\newblock Title.\\end{thebibliography}",
    );
    assert!(d.is_empty(), "{:?}", messages(&d));
    assert!(
        wita_doc::plain_text(&a.body).contains("A. Author. Title."),
        "{}",
        show(&a.body)
    );
}

#[test]
fn documentation_markup_of_latexs_own_classes() {
    assert_eq!(
        body(
            "\\cs{section} in \\pkg{amsmath}, \\cls{article}, \\env{align}, \\opt{fleqn}, \\file{a.tex}: \\meta{x} \\marg{y} \\oarg{z}"
        ),
        "<tt>\\section</tt> in <sans>amsmath</>, <sans>article</>, <mono>align</>, <mono>fleqn</>, <mono>a.tex</>: <italic>⟨x⟩</> <italic>{⟨y⟩}</> <italic>[⟨z⟩]</>"
    );
}

#[test]
fn plain_tex_eject_breaks_the_page() {
    let shown = body("First page.\\eject Second page.");
    assert!(shown.contains("<pagebreak>"), "{shown}");
    assert!(shown.ends_with("Second page."), "{shown}");
}

#[test]
fn glossary_terms_print_as_glossaries_prints_them() {
    let defs = "\\usepackage{glossaries}\\newacronym{ai}{AI}{artificial intelligence}\
                \\longnewglossaryentry{ode}{name={ODE}}{an equation with derivatives}\
                \\newglossaryentry{ox}{name={ox}, plural={oxen}, description={a bovine}}\
                \\setacronymstyle{long-short}\\glsdisablehyper\\makenoidxglossaries\
                \\setabbreviationstyle{long-short}";
    for (text, expected) in [
        (
            "\\acrshort{ai}/\\Acrshort{ai}/\\acrshortpl{ai}",
            "AI/AI/AIs",
        ),
        (
            "\\Acrlong{ai}/\\acrlongpl{ai}",
            "Artificial intelligence/artificial intelligences",
        ),
        (
            "\\Acrfull{ai}/\\acrfullpl{ai}",
            "Artificial intelligence (AI)/artificial intelligences (AIs)",
        ),
        (
            "\\glsxtrshort{ai}/\\glsxtrlong{ai}/\\glsxtrfull{ai}",
            "AI/artificial intelligence/artificial intelligence (AI)",
        ),
        (
            "\\glstext{ox}/\\Glstext{ox}/\\glsentrytext{ox}/\\glsentryname{ox}/\\glsname{ox}",
            "ox/Ox/ox/ox/ox",
        ),
        (
            "\\glsdesc{ox}; \\glsentrydesc{ode}",
            "a bovine; an equation with derivatives",
        ),
        ("\\GLSpl{ox}", "OXEN"),
        ("\\glsunsetall\\gls{ai}", "AI"),
        (
            "\\gls{ai} \\glsresetall\\gls{ai}",
            "artificial intelligence (AI) artificial intelligence (AI)",
        ),
        (
            "\\glsadd{ox}\\glsaddall x\\printglossary[type=main]\\printnoidxglossaries\\printacronyms\\printunsrtglossaries",
            "x",
        ),
    ] {
        let shown = body(&format!("{defs}\\begin{{document}}{text}\\end{{document}}"));
        assert_eq!(strip_tags(&shown), expected, "{text}");
    }
}

#[test]
fn acronyms_print_as_the_acronym_package_prints_them() {
    let defs =
        "\\usepackage{acronym}\\acrodef{ml}[ML]{machine learning}\\newacro{nn}[NN]{neural net}";
    for (text, expected) in [
        ("\\Acp{ml}, \\acp{ml}", "Machine learnings (MLs), MLs"),
        (
            "\\acsp{ml}/\\Acl{ml}/\\aclp{nn}",
            "MLs/Machine learning/neural nets",
        ),
        ("\\acf{nn}, \\ac{nn}", "neural net (NN), NN"),
        ("\\Acf{nn}/\\acfp{nn}", "Neural net (NN)/neural nets (NNs)"),
        ("\\acused{ml}\\ac{ml}", "ML"),
        (
            "\\ac{ml} \\acresetall\\ac{ml}",
            "machine learning (ML) machine learning (ML)",
        ),
    ] {
        let shown = body(&format!("{defs}\\begin{{document}}{text}\\end{{document}}"));
        assert_eq!(strip_tags(&shown), expected, "{text}");
    }
}

/// The text of `show`'s output, its tags dropped.
fn strip_tags(shown: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in shown.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            '{' | '}' => {}
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.trim().to_owned()
}

#[test]
fn ctex_faces_logos_and_paragraph_breaks() {
    let shown = body(
        "{\\heiti 黑}{\\songti 宋}{\\kaishu 楷}{\\fangsong 仿}{\\lishu 隶}{\\youyuan 圆} \
         \\pTeX, \\pLaTeX, \\upTeX, \\upLaTeX; a\\backslash b.\
         \\goodbreak One.\\filbreak Two.\\smallbreak Three.\\medbreak Four.\\bigbreak Five.",
    );
    for text in ["黑", "楷", "pTeX, pLaTeX, upTeX, upLaTeX", "a\\b."] {
        assert!(shown.contains(text), "{text} in {shown}");
    }
    assert!(shown.contains("<set sans>黑"), "{shown}");
    assert_eq!(shown.matches("<p>").count(), 5, "{shown}");
    assert!(shown.ends_with("Five."), "{shown}");
}

#[test]
fn closing_parts_are_named_as_their_classes_name_them() {
    let headings = |src: &str| -> Vec<String> {
        let (a, d) = read(src);
        assert!(d.is_empty(), "{:?}", messages(&d));
        let mut out = Vec::new();
        wita_doc::walk(&a.body, &mut |n| {
            if let NodeKind::Heading(h) = &n.kind {
                assert!(!h.numbered);
                out.push(show(&h.body));
            }
        });
        out
    };
    assert_eq!(
        headings(
            "\\begin{acknowledgments}a\\end{acknowledgments}\\begin{acknowledgment}b\\end{acknowledgment}\
             \\begin{acknowledgement}c\\end{acknowledgement}\\begin{conclusion}d\\end{conclusion}"
        ),
        [
            "Acknowledgments",
            "Acknowledgments",
            "Acknowledgements",
            "Conclusion"
        ]
    );
    assert_eq!(
        headings(
            "\\documentclass{ustcthesis}\\begin{document}\\begin{acknowledgements}谢谢\\end{acknowledgements}\\end{document}"
        ),
        ["致谢"]
    );
}

#[test]
fn href_with_options_reads_its_address_as_written() {
    let (a, d) = read("\\href[pdfnewwindow=true]{https://x.org/a_b#c}{the site}");
    assert!(d.is_empty(), "{:?}", messages(&d));
    let shown = show(&a.body);
    assert!(
        shown.contains("<a https://x.org/a_b#c>the site</a>"),
        "{shown}"
    );
}

#[test]
fn an_article_choice_of_fonts_is_left_out() {
    let (a, d) = read(
        "\\fontspec{A}\\setsansfont{B}\\setmonofont{C}\\setmathfont{D}\\addfontfeature{E}\\defaultfontfeatures{F}\
         \\setCJKmainfont{G}\\setCJKsansfont{H}\\setCJKmonofont{I}\\setCJKfamilyfont{zhkai}{J}\
         \\newfontface\\K{K}{\\K text}",
    );
    assert!(d.is_empty(), "{:?}", messages(&d));
    assert_eq!(show(&a.body), "{text}");
}

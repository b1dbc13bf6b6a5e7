//! Property: every word of an article's text content — outside command names,
//! math and comments — appears in the Typst it is translated to, whatever the
//! constructs around it.

use proptest::prelude::*;

use crate::tests::read;

/// A word that cannot be a command name of the translation (no Typst
/// keyword, no template function), so finding it means the text was kept.
fn word() -> impl Strategy<Value = String> {
    "[a-z]{3,9}".prop_map(|w| format!("q{w}"))
}

/// A piece of LaTeX and the words of its text content.
#[derive(Debug, Clone)]
struct Piece {
    tex: String,
    words: Vec<String>,
}

fn words(n: std::ops::Range<usize>) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(word(), n)
}

/// Inline constructs around words.
fn inline() -> impl Strategy<Value = Piece> {
    let styled = (
        prop::sample::select(vec![
            "textbf",
            "textit",
            "emph",
            "texttt",
            "underline",
            "textsc",
            "textsf",
            "textrm",
            "textup",
            "textmd",
            "sout",
            "hl",
            "textsuperscript",
            "textsubscript",
            "mbox",
            "footnote",
            "unknowncommand",
            "fbox",
        ]),
        words(1..4),
    )
        .prop_map(|(cmd, ws)| Piece {
            tex: format!("\\{cmd}{{{}}}", ws.join(" ")),
            words: ws,
        });
    let plain = words(1..6).prop_map(|ws| Piece {
        tex: ws.join(" "),
        words: ws,
    });
    let math = words(1..3).prop_map(|ws| Piece {
        // Math is not text content: a word inside it is not expected.
        tex: format!("{} $x^2 + y$ \\(a_1\\)", ws.join(" ")),
        words: ws,
    });
    let colour = words(1..3).prop_map(|ws| Piece {
        tex: format!(
            "\\textcolor{{red}}{{{}}} \\colorbox{{yellow}}{{x{}}}",
            ws[0],
            ws.join(" ")
        ),
        words: vec![ws[0].clone()],
    });
    let href = words(1..3).prop_map(|ws| Piece {
        tex: format!("\\href{{https://example.org/a_b%20c}}{{{}}}", ws.join(" ")),
        words: ws,
    });
    let size = words(1..3).prop_map(|ws| Piece {
        tex: format!(
            "{{\\small {}}} {{\\large\\bfseries {}}}",
            ws[0],
            ws.join(" ")
        ),
        words: ws.iter().take(1).chain(ws.iter()).cloned().collect(),
    });
    let comment = words(1..3).prop_map(|ws| Piece {
        tex: format!("{} % qqcommented words\n", ws.join(" ")),
        words: ws,
    });
    let verb = word().prop_map(|w| Piece {
        tex: format!("\\verb|{w}| \\lstinline!{w}!"),
        words: vec![w.clone(), w],
    });
    prop_oneof![styled, plain, math, colour, href, size, comment, verb]
}

fn paragraph() -> impl Strategy<Value = Piece> {
    prop::collection::vec(inline(), 1..5).prop_map(join_inline)
}

fn join_inline(pieces: Vec<Piece>) -> Piece {
    Piece {
        tex: pieces
            .iter()
            .map(|p| p.tex.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        words: pieces.into_iter().flat_map(|p| p.words).collect(),
    }
}

/// Block constructs around paragraphs.
fn block() -> impl Strategy<Value = Piece> {
    let para = paragraph();
    let section = (
        prop::sample::select(vec!["section", "subsection", "section*", "paragraph"]),
        words(1..4),
    )
        .prop_map(|(cmd, ws)| Piece {
            tex: format!("\\{cmd}{{{}}}\\label{{sec:x}}", ws.join(" ")),
            words: ws,
        });
    let list = (
        prop::sample::select(vec![
            "itemize",
            "enumerate",
            "description",
            "enumerate}[label=(\\alph*)]{",
        ]),
        prop::collection::vec(paragraph(), 1..4),
    )
        .prop_map(|(env, items)| {
            let name = env.split('}').next().unwrap_or(env);
            Piece {
                tex: format!(
                    "\\begin{{{env}}}\n{}\n\\end{{{name}}}",
                    items
                        .iter()
                        .map(|i| format!("\\item {}", i.tex))
                        .collect::<Vec<_>>()
                        .join("\n")
                ),
                words: items.into_iter().flat_map(|i| i.words).collect(),
            }
        });
    let env = (
        prop::sample::select(vec![
            "quote",
            "quotation",
            "center",
            "flushleft",
            "flushright",
            "unknownenv",
            "minipage}{0.5\\textwidth}{",
        ]),
        paragraph(),
    )
        .prop_map(|(env, p)| {
            let name = env.split('}').next().unwrap_or(env);
            Piece {
                tex: format!("\\begin{{{env}}}\n{}\n\\end{{{name}}}", p.tex),
                words: p.words,
            }
        });
    let table = (
        prop::sample::select(vec!["tabular}{|l|c|}{", "tabularx}{\\linewidth}{lX}{", "longtable}{p{2cm}r}{"]),
        prop::collection::vec((word(), word()), 1..4),
        word(),
        any::<bool>(),
    )
        .prop_map(|(env, rows, caption, booktabs)| {
            let name = env.split('}').next().unwrap_or(env);
            let (top, bottom) = if booktabs {
                ("\\toprule", "\\bottomrule")
            } else {
                ("\\hline", "\\hline")
            };
            let body = rows
                .iter()
                .map(|(a, b)| format!("{a} & \\textbf{{{b}}} \\\\"))
                .collect::<Vec<_>>()
                .join("\n");
            let mut words = vec![caption.clone()];
            words.extend(rows.into_iter().flat_map(|(a, b)| [a, b]));
            Piece {
                tex: format!(
                    "\\begin{{table}}[ht]\\centering\\small\\caption{{{caption}}}\\label{{tab:x}}\n\\begin{{{env}}}{top}\n{body}\n{bottom}\\end{{{name}}}\\end{{table}}"
                ),
                words,
            }
        });
    let display = word().prop_map(|w| Piece {
        tex: format!("\\begin{{equation}}\\label{{eq:x}} a = b\\end{{equation}} {w} \\[ c \\]"),
        words: vec![w],
    });
    let code = word().prop_map(|w| Piece {
        tex: format!("\\begin{{lstlisting}}[language=Python]\n{w} = 1\n\\end{{lstlisting}}"),
        words: vec![w],
    });
    prop_oneof![4 => para, 1 => section, 1 => list, 1 => env, 1 => table, 1 => display, 1 => code]
}

fn document() -> impl Strategy<Value = Piece> {
    prop::collection::vec(block(), 1..8).prop_map(|blocks| Piece {
        tex: blocks
            .iter()
            .map(|b| b.tex.as_str())
            .collect::<Vec<_>>()
            .join("\n\n"),
        words: blocks.into_iter().flat_map(|b| b.words).collect(),
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn no_lost_words(doc in document()) {
        let (article, diags) = read(&doc.tex);
        prop_assert!(!diags.has_errors(), "errors for {:?}", doc.tex);
        let typst = wita_typst::write_content(&article.body).text;
        for w in &doc.words {
            prop_assert!(typst.contains(w.as_str()), "`{}` is lost from {:?}:\n{}", w, doc.tex, typst);
        }
        prop_assert!(!typst.contains("qqcommented"), "a comment reached the output");
    }
}

/// Hostile input: pieces drawn from every command and environment name the
/// registry knows, TeX's special characters, deep braces and blank lines,
/// in any order.
fn hostile() -> impl Strategy<Value = String> {
    let names: Vec<String> = crate::commands()
        .iter()
        .map(|k| match k.kind {
            crate::Kind::Environment => format!("\\begin{{{}}}", k.name),
            _ => format!("\\{}", k.name),
        })
        .collect();
    let piece = prop_oneof![
        4 => prop::sample::select(names),
        2 => prop::sample::select(vec![
            "{", "}", "[", "]", "$", "$$", "&", "#", "#1", "^", "_", "~", "%", "\n\n", "\\\\",
            "\\end{equation}", "\\end{itemize}", "\\item", "\\newcommand{\\x}{\\x}", "\\def\\y#1{#1\\y}",
            "\\newtheorem{t}{T}[section]", "\\begin{t}", "\\SI{1}{\\metre}", "\\tag{1}", "\\label{l}",
            "\\ref{l}", "\\hyperlink{a}{b}", "\\makeatletter", "\\makeatother", "\\begin{document}",
            "\\def\\z#1.#2\\end{#2#1}", "\\z", ".", "\\printnomenclature", "\\nomenclature{a}{b}",
        ])
        .prop_map(str::to_owned),
        2 => "[a-z]{1,6}",
        1 => (1usize..400).prop_map(|n| "{".repeat(n)),
        1 => (1usize..400).prop_map(|n| "}".repeat(n)),
    ];
    prop::collection::vec(piece, 1..60).prop_map(|pieces| pieces.join(" "))
}

fn hostile_cases() -> u32 {
    // `WITA_FUZZ_CASES=100000` for a long session.
    std::env::var("WITA_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(128)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(hostile_cases()))]

    /// Any input ends, without a panic, with diagnostics that render and a
    /// report that stays short (one kind of diagnostic at most 20 times).
    #[test]
    fn hostile_input_ends_with_a_bounded_report(text in hostile()) {
        let (sources, id) = {
            let sources = wita_diag::Sources::new();
            let id = sources.add("main.tex", text.as_str());
            (sources, id)
        };
        let resolver = crate::NoFiles;
        let ctx = crate::ReadContext {
            sources: &sources,
            resolver: &resolver,
            entry_path: "e",
            issue_path: "i",
            today: "t",
        };
        let (article, diags) = crate::read_article(&text, id, &ctx);
        let _ = wita_typst::write_content(&article.body);
        let renderer = wita_diag::Renderer::new(&sources, wita_diag::Style::Rich);
        let mut kinds = std::collections::HashMap::new();
        for d in diags.iter() {
            let n = kinds.entry((d.severity, d.message.clone())).or_insert(0);
            *n += 1;
            prop_assert!(*n <= 20, "{} repeated past 20 in {:?}", d.message, text);
            let shown = renderer.to_string(d);
            prop_assert!(shown.lines().all(|l| l.chars().count() < 400), "a long line in {shown}");
        }
    }
}

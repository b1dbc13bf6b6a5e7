//! Property: every word of an article's text reaches the translation, whatever
//! commands and environments (known or not) surround it.

use std::sync::Arc;

use proptest::prelude::*;
use wita_diag::{FileId, Sources};
use wita_doc::{NodeKind, walk};
use wita_latex::{ReadContext, ResolveError, Resolver, read_article};

struct NoFiles;
impl Resolver for NoFiles {
    fn read_input(&self, w: &str) -> Result<(FileId, Arc<str>), ResolveError> {
        Err(ResolveError::new(
            wita_diag::codes::FILE_NOT_FOUND,
            format!("no {w}"),
        ))
    }
    fn graphic(&self, w: &str) -> Result<String, ResolveError> {
        Err(ResolveError::new(
            wita_diag::codes::FILE_NOT_FOUND,
            format!("no {w}"),
        ))
    }
}

/// A piece of LaTeX and the words it holds.
#[derive(Debug, Clone)]
struct Piece {
    tex: String,
    words: Vec<String>,
}

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{2,9}".prop_map(|w| format!("w{w}")),
        "[\u{4e00}-\u{4e80}]{2,4}",
    ]
}

fn text() -> impl Strategy<Value = Piece> {
    prop::collection::vec(word(), 1..4).prop_map(|words| Piece {
        tex: words.join(" "),
        words,
    })
}

fn piece() -> impl Strategy<Value = Piece> {
    text().prop_recursive(4, 48, 4, |inner| {
        let seq = prop::collection::vec(inner.clone(), 1..4).prop_map(|ps| Piece {
            tex: ps
                .iter()
                .map(|p| p.tex.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            words: ps.into_iter().flat_map(|p| p.words).collect(),
        });
        let wrap = move |pre: &'static str, post: &'static str| {
            seq.clone().prop_map(move |p| Piece {
                tex: format!("{pre}{}{post}", p.tex),
                words: p.words,
            })
        };
        prop_oneof![
            wrap("\\textbf{", "}"),
            wrap("\\emph{", "}"),
            wrap("{\\small ", "}"),
            wrap("\\unknowncmd{", "}"),
            wrap("\\weird[opt]{", "}{x}"),
            wrap("\\footnote{", "}"),
            wrap("\\section{", "}\n"),
            wrap("\\href{https://example.org}{", "}"),
            wrap("\\begin{itemize}\\item ", "\\item last\\end{itemize}"),
            wrap("\\begin{enumerate}\\item[x] ", "\\end{enumerate}"),
            wrap("\\begin{mysteryenv}{arg}", "\\end{mysteryenv}"),
            wrap("\\begin{quote}", "\\end{quote}"),
            wrap("\\begin{center}", "\\end{center}"),
            wrap("\\begin{tabular}{ll}", " & cell \\\\ \\end{tabular}"),
            wrap("\\mbox{", "}"),
            wrap("", "\\\\ "),
            wrap("", "~"),
            wrap("", "\n\n"),
            wrap("", " % a comment\n"),
            wrap("\\newcommand{\\mymacro}[1]{[#1]}\\mymacro{", "}"),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn every_word_reaches_the_translation(doc in piece()) {
        let sources = Sources::new();
        let id = sources.add("main.tex", doc.tex.as_str());
        let ctx = ReadContext { sources: &sources, resolver: &NoFiles, entry_path: "e", issue_path: "i", today: "t" };
        let (article, _) = read_article(&doc.tex, id, &ctx);
        let mut text = String::new();
        walk(&article.body, &mut |node| {
            if let NodeKind::Text(t) = &node.kind {
                text.push_str(t);
                text.push(' ');
            }
        });
        for w in &doc.words {
            prop_assert!(text.contains(w.as_str()), "`{}` lost from {:?}; translated text: {:?}", w, doc.tex, text);
        }
    }
}

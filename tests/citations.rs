//! End-to-end: the citation commands and the reference list, read from the
//! PDF of a scratch copy of the example journal whose article cites our own
//! fixture `tests/fixtures/bib/all-types.bib`.

mod common;

use common::*;

const ENTRY: &str = "issue/0000/000000.tex.d/entry/welcome";

const MAIN: &str = r"\setentryid{welcome}
Plain \cite{art2}. Two \cite{art2,book1}. Notes \cite[see][p.~5]{book1}.
Page \cite[7]{art2}. Text \textcite{art1}. Paren \parencite{misc0}.
Auto \autocite{misc0}. Super\supercite{book1}. Author \citeauthor{art2}.
Title \citetitle{book1}. Year \citeyear{art2}. Url \citeurl{www0}.
Multi \cites{art1}{book1}. Apart \cite{art1} \cite{misc0}.\nocite{coll1}
\printbibliography
";

#[test]
fn citation_commands_and_references_read_as_biblatex_prints_them() {
    let text = build_with_fixture_bib(MAIN);
    // Cited: book1 (1999), art1 (2004), art2 (2007), coll1 (2008),
    // misc0 (2020), www0 (2025): numbered in that order (sorting=ynt).
    for want in [
        "Plain [3].",
        "Two [3, 1].",
        "Notes [see 1, p. 5].",
        "Page [3, p. 7].",
        "Text Brandvold and Eriksen [2].",
        "Paren [5].",
        "Auto [5].",
        "Author Castellanos, Fontaine, and Iwasaki.",
        "Title Mosaic Sparse Recursive Orchard.",
        "Year 2007.",
        "Url https://www.example.net/post/0.",
        "Multi [2]; [1].",
        "Apart [2] [5].",
        "[1] Jonas Fontaine and Elif Iwasaki. Mosaic Sparse Recursive Orchard. 2nd ed. Oslo: Orchard Books, 1999. ISBN: 978-0-00-000000-1.",
        "[4] Ugo O’Connell, Priya Rasmussen, and Kaveh Uribe, eds. Cartography Lattice Harbour Ledger. Kyoto: Lattice House, 2008. Reprinted 2010.",
        "[6] Jonas Fontaine. Signals Spectral Parsers Quiet Signals Spectral. Mar. 20, 2025. URL: https://www.example.net/post/0 (visited on 07/10/2025).",
    ] {
        assert!(has(&text, want), "expected `{want}` in:\n{text}");
    }
    // Only cited entries are listed.
    assert!(!has(&text, "[7]"), "{text}");
    assert!(!has(&text, "Quiet Machines"), "{text}");
}

/// biber warns about a key no entry has and LaTeX builds, printing the key
/// in bold where the citation stands: so does wita, and the keys that
/// resolve are still cited.
#[test]
fn citing_a_key_the_bib_lacks_warns_at_the_cite_and_prints_the_key() {
    let j = example_journal();
    let entry = j.path().join(ENTRY);
    std::fs::write(
        entry.join("main.tex"),
        "\\setentryid{welcome}\nSee \\cite{nosuchkey}. And \\cite{knuth1984,otherkey}.\n\\printbibliography\n",
    )
    .unwrap();
    let out = wita(
        j.path(),
        &["build", "issue/0000/000000.tex", "-o", "out.pdf"],
    );
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains(&native(&format!("{ENTRY}/main.tex:2:"))),
        "{err}"
    );
    assert!(
        err.contains("warning[missing-cite-key]: no entry `nosuchkey`"),
        "{err}"
    );
    assert!(
        err.contains("warning[missing-cite-key]: no entry `otherkey`"),
        "{err}"
    );
    let text = squash(&pdf_pages(&j.path().join("out.pdf")).join("\n"));
    assert!(has(&text, "See nosuchkey."), "{text}");
    assert!(has(&text, "And [1], otherkey."), "{text}");
}

/// biblatex's `refsection` and a second `\printbibliography`: the list is
/// printed wherever it is asked for, and the citations still link to it.
#[test]
fn bibliographies_inside_refsections_and_twice_build() {
    let text = build_with_fixture_bib(
        "\\setentryid{welcome}\n\\begin{refsection}\nInside \\cite{art2}.\n\
         \\printbibliography[heading=subbibliography]\n\\end{refsection}\n\
         Again \\cite{book1}.\n\\printbibliography\n",
    );
    assert!(has(&text, "Inside [2]."), "{text}");
    assert!(has(&text, "Again [1]."), "{text}");
    let listed = text.matches("MosaicSparseRecursiveOrchard").count();
    assert_eq!(listed, 2, "{text}");
}

/// Builds the example issue with `main` as the first article's main.tex and
/// our own fixture as its cite.bib; the PDF's text, squashed.
fn build_with_fixture_bib(main: &str) -> String {
    let j = example_journal();
    let entry = j.path().join(ENTRY);
    std::fs::write(entry.join("main.tex"), main).unwrap();
    std::fs::copy(
        repo().join("tests/fixtures/bib/all-types.bib"),
        entry.join("cite.bib"),
    )
    .unwrap();
    let out = wita(
        j.path(),
        &["build", "issue/0000/000000.tex", "-o", "out.pdf"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    squash(&pdf_pages(&j.path().join("out.pdf")).join("\n"))
}

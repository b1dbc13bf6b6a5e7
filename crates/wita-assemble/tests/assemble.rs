//! Assembling the example issue (read in place, never written): the files of
//! the project, the cover only in the issue, and the reference lists.

use std::path::Path;
use std::sync::Arc;

use wita_assemble::{
    ArticleInput, Look, MAIN, MATH_PATH, TEMPLATE_PATH, Templates, article_path, assemble,
    reference_list,
};
use wita_diag::{Diagnostics, Sources};
use wita_doc::Article;
use wita_journal::{EntryFiles, Issue, load_issue, locate};
use wita_latex::{ReadContext, read_article};

fn example(sources: &Sources) -> Issue {
    let master =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/journal/issue/0000/000000.tex");
    let mut diags = Diagnostics::new();
    let issue = load_issue(locate(&master).unwrap(), sources, &mut diags).unwrap();
    assert!(!diags.has_errors(), "{diags:?}");
    issue
}

/// An entry's article, read from `text` as if it were its main.tex.
fn read(issue: &Issue, index: usize, text: &str, sources: &Sources) -> Article {
    let entry = &issue.entries[index];
    let resolver = EntryFiles {
        journal: &issue.location.journal,
        sources,
        dir: &entry.dir,
    };
    let file = sources.add(format!("{}/main.tex", entry.dir), text);
    let issue_path = issue.location.issue_dir();
    let ctx = ReadContext {
        sources,
        resolver: &resolver,
        entry_path: &entry.dir,
        issue_path: &issue_path,
        today: "January 1, 2025",
    };
    read_article(text, file, &ctx).0
}

fn articles(issue: &Issue, sources: &Sources) -> Vec<Article> {
    (0..issue.entries.len())
        .map(|i| read(issue, i, &issue.entries[i].main_text, sources))
        .collect()
}

fn inputs<'a>(issue: &'a Issue, articles: &'a [Article]) -> Vec<ArticleInput<'a>> {
    issue
        .entries
        .iter()
        .zip(articles)
        .map(|(entry, article)| ArticleInput { entry, article })
        .collect()
}

/// The example issue with `text` as its first article's cite.bib (which
/// must parse without a warning).
fn issue_with_bib(sources: &Sources, text: &str) -> Issue {
    let mut issue = example(sources);
    let file = sources.add("cite.bib", text);
    let mut diags = Diagnostics::new();
    issue.entries[0].bib = wita_bib::parse(Arc::from(text), file, &mut diags);
    assert!(diags.is_empty(), "{diags:?}");
    issue
}

/// The first article's reference list when its main.tex is `tex`.
fn list_for(issue: &Issue, tex: &str, sources: &Sources) -> Option<wita_assemble::ReferenceList> {
    let article = read(issue, 0, tex, sources);
    let input = ArticleInput {
        entry: &issue.entries[0],
        article: &article,
    };
    reference_list(&input)
}

fn text_of(project: &wita_typst::Project, path: &str) -> String {
    String::from_utf8(project.get(path).expect(path).data.clone()).unwrap()
}

#[test]
fn the_project_holds_the_templates_the_main_file_and_one_file_per_article() {
    let sources = Sources::new();
    let issue = example(&sources);
    let articles = articles(&issue, &sources);
    let templates = Templates::builtin();
    let mut diags = Diagnostics::new();
    let inputs = inputs(&issue, &articles);
    let project = assemble(&issue, &inputs, &templates, Look::Issue, false, &mut diags);
    assert!(!diags.has_errors(), "{diags:?}");
    assert_eq!(project.main, MAIN);
    assert_eq!(text_of(&project, TEMPLATE_PATH), templates.issue.text);
    assert!(project.get(MATH_PATH).is_some());
    let main = text_of(&project, MAIN);
    for entry in &issue.entries {
        let path = article_path(entry.index);
        assert!(project.get(&path).is_some(), "{path}");
        assert!(main.contains(&format!("#include \"{path}\"")), "{main}");
    }
    assert!(main.contains("#wita.cover(info)"), "{main}");

    // A preprint: the one article, no cover.
    let preprint = assemble(
        &issue,
        &inputs[..1],
        &templates,
        Look::Preprint,
        false,
        &mut diags,
    );
    let main = text_of(&preprint, MAIN);
    assert!(!main.contains("#wita.cover"), "{main}");
    assert!(main.contains("preprint: true"), "{main}");
    assert!(preprint.get(&article_path(2)).is_none());
}

#[test]
fn reference_lists_number_the_cited_works_in_sorted_order() {
    let sources = Sources::new();
    let issue = example(&sources);
    let articles = articles(&issue, &sources);
    let mut lists = 0;
    for input in inputs(&issue, &articles) {
        let Some(list) = reference_list(&input) else {
            continue;
        };
        lists += 1;
        let bib = input.entry.bib.as_ref().unwrap();
        let keys: Vec<&str> = list.items.iter().map(|i| i.key.as_str()).collect();
        for (n, key) in keys.iter().enumerate() {
            assert_eq!(list.numbers[*key], (n + 1).to_string());
        }
        let sorts: Vec<_> = keys.iter().map(|k| &bib.references[*k].sort).collect();
        assert!(
            sorts.windows(2).all(|w| w[0] <= w[1]),
            "{keys:?} out of order"
        );
    }
    assert!(lists >= 2, "the example's articles cite works");
}

#[test]
fn a_list_holds_what_the_article_cites_from_its_cite_bib_only() {
    let sources = Sources::new();
    let text = "@book{zeta, author = {Zed, A.}, title = {Last}, year = {2001}, publisher = {P}}\n\
                @book{alpha, author = {Able, B.}, title = {First}, year = {1999}, publisher = {P}}\n\
                @book{mid, author = {Mid, C.}, title = {Middle}, year = {2000}, publisher = {P}}\n";
    let issue = issue_with_bib(&sources, text);
    let list_of = |tex: &str| {
        list_for(&issue, tex, &sources)
            .map(|l| l.items.into_iter().map(|i| i.key).collect::<Vec<_>>())
    };
    // Sorted by year, not in the order cited.
    assert_eq!(list_of("\\cite{zeta,alpha}").unwrap(), ["alpha", "zeta"]);
    assert_eq!(list_of("\\nocite{*}").unwrap(), ["alpha", "mid", "zeta"]);
    // A key of the article's own `thebibliography` is not cite.bib's.
    let own =
        "\\cite{mid,zeta}\\begin{thebibliography}{9}\\bibitem{mid} Mine.\\end{thebibliography}";
    assert_eq!(list_of(own).unwrap(), ["zeta"]);
    assert_eq!(list_of("No citation."), None);
}

#[test]
fn a_cited_set_holds_its_members_and_they_cite_its_number() {
    let sources = Sources::new();
    let text = "@set{pair, entryset = {b, c}}\n\
                @book{a, author = {Able, A.}, title = {Early}, year = {1990}, publisher = {P}}\n\
                @book{b, author = {Bee, B.}, title = {Second}, year = {2000}, publisher = {P}}\n\
                @book{c, author = {Cee, C.}, title = {Third}, year = {2010}, publisher = {P}}\n";
    let issue = issue_with_bib(&sources, text);
    let list_of = |tex: &str| {
        let list = list_for(&issue, tex, &sources).unwrap();
        let keys: Vec<String> = list.items.iter().map(|i| i.key.clone()).collect();
        (keys, list.numbers)
    };
    // The set is listed once, where its first member sorts; its members
    // are not listed again, and citing one cites the set.
    let (keys, numbers) = list_of("\\nocite{*}");
    assert_eq!(keys, ["a", "pair"]);
    assert_eq!(
        (&numbers["b"], &numbers["c"]),
        (&numbers["pair"], &numbers["pair"])
    );
    let (keys, numbers) = list_of("\\cite{pair} and \\cite{c}");
    assert_eq!(keys, ["pair"]);
    assert_eq!(numbers["c"], "1");
    // A member cited without its set is an entry of its own.
    let (keys, _) = list_of("\\cite{c}");
    assert_eq!(keys, ["c"]);
}

#[test]
fn a_key_in_an_entrys_ids_cites_that_entry() {
    let sources = Sources::new();
    let text = "@book{a, ids = {old-a, older-a}, author = {Able, A.}, title = {A}, year = {1990}}\n\
                @book{b, author = {Bee, B.}, title = {B}, year = {2000}}\n";
    let issue = issue_with_bib(&sources, text);
    let list = list_for(&issue, "\\cite{b, old-a} \\cite{a}", &sources).unwrap();
    let keys: Vec<&str> = list.items.iter().map(|i| i.key.as_str()).collect();
    assert_eq!(keys, ["a", "b"]);
    assert_eq!(list.numbers["old-a"], "1");
    assert!(issue.entries[0].bib.as_ref().unwrap().contains("older-a"));
}

#[test]
fn an_article_that_cites_without_a_printbibliography_gets_its_list_at_the_end() {
    let sources = Sources::new();
    let issue = example(&sources);
    let mut articles = articles(&issue, &sources);
    let (index, entry) = issue
        .entries
        .iter()
        .enumerate()
        .find(|(_, e)| e.bib.as_ref().is_some_and(|b| !b.keys.is_empty()))
        .expect("an entry with works");
    let key = &entry.bib.as_ref().unwrap().keys[0].0;
    articles[index] = read(&issue, index, &format!("Text \\cite{{{key}}}."), &sources);
    let mut diags = Diagnostics::new();
    let inputs = inputs(&issue, &articles);
    let project = assemble(
        &issue,
        &inputs,
        &Templates::builtin(),
        Look::Issue,
        false,
        &mut diags,
    );
    assert!(
        diags
            .iter()
            .any(|d| d.message.contains("has no `\\printbibliography`")),
        "{diags:?}"
    );
    let text = text_of(&project, &article_path(entry.index));
    let list = text.rfind("#wita.bibitems(").expect("the list");
    assert!(text[list..].contains(&format!("bibitem:{key}")), "{text}");
}

#[test]
fn a_journal_replaces_the_templates_it_has_its_own_of() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("texlib/wita")).unwrap();
    std::fs::write(
        dir.path().join("texlib/wita/issue.typ"),
        "// the journal's own\n",
    )
    .unwrap();
    let journal = wita_journal::Journal::new(dir.path()).unwrap();
    let templates = Templates::for_journal(&journal);
    assert_eq!(templates.issue.text, "// the journal's own\n");
    assert_eq!(
        templates.issue.overridden_by.as_deref(),
        Some("texlib/wita/issue.typ")
    );
    assert_eq!(templates.math.text, Templates::builtin().math.text);
    assert_eq!(templates.math.overridden_by, None);
}

#[test]
fn the_html_edition_has_a_page_per_article_and_an_index() {
    let sources = Sources::new();
    let issue = example(&sources);
    let articles = articles(&issue, &sources);
    let links = wita_assemble::EditionLinks {
        issue_pdf: Some("issue.pdf".into()),
        article_pdfs: vec![(2, "two.pdf".into())],
    };
    let mut diags = Diagnostics::new();
    let pdf = assemble(
        &issue,
        &inputs(&issue, &articles),
        &Templates::builtin(),
        Look::Issue,
        false,
        &mut diags,
    );
    let edition = wita_assemble::assemble_html(
        &pdf,
        &issue,
        &inputs(&issue, &articles),
        &Templates::builtin(),
        Look::Issue,
        &links,
    );
    // The PDF's article files, not its main file (the cover).
    assert_eq!(
        text_of(&edition.project, &article_path(2)),
        text_of(&pdf, &article_path(2))
    );
    assert!(edition.project.files.iter().all(|f| f.path != MAIN));
    let files: Vec<&str> = edition.pages.iter().map(|p| p.file.as_str()).collect();
    assert_eq!(
        files,
        [
            "index.html",
            "000000.1.html",
            "000000.2.html",
            "000000.3.html"
        ]
    );
    // The articles import the HTML template where the PDF's would be.
    assert!(text_of(&edition.project, TEMPLATE_PATH).contains("#let index-page"));
    assert_eq!(
        text_of(&edition.project, &article_path(2)).lines().next(),
        Some(r#"#import "/.wita/template/issue.typ" as wita"#)
    );
    // Each page links to its own PDF only; images go beside the page.
    let two = &edition.pages[2];
    let main = text_of(&edition.project, &two.main);
    assert!(main.contains(r#"pdf: "two.pdf""#), "{main}");
    assert!(
        two.images
            .iter()
            .any(|(_, to)| to == "000000.2/figures/pattern.png"),
        "{:?}",
        two.images
    );
    let one = text_of(&edition.project, &edition.pages[1].main);
    assert!(one.contains("pdf: none"), "{one}");
    let index = text_of(&edition.project, &edition.pages[0].main);
    assert!(index.contains(r#"pdf: "issue.pdf""#), "{index}");
    assert!(edition.stylesheet.contains("@media print"));

    // A preprint: its page alone, named as its PDF.
    let preprint = assemble(
        &issue,
        &inputs(&issue, &articles)[1..2],
        &Templates::builtin(),
        Look::Preprint,
        false,
        &mut diags,
    );
    let edition = wita_assemble::assemble_html(
        &preprint,
        &issue,
        &inputs(&issue, &articles)[1..2],
        &Templates::builtin(),
        Look::Preprint,
        &wita_assemble::EditionLinks::default(),
    );
    let files: Vec<&str> = edition.pages.iter().map(|p| p.file.as_str()).collect();
    assert_eq!(files, ["Preprint.000000.tooling.html"]);
}

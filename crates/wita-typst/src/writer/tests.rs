//! The writer's unit tests: what the markup of a node kind must hold, where
//! the goldens (`cargo test -p wita --test fixtures`) would show it only
//! through a whole article.

use wita_diag::Sources;
use wita_doc::{CodeBlock, ColumnKind, Heading, ListKind, Rule, Style, Table, TableRow};

use super::tables::MAX_TABLE_CELLS;
use super::*;

#[test]
fn a_code_block_is_a_raw_block_whose_lines_map_to_their_own() {
    let sources = Sources::new();
    let latex = "\\begin{verbatim}\nlet a = `x`;\n  ```\n\\end{verbatim}\n";
    let file = sources.add("a.tex", latex);
    let body = latex.find("let").unwrap();
    let text = "let a = `x`;\n  ```\n";
    let code = Node::new(
        NodeKind::CodeBlock(CodeBlock {
            language: Some("Rust".into()),
            text: text.into(),
            text_span: Some(Span::new(file, body..body + text.len())),
        }),
        Span::new(file, 0..latex.len()),
    );
    let markup = write_content(&vec![code]);
    assert!(
        markup
            .text
            .contains("code-block(````\nlet a = `x`;\n  ```\n\n````, lang: \"rust\");"),
        "{}",
        markup.text
    );
    // What typst reads of it is the text, every line with its own span.
    let root = typst_syntax::parse(&markup.text);
    let raw = root.children().find_map(find_raw).expect("a raw block");
    let lines: Vec<&str> = raw.lines().map(|l| l.get().as_str()).collect();
    assert_eq!(lines, ["let a = `x`;", "  ```", ""]);
    let second = markup.text.find("  ```").unwrap();
    let index = markup.map.index();
    let at = index.locate(second + 2).unwrap();
    assert_eq!(at.start as usize, latex.find("  ```").unwrap() + 2);
}

fn find_raw(node: &typst_syntax::SyntaxNode) -> Option<typst_syntax::ast::Raw<'_>> {
    node.cast().or_else(|| node.children().find_map(find_raw))
}

/// LaTeX indents every paragraph but the first after a heading and text
/// that goes on after a display without a blank line.
#[test]
fn paragraphs_are_unindented_where_latex_does_not_indent() {
    let sources = Sources::new();
    let span = Span::new(sources.add("x", "x"), 0..1);
    let n = |kind| Node::new(kind, span);
    let text = |t: &str| n(NodeKind::Text(t.into()));
    let code = || {
        n(NodeKind::CodeBlock(CodeBlock {
            language: None,
            text: "x".into(),
            text_span: None,
        }))
    };
    let content = vec![
        n(NodeKind::Heading(Heading {
            level: 1,
            numbered: true,
            body: vec![text("Head")],
            label: None,
        })),
        text("First"),
        n(NodeKind::Parbreak),
        text("Second"),
        code(),
        text("Goes on"),
        code(),
        n(NodeKind::Parbreak),
        text("New"),
    ];
    let out = write_content(&content).text;
    assert!(out.contains(&format!("#{T}.noindent[First]")), "{out}");
    assert!(out.contains(&format!("#{T}.noindent[Goes on]")), "{out}");
    assert!(!out.contains("noindent[Second"), "{out}");
    assert!(!out.contains("noindent[New"), "{out}");
    assert!(out.contains("New"), "{out}");
}

/// A cell of one column holding `text`.
fn text_cell(text: &str, span: Span) -> wita_doc::TableCell {
    wita_doc::TableCell {
        content: vec![Node::new(NodeKind::Text(text.into()), span)],
        colspan: 1,
        rowspan: 1,
        align: None,
        fill: None,
        span,
    }
}

/// An `l` column without rules.
fn left_column() -> wita_doc::Column {
    wita_doc::Column {
        kind: ColumnKind::Left,
        rule_before: false,
        rule_after: false,
        tight_left: false,
        tight_right: false,
    }
}

/// The Typst of a table of two `l` columns with the rows `rows` makes
/// (from a maker of one-column text cells).
fn two_columns(rows: impl FnOnce(&dyn Fn(&str) -> wita_doc::TableCell) -> Vec<TableRow>) -> String {
    let sources = Sources::new();
    let span = Span::new(sources.add("x", "x"), 0..1);
    let cell = |t: &str| text_cell(t, span);
    let table = Table {
        columns: vec![left_column(), left_column()],
        width: None,
        rows: rows(&cell),
        long: false,
        body_struts: false,
        head: 0,
    };
    write_content(&vec![Node::new(NodeKind::Table(table), span)]).text
}

/// A row with more cells than the column spec keeps them, and the row
/// after it still starts in the first column (a full-width spacer there
/// would otherwise overflow the grid).
#[test]
fn cells_beyond_the_spec_are_kept_and_padded() {
    let out = two_columns(|cell| {
        vec![
            TableRow::Cells(vec![cell("a"), cell("b"), cell("extra")]),
            TableRow::Rule(Rule::Mid),
            TableRow::Cells(vec![cell("c"), cell("d")]),
        ]
    });
    let row = out.lines().find(|l| l.contains("[extra]")).expect(&out);
    assert!(row.trim_end().ends_with("[extra], [],"), "{out}");
}

/// booktabs' `\cmidrule` is a light rule with space above and below it;
/// `\cline` is as thin as `\hline`, with none.
#[test]
fn a_cline_is_thin_and_takes_no_space() {
    let write = |booktabs| {
        two_columns(|cell| {
            vec![
                TableRow::Cells(vec![cell("a"), cell("b")]),
                TableRow::Rule(Rule::Partial {
                    from: 1,
                    to: 1,
                    booktabs,
                }),
                TableRow::Cells(vec![cell("c"), cell("d")]),
            ]
        })
    };
    let cmidrule = write(true);
    assert!(
        cmidrule.contains("table.hline(start: 0, end: 1, stroke: wita.rules.mid)"),
        "{cmidrule}"
    );
    assert_eq!(cmidrule.matches("v(wita.rules.").count(), 2, "{cmidrule}");
    let cline = write(false);
    assert!(
        cline.contains("table.hline(start: 0, end: 1, stroke: wita.rules.thin)"),
        "{cline}"
    );
    assert!(!cline.contains("v(wita.rules."), "{cline}");
}

/// `\hline\hline` is two rules with \doublerulesep between them.
#[test]
fn a_double_hline_is_two_rules_apart() {
    let out = two_columns(|cell| {
        vec![
            TableRow::Cells(vec![cell("a"), cell("b")]),
            TableRow::Rule(Rule::Thin),
            TableRow::Rule(Rule::Thin),
            TableRow::Cells(vec![cell("c"), cell("d")]),
            TableRow::Rule(Rule::Thin),
        ]
    });
    let rule = "  table.hline(stroke: wita.rules.thin),\n";
    let double = format!("{rule}  table.cell(colspan: 2, inset: 0pt, v(2pt)),\n{rule}");
    assert!(out.contains(&double), "{out}");
    assert_eq!(out.matches("v(2pt)").count(), 1, "{out}");
}

fn table_of(rows: usize, columns: usize, head: usize) -> (Sources, Node) {
    let sources = Sources::new();
    let span = Span::new(sources.add("x", "x"), 0..1);
    let cell = |t: String| text_cell(&t, span);
    let column = left_column();
    let mut table_rows = vec![TableRow::Rule(Rule::Heavy)];
    for r in 0..rows {
        table_rows.push(TableRow::Cells(
            (0..columns).map(|c| cell(format!("r{r}c{c}"))).collect(),
        ));
    }
    let table = Table {
        columns: vec![column; columns],
        width: None,
        rows: table_rows,
        long: true,
        body_struts: false,
        head,
    };
    (sources, Node::new(NodeKind::Table(table), span))
}

/// longtable's head (the rule and first row here) is typst's header,
/// repeated on every page; the rows after it are not in it.
#[test]
fn a_long_tables_head_is_a_repeated_header() {
    let (_sources, node) = table_of(3, 2, 2);
    let out = write_content(&vec![node]).text;
    let header = out.find("table.header(repeat: true,").expect(&out);
    let first = out.find("[r0c0]").expect(&out);
    let close = out[header..].find("  ),").expect(&out) + header;
    let second = out.find("[r1c0]").expect(&out);
    assert!(header < first && first < close && close < second, "{out}");
    let (_sources, node) = table_of(3, 2, 0);
    assert!(!write_content(&vec![node]).text.contains("table.header"));
}

/// A table too big to set in reasonable time is an error at its place,
/// and its cells are not written.
#[test]
fn a_table_of_too_many_cells_is_an_error() {
    let (_sources, node) = table_of(MAX_TABLE_CELLS / 50 + 1, 50, 0);
    let out = write_content(&vec![node]);
    assert!(!out.text.contains("r0c0"));
    let error = out
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .expect("an error");
    assert!(
        error
            .message
            .contains("50050 cells (1001 rows of 50 columns)"),
        "{}",
        error.message
    );
    let (_sources, node) = table_of(MAX_TABLE_CELLS / 50, 50, 0);
    let out = write_content(&vec![node]);
    assert!(out.diagnostics.is_empty() && out.text.contains("r999c49"));
}

fn nodes() -> (Sources, impl Fn(NodeKind) -> Node) {
    let sources = Sources::new();
    let span = Span::new(sources.add("x", "x"), 0..1);
    (sources, move |kind| Node::new(kind, span))
}

/// A size switch takes its baselines along only where it holds whole
/// paragraphs; inside a line it changes the size alone.
#[test]
fn size_switches_take_baselines_only_over_paragraphs() {
    let (_s, n) = nodes();
    let small = || n(NodeKind::SetStyle(Style::Size(wita_doc::FontSize::Small)));
    let text = |t: &str| n(NodeKind::Text(t.into()));
    let inline = write_content(&vec![n(NodeKind::Group(vec![small(), text("a")]))]).text;
    assert!(
        inline.contains("#set text(size: wita.size.small);"),
        "{inline}"
    );
    assert!(!inline.contains("sized"), "{inline}");
    let whole = write_content(&vec![n(NodeKind::Group(vec![
        small(),
        text("a"),
        n(NodeKind::Parbreak),
        text("b"),
    ]))])
    .text;
    assert!(
        whole.contains("#show: wita.sized.with(\"small\");"),
        "{whole}"
    );
}

/// A URL's text reaches the template as a string; a float's placement
/// and label go into its call; a list that starts a paragraph says so.
#[test]
fn urls_floats_and_lists_carry_what_the_template_needs() {
    let (_s, n) = nodes();
    let url = write_content(&vec![n(NodeKind::Styled(
        Style::UrlText,
        vec![n(NodeKind::Text("10.1000/x_y".into()))],
    ))])
    .text;
    assert_eq!(url, "#wita.url-text(\"10.1000/x_y\");");

    let float = write_content(&vec![n(NodeKind::Float(wita_doc::Float {
        kind: FloatKind::Table,
        caption: None,
        body: vec![],
        label: Some("tab:a".into()),
        placement: Some("htbp".into()),
    }))])
    .text;
    assert!(
        float.contains("placement: \"htbp\", label: label(\"tab:a\")"),
        "{float}"
    );
    assert!(!float.contains(");#label"), "{float}");

    let list = |vertical| {
        write_content(&vec![n(NodeKind::List(wita_doc::List {
            kind: ListKind::Bullet,
            items: vec![],
            label: None,
            reference: None,
            start: None,
            vertical,
        }))])
        .text
    };
    assert!(
        list(true).contains("#wita.native-list(depth: 1, level: 1, after-par: true, list("),
        "{}",
        list(true)
    );
    assert!(list(false).contains("after-par: false"), "{}", list(false));
}

/// `\clearpage` puts out the floats that wait.
#[test]
fn a_page_break_flushes_floats() {
    let (_s, n) = nodes();
    let out = write_content(&vec![n(NodeKind::Pagebreak)]).text;
    assert!(
        out.contains("#place.flush();#pagebreak(weak: true);"),
        "{out}"
    );
}

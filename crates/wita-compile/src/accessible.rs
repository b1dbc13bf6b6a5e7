//! What a web page needs to pass an accessibility audit (axe-core 4, WCAG
//! 2.0/2.1 A and AA and its best practices: `tools/axe-audit.py`) that
//! typst's HTML export does not write itself. Done on the page's tree, after
//! typst built it and before it is written, so it holds for any page
//! template a journal brings.

use typst_html::{HtmlAttr, HtmlElement, HtmlNode, HtmlTag, attr, tag};

const DATA_LANG: HtmlAttr = HtmlAttr::constant("data-lang");

/// Makes the page `root` (its `<html>` element) accessible:
/// - footnotes' DPUB-ARIA roles on their links, where ARIA allows them
///   (typst puts `doc-noteref` and `doc-backlink` on a `<sup>`);
/// - the footnotes (typst's `<section role="doc-endnotes">`, written after
///   `<main>`) inside the article, so that all content is in a landmark;
/// - the boxes the stylesheet lets scroll sideways (code, display math)
///   reachable with the keyboard, a code block with a name;
/// - a link inside a formula as MathML (typst writes an HTML `<a>`, which
///   browsers neither show as a link nor allow inside `<math>`);
/// - a name for a formula that is all of a link's, a header cell's or a
///   heading's text (audits do not read MathML), and empty header cells as
///   data cells;
/// - heading levels that go down one at a time (a document may follow a
///   `\section` with a `\subsubsection`).
pub(crate) fn make_accessible(root: &mut HtmlElement) {
    endnotes_into_article(root);
    fix(root, false);
    let mut open = Vec::new();
    heading_levels(root, &mut open);
}

fn children_mut(element: &mut HtmlElement) -> impl Iterator<Item = &mut HtmlElement> {
    element
        .children
        .make_mut()
        .iter_mut()
        .filter_map(|node| match node {
            HtmlNode::Element(e) => Some(e),
            _ => None,
        })
}

fn set_attr(element: &mut HtmlElement, name: HtmlAttr, value: &str) {
    match element.attrs.get_mut(name) {
        Some(v) => *v = value.into(),
        None => element.attrs.push(name, value),
    }
}

fn has_attr(element: &HtmlElement, name: HtmlAttr) -> bool {
    element.attrs.get(name).is_some()
}

/// typst writes the footnotes after `<main>`, as the body's last child.
fn endnotes_into_article(root: &mut HtmlElement) {
    let Some(body) = children_mut(root).find(|e| e.tag == tag::body) else {
        return;
    };
    let is_endnotes = |node: &HtmlNode| {
        matches!(node, HtmlNode::Element(e) if e.tag == tag::section
            && e.attrs.get(attr::role).is_some_and(|r| r == "doc-endnotes"))
    };
    if !body.children.iter().any(is_endnotes) {
        return;
    }
    if !body
        .children
        .iter()
        .any(|n| matches!(n, HtmlNode::Element(e) if e.tag == tag::main))
    {
        return;
    }
    let mut notes = Vec::new();
    let mut kept = Vec::with_capacity(body.children.len());
    for node in body.children.iter().cloned() {
        if is_endnotes(&node) {
            notes.push(node);
        } else {
            kept.push(node);
        }
    }
    body.children = kept.into_iter().collect();
    let Some(main) = children_mut(body).find(|e| e.tag == tag::main) else {
        return;
    };
    // At the article's end, where they are read; else at the end of <main>.
    let target = if main
        .children
        .iter()
        .any(|n| matches!(n, HtmlNode::Element(e) if e.tag == tag::article))
    {
        children_mut(main)
            .filter(|e| e.tag == tag::article)
            .last()
            .expect("an article")
    } else {
        main
    };
    target.children.extend(notes);
}

fn fix(element: &mut HtmlElement, in_math: bool) {
    let in_math = in_math || element.tag == tag::mathml::math;
    // DPUB-ARIA's link roles are allowed on a link, not on a <sup>.
    if element.tag != tag::a
        && let Some(role) = element.attrs.get(attr::role).cloned()
        && matches!(role.as_str(), "doc-noteref" | "doc-backlink")
    {
        let mut moved = false;
        if let Some(link) = children_mut(element).find(|e| e.tag == tag::a) {
            set_attr(link, attr::role, &role);
            moved = true;
        }
        if moved {
            element.attrs.0.retain(|(name, _)| *name != attr::role);
        }
    }
    // What scrolls sideways (`overflow-x: auto` in the stylesheet) takes the
    // keyboard's focus, so that arrow keys scroll it. A code block is named
    // as a group (a region would be a landmark, one per listing).
    if element.tag == tag::pre && !has_attr(element, attr::tabindex) {
        let lang = children_mut(element)
            .find(|e| e.tag == tag::code)
            .and_then(|code| code.attrs.get(DATA_LANG).cloned());
        set_attr(element, attr::tabindex, "0");
        if !has_attr(element, attr::role) {
            set_attr(element, attr::role, "group");
        }
        if !has_attr(element, attr::aria_label) {
            let name = match lang {
                Some(lang) if !lang.is_empty() => format!("Code ({lang})"),
                _ => "Code".to_owned(),
            };
            set_attr(element, attr::aria_label, &name);
        }
    }
    if element.tag == tag::mathml::math
        && element
            .attrs
            .get(attr::mathml::display)
            .is_some_and(|d| d == "block")
        && !has_attr(element, attr::tabindex)
    {
        set_attr(element, attr::tabindex, "0");
    }
    // A reference inside a formula (`\eqref` in a `\tag`, `\ref` in a
    // display): HTML's <a> has no place in MathML, where a token row with
    // `href` is the link (where browsers follow it).
    if in_math && element.tag == tag::a {
        element.tag = tag::mathml::mrow;
        let children = element.children.iter().cloned().map(|node| match node {
            HtmlNode::Text(text, span) if !text.trim().is_empty() => HtmlNode::Element(
                HtmlElement::new(tag::mathml::mtext)
                    .with_children([HtmlNode::Text(text, span)].into_iter().collect())
                    .spanned(span),
            ),
            other => other,
        });
        element.children = children.collect();
    }
    if element.tag == tag::th && !has_content(element) {
        // An empty corner cell heads nothing.
        element.tag = tag::td;
    }
    if (element.tag == tag::a || element.tag == tag::th || heading_level(element.tag).is_some())
        && !in_math
        && text_outside_math(element).trim().is_empty()
    {
        name_formulas(element);
    }
    for child in children_mut(element) {
        fix(child, in_math);
    }
}

/// Whether an element shows anything: text, a formula, an image or a
/// drawing.
fn has_content(element: &HtmlElement) -> bool {
    element.children.iter().any(|node| match node {
        HtmlNode::Text(text, _) => !text.trim().is_empty(),
        HtmlNode::Frame(_) => true,
        HtmlNode::Element(e) => {
            e.tag == tag::mathml::math
                || e.tag == HtmlTag::constant("img")
                || e.tag == HtmlTag::constant("svg")
                || has_content(e)
        }
        HtmlNode::Tag(_) => false,
    })
}

fn text_outside_math(element: &HtmlElement) -> String {
    let mut out = String::new();
    for node in &element.children {
        match node {
            HtmlNode::Text(text, _) => out.push_str(text),
            HtmlNode::Element(e) if e.tag != tag::mathml::math => {
                out.push_str(&text_outside_math(e))
            }
            _ => {}
        }
    }
    out
}

/// Each formula in `element` named by its text (`aria-label`): axe-core
/// reads no MathML, so a link, header cell or heading that is a formula
/// alone would have no name for it.
fn name_formulas(element: &mut HtmlElement) {
    for child in children_mut(element) {
        if child.tag == tag::mathml::math {
            if !has_attr(child, attr::aria_label) {
                let mut tokens = Vec::new();
                math_tokens(child, &mut tokens);
                let name = join_tokens(&tokens);
                if !name.is_empty() {
                    set_attr(child, attr::aria_label, &name);
                }
            }
        } else {
            name_formulas(child);
        }
    }
}

/// The text of a formula's tokens, each with whether it is an operator.
fn math_tokens(element: &HtmlElement, out: &mut Vec<(bool, String)>) {
    let operator = element.tag == HtmlTag::constant("mo");
    for node in &element.children {
        match node {
            HtmlNode::Text(text, _) if !text.trim().is_empty() => {
                out.push((operator, text.trim().to_owned()))
            }
            HtmlNode::Element(e) => math_tokens(e, out),
            _ => {}
        }
    }
}

/// Tokens in a line: identifiers and numbers apart (`C SSTORE`), operators
/// against their neighbours (`φ′(x)`).
fn join_tokens(tokens: &[(bool, String)]) -> String {
    let mut out = String::new();
    let mut previous_operator = true;
    for (operator, text) in tokens {
        if !out.is_empty() && !operator && !previous_operator {
            out.push(' ');
        }
        out.push_str(text);
        previous_operator = *operator;
    }
    out
}

fn heading_level(t: HtmlTag) -> Option<u8> {
    [tag::h1, tag::h2, tag::h3, tag::h4, tag::h5, tag::h6]
        .iter()
        .position(|h| *h == t)
        .map(|i| i as u8 + 1)
}

/// Renumbers headings so that none is more than one level below the heading
/// before it: each is one below the nearest heading before it of a higher
/// level as written (its parent). `open` holds the headings above the
/// current place, as written and as renumbered.
fn heading_levels(element: &mut HtmlElement, open: &mut Vec<(u8, u8)>) {
    if let Some(level) = heading_level(element.tag) {
        while open.last().is_some_and(|(written, _)| *written >= level) {
            open.pop();
        }
        let new = open.last().map_or(level, |(_, parent)| parent + 1);
        if new != level {
            element.tag = [tag::h1, tag::h2, tag::h3, tag::h4, tag::h5, tag::h6][new as usize - 1];
        }
        open.push((level, new));
    }
    for child in children_mut(element) {
        heading_levels(child, open);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use typst::syntax::Span;

    fn el(t: &str, attrs: &[(&str, &str)], children: Vec<HtmlNode>) -> HtmlNode {
        let mut e = HtmlElement::new(HtmlTag::intern(t).unwrap());
        for (k, v) in attrs {
            e.attrs.push(HtmlAttr::intern(k).unwrap(), *v);
        }
        HtmlNode::Element(e.with_children(children.into_iter().collect()))
    }

    fn text(t: &str) -> HtmlNode {
        HtmlNode::text(t, Span::detached())
    }

    /// The tree as compact markup, for comparing.
    fn show(node: &HtmlNode) -> String {
        match node {
            HtmlNode::Text(t, _) => t.to_string(),
            HtmlNode::Element(e) => {
                let attrs: String = e
                    .attrs
                    .0
                    .iter()
                    .map(|(k, v)| format!(" {}=\"{v}\"", k.resolve()))
                    .collect();
                let inner: String = e.children.iter().map(show).collect();
                format!("<{0}{attrs}>{inner}</{0}>", e.tag.resolve())
            }
            _ => String::new(),
        }
    }

    fn page(body: Vec<HtmlNode>) -> HtmlElement {
        match el(
            "html",
            &[],
            vec![el("head", &[], vec![]), el("body", &[], body)],
        ) {
            HtmlNode::Element(e) => e,
            _ => unreachable!(),
        }
    }

    fn fixed(body: Vec<HtmlNode>) -> String {
        let mut root = page(body);
        make_accessible(&mut root);
        show(&HtmlNode::Element(root))
    }

    #[test]
    fn footnotes_have_their_roles_on_links_and_sit_in_the_article() {
        let out = fixed(vec![
            el("header", &[], vec![text("Journal")]),
            el(
                "main",
                &[],
                vec![el(
                    "article",
                    &[],
                    vec![el(
                        "p",
                        &[],
                        vec![
                            text("Text"),
                            el(
                                "sup",
                                &[("id", "loc-1"), ("role", "doc-noteref")],
                                vec![el("a", &[("href", "#loc-2")], vec![text("1")])],
                            ),
                        ],
                    )],
                )],
            ),
            el(
                "section",
                &[("role", "doc-endnotes")],
                vec![el(
                    "ol",
                    &[],
                    vec![el(
                        "li",
                        &[("id", "loc-2")],
                        vec![
                            el(
                                "sup",
                                &[("role", "doc-backlink")],
                                vec![el("a", &[("href", "#loc-1")], vec![text("1")])],
                            ),
                            text("The note."),
                        ],
                    )],
                )],
            ),
        ]);
        assert_eq!(
            out,
            "<html><head></head><body><header>Journal</header><main><article>\
             <p>Text<sup id=\"loc-1\"><a href=\"#loc-2\" role=\"doc-noteref\">1</a></sup></p>\
             <section role=\"doc-endnotes\"><ol><li id=\"loc-2\">\
             <sup><a href=\"#loc-1\" role=\"doc-backlink\">1</a></sup>The note.</li></ol>\
             </section></article></main></body></html>"
        );
    }

    #[test]
    fn code_blocks_and_display_math_take_the_focus() {
        let out = fixed(vec![el(
            "main",
            &[],
            vec![
                el(
                    "pre",
                    &[],
                    vec![el("code", &[("data-lang", "python")], vec![text("x = 1")])],
                ),
                el("pre", &[], vec![el("code", &[], vec![text("plain")])]),
                el(
                    "math",
                    &[("display", "block")],
                    vec![el("mi", &[], vec![text("x")])],
                ),
                el("math", &[], vec![el("mi", &[], vec![text("y")])]),
            ],
        )]);
        assert!(
            out.contains(
                "<pre tabindex=\"0\" role=\"group\" aria-label=\"Code (python)\"><code data-lang"
            ),
            "{out}"
        );
        assert!(
            out.contains("<pre tabindex=\"0\" role=\"group\" aria-label=\"Code\"><code>"),
            "{out}"
        );
        assert!(
            out.contains("<math display=\"block\" tabindex=\"0\">"),
            "{out}"
        );
        assert!(out.contains("<math><mi>y</mi></math>"), "{out}");
    }

    #[test]
    fn links_in_formulas_are_mathml() {
        let out = fixed(vec![el(
            "main",
            &[],
            vec![el(
                "math",
                &[("display", "block")],
                vec![
                    el("mo", &[], vec![text("(")]),
                    el("a", &[("href", "#loc-29")], vec![text("72")]),
                    el("mo", &[], vec![text(")")]),
                ],
            )],
        )]);
        assert!(
            out.contains("<mrow href=\"#loc-29\"><mtext>72</mtext></mrow>"),
            "{out}"
        );
    }

    #[test]
    fn formulas_alone_in_links_headers_and_headings_are_named() {
        let formula = || {
            el(
                "math",
                &[],
                vec![el(
                    "msub",
                    &[],
                    vec![
                        el("mi", &[], vec![text("𝐶")]),
                        el("mtext", &[], vec![text("SSTORE")]),
                    ],
                )],
            )
        };
        let derivative = el(
            "math",
            &[],
            vec![
                el("mi", &[], vec![text("𝜑")]),
                el("mo", &[], vec![text("′")]),
                el("mo", &[], vec![text("(")]),
                el("mi", &[], vec![text("𝑥")]),
                el("mo", &[], vec![text(")")]),
            ],
        );
        let out = fixed(vec![el(
            "main",
            &[],
            vec![
                el("a", &[("href", "#x")], vec![formula()]),
                el("p", &[], vec![text("In text: "), formula()]),
                el("a", &[("href", "#y")], vec![text("Table "), formula()]),
                el(
                    "table",
                    &[],
                    vec![el(
                        "tr",
                        &[],
                        vec![el("th", &[], vec![]), el("th", &[], vec![derivative])],
                    )],
                ),
            ],
        )]);
        assert!(
            out.contains("<a href=\"#x\"><math aria-label=\"𝐶 SSTORE\">"),
            "{out}"
        );
        // Formulas among words keep being read as MathML.
        assert!(out.contains("<p>In text: <math><msub>"), "{out}");
        assert!(out.contains("<a href=\"#y\">Table <math><msub>"), "{out}");
        assert!(
            out.contains("<tr><td></td><th><math aria-label=\"𝜑′(𝑥)\">"),
            "{out}"
        );
    }

    #[test]
    fn headings_go_down_one_level_at_a_time() {
        let h = |level: &str, t: &str| el(level, &[], vec![text(t)]);
        let out = fixed(vec![el(
            "main",
            &[],
            vec![
                h("h1", "Title"),
                h("h2", "1"),
                h("h4", "1.0.1"),
                h("h4", "1.0.2"),
                h("h5", "deeper"),
                h("h3", "1.1"),
                h("h2", "2"),
                h("h6", "a paragraph"),
            ],
        )]);
        assert_eq!(
            out,
            "<html><head></head><body><main><h1>Title</h1><h2>1</h2><h3>1.0.1</h3>\
             <h3>1.0.2</h3><h4>deeper</h4><h3>1.1</h3><h2>2</h2><h3>a paragraph</h3>\
             </main></body></html>"
        );
    }

    #[test]
    fn a_page_without_footnotes_or_main_is_left_as_it_is() {
        let body = vec![el("section", &[("role", "doc-endnotes")], vec![text("n")])];
        let out = fixed(body);
        assert_eq!(
            out,
            "<html><head></head><body><section role=\"doc-endnotes\">n</section></body></html>"
        );
    }
}

//! The writer: the document model written as Typst markup, with a
//! [`SourceMap`] back to the LaTeX.
//!
//! Split by what is written, as the reader's command registry is split by
//! package: this module holds the entry points, the [`Writer`] and the
//! dispatch over node kinds, with the helpers every part uses (labels,
//! lengths, blocks); the rest is in
//!
//! - `paragraphs`: runs of content and what LaTeX decides from the nodes
//!   around one (indents, lone parboxes, stacked headings…);
//! - `text`: inline text, styles, links, cross-references;
//! - `cites`: citations and reference lists;
//! - `blocks`: headings, lists, code blocks, aligned content, algorithms;
//! - `floats`: floats, subfigures, images, placeholders;
//! - `tables`: tables;
//! - `math`: equations (converted by [`crate::math`]);
//! - `source_map`: the map back to the LaTeX.

mod blocks;
mod cites;
mod floats;
mod math;
mod paragraphs;
mod source_map;
mod tables;
#[cfg(test)]
mod tests;
mod text;

use std::fmt::Write;

use wita_diag::{Diagnostic, Span};
use wita_doc::{Content, FloatKind, Length, Node, NodeKind};

use crate::escape::{markup, string};

pub use source_map::{SourceMap, SourceMapIndex};

/// Generated markup and where each piece of it came from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Markup {
    pub text: String,
    pub map: SourceMap,
    /// Problems found while writing (math that could not be converted).
    pub diagnostics: Vec<Diagnostic>,
    /// Whether the markup holds converted math (and so needs the math module).
    pub has_math: bool,
}

/// How to write.
#[derive(Debug, Clone, Default)]
pub struct WriteOptions {
    /// Prepended to every label, so that two articles may both define
    /// `\label{sec:intro}`.
    pub label_prefix: String,
    /// Keys of the article's hand-written bibliography (`\bibitem`) and what
    /// a citation of each prints (its number, or its `[label]`).
    pub bibitems: std::collections::HashMap<String, String>,
    /// What `\textcite`, `\citeauthor`, `\citetitle`, `\citeyear` and
    /// `\citeurl` print of the cite.bib entries among `bibitems`.
    pub cite_data: std::collections::HashMap<String, CiteData>,
    /// Keys cited that are not an item's own: an entry's other keys (`ids`)
    /// and the members of a set, each to the item it is printed in.
    pub bibitem_targets: std::collections::HashMap<String, String>,
    /// The article's reference list, printed at every `\printbibliography`
    /// (wherever it sits: inside a `refsection`, a group, a minipage).
    pub references: Option<Vec<wita_doc::BibItem>>,
    /// The widest label of the document's reference lists (a number), which
    /// sizes every list's label column, as biblatex does.
    pub widest_reference: Option<String>,
    /// Gives every equation its LaTeX as alternative text (what PDF/UA asks
    /// for, and what screen readers speak).
    pub math_alt: bool,
}

/// The parts of a reference that citation commands print.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CiteData {
    /// Family names, `et al.` after three (biblatex's `labelname`).
    pub names: Option<String>,
    pub title: Content,
    pub year: Option<String>,
    pub url: Option<String>,
}

/// Writes content as Typst markup.
pub fn write_content(content: &Content) -> Markup {
    write_content_with(content, &WriteOptions::default())
}

/// Writes content as Typst markup, with options.
pub fn write_content_with(content: &Content, options: &WriteOptions) -> Markup {
    let mut w = Writer {
        options: options.clone(),
        ..Writer::default()
    };
    w.content(content);
    Markup {
        text: w.out,
        map: w.map,
        diagnostics: w.diagnostics,
        has_math: w.has_math,
    }
}

/// The markup written so far, its map, and what writing it needs to remember.
#[derive(Default)]
struct Writer {
    out: String,
    map: SourceMap,
    options: WriteOptions,
    diagnostics: Vec<Diagnostic>,
    has_math: bool,
    /// Keys whose bibliography item already carries the link target: a
    /// second `\printbibliography` prints the items again without one.
    anchored: std::collections::HashSet<String>,
    /// A booktabs rule was written: the next row keeps \belowrulesep from it.
    pending_rule_space: bool,
    /// How deep in lists the content being written is (LaTeX's
    /// `\@listdepth`), told to the template: a state would be read before
    /// typst knows where a nested list lands, and the layout would not settle.
    list_depth: usize,
    /// How deep in `itemize`s alone, and in `enumerate`s alone (LaTeX's
    /// `\@itemdepth` and `\@enumdepth`, which choose the bullet and the
    /// numbering).
    item_depth: usize,
    enum_depth: usize,
    /// Where the last block written ends: text right after it starts a
    /// paragraph (unindented, when LaTeX's text goes on after a display).
    block_end: Option<usize>,
}

const T: &str = crate::TEMPLATE;

impl Writer {
    /// A node, mapped to its LaTeX.
    fn node(&mut self, node: &Node) {
        let start = self.out.len();
        self.kind(&node.kind, node.span);
        self.map.push(start, self.out.len(), node.span);
    }

    /// What a node is, written: short kinds here, the others by the part of
    /// the writer that knows them.
    fn kind(&mut self, kind: &NodeKind, span: Span) {
        match kind {
            NodeKind::Text(t) => markup(t, &mut self.out),
            NodeKind::Space => self.out.push(' '),
            NodeKind::NbSpace => self.out.push('~'),
            NodeKind::Linebreak => self.out.push_str("#linebreak();"),
            NodeKind::Parbreak => {
                while self.out.ends_with(' ') {
                    self.out.pop();
                }
                self.out.push_str("\n\n");
            }
            NodeKind::Group(c) => {
                self.out.push('#');
                self.bracket(c);
                self.out.push(';');
            }
            NodeKind::SetStyle(style) => self.set_style(*style),
            NodeKind::Styled(style, c) => self.styled(*style, c),
            NodeKind::Heading(h) => self.block(|w| w.heading(h)),
            NodeKind::Anchor(name) => {
                self.out.push_str("#metadata(\"anchor\");");
                self.label(Some(name));
            }
            NodeKind::Ref(r) => self.reference(r),
            NodeKind::LastNumber(kind) => {
                let kind = match kind {
                    wita_doc::NumberedKind::Figure => "figure",
                    wita_doc::NumberedKind::Table => "table",
                    wita_doc::NumberedKind::Equation => "equation",
                    wita_doc::NumberedKind::EquationOfTag => "equation-of-tag",
                };
                let _ = write!(self.out, "#{T}.last-number(\"{kind}\");");
            }
            NodeKind::RefList {
                refs,
                from,
                to,
                last,
            } => {
                let labels: Vec<String> = refs.iter().map(|r| self.label_value(&r.label)).collect();
                let equation = refs.iter().all(|r| r.kind == wita_doc::RefKind::Equation);
                let _ = write!(
                    self.out,
                    "#{T}.cref-numbers(({},), equation: {equation}, from: ",
                    labels.join(", ")
                );
                string(from, &mut self.out);
                self.out.push_str(", to: ");
                string(to, &mut self.out);
                self.out.push_str(", last: ");
                string(last, &mut self.out);
                self.out.push_str(");");
            }
            NodeKind::List(list) => self.block(|w| w.list(list)),
            NodeKind::CodeBlock(code) => self.block(|w| w.code_block(code)),
            NodeKind::InlineCode(code) => {
                let _ = write!(self.out, "#{T}.code(");
                // A raw of the markup (`` `x` ``), whose glyphs keep a span
                // of the article's for SyncTeX; what one cannot hold (a
                // backtick, a line break), a string.
                if code.is_empty() || code.contains(['`', '\n', '\r']) {
                    string(code, &mut self.out);
                } else {
                    self.out.push('`');
                    self.out.push_str(code);
                    self.out.push('`');
                }
                self.out.push_str(");");
            }
            NodeKind::Link { url, body } => self.link(url, body),
            NodeKind::Url(url) => {
                let _ = write!(self.out, "#{T}.url(");
                string(url, &mut self.out);
                self.out.push_str(");");
            }
            NodeKind::Cite(cite) => self.cite(cite),
            NodeKind::BibItems(items) => self.bib_items(items, None),
            NodeKind::Bibliography => self.bibliography(),
            NodeKind::Footnote(c) | NodeKind::FootnoteText(c) => {
                self.out.push_str("#footnote");
                self.bracket(c);
                self.out.push(';');
            }
            NodeKind::FootnoteMark => self.out.push_str("#footnote[];"),
            NodeKind::TitleBlock => self.block(|w| {
                let _ = write!(w.out, "#{T}.title-block(article);");
            }),
            // Written by `content`, which knows what follows the box.
            NodeKind::LicenceBox(c) => self.block(|w| {
                let _ = write!(w.out, "#{T}.licence-box(article, ");
                w.bracket(c);
                w.out.push_str(");");
            }),
            NodeKind::VSpace(len) => self.block(|w| {
                let _ = write!(w.out, "#v({});", length(*len));
            }),
            NodeKind::HSpace(len) => {
                let _ = write!(self.out, "#h({});", length(*len));
            }
            NodeKind::HFill => self.out.push_str("#h(1fr);"),
            NodeKind::NoIndent => {}
            NodeKind::Scaled(scale, body) => {
                let args = match scale {
                    wita_doc::Scale::To { width, height } => {
                        let side = |l: &Option<Length>| l.map_or("none".to_owned(), length);
                        format!("width: {}, height: {}", side(width), side(height))
                    }
                    wita_doc::Scale::By { x, y } => {
                        format!("x: {}%, y: {}%", round(x * 100.0), round(y * 100.0))
                    }
                };
                let block = kind.is_block();
                let scaled = |w: &mut Self| {
                    let _ = write!(w.out, "#{T}.scaled(block: {block}, {args})");
                    w.bracket(body);
                    w.out.push(';');
                };
                if block {
                    self.block(scaled);
                } else {
                    scaled(self);
                }
            }
            // The equations in it lettered under one number (the template's).
            NodeKind::Subequations { label, body } => self.block(|w| {
                let _ = write!(w.out, "#{T}.subequations(label: ");
                w.label_or_none(label.as_deref());
                w.out.push(')');
                w.bracket(body);
                w.out.push(';');
            }),
            NodeKind::Parbox { width, body } => {
                let _ = write!(self.out, "#{T}.parbox({})", length(*width));
                self.bracket(body);
                self.out.push(';');
            }
            // `\clearpage` puts out the floats still waiting first.
            NodeKind::Pagebreak => {
                self.block(|w| w.out.push_str("#place.flush();#pagebreak(weak: true);"))
            }
            // A show rule over the rest of the article: its sections lettered.
            NodeKind::Appendix(appendix) => self.block(|w| {
                let mut args = Vec::new();
                if let Some(name) = &appendix.name {
                    args.push(format!("name: {}", crate::escape::string_lit(&name.word)));
                    args.push(format!(
                        "separator: {}",
                        crate::escape::string_lit(&name.separator)
                    ));
                }
                if appendix.lettered_equations {
                    args.push("lettered-equations: true".into());
                }
                if args.is_empty() {
                    let _ = writeln!(w.out, "#show: {T}.appendix");
                } else {
                    let _ = writeln!(w.out, "#show: {T}.appendix.with({})", args.join(", "));
                }
            }),
            NodeKind::Image(image) => self.image(image),
            NodeKind::Math(math) => {
                if math.display() {
                    self.block(|w| w.math(math, span));
                } else {
                    self.math(math, span);
                }
            }
            NodeKind::Quote(c) => self.block(|w| {
                let _ = write!(w.out, "#{T}.quote");
                w.bracket(c);
                w.out.push(';');
            }),
            NodeKind::Boxed(b) => self.block(|w| {
                let _ = write!(w.out, "#{T}.tcolorbox(");
                if let Some(title) = &b.title {
                    w.out.push_str("title: ");
                    w.bracket(title);
                    w.out.push_str(", ");
                }
                if let Some(lower) = &b.lower {
                    w.out.push_str("lower: ");
                    w.bracket(lower);
                    w.out.push_str(", ");
                }
                if let Some(back) = b.back {
                    let _ = write!(w.out, "back: {}, ", text::rgb(back));
                }
                if let Some(frame) = b.frame {
                    let _ = write!(w.out, "frame: {}, ", text::rgb(frame));
                }
                w.out.push(')');
                w.bracket(&b.upper);
                w.out.push(';');
            }),
            NodeKind::Align(align, c) => self.block(|w| w.aligned(*align, c)),
            NodeKind::Table(table) => self.table(table, span),
            NodeKind::Float(float) if matches!(float.kind, FloatKind::Subfigure(_)) => {
                self.subfigure(float)
            }
            NodeKind::Float(float) => self.block(|w| w.float(float)),
            NodeKind::Unknown { args, .. } => self.unknown(args),
            NodeKind::Algorithmic(alg) => self.block(|w| w.algorithmic(alg)),
            NodeKind::Placeholder(p) => self.placeholder(p),
            NodeKind::RuleBox {
                width,
                height,
                raise,
            } => self.rule_box(*width, *height, *raise),
            NodeKind::Phantom(body) => {
                let _ = write!(self.out, "#{T}.phantom");
                self.bracket(body);
                self.out.push(';');
            }
        }
    }

    /// A label value for an article's label.
    fn label_value(&self, name: &str) -> String {
        let mut out = String::from("label(");
        string(&format!("{}{name}", self.options.label_prefix), &mut out);
        out.push(')');
        out
    }

    /// A label as a template argument's value: `label(..)`, or `none`.
    fn label_or_none(&mut self, name: Option<&str>) {
        match name {
            Some(name) => {
                let value = self.label_value(name);
                self.out.push_str(&value);
            }
            None => self.out.push_str("none"),
        }
    }

    /// Attaches a label to what was just written.
    fn label(&mut self, name: Option<&str>) {
        if let Some(name) = name {
            let value = self.label_value(name);
            let _ = write!(self.out, "#{value};");
        }
    }

    /// Content that stands between paragraphs: on a line of its own.
    fn block(&mut self, f: impl FnOnce(&mut Self)) {
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        f(self);
        self.block_end = Some(self.out.trim_end_matches([' ', '\n']).len());
        self.out.push('\n');
    }

    /// `[...]` holding content.
    fn bracket(&mut self, content: &[Node]) {
        self.out.push('[');
        self.content(content);
        self.out.push(']');
    }
}

/// A length as a Typst expression.
pub(crate) fn length(len: Length) -> String {
    match len {
        Length::Pt(p) => format!("{}pt", round(p)),
        Length::Em(e) => format!("{}em", round(e)),
        Length::Width(f) => format!("{}%", round(f * 100.0)),
        Length::SmallSkip => format!("{T}.smallskip"),
        Length::MedSkip => format!("{T}.medskip"),
        Length::BigSkip => format!("{T}.bigskip"),
    }
}

/// A number as Typst writes it, to a thousandth.
fn round(x: f64) -> String {
    let r = (x * 1000.0).round() / 1000.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        format!("{r}")
    }
}

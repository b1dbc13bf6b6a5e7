use std::fmt::Write;

use wita_diag::codes;
use wita_diag::{Diagnostic, Span};
use wita_doc::{
    Alignment, CiteMode, ColumnKind, Content, FloatKind, Length, ListKind, Math, Node, NodeKind,
    RefKind, Rule, Style, Table, TableRow,
};

use crate::escape::{markup, string};

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

/// Byte ranges of generated markup and the LaTeX spans they stand for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourceMap {
    entries: Vec<(usize, usize, Span)>,
}

impl SourceMap {
    pub fn push(&mut self, start: usize, end: usize, span: Span) {
        self.entries.push((start, end, span));
    }

    /// The LaTeX span of the innermost piece of markup holding `offset`.
    pub fn find(&self, offset: usize) -> Option<Span> {
        self.entries
            .iter()
            .filter(|(s, e, _)| *s <= offset && offset <= *e)
            .min_by_key(|(s, e, _)| e - s)
            .map(|(_, _, span)| *span)
    }

    /// The map of markup that was placed at `offset` in a bigger file.
    pub fn shifted(&self, offset: usize) -> SourceMap {
        SourceMap {
            entries: self
                .entries
                .iter()
                .map(|&(s, e, span)| (s + offset, e + offset, span))
                .collect(),
        }
    }

    pub fn extend(&mut self, other: SourceMap) {
        self.entries.extend(other.entries);
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The map as a table from every byte of the markup to its innermost
    /// piece, for many lookups ([`find`](Self::find) scans every entry).
    pub fn index(&self) -> SourceMapIndex {
        let end = self
            .entries
            .iter()
            .map(|&(_, e, _)| e + 1)
            .max()
            .unwrap_or(0);
        let mut innermost = vec![u32::MAX; end];
        // Widest first, so that a piece nested in another paints over it;
        // of two of one width, the first pushed wins, as in `find`.
        let mut order: Vec<usize> = (0..self.entries.len()).collect();
        order.sort_by_key(|&i| {
            let (s, e, _) = self.entries[i];
            (std::cmp::Reverse(e - s), std::cmp::Reverse(i))
        });
        for i in order {
            let (s, e, _) = self.entries[i];
            innermost[s..=e].fill(i as u32);
        }
        SourceMapIndex {
            entries: self.entries.clone(),
            innermost,
        }
    }
}

/// A [`SourceMap`] indexed by byte ([`SourceMap::index`]).
#[derive(Debug, Clone, Default)]
pub struct SourceMapIndex {
    entries: Vec<(usize, usize, Span)>,
    innermost: Vec<u32>,
}

impl SourceMapIndex {
    /// The innermost piece of markup holding `offset`: its start in the
    /// markup and the LaTeX it stands for.
    pub fn find(&self, offset: usize) -> Option<(usize, Span)> {
        let &i = self.innermost.get(offset)?;
        let &(start, _, span) = self.entries.get(i as usize)?;
        Some((start, span))
    }

    /// The place in the LaTeX of the markup's byte `offset`: as far into the
    /// innermost piece's LaTeX as `offset` is into the piece (a word is
    /// written as it was read, so this finds the line of a word in a
    /// paragraph; elsewhere it stays inside the piece's span).
    pub fn locate(&self, offset: usize) -> Option<Span> {
        let (start, span) = self.find(offset)?;
        let at = span.start as usize + (offset - start).min(span.range().len());
        Some(Span::new(span.file, at..at))
    }
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
}

const T: &str = crate::TEMPLATE;

/// The most cells a table may have. typst lays out a table cell by cell in
/// each of its layout passes (~0.2 ms a cell on the development machine):
/// a bigger table would take minutes and gigabytes, where an error says at
/// once what to do.
pub const MAX_TABLE_CELLS: usize = 50_000;

impl Writer {
    fn content(&mut self, content: &[Node]) {
        let mut i = 0;
        while i < content.len() {
            let node = &content[i];
            if let Some(end) = lone_parbox(content, i)
                && self.at_paragraph_start()
            {
                // A paragraph that is only a `\parbox` (`\noindent\parbox
                // {\linewidth}{..}`): LaTeX spaces a box taller than a line by
                // \lineskip, not by the baselines, which the template's block
                // does as well.
                let NodeKind::Parbox { width, body } = &content[end - 1].kind else {
                    unreachable!("lone_parbox ends at a parbox")
                };
                let start = self.out.len();
                self.block(|w| {
                    let _ = write!(w.out, "#{T}.parbox-block({})", length(*width));
                    w.bracket(body);
                    w.out.push(';');
                });
                self.map.push(start, self.out.len(), content[end - 1].span);
                i = end;
                continue;
            }
            let explicit = matches!(node.kind, NodeKind::NoIndent);
            if (explicit || unindented_paragraph(content, i)) && self.at_paragraph_start() {
                // `\noindent`, or a paragraph LaTeX does not indent: the rest
                // of this paragraph, unindented.
                let first = if explicit { i + 1 } else { i };
                let end = content[first..]
                    .iter()
                    .position(|n| matches!(n.kind, NodeKind::Parbreak) || ends_paragraph(&n.kind))
                    .map_or(content.len(), |p| first + p);
                let start = self.out.len();
                let _ = write!(self.out, "#{T}.noindent[");
                self.content(&content[first..end]);
                self.out.push_str("];");
                self.map.push(start, self.out.len(), node.span);
                i = end;
                continue;
            }
            if let NodeKind::LicenceBox(licence) = &node.kind {
                // The box is followed by a fixed gap in the old class, which
                // replaces (not adds to) a heading's space above.
                let heading = content[i + 1..]
                    .iter()
                    .find(|n| !matches!(n.kind, NodeKind::Space | NodeKind::Parbreak))
                    .and_then(|n| match &n.kind {
                        NodeKind::Heading(h) => Some(h.level),
                        _ => None,
                    });
                let start = self.out.len();
                self.block(|w| {
                    let _ = write!(w.out, "#{T}.licence-box(article, ");
                    w.bracket(licence);
                    if let Some(level) = heading {
                        let _ = write!(w.out, ", heading: {level}");
                    }
                    w.out.push_str(");");
                });
                self.map.push(start, self.out.len(), node.span);
                i += 1;
                continue;
            }
            if let NodeKind::Heading(h) = &node.kind
                && h.level < 4
                && content[..i]
                    .iter()
                    .rev()
                    .find(|n| !matches!(n.kind, NodeKind::Space | NodeKind::Parbreak))
                    .is_some_and(|n| matches!(&n.kind, NodeKind::Heading(p) if p.level < 4))
            {
                // A heading right under another is spaced as LaTeX spaces it,
                // without the paragraph skip (the template reads this state).
                let _ = write!(self.out, "#{T}.stacked-heading.update(true);");
                self.node(node);
                let _ = write!(self.out, "#{T}.stacked-heading.update(false);");
                i += 1;
                continue;
            }
            if let NodeKind::SetStyle(Style::Size(size)) = node.kind {
                // A size switch takes its baselines along only where it
                // holds whole paragraphs: in LaTeX, a paragraph takes the
                // baseline skip in force where it ends.
                let start = self.out.len();
                self.size_switch(size, &content[i + 1..]);
                self.map.push(start, self.out.len(), node.span);
                i += 1;
                continue;
            }
            self.node(node);
            // Two citation commands in a row stay two groups (`[2] [4]`):
            // typst would merge citations separated only by spaces.
            if matches!(node.kind, NodeKind::Cite(_)) {
                let next = content[i + 1..]
                    .iter()
                    .find(|n| !matches!(n.kind, NodeKind::Space));
                if next.is_some_and(
                    |n| matches!(&n.kind, NodeKind::Cite(c) if c.mode != CiteMode::NoCite),
                ) {
                    self.out.push_str("#h(0pt);");
                }
            }
            i += 1;
        }
    }

    fn at_paragraph_start(&self) -> bool {
        let trimmed = self.out.trim_end_matches([' ', '\n']);
        trimmed.is_empty()
            || self.out.ends_with("\n\n")
            || trimmed.ends_with(';')
            || trimmed.ends_with('[')
    }

    fn node(&mut self, node: &Node) {
        let start = self.out.len();
        self.kind(&node.kind, node.span);
        self.map.push(start, self.out.len(), node.span);
    }

    /// A code block's text as a raw block of the markup (```` ``` ````), whose
    /// lines typst lays out with a span each, so that each maps back to
    /// its own line of the LaTeX (where the text stands there as it is).
    /// Typst takes a raw block's lines as written but for the first and
    /// last, which are the fences' own: the closing fence at the start of
    /// a line removes no indentation. Text with a tab is given as a string
    /// (typst aligns tabs in one string either way).
    fn raw_block(&mut self, code: &wita_doc::CodeBlock) {
        let text = code.text.as_str();
        if text.contains(['\t', '\r']) {
            string(text, &mut self.out);
            return;
        }
        let longest_run = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        let fence = "`".repeat((longest_run + 1).max(3));
        self.out.push_str(&fence);
        self.out.push('\n');
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            let start = self.out.len();
            self.out.push_str(line);
            if let Some(span) = code.text_span {
                let latex = span.start as usize + at;
                let end = latex + line.trim_end_matches('\n').len();
                self.map
                    .push(start, self.out.len(), Span::new(span.file, latex..end));
            }
            at += line.len();
        }
        // A string's last line break is an empty last line, which the
        // closing fence's line would take away.
        self.out.push('\n');
        self.out.push_str(&fence);
    }

    /// A label value for an article's label.
    fn label_value(&self, name: &str) -> String {
        let mut out = String::from("label(");
        string(&format!("{}{name}", self.options.label_prefix), &mut out);
        out.push(')');
        out
    }

    /// A citation of keys the article's own list holds (its cite.bib's
    /// entries, or a hand-written `thebibliography`), the way biblatex's
    /// numeric style prints each command: `[see 3, p. 5]`, `Author [3]`…
    fn cite_items(&mut self, cite: &wita_doc::Cite, keys: &[&wita_doc::Spanned<String>]) {
        let data = |w: &Self, k: &str| w.options.cite_data.get(k).cloned().unwrap_or_default();
        let sep = |w: &mut Self, i: usize, n: usize| {
            if i > 0 {
                w.out.push_str(if i + 1 == n && n == 2 {
                    " and "
                } else if i + 1 == n {
                    ", and "
                } else {
                    ", "
                });
            }
        };
        let n = keys.len();
        match cite.mode {
            CiteMode::NoCite => {}
            CiteMode::Author | CiteMode::Year | CiteMode::Url => {
                for (i, key) in keys.iter().enumerate() {
                    sep(self, i, n);
                    let start = self.out.len();
                    let d = data(self, &key.value);
                    match cite.mode {
                        CiteMode::Author => {
                            markup(d.names.as_deref().unwrap_or(&key.value), &mut self.out)
                        }
                        CiteMode::Year => markup(d.year.as_deref().unwrap_or(""), &mut self.out),
                        _ => {
                            if let Some(url) = d.url {
                                let _ = write!(self.out, "#{T}.url(");
                                string(&url, &mut self.out);
                                self.out.push_str(");");
                            }
                        }
                    }
                    self.map.push(start, self.out.len(), key.span);
                }
            }
            CiteMode::Title => {
                for (i, key) in keys.iter().enumerate() {
                    sep(self, i, n);
                    let start = self.out.len();
                    let title = data(self, &key.value).title;
                    self.content(&title);
                    self.map.push(start, self.out.len(), key.span);
                }
            }
            CiteMode::Text => {
                for (i, key) in keys.iter().enumerate() {
                    sep(self, i, n);
                    if let Some(names) = data(self, &key.value).names {
                        markup(&names, &mut self.out);
                        self.out.push(' ');
                    }
                    self.out.push_str("\\[");
                    if i == 0 {
                        self.prenote(cite);
                    }
                    self.cite_link(key);
                    if i + 1 == n {
                        self.postnote(cite);
                    }
                    self.out.push_str("\\]");
                }
            }
            CiteMode::Super => {
                self.out.push_str("#super[\\[");
                for (i, key) in keys.iter().enumerate() {
                    if i > 0 {
                        self.out.push(',');
                    }
                    self.cite_link(key);
                }
                self.out.push_str("\\]];");
            }
            CiteMode::Normal | CiteMode::Foot => {
                self.out.push_str("\\[");
                self.prenote(cite);
                for (i, key) in keys.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str(", ");
                    }
                    self.cite_link(key);
                }
                self.postnote(cite);
                self.out.push_str("\\]");
            }
        }
    }

    /// A reference list: hand-written `\bibitem`s (labels sized by their
    /// own) or the rendered cite.bib (`widest`: the document's widest label).
    fn bib_items(&mut self, items: &[wita_doc::BibItem], widest: Option<&str>) {
        self.block(|w| {
            let _ = write!(w.out, "#{T}.bibitems(");
            if let Some(widest) = widest {
                w.out.push_str("widest: ");
                string(widest, &mut w.out);
                w.out.push_str(", ");
            }
            for item in items {
                let start = w.out.len();
                let target = if w.anchored.insert(item.key.clone()) {
                    w.label_value(&format!("bibitem:{}", item.key))
                } else {
                    "none".to_owned()
                };
                w.out.push_str("(label: ");
                match &item.label {
                    Some(label) => w.bracket(label),
                    None => {
                        w.out.push('[');
                        w.item_number(&item.key);
                        w.out.push(']');
                    }
                }
                let _ = write!(w.out, ", target: {target}, body: ");
                w.bracket(&item.body);
                w.out.push_str("), ");
                w.map.push(start, w.out.len(), item.span);
            }
            w.out.push_str(");");
        })
    }

    fn cite_link(&mut self, key: &wita_doc::Spanned<String>) {
        let start = self.out.len();
        let target = self.label_value(&format!("bibitem:{}", key.value));
        let _ = write!(self.out, "#link({target})[");
        self.item_number(&key.value);
        self.out.push_str("];");
        self.map.push(start, self.out.len(), key.span);
    }

    /// What a reference list item is called by: its number or `[label]`.
    fn item_number(&mut self, key: &str) {
        if let Some(shown) = self.options.bibitems.get(key) {
            markup(shown, &mut self.out);
        }
    }

    fn prenote(&mut self, cite: &wita_doc::Cite) {
        if let Some(pre) = &cite.prenote
            && !wita_doc::plain_text(pre).trim().is_empty()
        {
            self.content(pre);
            self.out.push(' ');
        }
    }

    /// `, p. 5`: a bare page number gets biblatex's `p.`/`pp.` prefix.
    fn postnote(&mut self, cite: &wita_doc::Cite) {
        let Some(post) = &cite.postnote else { return };
        let text = wita_doc::plain_text(post);
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        self.out.push_str(", ");
        let is_number = |s: &str| {
            !s.is_empty()
                && s.chars().all(|c| {
                    c.is_ascii_digit()
                        || c.is_ascii_uppercase() && "IVXLCDM".contains(c)
                        || c.is_ascii_lowercase() && "ivxlcdm".contains(c)
                })
        };
        if is_number(text) {
            let _ = write!(self.out, "p.~");
        } else if let Some((a, b)) = text.split_once(['-', '–'])
            && is_number(a.trim_end_matches('-'))
            && is_number(b.trim_start_matches('-'))
        {
            let _ = write!(self.out, "pp.~");
            markup(
                &format!("{}–{}", a.trim_end_matches('-'), b.trim_start_matches('-')),
                &mut self.out,
            );
            return;
        }
        self.content(post);
    }

    /// Attaches a label to what was just written.
    fn label(&mut self, name: Option<&str>) {
        if let Some(name) = name {
            let value = self.label_value(name);
            let _ = write!(self.out, "#{value};");
        }
    }

    /// `alt: "<the LaTeX>", ` when equations get alternative text.
    fn math_alt(&mut self, math: &Math) {
        if self.options.math_alt {
            self.out.push_str("alt: ");
            string(math.tex.trim(), &mut self.out);
            self.out.push_str(", ");
        }
    }

    /// The label of an equation, after it.
    fn math_label(&mut self, math: &Math) {
        if math.numbered || !math.display() {
            self.label(math.label.as_deref());
            self.row_labels(math);
        } else if let Some(name) = &math.label {
            // A label on an unnumbered display: an anchor.
            self.out.push_str("#metadata(\"anchor\");");
            self.label(Some(name));
            self.row_labels(math);
        }
    }

    /// Math, converted with mitex; what it cannot convert is a warning and is
    /// shown as written.
    fn math(&mut self, math: &Math, span: Span) {
        if math.display()
            && let Some(rows) = crate::math::convert_rows(math)
        {
            self.math_rows(math, &rows);
            return;
        }
        match crate::math::convert(math) {
            Ok(typst) => {
                self.has_math = true;
                let typst = self.math_refs(&typst);
                let body = if math.display() {
                    format!("$ {typst} $")
                } else {
                    format!("${typst}$")
                };
                // The LaTeX as written is the equation's alternative text,
                // which screen readers speak (and PDF/UA asks for).
                let alt = self.options.math_alt;
                if let Some(tag) = math.tag.as_ref().filter(|_| math.display()) {
                    // `\tag{..}`: the tag is the equation's number, and the
                    // counter goes back so the next equation keeps its own.
                    self.out.push_str("#[#set math.equation(");
                    self.math_alt(math);
                    self.out.push_str("numbering: _ => [(");
                    self.content(tag);
                    let _ = write!(self.out, ")]);{body}");
                    self.label(math.label.as_deref());
                    self.row_labels(math);
                    self.out
                        .push_str("]#counter(math.equation).update(n => n - 1);");
                    return;
                }
                let unnumbered = math.display() && !math.numbered;
                if alt || unnumbered {
                    self.out.push_str("#[#set math.equation(");
                    self.math_alt(math);
                    if unnumbered {
                        self.out.push_str("numbering: none");
                    }
                    let _ = write!(self.out, ");{body}");
                } else {
                    self.out.push_str(&body);
                }
                if alt {
                    // Inside the group, so that it names the equation.
                    self.math_label(math);
                    self.out.push(']');
                } else {
                    if unnumbered {
                        self.out.push(']');
                    }
                    // A label inserted after the equation names it.
                    self.math_label(math);
                }
            }
            Err(why) => {
                self.diagnostics.push(
                    Diagnostic::warning(
                        codes::MATH_CONVERSION,
                        format!("this math cannot be converted ({why}); it is shown as written"),
                    )
                    .at(span),
                );
                let _ = write!(self.out, "#{T}.latex-math(");
                string(&math.tex, &mut self.out);
                let _ = write!(self.out, ", block: {});", math.display());
                if let Some(name) = &math.label {
                    // `\ref`s to it still find it (as an anchor).
                    self.out.push_str("#metadata(\"anchor\");");
                    self.label(Some(name));
                    self.row_labels(math);
                }
            }
        }
    }

    /// The labels of an `align`'s further rows: anchors that refer to the
    /// equation (see the template's `xref`).
    /// An `align` or `gather` whose rows amsmath numbers one by one: the
    /// template sets each row as an equation of its own, the columns kept.
    fn math_rows(&mut self, math: &Math, rows: &[(String, Vec<String>)]) {
        self.has_math = true;
        let align = math.env == wita_doc::MathEnv::Align;
        let _ = write!(self.out, "#{T}.math-rows(align: {align}, (");
        for ((tex, cells), row) in rows.iter().zip(&math.rows) {
            self.out.push('(');
            if self.options.math_alt {
                // Each row's LaTeX is its alternative text.
                self.out.push_str("alt: ");
                string(tex, &mut self.out);
                self.out.push_str(", ");
            }
            self.out.push_str("cells: (");
            for cell in cells {
                let cell = self.math_refs(cell);
                let _ = write!(self.out, "${cell}$, ");
            }
            let _ = write!(self.out, "), numbered: {}, label: ", row.numbered);
            match &row.label {
                Some(name) => {
                    let value = self.label_value(name);
                    self.out.push_str(&value);
                }
                None => self.out.push_str("none"),
            }
            self.out.push_str("), ");
        }
        self.out.push_str("));");
    }

    fn row_labels(&mut self, math: &Math) {
        let Some(first) = &math.label else {
            return;
        };
        for name in &math.row_labels {
            let target = self.label_value(first);
            let _ = write!(self.out, "#metadata((alias: {target}));");
            self.label(Some(name));
        }
    }

    /// `\ref{..}` and `\eqref{..}` inside math, which mitex turns into
    /// `#mitexref[name];`: references to the article's labels (`??` for a
    /// label it does not define, as LaTeX prints).
    fn math_refs(&self, typst: &str) -> String {
        const REF: &str = "#mitexref[";
        if !typst.contains(REF) {
            return typst.to_owned();
        }
        let mut out = String::with_capacity(typst.len());
        let mut rest = typst;
        while let Some(at) = rest.find(REF) {
            out.push_str(&rest[..at]);
            let after = &rest[at + REF.len()..];
            let Some(end) = after.find(']') else {
                out.push_str(&rest[at..]);
                rest = "";
                break;
            };
            // mitex escapes the label's characters as Typst markup.
            let name = after[..end].replace('\\', "");
            let _ = write!(out, "#{T}.xref-math({});", self.label_value(&name));
            rest = after[end + 1..]
                .strip_prefix(';')
                .unwrap_or(&after[end + 1..]);
        }
        out.push_str(rest);
        out
    }

    fn block(&mut self, f: impl FnOnce(&mut Self)) {
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        f(self);
        self.out.push('\n');
    }

    /// `[...]` holding content.
    fn bracket(&mut self, content: &[Node]) {
        self.out.push('[');
        self.content(content);
        self.out.push(']');
    }

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
            NodeKind::Styled(Style::Size(size), c) => {
                self.out.push_str("#[");
                self.size_switch(*size, c);
                self.content(c);
                self.out.push_str("];");
            }
            // A URL's text goes to the template as a string: how it may
            // break depends on what it is.
            NodeKind::Styled(Style::UrlText, c)
                if c.iter().all(|n| matches!(n.kind, NodeKind::Text(_))) =>
            {
                let _ = write!(self.out, "#{T}.url-text(");
                string(&wita_doc::plain_text(c), &mut self.out);
                self.out.push_str(");");
            }
            NodeKind::Styled(style, c) => {
                self.out.push('#');
                self.out.push_str(&styled_function(*style));
                self.bracket(c);
                self.out.push(';');
            }
            NodeKind::Heading(h) => self.block(|w| {
                if h.level >= 4 {
                    let _ = write!(w.out, "#{T}.run-in-heading(level: {})", h.level);
                    w.bracket(&h.body);
                    w.out.push(';');
                    w.label(h.label.as_deref());
                    return;
                }
                let _ = write!(w.out, "#heading(depth: {}", h.level);
                if !h.numbered {
                    w.out.push_str(", numbering: none");
                }
                w.out.push(')');
                w.bracket(&h.body);
                w.out.push(';');
                w.label(h.label.as_deref());
            }),
            NodeKind::Anchor(name) => {
                self.out.push_str("#metadata(\"anchor\");");
                self.label(Some(name));
            }
            NodeKind::Ref(r) => {
                let label = self.label_value(&r.label);
                let _ = match r.kind {
                    RefKind::Number => write!(self.out, "#{T}.xref({label}, supplement: none);"),
                    RefKind::Equation => write!(self.out, "#{T}.eqref({label});"),
                    RefKind::Named | RefKind::Clever | RefKind::NamedCapital => {
                        write!(self.out, "#{T}.xref({label});")
                    }
                    RefKind::Page => write!(self.out, "#{T}.pageref({label});"),
                    RefKind::Title => write!(self.out, "#{T}.nameref({label});"),
                };
            }
            NodeKind::List(list) => self.block(|w| w.list(list)),
            NodeKind::CodeBlock(code) => self.block(|w| {
                let _ = write!(w.out, "#{T}.code-block(");
                w.raw_block(code);
                if let Some(lang) = &code.language {
                    w.out.push_str(", lang: ");
                    string(&lang.to_lowercase(), &mut w.out);
                }
                w.out.push_str(");");
            }),
            NodeKind::InlineCode(code) => {
                let _ = write!(self.out, "#{T}.code(");
                string(code, &mut self.out);
                self.out.push_str(");");
            }
            NodeKind::Link { url, body } if url.starts_with('#') => {
                // A link within the document (`\hyperlink`, `\hyperref[..]`).
                let target = self.label_value(&url[1..]);
                let _ = write!(self.out, "#{T}.hyperlink({target}, ");
                self.bracket(body);
                self.out.push_str(");");
            }
            NodeKind::Link { url, body } => {
                self.out.push_str("#link(");
                string(url, &mut self.out);
                self.out.push(')');
                self.bracket(body);
                self.out.push(';');
            }
            NodeKind::Url(url) => {
                let _ = write!(self.out, "#{T}.url(");
                string(url, &mut self.out);
                self.out.push_str(");");
            }
            NodeKind::Cite(cite) => {
                // Keys of a hand-written bibliography print their item's number
                // and link to it; the others go to typst's bibliography.
                let (items, keys): (Vec<_>, Vec<_>) = cite
                    .keys
                    .iter()
                    .partition(|k| self.options.bibitems.contains_key(&k.value));
                if !items.is_empty() {
                    self.cite_items(cite, &items);
                }
                let last = keys.len().saturating_sub(1);
                for (i, key) in keys.iter().enumerate() {
                    if cite.mode == CiteMode::NoCite && key.value == "*" {
                        // `\nocite{*}`: the assembler lists the whole file.
                        continue;
                    }
                    let start = self.out.len();
                    self.out.push_str("#cite(label(");
                    string(&key.value, &mut self.out);
                    self.out.push(')');
                    match cite.mode {
                        CiteMode::NoCite => self.out.push_str(", form: none"),
                        CiteMode::Author => self.out.push_str(", form: \"author\""),
                        CiteMode::Year => self.out.push_str(", form: \"year\""),
                        CiteMode::Text => self.out.push_str(", form: \"prose\""),
                        _ => {}
                    }
                    if i == last
                        && items.is_empty()
                        && let Some(post) = &cite.postnote
                    {
                        self.out.push_str(", supplement: ");
                        self.bracket(post);
                    }
                    self.out.push_str(");");
                    self.map.push(start, self.out.len(), key.span);
                }
            }
            NodeKind::BibItems(items) => self.bib_items(items, None),
            NodeKind::Bibliography => {
                // Taken out while written (no copy per `\printbibliography`).
                if let Some(items) = self.options.references.take() {
                    let widest = self.options.widest_reference.take();
                    self.bib_items(&items, widest.as_deref());
                    self.options.widest_reference = widest;
                    self.options.references = Some(items);
                }
            }

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
            NodeKind::Appendix => self.block(|w| {
                let _ = writeln!(w.out, "#show: {T}.appendix");
            }),
            NodeKind::Image(image) => {
                // Typst's own `image` called right here, so that an image it
                // cannot decode is reported at the `\includegraphics`; only
                // `scale=` needs the template (to measure the image first).
                if image.scale.is_some() {
                    let _ = write!(self.out, "#{T}.image(");
                } else {
                    self.out.push_str("#image(");
                }
                string(&format!("/{}", image.path), &mut self.out);
                if let Some(wd) = image.width {
                    let _ = write!(self.out, ", width: {}", length(wd));
                }
                if let Some(h) = image.height {
                    let _ = write!(self.out, ", height: {}", length(h));
                }
                if let Some(s) = image.scale {
                    let _ = write!(self.out, ", scale: {s}");
                }
                if let Some(alt) = &image.alt {
                    self.out.push_str(", alt: ");
                    string(alt, &mut self.out);
                }
                self.out.push_str(");");
            }
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
            NodeKind::Align(align, c) => self.block(|w| {
                let a = match align {
                    Alignment::Left => "left",
                    Alignment::Center => "center",
                    Alignment::Right => "right",
                };
                let _ = write!(w.out, "#{T}.aligned({a})");
                w.bracket(c);
                w.out.push(';');
            }),
            NodeKind::Table(table) => {
                let rows = table
                    .rows
                    .iter()
                    .filter(|r| matches!(r, TableRow::Cells(_)))
                    .count();
                let cells = rows * table.columns.len().max(1);
                if cells > MAX_TABLE_CELLS {
                    self.diagnostics.push(
                        Diagnostic::error(codes::TABLE, format!(
                            "this table has {cells} cells ({rows} rows of {} columns); wita sets at most {MAX_TABLE_CELLS} in one table",
                            table.columns.len()
                        ))
                        .at(span)
                        .with_help(
                            "split it into several tables, or publish the data as a file the article links to",
                        ),
                    );
                    self.out.push_str("(a table too large to set)");
                } else {
                    self.block(|w| w.table(table));
                }
            }
            NodeKind::Float(float) if matches!(float.kind, FloatKind::Subfigure(_)) => {
                let width = match float.kind {
                    FloatKind::Subfigure(Some(width)) => length(width),
                    _ => "auto".to_owned(),
                };
                let _ = write!(self.out, "#{T}.subfigure(width: {width}, caption: ");
                match &float.caption {
                    Some(caption) => self.bracket(caption),
                    None => self.out.push_str("none"),
                }
                // The label goes on the figure inside the box.
                if let Some(name) = &float.label {
                    let value = self.label_value(name);
                    let _ = write!(self.out, ", label: {value}");
                }
                self.out.push_str(", ");
                self.bracket(&float.body);
                self.out.push_str(");");
            }
            NodeKind::Float(float) => self.block(|w| {
                match float.kind {
                    FloatKind::Table => {
                        let _ = write!(w.out, "#{T}.float(\"table\", caption: ");
                    }
                    FloatKind::Figure => {
                        let _ = write!(w.out, "#{T}.float(\"image\", caption: ");
                    }
                    FloatKind::Algorithm => {
                        let _ = write!(w.out, "#{T}.float(\"algorithm\", caption: ");
                    }
                    FloatKind::Listing => {
                        let _ = write!(w.out, "#{T}.float(\"listing\", caption: ");
                    }
                    FloatKind::Subfigure(width) => {
                        let width = width.map_or_else(|| "auto".to_owned(), length);
                        let _ = write!(w.out, "#{T}.subfigure(width: {width}, caption: ");
                    }
                }
                match &float.caption {
                    Some(caption) => w.bracket(caption),
                    None => w.out.push_str("none"),
                }
                if let Some(placement) = &float.placement {
                    w.out.push_str(", placement: ");
                    string(placement, &mut w.out);
                }
                // The label goes in: the template puts it on the figure, not
                // on the float's placement around it.
                if let Some(name) = &float.label {
                    let _ = write!(w.out, ", label: {}", w.label_value(name));
                }
                w.out.push_str(", ");
                w.bracket(&float.body);
                w.out.push_str(");");
            }),
            NodeKind::Unknown { args, .. } => {
                // The reader warned; print what the arguments say.
                for (i, arg) in args.iter().enumerate() {
                    if i > 0 {
                        self.out.push(' ');
                    }
                    self.out.push('#');
                    self.bracket(arg);
                    self.out.push(';');
                }
            }
            NodeKind::Algorithmic(alg) => self.block(|w| w.algorithmic(alg)),
            NodeKind::Placeholder(p) => {
                let _ = write!(self.out, "#{T}.placeholder(");
                string(&p.what, &mut self.out);
                if let Some(width) = p.width {
                    let _ = write!(self.out, ", width: {}", length(width));
                }
                if let Some(height) = p.height {
                    let _ = write!(self.out, ", height: {}", length(height));
                }
                self.out.push_str(");");
            }
            NodeKind::RuleBox {
                width,
                height,
                raise,
            } => {
                let _ = write!(
                    self.out,
                    "#{T}.rule-box({}, {}, raise: {});",
                    length(*width),
                    length(*height),
                    raise.map_or_else(|| "0pt".to_owned(), length)
                );
            }
            NodeKind::Phantom(body) => {
                let _ = write!(self.out, "#{T}.phantom");
                self.bracket(body);
                self.out.push(';');
            }
        }
    }

    /// An algorithm's lines: the template sets them in a grid, numbered
    /// every `number_every` lines (counted here, as algorithmic counts them).
    fn algorithmic(&mut self, alg: &wita_doc::Algorithmic) {
        let _ = write!(self.out, "#{T}.algorithmic(");
        let mut count = 0u32;
        for line in &alg.lines {
            let start = self.out.len();
            let number = if line.numbered {
                count += 1;
                (alg.number_every > 0 && count.is_multiple_of(alg.number_every)).then_some(count)
            } else {
                None
            };
            let _ = write!(self.out, "(indent: {}, number: ", line.indent);
            match number {
                Some(n) => {
                    let _ = write!(self.out, "{n}");
                }
                None => self.out.push_str("none"),
            }
            self.out.push_str(", body: ");
            self.bracket(&line.body);
            if let Some(comment) = &line.comment {
                self.out.push_str(", comment: ");
                self.bracket(comment);
            }
            self.out.push_str("), ");
            self.map.push(start, self.out.len(), line.span);
        }
        self.out.push_str(");");
    }

    /// `\small` and its kin, for the content that follows in its group: the
    /// size, and the size's baselines if that content holds paragraphs.
    fn size_switch(&mut self, size: wita_doc::FontSize, rest: &[Node]) {
        if holds_paragraphs(rest) {
            let _ = write!(self.out, "#show: {T}.sized.with({:?});", size_name(size));
        } else {
            let _ = write!(self.out, "#set text(size: {T}.size.{});", size_name(size));
        }
    }

    fn set_style(&mut self, style: Style) {
        let rule = match style {
            Style::Bold => "#set text(weight: \"bold\");".to_owned(),
            // The template's, so that the HTML edition can mark it.
            Style::Italic | Style::Emph => format!("#show: {T}.italic;"),
            Style::Upright => "#set text(style: \"normal\");".to_owned(),
            Style::Medium => "#set text(weight: \"regular\");".to_owned(),
            Style::Mono => format!("#show: {T}.mono;"),
            Style::Sans => format!("#show: {T}.sans;"),
            Style::Serif => format!("#show: {T}.serif;"),
            Style::SmallCaps => "#show: smallcaps;".to_owned(),
            Style::Acronym => format!("#show: {T}.acronym;"),
            Style::UrlText => format!("#show: {T}.url-text;"),
            Style::Underline => "#show: underline;".to_owned(),
            Style::Strike => "#show: strike;".to_owned(),
            Style::Highlight => "#show: highlight;".to_owned(),
            Style::Superscript => "#show: super;".to_owned(),
            Style::Subscript => "#show: sub;".to_owned(),
            Style::Color(c) => format!("#set text(fill: {});", rgb(c)),
            Style::Background(c) => format!("#show: highlight.with(fill: {});", rgb(c)),
            Style::Size(size) => format!("#set text(size: {T}.size.{});", size_name(size)),
            Style::RaggedRight => "#set par(justify: false);".to_owned(),
            Style::RaggedLeft => "#set par(justify: false); #set align(right);".to_owned(),
            Style::Centering => "#set par(justify: false); #set align(center);".to_owned(),
        };
        self.out.push_str(&rule);
    }

    fn table(&mut self, table: &Table) {
        let n = table.columns.len().max(1);
        let _ = write!(self.out, "#{T}.tabular(columns: (");
        for column in &table.columns {
            let width = match column.kind {
                ColumnKind::Left | ColumnKind::Center | ColumnKind::Right => "auto".to_owned(),
                ColumnKind::Paragraph(len, _) => length(len),
                ColumnKind::Flex(weight, _) => format!("{}fr", round(weight)),
            };
            let _ = write!(self.out, "{width}, ");
        }
        self.out.push_str("), aligns: (");
        for column in &table.columns {
            let align = match column.kind {
                ColumnKind::Left => "left",
                ColumnKind::Center => "center",
                ColumnKind::Right => "right",
                ColumnKind::Paragraph(_, a) | ColumnKind::Flex(_, a) => match a {
                    Some(Alignment::Center) => "center",
                    Some(Alignment::Right) => "right",
                    Some(Alignment::Left) => "left",
                    None => "auto",
                },
            };
            let _ = write!(self.out, "{align}, ");
        }
        self.out.push_str("), vlines: (");
        for (i, column) in table.columns.iter().enumerate() {
            if column.rule_before {
                let _ = write!(self.out, "{i}, ");
            }
            if column.rule_after {
                let _ = write!(self.out, "{}, ", i + 1);
            }
        }
        self.out.push_str("), tight: (");
        if table.columns.first().is_some_and(|c| c.tight_left) {
            self.out.push_str("\"left\", ");
        }
        if table.columns.last().is_some_and(|c| c.tight_right) {
            self.out.push_str("\"right\", ");
        }
        let _ = write!(self.out, "), long: {}", table.long);
        if table.body_struts {
            self.out.push_str(", body-struts: true");
        }
        if let Some(width) = table.width {
            let _ = write!(self.out, ", width: {}", length(width));
        }
        self.out.push_str(
            ",
",
        );
        // Columns still covered by a `\multirow` from a row above.
        let mut covered = vec![0usize; n];
        // longtable's head: typst repeats a table's header on every page.
        let head = table.head.min(table.rows.len());
        if head > 0 {
            self.out.push_str("  table.header(repeat: true,\n");
        }
        for (r, row) in table.rows.iter().enumerate() {
            if head > 0 && r == head {
                self.out.push_str("  ),\n");
            }
            match row {
                TableRow::Rule(rule) => {
                    // booktabs' rules keep \aboverulesep and \belowrulesep from
                    // the rows next to them (\hline keeps nothing).
                    let booktabs = matches!(
                        rule,
                        Rule::Heavy | Rule::Mid | Rule::Partial { booktabs: true, .. }
                    );
                    let free = covered.iter().all(|&c| c == 0);
                    let is_cells = |row: Option<&TableRow>| matches!(row, Some(TableRow::Cells(_)));
                    let before = r.checked_sub(1).and_then(|p| table.rows.get(p));
                    if booktabs && free && is_cells(before) {
                        let _ = writeln!(
                            self.out,
                            "  table.cell(colspan: {n}, inset: 0pt, v({T}.rules.above)),"
                        );
                    }
                    if booktabs && free && is_cells(table.rows.get(r + 1)) {
                        self.pending_rule_space = true;
                    }
                    // `\hline\hline`: two rules \doublerulesep (2 pt) apart,
                    // which typst would draw on one line.
                    if matches!(rule, Rule::Thin)
                        && matches!(before, Some(TableRow::Rule(Rule::Thin)))
                        && free
                    {
                        let _ =
                            writeln!(self.out, "  table.cell(colspan: {n}, inset: 0pt, v(2pt)),");
                    }
                    let _ = match rule {
                        Rule::Heavy => {
                            writeln!(self.out, "  table.hline(stroke: {T}.rules.heavy),")
                        }
                        Rule::Mid => writeln!(self.out, "  table.hline(stroke: {T}.rules.mid),"),
                        Rule::Thin => writeln!(self.out, "  table.hline(stroke: {T}.rules.thin),"),
                        Rule::Partial { from, to, booktabs } => {
                            let from = from.saturating_sub(1).min(n);
                            let to = (*to).clamp(from, n);
                            let stroke = if *booktabs { "mid" } else { "thin" };
                            writeln!(
                                self.out,
                                "  table.hline(start: {from}, end: {to}, stroke: {T}.rules.{stroke}),"
                            )
                        }
                        Rule::Space => writeln!(
                            self.out,
                            "  table.cell(colspan: {n}, inset: 0pt, v({T}.rules.space)),"
                        ),
                    };
                }
                TableRow::Cells(cells) => {
                    if std::mem::take(&mut self.pending_rule_space) {
                        let _ = writeln!(
                            self.out,
                            "  table.cell(colspan: {n}, inset: 0pt, v({T}.rules.below)),"
                        );
                    }
                    self.out.push(' ');
                    let mut column = 0;
                    let mut cells = cells.iter().peekable();
                    while column < n {
                        if covered[column] > 0 {
                            // LaTeX wants an empty cell under a \multirow; typst
                            // does not: drop it.
                            covered[column] -= 1;
                            if cells.peek().is_some_and(|c| c.content.is_empty()) {
                                cells.next();
                            }
                            column += 1;
                            continue;
                        }
                        let Some(cell) = cells.next() else {
                            self.out.push_str(" [],");
                            column += 1;
                            continue;
                        };
                        let colspan = cell.colspan.clamp(1, n - column);
                        let start = self.out.len();
                        if colspan > 1 || cell.rowspan > 1 || cell.align.is_some() {
                            self.out.push_str(" table.cell(");
                            if colspan > 1 {
                                let _ = write!(self.out, "colspan: {colspan}, ");
                            }
                            if cell.rowspan > 1 {
                                let _ = write!(self.out, "rowspan: {}, ", cell.rowspan);
                                for c in &mut covered[column..column + colspan] {
                                    *c = cell.rowspan - 1;
                                }
                            }
                            if let Some(a) = cell.align {
                                let _ = write!(
                                    self.out,
                                    "align: {}, ",
                                    match a {
                                        Alignment::Left => "left",
                                        Alignment::Center => "center",
                                        Alignment::Right => "right",
                                    }
                                );
                            }
                            self.out.push(')');
                        } else {
                            self.out.push(' ');
                        }
                        self.bracket(&cell.content);
                        self.out.push(',');
                        self.map.push(start, self.out.len(), cell.span);
                        column += colspan;
                    }
                    // Cells beyond the column spec: kept, on a row of their
                    // own, filled up so that the next row starts in column 1.
                    let mut extras = 0;
                    for extra in cells {
                        self.out.push_str(" table.cell(colspan: 1)");
                        self.bracket(&extra.content);
                        self.out.push(',');
                        extras += 1;
                    }
                    for _ in 0..(n - extras % n) % n {
                        self.out.push_str(" [],");
                    }
                    self.out.push('\n');
                }
            }
        }
        if head > 0 && head == table.rows.len() {
            self.out.push_str("  ),\n");
        }
        self.out.push_str(");");
    }

    fn list(&mut self, list: &wita_doc::List) {
        if list.vertical {
            let _ = write!(self.out, "#{T}.after-par;");
        }
        if list.kind == ListKind::Description {
            let _ = write!(self.out, "#{T}.description(");
            for item in &list.items {
                let start = self.out.len();
                self.out.push('(');
                match &item.label {
                    Some(label) => self.bracket(label),
                    None => self.out.push_str("none"),
                }
                self.out.push_str(", ");
                self.bracket(&item.body);
                self.out.push_str("), ");
                self.map.push(start, self.out.len(), item.span);
            }
            self.out.push_str(");");
            return;
        }
        let custom = list.items.iter().any(|item| item.label.is_some());
        let kind = match list.kind {
            ListKind::Bullet => "list",
            _ => "enum",
        };
        if custom {
            let _ = write!(self.out, "#{T}.labelled-list({kind:?}, ");
            for item in &list.items {
                let start = self.out.len();
                self.out.push('(');
                match &item.label {
                    Some(label) => self.bracket(label),
                    None => self.out.push_str("none"),
                }
                self.out.push_str(", ");
                self.bracket(&item.body);
                self.out.push_str("), ");
                self.map.push(start, self.out.len(), item.span);
            }
            self.out.push_str(");");
            return;
        }
        let _ = write!(self.out, "#{kind}(");
        if kind == "enum" {
            if let Some(numbering) = &list.numbering {
                self.out.push_str("full: false, numbering: ");
                string(numbering, &mut self.out);
                self.out.push_str(", ");
            }
            if let Some(start) = list.start {
                let _ = write!(self.out, "start: {start}, ");
            }
        }
        for item in &list.items {
            let start = self.out.len();
            self.bracket(&item.body);
            self.out.push_str(", ");
            self.map.push(start, self.out.len(), item.span);
        }
        self.out.push_str(");");
    }
}

/// Whether content holds a paragraph break or a block: whole paragraphs.
fn holds_paragraphs(content: &[Node]) -> bool {
    content.iter().any(|n| match &n.kind {
        NodeKind::Parbreak => true,
        NodeKind::Group(c) | NodeKind::Styled(_, c) => holds_paragraphs(c),
        kind => ends_paragraph(kind),
    })
}

/// Where a paragraph that holds nothing but a `\parbox` (after an optional
/// `\noindent`) and starts at `i` ends: just after the parbox.
fn lone_parbox(content: &[Node], i: usize) -> Option<usize> {
    let at = i + usize::from(matches!(content[i].kind, NodeKind::NoIndent));
    if !matches!(content.get(at)?.kind, NodeKind::Parbox { .. }) {
        return None;
    }
    let starts = content[..i]
        .iter()
        .rev()
        .find(|n| !matches!(n.kind, NodeKind::Space))
        .is_none_or(|n| matches!(n.kind, NodeKind::Parbreak) || ends_paragraph(&n.kind));
    let ends = content[at + 1..]
        .iter()
        .find(|n| !matches!(n.kind, NodeKind::Space))
        .is_none_or(|n| matches!(n.kind, NodeKind::Parbreak) || ends_paragraph(&n.kind));
    (starts && ends).then_some(at + 1)
}

/// Whether the text starting at `content[i]` opens a paragraph that LaTeX
/// sets without indent (the template indents all others): the first one
/// after a heading, or text that goes on after a display (a list, a
/// listing, display math…) with no blank line between.
fn unindented_paragraph(content: &[Node], i: usize) -> bool {
    let starts_text = !matches!(
        content[i].kind,
        NodeKind::Space | NodeKind::Parbreak | NodeKind::NoIndent
    ) && !ends_paragraph(&content[i].kind);
    if !starts_text {
        return false;
    }
    let mut parbreak = false;
    for n in content[..i].iter().rev() {
        match &n.kind {
            NodeKind::Space => {}
            NodeKind::Parbreak => parbreak = true,
            NodeKind::Heading(h) => return h.level < 4,
            kind if ends_paragraph(kind) => return !parbreak,
            _ => return false,
        }
    }
    false
}

/// A block, or a vertical space: what ends a paragraph's unindented run and
/// lets the text after it start unindented.
fn ends_paragraph(kind: &NodeKind) -> bool {
    kind.is_block() || matches!(kind, NodeKind::VSpace(_))
}

fn styled_function(style: Style) -> String {
    match style {
        Style::Bold => "strong".into(),
        Style::Italic => format!("{T}.italic"),
        Style::Emph => "emph".into(),
        Style::Upright => "text(style: \"normal\")".into(),
        Style::Medium => "text(weight: \"regular\")".into(),
        Style::Mono => format!("{T}.mono"),
        Style::Sans => format!("{T}.sans"),
        Style::Serif => format!("{T}.serif"),
        Style::SmallCaps => "smallcaps".into(),
        Style::Acronym => format!("{T}.acronym"),
        Style::UrlText => format!("{T}.url-text"),
        Style::Underline => "underline".into(),
        Style::Strike => "strike".into(),
        Style::Highlight => "highlight".into(),
        Style::Superscript => "super".into(),
        Style::Subscript => "sub".into(),
        Style::Color(c) => format!("text(fill: {})", rgb(c)),
        Style::Background(c) => format!("{T}.colorbox({})", rgb(c)),
        Style::Size(size) => format!("text(size: {T}.size.{})", size_name(size)),
        Style::RaggedRight => format!("{T}.ragged-right"),
        Style::RaggedLeft => "align.with(right)".into(),
        Style::Centering => "align.with(center)".into(),
    }
}

fn rgb(c: wita_doc::Rgb) -> String {
    format!("rgb({}, {}, {})", c.0, c.1, c.2)
}

fn size_name(size: wita_doc::FontSize) -> &'static str {
    use wita_doc::FontSize as F;
    match size {
        F::Tiny => "tiny",
        F::ScriptSize => "scriptsize",
        F::FootnoteSize => "footnotesize",
        F::Small => "small",
        F::NormalSize => "normalsize",
        F::Large => "large",
        F::Large2 => "Large",
        F::Large3 => "LARGE",
        F::Huge => "huge",
        F::Huge2 => "Huge",
    }
}

/// A length as a Typst expression.
fn length(len: Length) -> String {
    match len {
        Length::Pt(p) => format!("{}pt", round(p)),
        Length::Em(e) => format!("{}em", round(e)),
        Length::Width(f) => format!("{}%", round(f * 100.0)),
        Length::SmallSkip => format!("{T}.smallskip"),
        Length::MedSkip => format!("{T}.medskip"),
        Length::BigSkip => format!("{T}.bigskip"),
    }
}

fn round(x: f64) -> String {
    let r = (x * 1000.0).round() / 1000.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        format!("{r}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wita_diag::Sources;
    use wita_doc::{CodeBlock, Heading};

    #[test]
    fn the_index_finds_the_innermost_piece_as_find_does() {
        let sources = Sources::new();
        let file = sources.add("a.tex", "0123456789abcdefghij");
        let mut map = SourceMap::default();
        // A paragraph of two words, as the writer pushes them (inner first).
        map.push(2, 5, Span::new(file, 10..13));
        map.push(6, 9, Span::new(file, 14..17));
        map.push(0, 12, Span::new(file, 8..20));
        let index = map.index();
        for offset in 0..=13 {
            assert_eq!(
                index.find(offset).map(|(_, span)| span),
                map.find(offset),
                "at {offset}"
            );
        }
        // Into a word as far as into its markup; past the LaTeX, at its end.
        assert_eq!(index.locate(7), Some(Span::new(file, 15..15)));
        assert_eq!(index.locate(11), Some(Span::new(file, 19..19)));
        assert_eq!(index.locate(13), None);
    }

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
    fn two_columns(
        rows: impl FnOnce(&dyn Fn(&str) -> wita_doc::TableCell) -> Vec<TableRow>,
    ) -> String {
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
                numbering: None,
                start: None,
                vertical,
            }))])
            .text
        };
        assert!(
            list(true).contains("#wita.after-par;#list("),
            "{}",
            list(true)
        );
        assert!(!list(false).contains("after-par"), "{}", list(false));
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
}

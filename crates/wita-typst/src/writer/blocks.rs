//! Blocks between paragraphs: headings, lists, code blocks, aligned
//! content and algorithms.

use std::fmt::Write;

use wita_diag::Span;
use wita_doc::{Alignment, Content, Heading, ListKind};

use super::{T, Writer};
use crate::escape::string;

impl Writer {
    /// A sectioning command: typst's heading down to `\subsubsection`, the
    /// template's run-in heading below (`\paragraph`, `\subparagraph`).
    pub(super) fn heading(&mut self, h: &Heading) {
        if h.level >= 4 {
            let _ = write!(self.out, "#{T}.run-in-heading(level: {})", h.level);
            self.bracket(&h.body);
            self.out.push(';');
            self.label(h.label.as_deref());
            return;
        }
        let _ = write!(self.out, "#heading(depth: {}", h.level);
        if !h.numbered {
            self.out.push_str(", numbering: none");
        }
        self.out.push(')');
        self.bracket(&h.body);
        self.out.push(';');
        self.label(h.label.as_deref());
    }

    /// `itemize`, `enumerate` (typst's own lists, or the template's where an
    /// item has its own label) and `description`.
    pub(super) fn list(&mut self, list: &wita_doc::List) {
        let saved = (self.list_depth, self.item_depth, self.enum_depth);
        self.list_depth += 1;
        match list.kind {
            ListKind::Bullet => self.item_depth += 1,
            ListKind::Description => {}
            _ => self.enum_depth += 1,
        }
        self.list_items(list);
        (self.list_depth, self.item_depth, self.enum_depth) = saved;
    }

    /// A list at `self.list_depth`; `after-par`: it starts a paragraph,
    /// and LaTeX spaces it by `\partopsep` more.
    fn list_items(&mut self, list: &wita_doc::List) {
        let level = match list.kind {
            ListKind::Bullet => self.item_depth,
            ListKind::Description => 1,
            _ => self.enum_depth,
        };
        let frame = format!(
            "depth: {}, level: {level}, after-par: {}",
            self.list_depth, list.vertical
        );
        let custom = list.items.iter().any(|item| item.label.is_some());
        let kind = match list.kind {
            ListKind::Bullet => "list",
            _ => "enum",
        };
        // The label the article chose: a numbering function of the item's
        // number, or a bullet list's marker.
        let chosen = list.label.as_ref().map(|label| self.list_label(label));
        let frame = match (&chosen, list.kind) {
            (Some(marker), ListKind::Bullet) => format!("{frame}, marker: {marker}"),
            (Some(numbering), _) if custom => format!("{frame}, numbering: n => {numbering}"),
            _ => frame,
        };
        // A description, or a list with an item of its own label: the
        // template's, given `(label, body)` pairs.
        if list.kind == ListKind::Description || custom {
            if list.kind == ListKind::Description {
                let _ = write!(self.out, "#{T}.description({frame}, ");
            } else {
                let _ = write!(self.out, "#{T}.labelled-list({kind:?}, {frame}, ");
            }
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
        let _ = write!(self.out, "#{T}.native-list({frame}, {kind}(");
        if kind == "enum" {
            if let Some(numbering) = &chosen {
                let _ = write!(self.out, "full: false, numbering: n => {numbering}, ");
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
        self.out.push_str("));");
    }

    /// A list's label as markup in brackets, the item's number (a
    /// [`wita_doc::List::counter`] mark) as typst's numbering of `n`. (Its
    /// places in the LaTeX are left out of the source map: the label is
    /// written once and printed at every item.)
    fn list_label(&mut self, label: &[wita_doc::Node]) -> String {
        let outer = std::mem::take(&mut self.out);
        let outer_map = std::mem::take(&mut self.map);
        self.bracket(label);
        let markup = std::mem::replace(&mut self.out, outer);
        self.map = outer_map;
        wita_doc::List::fill_counter(&markup, |style| format!("#numbering(\"{style}\", n)"))
    }

    /// `lstlisting`, `verbatim`: the template's code block.
    pub(super) fn code_block(&mut self, code: &wita_doc::CodeBlock) {
        let _ = write!(self.out, "#{T}.code-block(");
        self.raw_block(code);
        if let Some(lang) = &code.language {
            self.out.push_str(", lang: ");
            string(&lang.to_lowercase(), &mut self.out);
        }
        self.out.push_str(");");
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

    /// `center`, `flushleft`, `flushright`.
    pub(super) fn aligned(&mut self, align: Alignment, c: &Content) {
        let a = match align {
            Alignment::Left => "left",
            Alignment::Center => "center",
            Alignment::Right => "right",
        };
        let _ = write!(self.out, "#{T}.aligned({a})");
        self.bracket(c);
        self.out.push(';');
    }

    /// An algorithm's lines: the template sets them in a grid, numbered
    /// every `number_every` lines (counted here, as algorithmic counts them).
    pub(super) fn algorithmic(&mut self, alg: &wita_doc::Algorithmic) {
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
}

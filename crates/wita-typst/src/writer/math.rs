//! Equations: math converted by [`crate::math`] (mitex) and written inline,
//! as a display, or as an `align`'s rows, with its labels, its `\tag`, its
//! alternative text, and the `\ref`s inside it; what cannot be converted is
//! a warning and is shown as written.

use std::fmt::Write;

use wita_diag::codes;
use wita_diag::{Diagnostic, Span};
use wita_doc::{Math, MathText};

use super::{T, Writer};
use crate::escape::string;

impl Writer {
    /// `alt: "<the LaTeX>", ` when equations get alternative text.
    fn math_alt(&mut self, math: &Math) {
        if self.options.math_alt {
            self.out.push_str("alt: ");
            string(math.written().trim(), &mut self.out);
            self.out.push_str(", ");
        }
    }

    /// Puts the text boxes wita's reader translated (see
    /// [`wita_doc::MathText`]) where conversion left their marks.
    fn math_texts(&mut self, typst: String, math: &Math) -> String {
        let mut typst = typst;
        for (n, text) in math.texts.iter().enumerate() {
            let mark = MathText::mark(n);
            if !typst.contains(&mark) {
                continue;
            }
            let outer = std::mem::take(&mut self.out);
            self.content(&text.content);
            let markup = std::mem::replace(&mut self.out, outer);
            typst = typst.replacen(&mark, &markup, 1);
        }
        typst
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
    pub(super) fn math(&mut self, math: &Math, span: Span) {
        if math.display()
            && let Some(rows) = crate::math::convert_rows(math)
        {
            self.math_rows(math, &rows);
            return;
        }
        if math.env == wita_doc::MathEnv::Multline && self.multline(math) {
            return;
        }
        match crate::math::convert(math) {
            Ok(typst) => {
                self.has_math = true;
                let typst = self.math_refs(&typst);
                let typst = self.math_texts(typst, math);
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
                    let _ = write!(self.out, "]#{T}.tag-given-back;");
                    return;
                }
                let unnumbered = math.display() && !math.numbered;
                // multline's number stands beside its last line.
                let at_bottom = math.env == wita_doc::MathEnv::Multline && !unnumbered;
                let grouped = unnumbered || at_bottom;
                if alt || grouped {
                    self.out.push_str("#[#set math.equation(");
                    self.math_alt(math);
                    if unnumbered {
                        self.out.push_str("numbering: none");
                    } else if at_bottom {
                        self.out.push_str("number-align: end + bottom");
                    }
                    let _ = write!(self.out, ");{body}");
                } else {
                    self.out.push_str(&body);
                }
                if alt || grouped {
                    // Inside the group, so that it names the equation (after
                    // the group it would name the group: no number).
                    self.math_label(math);
                    self.out.push(']');
                } else {
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
                if math.display() && math.tag.is_none() && (math.numbered || !math.rows.is_empty())
                {
                    self.numbered_as_written(math);
                    return;
                }
                let _ = write!(self.out, "#{T}.latex-math(");
                string(&math.written(), &mut self.out);
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

    /// A numbered equation that cannot be converted, shown as written: it
    /// keeps its number (each numbered row of an `align` its own), so that
    /// the equations after it and the references to it print LaTeX's.
    fn numbered_as_written(&mut self, math: &Math) {
        let written = math.written();
        let split = crate::math::split_rows(&written);
        type Row<'m> = (String, bool, Option<&'m str>, Option<&'m wita_doc::Content>);
        let rows: Vec<Row> = if !math.rows.is_empty() && split.len() == math.rows.len() {
            split
                .into_iter()
                .zip(&math.rows)
                .map(|(tex, row)| {
                    let label = row.label.as_deref();
                    (tex.trim().to_owned(), row.numbered, label, row.tag.as_ref())
                })
                .collect()
        } else {
            vec![(written.trim().to_owned(), true, math.label.as_deref(), None)]
        };
        let _ = write!(self.out, "#{T}.math-rows(align: false, (");
        for (tex, numbered, label, tag) in rows {
            self.out.push('(');
            if self.options.math_alt {
                self.out.push_str("alt: ");
                string(&tex, &mut self.out);
                self.out.push_str(", ");
            }
            let _ = write!(self.out, "cells: ($#{T}.latex-math-row(");
            string(&tex, &mut self.out);
            let _ = write!(self.out, ")$,), numbered: {numbered}, label: ");
            self.label_or_none(label);
            self.row_tag(tag);
            self.out.push_str("), ");
        }
        self.out.push_str("));");
        if math.rows.is_empty() {
            self.row_labels(math);
        }
    }

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
                string(&math.put_back(tex), &mut self.out);
                self.out.push_str(", ");
            }
            self.out.push_str("cells: (");
            for cell in cells {
                let cell = self.math_refs(cell);
                let cell = self.math_texts(cell, math);
                let _ = write!(self.out, "${cell}$, ");
            }
            let _ = write!(self.out, "), numbered: {}, label: ", row.numbered);
            self.label_or_none(row.label.as_deref());
            self.row_tag(row.tag.as_ref());
            self.out.push_str("), ");
        }
        self.out.push_str("));");
    }

    /// amsmath's `multline` of more than one line: each line an equation
    /// of its own, placed as multline places it (see the template's
    /// `math-rows`), the number (or the `\tag`) and the label on the last.
    /// `false` when a line does not convert: the whole is then converted
    /// (and shown as written, with its warning) as one.
    fn multline(&mut self, math: &Math) -> bool {
        let rows = crate::math::split_rows(&math.tex);
        if rows.len() < 2 {
            return false;
        }
        let converted: Option<Vec<String>> = rows
            .iter()
            .map(|row| {
                crate::math::convert(&Math::unnumbered(wita_doc::MathEnv::Display, row.clone()))
                    .ok()
            })
            .collect();
        let Some(converted) = converted else {
            return false;
        };
        self.has_math = true;
        let _ = write!(self.out, "#{T}.math-rows(align: false, multline: true, (");
        let last = converted.len() - 1;
        for (k, typst) in converted.iter().enumerate() {
            self.out.push('(');
            if self.options.math_alt && k == last {
                // The whole equation's LaTeX is the numbered line's text.
                self.out.push_str("alt: ");
                string(math.written().trim(), &mut self.out);
                self.out.push_str(", ");
            }
            let typst = self.math_refs(typst);
            let typst = self.math_texts(typst, math);
            let numbered = k == last && (math.numbered || math.tag.is_some());
            let _ = write!(
                self.out,
                "cells: (${typst}$,), numbered: {numbered}, label: "
            );
            self.label_or_none(if k == last {
                math.label.as_deref()
            } else {
                None
            });
            if k == last {
                self.row_tag(math.tag.as_ref());
            }
            self.out.push_str("), ");
        }
        self.out.push_str("));");
        self.row_labels(math);
        true
    }

    /// `, tag: [..]`: a row's `\tag`, shown instead of its number.
    fn row_tag(&mut self, tag: Option<&wita_doc::Content>) {
        if let Some(tag) = tag {
            self.out.push_str(", tag: [");
            self.content(tag);
            self.out.push(']');
        }
    }

    /// The labels of an `align`'s further rows: anchors that refer to the
    /// equation (see the template's `xref`).
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
}

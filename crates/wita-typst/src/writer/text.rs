//! Inline text: styles (as functions over content, and as declarations over
//! the rest of a group), font sizes, links, cross-references, rules and what
//! an unknown command's arguments leave.

use std::fmt::Write;

use wita_doc::{Content, Length, Node, NodeKind, RefKind, Style};

use super::paragraphs::holds_paragraphs;
use super::{T, Writer, length};
use crate::escape::string;

impl Writer {
    /// Content in a style (`\textbf{..}`, `\emph{..}`, `\url`'s text).
    pub(super) fn styled(&mut self, style: Style, c: &[Node]) {
        match style {
            Style::Size(size) => {
                self.out.push_str("#[");
                self.size_switch(size, c);
                self.content(c);
                self.out.push_str("];");
            }
            Style::XeCjkMark { space_after } => {
                let _ = write!(self.out, "#{T}.xecjk(");
                string(&wita_doc::plain_text(c), &mut self.out);
                if space_after {
                    self.out.push_str(", space: true");
                }
                self.out.push_str(");");
            }
            // A URL's text goes to the template as a string: how it may
            // break depends on what it is.
            Style::UrlText if c.iter().all(|n| matches!(n.kind, NodeKind::Text(_))) => {
                let _ = write!(self.out, "#{T}.url-text(");
                string(&wita_doc::plain_text(c), &mut self.out);
                self.out.push_str(");");
            }
            style => {
                self.out.push('#');
                self.out.push_str(&styled_function(style));
                self.bracket(c);
                self.out.push(';');
            }
        }
    }

    /// `\small` and its kin, for the content that follows in its group: the
    /// size, and the size's baselines if that content holds paragraphs.
    pub(super) fn size_switch(&mut self, size: wita_doc::FontSize, rest: &[Node]) {
        if holds_paragraphs(rest) {
            let _ = write!(self.out, "#show: {T}.sized.with({:?});", size_name(size));
        } else {
            let _ = write!(self.out, "#set text(size: {T}.size.{});", size_name(size));
        }
    }

    /// A declaration (`\bfseries`, `\color{..}`…): a set or show rule over
    /// the rest of its group.
    pub(super) fn set_style(&mut self, style: Style) {
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
            // Only ever around one mark (see `styled`).
            Style::XeCjkMark { .. } => String::new(),
            Style::Superscript => "#show: super;".to_owned(),
            Style::Subscript => "#show: sub;".to_owned(),
            Style::Color(c) => format!("#set text(fill: {});", rgb(c)),
            Style::Background(c) => format!("#show: highlight.with(fill: {});", rgb(c)),
            Style::Framed => format!("#show: {T}.fbox;"),
            Style::Circled => format!("#show: {T}.textcircled;"),
            Style::Size(size) => format!("#set text(size: {T}.size.{});", size_name(size)),
            Style::RaggedRight => "#set par(justify: false);".to_owned(),
            Style::RaggedLeft => "#set par(justify: false); #set align(right);".to_owned(),
            Style::Centering => "#set par(justify: false); #set align(center);".to_owned(),
        };
        self.out.push_str(&rule);
    }

    /// `\ref` and its kin: the template's cross-reference functions.
    pub(super) fn reference(&mut self, r: &wita_doc::Ref) {
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

    /// `\href{url}{..}`, or a link within the document (`#name`).
    pub(super) fn link(&mut self, url: &str, body: &[Node]) {
        if let Some(name) = url.strip_prefix('#') {
            // A link within the document (`\hyperlink`, `\hyperref[..]`).
            let target = self.label_value(name);
            let _ = write!(self.out, "#{T}.hyperlink({target}, ");
            self.bracket(body);
            self.out.push_str(");");
            return;
        }
        self.out.push_str("#link(");
        string(url, &mut self.out);
        self.out.push(')');
        self.bracket(body);
        self.out.push(';');
    }

    /// `\rule{w}{h}`, raised by `raise`.
    pub(super) fn rule_box(&mut self, width: Length, height: Length, raise: Option<Length>) {
        let _ = write!(
            self.out,
            "#{T}.rule-box({}, {}, raise: {});",
            length(width),
            length(height),
            raise.map_or_else(|| "0pt".to_owned(), length)
        );
    }

    /// A command the reader does not know: it warned; what its arguments
    /// say is printed, so that no text is lost.
    pub(super) fn unknown(&mut self, args: &[Content]) {
        for (i, arg) in args.iter().enumerate() {
            if i > 0 {
                self.out.push(' ');
            }
            self.out.push('#');
            self.bracket(arg);
            self.out.push(';');
        }
    }
}

/// The function that sets content in `style` (`strong`, `wita.italic`…).
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
        Style::XeCjkMark { .. } => format!("{T}.xecjk"),
        Style::Superscript => "super".into(),
        Style::Subscript => "sub".into(),
        Style::Color(c) => format!("text(fill: {})", rgb(c)),
        Style::Background(c) => format!("{T}.colorbox({})", rgb(c)),
        Style::Framed => format!("{T}.fbox"),
        Style::Circled => format!("{T}.textcircled"),
        Style::Size(size) => format!("text(size: {T}.size.{})", size_name(size)),
        Style::RaggedRight => format!("{T}.ragged-right"),
        Style::RaggedLeft => "align.with(right)".into(),
        Style::Centering => "align.with(center)".into(),
    }
}

/// A colour as Typst's `rgb`.
pub(super) fn rgb(c: wita_doc::Rgb) -> String {
    format!("rgb({}, {}, {})", c.0, c.1, c.2)
}

/// A font size's name in the template's `size` dictionary.
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

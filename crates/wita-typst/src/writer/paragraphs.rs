//! Runs of content and the paragraphs in them: what LaTeX decides from the
//! nodes around one (a paragraph it does not indent, a paragraph that is only
//! a `\parbox`, a heading right under another, a size switch over whole
//! paragraphs, two citations in a row), which the one-node dispatch cannot see.

use std::fmt::Write;

use wita_doc::{CiteMode, Node, NodeKind, Style};

use super::{T, Writer, length};

impl Writer {
    /// A run of content (an article's body, a group's, a cell's…).
    pub(super) fn content(&mut self, content: &[Node]) {
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

    /// Whether nothing of a paragraph has been written since the last
    /// paragraph break, statement (`;`) or opened content (`[`).
    fn at_paragraph_start(&self) -> bool {
        let trimmed = self.out.trim_end_matches([' ', '\n']);
        trimmed.is_empty()
            || self.block_end == Some(trimmed.len())
            || self.out.ends_with("\n\n")
            || trimmed.ends_with(';')
            || trimmed.ends_with('[')
    }
}

/// Whether content holds a paragraph break or a block: whole paragraphs.
pub(super) fn holds_paragraphs(content: &[Node]) -> bool {
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

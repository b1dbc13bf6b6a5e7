//! Sectioning: LaTeX's headings and KOMA-Script's unnumbered ones.

use wita_diag::Span;
use wita_doc::{Content, Node, NodeKind};

use super::Handler::Command;
use super::{Entry, entry};
use crate::reader::{Reader, push_parbreak};

fn heading(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let star = r.read_star();
    r.read_optional();
    let (body, arg_span) = r.arg_content(name, span);
    // Chapters (and parts) are level 0 while reading; when an article has
    // chapters, every heading moves one level down afterwards
    // ([`crate::chapters`]), else parts are top-level headings.
    let level = match name {
        "part" | "chapter" | "addchap" => 0,
        "section" | "addsec" => 1,
        "subsection" => 2,
        "subsubsection" | "minisec" => 3,
        "paragraph" => 4,
        _ => 5,
    };
    let numbered =
        !star && !matches!(name, "addsec" | "addchap" | "minisec" | "part") && level <= 3;
    if numbered {
        r.count_heading(level);
    }
    push_parbreak(out, span);
    out.push(Node::new(
        NodeKind::Heading(wita_doc::Heading {
            level,
            numbered,
            body,
            label: None,
        }),
        span.join(arg_span),
    ));
}

#[rustfmt::skip]
pub(super) const ENTRIES: &[Entry] = &[
    entry("part", "s o m", Command(heading), "an unnumbered top-level heading"),
    entry("chapter", "s o m", Command(heading), "a numbered top-level heading; sections are numbered within chapters, and figures, tables and equations too (`1.2`), as in LaTeX's book and report"),
    entry("section", "s o m", Command(heading), "a numbered heading (`*`: unnumbered)"),
    entry("subsection", "s o m", Command(heading), "a numbered second-level heading"),
    entry("subsubsection", "s o m", Command(heading), "a numbered third-level heading"),
    entry("paragraph", "s o m", Command(heading), "an unnumbered fourth-level heading"),
    entry("subparagraph", "s o m", Command(heading), "an unnumbered fifth-level heading"),
    entry("addsec", "s o m", Command(heading), "an unnumbered top-level heading"),
    entry("addchap", "s o m", Command(heading), "an unnumbered top-level heading"),
    entry("minisec", "m", Command(heading), "an unnumbered third-level heading"),
];

//! Fonts and alignment: LaTeX's text commands and declarations, its old
//! two-letter forms, the size switches and their environments, ragged2e,
//! and underlining and striking out (ulem, soul, CJK's `\CJKunderline`).

use wita_diag::Span;
use wita_doc::{Content, FontSize, Node, NodeKind, Style};

use super::Handler::{Command, Declaration, Environment, Styled};
use super::{Entry, entry};
use crate::reader::{Reader, Stop};

fn declaration_environment(r: &mut Reader<'_>, name: String, begin: Span, out: &mut Content) {
    let mut body = Vec::new();
    let mono = r.mono;
    r.command(&name, begin, &mut body);
    body.extend(r.content(Stop::Env(name, begin)));
    r.mono = mono;
    out.push(Node::new(NodeKind::Group(body), begin));
}

/// `\MakeUppercase{text}` and `\MakeLowercase` (and TeX's `\uppercase`,
/// `\lowercase`): the text in capitals or small letters, as LaTeX changes
/// it: the letters of the text, not those of a citation or a URL (nor of
/// math, which is not text).
fn change_case(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let (mut body, arg_span) = r.arg_content(name, span);
    let upper = name.to_lowercase().contains("upper");
    // TeX's primitives change a character only into one other (`ß` stays);
    // LaTeX's commands as Unicode does (`ß` is `SS`).
    let primitive = !name.starts_with("Make");
    fn change(content: &mut [Node], upper: bool, primitive: bool) {
        for node in content {
            match &mut node.kind {
                NodeKind::Text(t) => {
                    *t = match (upper, primitive) {
                        (true, false) => t.to_uppercase(),
                        (false, false) => t.to_lowercase(),
                        _ => t
                            .chars()
                            .map(|c| {
                                let mut changed: Vec<char> = if upper {
                                    c.to_uppercase().collect()
                                } else {
                                    c.to_lowercase().collect()
                                };
                                if changed.len() == 1 {
                                    changed.remove(0)
                                } else {
                                    c
                                }
                            })
                            .collect(),
                    }
                }
                NodeKind::Cite(_) | NodeKind::Styled(Style::UrlText, _) => {}
                _ => {
                    for child in wita_doc::children_mut(node) {
                        change(child, upper, primitive);
                    }
                }
            }
        }
    }
    change(&mut body, upper, primitive);
    out.push(Node::new(NodeKind::Group(body), span.join(arg_span)));
}

#[rustfmt::skip]
pub(super) const ENTRIES: &[Entry] = &[
    // `\textbf{..}`.
    entry("textbf", "m", Styled(Style::Bold), ""),
    entry("textit", "m", Styled(Style::Italic), ""),
    entry("textsl", "m", Styled(Style::Italic), ""),
    entry("emph", "m", Styled(Style::Emph), ""),
    entry("texttt", "m", Styled(Style::Mono), ""),
    entry("textsf", "m", Styled(Style::Sans), ""),
    entry("textrm", "m", Styled(Style::Serif), ""),
    entry("textsc", "m", Styled(Style::SmallCaps), ""),
    entry("textup", "m", Styled(Style::Upright), ""),
    entry("textmd", "m", Styled(Style::Medium), ""),
    entry("underline", "m", Styled(Style::Underline), ""),
    entry("textsuperscript", "m", Styled(Style::Superscript), ""),
    entry("textsubscript", "m", Styled(Style::Subscript), ""),
    // ulem, soul, CJK.
    entry("uline", "m", Styled(Style::Underline), ""),
    entry("uuline", "m", Styled(Style::Underline), ""),
    entry("uwave", "m", Styled(Style::Underline), ""),
    entry("ul", "m", Styled(Style::Underline), ""),
    entry("CJKunderline", "m", Styled(Style::Underline), ""),
    entry("sout", "m", Styled(Style::Strike), ""),
    entry("xout", "m", Styled(Style::Strike), ""),
    entry("st", "m", Styled(Style::Strike), ""),
    entry("hl", "m", Styled(Style::Highlight), ""),
    // `\bfseries`, and the two-letter forms.
    entry("bfseries", "", Declaration(Style::Bold), ""),
    entry("bf", "", Declaration(Style::Bold), ""),
    entry("itshape", "", Declaration(Style::Italic), ""),
    entry("it", "", Declaration(Style::Italic), ""),
    entry("slshape", "", Declaration(Style::Italic), ""),
    entry("sl", "", Declaration(Style::Italic), ""),
    entry("em", "", Declaration(Style::Emph), ""),
    entry("upshape", "", Declaration(Style::Upright), ""),
    entry("rm", "", Declaration(Style::Serif), ""),
    entry("rmfamily", "", Declaration(Style::Serif), ""),
    entry("ttfamily", "", Declaration(Style::Mono), ""),
    entry("tt", "", Declaration(Style::Mono), ""),
    entry("sffamily", "", Declaration(Style::Sans), ""),
    entry("sf", "", Declaration(Style::Sans), ""),
    // ctex's Chinese typefaces: 黑体 is the sans; the template has no Kai,
    // Fangsong, Lishu or Youyuan face, and sets them in the serif.
    entry("heiti", "", Declaration(Style::Sans), "ctex's Heiti: the sans-serif"),
    entry("songti", "", Declaration(Style::Serif), "ctex's Songti: the serif"),
    entry("kaishu", "", Declaration(Style::Serif), "ctex's Kaishu, set in the serif"),
    entry("fangsong", "", Declaration(Style::Serif), "ctex's Fangsong, set in the serif"),
    entry("lishu", "", Declaration(Style::Serif), "ctex's Lishu, set in the serif"),
    entry("youyuan", "", Declaration(Style::Serif), "ctex's Youyuan, set in the serif"),
    entry("scshape", "", Declaration(Style::SmallCaps), ""),
    entry("sc", "", Declaration(Style::SmallCaps), ""),
    entry("mdseries", "", Declaration(Style::Medium), ""),
    entry("raggedright", "", Declaration(Style::RaggedRight), ""),
    entry("RaggedRight", "", Declaration(Style::RaggedRight), ""),
    entry("raggedleft", "", Declaration(Style::RaggedLeft), ""),
    entry("RaggedLeft", "", Declaration(Style::RaggedLeft), ""),
    entry("centering", "", Declaration(Style::Centering), ""),
    entry("Centering", "", Declaration(Style::Centering), ""),
    entry("MakeUppercase", "m", Command(change_case), "its text in capitals"),
    entry("MakeLowercase", "m", Command(change_case), "its text in small letters"),
    entry("uppercase", "m", Command(change_case), "TeX's: its text in capitals"),
    entry("lowercase", "m", Command(change_case), "TeX's: its text in small letters"),
    // relsize's steps, from the body's size.
    entry("smaller", "", Declaration(Style::Size(FontSize::Small)), "relsize: a size smaller"),
    entry("larger", "", Declaration(Style::Size(FontSize::Large)), "relsize: a size larger"),
    // Sizes.
    entry("tiny", "", Declaration(Style::Size(FontSize::Tiny)), ""),
    entry("scriptsize", "", Declaration(Style::Size(FontSize::ScriptSize)), ""),
    entry("footnotesize", "", Declaration(Style::Size(FontSize::FootnoteSize)), ""),
    entry("small", "", Declaration(Style::Size(FontSize::Small)), ""),
    entry("normalsize", "", Declaration(Style::Size(FontSize::NormalSize)), ""),
    entry("large", "", Declaration(Style::Size(FontSize::Large)), ""),
    entry("Large", "", Declaration(Style::Size(FontSize::Large2)), ""),
    entry("LARGE", "", Declaration(Style::Size(FontSize::Large3)), ""),
    entry("huge", "", Declaration(Style::Size(FontSize::Huge)), ""),
    entry("Huge", "", Declaration(Style::Size(FontSize::Huge2)), ""),
    // `\begin{small}..\end{small}`: the declaration, for the environment's body.
    entry("small", "", Environment(declaration_environment), "the declaration of the same name, for the environment's body"),
    entry("footnotesize", "", Environment(declaration_environment), "the declaration of the same name, for the environment's body"),
    entry("scriptsize", "", Environment(declaration_environment), "the declaration of the same name, for the environment's body"),
    entry("tiny", "", Environment(declaration_environment), "the declaration of the same name, for the environment's body"),
    entry("large", "", Environment(declaration_environment), "the declaration of the same name, for the environment's body"),
    entry("Large", "", Environment(declaration_environment), "the declaration of the same name, for the environment's body"),
    entry("LARGE", "", Environment(declaration_environment), "the declaration of the same name, for the environment's body"),
    entry("huge", "", Environment(declaration_environment), "the declaration of the same name, for the environment's body"),
    entry("Huge", "", Environment(declaration_environment), "the declaration of the same name, for the environment's body"),
    entry("normalsize", "", Environment(declaration_environment), "the declaration of the same name, for the environment's body"),
    entry("bfseries", "", Environment(declaration_environment), "the declaration of the same name, for the environment's body"),
    entry("itshape", "", Environment(declaration_environment), "the declaration of the same name, for the environment's body"),
    entry("ttfamily", "", Environment(declaration_environment), "the declaration of the same name, for the environment's body"),
    entry("sffamily", "", Environment(declaration_environment), "the declaration of the same name, for the environment's body"),
    entry("raggedright", "", Environment(declaration_environment), "the declaration of the same name, for the environment's body"),
    entry("raggedleft", "", Environment(declaration_environment), "the declaration of the same name, for the environment's body"),
    entry("centering", "", Environment(declaration_environment), "the declaration of the same name, for the environment's body"),
];

//! Font choices (fontspec, xeCJK, unicode-math): the journal sets every
//! article in its own faces, so an article's choice of fonts is read and
//! left out, in the body as in the preamble; a font command it defines
//! (`\newfontfamily\code{..}`) switches to nothing, so that where the
//! article uses it its text is printed as the text around it.

use wita_diag::Span;
use wita_doc::Content;

use super::Handler::Command;
use super::{Entry, entry, ignore};
use crate::lex::TokenKind;
use crate::reader::{Macro, Reader};

/// `\newfontfamily\cmd[options]{font}[options]` (and `\newfontface`,
/// xeCJK's `\newCJKfontfamily`): `\cmd` switches to no font of its own.
fn new_font_command(r: &mut Reader<'_>, name: &str, span: Span, _: &mut Content) {
    // The command, braced or not; xeCJK's takes its `[family]` first.
    while r.read_optional().is_some() {}
    let command = match r.read_arg() {
        Some((tokens, _)) => tokens.into_iter().find_map(|t| match t.kind {
            TokenKind::Command(c) => Some(c),
            _ => None,
        }),
        None => None,
    };
    while r.read_optional().is_some() {}
    r.expect_arg(name, span);
    while r.read_optional().is_some() {}
    if let Some(command) = command {
        r.macros.insert(
            command,
            Macro {
                params: 0,
                default: None,
                body: Vec::new().into(),
                delimiters: None,
            },
        );
    }
}

#[rustfmt::skip]
pub(super) const ENTRIES: &[Entry] = &[
    entry("fontspec", "o m o", Command(ignore), "a font of the article's: the journal's faces are used"),
    entry("setmainfont", "o m o", Command(ignore), "the article's main font: the journal's faces are used"),
    entry("setsansfont", "o m o", Command(ignore), "the article's sans-serif font: the journal's faces are used"),
    entry("setmonofont", "o m o", Command(ignore), "the article's monospace font: the journal's faces are used"),
    entry("setmathfont", "o m o", Command(ignore), "unicode-math: the article's math font: the journal's is used"),
    entry("addfontfeatures", "m", Command(ignore), "font features of the article's: the journal's faces are used"),
    entry("addfontfeature", "m", Command(ignore), "font features of the article's: the journal's faces are used"),
    entry("defaultfontfeatures", "o m", Command(ignore), "font features of the article's: the journal's faces are used"),
    entry("setCJKmainfont", "o m o", Command(ignore), "xeCJK: the article's Chinese font: the journal's faces are used"),
    entry("setCJKsansfont", "o m o", Command(ignore), "xeCJK: the article's Chinese sans-serif font: the journal's faces are used"),
    entry("setCJKmonofont", "o m o", Command(ignore), "xeCJK: the article's Chinese monospace font: the journal's faces are used"),
    entry("setCJKfamilyfont", "m o m", Command(ignore), "xeCJK: a Chinese font family of the article's: the journal's faces are used"),
    entry("newfontfamily", "m o m o", Command(new_font_command), "a font command of the article's, which switches to the journal's faces"),
    entry("newfontface", "m o m o", Command(new_font_command), "a font command of the article's, which switches to the journal's faces"),
    entry("newCJKfontfamily", "o m o m", Command(new_font_command), "xeCJK: a font command of the article's, which switches to the journal's faces"),
];

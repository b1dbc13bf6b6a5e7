//! The punctuation buffer (biblatex's `\newunit`, `\setunit`,
//! `\setunit*`): a separator is printed only between pieces that exist, and
//! never after a sentence's own end; and the pieces it prints.

use crate::text::FieldText;

use super::{Face, Piece};

/// The output with biblatex's punctuation buffer.
#[derive(Default)]
pub(super) struct Out {
    pub(super) pieces: Vec<Piece>,
    /// `\blx@unitpunct`: printed before the next field that prints.
    pub(super) pending: Option<&'static str>,
    /// Whether the last print printed anything (`\setunit*` checks it).
    pub(super) last_ins: bool,
}

impl Out {
    pub(super) fn started(&self) -> bool {
        self.pieces.iter().any(|p| !p.text.is_empty())
    }

    pub(super) fn newunit(&mut self) {
        self.pending = Some(". ");
    }

    pub(super) fn setunit(&mut self, p: &'static str) {
        self.pending = Some(p);
    }

    pub(super) fn setunit_star(&mut self, p: &'static str) {
        if self.last_ins {
            self.pending = Some(p);
        }
    }

    /// The last printed character, looking through closing quotes (biblatex
    /// tracks the punctuation inside `\mkbibquote`).
    pub(super) fn last_char(&self) -> Option<char> {
        // A closing parenthesis typed in a field is transparent to TeX's
        // space factor (`(2nd Ed.)` still ends a sentence); one biblatex
        // wraps around a field (`\mkbibparens`, a piece of its own here)
        // is not: `(U.S.). IBM`.
        for piece in self.pieces.iter().rev() {
            if piece.text == ")" {
                return Some(')');
            }
            if let Some(c) = piece
                .text
                .chars()
                .rev()
                .find(|c| !matches!(c, '”' | '’' | '"' | ')' | ' '))
            {
                return Some(c);
            }
        }
        None
    }

    /// Whether a bibstring here starts a sentence (and is capitalised).
    fn sentence_start(&self) -> bool {
        !self.started() || (self.pending == Some(". ") && self.last_char() != Some(':'))
    }

    fn flush_punct(&mut self) {
        let Some(p) = self.pending.take() else {
            return;
        };
        if !self.started() {
            return;
        }
        let last = self.last_char();
        let text = match (p, last) {
            (". ", Some('.' | '?' | '!')) => " ",
            // biblatex's punctuation tracker sets no period after a colon
            // (`In:` before an empty book title): "In: vol. 1".
            (". ", Some(':')) => " ",
            (", " | ": " | "; ", Some('?' | '!')) => " ",
            _ => p,
        };
        self.pieces.push(Piece {
            text: text.to_owned(),
            italic: false,
            link: None,
            face: Face::Text,
        });
    }

    pub(super) fn print(&mut self, pieces: Vec<Piece>) {
        if pieces.iter().all(|p| p.text.is_empty()) {
            self.last_ins = false;
            return;
        }
        self.flush_punct();
        self.pieces.extend(pieces);
        self.last_ins = true;
    }

    pub(super) fn text(&mut self, s: impl Into<String>) {
        self.print(vec![plain(s)]);
    }

    pub(super) fn field(&mut self, f: Option<FieldText>) {
        match f {
            Some(f) => self.print(runs(&f, false)),
            None => self.last_ins = false,
        }
    }

    /// A bibstring, capitalised at the start of a sentence.
    pub(super) fn string(&self, s: &str) -> String {
        if self.sentence_start() {
            capitalise(s)
        } else {
            s.to_owned()
        }
    }
}

pub(super) fn plain(s: impl Into<String>) -> Piece {
    Piece {
        text: s.into(),
        italic: false,
        link: None,
        face: Face::Text,
    }
}

/// An acronym label (`\mkbibacro{DOI}`) and its colon.
pub(super) fn acronym(label: &str) -> [Piece; 2] {
    [
        Piece {
            face: Face::Acronym,
            ..plain(label)
        },
        plain(": "),
    ]
}

/// A URL, DOI or eprint as `\url`/`\nolinkurl` print it.
pub(super) fn verbatim(text: impl Into<String>, link: Option<String>) -> Piece {
    Piece {
        link,
        face: Face::Verbatim,
        ..plain(text)
    }
}

pub(super) fn runs(f: &FieldText, italic: bool) -> Vec<Piece> {
    let mut out: Vec<Piece> = f
        .runs
        .iter()
        .map(|r| Piece {
            text: r.text.clone(),
            italic: italic != r.emph,
            link: None,
            face: Face::Text,
        })
        .collect();
    if let Some(first) = out.first_mut() {
        first.text = first.text.trim_start().to_owned();
    }
    if let Some(last) = out.last_mut() {
        last.text = last.text.trim_end().to_owned();
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// bibstrings (`english.lbx`) for a `type`, `pubstate` or `series` value
/// or a list item.
pub(super) fn bibstring(value: &str) -> Option<&'static str> {
    Some(match value {
        // The short forms (`abbreviate=true`) of `english.lbx`.
        "phdthesis" => "PhD thesis",
        "mathesis" => "MA thesis",
        "candthesis" => "Cand. thesis",
        "techreport" => "tech. rep.",
        "resreport" => "research rep.",
        "software" => "comp. software",
        "datacd" => "CD-ROM",
        "audiocd" => "audio CD",
        "patent" => "pat.",
        "patentde" => "German pat.",
        "patenteu" => "European pat.",
        "patentfr" => "French pat.",
        "patentuk" => "British pat.",
        "patentus" => "U.S. pat.",
        "patreq" => "pat. req.",
        "patreqde" => "German pat. req.",
        "patreqeu" => "European pat. req.",
        "patreqfr" => "French pat. req.",
        "patrequk" => "British pat. req.",
        "patrequs" => "U.S. pat. req.",
        "inpress" => "in press",
        "inpreparation" => "in preparation",
        "submitted" => "submitted",
        "forthcoming" => "forthcoming",
        "prepublished" => "pre-published",
        "countryde" => "DE",
        "countryeu" => "EU",
        "countryep" => "EP",
        "countryfr" => "FR",
        "countryuk" => "GB",
        "countryus" => "US",
        // The strings of `relatedtype`s.
        "translationof" => "trans. of",
        "translationas" => "trans. as",
        "translationfrom" => "trans. from",
        "reprintof" => "repr. of",
        "reprintas" => "rpt. as",
        "reprintfrom" => "repr. from",
        "reviewof" => "rev. of",
        "origpubas" => "orig. pub. as",
        "origpubin" => "orig. pub. in",
        "newseries" => "new ser.",
        "oldseries" => "old ser.",
        _ => return None,
    })
}

/// Joins neighbouring pieces of the same style.
pub(super) fn merge(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    for p in pieces {
        if p.text.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(last)
                if last.italic == p.italic
                    && last.face == p.face
                    && last.link.is_none()
                    && p.link.is_none() =>
            {
                last.text.push_str(&p.text)
            }
            _ => out.push(p),
        }
    }
    out
}

//! A field's value as printable text: the `biblatex` crate resolves accents,
//! dashes, escapes and braces, and leaves any other command as written
//! (`\emph{x}`). Here those leftovers become styled text, the way LaTeX would
//! print them, and the ones nobody can print are reported.

use biblatex::{Chunk, Spanned};

/// A run of text, `emph` when LaTeX would set it emphasised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub emph: bool,
    /// Typed as is (`\url{..}`'s argument): TeX's quote ligatures and
    /// ties do not apply.
    pub verbatim: bool,
}

/// A field's text, as runs, with the commands it could not print.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldText {
    pub runs: Vec<Run>,
    /// Commands left in the field that mean nothing here (`\foo`), with
    /// the byte range of the chunk they are in.
    pub unknown: Vec<(String, std::ops::Range<usize>)>,
}

impl FieldText {
    pub fn plain(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.runs.iter().all(|r| r.text.trim().is_empty())
    }

    fn push(&mut self, text: &str, emph: bool) {
        self.push_run(text, emph, false);
    }

    fn push_run(&mut self, text: &str, emph: bool, verbatim: bool) {
        if text.is_empty() {
            return;
        }
        match self.runs.last_mut() {
            Some(last) if last.emph == emph && last.verbatim == verbatim => {
                last.text.push_str(text)
            }
            _ => self.runs.push(Run {
                text: text.to_owned(),
                emph,
                verbatim,
            }),
        }
    }
}

impl FieldText {
    /// TeX's quote ligatures, as XeLaTeX with `Ligatures=TeX` prints them
    /// (not for URLs and other verbatim fields).
    pub fn with_tex_quotes(mut self) -> Self {
        for run in self.runs.iter_mut().filter(|r| !r.verbatim) {
            run.text = run
                .text
                .replace("``", "“")
                .replace("''", "”")
                .replace('`', "‘")
                .replace('\'', "’")
                // tex-text.map turns a straight double quote into a
                // closing one, both sides.
                .replace('"', "”");
        }
        self
    }
}

/// Commands that only style their argument.
const EMPH: &[&str] = &["emph", "textit", "textsl", "mkbibemph", "mkbibitalic", "it"];
const KEEP: &[&str] = &[
    "textbf",
    "textsc",
    "texttt",
    "textrm",
    "textsf",
    "textup",
    "textmd",
    "textnormal",
    "mbox",
    "hbox",
    "mkbibbold",
    "NoCaseChange",
    "MakeUppercase",
    "uppercase",
    "ensuremath",
    "bibstring",
    "textsuperscript",
    "textsubscript",
    "text",
    // biblatex capitalises its argument at the start of a sentence only.
    "autocap",
];
const QUOTE: &[&str] = &["mkbibquote", "enquote", "textquote", "enquote*"];

/// Converts a field's chunks to runs of text.
pub fn field_text(chunks: &[Spanned<Chunk>]) -> FieldText {
    let mut out = FieldText::default();
    for chunk in chunks {
        match &chunk.v {
            Chunk::Normal(s) | Chunk::Verbatim(s) => {
                let s = accented_dotless(s);
                let mut unknown = Vec::new();
                latex_runs(&s, false, &mut out, &mut unknown);
                out.unknown
                    .extend(unknown.into_iter().map(|u| (u, chunk.span.clone())));
            }
            Chunk::Math(m) => out.push(&math_text(m), false),
        }
    }
    // biber collapses the whitespace of a field.
    for run in &mut out.runs {
        run.text = collapse_spaces(&run.text);
    }
    out
}

/// `{\^\i}`: the biblatex crate applies the accent to `\i` and leaves
/// `\` + the combining accent + `i`; LaTeX prints `î`.
fn accented_dotless(s: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    if !s.contains('\\') {
        return s.into();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    let mut changed = false;
    while i < chars.len() {
        if chars[i] == '\\'
            && let (Some(&mark), Some(&letter)) = (chars.get(i + 1), chars.get(i + 2))
            && is_combining_mark(mark)
            && matches!(letter, 'i' | 'j')
        {
            out.extend([letter, mark].iter().copied().nfc());
            i += 3;
            changed = true;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    if changed { out.into() } else { s.into() }
}

fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// The commands the crate left: `\name{arg}` or `\name ` (and `~`, a tie).
fn latex_runs(s: &str, emph: bool, out: &mut FieldText, unknown: &mut Vec<String>) {
    let mut rest = s;
    while let Some(i) = rest.find(['\\', '~']) {
        out.push(&rest[..i], emph);
        if rest[i..].starts_with('~') {
            out.push("\u{a0}", emph);
            rest = &rest[i + 1..];
            continue;
        }
        let after = &rest[i + 1..];
        let name_len = after
            .char_indices()
            .find(|(_, c)| !c.is_ascii_alphabetic() && *c != '*' && *c != '@')
            .map_or(after.len(), |(j, _)| j);
        let name = &after[..name_len];
        let mut tail = &after[name_len..];
        if name.is_empty() {
            // `\,`, `\ ` and the like: a space.
            let c = tail.chars().next();
            out.push(if c == Some(',') { "\u{202f}" } else { " " }, emph);
            rest = c.map_or("", |c| &tail[c.len_utf8()..]);
            continue;
        }
        let arg = if tail.starts_with('{') {
            let end = matching_brace(tail);
            let arg = &tail[1..end.saturating_sub(1).max(1)];
            tail = &tail[end..];
            Some(arg)
        } else {
            tail = tail.strip_prefix(' ').unwrap_or(tail);
            None
        };
        match (name, arg) {
            // A URL or path is typed as is: `~` and `"` are themselves.
            ("url" | "nolinkurl" | "path", Some(a)) => {
                out.push_run(&a.replace('\u{a0}', "~"), emph, true)
            }
            (n, Some(a)) if EMPH.contains(&n) => latex_runs(a, !emph, out, unknown),
            (n, Some(a)) if KEEP.contains(&n) => latex_runs(a, emph, out, unknown),
            (n, Some(a)) if QUOTE.contains(&n) => {
                // The starred form is the inner quotation.
                let (open, close) = if n.ends_with('*') {
                    ("‘", "’")
                } else {
                    ("“", "”")
                };
                out.push(open, emph);
                latex_runs(a, emph, out, unknown);
                out.push(close, emph);
            }
            ("em" | "itshape" | "slshape", None) => {
                // A declaration: the rest of the group (here, the field).
                latex_runs(tail, !emph, out, unknown);
                return;
            }
            (
                "bf" | "bfseries" | "sc" | "scshape" | "tt" | "ttfamily" | "rm" | "sf" | "upshape"
                | "normalfont" | "relax" | "protect" | "noopsort" | "allowbreak" | "break"
                | "nobreak" | "sloppy" | "natexlab" | "bibinfo",
                a,
            ) => {
                // `\noopsort{key}` only affects sorting; its argument is not printed.
                if let Some(a) = a
                    && !matches!(name, "noopsort")
                {
                    latex_runs(a, emph, out, unknown);
                }
            }
            ("textbackslash", _) => out.push("\\", emph),
            ("ldots" | "dots" | "textellipsis", _) => out.push("…", emph),
            ("quad", _) => out.push(" ", emph),
            ("slash", _) => out.push("/", emph),
            // biblatex's breakable hyphen in compound words.
            ("hyphen", _) => out.push("-", emph),
            ("textpercent", _) => out.push("%", emph),
            ("space", _) => out.push(" ", emph),
            ("nobreakspace" | "nbsp", _) => out.push("\u{a0}", emph),
            ("textendash", _) => out.push("–", emph),
            ("textemdash", _) => out.push("—", emph),
            ("textdegree", _) => out.push("°", emph),
            ("texteuro" | "euro" | "EUR", _) => out.push("€", emph),
            ("BibTeX", _) => out.push("BibTeX", emph),
            ("biber", _) => out.push("biber", emph),
            ("biblatex", _) => out.push("biblatex", emph),
            ("LaTeXe", _) => out.push("LaTeX2e", emph),
            // The biblatex crate resolves `\LaTeX` only when a space or
            // brace follows; `\LaTeX:` and `\TeX*` reach here.
            ("LaTeX" | "TeX" | "XeTeX" | "XeLaTeX" | "LuaTeX" | "LuaLaTeX", _) => {
                out.push(name, emph)
            }
            ("LaTeX*" | "TeX*", _) => out.push(name, emph),
            (other, a) => match (aas_journal(other), a) {
                (Some(journal), None) => out.push(journal, emph),
                _ => {
                    unknown.push(format!("\\{other}"));
                    if let Some(a) = a {
                        latex_runs(a, emph, out, unknown);
                    }
                }
            },
        }
        rest = tail;
    }
    out.push(rest, emph);
}

/// The journal macros of AASTeX that astronomy's .bib files (exported from
/// ADS) use in `journal` fields, with what AASTeX (aastex631.cls) prints
/// for them.
fn aas_journal(name: &str) -> Option<&'static str> {
    Some(match name {
        "aj" => "AJ",
        "actaa" => "AcA",
        "araa" => "ARA&A",
        "apj" => "ApJ",
        "apjl" | "apjlett" => "ApJL",
        "apjs" | "apjsupp" => "ApJS",
        "ao" | "applopt" => "ApOpt",
        "apss" => "Ap&SS",
        "aap" | "astap" => "A&A",
        "aapr" => "A&A Rv",
        "aaps" => "A&AS",
        "azh" => "AZh",
        "baas" => "BAAS",
        "icarus" => "Icarus",
        "jcap" => "JCAP",
        "jrasc" => "JRASC",
        "memras" => "MmRAS",
        "mnras" => "MNRAS",
        "na" => "NewA",
        "nar" => "NewAR",
        "pra" => "PhRvA",
        "prb" => "PhRvB",
        "prc" => "PhRvC",
        "prd" => "PhRvD",
        "pre" => "PhRvE",
        "prl" => "PhRvL",
        "pasa" => "PASA",
        "pasp" => "PASP",
        "pasj" => "PASJ",
        "psj" => "PSJ",
        "qjras" => "QJRAS",
        "skytel" => "S&T",
        "solphys" => "SoPh",
        "sovast" => "Soviet Ast.",
        "ssr" => "SSRv",
        "zap" => "ZA",
        "nat" => "Nature",
        "iaucirc" => "IAUC",
        "gca" => "GeoCoA",
        "grl" => "Geophys. Res. Lett.",
        "jgr" => "J. Geophys. Res.",
        "jqsrt" => "JQSRT",
        "memsai" => "Mem. Soc. Astron. Italiana",
        "aas" => "AAS Meeting Abstracts",
        "aplett" => "Astrophys. Lett.",
        "apspr" => "Astrophys. Space Phys. Res.",
        "bain" => "BAN",
        "caa" => "ChA&A",
        "cjaa" => "ChJA&A",
        "dps" => "AAS/DPS Meeting Abstracts",
        "fcp" => "FCPh",
        "jaavso" => "JAAVSO",
        "jcp" => "JChPh",
        "maps" => "M&PS",
        "nphysa" => "NuPhA",
        "rmxaa" => "RMxAA",
        "physrep" => "PhR",
        "physscr" => "PhyS",
        "planss" => "Planet. Space Sci.",
        "procspie" => "Proc. SPIE",
        _ => return None,
    })
}

/// The byte just after the `}` that closes the `{` at the start of `s`.
fn matching_brace(s: &str) -> usize {
    let mut depth = 0;
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
    }
    s.len()
}

/// Inline math as text: the common symbols, scripts and letters as written.
fn math_text(m: &str) -> String {
    let mut out = String::new();
    let mut rest = m;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('\\') {
            let len = after
                .char_indices()
                .find(|(_, c)| !c.is_ascii_alphabetic())
                .map_or(after.len(), |(j, _)| j.max(1).min(after.len()));
            let name = &after[..len];
            out.push_str(symbol(name).unwrap_or(name));
            rest = &after[len..];
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        if !matches!(c, '{' | '}' | '^' | '_') {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn symbol(name: &str) -> Option<&'static str> {
    Some(match name {
        "alpha" => "α",
        "beta" => "β",
        "gamma" => "γ",
        "delta" => "δ",
        "epsilon" | "varepsilon" => "ε",
        "lambda" => "λ",
        "mu" => "μ",
        "pi" => "π",
        "sigma" => "σ",
        "tau" => "τ",
        "theta" => "θ",
        "phi" | "varphi" => "φ",
        "omega" => "ω",
        "Omega" => "Ω",
        "Delta" => "Δ",
        "Sigma" => "Σ",
        "times" => "×",
        "cdot" => "·",
        "pm" => "±",
        "leq" | "le" => "≤",
        "geq" | "ge" => "≥",
        "infty" => "∞",
        "rightarrow" | "to" => "→",
        "sim" => "∼",
        "approx" => "≈",
        "mathrm" | "mathit" | "mathbf" | "mathcal" | "text" | "mathsf" | "mathtt" => "",
        "," | ";" | " " => " ",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(bib_value: &str) -> FieldText {
        let src = format!("@misc{{k, title = {{{bib_value}}}}}");
        let bib = biblatex::Bibliography::parse(&src).unwrap();
        field_text(bib.get("k").unwrap().get("title").unwrap())
    }

    #[test]
    fn accents_dashes_and_escapes() {
        assert_eq!(
            runs(r#"G{\"o}del and Erd\H{o}s \& Co. 5\% \$3 pages 1--2"#).plain(),
            "Gödel and Erdős & Co. 5% $3 pages 1–2"
        );
    }

    #[test]
    fn emphasis_and_styles() {
        let t = runs(r"A \emph{Cool} \textbf{Bold} {Case} Title");
        assert_eq!(t.plain(), "A Cool Bold Case Title");
        assert!(t.runs.iter().any(|r| r.emph && r.text == "Cool"));
        assert!(t.unknown.is_empty());
    }

    #[test]
    fn a_url_is_typed_as_is() {
        // Checked against biblatex: the tilde and the quotes are the URL's.
        let chunks = vec![biblatex::Spanned::zero(Chunk::Normal(
            r#"see \url{"https://a.example/~me"} or ``this''"#.to_owned(),
        ))];
        let t = field_text(&chunks).with_tex_quotes();
        assert_eq!(t.plain(), "see \"https://a.example/~me\" or “this”");
    }

    #[test]
    fn csquotes_and_biblatex_helpers() {
        let t = runs(r"An \enquote{outer \enquote*{inner}} \autocap{word}");
        assert_eq!(t.plain(), "An “outer ‘inner’” word");
        assert!(t.unknown.is_empty(), "{:?}", t.unknown);
    }

    #[test]
    fn aastex_journal_macros() {
        let t = runs(r"\apj, \mnras, \aap, \ao, \maps, \rmxaa");
        assert_eq!(t.plain(), "ApJ, MNRAS, A&A, ApOpt, M&PS, RMxAA");
        assert!(t.unknown.is_empty(), "{:?}", t.unknown);
    }

    #[test]
    fn math_and_urls() {
        assert_eq!(
            runs(r"The $\alpha$-rule \url{a.org}").plain(),
            "The α-rule a.org"
        );
    }

    #[test]
    fn unknown_macros_are_reported_and_their_argument_kept() {
        let t = runs(r"A \frobnicate{word} here");
        assert_eq!(t.plain(), "A word here");
        assert_eq!(t.unknown.len(), 1);
        assert_eq!(t.unknown[0].0, r"\frobnicate");
    }

    #[test]
    fn accents_on_dotless_letters() {
        assert_eq!(runs(r"Beno{\^\i}t").plain(), "Benoît");
        assert_eq!(runs(r"Beno\^{\i}t").plain(), "Benoît");
        assert_eq!(runs(r#"Bj{\o}rn na{\"\i}ve"#).plain(), "Bjørn naïve");
    }

    #[test]
    fn cjk_passes_through() {
        assert_eq!(runs("知识 蒸馏").plain(), "知识 蒸馏");
    }
}

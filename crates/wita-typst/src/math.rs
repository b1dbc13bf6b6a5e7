//! LaTeX math to Typst math, with mitex (the maintained LaTeX-math → Typst
//! converter). mitex's output calls a few functions Typst does not have; the
//! template's `latex-math.typ` defines them.

use wita_doc::{Math, MathEnv};

/// Identifiers mitex can emit that have no definition wita can give, found by
/// the `latex_math` test in `wita-compile`: math using them is shown as written.
pub const BLOCKED_IDENTIFIERS: &[&str] = &["set(", "Set(", "#image("];

/// Whether `typst` calls `call` (`set(`), as a name of its own: not the
/// end of a longer one (`overset(`).
fn calls(typst: &str, call: &str) -> bool {
    typst.match_indices(call).any(|(at, _)| {
        !typst[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
    })
}

/// Symbol names mitex's spec uses that Typst 0.15 renamed or deprecated.
const RENAMED: &[(&str, &str)] = &[
    ("sect", "inter"),
    ("sect.big", "inter.big"),
    ("sect.double", "inter.double"),
    ("sect.sq", "inter.sq"),
    ("dot.circle", "dot.o"),
    ("dot.circle.big", "dot.o.big"),
    ("plus.circle", "plus.o"),
    ("plus.circle.big", "plus.o.big"),
    ("times.circle", "times.o"),
    ("times.circle.big", "times.o.big"),
    ("minus.circle", "minus.o"),
    ("ast.circle", "ast.op.o"),
    ("circle.nested", "compose.o"),
    ("dash.circle", "dash.o"),
    ("arrow.l.dash", "arrow.l.dashed"),
    ("arrow.r.dash", "arrow.r.dashed"),
    ("planck.reduce", "planck"),
    ("angle.l", "chevron.l"),
    ("angle.r", "chevron.r"),
    ("bracket.l.double", "bracket.l.stroked"),
    ("bracket.r.double", "bracket.r.stroked"),
    ("ohm.inv", "Omega.inv"),
    ("diff", "partial"),
    ("join", "bowtie.big"),
    // Deprecated in 0.15 (a warning, not an error): the author would see it.
    ("lt.tri", "lt.closed"),
    ("lt.tri.eq", "lt.closed.eq"),
    ("lt.tri.not", "lt.closed.not"),
    ("lt.tri.eq.not", "lt.closed.eq.not"),
    ("gt.tri", "gt.closed"),
    ("gt.tri.eq", "gt.closed.eq"),
    ("gt.tri.not", "gt.closed.not"),
    ("gt.tri.eq.not", "gt.closed.eq.not"),
    ("tack.r.double", "tack.rr"),
    ("tack.r.double.not", "tack.rr.not"),
    ("tack.l.double", "tack.ll"),
    ("tack.t.double", "tack.tt"),
    ("tack.b.double", "tack.bb"),
];

/// Renames whole dotted identifiers (`sect.big`, not `section`).
fn rename_symbols(typst: &str) -> String {
    let bytes = typst.as_bytes();
    let mut out = String::with_capacity(typst.len());
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let starts_ident = c.is_ascii_alphabetic()
            && (i == 0
                || !(bytes[i - 1].is_ascii_alphanumeric()
                    || bytes[i - 1] == b'.'
                    || bytes[i - 1] == b'#'));
        if !starts_ident {
            // Copy one character (which may be several bytes).
            let ch = typst[i..].chars().next().expect("in bounds");
            out.push(ch);
            i += ch.len_utf8();
            continue;
        }
        let mut end = i;
        while end < bytes.len()
            && (bytes[end].is_ascii_alphanumeric()
                || (bytes[end] == b'.'
                    && end + 1 < bytes.len()
                    && bytes[end + 1].is_ascii_alphabetic()))
        {
            end += 1;
        }
        let ident = &typst[i..end];
        match RENAMED.iter().find(|(from, _)| *from == ident) {
            Some((_, to)) => out.push_str(to),
            None => out.push_str(ident),
        }
        i = end;
    }
    out
}

/// Text-mode commands authors use inside math that mitex does not know, and
/// what they mean there.
const TEXT_IN_MATH: &[(&str, &str)] = &[
    ("\\mbox{", "\\text{"),
    ("\\textrm{", "\\text{"),
    ("\\textnormal{", "\\text{"),
    ("\\textup{", "\\text{"),
    ("\\textit{", "\\text{"),
    ("\\textbf{", "\\text{"),
    ("\\textsf{", "\\text{"),
    ("\\texttt{", "\\text{"),
    ("\\emph{", "\\text{"),
    ("\\textsc{", "\\text{"),
    // Already math here: its argument is an ordinary group.
    ("\\ensuremath{", "{"),
    // mathtools' display-style cases: the cases mitex knows.
    ("\\begin{dcases}", "\\begin{cases}"),
    ("\\end{dcases}", "\\end{cases}"),
    ("\\begin{dcases*}", "\\begin{cases}"),
    ("\\end{dcases*}", "\\end{cases}"),
];

/// unicode-math's commands (XeLaTeX papers use them), as the amsmath ones
/// mitex knows: the alphabets, upright Greek, and symbols by their Unicode
/// names.
const UNICODE_MATH: &[(&str, &str)] = &[
    ("symbf", "mathbf"),
    ("symbfit", "boldsymbol"),
    ("symbfup", "mathbf"),
    ("symit", "mathit"),
    ("symup", "mathrm"),
    ("symrm", "mathrm"),
    ("symsf", "mathsf"),
    ("symtt", "mathtt"),
    ("symcal", "mathcal"),
    // mathrsfs' script letters are Unicode's script alphabet, as `\mathcal`'s
    // are in Typst (mitex does not know `\mathscr`).
    ("symscr", "mathcal"),
    ("mathscr", "mathcal"),
    ("symbb", "mathbb"),
    ("symfrak", "mathfrak"),
    ("symnormal", "mathrm"),
    ("mathbfup", "mathbf"),
    ("mathbfit", "boldsymbol"),
    ("uppi", "mathrm{\\pi}"),
    ("upalpha", "mathrm{\\alpha}"),
    ("upbeta", "mathrm{\\beta}"),
    ("upgamma", "mathrm{\\gamma}"),
    ("updelta", "mathrm{\\delta}"),
    ("upepsilon", "mathrm{\\epsilon}"),
    ("upmu", "mathrm{\\mu}"),
    ("upsigma", "mathrm{\\sigma}"),
    ("uptau", "mathrm{\\tau}"),
    ("upphi", "mathrm{\\phi}"),
    ("upomega", "mathrm{\\omega}"),
    ("upe", "mathrm{e}"),
    ("increment", "Delta"),
    ("smallin", "in"),
    ("smallni", "ni"),
    ("mathup", "mathrm"),
    ("upnu", "mathrm{\\nu}"),
    ("upxi", "mathrm{\\xi}"),
    ("uprho", "mathrm{\\rho}"),
    ("upeta", "mathrm{\\eta}"),
    ("upzeta", "mathrm{\\zeta}"),
    ("uptheta", "mathrm{\\theta}"),
    ("upiota", "mathrm{\\iota}"),
    ("upkappa", "mathrm{\\kappa}"),
    ("uplambda", "mathrm{\\lambda}"),
    ("upchi", "mathrm{\\chi}"),
    ("uppsi", "mathrm{\\psi}"),
    ("upupsilon", "mathrm{\\upsilon}"),
    ("upvarepsilon", "mathrm{\\varepsilon}"),
    ("upvarphi", "mathrm{\\varphi}"),
    ("upvartheta", "mathrm{\\vartheta}"),
    ("upGamma", "mathrm{\\Gamma}"),
    ("upDelta", "mathrm{\\Delta}"),
    ("upTheta", "mathrm{\\Theta}"),
    ("upLambda", "mathrm{\\Lambda}"),
    ("upPi", "mathrm{\\Pi}"),
    ("upSigma", "mathrm{\\Sigma}"),
    ("upPhi", "mathrm{\\Phi}"),
    ("upPsi", "mathrm{\\Psi}"),
    ("upOmega", "mathrm{\\Omega}"),
];

/// Commands of other math packages, as what mitex knows or the character
/// they print (the nearest the math font has).
const PACKAGE_MATH: &[(&str, &str)] = &[
    // dsfont's and bbm's double-struck letters.
    ("mathds", "mathbb"),
    ("mathbbm", "mathbb"),
    // fixmath's bold italic.
    ("mathbold", "boldsymbol"),
    // amsxtra's accents that nest (`\Hat{\Hat{H}}`).
    ("Hat", "hat"),
    ("Check", "check"),
    ("Tilde", "tilde"),
    ("Acute", "acute"),
    ("Grave", "grave"),
    ("Dot", "dot"),
    ("Ddot", "ddot"),
    ("Breve", "breve"),
    ("Bar", "bar"),
    ("Vec", "vec"),
    ("iiiint", "\u{2A0C}"),
    ("ointop", "oint"),
    ("varoiint", "\u{222F}"),
    ("boxempty", "square"),
    ("shortrightarrow", "rightarrow"),
    ("shortleftarrow", "leftarrow"),
    ("mathsection", "S"),
    // mathabx's curved arrow: the nearest the math font has.
    ("rcurvearrowse", "\u{21B3}"),
    ("nicefrac", "tfrac"),
    // Spacing that means nothing in math.
    ("xspace", ""),
    ("leavevmode", ""),
    // A `\qed` defined as `\hfill\ensuremath{..}` used inside `$..$`.
    ("hfill", "quad"),
    // Boxes that only change how much room their content takes: the
    // content, as an ordinary group.
    ("smash", ""),
    ("rlap", ""),
    ("llap", ""),
    ("mathrlap", ""),
    ("mathllap", ""),
    ("vcenter", ""),
    // amsmath's limits with an arrow, and arrows under: as an underset.
    ("varinjlim", "underset{\\longrightarrow}{\\lim}"),
    ("varprojlim", "underset{\\longleftarrow}{\\lim}"),
    ("underrightarrow", "underset{\\rightarrow}"),
    ("underleftarrow", "underset{\\leftarrow}"),
    // amsmath's dots across so many columns of a matrix: dots, the count
    // kept out of sight.
    ("hdotsfor", "cdots\\phantom"),
    // Symbols of stmaryrd, cmll, dsfont, bbold, marvosym, txfonts…
    ("mapsfrom", "\u{21A4}"),
    ("lightning", "\u{21AF}"),
    ("openone", "mathbb{1}"),
    ("parr", "\u{214B}"),
    ("ointctrclockwise", "\u{2233}"),
    ("ointclockwise", "\u{2232}"),
    // isomath's bold italic.
    ("mathbi", "boldsymbol"),
    // amsmath's limits with a bar or an arrow.
    ("varlimsup", "overline{\\lim}"),
    ("varliminf", "underline{\\lim}"),
    ("symbfsf", "mathsf"),
    ("guillemotleft", "\u{AB}"),
    ("guillemotright", "\u{BB}"),
];

/// Replaces the command `\from` (a whole name: not `\fromage`) by `\to`.
fn replace_command(tex: &str, from: &str, to: &str) -> String {
    let needle = format!("\\{from}");
    let mut out = String::with_capacity(tex.len());
    let mut rest = tex;
    while let Some(at) = rest.find(&needle) {
        let after = &rest[at + needle.len()..];
        // `\\uppi`: a line break, then text.
        let escaped = rest[..at].ends_with('\\') && !rest[..at].ends_with("\\\\");
        out.push_str(&rest[..at]);
        if after.starts_with(|c: char| c.is_ascii_alphabetic()) || escaped {
            out.push_str(&needle);
        } else if to.starts_with(|c: char| c.is_ascii_alphabetic()) {
            out.push('\\');
            out.push_str(to);
        } else {
            // A character, or nothing: as it is.
            out.push_str(to);
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// amsmath's extensible arrows with a label below (`\xrightarrow[below]{above}`),
/// which mitex reads without the optional argument, as `\underset`.
fn arrow_labels_below(tex: &str) -> String {
    const ARROWS: &[&str] = &[
        "xrightarrow",
        "xleftarrow",
        "xRightarrow",
        "xLeftarrow",
        "xleftrightarrow",
        "xLeftrightarrow",
        "xmapsto",
        "xhookrightarrow",
        "xhookleftarrow",
    ];
    let mut out = String::with_capacity(tex.len());
    let mut rest = tex;
    while let Some(at) = rest.find("\\x") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let name_len = after
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(after.len());
        let name = &after[..name_len];
        let tail = &after[name_len..];
        let below = ARROWS
            .contains(&name)
            .then(|| leading_group(tail, '[', ']'))
            .flatten();
        match below {
            Some((label, tail)) => {
                out.push_str(&format!("\\underset{{{label}}}{{\\{name}"));
                // The braced label above, if any, goes inside.
                let tail = tail.trim_start();
                match leading_group(tail, '{', '}') {
                    Some((above, tail)) => {
                        out.push_str(&format!("{{{above}}}}}"));
                        rest = tail;
                    }
                    None => {
                        out.push_str("{}}");
                        rest = tail;
                    }
                }
            }
            None => {
                out.push('\\');
                out.push_str(name);
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

/// algpseudocode's `\Call{Name}{args}` in math: the procedure's name as
/// text, then its arguments in parentheses, as `\textproc{Name}(args)`.
fn procedure_calls(tex: &str) -> String {
    let mut out = String::with_capacity(tex.len());
    let mut rest = tex;
    while let Some(at) = rest.find("\\Call{") {
        out.push_str(&rest[..at]);
        let after = &rest[at + "\\Call{".len()..];
        let Some(name_end) = balanced(after, '{', '}') else {
            out.push_str(&rest[at..]);
            return out;
        };
        let name = &after[..name_end];
        let tail = &after[name_end + 1..];
        match leading_group(tail, '{', '}') {
            Some((args, tail)) => {
                out.push_str(&format!("\\text{{{name}}}({args})"));
                rest = tail;
            }
            None => {
                out.push_str(&format!("\\text{{{name}}}"));
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

/// braket's sets: `\Set{x \in D | P(x)}` is `{x ∈ D | P(x)}` with braces
/// and bar sized to their content, `\set{..}` the same unsized (mitex
/// knows neither).
fn braket_sets(tex: &str) -> String {
    let mut out = String::with_capacity(tex.len());
    let mut rest = tex;
    while let Some(at) = rest
        .find("\\Set")
        .into_iter()
        .chain(rest.find("\\set"))
        .min()
    {
        out.push_str(&rest[..at]);
        let sized = rest[at + 1..].starts_with('S');
        let after = &rest[at + 4..];
        let group = if after.starts_with(|c: char| c.is_ascii_alphabetic()) {
            None
        } else {
            leading_group(after.trim_start(), '{', '}')
        };
        let Some((inside, tail)) = group else {
            out.push_str(&rest[at..at + 4]);
            rest = after;
            continue;
        };
        // The first bar outside braces (not `\|`) separates the element
        // from the condition.
        let mut depth = 0usize;
        let mut bar = None;
        let mut prev = ' ';
        for (i, c) in inside.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth = depth.saturating_sub(1),
                '|' if depth == 0 && prev != '\\' => {
                    bar = Some(i);
                    break;
                }
                _ => {}
            }
            prev = c;
        }
        let inside = match bar {
            Some(i) if sized => format!("{} \\;\\middle|\\; {}", &inside[..i], &inside[i + 1..]),
            Some(i) => format!("{} \\mid {}", &inside[..i], &inside[i + 1..]),
            None => inside.to_owned(),
        };
        if sized {
            out.push_str(&format!("\\left\\{{ {inside} \\right\\}}"));
        } else {
            out.push_str(&format!("\\{{ {inside} \\}}"));
        }
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// A group that `text` starts with (`{..}`, `[..]`): its inside, and what
/// follows it.
fn leading_group(text: &str, open: char, close: char) -> Option<(&str, &str)> {
    let inner = text.strip_prefix(open)?;
    balanced(inner, open, close).map(|end| (&inner[..end], &inner[end + close.len_utf8()..]))
}

/// The index of the `close` that ends a group opened just before `text`.
fn balanced(text: &str, open: char, close: char) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        if c == open {
            depth += 1;
        } else if c == close {
            if depth == 0 {
                return Some(i);
            }
            depth -= 1;
        }
    }
    None
}

/// LaTeX's quotes in `\text{..}`: ``` `` ``` and `''` are “ ”, `` ` `` and `'`
/// are ‘ ’ (mitex hands them on as written, and Typst's markup reads a
/// backtick as code).
fn text_quotes(tex: &str) -> String {
    let mut out = String::with_capacity(tex.len());
    let mut rest = tex;
    while let Some(at) = rest.find("\\text{") {
        let open = at + "\\text{".len();
        out.push_str(&rest[..open]);
        let mut depth = 1usize;
        let mut end = rest.len();
        for (i, c) in rest[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + i;
                        break;
                    }
                }
                _ => {}
            }
        }
        let inner = rest[open..end]
            .replace("``", "\u{201C}")
            .replace("''", "\u{201D}")
            .replace('`', "\u{2018}")
            .replace('\'', "\u{2019}");
        out.push_str(&inner);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// mitex leaves `<` and `` ` `` as they are in the markup of a text in math
/// (`#textmath[..]`), where Typst reads `<d>` as a label and a backtick as
/// code: they are escaped there.
fn escape_text_markup(typst: &str) -> String {
    const OPEN: &str = "#textmath[";
    if !typst.contains(OPEN) {
        return typst.to_owned();
    }
    let mut out = String::with_capacity(typst.len());
    let mut rest = typst;
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&rest[..at + OPEN.len()]);
        rest = &rest[at + OPEN.len()..];
        let mut depth = 1usize;
        let mut chars = rest.char_indices();
        let mut end = rest.len();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => {
                    out.push(c);
                    if let Some((_, next)) = chars.next() {
                        out.push(next);
                    }
                    continue;
                }
                '[' => depth += 1,
                ']' => {
                    depth -= 1;
                    if depth == 0 {
                        end = i;
                        break;
                    }
                }
                '<' | '`' => out.push('\\'),
                _ => {}
            }
            out.push(c);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The rows of a numbered `align` or `gather` whose rows are numbered one by
/// one ([`Math::rows`]), each as its cells (split at `&`; a `gather` row is
/// one cell) in Typst math; `None` when the rows are not those the reader
/// counted or a cell does not convert (the equation is then set whole).
pub fn convert_rows(math: &Math) -> Option<Vec<(String, Vec<String>)>> {
    if math.rows.is_empty() {
        return None;
    }
    let rows = split_rows(&math.tex);
    if rows.len() != math.rows.len() {
        return None;
    }
    rows.iter()
        .map(|row| {
            // (`\\[3pt]`'s space is gone already: see `split_rows`.)
            let row = row.trim_start();
            let cells = match math.env {
                MathEnv::Align => split_cells(row),
                _ => vec![row.to_owned()],
            };
            let converted = cells
                .iter()
                .enumerate()
                .map(|(i, cell)| {
                    convert(&Math::unnumbered(MathEnv::Inline, cell.clone()))
                        .ok()
                        // amsmath begins each right-hand cell with `{}`, so that a
                        // relation or operator there is spaced as one: an
                        // invisible ordinary character does that in Typst.
                        .map(|typst| {
                            if i % 2 == 1 {
                                format!("cellstart {typst}")
                            } else {
                                typst
                            }
                        })
                })
                .collect::<Option<Vec<String>>>()?;
            Some((row.trim().to_owned(), converted))
        })
        .collect()
}

/// A row's cells: split at `&` outside groups and inner environments.
fn split_cells(row: &str) -> Vec<String> {
    split_outside(row, false)
}

/// Converts a math node to Typst math (without the `$`).
pub fn convert(math: &Math) -> Result<String, String> {
    let mut tex = math.tex.clone();
    for (from, to) in TEXT_IN_MATH {
        if tex.contains(from) {
            tex = tex.replace(from, to);
        }
    }
    for (from, to) in UNICODE_MATH.iter().chain(PACKAGE_MATH) {
        if tex.contains(from) {
            tex = replace_command(&tex, from, to);
        }
    }
    if tex.contains("\\x") {
        tex = arrow_labels_below(&tex);
    }
    if tex.contains("\\Call{") {
        tex = procedure_calls(&tex);
    }
    if tex.contains("\\Set") || tex.contains("\\set") {
        tex = braket_sets(&tex);
    }
    if tex.contains("\\text{") {
        tex = text_quotes(&tex);
    }
    if tex.trim().is_empty() {
        return Ok(String::new());
    }
    // `\hspace{..}`: mitex keeps no length (and cannot read `\columnwidth`);
    // each is emptied here and its length put back after conversion.
    let spaces = if tex.contains("\\hspace") {
        let (emptied, spaces) = take_hspaces(&tex);
        tex = emptied;
        spaces
    } else {
        Vec::new()
    };
    // mitex parses (and Typst then parses its output) recursively: math
    // nested deeper than any real formula would overflow the stack, which
    // no `catch_unwind` can catch.
    if nesting_depth(&tex) > MAX_MATH_NESTING {
        return Err(format!("its groups nest deeper than {MAX_MATH_NESTING}"));
    }
    let typst = match math.env {
        MathEnv::Inline | MathEnv::Display => convert_tex(&tex)?,
        MathEnv::Align => convert_tex(&format!("\\begin{{aligned}}{tex}\\end{{aligned}}"))?,
        MathEnv::Gather | MathEnv::Multline => {
            // Rows, each centred: converted one by one, joined by line breaks.
            let rows: Vec<String> = split_rows(&tex)
                .iter()
                .map(|row| convert_tex(row))
                .collect::<Result<_, _>>()?;
            if math.env == MathEnv::Multline && rows.len() > 1 {
                // The first row ends where the others begin, at one
                // alignment point: the first to the left, the rest to the
                // right, as multline sets them (without its margins).
                let (first, rest) = rows.split_first().expect("more than one");
                let rest: Vec<String> = rest.iter().map(|r| format!("& {r}")).collect();
                format!("{first} & \\ {}", rest.join(" \\ "))
            } else {
                rows.join(" \\ ")
            }
        }
    };
    if let Some(bad) = BLOCKED_IDENTIFIERS.iter().find(|b| calls(&typst, b)) {
        return Err(format!(
            "`{}` has no Typst equivalent",
            bad.trim_end_matches('(').trim_start_matches('#')
        ));
    }
    let typst = rename_symbols(&typst);
    let typst = escape_text_markup(&typst);
    let typst = put_hspaces(typst, &spaces);
    // Inside `$..$` the output must parse as Typst math (mitex makes
    // unbalanced delimiters of some sized ones, `\Big\lceil` .. `\Big\rceil`).
    let parsed = typst_syntax::parse_math(&typst);
    if let Some(error) = parsed.errors_and_warnings().0.first() {
        return Err(format!("its Typst does not parse: {}", error.message));
    }
    Ok(typst)
}

/// Empties the argument of every `\hspace{..}` and `\hspace*{..}`, and
/// returns the lengths as Typst lengths (`None` where not a length).
fn take_hspaces(tex: &str) -> (String, Vec<Option<String>>) {
    const NEEDLE: &str = "\\hspace";
    let mut out = String::with_capacity(tex.len());
    let mut spaces = Vec::new();
    let mut rest = tex;
    while let Some(at) = rest.find(NEEDLE) {
        out.push_str(&rest[..at]);
        let after = &rest[at + NEEDLE.len()..];
        if after.starts_with(|c: char| c.is_ascii_alphabetic()) {
            out.push_str(NEEDLE);
            rest = after;
            continue;
        }
        let trimmed = after.trim_start();
        let trimmed = trimmed.strip_prefix('*').unwrap_or(trimmed).trim_start();
        let Some(close) = trimmed
            .strip_prefix('{')
            .and_then(|inner| balanced(inner, '{', '}'))
        else {
            out.push_str(NEEDLE);
            rest = after;
            continue;
        };
        let argument = &trimmed[1..1 + close];
        spaces.push(typst_length(argument));
        out.push_str("\\hspace{}");
        rest = &trimmed[1 + close + 1..];
    }
    out.push_str(rest);
    (out, spaces)
}

/// A TeX length as Typst writes it (`2em`, `28.346pt`, `8%` of the measure
/// for `0.08\columnwidth`), read as the translator reads dimensions;
/// `None` for what is not a plain length.
fn typst_length(tex: &str) -> Option<String> {
    use wita_doc::Length;
    // Math's own unit, 1/18 em, which the translator's arguments never use.
    let length = match tex.trim().strip_suffix("mu") {
        Some(n) => Length::Em(n.trim().parse::<f64>().ok()? / 18.0),
        None => wita_doc::parse_length(tex)?,
    };
    // No absurd spaces: at most 10,000 of a unit.
    let size = match length {
        Length::Pt(x) | Length::Em(x) | Length::Width(x) => x.abs(),
        Length::SmallSkip | Length::MedSkip | Length::BigSkip => 0.0,
    };
    (size <= 10_000.0).then(|| crate::writer::length(length))
}

/// Puts the lengths [`take_hspaces`] took back, in order, where mitex wrote
/// `hspace(zws )` (an empty argument); when the count differs (mitex dropped or reordered one), the
/// template's default space stands.
fn put_hspaces(typst: String, spaces: &[Option<String>]) -> String {
    const CALL: &str = "hspace(zws )";
    if spaces.is_empty() || typst.matches(CALL).count() != spaces.len() {
        return typst;
    }
    let mut out = String::with_capacity(typst.len());
    let mut rest = typst.as_str();
    for space in spaces {
        let at = rest.find(CALL).expect("counted above");
        out.push_str(&rest[..at]);
        match space {
            Some(length) => {
                out.push_str("#h(");
                out.push_str(length);
                out.push_str(") ");
            }
            None => out.push_str(CALL),
        }
        rest = &rest[at + CALL.len()..];
    }
    out.push_str(rest);
    out
}

fn convert_tex(tex: &str) -> Result<String, String> {
    guarded(|| mitex::convert_math(tex, None))
        .map_err(|e| e.trim().trim_start_matches("error: ").to_owned())
}

thread_local! {
    static CONVERTING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs mitex, turning a panic inside it (it has some on malformed input,
/// e.g. `\includegraphics` without an argument) into an error. The panic
/// message is not printed: the caller reports the math as not converted.
fn guarded(
    f: impl FnOnce() -> Result<String, String> + std::panic::UnwindSafe,
) -> Result<String, String> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !CONVERTING.with(|c| c.get()) {
                previous(info);
            }
        }));
    });
    CONVERTING.with(|c| c.set(true));
    let result = std::panic::catch_unwind(f);
    CONVERTING.with(|c| c.set(false));
    result.unwrap_or_else(|panic| {
        let why = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "the converter failed".into());
        Err(why)
    })
}

/// How deep math may nest braces and environments before it is shown as
/// written instead of converted.
const MAX_MATH_NESTING: usize = 48;

/// The deepest nesting of `{..}` groups and `\begin..\end` environments.
fn nesting_depth(tex: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut chars = tex.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                if tex[i + 1..].starts_with("begin") {
                    depth += 1;
                } else if tex[i + 1..].starts_with("end") {
                    depth = depth.saturating_sub(1);
                }
                // `\{` and `\}` are characters, not groups.
                chars.next();
            }
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        deepest = deepest.max(depth);
    }
    deepest
}

/// Splits at `\\` outside braces and environments.
pub(crate) fn split_rows(tex: &str) -> Vec<String> {
    split_outside(tex, true)
        .into_iter()
        .enumerate()
        .map(|(n, row)| {
            // `\\[6pt]`: the space asked for after a row is not math.
            let trimmed = row.trim_start();
            match trimmed.strip_prefix('[').and_then(|r| r.split_once(']')) {
                Some((space, rest)) if n > 0 && typst_length(space).is_some() => rest.to_owned(),
                _ => row,
            }
        })
        .filter(|r| !r.trim().is_empty())
        .collect()
}

/// `tex` split at its row ends `\\` (`rows`) or at its cells' `&`, outside
/// braces and environments (a `split` inside a row has rows of its own).
fn split_outside(tex: &str, rows: bool) -> Vec<String> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut envs = 0usize;
    let mut current = String::new();
    let mut chars = tex.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            '&' if !rows && depth == 0 && envs == 0 => {
                parts.push(std::mem::take(&mut current));
                continue;
            }
            '\\' if rows && depth == 0 && envs == 0 && chars.peek() == Some(&'\\') => {
                chars.next();
                parts.push(std::mem::take(&mut current));
                continue;
            }
            '\\' => {
                current.push(c);
                let mut name = String::new();
                while let Some(&l) = chars.peek().filter(|l| l.is_ascii_alphabetic()) {
                    name.push(l);
                    chars.next();
                }
                match name.as_str() {
                    "begin" => envs += 1,
                    "end" => envs = envs.saturating_sub(1),
                    // `\\`, `\{`: the character after the backslash.
                    "" => {
                        if let Some(next) = chars.next() {
                            current.push(next);
                        }
                    }
                    _ => {}
                }
                current.push_str(&name);
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    parts.push(current);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn math(env: MathEnv, tex: &str) -> Math {
        Math::unnumbered(env, tex)
    }

    #[test]
    fn common_math_converts() {
        let out = convert(&math(MathEnv::Inline, r"\frac{a}{b} + \mathbb{R}^n")).unwrap();
        assert!(
            out.contains("frac(a ,b )") && out.contains("bb(R )"),
            "{out}"
        );
        let out = convert(&math(MathEnv::Align, r"a &= b \\ c &= d")).unwrap();
        assert!(out.starts_with("aligned("), "{out}");
        let out = convert(&math(MathEnv::Gather, r"a \\ b")).unwrap();
        assert!(out.contains(" \\ "), "{out}");
        assert!(!out.contains('&'), "{out}");
        // multline: the first row ends at the point where the others begin.
        let out = convert(&math(MathEnv::Multline, r"a \\ b \\ c")).unwrap();
        assert_eq!(out.matches('&').count(), 3, "{out}");
        assert!(out.find('&') < out.find('b'), "{out}");
        let out = convert(&math(MathEnv::Inline, r"x_{\mbox{max}}")).unwrap();
        assert!(out.contains("textmath[max]"), "{out}");
        let out = convert(&math(MathEnv::Inline, r"\mu_{\ensuremath{\boldsymbol{x}}}")).unwrap();
        assert!(out.contains("bold"), "{out}");
    }

    #[test]
    fn rows_and_cells_of_an_align() {
        let mut m = math(
            MathEnv::Align,
            r"a &= b + c \\[2pt] \begin{split} x &= y \\ &= z \end{split} && \text{end}",
        );
        m.rows = vec![Default::default(); 2];
        let rows = convert_rows(&m).expect("two rows");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].1.len(), 2);
        assert_eq!(rows[1].1.len(), 3, "{rows:?}");
        assert!(rows[1].0.starts_with("\\begin{split}"), "{rows:?}");
        m.rows = vec![Default::default(); 3];
        assert!(convert_rows(&m).is_none());
    }

    #[test]
    fn quotes_and_markup_in_text_stay_text() {
        let out = convert(&math(
            MathEnv::Inline,
            r"x \text{called ``states'' <d> `a'} y''",
        ))
        .unwrap();
        assert!(out.contains("called “states” \\<d> ‘a’"), "{out}");
        assert!(!out.contains('`'), "{out}");
    }

    /// amsmath's `\overset` and `\underset` convert (their names end in
    /// `set`, which alone is refused).
    #[test]
    fn over_and_underset_convert() {
        let out = convert(&math(
            MathEnv::Inline,
            r"a \overset{!}{=} \underset{x}{\max} b",
        ))
        .unwrap();
        assert!(
            out.contains("overset(") && out.contains("underset("),
            "{out}"
        );
        assert!(
            calls("a set(x)", "set(") && calls("#set(x)", "set(") && !calls("overset(x)", "set(")
        );
    }

    /// A `gather`'s rows are its own: the rows of a `split` inside one stay
    /// with it.
    #[test]
    fn a_split_inside_a_gather_keeps_its_rows() {
        assert_eq!(
            split_rows(r"a \\ \begin{split} b &= c \\ &= d \end{split} \\ \{e\}"),
            vec![
                r"a ",
                r" \begin{split} b &= c \\ &= d \end{split} ",
                r" \{e\}"
            ]
        );
        let out = convert(&math(
            MathEnv::Gather,
            r"a \\ \begin{split} b &= c \\ &= d \end{split}",
        ))
        .unwrap();
        assert!(out.contains("aligned("), "{out}");
    }

    #[test]
    fn hspace_keeps_its_length() {
        let out = convert(&math(
            MathEnv::Inline,
            r"a \hspace{0.08\columnwidth} b \hspace*{ 2em } c \hspace{1cm}",
        ))
        .unwrap();
        assert!(out.contains("#h(8%)"), "{out}");
        assert!(out.contains("#h(2em)"), "{out}");
        assert!(out.contains("#h(28.346pt)"), "{out}");
        // What is not a length keeps the default space, and converts.
        let out = convert(&math(MathEnv::Inline, r"a \hspace{\fill} b")).unwrap();
        assert!(out.contains("hspace(zws )"), "{out}");
    }

    #[test]
    fn unknown_commands_are_errors() {
        let err = convert(&math(MathEnv::Inline, r"\nosuchcommand{x}")).unwrap_err();
        assert!(err.contains("unknown command"), "{err}");
    }

    #[test]
    fn converter_panics_are_errors() {
        let err = convert(&math(MathEnv::Inline, r"\includegraphics")).unwrap_err();
        assert!(err.contains("argument"), "{err}");
    }

    #[test]
    fn other_packages_math_converts() {
        for (tex, expect) in [
            (r"\mathds{R}", "bb(R"),
            (r"\Hat{\Hat{H}}", "hat(hat(H"),
            (r"x\xspace + y", "x"),
            (r"\upnu", "upright(nu"),
            (r"a \rcurvearrowse b", "\u{21B3}"),
            (r"\textsc{Sort}", "Sort"),
            (r"\Call{Sort}{A, n}", "Sort"),
            (r"\smash{x} + \rlap{y}", "x"),
            (r"\varlimsup_{n} a_n", "overline(lim"),
            (r"\varinjlim_{i} A_i", "lim"),
            (r"\underrightarrow{x}", "underset(-> ,x"),
            (
                r"\begin{pmatrix} a & \hdotsfor{2} \\ b & c & d \end{pmatrix}",
                "dots.h.c",
            ),
            (r"A \mapsfrom B \lightning", "\u{21A4}"),
            (r"\openone + \mathbi{x}", "bb(1"),
            (r"\begin{dcases} a & b \\ c & d \end{dcases}", "cases("),
        ] {
            let out = convert(&math(MathEnv::Inline, tex)).unwrap_or_else(|e| panic!("{tex}: {e}"));
            assert!(out.contains(expect), "{tex} gave {out}");
        }
        let call = convert(&math(MathEnv::Inline, r"\Call{Sort}{A, n}")).unwrap();
        assert!(call.contains("(A"), "{call}");
    }

    #[test]
    fn braket_sets_are_braces_with_a_bar() {
        let sized = convert(&math(
            MathEnv::Display,
            r"M = \Set{x \in D | d(x) = \min_{y} d(y)}",
        ))
        .unwrap();
        assert!(sized.contains("lr("), "{sized}");
        assert!(sized.contains("middle(|"), "{sized}");
        let plain = convert(&math(
            MathEnv::Inline,
            r"m \in \mathbb{R} \setminus \set{0}",
        ))
        .unwrap();
        assert!(plain.contains("{") && !plain.contains("lr("), "{plain}");
        // `\|` is a norm, not the bar; a longer name is not `\Set`.
        let norm = convert(&math(MathEnv::Inline, r"\Set{\|x\| | x \in V}")).unwrap();
        let bar = norm.find("middle(").unwrap();
        assert!(norm[bar..].contains("x  in  V"), "{norm}");
        let longer = convert(&math(MathEnv::Inline, r"\Settle")).unwrap_err();
        assert!(longer.contains("Settle"), "{longer}");
    }

    #[test]
    fn renamed_symbols_are_renamed_whole() {
        assert_eq!(
            rename_symbols("sect.big x section diff(a) plus.circle #diff"),
            "inter.big x section partial(a) plus.o #diff"
        );
        assert_eq!(rename_symbols("a.diff é diff"), "a.diff é partial");
    }

    #[test]
    fn math_nested_too_deep_is_not_converted() {
        let deep = format!("{}x{}", "{".repeat(400), "}".repeat(400));
        let err = convert(&math(MathEnv::Display, &deep)).unwrap_err();
        assert!(err.contains("nest deeper"), "{err}");
        assert_eq!(nesting_depth(r"\{ \begin{a} {x} \end{a} \}"), 2);
    }

    #[test]
    fn a_rows_space_is_not_math() {
        let rows = split_rows(r"a \\[6pt] [b, c] \\ d");
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1].trim(), "[b, c]");
        let out = convert(&math(MathEnv::Gather, r"a \\[6pt] b")).unwrap();
        assert!(!out.contains("pt"), "{out}");
    }

    #[test]
    fn rows_split_outside_braces() {
        assert_eq!(split_rows(r"a \\ b{\\}c \\"), vec!["a ", r" b{\\}c "]);
    }

    #[test]
    fn unicode_math_commands_become_amsmath_ones_by_whole_name() {
        assert_eq!(
            replace_command(r"\symbf{x}+\uppi", "uppi", r"mathrm{\pi}"),
            r"\symbf{x}+\mathrm{\pi}"
        );
        // Not a longer name, not text after a line break.
        assert_eq!(
            replace_command(r"\uppix \\uppi", "uppi", "pi"),
            r"\uppix \\uppi"
        );
        let converted = convert(&math(MathEnv::Inline, r"\symbf{x} + \increment t")).unwrap();
        assert!(
            converted.contains("mathbf(x") && converted.contains("Delta"),
            "{converted}"
        );
    }

    #[test]
    fn an_arrow_label_below_is_an_underset() {
        assert_eq!(
            arrow_labels_below(r"A \xrightarrow[g]{f} B \xleftarrow[h]{} C \xi"),
            r"A \underset{g}{\xrightarrow{f}} B \underset{h}{\xleftarrow{}} C \xi"
        );
        assert!(convert(&math(MathEnv::Inline, r"A \xleftarrow[g]{} B")).is_ok());
    }
}

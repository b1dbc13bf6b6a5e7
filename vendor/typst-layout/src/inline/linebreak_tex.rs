//! TeX's line breaking (wita's addition).
//!
//! This is the algorithm of tex.web §813–890 (Knuth and Plass) with the
//! parameters of the journal's class (LaTeX's defaults and `\sloppy`), so
//! that a paragraph breaks into the lines LaTeX gives it: a first pass
//! without hyphenation at `\pretolerance`, a second one with hyphenation at
//! `\tolerance`, a third with `\emergencystretch`, TeX's badness,
//! `\linepenalty`, fitness classes with `\adjdemerits`,
//! `\doublehyphendemerits` and `\finalhyphendemerits`, and TeX's last resort
//! when nothing fits (an overfull line where only one way is left). typst's
//! own optimiser differs in each of these, and sets about one line end in
//! five elsewhere than LaTeX does on the journal's articles.
//!
//! Break opportunities are TeX's too: after a space, after an explicit or a
//! soft hyphen or a dash (`\exhyphenpenalty`), at hyphenation points (second
//! pass only), and in URLs after the characters url.sty breaks after, with
//! biblatex's penalties. The template marks a URL and gives it the stretch
//! biblatex's `\biburlbigskip` gives it (`shaping::url_stretch`). Other
//! opportunities that Unicode's line breaking offers (after a slash, around an
//! inline object) do not exist in TeX and are not taken.
//!
//! Ragged paragraphs are broken the same way, with infinite glue at the
//! line's side. Paragraphs with Chinese, Japanese or Korean text keep typst's
//! line breaking; so does a paragraph for which no set of TeX's lines can be
//! found.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::*;
use crate::inline::shaping::{is_of_cj_script, url_stretch};

/// LaTeX's defaults (latex.ltx and TeX's plain values as LaTeX leaves them),
/// and `\sloppy`, which the journal's class sets: `\tolerance` 9999 and
/// `\emergencystretch` 3em (of its 12 pt text).
const PRETOLERANCE: i64 = 100;
const TOLERANCE: i64 = 9999;
const EMERGENCY_STRETCH_PT: f64 = 36.0;
const LINE_PENALTY: i64 = 10;
const HYPHEN_PENALTY: i64 = 50;
const EX_HYPHEN_PENALTY: i64 = 50;
const ADJ_DEMERITS: f64 = 10000.0;
const DOUBLE_HYPHEN_DEMERITS: f64 = 10000.0;
const FINAL_HYPHEN_DEMERITS: f64 = 5000.0;
/// biblatex's `biburlbigbreakpenalty` (after `:` and `-` in a URL) and
/// `biburlbreakpenalty` (after the other characters of url.sty's `\UrlBreaks`).
const URL_BIG_BREAK_PENALTY: i64 = 100;
const URL_BREAK_PENALTY: i64 = 200;

const INF_BAD: i64 = 10000;
const EJECT_PENALTY: i64 = -10000;

/// TeX's fitness classes.
const VERY_LOOSE: u8 = 0;
const LOOSE: u8 = 1;
const DECENT: u8 = 2;
const TIGHT: u8 = 3;

/// Whether TeX's line breaking applies to the paragraph: justified, or
/// ragged (`\raggedright`, `\centering`: glue that stretches infinitely at
/// the line's side, so that every line that fits is as good as another and
/// TeX breaks where it costs fewest lines and penalties).
pub(super) fn applies(text: &str) -> bool {
    !text.chars().any(|c| {
        is_of_cj_script(c) || matches!(c, '\u{AC00}'..='\u{D7AF}' | '\u{1100}'..='\u{11FF}')
    })
}

/// A place where TeX may end a line.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    end: usize,
    breakpoint: Breakpoint,
    penalty: i64,
    /// TeX's `hyphenated` break type (a discretionary, and the paragraph's
    /// end), for `\doublehyphendemerits` and `\finalhyphendemerits`.
    hyphenated: bool,
    /// The kerning XeTeX loses here when the break is not taken (see
    /// `unkern`).
    unkern: Abs,
}

impl Candidate {
    /// A break at glue or a penalty: no discretionary.
    fn glue(end: usize, breakpoint: Breakpoint, penalty: i64) -> Self {
        Self { end, breakpoint, penalty, hyphenated: false, unkern: Abs::zero() }
    }

    /// A break at a discretionary (a hyphen, explicit or TeX's).
    fn discretionary(end: usize, breakpoint: Breakpoint, penalty: i64, unkern: Abs) -> Self {
        Self { end, breakpoint, penalty, hyphenated: true, unkern }
    }
}

/// How much wider XeTeX sets a word at a discretionary: it shapes the text
/// on either side of one apart, so the kerning between the two glyphs there
/// is lost (after an explicit hyphen always; at hyphenation points in the
/// passes that hyphenate). A line's natural width, and so its badness,
/// depends on it.
fn unkern(p: &Preparation, at: usize) -> Abs {
    if at == 0 {
        return Abs::zero();
    }
    let Some(shaped) = p.get(at - 1).1.text() else { return Abs::zero() };
    shaped
        .glyphs
        .iter()
        .find(|g| g.range.end == at && g.range.start < at)
        .and_then(|g| Some((g.font.x_advance(g.glyph_id)? - g.x_advance).at(g.size)))
        .unwrap_or(Abs::zero())
}

/// [`unkern`] at a hyphenation point `at` of the word piece `piece` (from the
/// point before to the point after): where a ligature spans the point
/// (`of|fi|cial`), the two sides are shaped apart, as XeTeX does.
fn unkern_piece(engine: &Engine, p: &Preparation, at: usize, piece: Range) -> Abs {
    let (range, item) = p.get(at - 1);
    let Some(shaped) = item.text() else { return Abs::zero() };
    if shaped.glyphs.iter().any(|g| g.range.end == at && g.range.start < at) {
        return unkern(p, at);
    }
    if piece.start < range.start || piece.end > range.end {
        return Abs::zero();
    }
    let width = |r: Range| shaped.reshape(engine, r).width();
    width(piece.start..at) + width(at..piece.end) - width(piece)
}

/// Breaks the paragraph into lines as TeX would, or `None` when TeX's passes
/// find no way (then typst's own optimiser takes over).
pub(super) fn linebreak_tex<'a>(
    engine: &Engine,
    p: &'a Preparation<'a>,
    width: Abs,
) -> Option<Vec<Line<'a>>> {
    let (all, splits) = candidates(engine, p);
    let estimates = Estimates::compute(p);
    let first: Vec<Candidate> =
        all.iter().copied().filter(|c| !c.breakpoint.is_hyphen()).collect();
    if let Some(lines) =
        pass(engine, p, width, &first, &[], &estimates, PRETOLERANCE, false, Abs::zero())
    {
        return Some(lines);
    }
    let emergency_stretch = Abs::pt(EMERGENCY_STRETCH_PT);
    let emergency = emergency_stretch > Abs::zero();
    if let Some(lines) =
        pass(engine, p, width, &all, &splits, &estimates, TOLERANCE, !emergency, Abs::zero())
    {
        return Some(lines);
    }
    if !emergency {
        return None;
    }
    pass(engine, p, width, &all, &splits, &estimates, TOLERANCE, true, emergency_stretch)
}

/// Whether the text at `offset` is a URL's (see `shaping::url_stretch`).
fn is_url(p: &Preparation, offset: usize) -> bool {
    let (_, item) = p.get(offset);
    item.text().is_some_and(|shaped| url_stretch(shaped.styles).is_some())
}

fn url_penalty(c: char) -> Option<i64> {
    match c {
        ':' | '-' => Some(URL_BIG_BREAK_PENALTY),
        '.' | '@' | '/' | '\\' | '!' | '_' | '|' | ';' | '>' | ']' | ')' | '}' | ','
        | '?' | '\'' | '+' | '=' | '#' | '$' | '&' | '*' | '^' | '"' => {
            Some(URL_BREAK_PENALTY)
        }
        _ => None,
    }
}

/// The marks that the template sets as xeCJK does (in a CJK face), with
/// their places, in order.
fn xecjk_marks(p: &Preparation) -> Vec<(usize, char)> {
    let mut out = Vec::new();
    for (range, item) in p.items.iter() {
        let Some(shaped) = item.text() else { continue };
        for g in shaped.glyphs.iter() {
            if (is_full_left(g.c) || is_full_right(g.c))
                && g.range.start >= range.start
                && g.font.info().family.contains("CJK")
            {
                out.push((g.range.start, g.c));
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Where xeCJK puts glue around its marks: after a closing one (unless a
/// space follows), and before an opening one, a dash or an ellipsis (unless a
/// space comes before).
fn xecjk_glues(text: &str, marks: &[(usize, char)]) -> Vec<usize> {
    let mut out = Vec::new();
    for &(at, c) in marks {
        let end = at + c.len_utf8();
        if is_full_right(c) && end < text.len() && !text[end..].starts_with(char::is_whitespace) {
            out.push(end);
        }
        if (is_full_left(c) || matches!(c, '\u{2014}' | '\u{2026}'))
            && at > 0
            && !text[..at].ends_with(char::is_whitespace)
        {
            out.push(at);
        }
    }
    out
}

/// xeCJK's FullLeft class among Western marks: opening quotes.
fn is_full_left(c: char) -> bool {
    matches!(c, '\u{2018}' | '\u{201C}')
}

/// xeCJK's FullRight class among Western marks: closing quotes, the
/// apostrophe, dashes, ellipses and the middle dot.
fn is_full_right(c: char) -> bool {
    matches!(
        c,
        '\u{2019}' | '\u{201D}' | '\u{2013}' | '\u{2014}' | '\u{2025}' | '\u{2026}' | '\u{00B7}'
    )
}

/// TeX's break opportunities in the paragraph, in order, and the places
/// where XeTeX's hyphenation pass splits a word without a break (see
/// `unkern`), with the width that adds.
fn candidates(engine: &Engine, p: &Preparation) -> (Vec<Candidate>, Vec<(usize, Abs)>) {
    // Whether text is a URL's, item by item (resolving the styles each time
    // would cost more than the rest of this).
    let urls_by_item = std::cell::RefCell::new(HashMap::new());
    let is_url = |p: &Preparation, offset: usize| -> bool {
        let (range, _) = p.get(offset);
        *urls_by_item.borrow_mut().entry(range.start).or_insert_with(|| is_url(p, offset))
    };
    let text = p.text;
    let mut out: Vec<Candidate> = Vec::new();
    let push = |c: Candidate, out: &mut Vec<Candidate>| {
        if let Some(last) = out.last_mut() {
            if last.end == c.end {
                // A hyphenation point and another opportunity at one place:
                // keep the cheaper.
                if c.penalty < last.penalty || c.breakpoint == Breakpoint::Mandatory {
                    *last = c;
                }
                return;
            }
            if last.end > c.end {
                return;
            }
        }
        out.push(c);
    };

    // URL breaks come from the URL's own text, not from Unicode's rules.
    let mut url_breaks: Vec<(usize, i64)> = Vec::new();
    for (offset, c) in text.char_indices() {
        let end = offset + c.len_utf8();
        if end < text.len()
            && let Some(penalty) = url_penalty(c)
            && is_url(p, offset)
            && !text[end..].starts_with(char::is_whitespace)
        {
            url_breaks.push((end, penalty));
        }
    }
    // xeCJK's glue around its marks (see `xecjk_marks`).
    let marks = xecjk_marks(p);
    url_breaks.extend(xecjk_glues(text, &marks).into_iter().map(|at| (at, 0)));
    url_breaks.sort_unstable();
    url_breaks.dedup_by_key(|b| b.0);
    let mut urls = url_breaks.into_iter().peekable();

    breakpoints(p, |end, breakpoint| {
        while let Some(&(at, penalty)) = urls.peek()
            && at < end
        {
            urls.next();
            push(Candidate::glue(at, Breakpoint::Normal, penalty), &mut out);
        }
        let before = text[..end].chars().next_back();
        let candidate = match breakpoint {
            // TeX's own hyphenation points are added below.
            Breakpoint::Hyphen(..) => return,
            // The paragraph's end is hyphenated for TeX (§873).
            Breakpoint::Mandatory if end == text.len() => {
                Candidate::discretionary(end, breakpoint, EJECT_PENALTY, Abs::zero())
            }
            Breakpoint::Mandatory => Candidate::glue(end, breakpoint, EJECT_PENALTY),
            Breakpoint::Normal => match before {
                // The hair of space the template puts after a URL's
                // punctuation where typst breaks lines: the URL's break.
                Some(' ')
                    if end >= 2
                        && matches!(p.get(end - 1).1, Item::Absolute(..))
                        && let Some(c) = text[..end - 1].chars().next_back()
                        && let Some(penalty) = url_penalty(c)
                        && is_url(p, end - 1 - c.len_utf8()) =>
                {
                    Candidate::glue(end, breakpoint, penalty)
                }
                // After one of xeCJK's marks: its glue.
                Some(c)
                    if is_full_right(c)
                        && marks.binary_search(&(end - c.len_utf8(), c)).is_ok() =>
                {
                    Candidate::glue(end, breakpoint, 0)
                }
                Some(c) if c.is_whitespace() || c == '\u{200B}' => {
                    Candidate::glue(end, breakpoint, 0)
                }
                Some('\u{AD}') => {
                    Candidate::discretionary(end, breakpoint, HYPHEN_PENALTY, unkern(p, end))
                }
                Some('-' | '\u{2010}' | '\u{2013}' | '\u{2014}') if !is_url(p, end - 1) => {
                    Candidate::discretionary(end, breakpoint, EX_HYPHEN_PENALTY, unkern(p, end))
                }
                // Inside a URL its own breaks apply; elsewhere TeX has none.
                _ => return,
            },
        };
        if urls.peek().is_some_and(|&(at, _)| at == end) {
            urls.next();
        }
        push(candidate, &mut out);
    });

    // TeX's hyphenation pass (§891–899), as XeTeX does it for text in an
    // OpenType font: at each glue (a space, not the paragraph's indent), the
    // text up to the next space or explicit hyphen is looked at, unless an
    // explicit hyphen ends it. Its letters (what comes before or after them
    // split off) are hyphenated when there are at least \lefthyphenmin 2 +
    // \righthyphenmin 3 of them. Every split shapes the two sides apart.
    let mut splits = Vec::new();
    let is_mark = |at: usize| marks.binary_search_by_key(&at, |m| m.0).is_ok();
    // Where TeX has glue: spaces, and xeCJK's glue around its marks.
    let mut glues: Vec<usize> = text
        .char_indices()
        .filter(|(_, c)| c.is_whitespace())
        .map(|(i, c)| i + c.len_utf8())
        .collect();
    glues.extend(xecjk_glues(text, &marks));
    // With xeCJK and listings loaded, as the class has them, a word after a
    // slash is hyphenated as if after a space (`in-put/out-put`), though no
    // line breaks there.
    for (i, c) in text.char_indices() {
        if c == '/' && text[i + 1..].starts_with(char::is_alphabetic) && !is_url(p, i) {
            glues.push(i + 1);
        }
    }
    glues.sort_unstable();
    glues.dedup();
    for (k, &offset) in glues.iter().enumerate() {
        if offset == 0 || (offset == 1 && matches!(p.get(0).1, Item::Absolute(..))) {
            continue;
        }
        let next = glues.get(k + 1).copied().unwrap_or(text.len());
        let chunk = &text[offset..next];
        // After xeCJK's glue before a mark comes a kern: no hyphenation.
        if is_mark(offset) {
            continue;
        }
        // The first word node: up to a space, an xeCJK mark (another face)
        // or past an explicit hyphen or dash (a discretionary follows, and
        // then TeX does not touch the word, §899).
        let mut body = chunk.trim_end_matches(char::is_whitespace);
        if let Some(i) = body.char_indices().position(|(i, c)| c.is_whitespace() || is_mark(offset + i))
        {
            let cut = body.char_indices().nth(i).map_or(body.len(), |(b, _)| b);
            body = &body[..cut];
        }
        if body.contains(['-', '\u{2010}', '\u{2013}', '\u{2014}']) {
            continue;
        }
        let Some(first) = body.find(char::is_alphabetic) else { continue };
        let rest = &body[first..];
        let len = rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len());
        let word = &rest[..len];
        let start = offset + first;
        if first > 0 {
            splits.push(start);
        }
        if first + len < body.len() {
            splits.push(start + len);
        }
        let point = |end: usize, unkern: Abs| {
            Candidate::discretionary(end, Breakpoint::Hyphen(2, 3), HYPHEN_PENALTY, unkern)
        };
        if word.chars().count() < 5 {
            continue;
        }
        if lang_at(p, start) == Some(hypher::Lang::English) {
            let offsets: Vec<usize> = word.char_indices().map(|(i, _)| start + i).collect();
            let points: Vec<usize> = KNUTH
                .points(word)
                .into_iter()
                .map(|i| offsets[i])
                .filter(|&at| hyphenate_at(p, at))
                .collect();
            for (k, &at) in points.iter().enumerate() {
                let before = if k == 0 { start } else { points[k - 1] };
                let after = points.get(k + 1).copied().unwrap_or(start + len);
                out.push(point(at, unkern_piece(engine, p, at, before..after)));
            }
        } else {
            hyphenations(p, start, word, |end, breakpoint| {
                if let Breakpoint::Hyphen(l, r) = breakpoint
                    && l >= 2
                    && r >= 3
                {
                    out.push(point(end, unkern(p, end)));
                }
            });
        }
    }
    // Sorted by place; a hyphenation point never falls where another
    // opportunity is (it is inside a word).
    out.sort_by_key(|c| c.end);
    out.dedup_by_key(|c| c.end);
    let split_unkerns = splits.into_iter().map(|at| (at, unkern(p, at))).collect();
    (out, split_unkerns)
}

/// A feasible break of TeX's active list.
struct Node<'a> {
    end: usize,
    fitness: u8,
    hyphenated: bool,
    total: f64,
    pred: usize,
    line: Line<'a>,
}

/// One pass of TeX's algorithm over `cands` at `threshold`.
#[allow(clippy::too_many_arguments)]
fn pass<'a>(
    engine: &Engine,
    p: &'a Preparation<'a>,
    width: Abs,
    cands: &[Candidate],
    splits: &[(usize, Abs)],
    estimates: &Estimates,
    threshold: i64,
    final_pass: bool,
    background_stretch: Abs,
) -> Option<Vec<Line<'a>>> {
    let mut nodes = vec![Node {
        end: 0,
        fitness: DECENT,
        hyphenated: false,
        total: 0.0,
        pred: usize::MAX,
        line: Line::empty(),
    }];
    let mut active: Vec<usize> = vec![0];
    let approx_hyphen = Em::new(0.33).at(p.config.font_size);
    // The kerning XeTeX loses inside a line: at the candidates (not taken)
    // and where this pass splits words.
    let mut unkerns: Vec<(usize, Abs)> = cands
        .iter()
        .filter(|c| c.unkern != Abs::zero())
        .map(|c| (c.end, c.unkern))
        .chain(splits.iter().copied())
        .collect();
    unkerns.sort_by_key(|u| u.0);
    let mut lost = Vec::with_capacity(unkerns.len() + 1);
    lost.push(Abs::zero());
    for u in &unkerns {
        lost.push(*lost.last().unwrap() + u.1);
    }
    let lost_between = |from: usize, to: usize| -> Abs {
        // Places strictly after `from` and strictly before `to`.
        let lo = unkerns.partition_point(|u| u.0 <= from);
        let hi = unkerns.partition_point(|u| u.0 < to);
        if hi > lo { lost[hi] - lost[lo] } else { Abs::zero() }
    };

    for cand in cands {
        // Per fitness class: the best total, its predecessor and the start
        // of its line.
        let mut best: [Option<(f64, usize)>; 4] = [None; 4];
        let mut minimum = f64::INFINITY;
        // Lines tried from each start (nodes of one break share their line).
        let mut tried: Vec<(usize, Line<'a>, i64, u8)> = Vec::new();

        let mut i = 0;
        while i < active.len() {
            let a = active[i];
            let start = nodes[a].end;
            if start >= cand.end {
                i += 1;
                continue;
            }

            // A line that is far too loose by estimate cannot be feasible
            // and is not overfull: skip building it.
            if cand.breakpoint != Breakpoint::Mandatory && p.config.justify {
                let trimmed = start + p.text[start..cand.end].trim_end().len();
                let mut natural = estimates.widths.estimate(start..trimmed);
                if cand.breakpoint.is_hyphen() {
                    natural += approx_hyphen;
                }
                let stretch =
                    estimates.stretchability.estimate(start..trimmed) + background_stretch;
                // TeX's badness is infinite beyond a ratio of 4.35.
                let delta = width - natural;
                if delta > Abs::zero() && (stretch <= Abs::zero() || delta / stretch > 5.0) {
                    i += 1;
                    continue;
                }
            }

            // A line far too long by the paragraph's estimates is overfull
            // (the estimates miss a hyphen, a reshaped word's kerning and a
            // full-width mark's trimmed blank at the line's ends, well under
            // the margin): not worth laying out.
            let trimmed = start + p.text[start..cand.end].trim_end().len();
            let least = estimates.widths.estimate(start..trimmed)
                - estimates.shrinkability.estimate(start..trimmed);
            if least > width + Abs::pt(8.0) {
                let deactivate = true;
                let artificial = final_pass && minimum.is_infinite() && active.len() == 1;
                if artificial {
                    let node = &nodes[a];
                    if best[DECENT as usize].is_none_or(|(t, _)| node.total <= t) {
                        best[DECENT as usize] = Some((node.total, a));
                    }
                    minimum = minimum.min(node.total);
                }
                if deactivate {
                    active.remove(i);
                }
                continue;
            }

            let k = match tried.iter().position(|t| t.0 == start) {
                Some(k) => k,
                None => {
                    let attempt = line(
                        engine,
                        p,
                        start..cand.end,
                        cand.breakpoint,
                        Some(&nodes[a].line),
                    );
                    let (b, fit) = measure(
                        width - lost_between(start, cand.end),
                        &attempt,
                        background_stretch,
                        p.config.justify,
                    );
                    tried.push((start, attempt, b, fit));
                    tried.len() - 1
                }
            };
            let (b, fit) = (tried[k].2, tried[k].3);

            let overfull = b > INF_BAD;
            let deactivate = overfull || cand.penalty == EJECT_PENALTY;
            // TeX's last resort (§854): the only active break left, and no
            // feasible one here: break anyway, with an overfull line.
            let artificial = final_pass && overfull && minimum.is_infinite() && active.len() == 1;
            if artificial || b <= threshold {
                let node = &nodes[a];
                let d = if artificial {
                    0.0
                } else {
                    demerits(b, cand, fit, node.fitness, node.hyphenated)
                };
                let total = node.total + d;
                let fit = if artificial { DECENT } else { fit };
                if best[fit as usize].is_none_or(|(t, _)| total <= t) {
                    best[fit as usize] = Some((total, a));
                }
                minimum = minimum.min(total);
            }
            if deactivate {
                active.remove(i);
            } else {
                i += 1;
            }
        }

        // New active nodes (§836): each fitness class within \adjdemerits of
        // the best.
        if minimum.is_finite() {
            let limit = minimum + ADJ_DEMERITS.abs();
            for (fit, entry) in best.iter().enumerate() {
                let Some((total, pred)) = *entry else { continue };
                if total > limit {
                    continue;
                }
                let start = nodes[pred].end;
                let line = match tried.iter().position(|t| t.0 == start) {
                    Some(k) => std::mem::replace(&mut tried[k].1, Line::empty()),
                    // An overfull line TeX takes as its last resort, not laid
                    // out while it was measured.
                    None => Line::empty(),
                };
                let line = if line.items.is_empty() && start < cand.end {
                    // Taken by another class already: rebuild it.
                    self::line(engine, p, start..cand.end, cand.breakpoint, Some(&nodes[pred].line))
                } else {
                    line
                };
                nodes.push(Node {
                    end: cand.end,
                    fitness: fit as u8,
                    hyphenated: cand.hyphenated,
                    total,
                    pred,
                    line,
                });
                active.push(nodes.len() - 1);
            }
        }
        if active.is_empty() {
            break;
        }
    }

    // The best way to the paragraph's end.
    let end = p.text.len();
    let mut best: Option<usize> = None;
    for &a in &active {
        if nodes[a].end == end && best.is_none_or(|b| nodes[a].total < nodes[b].total) {
            best = Some(a);
        }
    }
    let mut idx = best?;
    let mut chain = Vec::new();
    while idx != 0 {
        chain.push(idx);
        idx = nodes[idx].pred;
    }
    let mut lines = Vec::with_capacity(chain.len());
    for idx in chain.into_iter().rev() {
        lines.push(std::mem::replace(&mut nodes[idx].line, Line::empty()));
    }
    Some(lines)
}

/// TeX's badness of the line and its fitness class; more than `INF_BAD` when
/// it is overfull.
fn measure(width: Abs, attempt: &Line, background_stretch: Abs, justify: bool) -> (i64, u8) {
    let mut delta = width - attempt.width;
    if delta.approx_eq(Abs::zero()) {
        delta = Abs::zero();
    }
    // A ragged line is set at its natural width: it never shrinks.
    if !justify && delta < Abs::zero() {
        return (INF_BAD + 1, DECENT);
    }
    if delta >= Abs::zero() {
        // A line that is not justified ends the paragraph, or a line ends
        // with `\\`: TeX's \parfillskip or \hfil stretches infinitely.
        if !attempt.justify {
            return (0, DECENT);
        }
        let b = badness(delta, attempt.stretchability() + background_stretch);
        let fit = if b > 99 {
            VERY_LOOSE
        } else if b > 12 {
            LOOSE
        } else {
            DECENT
        };
        (b, fit)
    } else {
        let shortfall = -delta;
        let shrink = attempt.shrinkability();
        if shortfall > shrink + Abs::pt(0.001) {
            return (INF_BAD + 1, DECENT);
        }
        let b = badness(shortfall, shrink);
        (b, if b > 12 { TIGHT } else { DECENT })
    }
}

/// TeX's `badness(t, s)` (§108), about 100 (t/s)³, in scaled points.
fn badness(t: Abs, s: Abs) -> i64 {
    let sp = |x: Abs| (x.to_pt() * 65536.0).round() as i64;
    let (t, s) = (sp(t), sp(s));
    if t == 0 {
        return 0;
    }
    if s <= 0 {
        return INF_BAD;
    }
    let r = if t <= 7230584 {
        t * 297 / s
    } else if s >= 1663497 {
        t / (s / 297)
    } else {
        t
    };
    if r > 1290 { INF_BAD } else { (r * r * r + 0x20000) / 0x40000 }
}

/// TeX's demerits of a line (§859).
fn demerits(b: i64, cand: &Candidate, fit: u8, pred_fit: u8, pred_hyphenated: bool) -> f64 {
    let d = (LINE_PENALTY + b) as f64;
    let mut d = if d.abs() >= 10000.0 { 100_000_000.0 } else { d * d };
    let pi = cand.penalty;
    if pi > 0 {
        d += (pi * pi) as f64;
    } else if pi > EJECT_PENALTY {
        d -= (pi * pi) as f64;
    }
    if cand.hyphenated && pred_hyphenated {
        d += if cand.breakpoint == Breakpoint::Mandatory {
            FINAL_HYPHEN_DEMERITS
        } else {
            DOUBLE_HYPHEN_DEMERITS
        };
    }
    if fit.abs_diff(pred_fit) > 1 {
        d += ADJ_DEMERITS;
    }
    d
}


/// Knuth's hyphenation patterns for English (plain TeX's `hyphen.tex`,
/// unchanged, as its licence asks), which LaTeX's formats load for
/// `english`, the language of a document that chooses none. hypher's English
/// patterns are the larger hyph-utf8 set, which hyphenates many words
/// elsewhere (`analy-sis` where TeX has `anal-y-sis`).
static KNUTH: LazyLock<Knuth> = LazyLock::new(|| Knuth::parse(include_str!("hyphen.tex")));

struct Knuth {
    patterns: std::collections::HashMap<String, Vec<u8>>,
    exceptions: std::collections::HashMap<String, Vec<usize>>,
    longest: usize,
}

impl Knuth {
    fn parse(src: &str) -> Self {
        let body = |name: &str| -> &str {
            let start = src.find(name).map(|i| i + name.len()).unwrap_or(src.len());
            let end = src[start..].find('}').map(|i| start + i).unwrap_or(src.len());
            &src[start..end]
        };
        let words = |text: &str| -> Vec<String> {
            text.lines()
                .map(|line| line.split('%').next().unwrap_or(""))
                .flat_map(|line| line.split_whitespace())
                .map(str::to_string)
                .collect()
        };
        let mut patterns = std::collections::HashMap::new();
        let mut longest = 0;
        for pattern in words(body("\\patterns{")) {
            let key: String = pattern.chars().filter(|c| !c.is_ascii_digit()).collect();
            let mut values = vec![0u8; key.chars().count() + 1];
            let mut i = 0;
            for c in pattern.chars() {
                match c.to_digit(10) {
                    Some(d) => values[i] = d as u8,
                    None => i += 1,
                }
            }
            longest = longest.max(key.chars().count());
            patterns.insert(key, values);
        }
        let mut exceptions = std::collections::HashMap::new();
        for word in words(body("\\hyphenation{")) {
            let mut points = Vec::new();
            let mut letters = 0;
            for c in word.chars() {
                if c == '-' {
                    points.push(letters);
                } else {
                    letters += 1;
                }
            }
            exceptions.insert(word.replace('-', ""), points);
        }
        Self { patterns, exceptions, longest }
    }

    /// The places (in letters from the word's start) where TeX may
    /// hyphenate `word`, with \lefthyphenmin 2 and \righthyphenmin 3.
    fn points(&self, word: &str) -> Vec<usize> {
        let lower: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
        let n = lower.len();
        if n < 5 || n != word.chars().count() {
            return Vec::new();
        }
        let key: String = lower.iter().collect();
        if let Some(points) = self.exceptions.get(&key) {
            return points.iter().copied().filter(|&i| i >= 2 && n - i >= 3).collect();
        }
        let dotted: Vec<char> =
            std::iter::once('.').chain(lower.iter().copied()).chain(std::iter::once('.')).collect();
        let mut values = vec![0u8; dotted.len() + 1];
        let mut piece = String::new();
        for i in 0..dotted.len() {
            piece.clear();
            for &c in dotted.iter().skip(i).take(self.longest) {
                piece.push(c);
                if let Some(vals) = self.patterns.get(&piece) {
                    for (k, &v) in vals.iter().enumerate() {
                        values[i + k] = values[i + k].max(v);
                    }
                }
            }
        }
        // values[i + 1] is the value between letter i - 1 and letter i.
        (2..=n - 3).filter(|&i| values[i + 1] % 2 == 1).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyphenates_as_plain_tex() {
        let show = |w: &str| {
            let points = KNUTH.points(w);
            let mut out = String::new();
            for (i, c) in w.chars().enumerate() {
                if points.contains(&i) {
                    out.push('-');
                }
                out.push(c);
            }
            out
        };
        assert_eq!(show("analysis"), "anal-y-sis");
        assert_eq!(show("hyphenation"), "hy-phen-ation");
        assert_eq!(show("literature"), "lit-er-a-ture");
        assert_eq!(show("table"), "ta-ble");
        assert_eq!(show("project"), "project");
        assert_eq!(show("Performance"), "Per-for-mance");
    }

    #[test]
    fn badness_is_texs() {
        // tex.web §108: about 100 (t/s)³, in TeX's integer arithmetic.
        assert_eq!(badness(Abs::pt(1.0), Abs::pt(1.0)), 100);
        assert_eq!(badness(Abs::pt(2.0), Abs::pt(1.0)), 800);
        assert_eq!(badness(Abs::pt(0.0), Abs::pt(1.0)), 0);
        assert_eq!(badness(Abs::pt(1.0), Abs::pt(0.0)), INF_BAD);
        assert_eq!(badness(Abs::pt(10.0), Abs::pt(1.0)), INF_BAD);
    }
}

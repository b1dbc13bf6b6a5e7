#!/usr/bin/env python3
"""Compares the lines of a built issue with the journal's own XeLaTeX build.

    tools/compare-lines.py BUILT.pdf REFERENCE.pdf [-v] [--pages] [--json FILE]
    tools/compare-lines.py BUILT.pdf            # loose and overfull lines only

Three measures, from the word boxes `pdftotext -bbox-layout` gives:

- **line ends kept**: both PDFs' words are put in reading order (`pdftotext
  -raw`), a word broken by a hyphen at a line's end joined again, and aligned
  (difflib, hyphens ignored). A line end of REFERENCE is kept when BUILT ends a line at the same
  place: after the same word, or inside it at the same hyphen.
- **loose lines**: justified lines (from the text block's left edge, give or
  take a paragraph indent, to its right edge) whose mean gap between words is
  more than half the line's height; `very loose` over 0.7 of it.
- **overfull lines**: lines whose text passes the text block's right edge by
  more than 1 pt.

The text block's edges are each PDF's most common line start and end. `-v`
prints every line end of REFERENCE that BUILT does not keep, with its page,
and every loose or overfull line; `--pages` a table per page. `--json` writes
the totals and the per-page figures, for tests and for comparing two builds.
Needs pdftotext (poppler-utils).
"""

import difflib
import json
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter

NS = "{http://www.w3.org/1999/xhtml}"


class Line:
    __slots__ = ("page", "x0", "x1", "y0", "y1", "words")

    def __init__(self, page, x0, x1, y0, y1, words):
        self.page, self.x0, self.x1, self.y0, self.y1, self.words = page, x0, x1, y0, y1, words

    def text(self):
        return " ".join(w[0] for w in self.words)


def read_lines(pdf):
    """Every line of PDF in pdftotext's reading order, with its words' boxes."""
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-bbox-layout", pdf, "-"], check=True, capture_output=True
    ).stdout.decode("utf-8")
    root = ET.fromstring(out)
    lines = []
    for number, page in enumerate(root.iter(NS + "page"), start=1):
        for line in page.iter(NS + "line"):
            words = [
                (w.text or "", float(w.get("xMin")), float(w.get("xMax")))
                for w in line.iter(NS + "word")
                if (w.text or "").strip()
            ]
            if words:
                lines.append(
                    Line(
                        number,
                        float(line.get("xMin")),
                        float(line.get("xMax")),
                        float(line.get("yMin")),
                        float(line.get("yMax")),
                        words,
                    )
                )
    return lines


def norm(word):
    s = unicodedata.normalize("NFKC", word)
    for a, b in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("\u00ad", "-"), ("‐", "-")):
        s = s.replace(a, b)
    return s


HYPHENS = ("-", "‐", "\u00ad")


def tokens(lines):
    """Words in reading order, with where lines end among them.

    Returns (keys, ends, where): keys are the words to align (hyphens taken
    out, so `atten-`+`tion` and `attention` are one key); ends maps a token's
    index to the line end it carries: `"end"` after it, or `("in", n)` inside
    it after its first n letters of key; where[i] is the page of token i.
    """
    keys, ends, where, texts = [], {}, [], []
    carry = None  # (text so far, key so far, page) of a word broken at a line's end
    for line in lines:
        ws = [norm(w[0]) for w in line.words]
        for i, w in enumerate(ws):
            last = i == len(ws) - 1
            if carry is not None:
                text, key, page = carry
                carry = None
                split = len(key)
                w_key = w.replace("-", "")
                ends_here = None
                if last and w.endswith(HYPHENS) and len(w) > 1 and w[-2].isalpha():
                    carry = (text + w, key + w_key, page)
                    ends[len(keys)] = ("in", split)
                    continue
                keys.append(key + w_key)
                texts.append(text + w)
                where.append(page)
                ends[len(keys) - 1] = ends_here or ("in", split)
                if last:
                    # A word that began on the line above and ends this one:
                    # the second line end is after it.
                    ends[len(keys) - 1] = ("in+end", split)
                continue
            if last and w.endswith(HYPHENS) and len(w) > 1 and w[-2].isalpha():
                carry = (w, w.replace("-", ""), line.page)
                continue
            keys.append(w.replace("-", ""))
            texts.append(w)
            where.append(line.page)
            if last:
                ends[len(keys) - 1] = "end"
    if carry is not None:
        keys.append(carry[1])
        texts.append(carry[0])
        where.append(carry[2])
        ends[len(keys) - 1] = "end"
    return keys, ends, where, texts


def ends_of(mark):
    """The line ends a token carries, as a set of `"end"` / `("in", n)`."""
    if mark is None:
        return set()
    if mark == "end":
        return {"end"}
    kind, n = mark
    return {("in", n), "end"} if kind == "in+end" else {("in", n)}


class RawLine:
    """A line of `pdftotext -raw` (content order, one line per text line)."""

    __slots__ = ("page", "words")

    def __init__(self, page, words):
        self.page, self.words = page, words


def read_raw_lines(pdf):
    """Every line of `pdftotext -raw`, the issue's measure of line ends: the
    text in content order, a heading's number and title on one line."""
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-raw", pdf, "-"], check=True, capture_output=True
    ).stdout.decode("utf-8")
    lines = []
    for number, page in enumerate(out.split("\f"), start=1):
        for line in page.split("\n"):
            words = [(w, 0.0, 0.0) for w in line.split()]
            if words:
                lines.append(RawLine(number, words))
    return lines


def line_ends_kept(ref_lines, built_lines):
    rk, rends, rwhere, rtexts = tokens(ref_lines)
    bk, bends, _, _ = tokens(built_lines)
    matcher = difflib.SequenceMatcher(None, rk, bk, autojunk=False)
    to_built = {}
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            to_built[a + k] = b + k
    total = kept = 0
    missed = []
    per_page = Counter()
    kept_page = Counter()
    for i, mark in sorted(rends.items()):
        for end in ends_of(mark):
            total += 1
            per_page[rwhere[i]] += 1
            j = to_built.get(i)
            if j is not None and end in ends_of(bends.get(j)):
                kept += 1
                kept_page[rwhere[i]] += 1
            else:
                context = " ".join(rtexts[max(0, i - 3) : i + 1])
                missed.append((rwhere[i], context, end))
    return total, kept, per_page, kept_page, missed


def block_edges(lines):
    """The text block's left and right edge, for odd pages and for even ones
    (a two-sided layout moves the block)."""
    edges = {}
    for parity in (0, 1):
        on = [line for line in lines if line.page % 2 == parity and len(line.words) >= 4]
        left = Counter(round(line.x0, 1) for line in on)
        right = Counter(round(line.x1, 1) for line in on)
        edges[parity] = (left.most_common(1)[0][0], right.most_common(1)[0][0])
    return edges


def line_quality(lines):
    """Loose (mean gap > 0.5 line height), very loose (> 0.7) and overfull lines."""
    edges = block_edges(lines)
    loose, very, overfull, justified = [], [], [], 0
    per_page = Counter()
    for line in lines:
        left, right = edges[line.page % 2]
        width = right - left
        if line.x1 > right + 1.0:
            overfull.append(line)
        spans = abs(line.x1 - right) <= 1.0 and line.x0 <= left + 0.1 * width and line.x0 >= left - 1.0
        if not spans or len(line.words) < 2:
            continue
        justified += 1
        per_page[line.page] += 1
        gaps = [b[1] - a[2] for a, b in zip(line.words, line.words[1:])]
        mean = sum(gaps) / len(gaps)
        height = line.y1 - line.y0
        if mean > 0.5 * height:
            loose.append((line, mean / height))
        if mean > 0.7 * height:
            very.append((line, mean / height))
    return {
        "edges": edges,
        "justified": justified,
        "loose": loose,
        "very_loose": very,
        "overfull": overfull,
        "justified_per_page": per_page,
    }


def show(edges):
    return ", ".join(f"{name} pages {edges[p][0]:.1f}..{edges[p][1]:.1f} pt" for p, name in ((1, "odd"), (0, "even")))


def summary(pdf, q):
    """Prints a PDF's loose and overfull lines; their figures for the report."""
    loose = len(q["loose"])
    print(f"{pdf}: text block {show(q['edges'])}, {q['justified']} justified lines")
    print(
        f"  loose lines: {loose} ({100 * loose / max(1, q['justified']):.1f}%),"
        f" very loose: {len(q['very_loose'])}, overfull: {len(q['overfull'])}"
    )
    return {
        "justified": q["justified"],
        "loose": loose,
        "very_loose": len(q["very_loose"]),
        "overfull": len(q["overfull"]),
        "loose_pages": sorted(line.page for line, _ in q["loose"]),
        "overfull_pages": sorted(line.page for line in q["overfull"]),
    }


def main():
    argv = sys.argv[1:]
    verbose = "-v" in argv
    pages = "--pages" in argv
    json_out = None
    if "--json" in argv:
        at = argv.index("--json")
        json_out = argv[at + 1]
        del argv[at : at + 2]
    args = [a for a in argv if not a.startswith("-")]
    if len(args) not in (1, 2):
        raise SystemExit(__doc__)
    built = read_lines(args[0])
    report = {}
    q = line_quality(built)
    report["built"] = summary(args[0], q)
    if verbose:
        for line, r in q["loose"]:
            print(f"    loose p{line.page:02} ({r:.2f}): {line.text()[:100]}")
        for line in q["overfull"]:
            right = q["edges"][line.page % 2][1]
            print(f"    overfull p{line.page:02} (+{line.x1 - right:.1f} pt): {line.text()[:100]}")
    if len(args) == 2:
        ref = read_lines(args[1])
        rq = line_quality(ref)
        report["reference"] = summary(args[1], rq)
        total, kept, per_page, kept_page, missed = line_ends_kept(
            read_raw_lines(args[1]), read_raw_lines(args[0])
        )
        print(f"line ends of the reference kept: {kept}/{total} ({100 * kept / max(1, total):.1f}%)")
        report["line_ends"] = {
            "total": total,
            "kept": kept,
            "per_page": {str(p): [kept_page[p], per_page[p]] for p in sorted(per_page)},
        }
        if pages:
            loose_by_page = Counter(line.page for line, _ in q["loose"])
            ref_loose_by_page = Counter(line.page for line, _ in rq["loose"])
            print("page  kept/ends    %   loose(built/ref)")
            for p in sorted(per_page):
                print(
                    f"{p:4}  {kept_page[p]:4}/{per_page[p]:<4} {100 * kept_page[p] / per_page[p]:5.1f}"
                    f"   {loose_by_page[p]}/{ref_loose_by_page[p]}"
                )
        if verbose:
            for page, context, end in missed:
                where = "" if end == "end" else f" (inside, after {end[1]} letters)"
                print(f"    p{page:02}: … {context}|{where}")
    if json_out:
        with open(json_out, "w", encoding="utf-8") as f:
            json.dump(report, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Compares wita's reference list with real biblatex's, entry by entry.

For each .bib given, builds a document that lists every entry (`\\nocite{*}`)
twice: with XeLaTeX + biber in the journal's settings (`style=numeric,
sorting=ynt`), and with wita (a scratch journal of one article whose main.tex
is `\\nocite{*}\\printbibliography`). Both PDFs are read with poppler's
`pdftotext -layout`, split into entries at their `[n]` labels, whitespace is
normalised, and entry n of one is compared with entry n of the other.

Needs: texlive-xetex, texlive-bibtex-extra, biber, poppler-utils, zstd
(texlive-publishers for AASTeX's journal macros), and a built wita (`cargo build`, or --wita PATH). Not part of the test suite.

    tools/compare-bib.py [--wita target/debug/wita] [-v] [--group NAME] FILE.bib...

Prints, per file, the differing entries (with -v) and the share of identical
entries; with several files, the total.
"""

import argparse
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

LATEX = r"""\documentclass{article}
\usepackage[paperwidth=150cm,paperheight=120cm,margin=1cm]{geometry}
\usepackage{fontspec}
\setmainfont{texgyretermes-regular.otf}[Path=FONTS/,
  ItalicFont=texgyretermes-italic.otf, BoldFont=texgyretermes-bold.otf,
  BoldItalicFont=texgyretermes-bolditalic.otf]
\newfontfamily\cjkfont{NotoSerifCJKsc-Regular.otf}[Path=CJK/]
% Chinese in its own font, the way xeCJK does it (xeCJK is not needed).
\XeTeXinterchartokenstate=1
\newXeTeXintercharclass\cjkclass
\count255="3000
\loop\ifnum\count255<"A000 \XeTeXcharclass\count255=\cjkclass \advance\count255 by 1 \repeat
\count255="FF00
\loop\ifnum\count255<"FFF0 \XeTeXcharclass\count255=\cjkclass \advance\count255 by 1 \repeat
\XeTeXinterchartoks 0 \cjkclass = {\begingroup\cjkfont}
\XeTeXinterchartoks 4095 \cjkclass = {\begingroup\cjkfont}
\XeTeXinterchartoks \cjkclass 0 = {\endgroup}
\XeTeXinterchartoks \cjkclass 4095 = {\endgroup}
\usepackage[style=numeric,sorting=ynt,backend=biber]{biblatex}
\usepackage{hyperref}
\addbibresource{cite.bib}
\hyphenpenalty=10000 \exhyphenpenalty=10000 \sloppy
\begin{document}
\nocite{*}
\printbibliography
\end{document}
"""

MASTER = r"""\input{texlib/issue-v1.H.tex}
\setdocmetadata{0000}{000000}{1}
\addcitebib{cmp}
\begin{document}
\importarticle{cmp}
\end{document}
"""

INFO = """[[article]]

id = "cmp"
title = "Comparison"
authors = ["A. Tool"]
authors_simple = "Tool, A."
date = "2025-01-01"
license = "CC BY 4.0"
"""

MAIN = r"""\setentryid{cmp}
\nocite{*}
\printbibliography
"""

LABEL = re.compile(r"^\s*\[(\d+)\]\s?(.*)$")


def run(cmd, cwd, timeout=600):
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True,
                          errors="replace", timeout=timeout)


def pdf_lines(pdf):
    out = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
                         capture_output=True, text=True, errors="replace")
    return out.stdout.splitlines()


def joins_without_space(prev):
    """A line that ends inside a URL or DOI was broken there, not at a space."""
    tokens = prev.split()
    if not tokens:
        return False
    last = tokens[-1]
    return ("://" in last or last.startswith("www.") or re.match(r"^10\.\d+/", last)) \
        and not last.endswith((".", ")"))


def entries(lines, after_heading):
    """The `[n]` entries of a reference list, whitespace normalised."""
    out = {}
    current = None
    started = not after_heading
    for line in lines:
        if not started:
            started = line.strip() == "References"
            continue
        line = line.replace("\f", "")
        if re.fullmatch(r"\s*\d+\s*", line):
            continue  # a page number
        m = LABEL.match(line)
        if m:
            current = int(m.group(1))
            out[current] = [m.group(2)]
        elif current is not None and line.strip():
            out[current].append(line)
    result = {}
    for n, parts in out.items():
        text = ""
        for part in parts:
            part = part.strip()
            if not text:
                text = part
            elif joins_without_space(text):
                text += part
            else:
                text += " " + part
        result[n] = normalise(text)
    return result


LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}
CJK = "\u3000-\u9fff\uff00-\uffef"


def normalise(s):
    s = s.replace("\u00a0", " ").replace("\u202f", " ").replace("\u00ad", "")
    for lig, letters in LIGATURES.items():
        s = s.replace(lig, letters)
    s = re.sub(r"\s+", " ", s).strip()
    # The LaTeX side switches to the CJK font without xeCJK, which loses a
    # space between Latin and Chinese text: such spaces are not compared.
    return re.sub(rf"(?<=[{CJK}]) | (?=[{CJK}])", "", s)


def aas_journals():
    """AASTeX's journal macros (`\\apj` is `ApJ`), as its installed class
    defines them: astronomy's .bib files (exported from ADS) use them in
    `journal` fields, for a document in AASTeX to print, so the reference
    document defines them too (`\\providecommand`; none without AASTeX)."""
    cls = subprocess.run(["kpsewhich", "aastex631.cls"], capture_output=True, text=True).stdout.strip()
    if not cls:
        return ""
    out = []
    for m in re.finditer(r"\\(?:re)?newcommand\\(\w+)\{\\ref@jnl\{([^}]*)\}\}", read_text(cls)):
        out.append(f"\\providecommand\\{m[1]}{{{m[2]}}}\n")
    return "".join(out)


def read_text(path):
    return Path(path).read_text(encoding="utf-8", errors="replace")


def build_biblatex(bib, work):
    d = work / "biblatex"
    d.mkdir()
    shutil.copy(bib, d / "cite.bib")
    cjk = work / "cjk"
    cjk.mkdir()
    subprocess.run(["zstd", "-q", "-d", str(REPO / "fonts/NotoSerifCJKsc-Regular.otf.zst"),
                    "-o", str(cjk / "NotoSerifCJKsc-Regular.otf")], check=True)
    tex = LATEX.replace("FONTS/", str(REPO / "fonts") + "/").replace("CJK/", str(cjk) + "/")
    tex = tex.replace("\\begin{document}", aas_journals() + "\\begin{document}")
    (d / "doc.tex").write_text(tex)
    for cmd in (["xelatex", "-interaction=nonstopmode", "doc"], ["biber", "doc"],
                ["xelatex", "-interaction=nonstopmode", "doc"]):
        r = run(cmd, d)
        if cmd[0] == "biber" and r.returncode != 0:
            return None, "biber failed: " + r.stdout[-400:]
    pdf = d / "doc.pdf"
    if not pdf.exists():
        return None, "xelatex made no PDF"
    return entries(pdf_lines(pdf), after_heading=True), None


def build_wita(bib, work, wita):
    root = work / "journal"
    entry = root / "issue/0000/000000.tex.d/entry/cmp"
    entry.mkdir(parents=True)
    meta = root / "issue/0000/000000.tex.d/meta"
    meta.mkdir(parents=True)
    (root / "issue/0000/000000.tex").write_text(MASTER)
    (meta / "meta.toml").write_text('year = "0000"\nissue = "000000"\nsn = 1\neditors = ["E"]\n')
    (entry / "info.toml").write_text(INFO)
    (entry / "main.tex").write_text(MAIN)
    shutil.copy(bib, entry / "cite.bib")
    shutil.copytree(REPO / "examples/journal/vi", root / "vi")
    # The journal's own template override, with a page wide enough that no
    # reference wraps (as on the biblatex side): the comparison is of text.
    template = (REPO / "templates/issue.typ").read_text()
    wide = template.replace('paper: "a4",', 'width: 150cm, height: 120cm,', 1)
    (root / "texlib/wita").mkdir(parents=True)
    (root / "texlib/wita/issue.typ").write_text(wide)
    r = run([str(wita), "build", "-q", "issue/0000/000000.tex", "-o", "out.pdf"], root)
    pdf = root / "out.pdf"
    if r.returncode != 0 or not pdf.exists():
        return None, "wita failed: " + r.stderr[-600:]
    return entries(pdf_lines(pdf), after_heading=True), r.stderr


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("bibs", nargs="+", type=Path)
    ap.add_argument("--wita", type=Path, default=REPO / "target/debug/wita")
    ap.add_argument("-v", "--verbose", action="store_true", help="print each difference")
    ap.add_argument("--keep", type=Path, help="keep the scratch builds here")
    ap.add_argument("--group", default="total", help="name of the total line")
    args = ap.parse_args()

    total_same = total = total_unordered = 0
    for bib in args.bibs:
        work = Path(tempfile.mkdtemp(prefix="compare-bib-", dir=args.keep))
        try:
            ref, err = build_biblatex(bib.resolve(), work)
            if ref is None:
                print(f"{bib}: skipped, {err}")
                continue
            got, err = build_wita(bib.resolve(), work, args.wita.resolve())
            if got is None:
                print(f"{bib}: wita did not build it ({len(ref)} entries): {err.strip()}")
                total += len(ref)
                continue
            same = 0
            for n in sorted(ref):
                if got.get(n) == ref[n]:
                    same += 1
                elif args.verbose:
                    print(f"--- {bib} [{n}]\n  biblatex: {ref[n]}\n  wita:     {got.get(n, '(missing)')}")
            # The same texts in another order: differences of sorting only.
            unordered = len(ref) - sum(
                (collections.Counter(ref.values())
                 - collections.Counter(got.values())).values())
            extra = sorted(set(got) - set(ref))
            if extra and args.verbose:
                print(f"--- {bib}: wita has {len(extra)} more entries")
            share = 100.0 * same / len(ref) if ref else 100.0
            print(f"{bib}: {same}/{len(ref)} identical ({share:.1f}%)"
                  + (f"; {unordered} identical in any order" if unordered != same else "")
                  + (f", wita lists {len(got)}" if len(got) != len(ref) else ""))
            total_unordered += unordered
            total_same += same
            total += len(ref)
        finally:
            if args.keep is None:
                shutil.rmtree(work, ignore_errors=True)
    if len(args.bibs) > 1 and total:
        print(f"{args.group}: {total_same}/{total} identical ({100.0 * total_same / total:.1f}%); "
              f"{total_unordered}/{total} identical in any order ({100.0 * total_unordered / total:.1f}%)")


if __name__ == "__main__":
    sys.exit(main())

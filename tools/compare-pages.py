#!/usr/bin/env python3
"""Compares a built issue with the journal's own XeLaTeX build, page by page.

    tools/compare-pages.py BUILT.pdf ../shared/reference/xelatex-202508/pages.tsv [-v]
        [--pictures DIR PAGE...]

`pages.tsv` lists, per physical page of the reference build, its article and
its first and last 8 words (raw `pdftotext -f N -l N`). This reads the same
from BUILT.pdf and prints each article's page count against the reference's
and the share of pages whose first words and whose last words match (after
normalising whitespace, ligatures and quotes). `-v` prints every page that
differs.
`--pictures DIR PAGE...` also writes `DIR/page-NN.png` for each PAGE: the
journal's picture of it (`page-NN.png` beside pages.tsv) and BUILT's, side by
side. Needs pdftotext and pdftoppm (poppler-utils); pictures need Pillow.
"""

import subprocess
import sys
import unicodedata
from collections import OrderedDict


def words(pdf, page):
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-f", str(page), "-l", str(page), pdf, "-"],
        check=True,
        capture_output=True,
    ).stdout.decode("utf-8")
    return text.split()


def norm(ws):
    s = unicodedata.normalize("NFKC", " ".join(ws))
    for a, b in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("\u00ad", "")):
        s = s.replace(a, b)
    return s


def squeeze(s):
    """Text without spaces or hyphens: a page's last words as pdftotext gives
    them differ in both (it joins a word hyphenated on the page's last line
    to the page number, and a URL's stretched marks come out spaced)."""
    return "".join(c for c in s if not c.isspace() and c not in "-\u00ad")


def page_count(pdf):
    out = subprocess.run(["pdfinfo", pdf], check=True, capture_output=True).stdout.decode()
    for line in out.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise SystemExit("pdfinfo gave no page count")


def pictures(pdf, tsv, out, pages):
    import os
    import tempfile

    from PIL import Image

    os.makedirs(out, exist_ok=True)
    here = os.path.dirname(os.path.abspath(tsv))
    with tempfile.TemporaryDirectory() as tmp:
        for page in pages:
            theirs = Image.open(os.path.join(here, f"page-{page:02}.png")).convert("RGB")
            base = os.path.join(tmp, "p")
            subprocess.run(
                ["pdftoppm", "-r", "50", "-png", "-f", str(page), "-l", str(page), "-singlefile", pdf, base],
                check=True,
            )
            ours = Image.open(base + ".png").convert("RGB").resize(theirs.size)
            both = Image.new("RGB", (theirs.width * 2 + 10, theirs.height), "white")
            both.paste(theirs, (0, 0))
            both.paste(ours, (theirs.width + 10, 0))
            both.save(os.path.join(out, f"page-{page:02}.png"))


def main():
    argv = sys.argv[1:]
    wanted = []
    if "--pictures" in argv:
        at = argv.index("--pictures")
        wanted = argv[at + 1 :]
        argv = argv[:at]
    args = [a for a in argv if not a.startswith("-")]
    verbose = "-v" in argv
    if len(args) != 2:
        raise SystemExit(__doc__)
    pdf, tsv = args
    rows = []
    with open(tsv, encoding="utf-8") as f:
        next(f)
        for line in f:
            cols = line.rstrip("\n").split("\t")
            rows.append(cols)
    n = page_count(pdf)
    ours = [words(pdf, p) for p in range(1, n + 1)]

    # Which article each of our pages belongs to: a page whose first words
    # begin with the header band starts the next article in reading order.
    articles = [r[2] for r in rows]
    order = list(OrderedDict.fromkeys(a for a in articles if not a.startswith("(")))
    theirs_count = OrderedDict((a, articles.count(a)) for a in order)
    ours_count = OrderedDict((a, 0) for a in order)
    current = None
    starts = 0
    for ws in ours:
        band = ws[:4] == ["WEIGHT", "IN", "THE", "ATTENTION"] and len(ws) > 4
        if band and ws[4].startswith("WITA.") and starts < len(order):
            current = order[starts]
            starts += 1
        if current is not None:
            ours_count[current] += 1

    print(f"pages: {n} (reference {len(rows)})")
    same_count = 0
    for a in order:
        mark = "ok" if ours_count[a] == theirs_count[a] else "DIFF"
        same_count += ours_count[a] == theirs_count[a]
        print(f"  {a:12} {ours_count[a]:3} (reference {theirs_count[a]:3})  {mark}")
    print(f"articles with the reference's page count: {same_count}/{len(order)}")

    matched = ended = 0
    for i, r in enumerate(rows):
        first = r[3].split()
        got = ours[i][: len(first)] if i < len(ours) else []
        ok = norm(got) == norm(first)
        matched += ok
        if verbose and not ok:
            print(f"  p{i + 1:02} ({r[2]})\n     ref: {' '.join(first)}\n     got: {' '.join(got)}")
        last = r[4].split() if len(r) > 4 else []
        got_last = ours[i][len(ours[i]) - len(last) :] if i < len(ours) and last else []
        ok_last = squeeze(norm(got_last))[-24:] == squeeze(norm(last))[-24:]
        ended += ok_last
        if verbose and not ok_last:
            print(f"  p{i + 1:02} ({r[2]}) ends\n     ref: {' '.join(last)}\n     got: {' '.join(got_last)}")
    print(f"pages whose first words match: {matched}/{len(rows)} ({100 * matched / len(rows):.0f}%)")
    print(f"pages whose last words match: {ended}/{len(rows)} ({100 * ended / len(rows):.0f}%)")
    if wanted:
        pictures(pdf, tsv, wanted[0], [int(p) for p in wanted[1:]])


if __name__ == "__main__":
    main()

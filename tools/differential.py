#!/usr/bin/env python3
"""Differential test: each corpus document built by XeLaTeX and by wita, compared.

    tools/differential.py [--wita PATH] [--filter SUBSTR] [--jobs N]
        [--json FILE] [--markdown FILE] [--show] [--timeout S]
        [--real-images] [--cache DIR] [--no-cache] [--xelatex-only]
        [--texinputs DIR]

XeLaTeX is the reference implementation. For every main file (a `.tex`
with `\\documentclass` then `\\begin{document}`, outside comments and
verbatim examples) in `tests/corpus` and, when present, in
`../shared/corpus/realworld` — the documents `crates/wita/tests/corpus.rs`
builds — this

* builds it with wita the way corpus.rs does: a scratch journal whose issue
  `issue/0000/000000.tex` imports one entry `a`, the document's folder's
  `.tex` files copied into the entry, `main.tex` the document with the
  journal's header after `\\begin{document}`, `cite.bib` its bibliography,
  missing images stubbed (blank PNG / SVG / one-page PDF) and missing
  `\\input`s as empty files; then `wita build issue/0000/000000.tex -o
  out.pdf` in the scratch journal. Only the article's pages (the `pages X-Y`
  wita prints) are compared.
* builds it with XeLaTeX: the document's folder copied to a scratch folder
  (without its images, so that both sides get the same stubs; `--real-images`
  keeps them), its `.bib` files looked up in its project as corpus.rs does,
  the same stubs added, then `latexmk -xelatex -f -interaction=nonstopmode`
  (which runs biber/bibtex as needed) with a timeout (`--timeout`, default
  120 s). The folders of the document's project that hold classes or
  packages are on XeLaTeX's search path, and so is `--texinputs
  DIR/<owner>__<repo>` (for the classes a corpus folder lacks, e.g. a
  journal's `.cls`). No PDF: "xelatex failed". XeLaTeX's PDFs are cached by the hash of
  what went into them (`--cache`, default target/differential; `--no-cache`).

and compares the two `pdftotext` texts:

* words: the share of XeLaTeX's words (NFKC, lowercase, punctuation and
  hyphens dropped, hyphenated line ends joined, CJK characters one word each)
  found in wita's text in the same order (difflib's matching blocks over the
  two word lists), and `bag`, the same share ignoring order (a low `words`
  with a high `bag` is text in another order, e.g. floats placed elsewhere).
  wita adds the journal's title block and licence box, and prints the
  entry's title and authors instead of the document's `\\maketitle`, so the
  title block's words count as missing: the measure is coverage, not
  equality.
* refs: the printed cross-references and citations — `Figure 3`, `Fig. 3`,
  `Table 2`, `Section 4.1`, `Algorithm 1`, `Theorem 2`, `Eq. (5)`,
  `Appendix A`, `[12]`, `[3,4]`, `[1–5]`, `[Knu86]`, `(Smith et al., 2020)`,
  `Smith (2020)` — as a multiset: the share of XeLaTeX's found in wita's
  (spaces inside brackets ignored, dashes unified). A caption's label at a
  line start (`Figure 1.`, `Fig. 2.1 Title`, `TABLE IV`, `Algorithm 1
  Title`) is its float, counted below, not a reference; and `??`, the
  unresolved references and citations, counted apart (XeLaTeX/wita: a `??`
  in XeLaTeX's text is XeLaTeX's own failure, e.g. its bibliography run).
* counts: figures and tables (distinct numbers of caption lines `Figure N:`,
  `Fig. N.`, `Fig. N Title`, `Table N:`, `TABLE IV`), equations (distinct `(N)` at line
  ends, years excluded), algorithms (`Algorithm N` at a line start), pages
  (pdfinfo; wita's article pages only), and footnotes counted in the source
  (`\\footnote`, `\\footnotetext`; a PDF's text cannot show them).

Prints a table (xelatex/wita ok?, words %, bag %, refs %, and the counts as
xelatex/wita) with totals; `--json FILE` dumps every measure with the
missing references; `--markdown FILE` writes the table as Markdown (as in
tests/corpus/DIFFERENTIAL.md); `--show` prints, per document, the
references XeLaTeX printed and wita did not, and the ones only wita printed.
The texts and PDFs of the last run are kept in the cache folder
(`<name>.xelatex.txt`, `<name>.wita.txt`, …) for a closer look.

Not part of `cargo test`. Needs Python 3 and, on Debian/Ubuntu:

    apt-get install --no-install-recommends texlive-xetex texlive-latex-extra \\
        texlive-science texlive-pictures texlive-bibtex-extra biber \\
        texlive-lang-cjk texlive-lang-chinese texlive-lang-japanese \\
        texlive-fonts-recommended texlive-plain-generic texlive-publishers \\
        tex-gyre fonts-texgyre lmodern fonts-noto-cjk poppler-utils latexmk

The classes the corpus folders lack (journals' and theses' `.cls` files)
go in `--texinputs DIR`, one folder per project (`DIR/<owner>__<repo>/`),
taken from each project's own repository at the commit SOURCES.md names;
`tests/corpus/DIFFERENTIAL-CLASSES.txt` lists every file and where it
comes from.

and a wita binary (`--wita PATH`; default target/release/wita, then
target/debug/wita).
"""

import argparse
import base64
import concurrent.futures
import datetime
import difflib
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = [ROOT.parent / "shared/corpus/realworld", ROOT / "tests/corpus"]
IMAGE_EXTENSIONS = {".pdf", ".png", ".jpg", ".jpeg", ".svg", ".eps", ".gif", ".tif", ".tiff"}

# ---- Finding the documents (as corpus.rs) -----------------------------------


def main_files(corpus):
    out = []
    for dirpath, dirnames, filenames in os.walk(corpus):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if path.suffix == ".tex":
                try:
                    text = path.read_text(encoding="utf-8", errors="replace")
                except OSError:
                    continue
                if is_main_file(text):
                    out.append(path)
    return sorted(out)


def is_main_file(text):
    """corpus.rs's rule: `\\documentclass` then `\\begin{document}`, outside
    comments, and not inside a verbatim example."""
    lines = []
    for line in text.split("\n"):
        end = len(line)
        for i, c in enumerate(line):
            if c == "%" and (i == 0 or line[i - 1] != "\\"):
                end = i
                break
        lines.append(line[:end])
    code = "\n".join(lines)
    cls = code.find("\\documentclass")
    if cls < 0:
        return False
    starts = [code.find(v) for v in ("\\begin{lstlisting", "\\begin{verbatim", "\\begin{minted",
                                     "\\begin{Verbatim", "\\begin{code")]
    starts = [v for v in starts if v >= 0]
    return (not starts or min(starts) > cls) and "\\begin{document}" in code[cls:]


def project_root(corpus, main):
    rel = main.relative_to(corpus)
    return corpus / rel.parts[0]


# ---- The scratch entry (as corpus.rs) ---------------------------------------

ISSUE = "\\setdocmetadata{0000}{000000}{1}\n\\begin{document}\n\\importarticle{a}\n\\end{document}\n"
INFO = (
    '[[article]]\nid = "a"\ntitle = "Corpus article"\nauthors = ["Someone Else"]\n'
    'authors_simple = "Someone Else"\nemail = "a@example.org"\ndate = "2025-01-01"\n'
    'license = "CC BY 4.0"\nabstract = """\nA corpus article.\n"""\n'
)
HEADER = (
    "\\setentryid{a}\n\\setprimarytag{Corpus}\n"
    "\\stdarticle{Corpus article}{\\authorrow{Someone Else}{}}{2025-01-01}\n"
    "\\articlecopyrightinfo{CC BY 4.0}\n"
)


def read(path):
    return Path(path).read_text(encoding="utf-8", errors="replace")


def copy_folder(src, dst, images):
    """The whole folder, images only when asked for."""
    for entry in sorted(Path(src).iterdir()):
        target = Path(dst) / entry.name
        if entry.is_dir():
            if entry.name in (".git",):
                continue
            target.mkdir(parents=True, exist_ok=True)
            copy_folder(entry, target, images)
        elif entry.is_file() and (images or entry.suffix.lower() not in IMAGE_EXTENSIONS):
            shutil.copyfile(entry, target)


def wrap(text):
    at = text.find("\\begin{document}")
    if at < 0:
        return HEADER + text
    end = at + len("\\begin{document}")
    return text[:end] + "\n" + HEADER + text[end:]


def find_file(directory, name):
    direct = Path(directory) / name
    if direct.is_file():
        return direct
    try:
        entries = sorted(Path(directory).iterdir())
    except OSError:
        return None
    for entry in entries:
        if entry.is_dir():
            found = find_file(entry, name)
            if found:
                return found
    return None


def bib_names(text, stem):
    """The .bib files `\\addbibresource` and `\\bibliography` name, in order."""
    names = []
    for command in ("\\addbibresource", "\\bibliography"):
        rest = text
        while True:
            at = rest.find(command)
            if at < 0:
                break
            rest = rest[at + len(command):]
            letters = len(rest) - len(rest.lstrip("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"))
            if letters > 0 and (command == "\\addbibresource" or rest.startswith("style")):
                continue
            after = rest[letters:].lstrip()
            if after.startswith("["):
                close = after.find("]")
                if close >= 0:
                    after = after[close + 1:]
            if after.startswith("{") and "}" in after:
                arg = after[1:after.index("}")]
                for name in arg.split(","):
                    name = name.strip().replace("\\jobname", stem)
                    if not name.endswith(".bib"):
                        name += ".bib"
                    if name not in names:
                        names.append(name)
    return names


def written_bibs(text, stem):
    """The .bib files the document writes with `filecontents`, and their text."""
    written, out = [], ""
    rest = text
    while True:
        at = rest.find("\\begin{filecontents")
        if at < 0:
            break
        rest = rest[at:]
        end = rest.find("\\end{filecontents")
        if end < 0:
            break
        block = rest[:end]
        nl = block.find("\n")
        if nl >= 0 and ".bib}" in block[:nl]:
            line = block[:nl]
            file = line[: line.rfind(".bib}")].rsplit("{", 1)[-1].replace("\\jobname", stem)
            written.append(file + ".bib")
            out += block[nl:] + "\n"
        rest = rest[end + 1:]
    return written, out


INPUT = re.compile(r"\\(?:input|include|subfile)\s*\{([^}]+)\}")


def with_inputs(text, directory, depth=0):
    """The text and, after it, the files it `\\input`s from its folder (a
    `\\bibliography` is often in one)."""
    out = text
    if depth > 4:
        return out
    for name in INPUT.findall(strip_comments(text)):
        name = name.strip()
        path = Path(directory) / name
        if not path.is_file():
            path = Path(directory) / (name + ".tex")
        if path.is_file():
            out += "\n" + with_inputs(read(path), directory, depth + 1)
    return out


def bibliography(text, stem, directory, project):
    text = with_inputs(text, directory)
    written, out = written_bibs(text, stem)
    for name in bib_names(text, stem):
        if name in written:
            continue
        path = find_file(directory, name) or find_file(project, name)
        if path:
            out += read(path) + "\n"
    return out


def strip_comments(text):
    out = []
    for line in text.splitlines(keepends=True):
        i, cut = 0, len(line)
        while i < len(line):
            c = line[i]
            if c == "\\":
                i += 1
            elif c == "%":
                cut = i
                break
            i += 1
        out.append(line[:cut])
        if cut < len(line) and line.endswith("\n"):
            out.append("\n")
    return "".join(out)


def collect_tex(directory):
    out = []
    for dirpath, _, filenames in os.walk(directory):
        for name in sorted(filenames):
            if name.endswith(".tex"):
                out.append(read(Path(dirpath) / name))
    return out


def blank_png():
    return bytes([
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90,
        0x77, 0x53, 0xDE, 0x00, 0x00, 0x00, 0x0C, 0x49, 0x44, 0x41, 0x54, 0x08, 0xD7, 0x63, 0xF8,
        0xFF, 0xFF, 0x3F, 0x00, 0x05, 0xFE, 0x02, 0xFE, 0xDC, 0xCC, 0x59, 0xE7, 0x00, 0x00, 0x00,
        0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ])


def blank_pdf(contents=False):
    """corpus.rs's one-page blank PDF; with `contents`, the same page with an
    empty content stream, which xdvipdfmx needs (it stops at a page without)."""
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 60] /Resources << >> >>",
    ]
    if contents:
        objects[2] = objects[2][:-2] + "/Contents 4 0 R >>"
        objects.append("<< /Length 0 >>\nstream\n\nendstream")
    out = "%PDF-1.4\n"
    offsets = []
    for i, obj in enumerate(objects):
        offsets.append(len(out))
        out += f"{i + 1} 0 obj\n{obj}\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n"
    for offset in offsets:
        out += f"{offset:010} 00000 n \n"
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return out.encode()


def stub_bytes(file, xelatex=False):
    ext = Path(file).suffix.lower()
    if ext == ".tex":
        return b""
    if ext == ".svg":
        return b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'
    if ext == ".pdf":
        return blank_pdf(contents=xelatex)
    if ext in (".jpg", ".jpeg"):
        # Read as JPEG by both (corpus.rs's stub is this JPEG too).
        return BLANK_JPEG
    return blank_png()


# An 8×8 grey JPEG (corpus.rs's BLANK_JPEG).
BLANK_JPEG = base64.b64decode(
    "/9j/2wBDAAEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQH/wAALCAAIAAgBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAAAP/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AP//Z"
)


def stub_missing_files(entry, xelatex=False):
    """Stubs the images and inputs the folder lacks (corpus.rs's rules)."""
    entry = Path(entry)
    stubs = []
    for text in collect_tex(entry):
        text = strip_comments(text)
        for command, extensions in (
            ("\\includegraphics", ["pdf", "png", "jpg", "jpeg", "svg"]),
            # pdfpages' pages.
            ("\\includepdf", ["pdf"]),
            ("\\input", ["tex"]),
            ("\\include", ["tex"]),
            # Files read as written: an empty one stands in.
            ("\\VerbatimInput", []),
            ("\\verbatiminput", []),
            ("\\lstinputlisting", []),
        ):
            rest = text
            while True:
                at = rest.find(command)
                if at < 0:
                    break
                rest = rest[at + len(command):]
                if rest[:1].isascii() and rest[:1].isalpha():
                    continue
                # `\includegraphics*[..]` and an argument on the next line.
                after = rest.lstrip()
                if after.startswith("*"):
                    after = after[1:].lstrip()
                if after.startswith("["):
                    opt = after[1:]
                    after = (opt.split("]", 1)[1] if "]" in opt else opt).lstrip()
                if not after.startswith("{") or "}" not in after[1:]:
                    continue
                arg = after[1:].split("}", 1)[0].strip()
                if not arg or "\\" in arg or "#" in arg:
                    continue
                suffix = Path(arg).suffix[1:].lower()
                has_ext = not extensions or suffix in extensions
                if has_ext:
                    exists = (entry / arg).is_file()
                else:
                    exists = any((entry / f"{arg}.{e}").is_file() for e in extensions)
                if exists:
                    continue
                file = arg if has_ext else f"{arg}.{'tex' if extensions[0] == 'tex' else 'png'}"
                path = entry / file
                try:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(stub_bytes(file, xelatex) if extensions else b"")
                except OSError:
                    continue
                stubs.append(file)
    return stubs


# ---- Running things ---------------------------------------------------------


def run(cmd, cwd, timeout, env=None):
    """Runs cmd in its own process group; kills the group on timeout.
    Returns (returncode or None on timeout, stdout, stderr)."""
    proc = subprocess.Popen(
        cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL, start_new_session=True, env=env,
    )
    try:
        out, err = proc.communicate(timeout=timeout)
        return proc.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        out, err = proc.communicate()
        return None, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")


def pdftotext(pdf, first=None, last=None):
    cmd = ["pdftotext", "-enc", "UTF-8"]
    if first:
        cmd += ["-f", str(first), "-l", str(last)]
    code, out, _ = run(cmd + [str(pdf), "-"], None, 120)
    return out if code == 0 else ""


def page_count(pdf):
    code, out, _ = run(["pdfinfo", str(pdf)], None, 60)
    for line in out.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return None


def safe_name(name):
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name)


def folder_hash(directory, extra):
    h = hashlib.sha256(extra.encode())
    for dirpath, dirnames, filenames in os.walk(directory):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            h.update(str(path.relative_to(directory)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def build_xelatex(doc, args, cache):
    """XeLaTeX's PDF of the document: (status, pdf path or None, seconds)."""
    corpus, main = doc["corpus"], doc["main"]
    started = time.time()
    with tempfile.TemporaryDirectory(prefix="difx-") as tmp:
        work = Path(tmp) / "doc"
        work.mkdir()
        folder = main.parent
        copy_folder(folder, work, args.real_images)
        text = read(main)
        project = project_root(corpus, main)
        written, _ = written_bibs(text, main.stem)
        for name in bib_names(text, main.stem):
            if name in written or (work / name).is_file():
                continue
            found = find_file(folder, name) or find_file(project, name)
            if found:
                (work / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(found, work / name)
        stub_missing_files(work, xelatex=True)
        key = folder_hash(work, f"{main.name}|{args.timeout}|v1|{support_dirs(project, args.texinputs, folder)}")
        cached = cache / (safe_name(doc["name"]) + ".xelatex.pdf") if cache else None
        key_file = cache / (safe_name(doc["name"]) + ".xelatex.key") if cache else None
        if cached and cached.is_file() and key_file.is_file() and key_file.read_text() == key \
                and page_count(cached) is not None:
            return "ok", cached, 0.0
        marker = cache / (safe_name(doc["name"]) + ".xelatex.key") if cache else None
        cmd = [
            "latexmk", "-xelatex", "-f", "-interaction=nonstopmode", "-file-line-error",
            "-e", "$max_repeat=6", main.name,
        ]
        env = dict(os.environ)
        support = support_dirs(project, args.texinputs, folder)
        if support:
            env["TEXINPUTS"] = ".:" + ":".join(support) + ":"
            env["BSTINPUTS"] = env["TEXINPUTS"]
        code, out, err = run(cmd, work, args.timeout, env)
        pdf = work / (main.stem + ".pdf")
        valid = pdf.is_file() and page_count(pdf) is not None
        status = "ok" if valid else ("timeout" if code is None else "failed")
        if code is None and status == "ok":
            status = "ok(timeout)"
        if cache:
            log = work / (main.stem + ".log")
            if log.is_file():
                shutil.copyfile(log, cache / (safe_name(doc["name"]) + ".xelatex.log"))
        if not status.startswith("ok"):
            if cached and cached.exists():
                cached.unlink()
            return status, None, time.time() - started
        if cache:
            shutil.copyfile(pdf, cached)
            marker.write_text(key)
            return status, cached, time.time() - started
        keep = Path(tempfile.mkdtemp(prefix="difx-pdf-")) / "x.pdf"
        shutil.copyfile(pdf, keep)
        return status, keep, time.time() - started


SUPPORT_EXTENSIONS = {".cls", ".sty", ".bst", ".bbx", ".cbx", ".lbx", ".def", ".cfg", ".clo", ".fd"}


def support_dirs(project, texinputs, folder):
    """The folders XeLaTeX should also search: the ones of the document's
    project that hold classes and packages (the document's own folder comes
    first anyway), and `--texinputs DIR/<project>` (recursively)."""
    out = []
    for dirpath, dirnames, filenames in os.walk(project):
        dirnames.sort()
        if any(Path(f).suffix in SUPPORT_EXTENSIONS for f in filenames):
            out.append(dirpath)
    for extra in texinputs:
        candidate = Path(extra) / Path(project).name
        if candidate.is_dir():
            own = candidate / Path(folder).relative_to(project)
            if own.is_dir() and own != candidate:
                out.append(str(own.resolve()))
            out.append(str(candidate.resolve()) + "//")
    return out


PAGES_LINE = re.compile(r"WITA\.\S+\s+a\s+pages\s+(\d+)-(\d+)")


def build_wita(doc, args, cache):
    """wita's article: (status, text, pages, seconds, first error line)."""
    corpus, main = doc["corpus"], doc["main"]
    started = time.time()
    with tempfile.TemporaryDirectory(prefix="difw-") as tmp:
        journal = Path(tmp)
        entry = journal / "issue/0000/000000.tex.d/entry/a"
        entry.mkdir(parents=True)
        (journal / "issue/0000/000000.tex").write_text(ISSUE)
        (entry / "info.toml").write_text(INFO)
        folder = main.parent
        # What XeLaTeX gets: the folder without its images (both sides get
        # the same stubs), `--real-images` with them.
        copy_folder(folder, entry, args.real_images)
        text = read(main)
        (entry / "main.tex").write_text(wrap(text))
        (entry / "cite.bib").write_text(bibliography(text, main.stem, folder, project_root(corpus, main)))
        stub_missing_files(entry)
        code, out, err = run(
            [str(args.wita), "--color", "never", "build", "issue/0000/000000.tex", "-o", "out.pdf"],
            journal, args.wita_timeout,
        )
        seconds = time.time() - started
        pdf = journal / "out.pdf"
        first_error = ""
        for line in err.splitlines():
            if line.startswith("error"):
                first_error = line.strip()
                break
        if code is None:
            return "timeout", "", None, seconds, first_error
        if not pdf.is_file():
            return "failed", "", None, seconds, first_error or f"exit {code}"
        m = PAGES_LINE.search(out)
        if m:
            first, last = int(m.group(1)), int(m.group(2))
        else:
            first, last = 1, page_count(pdf) or 1
        if cache:
            shutil.copyfile(pdf, cache / (safe_name(doc["name"]) + ".wita.pdf"))
            (cache / (safe_name(doc["name"]) + ".wita.log")).write_text(out + err)
        status = "ok" if code == 0 else "errors"
        return status, pdftotext(pdf, first, last), last - first + 1, seconds, first_error


# ---- Comparing ---------------------------------------------------------------

HYPHEN_BREAK = re.compile(r"(\w)[-\u00ad\u2010\u2011]\s*\n\s*(?=\w)")
DROP = set("-\u00ad\u2010\u2011'\u2019\u2018\u02bc")


def normalise(text):
    text = unicodedata.normalize("NFKC", text)
    text = HYPHEN_BREAK.sub(r"\1", text)
    return text


def words(text):
    out = []
    buf = []
    for c in normalise(text).lower():
        if c in DROP:
            continue
        cat = unicodedata.category(c)
        if cat[0] in "LNM":
            if cat[0] == "L" and unicodedata.east_asian_width(c) in "WF":
                if buf:
                    out.append("".join(buf))
                    buf = []
                out.append(c)
            else:
                buf.append(c)
        elif buf:
            out.append("".join(buf))
            buf = []
    if buf:
        out.append("".join(buf))
    return out


def ordered_coverage(ref, other):
    if not ref:
        return 0
    sm = difflib.SequenceMatcher(None, ref, other, autojunk=False)
    return sum(block.size for block in sm.get_matching_blocks())


def bag_coverage(ref, other):
    return sum((Counter(ref) & Counter(other)).values())


NUM = r"(?:\d+(?:\.\d+)*[a-z]?|[A-Z](?:\.\d+)*)(?![\w])"
REF_WORD = (
    r"(?i:figures?|figs?\.|tables?|tabs?\.|sections?|secs?\.|sects?\.|§|chapters?|chaps?\.|"
    r"appendix|appendices|app\.|algorithms?|algs?\.|theorems?|thms?\.|lemmas?|lemmata|"
    r"definitions?|defs?\.|corollary|corollaries|cors?\.|propositions?|props?\.|remarks?|"
    r"examples?|listings?|conjectures?|claims?|assumptions?|exercises?|problems?|parts?|"
    r"equations?|eqs?\.|eqns?\.)"
)
REF_PATTERNS = [
    # Table 3, Figure 2.1, Section 4.1.2, Appendix A, Eq. (5), Equation 5
    ("xref", re.compile(r"(?<![\w.])" + REF_WORD + r"[\s~]*(\(" + NUM + r"\)|" + NUM + r")(?!\s*:)")),
    # [12], [3, 4], [1–5], [12, p. 3]
    ("cite", re.compile(r"\[\s*\d{1,4}[a-z]?(?:\s*[,;–—-]\s*\d{1,4}[a-z]?)*(?:,\s*p{1,2}\.\s*[\d–-]+)?\s*\]")),
    # [Knu86], [GMS94, Lam94]
    ("cite", re.compile(
        r"\[\s*[A-Z][A-Za-z+\-]{0,8}\d{2,4}[a-z]?(?:\s*[,;]\s*[A-Z][A-Za-z+\-]{0,8}\d{2,4}[a-z]?)*\s*\]")),
]
UNDEFINED = re.compile(r"\?\?")
PAREN_AUTHOR_YEAR = re.compile(r"\(([^()]{2,300}?)\)")
AUTHOR_YEAR_SEGMENT = re.compile(
    r"^(?:(?:see|e\.g\.,?|cf\.|i\.e\.,?)\s+)?([A-Z\u00C0-\u024F][^;]*?,?\s+(?:1[89]|20)\d\d[a-z]?)(?:,\s*[^;]*)?$")
TEXTUAL_AUTHOR_YEAR = re.compile(
    r"(?<![\w])([A-Z\u00C0-\u024F][\w'’\-]+(?:\s+(?:et\s+al\.|and\s+[A-Z][\w'’\-]+|&\s+[A-Z][\w'’\-]+))?)"
    r"\s+\(((?:1[89]|20)\d\d[a-z]?)\)")


def ref_key(kind, s):
    s = re.sub(r"\s+", " ", s.replace("~", " ")).strip()
    if kind == "cite":
        s = re.sub(r"\s+", "", s)
        s = re.sub(r"[—-]", "–", s)
    return s


AUTHOR_YEAR_KEY = re.compile(r"(?:1[89]|20)\d\d[a-z]?\)?$")


def is_citation(key):
    """A printed citation (`[12]`, `(Smith 2020)`), not a cross-reference."""
    return key.startswith("[") or bool(AUTHOR_YEAR_KEY.search(key))


# A float's caption label at a line start — `Figure 3:`, `Fig. 2.1.`, `Table
# 3.1 A badly…`, `TABLE IV`, `Algorithm 1 Training` — is the float, counted
# apart (figs, tables, algs), not a reference to it: classes differ in the
# label's punctuation (`Figure 1.` in AASTeX, `Fig. 2.1` with no colon in
# some theses, `Figure 1:` in wita's house style). A label and its stop
# alone at a line's end (`as shown in⏎Figure 1.`) ends a sentence instead.
CAPTION_LABEL = re.compile(
    r"^[ \t]*(?:Figure|Fig\.|FIGURE|FIG\.|Table|TABLE|Algorithm|ALGORITHM)[ \t]*"
    r"(?:\d+(?:[.\-–]\d+)*|[IVXLC]+)(?:[ \t]*[:.|](?=[ \t]*\S)|[ \t]+(?=[A-Z(])|[ \t]*$)", re.M)


def refs(text):
    text = CAPTION_LABEL.sub("", normalise(text))
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " ")
    flat = re.sub(r"\s+", " ", text)
    out = Counter()
    for kind, pattern in REF_PATTERNS:
        for m in pattern.finditer(flat):
            out[ref_key(kind, m.group(0))] += 1
    for m in PAREN_AUTHOR_YEAR.finditer(flat):
        for segment in m.group(1).split(";"):
            seg = AUTHOR_YEAR_SEGMENT.match(segment.strip())
            if seg:
                out["(" + re.sub(r"\s+", " ", seg.group(1)) + ")"] += 1
    for m in TEXTUAL_AUTHOR_YEAR.finditer(flat):
        out[re.sub(r"\s+", " ", m.group(1)) + " (" + m.group(2) + ")"] += 1
    return out


CAPTION_NUMBER = r"(\d+(?:[.\-–]\d+)*)"
FIG_CAPTION = re.compile(
    r"^\s*(?:(?:Figure|Fig\.|FIGURE|FIG\.|Abbildung|Abb\.)\s*" + CAPTION_NUMBER
    + r"(?:\s*[:.|]|[ \t]+(?=[A-Z]))|图\s*" + CAPTION_NUMBER + ")",
    re.M)
TABLE_CAPTION = re.compile(
    r"^\s*(?:(?:Table|TABLE|Tabelle)\s*(\d+(?:[.\-–]\d+)*|[IVXLC]+)(?:\s*(?:[:.|]|$)|[ \t]+(?=[A-Z]))|表\s*"
    + CAPTION_NUMBER + ")",
    re.M)
EQ_NUMBER = re.compile(r"\((\d+(?:\.\d+)*[a-z]?)\)[ \t]*$", re.M)
ALGORITHM = re.compile(r"^\s*Algorithm\s*(\d+)", re.M)


def counts(text):
    text = normalise(text)
    eqs = {n for n in EQ_NUMBER.findall(text) if not re.fullmatch(r"(1[5-9]|20)\d\d[a-z]?", n)}
    return {
        "figures": len({m.group(1) or m.group(2) for m in FIG_CAPTION.finditer(text)}),
        "tables": len({m.group(1) or m.group(2) for m in TABLE_CAPTION.finditer(text)}),
        "equations": len(eqs),
        "algorithms": len(set(ALGORITHM.findall(text))),
    }


def source_footnotes(main):
    """`\\footnote`s in the document and the .tex files of its folder it may input."""
    n = len(re.findall(r"\\footnote(?:text)?(?![A-Za-z])", strip_comments(read(main))))
    for path in main.parent.rglob("*.tex"):
        if path != main:
            text = strip_comments(read(path))
            if "\\begin{document}" not in text:
                n += len(re.findall(r"\\footnote(?:text)?(?![A-Za-z])", text))
    return n


def compare(doc, args, cache):
    result = {"name": doc["name"], "footnotes_source": source_footnotes(doc["main"])}
    xstatus, xpdf, xsec = build_xelatex(doc, args, cache)
    result["xelatex"] = xstatus
    result["xelatex_seconds"] = round(xsec, 1)
    if args.xelatex_only:
        wstatus, wtext, wpages, wsec, werror = "skipped", "", None, 0.0, ""
    else:
        wstatus, wtext, wpages, wsec, werror = build_wita(doc, args, cache)
    result["wita"] = wstatus
    result["wita_seconds"] = round(wsec, 1)
    result["wita_error"] = werror
    result["wita_pages"] = wpages
    result["wita_counts"] = counts(wtext) if wtext else None
    if xpdf is None:
        return result
    xtext = pdftotext(xpdf)
    result["xelatex_pages"] = page_count(xpdf)
    result["xelatex_counts"] = counts(xtext)
    if cache:
        stem = cache / safe_name(doc["name"])
        Path(str(stem) + ".xelatex.txt").write_text(xtext)
        Path(str(stem) + ".wita.txt").write_text(wtext)
    xw, ww = words(xtext), words(wtext)
    result["words_total"] = len(xw)
    result["words_matched"] = ordered_coverage(xw, ww) if ww else 0
    result["words_bag"] = bag_coverage(xw, ww)
    xr, wr = refs(xtext), refs(wtext)
    result["refs_total"] = sum(xr.values())
    result["refs_matched"] = sum((xr & wr).values())
    # Cross-references alone: citations' numbers follow the journal's house
    # style (numeric, `sorting=ynt`), not the document's own.
    xx = Counter({k: v for k, v in xr.items() if not is_citation(k)})
    wx = Counter({k: v for k, v in wr.items() if not is_citation(k)})
    result["xrefs_total"] = sum(xx.values())
    result["xrefs_matched"] = sum((xx & wx).values())
    result["refs_missing"] = dict(sorted((xr - wr).items()))
    result["refs_extra"] = dict(sorted((wr - xr).items()))
    result["undefined"] = [len(UNDEFINED.findall(xtext)), len(UNDEFINED.findall(wtext))]
    return result


# ---- Reporting ---------------------------------------------------------------


def pct(a, b):
    return "—" if not b else f"{100.0 * a / b:.1f}"


def xw(result, key):
    x = (result.get("xelatex_counts") or {}).get(key)
    w = (result.get("wita_counts") or {}).get(key)
    return f"{'—' if x is None else x}/{'—' if w is None else w}"


COLUMNS = ["document", "xelatex", "wita", "words %", "bag %", "refs %", "??", "figs", "tables", "eqs", "algs",
           "fn(src)", "pages"]


def row(r):
    words_cell = pct(r.get("words_matched", 0), r.get("words_total")) if "words_total" in r else "—"
    bag_cell = pct(r.get("words_bag", 0), r.get("words_total")) if "words_total" in r else "—"
    refs_cell = (f"{pct(r['refs_matched'], r['refs_total'])} ({r['refs_matched']}/{r['refs_total']})"
                 if r.get("refs_total") else "—")
    pages = f"{r.get('xelatex_pages') or '—'}/{r.get('wita_pages') or '—'}"
    undefined = "/".join(map(str, r["undefined"])) if "undefined" in r else "—"
    return [r["name"], r["xelatex"], r["wita"], words_cell, bag_cell, refs_cell, undefined,
            xw(r, "figures"), xw(r, "tables"), xw(r, "equations"), xw(r, "algorithms"),
            str(r["footnotes_source"]), pages]


def totals(results):
    # Both built: a document wita cannot build is counted apart, not as 0%.
    compared = [r for r in results if "words_total" in r and r.get("wita_counts") is not None]
    t = {
        "documents": len(results),
        "xelatex_ok": sum(1 for r in results if r["xelatex"].startswith("ok")),
        "wita_ok": sum(1 for r in results if r["wita"] == "ok"),
        "wita_errors": sum(1 for r in results if r["wita"] == "errors"),
        "wita_failed": sum(1 for r in results if r["wita"] in ("failed", "timeout")),
        "compared": len(compared),
        "words_matched": sum(r["words_matched"] for r in compared),
        "words_bag": sum(r["words_bag"] for r in compared),
        "words_total": sum(r["words_total"] for r in compared),
        "refs_matched": sum(r["refs_matched"] for r in compared),
        "refs_total": sum(r["refs_total"] for r in compared),
        "xrefs_matched": sum(r.get("xrefs_matched", 0) for r in compared),
        "xrefs_total": sum(r.get("xrefs_total", 0) for r in compared),
    }
    for key in ("figures", "tables", "equations", "algorithms"):
        both = [r for r in compared if r.get("wita_counts")]
        t[key + "_equal"] = sum(1 for r in both if r["xelatex_counts"][key] == r["wita_counts"][key])
        t[key + "_x"] = sum(r["xelatex_counts"][key] for r in both)
        t[key + "_w"] = sum(r["wita_counts"][key] for r in both)
    both = [r for r in compared if r.get("wita_pages") and r.get("xelatex_pages")]
    t["pages_x"] = sum(r["xelatex_pages"] for r in both)
    t["pages_w"] = sum(r["wita_pages"] for r in both)
    t["pages_equal"] = sum(1 for r in both if r["xelatex_pages"] == r["wita_pages"])
    t["pages_compared"] = len(both)
    return t


def totals_row(t, results):
    c = t["compared"]
    compared = [r for r in results if "undefined" in r and r.get("wita_counts") is not None]
    return [
        f"TOTAL ({t['documents']} documents, {c} built by both)",
        f"{t['xelatex_ok']} ok", f"{t['wita_ok']} ok, {t['wita_errors']} err, {t['wita_failed']} failed",
        pct(t["words_matched"], t["words_total"]), pct(t["words_bag"], t["words_total"]),
        f"{pct(t['refs_matched'], t['refs_total'])} ({t['refs_matched']}/{t['refs_total']})",
        f"{sum(r['undefined'][0] for r in compared)}/{sum(r['undefined'][1] for r in compared)}",
        *[f"{t[k + '_x']}/{t[k + '_w']} (= in {t[k + '_equal']})" for k in ("figures", "tables", "equations", "algorithms")],
        "",
        f"{t['pages_x']}/{t['pages_w']} (= in {t['pages_equal']})",
    ]


def print_table(rows):
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        print("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(r, widths))))


def markdown(rows):
    out = ["| " + " | ".join(rows[0]) + " |", "|" + "|".join(["---"] + ["--:"] * (len(rows[0]) - 1)) + "|"]
    for r in rows[1:]:
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in r) + " |")
    return "\n".join(out)


def default_wita():
    for candidate in (ROOT / "target/release/wita", ROOT / "target/debug/wita"):
        if candidate.is_file():
            return candidate
    return ROOT / "target/release/wita"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wita", type=Path, default=None, help="the wita binary")
    parser.add_argument("--filter", action="append", default=[],
                        help="only documents whose name contains SUBSTR (repeatable: any of them)")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--json", type=Path, help="dump every measure to FILE")
    parser.add_argument("--markdown", type=Path, help="write the table as Markdown to FILE")
    parser.add_argument("--show", action="store_true", help="print the references that differ")
    parser.add_argument("--timeout", type=int, default=120, help="seconds per XeLaTeX build (latexmk)")
    parser.add_argument("--wita-timeout", type=int, default=600, help="seconds per wita build")
    parser.add_argument("--real-images", action="store_true",
                        help="give XeLaTeX the document's own images (default: the same stubs as wita)")
    parser.add_argument("--cache", type=Path, default=ROOT / "target/differential",
                        help="where XeLaTeX's PDFs (by input hash), both texts and logs are kept")
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--texinputs", action="append", default=[], type=Path,
                        help="a folder of <owner>__<repo>/ folders with the classes and packages a "
                             "project's documents need and the corpus does not keep (searched by XeLaTeX)")
    parser.add_argument("--xelatex-only", action="store_true",
                        help="only build with XeLaTeX (fills the cache; no wita needed)")
    args = parser.parse_args()
    args.wita = (args.wita or default_wita()).resolve()
    if not args.wita.is_file() and not args.xelatex_only:
        sys.exit(f"no wita binary at {args.wita} (build it, or pass --wita PATH)")
    for tool in ("latexmk", "xelatex", "pdftotext", "pdfinfo"):
        if not shutil.which(tool):
            sys.exit(f"`{tool}` is not installed (see the apt-get line in {sys.argv[0]}'s docstring)")
    cache = None if args.no_cache else args.cache.resolve()
    if cache:
        cache.mkdir(parents=True, exist_ok=True)

    docs = []
    for corpus in CORPORA:
        if not corpus.is_dir():
            print(f"skipped: {corpus} is not on this machine", file=sys.stderr)
            continue
        corpus = corpus.resolve()
        for main_file in main_files(corpus):
            name = str(main_file.relative_to(corpus))
            if args.filter and not any(f in name for f in args.filter):
                continue
            docs.append({"corpus": corpus, "main": main_file, "name": name})
    if not docs:
        sys.exit("no documents match")

    started = time.time()
    results = []

    def one(doc):
        try:
            return compare(doc, args, cache)
        except Exception as e:  # a broken document must not stop the run
            return {"name": doc["name"], "xelatex": "error", "wita": "error", "footnotes_source": 0,
                    "exception": repr(e)}

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = {pool.submit(one, d): d for d in docs}
        for i, future in enumerate(concurrent.futures.as_completed(futures), 1):
            r = future.result()
            results.append(r)
            extra = f"  {r['exception']}" if "exception" in r else ""
            print(f"[{i}/{len(docs)}] {r['name']}: xelatex {r['xelatex']} "
                  f"({r.get('xelatex_seconds', 0)} s), wita {r['wita']} ({r.get('wita_seconds', 0)} s){extra}",
                  file=sys.stderr, flush=True)
    results.sort(key=lambda r: r["name"])
    elapsed = time.time() - started

    rows = [COLUMNS] + [row(r) for r in results]
    t = totals(results)
    rows.append(totals_row(t, results))
    print_table(rows)
    print(f"{len(results)} documents in {elapsed:.0f} s")
    print(f"cross-references alone: {pct(t['xrefs_matched'], t['xrefs_total'])} ({t['xrefs_matched']}/{t['xrefs_total']})")
    if args.show:
        for r in results:
            if r.get("refs_missing") or r.get("refs_extra") or r.get("wita_error"):
                print(f"\n{r['name']}:")
                if r.get("wita_error"):
                    print(f"  wita: {r['wita_error']}")
                if r.get("refs_missing"):
                    print("  only XeLaTeX:", ", ".join(f"{k}×{v}" if v > 1 else k for k, v in r["refs_missing"].items()))
                if r.get("refs_extra"):
                    print("  only wita:   ", ", ".join(f"{k}×{v}" if v > 1 else k for k, v in r["refs_extra"].items()))
    if args.json:
        serial = [{k: v for k, v in r.items()} for r in results]
        args.json.write_text(json.dumps({
            "date": datetime.date.today().isoformat(),
            "command": " ".join(sys.argv),
            "seconds": round(elapsed),
            "totals": t,
            "documents": serial,
        }, indent=1, ensure_ascii=False))
    if args.markdown:
        command = "tools/differential.py " + " ".join(
            a if not a.startswith("/") else os.path.relpath(a, ROOT) for a in sys.argv[1:])
        failed = [r for r in results if not r["xelatex"].startswith("ok")]
        args.markdown.write_text(
            "# Differential test: XeLaTeX against wita\n\n"
            f"Made on {datetime.date.today().isoformat()} by `{command}` "
            f"({len(results)} documents in {elapsed / 60:.0f} min, wita `{os.path.relpath(args.wita, ROOT)}`). "
            "See the docstring of `tools/differential.py` for what each column measures: "
            "`words %` is the share of XeLaTeX's words found in wita's article in the same order, "
            "`bag %` the same without order, `refs %` the share of XeLaTeX's printed cross-references "
            "and citations that wita prints too; figs/tables/eqs/algs/pages are XeLaTeX/wita, "
            "fn(src) the footnotes in the source.\n\n"
            + markdown(rows) + "\n"
            + (f"\nCross-references alone (`Table 2`, `Section 3.1`, `(4)`; citations left out, "
               "since their numbers follow the journal's house style, numeric with `sorting=ynt`, "
               f"not the document's own): {pct(t['xrefs_matched'], t['xrefs_total'])} "
               f"({t['xrefs_matched']}/{t['xrefs_total']}).\n")
            + (("\nXeLaTeX made no PDF of: " + ", ".join(f"`{r['name']}`" for r in failed) + "\n") if failed else "")
            + "".join(
                f"\n- wita {r['wita']} on `{r['name']}`: {r.get('wita_error') or '?'}"
                for r in results if r["wita"] != "ok")
            + "\n"
        )


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The web edition's accessibility audit: builds the web pages, then audits them with axe-core.

    tools/axe-audit.py [--wita PATH] [--out DIR] [--only sample|journal|corpus]...
        [--filter SUBSTR]... [--no-build] [--jobs N] [-- AUDIT-OPTIONS...]

Builds with `wita build <issue> --html -o DIR` (the pages alone, no PDF):

* `sample`: the sample issue, `examples/journal`;
* `journal`: every issue of `../shared/wita-journal`, when present;
* `corpus`: every document of `tests/corpus` and, when present,
  `../shared/corpus/realworld`, each as the one article of a scratch issue,
  exactly as `tools/differential.py` (and `crates/wita/tests/corpus.rs`)
  builds it (missing images and inputs stubbed). A document wita cannot
  build is listed, not audited.

into `DIR/sample/<issue>/`, `DIR/journal/<issue>/` and
`DIR/corpus/{tests,realworld}/<document>/` (default `target/axe-audit`), then runs
`tools/axe/audit.mjs` over them: axe-core 4 with the rules tagged wcag2a,
wcag2aa, wcag21a, wcag21aa and best-practice, in Debian's Chromium through
playwright-core, at 1280 and 390 px wide. Each failing page names the rule
and its elements; the last lines count the violations per rule. Exits 1 when
a page has a violation. Options after `--` go to audit.mjs (`--nodes N`,
`--json FILE`, `--widths W,W`, `--screenshots DIR`).

Not part of `cargo test`. Needs Node.js, npm and Chromium, then the audit's
two packages (no browser is downloaded):

    apt-get install chromium nodejs npm
    (cd tools/axe && npm ci)

and a wita binary (`--wita PATH`; default target/release/wita, then
target/debug/wita).
"""

import argparse
import concurrent.futures
import importlib.util
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples/journal"
JOURNAL = ROOT.parent / "shared/wita-journal"

# The corpus documents are found and laid out as the differential test does.
_spec = importlib.util.spec_from_file_location("differential", ROOT / "tools/differential.py")
differential = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(differential)


def build(wita, journal, issue, out, timeout=600):
    """`wita build ISSUE --html -o OUT` in JOURNAL: (ok, first error line)."""
    if out.exists():
        shutil.rmtree(out)
    code, _, err = differential.run(
        [str(wita), "--color", "never", "build", str(issue), "--html", "-o", str(out), "-q"],
        journal, timeout,
    )
    first_error = next((line.strip() for line in err.splitlines() if line.startswith("error")), "")
    ok = code is not None and (out / "index.html").is_file()
    return ok, first_error or ("timeout" if code is None else f"exit {code}")


def issues(journal):
    return sorted((journal / "issue").glob("*/*.tex"))


def build_corpus_document(wita, doc, out):
    """The document as the one entry `a` of a scratch issue (differential.py's layout)."""
    corpus, main = doc["corpus"], doc["main"]
    with tempfile.TemporaryDirectory(prefix="axe-") as tmp:
        journal = Path(tmp)
        entry = journal / "issue/0000/000000.tex.d/entry/a"
        entry.mkdir(parents=True)
        (journal / "issue/0000/000000.tex").write_text(differential.ISSUE)
        (entry / "info.toml").write_text(differential.INFO)
        folder = main.parent
        differential.copy_folder(folder, entry, False)
        text = differential.read(main)
        (entry / "main.tex").write_text(differential.wrap(text))
        (entry / "cite.bib").write_text(
            differential.bibliography(text, main.stem, folder, differential.project_root(corpus, main)))
        differential.stub_missing_files(entry)
        return build(wita, journal, "issue/0000/000000.tex", out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wita", type=Path, default=None, help="the wita binary")
    parser.add_argument("--out", type=Path, default=ROOT / "target/axe-audit", help="where the pages are built")
    parser.add_argument("--only", action="append", choices=["sample", "journal", "corpus"], default=[],
                        help="audit only these pages (repeatable; default all)")
    parser.add_argument("--filter", action="append", default=[],
                        help="only corpus documents whose name contains SUBSTR (repeatable)")
    parser.add_argument("--no-build", action="store_true", help="audit the pages already in --out")
    parser.add_argument("--jobs", type=int, default=2, help="builds at once")
    parser.add_argument("audit", nargs="*", help="options for tools/axe/audit.mjs (after --)")
    args = parser.parse_args()
    kinds = args.only or ["sample", "journal", "corpus"]
    wita = (args.wita or differential.default_wita()).resolve()
    if not args.no_build and not wita.is_file():
        sys.exit(f"no wita binary at {wita} (build it, or pass --wita PATH)")
    if not (ROOT / "tools/axe/node_modules/axe-core").is_dir():
        sys.exit("axe-core is not installed: run `npm ci` in tools/axe (see this script's docstring)")
    out = args.out.resolve()

    jobs = []  # (folder, build function)
    if "sample" in kinds:
        for issue in issues(SAMPLE):
            jobs.append((out / "sample" / issue.stem, lambda o, i=issue: build(wita, SAMPLE, i.relative_to(SAMPLE), o)))
    if "journal" in kinds:
        if JOURNAL.is_dir():
            for issue in issues(JOURNAL):
                jobs.append((out / "journal" / issue.stem,
                             lambda o, i=issue: build(wita, JOURNAL, i.relative_to(JOURNAL), o)))
        else:
            print(f"skipped: {JOURNAL} is not on this machine", file=sys.stderr)
    if "corpus" in kinds:
        for corpus in differential.CORPORA:
            if not corpus.is_dir():
                print(f"skipped: {corpus} is not on this machine", file=sys.stderr)
                continue
            corpus = corpus.resolve()
            for main_file in differential.main_files(corpus):
                name = str(main_file.relative_to(corpus))
                if args.filter and not any(f in name for f in args.filter):
                    continue
                doc = {"corpus": corpus, "main": main_file, "name": name}
                kind = "tests" if corpus == (ROOT / "tests/corpus").resolve() else corpus.name
                folder = out / "corpus" / kind / differential.safe_name(name.removesuffix(".tex"))
                jobs.append((folder, lambda o, d=doc: build_corpus_document(wita, d, o)))

    folders = [folder for folder, _ in jobs]
    if not args.no_build:
        failed = []
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            futures = {pool.submit(fn, folder): folder for folder, fn in jobs}
            for i, future in enumerate(concurrent.futures.as_completed(futures), 1):
                folder = futures[future]
                ok, error = future.result()
                shown = folder.relative_to(out)
                print(f"[{i}/{len(jobs)}] built {shown}" if ok else f"[{i}/{len(jobs)}] NOT BUILT {shown}: {error}",
                      file=sys.stderr, flush=True)
                if not ok:
                    failed.append(str(shown))
        if failed:
            print(f"{len(failed)} of {len(jobs)} not built (not audited): {', '.join(failed)}", file=sys.stderr)
    folders = [f for f in folders if (f / "index.html").is_file()]
    if not folders:
        sys.exit("no pages to audit")
    audit = [shutil.which("node") or "node", str(ROOT / "tools/axe/audit.mjs"), *args.audit, *map(str, folders)]
    sys.exit(subprocess.run(audit).returncode)


if __name__ == "__main__":
    main()

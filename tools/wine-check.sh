#!/usr/bin/env bash
# The Windows check that runs on Linux: cross-builds wita.exe for
# x86_64-pc-windows-gnu, runs it under Wine on the example issue and on every
# issue of ../shared/wita-journal (when present), and compares everything it
# writes with what the Linux build writes, byte for byte. Then it checks that
# Windows' own kinds of path escape are refused.
#
# Needs: rustup's x86_64-pc-windows-gnu target, mingw-w64 and Wine:
#   rustup target add x86_64-pc-windows-gnu
#   apt-get install gcc-mingw-w64-x86-64 wine wine64
# (WITA_WINE_INSTALL=1 installs them; WITA_WINE_TESTS=1 also runs the whole
# test suite under Wine.) Run by `cargo test --test windows --
# --ignored`; alone, `tools/wine-check.sh`. A cold cross-build of typst takes
# 15-25 minutes on two cores.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
triple=x86_64-pc-windows-gnu
started=$SECONDS

say() { printf '== %s\n' "$*"; }
fail() { printf 'FAILED: %s\n' "$*" >&2; exit 1; }

if [ "${WITA_WINE_INSTALL:-}" = 1 ]; then
  rustup target add "$triple"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcc-mingw-w64-x86-64 wine wine64
fi
rustup target list --installed | grep -qx "$triple" || fail "no $triple target (rustup target add $triple)"
command -v x86_64-w64-mingw32-gcc >/dev/null || fail "no mingw-w64 (apt-get install gcc-mingw-w64-x86-64)"
command -v wine >/dev/null || fail "no Wine (apt-get install wine wine64)"

say "building wita for Linux and for Windows (release)"
t=$SECONDS
cargo build --release -p wita-cli
cargo build --release -p wita-cli --target "$triple"
say "built in $((SECONDS - t)) s"
linux="$target_dir/release/wita"
exe="$target_dir/$triple/release/wita.exe"
ls -l "$linux" "$exe"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

# Wine 8 has no bcryptprimitives.dll (see tools/wine/bcryptprimitives.c); a
# DLL next to the program comes first in Windows' search order.
mkdir "$scratch/bin"
cp "$exe" "$scratch/bin/wita.exe"
x86_64-w64-mingw32-gcc -shared -O2 -s -o "$scratch/bin/bcryptprimitives.dll" \
  tools/wine/bcryptprimitives.c -ladvapi32

# A prefix of our own, kept between runs (making one takes a while).
export WINEPREFIX="${WITA_WINEPREFIX:-$target_dir/wine-prefix}"
# No Mono or Gecko install prompts: wita needs neither.
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
if [ ! -d "$WINEPREFIX/drive_c/windows" ]; then
  say "making a Wine prefix in $WINEPREFIX"
  wineboot -i >/dev/null 2>&1 || true
fi
wita_exe() { wine "$scratch/bin/wita.exe" "$@"; }
wine --version

# Builds every issue of a journal (with its web pages) with both programs, in two copies of it,
# and compares the copies: everything either build wrote must be the same.
compare_journal() {
  local name="$1" from="$2" preprint="$3"
  mkdir -p "$scratch/$name"
  local lin="$scratch/$name/linux" win="$scratch/$name/windows"
  for copy in "$lin" "$win"; do
    cp -r "$from" "$copy"
    rm -rf "$copy/_dist" "$copy/workdir"
    chmod -R u+w "$copy"
  done
  local issues
  issues=$(cd "$from" && find issue -mindepth 2 -maxdepth 2 -name '*.tex' | sort)
  for issue in $issues; do
    local t=$SECONDS
    (cd "$lin" && "$linux" build -q --html "$issue") || fail "$name $issue: the Linux build failed"
    local t_lin=$((SECONDS - t)); t=$SECONDS
    (cd "$win" && wita_exe build -q --html "$issue") || fail "$name $issue: wita.exe failed"
    local t_win=$((SECONDS - t))
    say "$name $issue: built (Linux ${t_lin} s, Wine ${t_win} s)"
  done
  if [ -n "$preprint" ]; then
    # As the README tells a Windows author: the path written with `\`.
    (cd "$lin" && "$linux" build -q "$preprint") || fail "$name: the Linux preprint failed"
    (cd "$win" && wita_exe build -q "${preprint//\//\\}") || fail "$name: wita.exe's preprint failed"
    say "$name $preprint: preprint built"
    # And a new entry, built as it is.
    local new="issue/0000/000000.tex.d/entry/my-article/"
    (cd "$lin" && SOURCE_DATE_EPOCH=1767225600 "$linux" new issue/0000/000000.tex my-article >/dev/null &&
      "$linux" build -q "$new") || fail "$name: the Linux new entry failed"
    (cd "$win" && SOURCE_DATE_EPOCH=1767225600 wita_exe new 'issue\0000\000000.tex' my-article >/dev/null &&
      wita_exe build -q "${new//\//\\}") || fail "$name: wita.exe's new entry failed"
    say "$name: wita new and its preprint built"
  fi
  # -r: every file, written or not; a file one build wrote and the other
  # did not is a difference too.
  if diff -r -q "$lin" "$win"; then
    local files=0 dir
    for dir in "$win/_dist" "$win/workdir"; do
      if [ -d "$dir" ]; then files=$((files + $(find "$dir" -type f | wc -l))); fi
    done
    say "$name: byte-identical ($files output files, and each issue's meta/dist.*, map.toml)"
  else
    fail "$name: wita.exe's outputs differ from Linux's"
  fi
}

compare_journal example examples/journal issue/0000/000000.tex.d/entry/welcome/
shared="$root/../shared/wita-journal"
if [ -d "$shared/issue" ]; then
  compare_journal journal "$shared" ""
else
  say "skipped: ../shared/wita-journal is not on this machine"
fi

# Windows prints its own separators; machine-read output keeps `/`.
say "paths on Windows"
j="$scratch/example/windows"
out=$(cd "$j" && wita_exe build issue/0000/000000.tex)
grep -qF 'wrote _dist\issue\0000\000000.pdf' <<<"$out" || fail "the PDF's path is not printed with \\: $out"

# Path escapes, in a scratch copy: each must be refused at its line.
say "path escapes"
entry="issue/0000/000000.tex.d/entry/welcome"
for written in 'C:/windows/win.ini' 'C:\windows\win.ini' 'Z:/etc/passwd' 'z:/etc/passwd' \
  '..\..\..\000000.tex' '..\..\..\..\..\vi\res\wordmark.svg' '//?/C:/windows/win.ini' \
  '\\?\C:\windows\win.ini' '//localhost/c$/windows/win.ini'; do
  cp "$root/examples/journal/$entry/main.tex" "$j/$entry/main.tex"
  printf '\\input{%s}\n' "$written" >>"$j/$entry/main.tex"
  set +e
  human=$(cd "$j" && wita_exe check --color never "$entry/" 2>&1)
  code=$?
  github=$(cd "$j" && wita_exe check --format github "$entry/" 2>&1)
  set -e
  [ "$code" = 1 ] || fail "\\input{$written}: exit code $code, not 1: $human"
  grep -qE 'not allowed|leads out|outside' <<<"$human" || fail "\\input{$written} was not refused: $human"
  grep -qF "${entry//\//\\}\\main.tex:" <<<"$human" || fail "\\input{$written}: not at its place, with \\: $human"
  grep -qF "::error file=$entry/main.tex,line=" <<<"$github" || fail "\\input{$written}: GitHub's annotation is not keyed on the / path: $github"
  say "refused: \\input{$written}"
done
cp "$root/examples/journal/$entry/main.tex" "$j/$entry/main.tex"

# The whole test suite as Windows runs it (WITA_WINE_TESTS=1; another 12
# minutes of cross-building when cold). pdftotext cannot be started from
# Windows programs, so the checks that need it skip, as on a Windows machine.
if [ "${WITA_WINE_TESTS:-}" = 1 ]; then
  say "the test suite under Wine"
  cargo test --workspace --no-run --target "$triple" --message-format=json >"$scratch/tests.json"
  python3 - "$scratch/tests.json" >"$scratch/tests.tsv" <<'PY'
import json, os, sys
for line in open(sys.argv[1]):
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["profile"]["test"]:
        print(m["executable"], os.path.dirname(m["manifest_path"]), sep="\t")
PY
  failed=0
  while IFS=$'\t' read -r test dir; do
    cp "$scratch/bin/bcryptprimitives.dll" "$(dirname "$test")/"
    # The wita.exe that the end-to-end tests run needs it too.
    cp "$scratch/bin/bcryptprimitives.dll" "$target_dir/$triple/debug/"
    if ! (cd "$dir" && wine "$test" >"$scratch/test.log" 2>&1); then
      failed=$((failed + 1))
      grep -E 'FAILED|panicked' "$scratch/test.log" || true
    fi
    say "$(basename "$test"): $(grep 'test result' "$scratch/test.log" || echo 'no result')"
  done <"$scratch/tests.tsv"
  [ "$failed" = 0 ] || fail "$failed test programs failed under Wine"
fi

say "the Windows check passed in $((SECONDS - started)) s"

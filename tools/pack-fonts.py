#!/usr/bin/env python3
"""Rebuilds fonts/ from Debian's font packages and npm's Mona Sans.

wita embeds its fonts so a fresh machine renders the same PDF. This script is
how the files in fonts/ were made; it is not part of the build.

  apt-get install fonts-texgyre fonts-jetbrains-mono fonts-noto-cjk fonts-dejavu-core
  pip install fonttools brotli zstandard
  npm pack @fontsource/mona-sans && tar xzf fontsource-mona-sans-*.tgz
  python3 tools/pack-fonts.py /path/to/package   # the unpacked npm package

The Noto CJK collections hold Japanese, Korean and Chinese faces (26 MB for the
serif regular). wita needs the Simplified Chinese face only, so each is cut to
what its SC cmap reaches in the common CJK blocks (Hangul and the rare
ideograph extensions A, B and later are left out: about 8 MB raw per face) and zstd-compressed; wita decompresses a face the
first time a document uses it. Run `WITA_REGEN_FONT_INFO=1 cargo test -p
wita-fonts` afterwards to refresh the precomputed font infos.
"""
import shutil
import subprocess
import sys
from pathlib import Path

import zstandard
from fontTools.ttLib import TTFont

OUT = Path(__file__).resolve().parent.parent / "fonts"
GYRE = Path("/usr/share/texmf/fonts/opentype/public")
JBM = Path("/usr/share/fonts/truetype/jetbrains-mono")
NOTO = Path("/usr/share/fonts/opentype/noto")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")

CJK_UNICODES = ",".join([
    "U+2000-206F", "U+2100-214F", "U+2190-21FF", "U+2460-24FF", "U+2500-257F",
    "U+25A0-25FF", "U+2600-26FF", "U+2E80-2FDF", "U+3000-303F", "U+3040-30FF",
    "U+3100-312F", "U+31A0-31BF", "U+31C0-31EF", "U+31F0-31FF", "U+3200-32FF",
    "U+3300-33FF", "U+4E00-9FFF", "U+F900-FAFF", "U+FE10-FE1F",
    "U+FE30-FE4F", "U+FF00-FFEF",
])

# (collection, index of the SC face, output name)
CJK = [
    ("NotoSerifCJK-Regular.ttc", 2, "NotoSerifCJKsc-Regular"),
    ("NotoSerifCJK-Bold.ttc", 2, "NotoSerifCJKsc-Bold"),
    ("NotoSansCJK-Regular.ttc", 2, "NotoSansCJKsc-Regular"),
    ("NotoSansCJK-Bold.ttc", 2, "NotoSansCJKsc-Bold"),
]


def main(mona_package: Path) -> None:
    OUT.mkdir(exist_ok=True)
    for style in ["regular", "bold", "italic", "bolditalic"]:
        for family in ["termes", "heros", "schola"]:
            shutil.copy(GYRE / "tex-gyre" / f"texgyre{family}-{style}.otf", OUT)
    shutil.copy(GYRE / "tex-gyre-math" / "texgyretermes-math.otf", OUT)
    for style in ["Regular", "Bold", "Italic", "BoldItalic"]:
        shutil.copy(JBM / f"JetBrainsMono-{style}.ttf", OUT)
    for face in ["Serif", "Serif-Bold", "Serif-Italic", "Serif-BoldItalic", "Sans"]:
        shutil.copy(DEJAVU / f"DejaVu{face}.ttf", OUT)

    mona = TTFont(mona_package / "files" / "mona-sans-latin-700-normal.woff")
    mona.flavor = None
    mona.save(OUT / "MonaSans-Bold-Latin.ttf")

    for collection, index, name in CJK:
        otf = Path("/tmp") / f"{name}.otf"
        subprocess.run([
            "pyftsubset", str(NOTO / collection), f"--font-number={index}",
            f"--unicodes={CJK_UNICODES}", "--layout-features-=locl,vert,vrt2",
            "--name-IDs=*", "--name-languages=*", "--notdef-outline",
            f"--output-file={otf}",
        ], check=True)
        data = otf.read_bytes()
        packed = zstandard.ZstdCompressor(level=22).compress(data)
        (OUT / f"{name}.otf.zst").write_bytes(packed)
        print(f"{name}: {len(data)} -> {len(packed)} bytes")


if __name__ == "__main__":
    main(Path(sys.argv[1]))

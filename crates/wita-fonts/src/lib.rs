//! The fonts wita embeds (see `fonts/README.md`), served to typst through
//! typst-kit's [`FontStore`].
//!
//! The Latin faces are small and stored as they are. The CJK faces are large,
//! so they are stored zstd-compressed with their font infos precomputed: the
//! layout engine sees them in the font book from the start, and a face is
//! decompressed only when a document uses one of its characters. A
//! Latin-only issue never pays for them.

use std::sync::atomic::{AtomicUsize, Ordering};

use typst::foundations::Bytes;
use typst::text::{Font, FontInfo};
use typst_kit::fonts::{FontSource, FontStore};

/// One embedded font file.
pub struct EmbeddedFont {
    pub file: &'static str,
    pub data: &'static [u8],
    /// For compressed fonts: their `FontInfo` as JSON.
    pub info: Option<&'static str>,
}

macro_rules! plain {
    ($file:literal) => {
        EmbeddedFont {
            file: $file,
            data: include_bytes!(concat!("../../../fonts/", $file)),
            info: None,
        }
    };
}

macro_rules! packed {
    ($name:literal) => {
        EmbeddedFont {
            file: concat!($name, ".otf.zst"),
            data: include_bytes!(concat!("../../../fonts/", $name, ".otf.zst")),
            info: Some(include_str!(concat!(
                "../../../fonts/",
                $name,
                ".info.json"
            ))),
        }
    };
}

/// Every embedded font, in the order they are offered to typst (earlier
/// fonts win ties).
pub static FONTS: &[EmbeddedFont] = &[
    plain!("texgyretermes-regular.otf"),
    plain!("texgyretermes-bold.otf"),
    plain!("texgyretermes-italic.otf"),
    plain!("texgyretermes-bolditalic.otf"),
    plain!("texgyreheros-regular.otf"),
    plain!("texgyreheros-bold.otf"),
    plain!("texgyreheros-italic.otf"),
    plain!("texgyreheros-bolditalic.otf"),
    plain!("texgyretermes-math.otf"),
    // The preprint look's body face (a Century Schoolbook design).
    plain!("texgyreschola-regular.otf"),
    plain!("texgyreschola-bold.otf"),
    plain!("texgyreschola-italic.otf"),
    plain!("texgyreschola-bolditalic.otf"),
    plain!("JetBrainsMono-Regular.ttf"),
    plain!("JetBrainsMono-Bold.ttf"),
    plain!("JetBrainsMono-Italic.ttf"),
    plain!("JetBrainsMono-BoldItalic.ttf"),
    plain!("MonaSans-Bold-Latin.ttf"),
    packed!("NotoSerifCJKsc-Regular"),
    packed!("NotoSerifCJKsc-Bold"),
    packed!("NotoSansCJKsc-Regular"),
    packed!("NotoSansCJKsc-Bold"),
];

/// Family names documents use for embedded fonts under another name: the
/// journal's wordmark SVG asks for `Mona-Sans` (the name of Mona Sans's
/// PostScript-style family).
pub static ALIASES: &[(&str, &str)] = &[("Mona-Sans", "Mona Sans")];

/// The families templates refer to.
pub mod family {
    pub const SERIF: &str = "TeX Gyre Termes";
    pub const SANS: &str = "TeX Gyre Heros";
    pub const MONO: &str = "JetBrains Mono";
    pub const MATH: &str = "TeX Gyre Termes Math";
    pub const CJK_SERIF: &str = "Noto Serif CJK SC";
    pub const CJK_SANS: &str = "Noto Sans CJK SC";
}

/// How many compressed faces have been decompressed in this process (for
/// tests and benchmarks that check the lazy loading).
pub fn decompressed_count() -> usize {
    DECOMPRESSED.load(Ordering::Relaxed)
}

static DECOMPRESSED: AtomicUsize = AtomicUsize::new(0);

/// Decompresses a zstd frame.
pub fn decompress(data: &[u8]) -> std::io::Result<Vec<u8>> {
    zstd::stream::decode_all(data)
}

/// A compressed font, decompressed on first use.
struct Packed {
    data: &'static [u8],
}

impl FontSource for Packed {
    fn load(&self) -> Option<Font> {
        let data = decompress(self.data).ok()?;
        DECOMPRESSED.fetch_add(1, Ordering::Relaxed);
        Font::new(Bytes::new(data), 0)
    }
}

/// A font store holding every embedded font (and the aliases).
pub fn font_store() -> FontStore {
    let mut store = FontStore::new();
    let mut aliased = Vec::new();
    for font in FONTS {
        match font.info {
            None => {
                for face in Font::iter(Bytes::new(font.data)) {
                    let info = face.info().clone();
                    for (alias, family) in ALIASES {
                        if info.family == *family {
                            let mut alias_info = info.clone();
                            alias_info.family = (*alias).to_owned();
                            aliased.push((face.clone(), alias_info));
                        }
                    }
                    store.push((face, info));
                }
            }
            Some(json) => {
                // A mismatch between the JSON and the font is caught by the
                // tests; a broken JSON here would be a build of wita itself
                // gone wrong, so the font is left out rather than panicking.
                if let Ok(info) = serde_json::from_str::<FontInfo>(json) {
                    store.push((Packed { data: font.data }, info));
                }
            }
        }
    }
    for entry in aliased {
        store.push(entry);
    }
    store
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The precomputed infos must describe the fonts they stand for.
    /// `WITA_REGEN_FONT_INFO=1` rewrites them (after `tools/pack-fonts.py`).
    #[test]
    fn packed_font_infos_match_the_fonts() {
        let regen = std::env::var_os("WITA_REGEN_FONT_INFO").is_some();
        for font in FONTS
            .iter()
            .filter(|f| f.info.is_some() || f.file.ends_with(".zst"))
        {
            let data = decompress(font.data).expect("decompresses");
            let face = Font::new(Bytes::new(data), 0).expect("parses");
            let path = format!(
                "{}/../../fonts/{}",
                env!("CARGO_MANIFEST_DIR"),
                font.file.replace(".otf.zst", ".info.json")
            );
            if regen {
                std::fs::write(&path, serde_json::to_string(face.info()).unwrap()).unwrap();
                continue;
            }
            let stored: FontInfo = serde_json::from_str(font.info.unwrap()).expect("valid json");
            assert_eq!(
                &stored,
                face.info(),
                "{path} is stale: run WITA_REGEN_FONT_INFO=1 cargo test -p wita-fonts"
            );
        }
    }

    #[test]
    fn the_store_offers_every_family_without_decompressing() {
        let before = decompressed_count();
        let store = font_store();
        let book = store.book();
        for fam in [
            family::SERIF,
            family::SANS,
            family::MONO,
            family::MATH,
            family::CJK_SERIF,
            family::CJK_SANS,
            "Mona-Sans",
            "Mona Sans",
        ] {
            assert!(book.contains_family(&fam.to_lowercase()), "{fam} missing");
        }
        assert_eq!(decompressed_count(), before);
    }

    #[test]
    fn cjk_faces_load_on_demand() {
        let store = font_store();
        let index = store
            .book()
            .select(&family::CJK_SERIF.to_lowercase(), Default::default())
            .expect("selected");
        let font = store.font(index).expect("loads");
        assert!(font.info().coverage.contains('知' as u32));
    }
}

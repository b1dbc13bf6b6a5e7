//! The embedded fonts as typst-kit's font store (the `store` feature).

use std::sync::atomic::Ordering;

use typst::foundations::Bytes;
use typst::text::{Font, FontInfo};
use typst_kit::fonts::{FontSource, FontStore};

use crate::{ALIASES, DECOMPRESSED, FONTS, decompress};

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
    use crate::{decompressed_count, family};

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

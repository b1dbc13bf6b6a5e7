//! The fonts wita embeds (see `fonts/README.md`), served to typst through
//! typst-kit's `FontStore` ([`font_store`], the default `store` feature:
//! without it the crate is the fonts alone, for the assembler's SVG
//! rendering, and does not build typst).
//!
//! The Latin faces are small and stored as they are. The CJK faces are large,
//! so they are stored zstd-compressed with their font infos precomputed: the
//! layout engine sees them in the font book from the start, and a face is
//! decompressed only when a document uses one of its characters. A
//! Latin-only issue never pays for them.

#[cfg(feature = "store")]
mod store;

use std::sync::atomic::{AtomicUsize, Ordering};

#[cfg(feature = "store")]
pub use store::font_store;

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
    // Last, so that they win no ties: the characters no face above has
    // (dotted and Greek accented letters, IPA, dingbats, arrows), which would
    // print as boxes. typst's fallback takes the serif face for serif text.
    plain!("DejaVuSerif.ttf"),
    plain!("DejaVuSerif-Bold.ttf"),
    plain!("DejaVuSerif-Italic.ttf"),
    plain!("DejaVuSerif-BoldItalic.ttf"),
    plain!("DejaVuSans.ttf"),
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

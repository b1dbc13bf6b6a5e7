//! The wordmark's ink: the journal's `wm1.svg` has a generous view box, and the
//! cover sets the visible lettering at two thirds of the text width (as the old
//! build did with the tightly cropped rendering). The box is found with usvg,
//! the SVG library typst uses, with wita's embedded fonts.

use std::sync::Arc;

/// The part of an SVG that has ink, as fractions of its size, and its aspect
/// ratio (width / height).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct InkBox {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub aspect: f64,
}

pub fn ink_box(svg: &[u8]) -> Option<InkBox> {
    let mut db = fontdb::Database::new();
    for font in wita_fonts::FONTS.iter().filter(|f| f.info.is_none()) {
        db.load_font_data(font.data.to_vec());
    }
    db.set_serif_family(wita_fonts::family::SERIF);
    db.set_sans_serif_family(wita_fonts::family::SANS);
    db.set_monospace_family(wita_fonts::family::MONO);
    let mut options = usvg::Options {
        fontdb: Arc::new(db),
        ..Default::default()
    };
    // Family names under wita's aliases (`Mona-Sans`) find their fonts, as
    // they do in typst.
    options.font_resolver.select_font = Box::new(|font, db| {
        let names: Vec<String> = font
            .families()
            .iter()
            .filter_map(|f| match f {
                usvg::FontFamily::Named(name) => Some(
                    wita_fonts::ALIASES
                        .iter()
                        .find(|(alias, _)| alias == name)
                        .map_or(name.clone(), |(_, real)| (*real).to_owned()),
                ),
                _ => None,
            })
            .collect();
        let mut families: Vec<fontdb::Family> =
            names.iter().map(|n| fontdb::Family::Name(n)).collect();
        families.push(fontdb::Family::SansSerif);
        db.query(&fontdb::Query {
            families: &families,
            weight: fontdb::Weight(font.weight()),
            stretch: fontdb::Stretch::Normal,
            style: fontdb::Style::Normal,
        })
    });
    let tree = usvg::Tree::from_data(svg, &options).ok()?;
    let size = tree.size();
    let bbox = tree.root().abs_stroke_bounding_box();
    let (sw, sh) = (f64::from(size.width()), f64::from(size.height()));
    if sw <= 0.0 || sh <= 0.0 || bbox.width() <= 0.0 || bbox.height() <= 0.0 {
        return None;
    }
    let clamp = |v: f64| v.clamp(0.0, 1.0);
    let x = clamp(f64::from(bbox.x()) / sw);
    let y = clamp(f64::from(bbox.y()) / sh);
    let w = clamp(f64::from(bbox.width()) / sw).min(1.0 - x);
    let h = clamp(f64::from(bbox.height()) / sh).min(1.0 - y);
    (w > 0.0 && h > 0.0).then_some(InkBox {
        x,
        y,
        w,
        h,
        aspect: sw / sh,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ink_of_text_in_a_large_view_box() {
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 -100 800 700">
            <text font-family="Mona-Sans" font-weight="700" font-size="100" x="30" y="250">AB</text></svg>"#;
        let b = ink_box(svg).expect("has ink");
        assert!((b.aspect - 800.0 / 700.0).abs() < 1e-6);
        assert!(b.x > 0.03 && b.x < 0.06, "{b:?}");
        assert!(b.w > 0.1 && b.w < 0.3, "{b:?}");
        assert!(b.y > 0.3 && b.y < 0.45, "{b:?}");
    }

    #[test]
    fn shapes_count_too_and_garbage_is_none() {
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect x="10" y="20" width="50" height="40"/></svg>"#;
        let b = ink_box(svg).unwrap();
        assert_eq!((b.x, b.y, b.w, b.h), (0.1, 0.2, 0.5, 0.4));
        assert_eq!(ink_box(b"not svg"), None);
        assert_eq!(
            ink_box(br#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"/>"#),
            None
        );
    }
}

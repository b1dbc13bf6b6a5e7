//! Floats and what goes in them: the template's floats (a table, a figure,
//! an algorithm, a listing) and subfigures, with their captions, placements
//! and labels; images; placeholders for what wita cannot draw.

use std::fmt::Write;

use wita_doc::{Float, FloatKind};

use super::{T, Writer, length};
use crate::escape::string;

impl Writer {
    /// A `table`, `figure`, `algorithm` or listing float.
    pub(super) fn float(&mut self, float: &Float) {
        match float.kind {
            FloatKind::Table => {
                let _ = write!(self.out, "#{T}.float(\"table\", caption: ");
            }
            FloatKind::Figure => {
                let _ = write!(self.out, "#{T}.float(\"image\", caption: ");
            }
            FloatKind::Algorithm => {
                let _ = write!(self.out, "#{T}.float(\"algorithm\", caption: ");
            }
            FloatKind::Listing => {
                let _ = write!(self.out, "#{T}.float(\"listing\", caption: ");
            }
            FloatKind::Subfigure(width) => {
                let width = width.map_or_else(|| "auto".to_owned(), length);
                let _ = write!(self.out, "#{T}.subfigure(width: {width}, caption: ");
            }
        }
        match &float.caption {
            Some(caption) => self.bracket(caption),
            None => self.out.push_str("none"),
        }
        if let Some(placement) = &float.placement {
            self.out.push_str(", placement: ");
            string(placement, &mut self.out);
        }
        // The label goes in: the template puts it on the figure, not
        // on the float's placement around it.
        if let Some(name) = &float.label {
            let _ = write!(self.out, ", label: {}", self.label_value(name));
        }
        self.out.push_str(", ");
        self.bracket(&float.body);
        self.out.push_str(");");
    }

    /// A subfigure: a box of its own width inside a float's body.
    pub(super) fn subfigure(&mut self, float: &Float) {
        let width = match float.kind {
            FloatKind::Subfigure(Some(width)) => length(width),
            _ => "auto".to_owned(),
        };
        let _ = write!(self.out, "#{T}.subfigure(width: {width}, caption: ");
        match &float.caption {
            Some(caption) => self.bracket(caption),
            None => self.out.push_str("none"),
        }
        // The label goes on the figure inside the box.
        if let Some(name) = &float.label {
            let value = self.label_value(name);
            let _ = write!(self.out, ", label: {value}");
        }
        self.out.push_str(", ");
        self.bracket(&float.body);
        self.out.push_str(");");
    }

    /// `\includegraphics`.
    pub(super) fn image(&mut self, image: &wita_doc::Image) {
        // Typst's own `image` called right here, so that an image it
        // cannot decode is reported at the `\includegraphics`; only
        // `scale=` needs the template (to measure the image first).
        if image.scale.is_some() {
            let _ = write!(self.out, "#{T}.image(");
        } else {
            self.out.push_str("#image(");
        }
        string(&format!("/{}", image.path), &mut self.out);
        if let Some(wd) = image.width {
            let _ = write!(self.out, ", width: {}", length(wd));
        }
        if let Some(h) = image.height {
            let _ = write!(self.out, ", height: {}", length(h));
        }
        if let Some(s) = image.scale {
            let _ = write!(self.out, ", scale: {s}");
        }
        if let Some(page) = image.page {
            let _ = write!(self.out, ", page: {page}");
        }
        if let Some(alt) = &image.alt {
            self.out.push_str(", alt: ");
            string(alt, &mut self.out);
        }
        self.out.push_str(");");
    }

    /// What cannot be drawn without TeX (a TikZ picture, an EPS file): a
    /// framed box of the size asked for, saying what it stands for.
    pub(super) fn placeholder(&mut self, p: &wita_doc::Placeholder) {
        let _ = write!(self.out, "#{T}.placeholder(");
        string(&p.what, &mut self.out);
        if let Some(width) = p.width {
            let _ = write!(self.out, ", width: {}", length(width));
        }
        if let Some(height) = p.height {
            let _ = write!(self.out, ", height: {}", length(height));
        }
        self.out.push_str(");");
    }
}

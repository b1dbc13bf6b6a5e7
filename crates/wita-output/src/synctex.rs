//! SyncTeX files (`<name>.synctex.gz` beside a PDF), as TeX engines write
//! them, so that an editor or a PDF viewer (LaTeX Workshop, SumatraPDF,
//! Skim, Okular, Zathura, TeX Live's `synctex`) goes from a point of the
//! PDF to the LaTeX line it came from and back.
//!
//! Hand-written: no crate writes the format, which is plain text. The
//! records follow XeTeX's: a page is a vbox (`[`) holding one hbox (`(`)
//! per line of text, and each word of the line is a glue record (`g`) at
//! its left edge with the file and line it was written at; a picture is a
//! void hbox (`h`). A reader asked for a point takes the hbox around it and
//! the nearest record to its left; asked for a line, it answers the hbox of
//! the record. A word's glue record also carries its width (`g1,7:h,v:W`),
//! which TeX's do not: SyncTeX's own parser reads past it, and the
//! JavaScript parser of LaTeX Workshop (what it uses where TeX, and so the
//! `synctex` command, is not installed) then takes the word's box, not a
//! point at its left edge, as the place to match a click against. Positions are in TeX's scaled points (`sp`, 65536 to the TeX
//! point) from the page's top left corner, the y of a box being its
//! baseline.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::sync::Arc;

use typst::layout::{Abs, Frame, FrameItem, Point, Transform};
use typst::syntax::Span;
use typst::text::TextItem;
use typst_layout::PagedDocument;

/// Scaled points to the big point (typst's `pt`, 1/72 inch).
const SP_PER_BP: f64 = 65536.0 * 72.27 / 72.0;

/// Where a word was written: an input file (by index into
/// [`SyncTex::inputs`]) and its 1-based line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Place {
    input: u32,
    line: u32,
}

/// A word (or what of it came from one place): its left edge and width.
#[derive(Debug, Clone, Copy)]
struct Word {
    place: Place,
    x: f64,
    width: f64,
}

/// What a page holds for SyncTeX, in big points from its top left corner.
#[derive(Debug, Clone)]
enum Record {
    /// A line of text on one baseline, and its words.
    Line {
        baseline: f64,
        ascent: f64,
        descent: f64,
        words: Vec<Word>,
    },
    /// A picture: its box, `y` being its bottom.
    Picture {
        place: Place,
        x: f64,
        y: f64,
        width: f64,
        height: f64,
    },
}

#[derive(Debug, Clone)]
struct PageRecords {
    width: f64,
    height: f64,
    records: Vec<Record>,
}

/// A laid-out document's words and pictures with the place each was
/// written at: collected once, written as the SyncTeX file of the whole
/// document or of a range of its pages ([`SyncTex::file`]).
#[derive(Debug, Clone, Default)]
pub struct SyncTex {
    inputs: Vec<Arc<str>>,
    pages: Vec<PageRecords>,
}

impl SyncTex {
    /// Collects the words of every page. `locate` answers, for a glyph's
    /// typst span and byte into it, the input file (its path as the SyncTeX
    /// file names it) and 1-based line it was written at, or `None` for text
    /// that no input holds (the template's own words).
    pub fn collect(
        document: &PagedDocument,
        mut locate: impl FnMut(Span, u16) -> Option<(Arc<str>, u32)>,
    ) -> Self {
        let mut collector = Collector {
            inputs: Vec::new(),
            tags: HashMap::new(),
            last_tag: None,
            locate: &mut locate,
            words: Vec::new(),
            pictures: Vec::new(),
        };
        let mut pages = Vec::with_capacity(document.pages().len());
        for page in document.pages() {
            let frame = &page.frame;
            collector.frame(frame, Transform::identity());
            pages.push(PageRecords {
                width: frame.width().to_pt(),
                height: frame.height().to_pt(),
                records: collector.page_records(),
            });
        }
        Self {
            inputs: collector.inputs,
            pages,
        }
    }

    /// The number of pages collected.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// The SyncTeX file (gzipped, as `.synctex.gz`) of pages `first..=last`
    /// (1-based, as the PDF of those pages numbers them from 1).
    pub fn file(&self, first: usize, last: usize) -> Vec<u8> {
        let pages = self
            .pages
            .get(first.saturating_sub(1)..last.min(self.pages.len()))
            .unwrap_or_default();
        let text = self.text(pages);
        let mut encoder = flate2::GzBuilder::new()
            .mtime(0)
            .write(Vec::new(), flate2::Compression::fast());
        encoder
            .write_all(text.as_bytes())
            .and_then(|()| encoder.try_finish())
            .expect("writing to memory does not fail");
        encoder.finish().expect("writing to memory does not fail")
    }

    /// The SyncTeX text of some pages: only the inputs they use are listed,
    /// numbered in the order they first appear.
    fn text(&self, pages: &[PageRecords]) -> String {
        let mut tags: Vec<Option<u32>> = vec![None; self.inputs.len()];
        let mut listed = Vec::new();
        let mut tag = |place: &Place| -> u32 {
            let slot = &mut tags[place.input as usize];
            *slot.get_or_insert_with(|| {
                listed.push(place.input);
                listed.len() as u32
            })
        };
        // The content first: the preamble lists the inputs it names.
        let mut content = Records::default();
        for (n, page) in pages.iter().enumerate() {
            let n = n + 1;
            content.line(format_args!("{{{n}"));
            let first = page.records.first().map(|r| match r {
                Record::Line { words, .. } => words[0].place,
                Record::Picture { place, .. } => *place,
            });
            if let Some(first) = first {
                let t = tag(&first);
                content.line(format_args!(
                    "[{t},{}:0,{}:{},{},0",
                    first.line,
                    sp(page.height),
                    sp(page.width),
                    sp(page.height)
                ));
                for record in &page.records {
                    match record {
                        Record::Line {
                            baseline,
                            ascent,
                            descent,
                            words,
                        } => {
                            let start = words[0].x;
                            let end = words.iter().map(|w| w.x + w.width).fold(start, f64::max);
                            let t = tag(&words[0].place);
                            content.line(format_args!(
                                "({t},{}:{},{}:{},{},{}",
                                words[0].place.line,
                                sp(start),
                                sp(*baseline),
                                sp(end - start),
                                sp(*ascent),
                                sp(*descent)
                            ));
                            for word in words {
                                let t = tag(&word.place);
                                content.line(format_args!(
                                    "g{t},{}:{},{}:{}",
                                    word.place.line,
                                    sp(word.x),
                                    sp(*baseline),
                                    sp(word.width)
                                ));
                            }
                            content.line(format_args!(")"));
                        }
                        Record::Picture {
                            place,
                            x,
                            y,
                            width,
                            height,
                        } => {
                            let t = tag(place);
                            content.line(format_args!(
                                "h{t},{}:{},{}:{},{},0",
                                place.line,
                                sp(*x),
                                sp(*y),
                                sp(*width),
                                sp(*height)
                            ));
                        }
                    }
                }
                content.line(format_args!("]"));
            }
            content.line(format_args!("}}{n}"));
            content.anchor();
        }

        let mut out = Records::default();
        out.line(format_args!("SyncTeX Version:1"));
        for (i, &input) in listed.iter().enumerate() {
            out.line(format_args!(
                "Input:{}:{}",
                i + 1,
                self.inputs[input as usize]
            ));
        }
        for line in [
            "Output:pdf",
            "Magnification:1000",
            "Unit:1",
            "X Offset:0",
            "Y Offset:0",
            "Content:",
        ] {
            out.line(format_args!("{line}"));
        }
        out.anchor();
        let count = content.count;
        out.append(content);
        out.line(format_args!("Postamble:"));
        out.line(format_args!("Count:{count}"));
        out.anchor();
        out.line(format_args!("Post scriptum:"));
        out.finish()
    }
}

/// SyncTeX's text as it is written: lines, and the anchors (`!n`, the bytes
/// since the last anchor) that readers use to find their way, counted when
/// the whole is [written](Records::finish).
#[derive(Default)]
struct Records {
    /// Lines, each with its `\n`; `None` is an anchor.
    parts: Vec<Option<String>>,
    /// The number of lines written with [`line`](Records::line), which is
    /// the content's `Count`.
    count: usize,
}

impl Records {
    fn line(&mut self, args: std::fmt::Arguments) {
        let mut line = String::new();
        let _ = line.write_fmt(args);
        line.push('\n');
        self.parts.push(Some(line));
        self.count += 1;
    }

    fn anchor(&mut self) {
        self.parts.push(None);
    }

    fn append(&mut self, other: Records) {
        self.parts.extend(other.parts);
    }

    fn finish(self) -> String {
        let mut text = String::new();
        let mut last_anchor = 0;
        for part in self.parts {
            match part {
                Some(line) => text.push_str(&line),
                None => {
                    let at = text.len();
                    let _ = writeln!(text, "!{}", at - last_anchor);
                    last_anchor = at;
                }
            }
        }
        text
    }
}

/// Big points to scaled points.
fn sp(bp: f64) -> i64 {
    (bp * SP_PER_BP).round() as i64
}

struct Collector<'a> {
    inputs: Vec<Arc<str>>,
    /// Inputs by the address of their name: `locate` gives one `Arc` per
    /// file, and hashing an address is cheaper than hashing a path.
    tags: HashMap<usize, u32>,
    last_tag: Option<(usize, u32)>,
    locate: &'a mut dyn FnMut(Span, u16) -> Option<(Arc<str>, u32)>,
    /// The page's words in the order they were laid out, with their
    /// baseline, ascent and descent.
    words: Vec<(Word, f64, f64, f64)>,
    pictures: Vec<(usize, Record)>,
}

impl Collector<'_> {
    fn place(&mut self, span: Span, offset: u16) -> Option<Place> {
        if span.is_detached() {
            return None;
        }
        let (input, line) = (self.locate)(span, offset)?;
        let next = self.inputs.len() as u32;
        let key = Arc::as_ptr(&input) as *const u8 as usize;
        let input = match self.last_tag {
            Some((last, tag)) if last == key => tag,
            _ => {
                let tag = *self.tags.entry(key).or_insert_with(|| {
                    self.inputs.push(input);
                    next
                });
                self.last_tag = Some((key, tag));
                tag
            }
        };
        Some(Place { input, line })
    }

    fn frame(&mut self, frame: &Frame, ts: Transform) {
        for (pos, item) in frame.items() {
            match item {
                FrameItem::Group(group) => {
                    let ts = ts
                        .pre_concat(Transform::translate(pos.x, pos.y))
                        .pre_concat(group.transform);
                    self.frame(&group.frame, ts);
                }
                FrameItem::Text(text) => self.text(text, *pos, ts),
                FrameItem::Image(_, size, span) => {
                    let Some(place) = self.place(*span, 0) else {
                        continue;
                    };
                    let top_left = pos.transform(ts);
                    let bottom_right = (*pos + size.to_point()).transform(ts);
                    let record = Record::Picture {
                        place,
                        x: top_left.x.to_pt().min(bottom_right.x.to_pt()),
                        y: top_left.y.to_pt().max(bottom_right.y.to_pt()),
                        width: (bottom_right.x - top_left.x).to_pt().abs(),
                        height: (bottom_right.y - top_left.y).to_pt().abs(),
                    };
                    self.pictures.push((self.words.len(), record));
                }
                _ => {}
            }
        }
    }

    /// A run of text's words: split at spaces and wherever the place of
    /// the glyphs changes.
    fn text(&mut self, text: &TextItem, pos: Point, ts: Transform) {
        let metrics = text.font.metrics();
        let ascent = metrics.ascender.at(text.size).to_pt();
        let descent = -metrics.descender.at(text.size).to_pt();
        let mut cursor = Abs::zero();
        let mut word: Option<(Place, Abs, Abs)> = None;
        let mut words = Vec::new();
        for glyph in &text.glyphs {
            let start = cursor + glyph.x_offset.at(text.size);
            let advance = glyph.x_advance.at(text.size);
            cursor += advance;
            let is_space = text
                .text
                .get(glyph.range())
                .is_some_and(|s| s.chars().all(char::is_whitespace));
            // Each glyph's own place: one piece of markup can hold text of
            // several places of the LaTeX (a macro's body and its argument).
            let place = if is_space {
                None
            } else {
                self.place(glyph.span.0, glyph.span.1)
            };
            match (place, &mut word) {
                (Some(p), Some((q, _, end))) if p == *q => *end = start + advance,
                (place, _) => {
                    words.extend(word.take());
                    word = place.map(|p| (p, start, start + advance));
                }
            }
        }
        words.extend(word);
        for (place, start, end) in words {
            let left = (pos + Point::with_x(start)).transform(ts);
            let right = (pos + Point::with_x(end)).transform(ts);
            let word = Word {
                place,
                x: left.x.to_pt().min(right.x.to_pt()),
                width: (right.x - left.x).to_pt().abs(),
            };
            self.words.push((word, left.y.to_pt(), ascent, descent));
        }
    }

    /// The page's words gathered into lines (words on one baseline, each
    /// right of the last), and its pictures, in the order laid out.
    fn page_records(&mut self) -> Vec<Record> {
        let mut records: Vec<Record> = Vec::new();
        let mut pictures = std::mem::take(&mut self.pictures).into_iter().peekable();
        let mut line_end = f64::NEG_INFINITY;
        for (i, (word, baseline, ascent, descent)) in
            std::mem::take(&mut self.words).into_iter().enumerate()
        {
            while let Some((_, picture)) = pictures.next_if(|(at, _)| *at <= i) {
                records.push(picture);
                line_end = f64::NEG_INFINITY;
            }
            // A gap of several ems is another column or a table's next cell.
            let em = ascent + descent;
            if let Some(Record::Line {
                baseline: b,
                ascent: a,
                descent: d,
                words,
            }) = records.last_mut()
                && (*b - baseline).abs() < 0.5
                && word.x >= line_end - 1.0
                && word.x - line_end < 3.0 * em
            {
                *a = a.max(ascent);
                *d = d.max(descent);
                line_end = word.x + word.width;
                words.push(word);
                continue;
            }
            line_end = word.x + word.width;
            records.push(Record::Line {
                baseline,
                ascent,
                descent,
                words: vec![word],
            });
        }
        records.extend(pictures.map(|(_, picture)| picture));
        records
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(words: &[(u32, u32, f64)]) -> Record {
        Record::Line {
            baseline: 100.0,
            ascent: 8.0,
            descent: 2.0,
            words: words
                .iter()
                .map(|&(input, line, x)| Word {
                    place: Place { input, line },
                    x,
                    width: 20.0,
                })
                .collect(),
        }
    }

    fn sample() -> SyncTex {
        SyncTex {
            inputs: vec!["/j/a.tex".into(), "/j/b.tex".into()],
            pages: vec![
                PageRecords {
                    width: 600.0,
                    height: 800.0,
                    records: vec![line(&[(1, 7, 72.0), (1, 8, 100.0)])],
                },
                PageRecords {
                    width: 600.0,
                    height: 800.0,
                    records: vec![line(&[(0, 3, 72.0)])],
                },
            ],
        }
    }

    #[test]
    fn inputs_are_numbered_as_the_pages_written_first_name_them() {
        let s = sample();
        let text = s.text(&s.pages);
        assert!(text.starts_with("SyncTeX Version:1\nInput:1:/j/b.tex\nInput:2:/j/a.tex\n"));
        assert!(text.contains("\n{1\n[1,7:0,52625408:39469056,52625408,0\n(1,7:4736287,6578176:"));
        assert!(text.contains("\ng1,8:6578176,6578176:1315635\n"), "{text}");
        assert!(text.contains("\n{2\n[2,3:"));
        // A range of pages lists only the inputs it uses, from 1.
        let text = s.text(&s.pages[1..]);
        assert!(text.contains("Input:1:/j/a.tex\nOutput:pdf"));
        assert!(!text.contains("b.tex"));
        assert!(text.contains("\n{1\n[1,3:"));
    }

    #[test]
    fn anchors_count_the_bytes_since_the_last_anchor() {
        let s = sample();
        let text = s.text(&s.pages);
        let mut last = 0;
        let mut anchors = 0;
        for (at, _) in text.match_indices('!') {
            let line_end = at + text[at..].find('\n').expect("a line");
            let n: usize = text[at + 1..line_end].parse().expect("a number");
            assert_eq!(n, at - last, "anchor at {at}");
            last = at;
            anchors += 1;
        }
        assert_eq!(anchors, 4);
        assert!(text.ends_with("Post scriptum:\n"));
    }

    #[test]
    fn a_file_is_gzipped_and_the_same_every_time() {
        let s = sample();
        let a = s.file(1, 2);
        assert_eq!(a, s.file(1, 2));
        assert_eq!(&a[..2], &[0x1f, 0x8b]);
        let mut text = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&a[..]), &mut text)
            .expect("gzip");
        assert_eq!(text, s.text(&s.pages));
    }
}

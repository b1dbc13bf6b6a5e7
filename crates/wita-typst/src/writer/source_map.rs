//! The map from generated markup back to the LaTeX: byte ranges of the
//! markup and the spans they stand for, and an index of it for the many
//! lookups of mapping typst's diagnostics and positions.

use wita_diag::Span;

/// Byte ranges of generated markup and the LaTeX spans they stand for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourceMap {
    entries: Vec<(usize, usize, Span)>,
}

impl SourceMap {
    pub fn push(&mut self, start: usize, end: usize, span: Span) {
        self.entries.push((start, end, span));
    }

    /// The LaTeX span of the innermost piece of markup holding `offset`.
    pub fn find(&self, offset: usize) -> Option<Span> {
        self.entries
            .iter()
            .filter(|(s, e, _)| *s <= offset && offset <= *e)
            .min_by_key(|(s, e, _)| e - s)
            .map(|(_, _, span)| *span)
    }

    /// The map of markup that was placed at `offset` in a bigger file.
    pub fn shifted(&self, offset: usize) -> SourceMap {
        SourceMap {
            entries: self
                .entries
                .iter()
                .map(|&(s, e, span)| (s + offset, e + offset, span))
                .collect(),
        }
    }

    pub fn extend(&mut self, other: SourceMap) {
        self.entries.extend(other.entries);
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The map as a table from every byte of the markup to its innermost
    /// piece, for many lookups ([`find`](Self::find) scans every entry).
    pub fn index(&self) -> SourceMapIndex {
        let end = self
            .entries
            .iter()
            .map(|&(_, e, _)| e + 1)
            .max()
            .unwrap_or(0);
        let mut innermost = vec![u32::MAX; end];
        // Widest first, so that a piece nested in another paints over it;
        // of two of one width, the first pushed wins, as in `find`.
        let mut order: Vec<usize> = (0..self.entries.len()).collect();
        order.sort_by_key(|&i| {
            let (s, e, _) = self.entries[i];
            (std::cmp::Reverse(e - s), std::cmp::Reverse(i))
        });
        for i in order {
            let (s, e, _) = self.entries[i];
            innermost[s..=e].fill(i as u32);
        }
        SourceMapIndex {
            entries: self.entries.clone(),
            innermost,
        }
    }
}

/// A [`SourceMap`] indexed by byte ([`SourceMap::index`]).
#[derive(Debug, Clone, Default)]
pub struct SourceMapIndex {
    entries: Vec<(usize, usize, Span)>,
    innermost: Vec<u32>,
}

impl SourceMapIndex {
    /// The innermost piece of markup holding `offset`: its start in the
    /// markup and the LaTeX it stands for.
    pub fn find(&self, offset: usize) -> Option<(usize, Span)> {
        let &i = self.innermost.get(offset)?;
        let &(start, _, span) = self.entries.get(i as usize)?;
        Some((start, span))
    }

    /// The place in the LaTeX of the markup's byte `offset`: as far into the
    /// innermost piece's LaTeX as `offset` is into the piece (a word is
    /// written as it was read, so this finds the line of a word in a
    /// paragraph; elsewhere it stays inside the piece's span).
    pub fn locate(&self, offset: usize) -> Option<Span> {
        let (start, span) = self.find(offset)?;
        let at = span.start as usize + (offset - start).min(span.range().len());
        Some(Span::new(span.file, at..at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wita_diag::Sources;

    #[test]
    fn the_index_finds_the_innermost_piece_as_find_does() {
        let sources = Sources::new();
        let file = sources.add("a.tex", "0123456789abcdefghij");
        let mut map = SourceMap::default();
        // A paragraph of two words, as the writer pushes them (inner first).
        map.push(2, 5, Span::new(file, 10..13));
        map.push(6, 9, Span::new(file, 14..17));
        map.push(0, 12, Span::new(file, 8..20));
        let index = map.index();
        for offset in 0..=13 {
            assert_eq!(
                index.find(offset).map(|(_, span)| span),
                map.find(offset),
                "at {offset}"
            );
        }
        // Into a word as far as into its markup; past the LaTeX, at its end.
        assert_eq!(index.locate(7), Some(Span::new(file, 15..15)));
        assert_eq!(index.locate(11), Some(Span::new(file, 19..19)));
        assert_eq!(index.locate(13), None);
    }
}

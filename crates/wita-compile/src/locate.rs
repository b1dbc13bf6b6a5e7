//! Where laid-out text was written: a typst span (and a byte into it), as a
//! glyph of the document carries it, mapped to the place in the LaTeX that
//! the markup holding it was generated from. SyncTeX is made of these.

use std::collections::HashMap;

use typst::World;
use typst::syntax::{FileId, LinkedNode, Source};
use wita_diag::Span;
use wita_typst::SourceMapIndex;

use crate::Compiler;
use crate::Origin;

/// Maps the spans of the last compiled document to LaTeX places; each
/// generated file's map is indexed the first time it is asked for.
///
/// It is asked once per glyph, and the glyphs of a word share their span:
/// the last span's lookup is kept, before the tables.
pub struct TextLocator<'a> {
    compiler: &'a Compiler,
    /// The generated files' (`None`: not an article's).
    indexes: Vec<Option<Generated>>,
    index_of: HashMap<FileId, usize>,
    /// The last span asked for: where its markup starts, and its file's
    /// index.
    last: Option<(typst::syntax::Span, Option<(usize, usize)>)>,
}

/// An article's generated file, ready for many lookups.
struct Generated {
    map: SourceMapIndex,
    /// Where each of its syntax nodes starts, by span.
    starts: HashMap<typst::syntax::Span, usize>,
    source: Source,
}

impl Compiler {
    /// A locator for the document this compiler compiled last.
    pub fn text_locator(&self) -> TextLocator<'_> {
        TextLocator {
            compiler: self,
            indexes: Vec::new(),
            index_of: HashMap::new(),
            last: None,
        }
    }
}

impl TextLocator<'_> {
    /// The LaTeX place (an empty span) of byte `offset` of the markup at
    /// `span`: `None` for what wita's template wrote, not an article.
    pub fn locate(&mut self, span: typst::syntax::Span, offset: u16) -> Option<Span> {
        let found = match self.last {
            Some((last, found)) if last == span => found,
            _ => {
                let found = self.find(span);
                self.last = Some((span, found));
                found
            }
        };
        let (start, index) = found?;
        let generated = self.indexes[index].as_ref()?;
        generated.map.locate(start + usize::from(offset))
    }

    /// Where a span's markup starts in its file, and that file's index.
    fn find(&mut self, span: typst::syntax::Span) -> Option<(usize, usize)> {
        let id = span.id()?;
        let index = match self.index_of.get(&id) {
            Some(&index) => index,
            None => {
                // The world hands a source out anew each time it is asked:
                // it is asked once per file here.
                let map = match self.compiler.origins.get(&id) {
                    Some(Origin::Article(map)) => {
                        self.compiler.world.source(id).ok().map(|source| {
                            let mut starts = HashMap::new();
                            node_starts(&LinkedNode::new(source.root()), &mut starts);
                            Generated {
                                map: map.index(),
                                starts,
                                source,
                            }
                        })
                    }
                    _ => None,
                };
                self.indexes.push(map);
                self.index_of.insert(id, self.indexes.len() - 1);
                self.indexes.len() - 1
            }
        };
        let Generated { starts, source, .. } = self.indexes[index].as_ref()?;
        // Typst finds a span by walking down from the root, through every
        // child of each node on the way: too slow for thousands of spans.
        if let Some(&start) = starts.get(&span) {
            return Some((start, index));
        }
        let start = match typst::syntax::DiagSpan::from(span).get() {
            typst::syntax::DiagSpanKind::Number { num, sub_range, .. } => {
                source.range(num, sub_range)?.start
            }
            typst::syntax::DiagSpanKind::Range { range, .. } => range.start,
            typst::syntax::DiagSpanKind::Detached => return None,
        };
        Some((start, index))
    }
}

/// Where every node of a tree starts, by its span.
fn node_starts(node: &LinkedNode, out: &mut HashMap<typst::syntax::Span, usize>) {
    out.insert(node.span(), node.offset());
    for child in node.children() {
        node_starts(&child, out);
    }
}

//! Where laid-out text was written: a typst span (and a byte into it), as a
//! glyph of the document carries it, mapped to the place in the LaTeX that
//! the markup holding it was generated from. SyncTeX is made of these.

use std::collections::HashMap;

use typst::WorldExt;
use typst::syntax::FileId;
use wita_diag::Span;
use wita_typst::{Origin, SourceMapIndex};

use crate::Compiler;

/// Maps the spans of the last compiled document to LaTeX places; each
/// generated file's map is indexed the first time it is asked for.
pub struct TextLocator<'a> {
    compiler: &'a Compiler,
    indexes: HashMap<FileId, Option<SourceMapIndex>>,
}

impl Compiler {
    /// A locator for the document this compiler compiled last.
    pub fn text_locator(&self) -> TextLocator<'_> {
        TextLocator {
            compiler: self,
            indexes: HashMap::new(),
        }
    }
}

impl TextLocator<'_> {
    /// The LaTeX place (an empty span) of byte `offset` of the markup at
    /// `span`: `None` for what wita's template wrote, not an article.
    pub fn locate(&mut self, span: typst::syntax::Span, offset: u16) -> Option<Span> {
        let id = span.id()?;
        let compiler = self.compiler;
        let index = self
            .indexes
            .entry(id)
            .or_insert_with(|| match compiler.origins.get(&id) {
                Some(Origin::Article(map)) => Some(map.index()),
                _ => None,
            })
            .as_ref()?;
        let range = compiler.world.range(span)?;
        index.locate(range.start + usize::from(offset))
    }
}

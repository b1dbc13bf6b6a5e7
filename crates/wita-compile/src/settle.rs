//! typst's `compile` for PDFs, with room for more layout passes.
//!
//! typst lays a document out again until what the layout looked up
//! (counters, queries, positions, measured sizes) no longer changes, and
//! gives up after five layouts (`MAX_ITERS`, a constant). wita places floats
//! by LaTeX's rules from where the text before each one ends, so a float's
//! decision moves the text, and so the decisions, of the floats after it:
//! an article with many floats near page ends needs five or six layouts
//! (202508's issue five, GraphLab's paper six), and at typst's limit its
//! pages came out of a layout that had not settled, with a warning about
//! wita's template. This is typst 0.15.1's `compile` (`typst/src/lib.rs`)
//! for paged documents with [`MAX_LAYOUTS`] instead; when the layout still
//! does not settle, typst's own analysis of the last layouts says what kept
//! changing. (typst offers no setting for the limit: hence this copy of its
//! loop, which uses only typst's public API.)

use typst::World;
use typst::comemo::{Constraint, Track, Tracked};
use typst::diag::{SourceDiagnostic, SourceResult, Warned};
use typst::engine::{Engine, Route, Sink, Traced};
use typst::foundations::{Output, StyleChain, TargetElem};
use typst::introspection::{EmptyIntrospector, Introspector, MAX_ITERS};
use typst::utils::Protected;
use typst_layout::PagedDocument;

/// How many times a document is laid out at most.
pub const MAX_LAYOUTS: usize = 8;

/// [`typst::compile`] of a PDF's pages, laid out up to [`MAX_LAYOUTS`] times.
pub fn compile_paged(world: &dyn World) -> Warned<SourceResult<PagedDocument>> {
    compile_with_limit(world, MAX_LAYOUTS)
}

/// [`compile_paged`] with at most `limit` layouts (at least two).
pub(crate) fn compile_with_limit(
    world: &dyn World,
    limit: usize,
) -> Warned<SourceResult<PagedDocument>> {
    let mut sink = Sink::new();
    let output = layout_until_settled(world.track(), &mut sink, limit.max(2));
    Warned {
        output,
        warnings: sink.warnings(),
    }
}

fn layout_until_settled(
    world: Tracked<dyn World + '_>,
    sink: &mut Sink,
    limit: usize,
) -> SourceResult<PagedDocument> {
    let library = world.library();
    let traced = Traced::default();
    let traced = traced.track();
    let base = StyleChain::new(&library.styles);
    let target = TargetElem::target.set(PagedDocument::target()).wrap();
    let styles = base.chain(&target);
    let empty = EmptyIntrospector;

    let main = world.main();
    let main = world.source(main).map_err(|err| {
        typst::ecow::eco_vec![SourceDiagnostic::error(
            typst::syntax::Span::detached(),
            typst::ecow::eco_format!("the main file cannot be read ({err})"),
        )]
    })?;
    let content = typst_eval::eval(
        world,
        library,
        traced,
        sink.track_mut(),
        Route::default().track(),
        &main,
    )?
    .content();

    // The last documents laid out (as many as typst's analysis compares):
    // each layout looks things up in the one before it.
    let mut history: std::collections::VecDeque<PagedDocument> = Default::default();
    for layouts in 1.. {
        let introspector: &dyn Introspector =
            history.back().map(Output::introspector).unwrap_or(&empty);
        let constraint = Constraint::new();
        let mut subsink = Sink::new();
        let mut engine = Engine {
            library,
            world,
            introspector: Protected::new(introspector.track_with(&constraint)),
            traced,
            sink: subsink.track_mut(),
            route: Route::default(),
        };
        let document = PagedDocument::create(&mut engine, &content, styles)?;

        if constraint.validate(Output::introspector(&document)) {
            sink.extend_from_sink(subsink);
            return finish(sink, document);
        }
        if layouts >= limit {
            // typst's analysis compares the last layouts: the introspector
            // each of them looked at, then the document the last one made.
            let mut introspectors = [&empty as &dyn Introspector; MAX_ITERS + 1];
            let looked_at = history.len().min(MAX_ITERS);
            for (slot, doc) in introspectors[MAX_ITERS - looked_at..MAX_ITERS]
                .iter_mut()
                .zip(history.range(history.len() - looked_at..))
            {
                *slot = Output::introspector(doc);
            }
            introspectors[MAX_ITERS] = Output::introspector(&document);
            let warnings =
                typst::introspection::analyze(world, introspectors, subsink.introspections());
            sink.extend_from_sink(subsink);
            for mut warning in warnings {
                if warning.message.starts_with("document did not converge") {
                    warning.message = typst::ecow::eco_format!(
                        "document did not converge within {limit} layouts"
                    );
                }
                sink.warn(warning);
            }
            return finish(sink, document);
        }
        if history.len() == MAX_ITERS {
            history.pop_front();
        }
        history.push_back(document);
    }
    unreachable!("the layouts are counted without end")
}

/// The document, or the errors typst delayed until the layout was done.
fn finish(sink: &mut Sink, document: PagedDocument) -> SourceResult<PagedDocument> {
    let delayed = sink.delayed();
    if delayed.is_empty() {
        Ok(document)
    } else {
        Err(delayed)
    }
}

//! Translation is linear: a generated 10,000-line main.tex (paragraphs,
//! sections, lists, tables, math, macros, footnotes, code) read and written
//! as Typst. `cargo bench -p wita-latex --bench translate` (release mode).
//!
//! Timed by hand (median of runs) like `wita-cli`'s issue bench, rather than
//! with criterion, to keep CI's dependency build small; the figure that
//! matters is one number in milliseconds.

use std::sync::Arc;
use std::time::{Duration, Instant};

use wita_diag::{FileId, Sources};
use wita_latex::{ReadContext, ResolveError, Resolver, read_article};

struct NoFiles;
impl Resolver for NoFiles {
    fn read_input(&self, w: &str) -> Result<(FileId, Arc<str>), ResolveError> {
        Err(ResolveError::new(
            wita_diag::codes::FILE_NOT_FOUND,
            format!("no {w}"),
        ))
    }
    fn graphic(&self, w: &str) -> Result<String, ResolveError> {
        Ok(format!("e/{w}"))
    }
}

/// A realistic article of at least `lines` lines.
fn generate(lines: usize) -> String {
    let mut out = String::from(
        "\\newcommand{\\tool}{\\textsf{wita}}\n\\newcommand{\\emphx}[2][note]{\\emph{#1: #2}}\n\\DeclareMathOperator{\\argmax}{arg\\,max}\n",
    );
    let mut n = 0;
    while out.lines().count() < lines {
        n += 1;
        out.push_str(&format!(
            "\\section{{Part {n}}}\\label{{sec:{n}}}\n\
             The \\tool{{}} pipeline reads paragraph {n} with \\textbf{{bold}}, \\emph{{emphasis}}\n\
             and a footnote.\\footnote{{A note in part {n}, see Section~\\ref{{sec:{n}}}.}} Inline math\n\
             $x_{n} = \\frac{{a}}{{b}} + \\sqrt{{c}}$ sits in the text, and \\emphx{{macros}} expand.\n\
             A second sentence continues the paragraph ``with quotes'' --- and dashes.\n\
             \n\
             \\begin{{itemize}}\n\
             \\item First item with \\texttt{{code}}.\n\
             \\item Second item, \\url{{https://example.org/{n}}}.\n\
             \\begin{{enumerate}}[label=(\\alph*)]\n\
             \\item nested one\n\
             \\item nested two\n\
             \\end{{enumerate}}\n\
             \\end{{itemize}}\n\
             \\begin{{table}}[ht]\n\
             \\centering\\small\n\
             \\caption{{Numbers of part {n}.}}\\label{{tab:{n}}}\n\
             \\begin{{tabular}}{{lcr}}\n\
             \\toprule\n\
             Name & Value & Unit \\\\\n\
             \\midrule\n\
             alpha & {n} & m \\\\\n\
             \\multicolumn{{2}}{{c}}{{beta}} & s \\\\\n\
             \\bottomrule\n\
             \\end{{tabular}}\n\
             \\end{{table}}\n\
             \\begin{{equation}}\\label{{eq:{n}}}\n\
             \\argmax_x f(x) = \\sum_{{i=1}}^{{n}} x_i^2\n\
             \\end{{equation}}\n\
             \\begin{{lstlisting}}[language=Python]\n\
             def part_{n}():\n\
             \x20   return {n}\n\
             \\end{{lstlisting}}\n\
             As Table~\\ref{{tab:{n}}} and Equation~\\eqref{{eq:{n}}} show, it works.\n\
             \n"
        ));
    }
    out
}

fn main() {
    let text = generate(10_000);
    let lines = text.lines().count();
    let runs = 20;
    let mut times: Vec<Duration> = Vec::new();
    for i in 0..=runs {
        let sources = Sources::new();
        let id = sources.add("main.tex", text.as_str());
        let ctx = ReadContext {
            sources: &sources,
            resolver: &NoFiles,
            entry_path: "e",
            issue_path: "i",
            today: "today",
        };
        let started = Instant::now();
        let (article, diags) = read_article(&text, id, &ctx);
        let markup = wita_typst::write_content(&article.body);
        let took = started.elapsed();
        assert!(!diags.has_errors());
        assert!(markup.text.len() > text.len() / 2);
        if i > 0 {
            // The first run warms up.
            times.push(took);
        }
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "translate {lines}-line main.tex ({} KB): median {:.1} ms (min {:.1}, max {:.1}) over {runs} runs",
        text.len() / 1024,
        ms(times[runs / 2]),
        ms(times[0]),
        ms(times[runs - 1])
    );
}

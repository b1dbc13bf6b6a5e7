use wita_diag::{Renderer, Sources, Style};
use wita_latex::{NoFiles, ReadContext, read_article};
fn main() {
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap();
        let sources = Sources::new();
        let id = sources.add(path.clone(), text.as_str());
        let ctx = ReadContext {
            sources: &sources,
            resolver: &NoFiles,
            entry_path: "E",
            issue_path: "I",
            today: "T",
        };
        let (a, d) = read_article(&text, id, &ctx);
        let r = Renderer::new(&sources, Style::Short);
        for d in d.iter() {
            print!("{}", r.to_string(d));
        }
        println!("{}: {} nodes", path, a.body.len());
    }
}

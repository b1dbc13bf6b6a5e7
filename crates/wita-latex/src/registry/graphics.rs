//! Images: graphicx's `\includegraphics` (a file inside the entry) and
//! `\rotatebox` (its text, upright).

use wita_diag::Span;
use wita_diag::codes;
use wita_doc::{Content, Image, Node, NodeKind, Placeholder, Scale};

use super::Handler::Command;
use super::core::text_box;
use super::{Entry, entry};
use crate::length::parse_length;
use crate::reader::{Reader, push_display, push_parbreak};

/// A graphic command's `[options]` and file name, and its whole place; `None`
/// after an error about the name (`\includegraphics{\figname}` where
/// nothing defines `\figname`: what LaTeX stops on, said as LaTeX says it).
fn file_argument(r: &mut Reader<'_>, name: &str, span: Span) -> Option<(String, String, Span)> {
    let options = r
        .read_optional()
        .map(|(t, _)| r.arg_string(t))
        .unwrap_or_default();
    let (tokens, arg_span) = r.expect_arg(name, span);
    let written = r.arg_string(tokens);
    let full = span.join(arg_span);
    if let Some(command) = undefined_command(&written) {
        let d = r.error(
            codes::UNKNOWN_COMMAND,
            full,
            format!("undefined control sequence `\\{command}` in the file name"),
        );
        d.label = Some(format!("`\\{command}` is not defined"));
        d.help.push(format!(
            "define it before this line (`\\newcommand{{\\{command}}}{{file}}`), or write the file's name"
        ));
        return None;
    }
    Some((options, written, full))
}

/// A file not found, or not to be read: the error at its command.
fn file_error(r: &mut Reader<'_>, e: crate::ResolveError, full: Span, written: &str) {
    let d = r.error(e.code, full, e.message);
    d.label = Some(format!("`{written}`"));
    d.help.extend(e.help);
}

fn includegraphics(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    r.read_star();
    let Some((options, written, full)) = file_argument(r, name, span) else {
        return;
    };
    let mut image = Image {
        path: String::new(),
        width: None,
        height: None,
        scale: None,
        alt: None,
        page: None,
    };
    for option in split_options(&options) {
        let Some((key, value)) = option.split_once('=') else {
            continue;
        };
        match key.trim() {
            // The key LaTeX's tagging project gives the alternative text.
            "alt" => image.alt = Some(plain_value(value)),
            "width" => image.width = parse_length(value),
            "page" => image.page = value.trim().parse().ok().filter(|p| *p > 0),
            "height" | "totalheight" => image.height = parse_length(value),
            "scale" => {
                image.scale = value
                    .trim()
                    .parse()
                    .ok()
                    .filter(|s: &f64| s.is_finite() && *s > 0.0)
            }
            _ => {}
        }
    }
    match find_graphic(r, &written) {
        Found::Image(path) => {
            image.path = path;
            out.push(Node::new(NodeKind::Image(image), full));
        }
        Found::Eps(file) => {
            r.warn(codes::PICTURE_PLACEHOLDER,
                full,
                format!("`{file}` is an EPS file, which cannot be drawn without TeX and Ghostscript; a placeholder is printed"),
            )
            .help
            .push(format!(
                "convert it once (`epstopdf {file}` writes a PDF beside it, as LaTeX's own conversion does) and wita uses the PDF"
            ));
            out.push(Node::new(
                NodeKind::Placeholder(Placeholder {
                    what: format!("[{file}: EPS is not drawn without TeX]"),
                    width: image.width,
                    height: image.height,
                }),
                full,
            ));
        }
        Found::Error(e) => file_error(r, e, full, &written),
    }
}

/// What an `\includegraphics` path leads to.
enum Found {
    Image(String),
    /// An EPS file with no PDF, PNG or SVG made from it.
    Eps(String),
    Error(crate::ResolveError),
}

/// Finds an image as graphicx does: the path as written (its extension
/// tried in turn when it has none), then in each `\graphicspath` folder. An
/// EPS file is drawn from what LaTeX users convert it to
/// (`x-eps-converted-to.pdf`, as epstopdf names it, or `x.pdf`, `x.png`,
/// `x.svg` beside it).
fn find_graphic(r: &Reader<'_>, written: &str) -> Found {
    let prefixes: Vec<String> = std::iter::once(String::new())
        .chain(r.graphics_paths.iter().cloned())
        .collect();
    let lookup = |name: &str| -> Result<String, crate::ResolveError> {
        let mut first = None;
        for prefix in &prefixes {
            match r.ctx.resolver.graphic(&format!("{prefix}{name}")) {
                Ok(path) => return Ok(path),
                Err(e) if e.not_found => {
                    first.get_or_insert(e);
                }
                Err(e) => return Err(e),
            }
        }
        Err(first.unwrap_or_else(|| crate::ResolveError::not_found(format!("`{name}` not found"))))
    };
    let lower = written.to_ascii_lowercase();
    let (stem, eps) = if lower.ends_with(".eps") || lower.ends_with(".ps") {
        (
            &written[..written.rfind('.').unwrap_or(written.len())],
            true,
        )
    } else {
        (written, false)
    };
    if !eps {
        match lookup(written) {
            Ok(path) => return Found::Image(path),
            Err(e) if !e.not_found => return Found::Error(e),
            Err(e) => {
                // Only an EPS file by that name: say so.
                if lookup(&format!("{written}.eps")).is_ok() {
                    return converted(&lookup, stem)
                        .unwrap_or_else(|| Found::Eps(format!("{written}.eps")));
                }
                return Found::Error(e);
            }
        }
    }
    converted(&lookup, stem).unwrap_or_else(|| match lookup(written) {
        Ok(_) => Found::Eps(written.to_owned()),
        Err(e) => Found::Error(e),
    })
}

/// The image made from an EPS file, if there is one.
fn converted(
    lookup: &dyn Fn(&str) -> Result<String, crate::ResolveError>,
    stem: &str,
) -> Option<Found> {
    for candidate in [
        format!("{stem}-eps-converted-to.pdf"),
        format!("{stem}.pdf"),
        format!("{stem}.png"),
        format!("{stem}.svg"),
    ] {
        if let Ok(path) = lookup(&candidate) {
            return Some(Found::Image(path));
        }
    }
    None
}

/// The first `\name` in a path: a command nothing expanded.
fn undefined_command(written: &str) -> Option<&str> {
    let at = written.find('\\')?;
    let rest = &written[at + 1..];
    let len = rest
        .find(|c: char| !c.is_ascii_alphabetic() && c != '@')
        .unwrap_or(rest.len());
    (len > 0).then(|| &rest[..len])
}

/// `\graphicspath{{figs/}{img/}}`: the folders images are looked for in.
fn graphicspath(r: &mut Reader<'_>, name: &str, span: Span, _: &mut Content) {
    let (tokens, _) = r.expect_arg(name, span);
    let text = r.arg_string(tokens);
    let mut paths = Vec::new();
    for part in text.split('}') {
        let folder = part.trim().trim_start_matches('{').trim();
        if folder.is_empty() {
            continue;
        }
        let folder = folder.trim_start_matches("./");
        if folder.is_empty() {
            // `{./}`: the entry folder, where every image is looked for first.
            continue;
        }
        let folder = if folder.ends_with('/') {
            folder.to_owned()
        } else {
            format!("{folder}/")
        };
        paths.push(folder);
    }
    r.graphics_paths = paths;
}

/// `key=value` options split at the commas outside braces (`alt={a, b}`).
pub(super) fn split_options(options: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (i, c) in options.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(&options[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&options[start..]);
    parts
}

/// An option's value as text: its braces and TeX's escapes gone.
fn plain_value(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.trim().chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' | '}' => {}
            '\\' => match chars.peek() {
                Some(&n) if !n.is_alphabetic() => {
                    out.push(n);
                    chars.next();
                }
                _ => {}
            },
            '~' => out.push(' '),
            c => out.push(c),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// graphicx's `\resizebox{width}{height}{..}` (`!` keeps the proportions;
/// the starred form's height is the total height, taken as the height) and
/// `\scalebox{x}[y]{..}`: the content scaled, as graphicx scales its box.
fn scalebox(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let scale = if name == "scalebox" {
        let (x, _) = r.expect_arg(name, span);
        let x = r.arg_string(x).trim().parse::<f64>().ok();
        let y = r
            .read_optional()
            .and_then(|(t, _)| r.arg_string(t).trim().parse::<f64>().ok());
        x.map(|x| Scale::By {
            x,
            y: y.unwrap_or(x),
        })
    } else {
        r.read_star();
        let side = |r: &mut Reader<'_>| {
            let (t, _) = r.expect_arg(name, span);
            let text = r.arg_string(t);
            (text.trim() != "!").then(|| parse_length(&text)).flatten()
        };
        let width = side(r);
        let height = side(r);
        (width.is_some() || height.is_some()).then_some(Scale::To { width, height })
    };
    let (body, arg_span) = r.arg_content(name, span);
    let kind = match scale {
        Some(scale) => NodeKind::Scaled(scale, body),
        None => NodeKind::Group(body),
    };
    out.push(Node::new(kind, span.join(arg_span)));
}

/// The pages pdfpages' `pages=` names (`3`, `1-4`, `{1,3-5}`; `{}` is a
/// blank page, left out), and whether it names pages wita cannot count (an
/// open range such as `-` or `3-`: their first page is taken).
fn pdf_pages(spec: &str) -> (Vec<u32>, bool) {
    let mut pages = Vec::new();
    let mut open = false;
    for item in split_options(spec.trim().trim_start_matches('{').trim_end_matches('}')) {
        let item = item
            .trim()
            .trim_start_matches('{')
            .trim_end_matches('}')
            .trim();
        if item.is_empty() {
            continue;
        }
        let number = |s: &str| s.trim().parse::<u32>().ok().filter(|n| *n > 0);
        match item.split_once('-') {
            Some((a, b)) => match (number(a), number(b)) {
                (Some(a), Some(b)) if a <= b && b - a < 1000 => pages.extend(a..=b),
                (a, _) => {
                    pages.push(a.unwrap_or(1));
                    open = true;
                }
            },
            None => match number(item) {
                Some(n) => pages.push(n),
                None => open = true,
            },
        }
    }
    (pages, open)
}

/// pdfpages' `\includepdf[pages=..]{file}`: the PDF's pages it names, each
/// at the text's width in a paragraph of its own (page 1 when it names
/// none).
fn includepdf(r: &mut Reader<'_>, name: &str, span: Span, out: &mut Content) {
    let Some((options, written, full)) = file_argument(r, name, span) else {
        return;
    };
    let spec = split_options(&options)
        .into_iter()
        .find_map(|o| {
            o.split_once('=')
                .filter(|(k, _)| k.trim() == "pages")
                .map(|(_, v)| v.to_owned())
        })
        .unwrap_or_else(|| "1".into());
    let (mut pages, open) = pdf_pages(&spec);
    if pages.is_empty() {
        pages.push(1);
    }
    let path = match find_graphic(r, &written) {
        Found::Image(path) => path,
        Found::Eps(file) => {
            r.warn(
                codes::PICTURE_PLACEHOLDER,
                full,
                format!("`{file}` is an EPS file; its pages are not inserted"),
            );
            return;
        }
        Found::Error(e) => return file_error(r, e, full, &written),
    };
    if open {
        r.warn(
            codes::UNREADABLE_VALUE,
            full,
            format!("`pages={spec}`: wita does not count a PDF's pages, so it inserts the first page of an open range only"),
        )
        .help
        .push("list the pages (`pages={1-3}`)".into());
    }
    for page in pages {
        let image = Image {
            path: path.clone(),
            width: Some(wita_doc::Length::Width(1.0)),
            height: None,
            scale: None,
            alt: None,
            page: Some(page),
        };
        push_display(out, Node::new(NodeKind::Image(image), full), full);
    }
    push_parbreak(out, full);
}

#[rustfmt::skip]
pub(super) const ENTRIES: &[Entry] = &[
    entry("resizebox", "s m m m", Command(scalebox), "its content scaled to a width and/or height (`!` keeps the proportions)"),
    entry("scalebox", "m o m", Command(scalebox), "its content scaled by a factor (and another for the height)"),
    entry("includegraphics", "s o m", Command(includegraphics), "an image of the entry (`width=`, `height=`, `scale=`, `alt=`, a PDF's `page=`)"),
    entry("includepdf", "o m", Command(includepdf), "pdfpages: the pages of a PDF of the entry (`pages=`), each at the text's width"),
    entry("rotatebox", "o m m", Command(text_box), "its text, not rotated"),
    entry("graphicspath", "m", Command(graphicspath), "the folders of the entry images are looked for in"),
];

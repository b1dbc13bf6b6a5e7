//! Tables: LaTeX's `tabular` and `array`, tabularx, tabulary, tabu,
//! longtable, xltabular, supertabular; the rules between rows (booktabs,
//! arydshln, hhline, colortbl), `\multicolumn`, multirow, array's
//! `\newcolumntype`. The floats around tables are in `floats`.

use wita_diag::Span;
use wita_diag::codes;
use wita_doc::{
    Alignment, Column, ColumnKind, Content, Length, Node, NodeKind, Rule, Table, TableCell,
    TableRow,
};

use super::Handler::{Cell, Command, Environment, Row};
use super::{Entry, entry, ignore};
use crate::length::parse_length;
use crate::lex::{Token, TokenKind, detokenize, group_end};
use crate::reader::{CellEnd, Reader, Stop};

fn table(r: &mut Reader<'_>, name: String, begin: Span, out: &mut Content) {
    let name = name.as_str();
    let mut width = None;
    match name {
        "tabular*" | "tabularx" | "tabulary" | "xltabular" => {
            let (tokens, _) = r.expect_arg(name, begin);
            let text = r.arg_string(tokens);
            width = parse_length(&text);
            r.read_optional();
        }
        "tabu" | "longtabu" | "tabu*" | "longtabu*" => {
            // `tabu to \linewidth {..}` / `tabu spread 0pt {..}`.
            r.skip_spaces();
            if let Some(TokenKind::Text(t)) = r.peek_kind()
                && (t == "to" || t == "spread")
            {
                let to = t == "to";
                r.next();
                let mut text = String::new();
                while let Some(kind) = r.peek_kind() {
                    match kind {
                        TokenKind::BeginGroup => break,
                        _ => {
                            let token = r.next().expect("peeked");
                            text.push_str(&detokenize(&[token]));
                        }
                    }
                }
                width = if to {
                    parse_length(&text)
                } else {
                    Some(Length::Width(1.0))
                };
            }
        }
        _ => {
            r.read_optional();
        }
    }
    let (spec, _) = r.expect_arg(name, begin);
    let spec = r.expand_fully(spec);
    let spec = r.expand_column_types(spec, 0);
    // tabu's `{\usetabu{name}}`: a spec saved by `\savetabu{name}` right
    // after an earlier table's spec.
    let spec = match spec.iter().position(|t| t.is_command("usetabu")) {
        Some(at) => {
            let key = detokenize(&spec[at + 1..]).replace(['{', '}'], "");
            r.saved_specs.get(key.trim()).cloned().unwrap_or(spec)
        }
        None => spec,
    };
    if r.peek_past_command("savetabu") {
        r.next();
        if let Some((key, _)) = r.read_arg() {
            let key = detokenize(&key).trim().to_owned();
            r.saved_specs.insert(key, spec.clone());
        }
    }
    let columns = parse_columns(&spec);
    if columns.is_empty() {
        r.warn(
            codes::TABLE,
            begin,
            format!("the column spec of `{name}` names no column; the table is one column wide"),
        );
    }
    if width.is_none()
        && columns
            .iter()
            .any(|c| matches!(c.kind, ColumnKind::Flex(..)))
    {
        width = Some(Length::Width(1.0));
    }
    let mut marks = Vec::new();
    let rows = table_rows(r, name, begin, &mut marks);
    let (rows, head) = arrange_longtable(rows, &marks);
    let long = name.starts_with("long") || name == "xltabular" || name == "supertabular";
    let columns = if columns.is_empty() {
        vec![Column {
            kind: ColumnKind::Left,
            rule_before: false,
            rule_after: false,
            tight_left: false,
            tight_right: false,
        }]
    } else {
        columns
    };
    while matches!(out.last().map(|n| &n.kind), Some(NodeKind::Space)) {
        out.pop();
    }
    out.push(Node::new(
        NodeKind::Table(Table {
            columns,
            width,
            rows,
            long,
            body_struts: name.trim_end_matches('*').ends_with("tabu"),
            head,
        }),
        begin,
    ));
}

/// What ends one of `longtable`'s parts: the rows since the last mark are
/// the first page's head, the head of every page, the foot of every page
/// but the last, or the last page's foot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LongtablePart {
    FirstHead,
    Head,
    Foot,
    LastFoot,
}

impl LongtablePart {
    fn of(command: &str) -> Option<Self> {
        Some(match command {
            "endfirsthead" => Self::FirstHead,
            "endhead" => Self::Head,
            "endfoot" => Self::Foot,
            "endlastfoot" => Self::LastFoot,
            _ => return None,
        })
    }
}

/// `longtable`'s parts in the order typst sets them: the head first (the
/// first page's, when there is one: typst repeats one head on every page),
/// then the body, then the last page's foot (or the foot, which longtable
/// uses there when there is no last foot). Returns the rows and how many of
/// them are the head. The parts typst cannot set (a second head, a foot on
/// every page) are left out.
fn arrange_longtable(
    rows: Vec<TableRow>,
    marks: &[(LongtablePart, usize)],
) -> (Vec<TableRow>, usize) {
    if marks.is_empty() {
        return (rows, 0);
    }
    let mut parts: Vec<(LongtablePart, Vec<TableRow>)> = Vec::new();
    let mut rows = rows.into_iter();
    let mut at = 0;
    for &(part, end) in marks {
        let taken: Vec<TableRow> = rows.by_ref().take(end.saturating_sub(at)).collect();
        at = at.max(end);
        parts.push((part, taken));
    }
    let body: Vec<TableRow> = rows.collect();
    let mut take = |part: LongtablePart| {
        parts
            .iter_mut()
            .rev()
            .find(|(p, _)| *p == part)
            .map(|(_, rows)| std::mem::take(rows))
    };
    let head = take(LongtablePart::FirstHead)
        .or_else(|| take(LongtablePart::Head))
        .unwrap_or_default();
    let foot = take(LongtablePart::LastFoot)
        .or_else(|| take(LongtablePart::Foot))
        .unwrap_or_default();
    let head_rows = head.len();
    let mut out = head;
    out.extend(body);
    out.extend(foot);
    (out, head_rows)
}

fn table_rows(
    r: &mut Reader<'_>,
    name: &str,
    begin: Span,
    marks: &mut Vec<(LongtablePart, usize)>,
) -> Vec<TableRow> {
    let mut rows = Vec::new();
    r.row_fill = None;
    loop {
        // Between rows: spaces, rules and the end of the table.
        while matches!(r.peek_kind(), Some(TokenKind::Space | TokenKind::ParBreak)) {
            r.next();
        }
        let Some(token) = r.input.peek().cloned() else {
            r.unclosed_environment(name, begin);
            return rows;
        };
        if let TokenKind::Command(command) = &token.kind {
            let command = command.clone();
            if command == "end" {
                r.next();
                if let Some((tokens, arg_span)) = r.read_arg() {
                    let end = detokenize(&tokens).trim().to_owned();
                    if end != name && r.end_user_env_early(&end, token.clone(), tokens, arg_span) {
                        continue;
                    }
                    if end != name {
                        r.error(
                            codes::TABLE,
                            token.span,
                            format!("`\\end{{{end}}}` inside `{name}`; the table ends here"),
                        );
                    }
                }
                return rows;
            }
            if let Some(part) = LongtablePart::of(&command) {
                r.next();
                marks.push((part, rows.len()));
                continue;
            }
            if let Some(rule) = r.row_command(&command) {
                if let Some(rule) = rule {
                    rows.push(TableRow::Rule(rule));
                }
                continue;
            }
            if r.macros.contains_key(&command) {
                r.next();
                r.try_expand(&command, token.span);
                continue;
            }
        }
        let before = r.input.consumed();
        let cells = table_row(r, name, begin);
        let ended = r.cell_end.take();
        if r.input.consumed() == before {
            // Nothing could be read as a row: the table's group or
            // environment ended without `\end{..}` (reported already).
            return rows;
        }
        if !(cells.len() == 1 && cells[0].content.is_empty() && ended != Some(CellEnd::Row)) {
            rows.push(TableRow::Cells(cells));
        }
        if ended == Some(CellEnd::End) && r.input.peek().is_none() {
            return rows;
        }
    }
}

/// The cells of one row, up to `\\` or the table's end.
fn table_row(r: &mut Reader<'_>, name: &str, begin: Span) -> Vec<TableCell> {
    let mut cells = Vec::new();
    let row_fill = r.row_fill.take();
    loop {
        r.skip_spaces();
        let start = r.input.peek().map_or(begin, |t| t.span);
        let mut cell = TableCell {
            content: Vec::new(),
            colspan: 1,
            rowspan: 1,
            align: None,
            fill: row_fill,
            span: start,
        };
        // `\multicolumn` and `\multirow` open the cell.
        while r.cell_command(&mut cell) {}
        // What ends this cell, not the one before it (a cell cut short
        // by an outer environment's `\end` sets nothing).
        r.cell_end = None;
        // A `\multirow` after other material (`\ifpdf..\fi\multirow`)
        // changes the cell too: the reader holds it while its content is read.
        let outer = r.open_cell.replace(cell.clone());
        let mut content = r.content(Stop::Cell(name.to_owned(), begin));
        if let Some(changed) = std::mem::replace(&mut r.open_cell, outer) {
            cell = changed;
        }
        while matches!(
            content.last().map(|n| &n.kind),
            Some(NodeKind::Space | NodeKind::Parbreak)
        ) {
            content.pop();
        }
        while matches!(content.first().map(|n| &n.kind), Some(NodeKind::Space)) {
            content.remove(0);
        }
        cell.content = content;
        cells.push(cell);
        if r.cell_end != Some(CellEnd::Tab) {
            return cells;
        }
    }
}

/// `\hline`, `\toprule`…: a rule (its width is the template's).
fn rule(r: &mut Reader<'_>, name: &str, _: Span) -> Option<Rule> {
    r.read_optional();
    // makecell's `\Xhline{width}`, tabu's `\tabucline[spec]{columns}`.
    if matches!(name, "Xhline" | "tabucline")
        && matches!(r.peek_kind(), Some(TokenKind::BeginGroup))
    {
        r.read_arg();
    }
    r.read_star();
    Some(match name {
        "toprule" | "bottomrule" => Rule::Heavy,
        "midrule" => Rule::Mid,
        "addlinespace" => Rule::Space,
        _ => Rule::Thin,
    })
}

/// `\specialrule{width}{above}{below}`.
fn specialrule(r: &mut Reader<'_>, _: &str, _: Span) -> Option<Rule> {
    r.read_arg();
    r.read_arg();
    r.read_arg();
    r.read_star();
    Some(Rule::Heavy)
}

/// `\cmidrule(lr){2-3}`, `\cline{2-3}`.
fn partial_rule(r: &mut Reader<'_>, name: &str, span: Span) -> Option<Rule> {
    if let Some(TokenKind::Text(t)) = r.peek_kind()
        && t.starts_with('(')
    {
        while let Some(t) = r.next() {
            if detokenize(&[t]).contains(')') {
                break;
            }
        }
    }
    r.read_optional();
    let range = r
        .read_arg()
        .map(|(t, _)| detokenize(&t))
        .unwrap_or_default();
    let partial = range.split_once('-').and_then(|(a, b)| {
        Some(Rule::Partial {
            from: a.trim().parse().ok()?,
            to: b.trim().parse().ok()?,
            booktabs: name == "cmidrule",
        })
    });
    if partial.is_none() {
        r.warn(
            codes::TABLE,
            span,
            format!("`\\{name}{{{range}}}` is not a column range like `2-3`"),
        );
    }
    partial
}

/// colortbl's colour argument, `[model]{spec}`; an unknown colour is a
/// warning and no fill.
fn table_colour(r: &mut Reader<'_>, name: &str, span: Span) -> Option<wita_doc::Rgb> {
    let model = r.read_optional().map(|(t, _)| detokenize(&t));
    let (tokens, colour_span) = r.expect_arg(name, span);
    let spec = r.arg_string(tokens);
    let colour = crate::color::parse_color(model.as_deref(), &spec, &r.colors);
    if colour.is_none() {
        r.warn_once(
            codes::UNKNOWN_COLOUR,
            colour_span,
            &format!("color:{spec}"),
            format!("unknown colour `{spec}`; the cells are not filled"),
        );
    }
    // `\rowcolor{c}[left][right]`: the overhangs.
    while r.read_optional().is_some() {}
    colour
}

/// colortbl's `\cellcolor[model]{colour}` at a cell's start: its fill.
fn cellcolor(r: &mut Reader<'_>, name: &str, span: Span, cell: &mut TableCell) {
    if let Some(colour) = table_colour(r, name, span) {
        cell.fill = Some(colour);
    }
}

/// `\cellcolor` outside a table's cell (in a box of its own): read, with
/// no fill. In a cell it fills the cell wherever it stands
/// ([`Reader::cell_command_inside`]).
fn cellcolor_inside(r: &mut Reader<'_>, name: &str, span: Span, _: &mut Content) {
    table_colour(r, name, span);
}

/// Commands between rows that draw nothing here.
fn skipped(r: &mut Reader<'_>, name: &str, span: Span) -> Option<Rule> {
    match name {
        "rowcolor" => r.row_fill = table_colour(r, name, span),
        "rowcolors" | "taburulecolor" => {
            r.read_optional();
            r.read_arg();
            if name == "rowcolors" {
                r.read_arg();
                r.read_arg();
            }
        }
        "hhline" | "label" | "noalign" | "rowfont" => {
            r.read_optional();
            r.read_arg();
        }
        _ => {
            r.read_optional();
        }
    }
    r.read_star();
    None
}

/// longtable's `\caption`, between rows: the float's caption.
fn caption(r: &mut Reader<'_>, _: &str, span: Span) -> Option<Rule> {
    r.read_optional();
    let (caption, _) = r.arg_content("caption", span);
    if let Some(slot) = r.captions.last_mut() {
        slot.get_or_insert(caption);
    }
    // longtable ends its caption with `\\`.
    r.skip_spaces();
    if matches!(r.input.peek(), Some(t) if t.is_command("\\")) {
        r.next();
    }
    None
}

/// `\multicolumn{n}{spec}{text}`.
fn multicolumn(r: &mut Reader<'_>, name: &str, span: Span, cell: &mut TableCell) {
    let (n, _) = r.expect_arg(name, span);
    cell.colspan = detokenize(&n).trim().parse().unwrap_or(1).max(1);
    let (spec, _) = r.expect_arg(name, span);
    let spec = r.expand_column_types(spec, 0);
    cell.align = parse_columns(&spec).first().map(|c| match c.kind {
        ColumnKind::Center => Alignment::Center,
        ColumnKind::Right => Alignment::Right,
        ColumnKind::Paragraph(_, Some(a)) | ColumnKind::Flex(_, Some(a)) => a,
        _ => Alignment::Left,
    });
    let (tokens, _) = r.expect_arg(name, span);
    r.push_tokens(tokens);
}

/// `\multirow[vpos]{n}[bigstruts]{width}[fixup]{text}`.
fn multirow(r: &mut Reader<'_>, name: &str, span: Span, cell: &mut TableCell) {
    r.read_optional();
    let (n, _) = r.expect_arg(name, span);
    cell.rowspan = detokenize(&n)
        .trim()
        .parse::<i64>()
        .map_or(1, |n| n.unsigned_abs().max(1) as usize);
    r.read_optional();
    r.expect_arg(name, span);
    r.read_optional();
    let (tokens, _) = r.expect_arg(name, span);
    r.push_tokens(tokens);
}

/// `\newcolumntype{V}[n]{spec}`.
fn newcolumntype(r: &mut Reader<'_>, name: &str, span: Span, _: &mut Content) {
    let (name_tokens, name_span) = r.expect_arg(name, span);
    let letter = detokenize(&name_tokens);
    let params = r
        .read_optional()
        .and_then(|(t, _)| detokenize(&t).trim().parse::<usize>().ok())
        .unwrap_or(0)
        .min(9);
    let (body, body_span) = r.expect_arg(name, span);
    let mut chars = letter.trim().chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => {
            r.column_types.insert(c, (params, body));
        }
        _ => {
            r.warn(
                codes::TABLE,
                span.join(name_span).join(body_span),
                format!("`\\newcolumntype` needs one letter, not `{letter}`"),
            );
        }
    }
}

/// One item of a column spec.
enum SpecItem {
    Char(char),
    Group(Vec<Token>),
    Bracket(String),
}

fn spec_items(tokens: &[Token]) -> Vec<SpecItem> {
    let mut items = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match &tokens[i].kind {
            TokenKind::Text(t) => items.extend(t.chars().map(SpecItem::Char)),
            TokenKind::Char('[') => {
                let mut text = String::new();
                i += 1;
                while i < tokens.len() && !tokens[i].is_char(']') {
                    text.push_str(&detokenize(std::slice::from_ref(&tokens[i])));
                    i += 1;
                }
                items.push(SpecItem::Bracket(text));
            }
            TokenKind::BeginGroup => {
                let end = group_end(tokens, i + 1);
                items.push(SpecItem::Group(tokens[i + 1..end].to_vec()));
                i = end;
            }
            TokenKind::Command(c) if c == "linewidth" || c == "textwidth" => {}
            _ => {}
        }
        i += 1;
    }
    items
}

/// The most tokens a column spec grows to through `\newcolumntype`.
const MAX_SPEC_TOKENS: usize = 2000;

impl Reader<'_> {
    /// Replaces the letters of `\newcolumntype` in a column spec by their
    /// definitions (letters inside braces are arguments, not columns).
    pub(crate) fn expand_column_types(&self, spec: Vec<Token>, depth: usize) -> Vec<Token> {
        if self.column_types.is_empty() || depth > 8 {
            return spec;
        }
        let mut out = Vec::new();
        let mut braces = 0usize;
        let mut tokens = spec.into_iter().peekable();
        while let Some(token) = tokens.next() {
            match &token.kind {
                TokenKind::BeginGroup => braces += 1,
                TokenKind::EndGroup => braces = braces.saturating_sub(1),
                TokenKind::Text(text) if braces == 0 => {
                    let text = text.clone();
                    let mut plain = String::new();
                    let mut chars = text.chars().peekable();
                    while let Some(c) = chars.next() {
                        let Some((params, body)) = self.column_types.get(&c) else {
                            plain.push(c);
                            continue;
                        };
                        if !plain.is_empty() {
                            out.push(Token {
                                kind: TokenKind::Text(std::mem::take(&mut plain)),
                                span: token.span,
                            });
                        }
                        // Arguments are the groups that follow the letter
                        // (only at the end of a text run can one follow).
                        let mut args = Vec::new();
                        if chars.peek().is_none() {
                            while args.len() < *params
                                && matches!(
                                    tokens.peek().map(|t| &t.kind),
                                    Some(TokenKind::BeginGroup)
                                )
                            {
                                args.push(take_group(&mut tokens));
                            }
                        }
                        args.resize(*params, Vec::new());
                        // A spec that expands past any real table's size
                        // (`\newcolumntype{V}{VVVV}`) stops growing.
                        if out.len() > MAX_SPEC_TOKENS {
                            continue;
                        }
                        let expanded = crate::reader::substitute(body, &args);
                        out.extend(self.expand_column_types(expanded, depth + 1));
                    }
                    if !plain.is_empty() {
                        out.push(Token {
                            kind: TokenKind::Text(plain),
                            span: token.span,
                        });
                    }
                    continue;
                }
                _ => {}
            }
            out.push(token);
        }
        out
    }
}

/// The tokens inside the group that comes next (its braces dropped).
fn take_group(tokens: &mut std::iter::Peekable<std::vec::IntoIter<Token>>) -> Vec<Token> {
    let mut depth = 0usize;
    let mut inner = Vec::new();
    for token in tokens.by_ref() {
        match token.kind {
            TokenKind::BeginGroup => {
                depth += 1;
                if depth == 1 {
                    continue;
                }
            }
            TokenKind::EndGroup => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break;
                }
            }
            _ => {}
        }
        inner.push(token);
    }
    inner
}

/// Parses a column spec (`l c r p{..} m{..} b{..} X X[..] | @{..} *{n}{..} >{..}`).
pub(crate) fn parse_columns(tokens: &[Token]) -> Vec<Column> {
    let items = spec_items(tokens);
    let mut columns: Vec<Column> = Vec::new();
    parse_items(&items, &mut columns, 0);
    columns
}

fn parse_items(items: &[SpecItem], columns: &mut Vec<Column>, depth: usize) {
    let mut pending_rule = false;
    let mut pending_tight = false;
    let mut pending_align: Option<Alignment> = None;
    let mut i = 0;
    let group_text = |item: Option<&SpecItem>| match item {
        Some(SpecItem::Group(g)) => detokenize(g),
        _ => String::new(),
    };
    while i < items.len() {
        let mut kind = None;
        match &items[i] {
            SpecItem::Char(c) => match c {
                'l' => kind = Some(ColumnKind::Left),
                'c' | 'S' | 'D' => kind = Some(ColumnKind::Center),
                'r' => kind = Some(ColumnKind::Right),
                'p' | 'm' | 'b' => {
                    let width =
                        parse_length(&group_text(items.get(i + 1))).unwrap_or(Length::Width(0.3));
                    i += 1;
                    kind = Some(ColumnKind::Paragraph(width, pending_align.take()));
                }
                'X' | 'L' | 'C' | 'R' | 'J' => {
                    let mut weight = 1.0;
                    let mut align = pending_align.take().or(match c {
                        'L' => Some(Alignment::Left),
                        'C' => Some(Alignment::Center),
                        'R' => Some(Alignment::Right),
                        _ => None,
                    });
                    if let Some(SpecItem::Bracket(args)) = items.get(i + 1) {
                        for arg in args.split(',') {
                            let arg = arg.trim();
                            match arg {
                                "l" => align = Some(Alignment::Left),
                                "c" => align = Some(Alignment::Center),
                                "r" => align = Some(Alignment::Right),
                                _ => {
                                    if let Ok(w) = arg.parse::<f64>()
                                        && w.is_finite()
                                        && w > 0.0
                                    {
                                        weight = w;
                                    }
                                }
                            }
                        }
                        i += 1;
                    }
                    kind = Some(ColumnKind::Flex(weight, align));
                }
                '|' => match columns.last_mut() {
                    Some(last) if !pending_rule && depth == 0 && i > 0 => last.rule_after = true,
                    _ => pending_rule = true,
                },
                '@' | '!' => {
                    i += 1;
                    match columns.last_mut() {
                        Some(last) => last.tight_right = true,
                        None => pending_tight = true,
                    }
                    pending_tight = pending_tight || !columns.is_empty();
                }
                '>' => {
                    let decl = group_text(items.get(i + 1));
                    pending_align = if decl.contains("centering") || decl.contains("Centering") {
                        Some(Alignment::Center)
                    } else if decl.contains("raggedleft") || decl.contains("RaggedLeft") {
                        Some(Alignment::Right)
                    } else if decl.contains("raggedright") || decl.contains("RaggedRight") {
                        Some(Alignment::Left)
                    } else {
                        pending_align
                    };
                    i += 1;
                }
                '<' => i += 1,
                '*' => {
                    let n: usize = group_text(items.get(i + 1))
                        .trim()
                        .parse()
                        .unwrap_or(1)
                        .min(100);
                    if let Some(SpecItem::Group(inner)) = items.get(i + 2) {
                        let inner_items = spec_items(inner);
                        if depth < 4 {
                            for _ in 0..n {
                                parse_items(&inner_items, columns, depth + 1);
                            }
                        }
                    }
                    i += 2;
                }
                _ => {}
            },
            SpecItem::Group(_) | SpecItem::Bracket(_) => {}
        }
        if let Some(kind) = kind {
            columns.push(Column {
                kind,
                rule_before: std::mem::take(&mut pending_rule),
                rule_after: false,
                tight_left: std::mem::take(&mut pending_tight),
                tight_right: false,
            });
        }
        i += 1;
    }
    if pending_rule && let Some(last) = columns.last_mut() {
        last.rule_after = true;
    }
}

#[rustfmt::skip]
pub(super) const ENTRIES: &[Entry] = &[
    entry("tabular", "o m", Environment(table), "a table"),
    entry("tabular*", "m o m", Environment(table), "a table of the given width"),
    entry("tabularx", "m o m", Environment(table), "a table of the given width, `X` columns share it"),
    entry("tabulary", "m o m", Environment(table), "a table of the given width"),
    entry("tabu", "o m", Environment(table), "a table (`to` a width, or `spread`)"),
    entry("longtabu", "o m", Environment(table), "a table that may break across pages"),
    entry("tabu*", "o m", Environment(table), "a table (tabu's starred form)"),
    entry("longtabu*", "o m", Environment(table), "a table that may break across pages"),
    entry("longtable", "o m", Environment(table), "a table that may break across pages"),
    entry("xltabular", "m o m", Environment(table), "a table of the given width that may break across pages"),
    entry("supertabular", "o m", Environment(table), "a table that may break across pages"),
    entry("array", "o m", Environment(table), "a table (outside math)"),
    entry("newcolumntype", "m o m", Command(newcolumntype), "defines a column letter"),
    entry("addlinespace", "o", Command(ignore), "ignored outside a table"),
    entry("morecmidrules", "", Command(ignore), "ignored"),
    entry("savetabu", "m", Command(ignore), "right after a `tabu`'s column spec: saves it under a name"),
    entry("usetabu", "m", Command(ignore), "as a `tabu`'s column spec: the one saved under the name"),
    entry("hline", "", Row(rule), "a thin rule"),
    entry("firsthline", "", Row(rule), "a thin rule"),
    entry("lasthline", "", Row(rule), "a thin rule"),
    entry("Xhline", "m", Row(rule), "a thin rule"),
    entry("tabucline", "o m", Row(rule), "a thin rule"),
    entry("toprule", "o", Row(rule), "a heavy rule"),
    entry("bottomrule", "o", Row(rule), "a heavy rule"),
    entry("midrule", "o", Row(rule), "a medium rule"),
    entry("addlinespace", "o", Row(rule), "space between rows"),
    entry("specialrule", "m m m", Row(specialrule), "a heavy rule"),
    entry("cline", "m", Row(partial_rule), "a rule under the columns named (`2-3`)"),
    entry("cmidrule", "d() o m", Row(partial_rule), "a rule under the columns named (`2-3`)"),
    entry("hdashline", "o", Row(skipped), "skipped"),
    entry("hhline", "o m", Row(skipped), "skipped"),
    entry("rowcolor", "o m o o", Row(skipped), "the next row's cells filled with the colour"),
    entry("rowcolors", "o m m m", Row(skipped), "skipped (rows are not coloured)"),
    entry("taburulecolor", "o m", Row(skipped), "skipped"),
    entry("rowfont", "o m", Row(skipped), "skipped"),
    entry("noalign", "m", Row(skipped), "skipped"),
    entry("label", "m", Row(skipped), "skipped"),
    entry("morecmidrules", "", Row(skipped), "skipped"),
    entry("pagebreak", "o", Row(skipped), "skipped"),
    entry("nopagebreak", "o", Row(skipped), "skipped"),
    entry("newpage", "", Row(skipped), "skipped"),
    entry("endhead", "", Row(skipped), "the rows above are the head, repeated on every page"),
    entry("endfirsthead", "", Row(skipped), "the rows above are the head (typst repeats this one; the `\\endhead` rows are left out)"),
    entry("endfoot", "", Row(skipped), "the rows above end the table (unless there is an `\\endlastfoot`)"),
    entry("endlastfoot", "", Row(skipped), "the rows above end the table"),
    entry("caption", "o m", Row(caption), "the caption of the float around the table (longtable)"),
    entry("multicolumn", "m m m", Cell(multicolumn), "a cell spanning columns, aligned as given"),
    entry("multirow", "o m o m o m", Cell(multirow), "a cell spanning rows"),
    entry("cellcolor", "o m", Cell(cellcolor), "the cell filled with the colour"),
    entry("cellcolor", "o m", Command(cellcolor_inside), "read; outside a table's cell it fills nothing"),
    // makecell: a cell's lines, broken at `\\`.
    entry("makecell", "o m", Command(super::core::text_box), "a cell's lines, broken at `\\\\`"),
    entry("thead", "o m", Command(super::core::text_box), "a column head's lines, broken at `\\\\`"),
    entry("makegapedcells", "", Command(ignore), "ignored: cells keep their padding"),
    entry("nomakegapedcells", "", Command(ignore), "ignored"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn cols(spec: &str) -> Vec<Column> {
        parse_columns(&crate::lex::tokens_of(spec))
    }

    fn kinds(spec: &str) -> Vec<ColumnKind> {
        cols(spec).into_iter().map(|c| c.kind).collect()
    }

    #[test]
    fn simple_specs() {
        assert_eq!(
            kinds("lcr"),
            vec![ColumnKind::Left, ColumnKind::Center, ColumnKind::Right]
        );
        assert_eq!(
            kinds("lX"),
            vec![ColumnKind::Left, ColumnKind::Flex(1.0, None)]
        );
        assert_eq!(
            kinds("X[1.7]X[2,c]X"),
            vec![
                ColumnKind::Flex(1.7, None),
                ColumnKind::Flex(2.0, Some(Alignment::Center)),
                ColumnKind::Flex(1.0, None)
            ]
        );
        assert_eq!(kinds("*{3}{c}"), vec![ColumnKind::Center; 3]);
        assert!(matches!(
            kinds("p{3cm}")[0],
            ColumnKind::Paragraph(Length::Pt(_), None)
        ));
        assert!(matches!(
            kinds(">{\\centering\\arraybackslash}m{.2\\linewidth}")[0],
            ColumnKind::Paragraph(Length::Width(_), Some(Alignment::Center))
        ));
    }

    #[test]
    fn rules_and_tight_edges() {
        let c = cols("|l|c|");
        assert!(c[0].rule_before && c[0].rule_after && c[1].rule_after);
        let c = cols("@{}lr@{}");
        assert!(c[0].tight_left && c[1].tight_right);
    }
}

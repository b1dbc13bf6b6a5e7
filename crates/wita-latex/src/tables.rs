//! Tables (`tabular`, `tabular*`, `tabularx`, `tabulary`, `tabu`, `longtable`)
//! and floats (`table`, `figure`).

use wita_diag::Span;
use wita_doc::{
    Alignment, Column, ColumnKind, Content, Float, FloatKind, Length, Node, NodeKind, Rule, Table,
    TableCell, TableRow,
};

use crate::length::parse_length;
use crate::lex::{Token, TokenKind, detokenize};
use crate::reader::{CellEnd, Reader, Stop, push_parbreak};

/// Environments read as tables.
pub(crate) const TABLE_ENVS: &[&str] = &[
    "tabular",
    "tabular*",
    "tabularx",
    "tabulary",
    "tabu",
    "longtable",
    "longtabu",
    "xltabular",
    "supertabular",
    "array",
];

impl Reader<'_> {
    pub(crate) fn table(&mut self, name: &str, begin: Span, out: &mut Content) {
        let mut width = None;
        match name {
            "tabular*" | "tabularx" | "tabulary" | "xltabular" => {
                let (tokens, _) = self.expect_arg(name, begin);
                let text = self.arg_string(tokens);
                width = parse_length(&text);
                self.read_optional();
            }
            "tabu" | "longtabu" => {
                // `tabu to \linewidth {..}` / `tabu spread 0pt {..}`.
                self.skip_spaces();
                if let Some(TokenKind::Text(t)) = self.peek_kind()
                    && (t == "to" || t == "spread")
                {
                    let to = t == "to";
                    self.next();
                    let mut text = String::new();
                    while let Some(kind) = self.peek_kind() {
                        match kind {
                            TokenKind::BeginGroup => break,
                            _ => {
                                let token = self.next().expect("peeked");
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
                self.read_optional();
            }
        }
        let (spec, _) = self.expect_arg(name, begin);
        let spec = self.expand_fully(spec);
        let spec = self.expand_column_types(spec, 0);
        let columns = parse_columns(&spec);
        if columns.is_empty() {
            self.warn(
                begin,
                format!(
                    "the column spec of `{name}` names no column; the table is one column wide"
                ),
            );
        }
        if width.is_none()
            && columns
                .iter()
                .any(|c| matches!(c.kind, ColumnKind::Flex(..)))
        {
            width = Some(Length::Width(1.0));
        }
        let rows = self.table_rows(name, begin);
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
                body_struts: name.ends_with("tabu"),
            }),
            begin,
        ));
    }

    fn table_rows(&mut self, name: &str, begin: Span) -> Vec<TableRow> {
        let mut rows = Vec::new();
        loop {
            // Between rows: spaces, rules and the end of the table.
            while matches!(
                self.peek_kind(),
                Some(TokenKind::Space | TokenKind::ParBreak)
            ) {
                self.next();
            }
            let Some(token) = self.input.peek().cloned() else {
                self.error(begin, format!("environment `{name}` is not closed"))
                    .help
                    .push(format!("add `\\end{{{name}}}`"));
                return rows;
            };
            if let TokenKind::Command(command) = &token.kind {
                let command = command.clone();
                if command == "end" {
                    self.next();
                    if let Some((tokens, arg_span)) = self.read_arg() {
                        let end = detokenize(&tokens).trim().to_owned();
                        if end != name
                            && self.end_user_env_early(&end, token.clone(), tokens, arg_span)
                        {
                            continue;
                        }
                        if end != name {
                            self.error(
                                token.span,
                                format!("`\\end{{{end}}}` inside `{name}`; the table ends here"),
                            );
                        }
                    }
                    return rows;
                }
                if let Some(rule) = self.table_rule(&command) {
                    if let Some(rule) = rule {
                        rows.push(TableRow::Rule(rule));
                    }
                    continue;
                }
                if self.macros.contains_key(&command) {
                    self.next();
                    self.try_expand(&command, token.span);
                    continue;
                }
            }
            let before = self.input.consumed();
            let cells = self.table_row(name, begin);
            let ended = self.cell_end.take();
            if self.input.consumed() == before {
                // Nothing could be read as a row: the table's group or
                // environment ended without `\end{..}` (reported already).
                return rows;
            }
            if !(cells.len() == 1 && cells[0].content.is_empty() && ended != Some(CellEnd::Row)) {
                rows.push(TableRow::Cells(cells));
            }
            if ended == Some(CellEnd::End) && self.input.peek().is_none() {
                return rows;
            }
        }
    }

    /// A rule command between rows: `Some(rule)` when it draws one,
    /// `Some(None)` when it is a command to skip.
    fn table_rule(&mut self, command: &str) -> Option<Option<Rule>> {
        let rule = match command {
            "toprule" | "bottomrule" | "specialrule" => Some(Rule::Heavy),
            "midrule" => Some(Rule::Mid),
            "hline" | "firsthline" | "lasthline" | "tabucline" | "Xhline" => Some(Rule::Thin),
            "cline" | "cmidrule" => None,
            "addlinespace" => Some(Rule::Space),
            "hhline" | "rowcolor" | "rowcolors" | "endhead" | "endfirsthead" | "endfoot"
            | "endlastfoot" | "noalign" | "label" | "morecmidrules" | "pagebreak"
            | "nopagebreak" | "newpage" | "rowfont" | "taburulecolor" | "hdashline" => None,
            "caption" => {
                let token = self.next().expect("peeked");
                self.read_optional();
                let (caption, _) = self.arg_content("caption", token.span);
                if let Some(slot) = self.captions.last_mut() {
                    slot.get_or_insert(caption);
                }
                // longtable ends its caption with `\\`.
                self.skip_spaces();
                if matches!(self.input.peek(), Some(t) if t.is_command("\\")) {
                    self.next();
                }
                return Some(None);
            }
            _ => return None,
        };
        let token = self.next().expect("peeked");
        match command {
            "cline" | "cmidrule" => {
                // `\cmidrule(lr){2-3}`, `\cline{2-3}`.
                if let Some(TokenKind::Text(t)) = self.peek_kind()
                    && t.starts_with('(')
                {
                    while let Some(t) = self.next() {
                        if detokenize(&[t]).contains(')') {
                            break;
                        }
                    }
                }
                self.read_optional();
                let range = self
                    .read_arg()
                    .map(|(t, _)| detokenize(&t))
                    .unwrap_or_default();
                let partial = range.split_once('-').and_then(|(a, b)| {
                    Some(Rule::Partial {
                        from: a.trim().parse().ok()?,
                        to: b.trim().parse().ok()?,
                    })
                });
                if partial.is_none() {
                    self.warn(
                        token.span,
                        format!("`\\{command}{{{range}}}` is not a column range like `2-3`"),
                    );
                }
                return Some(partial);
            }
            "specialrule" => {
                self.read_arg();
                self.read_arg();
                self.read_arg();
            }
            "rowcolor" | "rowcolors" | "taburulecolor" => {
                self.read_optional();
                self.read_arg();
                if command == "rowcolors" {
                    self.read_arg();
                    self.read_arg();
                }
            }
            "hhline" | "label" | "noalign" | "rowfont" => {
                self.read_optional();
                self.read_arg();
            }
            _ => {
                self.read_optional();
            }
        }
        let _ = self.read_star();
        Some(rule)
    }

    /// The cells of one row, up to `\\` or the table's end.
    fn table_row(&mut self, name: &str, begin: Span) -> Vec<TableCell> {
        let mut cells = Vec::new();
        loop {
            self.skip_spaces();
            let start = self.input.peek().map_or(begin, |t| t.span);
            let mut cell = TableCell {
                content: Vec::new(),
                colspan: 1,
                rowspan: 1,
                align: None,
                span: start,
            };
            // `\multicolumn` and `\multirow` open the cell.
            loop {
                match self.input.peek().cloned() {
                    Some(t) if t.is_command("multicolumn") => {
                        self.next();
                        let (n, _) = self.expect_arg("multicolumn", t.span);
                        cell.colspan = detokenize(&n).trim().parse().unwrap_or(1).max(1);
                        let (spec, _) = self.expect_arg("multicolumn", t.span);
                        let spec = self.expand_column_types(spec, 0);
                        cell.align = parse_columns(&spec).first().map(|c| match c.kind {
                            ColumnKind::Center => Alignment::Center,
                            ColumnKind::Right => Alignment::Right,
                            ColumnKind::Paragraph(_, Some(a)) | ColumnKind::Flex(_, Some(a)) => a,
                            _ => Alignment::Left,
                        });
                        let (tokens, _) = self.expect_arg("multicolumn", t.span);
                        self.push_tokens(tokens);
                    }
                    Some(t) if t.is_command("multirow") => {
                        self.next();
                        self.read_optional();
                        let (n, _) = self.expect_arg("multirow", t.span);
                        cell.rowspan = detokenize(&n)
                            .trim()
                            .parse::<i64>()
                            .map_or(1, |n| n.unsigned_abs().max(1) as usize);
                        self.read_optional();
                        self.expect_arg("multirow", t.span);
                        self.read_optional();
                        let (tokens, _) = self.expect_arg("multirow", t.span);
                        self.push_tokens(tokens);
                    }
                    _ => break,
                }
            }
            // What ends this cell, not the one before it (a cell cut short
            // by an outer environment's `\end` sets nothing).
            self.cell_end = None;
            let mut content = self.content(Stop::Cell(name.to_owned(), begin));
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
            if self.cell_end != Some(CellEnd::Tab) {
                return cells;
            }
        }
    }

    /// `table`, `figure` and their starred forms.
    pub(crate) fn float(&mut self, name: &str, begin: Span, out: &mut Content) {
        let placement = self
            .read_optional()
            .map(|(t, _)| self.arg_string(t).trim().to_owned());
        let kind = if name.starts_with("sub") {
            let width = self.read_arg().and_then(|(t, _)| {
                let text = self.arg_string(t);
                parse_length(&text)
            });
            FloatKind::Subfigure(width)
        } else if name.contains("figure") {
            FloatKind::Figure
        } else {
            FloatKind::Table
        };
        self.captions.push(None);
        let body = self.content(Stop::Env(name.to_owned(), begin));
        let caption = self.captions.pop().flatten();
        if !matches!(kind, FloatKind::Subfigure(_)) {
            push_parbreak(out, begin);
        }
        out.push(Node::new(
            NodeKind::Float(Float {
                kind,
                caption,
                body,
                label: None,
                placement,
            }),
            begin,
        ));
    }

    /// `\subfloat[caption]{body}` and `\subcaptionbox{caption}{body}`.
    pub(crate) fn subfloat(&mut self, name: &str, span: Span, out: &mut Content) {
        let caption = if name == "subcaptionbox" {
            self.read_optional();
            Some(self.arg_content(name, span).0)
        } else {
            self.read_optional().map(|(t, _)| self.content_of(t))
        };
        self.captions.push(None);
        let (body, arg_span) = self.arg_content(name, span);
        let _ = self.captions.pop();
        out.push(Node::new(
            NodeKind::Float(Float {
                kind: FloatKind::Subfigure(None),
                caption,
                body,
                label: None,
                placement: None,
            }),
            span.join(arg_span),
        ));
    }

    /// `\caption`: a float's caption; elsewhere, a paragraph.
    pub(crate) fn caption(&mut self, span: Span, out: &mut Content) {
        self.read_star();
        self.read_optional();
        let (body, arg_span) = self.arg_content("caption", span);
        if let Some(slot) = self.captions.last_mut()
            && slot.is_none()
        {
            *slot = Some(body);
            return;
        }
        push_parbreak(out, span);
        out.push(Node::new(NodeKind::Group(body), span.join(arg_span)));
        push_parbreak(out, span);
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
                let mut depth = 0usize;
                let mut group = Vec::new();
                i += 1;
                while i < tokens.len() {
                    match tokens[i].kind {
                        TokenKind::BeginGroup => depth += 1,
                        TokenKind::EndGroup if depth == 0 => break,
                        TokenKind::EndGroup => depth -= 1,
                        _ => {}
                    }
                    group.push(tokens[i].clone());
                    i += 1;
                }
                items.push(SpecItem::Group(group));
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

#[cfg(test)]
mod tests {
    use super::*;
    use wita_diag::Sources;

    fn cols(spec: &str) -> Vec<Column> {
        let sources = Sources::new();
        let id = sources.add("t", spec);
        parse_columns(&crate::lex::tokenize(spec, id).0)
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

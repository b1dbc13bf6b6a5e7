//! Tables: the template's `tabular` over typst's `table`, with LaTeX's
//! column specs, booktabs' and `\hline`'s rules and the space they keep,
//! `\multicolumn` and `\multirow`, and longtable's repeated head.

use std::fmt::Write;

use wita_diag::codes;
use wita_diag::{Diagnostic, Span};
use wita_doc::{Alignment, ColumnKind, Rule, Table, TableCell, TableRow};

use super::{T, Writer, length, round};

/// The most cells a table may have. typst lays out a table cell by cell in
/// each of its layout passes (~0.2 ms a cell on the development machine):
/// a bigger table would take minutes and gigabytes, where an error says at
/// once what to do.
pub(super) const MAX_TABLE_CELLS: usize = 50_000;

impl Writer {
    /// A table, or an error where it is too big to set.
    pub(super) fn table(&mut self, table: &Table, span: Span) {
        let rows = table
            .rows
            .iter()
            .filter(|r| matches!(r, TableRow::Cells(_)))
            .count();
        let cells = rows * table.columns.len().max(1);
        if cells > MAX_TABLE_CELLS {
            self.diagnostics.push(
                Diagnostic::error(codes::TABLE, format!(
                    "this table has {cells} cells ({rows} rows of {} columns); wita sets at most {MAX_TABLE_CELLS} in one table",
                    table.columns.len()
                ))
                .at(span)
                .with_help(
                    "split it into several tables, or publish the data as a file the article links to",
                ),
            );
            self.out.push_str("(a table too large to set)");
        } else {
            self.block(|w| w.tabular(table));
        }
    }

    /// The template's `tabular`: the columns' widths, alignments and rules,
    /// then the rows.
    fn tabular(&mut self, table: &Table) {
        let n = table.columns.len().max(1);
        let _ = write!(self.out, "#{T}.tabular(columns: (");
        for column in &table.columns {
            let width = match column.kind {
                ColumnKind::Left | ColumnKind::Center | ColumnKind::Right => "auto".to_owned(),
                ColumnKind::Paragraph(len, _) => length(len),
                ColumnKind::Flex(weight, _) => format!("{}fr", round(weight)),
            };
            let _ = write!(self.out, "{width}, ");
        }
        self.out.push_str("), aligns: (");
        for column in &table.columns {
            let align = match column.kind {
                ColumnKind::Left => "left",
                ColumnKind::Center => "center",
                ColumnKind::Right => "right",
                ColumnKind::Paragraph(_, a) | ColumnKind::Flex(_, a) => match a {
                    Some(Alignment::Center) => "center",
                    Some(Alignment::Right) => "right",
                    Some(Alignment::Left) => "left",
                    None => "auto",
                },
            };
            let _ = write!(self.out, "{align}, ");
        }
        self.out.push_str("), vlines: (");
        for (i, column) in table.columns.iter().enumerate() {
            if column.rule_before {
                let _ = write!(self.out, "{i}, ");
            }
            if column.rule_after {
                let _ = write!(self.out, "{}, ", i + 1);
            }
        }
        self.out.push_str("), tight: (");
        if table.columns.first().is_some_and(|c| c.tight_left) {
            self.out.push_str("\"left\", ");
        }
        if table.columns.last().is_some_and(|c| c.tight_right) {
            self.out.push_str("\"right\", ");
        }
        let _ = write!(self.out, "), long: {}", table.long);
        if table.body_struts {
            self.out.push_str(", body-struts: true");
        }
        if let Some(width) = table.width {
            let _ = write!(self.out, ", width: {}", length(width));
        }
        self.out.push_str(",\n");
        // Columns still covered by a `\multirow` from a row above.
        let mut covered = vec![0usize; n];
        // longtable's head: typst repeats a table's header on every page.
        let head = table.head.min(table.rows.len());
        if head > 0 {
            self.out.push_str("  table.header(repeat: true,\n");
        }
        for (r, row) in table.rows.iter().enumerate() {
            if head > 0 && r == head {
                self.out.push_str("  ),\n");
            }
            match row {
                TableRow::Rule(rule) => self.table_rule(table, r, rule, &covered),
                TableRow::Cells(cells) => self.table_cells(cells, &mut covered, n),
            }
        }
        if head > 0 && head == table.rows.len() {
            self.out.push_str("  ),\n");
        }
        self.out.push_str(");");
    }

    /// Row `r`, a rule, with the space it keeps from the rows next to it;
    /// `covered`: the columns a `\multirow` still covers.
    fn table_rule(&mut self, table: &Table, r: usize, rule: &Rule, covered: &[usize]) {
        let n = table.columns.len().max(1);
        // booktabs' rules keep \aboverulesep and \belowrulesep from
        // the rows next to them (\hline keeps nothing).
        let booktabs = matches!(
            rule,
            Rule::Heavy | Rule::Mid | Rule::Partial { booktabs: true, .. }
        );
        let free = covered.iter().all(|&c| c == 0);
        let is_cells = |row: Option<&TableRow>| matches!(row, Some(TableRow::Cells(_)));
        let before = r.checked_sub(1).and_then(|p| table.rows.get(p));
        if booktabs && free && is_cells(before) {
            let _ = writeln!(
                self.out,
                "  table.cell(colspan: {n}, inset: 0pt, v({T}.rules.above)),"
            );
        }
        if booktabs && free && is_cells(table.rows.get(r + 1)) {
            self.pending_rule_space = true;
        }
        // `\hline\hline`: two rules \doublerulesep (2 pt) apart,
        // which typst would draw on one line.
        if matches!(rule, Rule::Thin) && matches!(before, Some(TableRow::Rule(Rule::Thin))) && free
        {
            let _ = writeln!(self.out, "  table.cell(colspan: {n}, inset: 0pt, v(2pt)),");
        }
        let _ = match rule {
            Rule::Heavy => {
                writeln!(self.out, "  table.hline(stroke: {T}.rules.heavy),")
            }
            Rule::Mid => writeln!(self.out, "  table.hline(stroke: {T}.rules.mid),"),
            Rule::Thin => writeln!(self.out, "  table.hline(stroke: {T}.rules.thin),"),
            Rule::Partial { from, to, booktabs } => {
                let from = from.saturating_sub(1).min(n);
                let to = (*to).clamp(from, n);
                let stroke = if *booktabs { "mid" } else { "thin" };
                writeln!(
                    self.out,
                    "  table.hline(start: {from}, end: {to}, stroke: {T}.rules.{stroke}),"
                )
            }
            Rule::Space => writeln!(
                self.out,
                "  table.cell(colspan: {n}, inset: 0pt, v({T}.rules.space)),"
            ),
        };
    }

    /// A row of cells across `n` columns; `covered`: the columns a
    /// `\multirow` from a row above still covers, updated for the rows below.
    fn table_cells(&mut self, cells: &[TableCell], covered: &mut [usize], n: usize) {
        if std::mem::take(&mut self.pending_rule_space) {
            let _ = writeln!(
                self.out,
                "  table.cell(colspan: {n}, inset: 0pt, v({T}.rules.below)),"
            );
        }
        self.out.push(' ');
        let mut column = 0;
        let mut cells = cells.iter().peekable();
        while column < n {
            if covered[column] > 0 {
                // LaTeX wants an empty cell under a \multirow; typst
                // does not: drop it.
                covered[column] -= 1;
                if cells.peek().is_some_and(|c| c.content.is_empty()) {
                    cells.next();
                }
                column += 1;
                continue;
            }
            let Some(cell) = cells.next() else {
                self.out.push_str(" [],");
                column += 1;
                continue;
            };
            let colspan = cell.colspan.clamp(1, n - column);
            let start = self.out.len();
            if colspan > 1 || cell.rowspan > 1 || cell.align.is_some() || cell.fill.is_some() {
                self.out.push_str(" table.cell(");
                if let Some(wita_doc::Rgb(red, green, blue)) = cell.fill {
                    let _ = write!(self.out, "fill: rgb({red}, {green}, {blue}), ");
                }
                if colspan > 1 {
                    let _ = write!(self.out, "colspan: {colspan}, ");
                }
                if cell.rowspan > 1 {
                    let _ = write!(self.out, "rowspan: {}, ", cell.rowspan);
                    for c in &mut covered[column..column + colspan] {
                        *c = cell.rowspan - 1;
                    }
                }
                if let Some(a) = cell.align {
                    let _ = write!(
                        self.out,
                        "align: {}, ",
                        match a {
                            Alignment::Left => "left",
                            Alignment::Center => "center",
                            Alignment::Right => "right",
                        }
                    );
                }
                self.out.push(')');
            } else {
                self.out.push(' ');
            }
            self.bracket(&cell.content);
            self.out.push(',');
            self.map.push(start, self.out.len(), cell.span);
            column += colspan;
        }
        // Cells beyond the column spec: kept, on a row of their
        // own, filled up so that the next row starts in column 1.
        let mut extras = 0;
        for extra in cells {
            self.out.push_str(" table.cell(colspan: 1)");
            self.bracket(&extra.content);
            self.out.push(',');
            extras += 1;
        }
        for _ in 0..(n - extras % n) % n {
            self.out.push_str(" [],");
        }
        self.out.push('\n');
    }
}

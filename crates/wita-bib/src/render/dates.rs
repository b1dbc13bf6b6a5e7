//! Dates as biblatex's standard style prints them (`date`, `urldate`,
//! `eventdate`), read from biblatex's ISO dates or BibTeX's year and month.

use super::fields::Fields;

const MONTHS: [&str; 12] = [
    "Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
];

/// A month's abbreviated name, or an EDTF season's (`2012-22`: 21 spring to
/// 24 winter), as english.lbx abbreviates them.
fn month_name(m: u8) -> &'static str {
    match m {
        1..=12 => MONTHS[m as usize - 1],
        21 => "Spr.",
        22 => "Sum.",
        23 => "Aut.",
        _ => "Win.",
    }
}

/// A date as biber reads it: `date` (ISO 8601, ranges with `/`), or `year`
/// and `month` (BibTeX's `day` is dropped by biblatex's driver map).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Date {
    pub year: String,
    pub month: Option<u8>,
    pub day: Option<u8>,
    /// A range: its end (`None` inside for an open end `2020/`).
    pub end: Option<Option<Box<Date>>>,
    /// An open start (`../2004`, `/2004`): the date is the range's end.
    pub open_start: bool,
    /// A BibTeX `month` that is no month (`13--18 Jul`): biber keeps it as
    /// written and biblatex prints it before the year.
    pub month_text: Option<String>,
}

fn parse_iso(s: &str) -> Option<Date> {
    // EDTF's qualifiers (`2009-02?` uncertain, `~` approximate, `%` both):
    // the standard style prints the date without them.
    let s = s.trim().trim_end_matches(['?', '~', '%']);
    // Digits of any script (`१९८७`), as biber reads them.
    let ascii: String;
    let s = if s.chars().any(|c| c.is_numeric() && !c.is_ascii_digit()) {
        ascii = s.chars().map(ascii_digit).collect();
        ascii.as_str()
    } else {
        s
    };
    // EDTF's long years (`Y-17000002`): a year of any length, alone.
    if let Some(long) = s.strip_prefix('Y') {
        // Only for years of more than four digits (`Y1700` is no date).
        let digits = long.strip_prefix('-').unwrap_or(long);
        if digits.len() <= 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        return Some(Date {
            year: long.to_owned(),
            ..Date::default()
        });
    }
    let (y, rest) = match s.strip_prefix('-') {
        Some(r) => {
            let (y, rest) = split_num(r);
            (format!("-{y}"), rest)
        }
        None => {
            let (y, rest) = split_num(s);
            (y.to_owned(), rest)
        }
    };
    // biber accepts ISO 8601 only (`2019-01-15`; `2019-1-15` is ignored).
    if y.trim_start_matches('-').len() != 4 {
        return None;
    }
    let mut d = Date {
        year: y.trim_start_matches('0').to_owned(),
        ..Date::default()
    };
    if d.year.is_empty() {
        d.year = "0".into();
    }
    let mut rest = rest;
    if let Some(r) = rest.strip_prefix('-') {
        let (m, after) = split_num(r);
        if m.len() != 2 {
            return None;
        }
        d.month = Some(
            m.parse()
                .ok()
                .filter(|m| (1..=12).contains(m) || (21..=24).contains(m))?,
        );
        rest = after;
        if let Some(r) = rest.strip_prefix('-') {
            let (day, after) = split_num(r);
            if day.len() != 2 {
                return None;
            }
            d.day = Some(day.parse().ok().filter(|d| (1..=31).contains(d))?);
            rest = after;
        }
    }
    // A time of day (`T10:00`) is allowed and not printed.
    (rest.is_empty() || rest.starts_with('T')).then_some(d)
}

/// A decimal digit of any script as its ASCII digit (Unicode's decimal
/// digits come in runs of ten from zero).
fn ascii_digit(c: char) -> char {
    const ZEROS: &[u32] = &[
        0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xDE6,
        0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0xFF10,
    ];
    let code = c as u32;
    ZEROS
        .iter()
        .find(|&&zero| (zero..zero + 10).contains(&code))
        .and_then(|&zero| char::from_digit(code - zero, 10))
        .unwrap_or(c)
}

fn split_num(s: &str) -> (&str, &str) {
    let end = s
        .char_indices()
        .find(|(_, c)| !c.is_ascii_digit())
        .map_or(s.len(), |(i, _)| i);
    (&s[..end], &s[end..])
}

fn month_number(s: &str) -> Option<u8> {
    let s = s.trim().to_ascii_lowercase();
    if let Ok(n) = s.parse::<u8>() {
        return (1..=12).contains(&n).then_some(n);
    }
    const NAMES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    NAMES
        .iter()
        .position(|m| s.starts_with(m))
        .map(|i| i as u8 + 1)
}

/// EDTF's unspecified digits (`199X`, `1999-XX`, `1999-01-XX`): the range
/// they cover, as biber reads them (`1990/1999`, `1999-01/1999-12`…).
fn unspecified_range(s: &str) -> Option<(String, String)> {
    if !s.contains('X') {
        return None;
    }
    let parts: Vec<&str> = s.split('-').collect();
    let (year, month, day) = (parts[0], parts.get(1).copied(), parts.get(2).copied());
    if year.len() != 4 || parts.len() > 3 {
        return None;
    }
    let mut start = year.replace('X', "0");
    let mut end = year.replace('X', "9");
    if let Some(m) = month {
        let (m0, m1) = if m == "XX" { ("01", "12") } else { (m, m) };
        start.push_str(&format!("-{m0}"));
        end.push_str(&format!("-{m1}"));
        if let Some(d) = day {
            let last = m1
                .parse::<u8>()
                .ok()
                .map(|m| days_in_month(end[..4].parse().unwrap_or(2001), m))
                .unwrap_or(31);
            let (d0, d1) = if d == "XX" {
                ("01".to_owned(), last.to_string())
            } else {
                (d.to_owned(), d.to_owned())
            };
            start.push_str(&format!("-{d0}"));
            end.push_str(&format!("-{d1}"));
        }
    }
    Some((start, end))
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

pub fn entry_date(f: &Fields, field: &str) -> Option<Date> {
    if let Some(d) = f.plain(field) {
        let range = unspecified_range(d.trim());
        let (start, end) = match (&range, d.split_once('/')) {
            (Some((a, b)), _) => (a.as_str(), Some(b.as_str())),
            (None, Some((a, b))) => (a, Some(b)),
            (None, None) => (d.as_str(), None),
        };
        let open = |s: &str| matches!(s.trim(), "" | "..");
        // A date biber cannot read (`date = {1}`) it ignores, with a
        // warning: `year` and `month` stand instead.
        if let Some(end) = end
            && open(start)
        {
            // `../2004-01-01`: an open start, printed `–Jan. 1, 2004`.
            if let Some(mut date) = parse_iso(end) {
                date.open_start = true;
                return Some(date);
            }
        } else if let Some(mut date) = parse_iso(start) {
            if let Some(end) = end {
                date.end = Some(parse_iso(end).filter(|_| !open(end)).map(Box::new));
            }
            return Some(date);
        }
    }
    if field != "date" {
        return None;
    }
    let year = f.plain("year")?;
    let written = f.plain("month").filter(|m| !m.is_empty());
    let month = written.as_deref().and_then(month_number);
    Some(Date {
        year,
        month,
        day: None,
        end: None,
        open_start: false,
        month_text: written
            .filter(|_| month.is_none())
            .map(|m| super::fields::normalise_range(&m)),
    })
}

/// `date=comp` with abbreviated months: `2020`, `Mar. 2020`, `July 23, 2025`.
pub(super) fn format_date(d: &Date) -> String {
    // A year before the common era with a minus sign, as biblatex prints it,
    // and without the zeros ISO 8601 pads it with (`-0379` is −379).
    let year = |y: &str| match y.strip_prefix('-') {
        Some(rest) => {
            let digits = rest.trim_start_matches('0');
            format!("\u{2212}{}", if digits.is_empty() { "0" } else { digits })
        }
        None => y.to_owned(),
    };
    let one = |d: &Date| match (d.month, d.day) {
        (Some(m), Some(day)) => format!("{} {day}, {}", month_name(m), year(&d.year)),
        (Some(m), None) => format!("{} {}", month_name(m), year(&d.year)),
        _ => match &d.month_text {
            Some(text) => format!("{text} {}", year(&d.year)),
            None => year(&d.year),
        },
    };
    if d.open_start {
        return format!("–{}", one(d));
    }
    match &d.end {
        None => one(d),
        Some(None) => format!("{}–", one(d)),
        Some(Some(end)) => {
            if d.month.is_none() && end.month.is_none() {
                format!("{}–{}", year(&d.year), year(&end.year))
            } else if d.year == end.year && d.day.is_none() && end.day.is_none() {
                match (d.month, end.month) {
                    (Some(a), Some(b)) => format!("{}–{} {}", month_name(a), month_name(b), d.year),
                    _ => format!("{}–{}", one(d), one(end)),
                }
            } else if d.year == end.year
                && d.month != end.month
                && let (Some(a), Some(b), Some(da), Some(db)) = (d.month, end.month, d.day, end.day)
            {
                format!(
                    "{} {da}–{} {db}, {}",
                    month_name(a),
                    month_name(b),
                    year(&d.year)
                )
            } else if d.year == end.year && d.month == end.month && d.day.is_some() {
                format!(
                    "{} {}–{}, {}",
                    month_name(d.month.unwrap_or(1)),
                    d.day.unwrap_or(1),
                    end.day.unwrap_or(1),
                    d.year
                )
            } else {
                format!("{}–{}", one(d), one(end))
            }
        }
    }
}

/// `urldate=short` in American English: `07/23/2025`, a range as
/// `01/01/1999–01/31/1999`.
pub(super) fn format_short_date(d: &Date) -> String {
    let one = |d: &Date| match (d.month, d.day) {
        (Some(m), Some(day)) => format!("{m:02}/{day:02}/{}", d.year),
        (Some(m), None) => format!("{m:02}/{}", d.year),
        _ => d.year.clone(),
    };
    if d.open_start {
        return format!("–{}", one(d));
    }
    match &d.end {
        None => one(d),
        Some(None) => format!("{}–", one(d)),
        Some(Some(end)) => format!("{}–{}", one(d), one(end)),
    }
}

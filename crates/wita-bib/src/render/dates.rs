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
    /// A BibTeX `month` that is no month (`13--18 Jul`): biber keeps it as
    /// written and biblatex prints it before the year.
    pub month_text: Option<String>,
}

fn parse_iso(s: &str) -> Option<Date> {
    // EDTF's qualifiers (`2009-02?` uncertain, `~` approximate, `%` both):
    // the standard style prints the date without them.
    let s = s.trim().trim_end_matches(['?', '~', '%']);
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

pub fn entry_date(f: &Fields, field: &str) -> Option<Date> {
    if let Some(d) = f.plain(field) {
        let (start, end) = match d.split_once('/') {
            Some((a, b)) => (a, Some(b)),
            None => (d.as_str(), None),
        };
        // A date biber cannot read (`date = {1}`) it ignores, with a
        // warning: `year` and `month` stand instead.
        if let Some(mut date) = parse_iso(start) {
            if let Some(end) = end {
                date.end = Some(parse_iso(end).map(Box::new));
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

/// `urldate=short` in American English: `07/23/2025`.
pub(super) fn format_short_date(d: &Date) -> String {
    match (d.month, d.day) {
        (Some(m), Some(day)) => format!("{m:02}/{day:02}/{}", d.year),
        (Some(m), None) => format!("{m:02}/{}", d.year),
        _ => d.year.clone(),
    }
}

//! What "today" is in a build. A build must give the same bytes wherever and
//! whenever it runs, so it is never the clock: `SOURCE_DATE_EPOCH` when given
//! (the reproducible-builds convention; the CLI reads the variable and passes
//! it in [`BuilderOptions`](crate::BuilderOptions)), else the date the sources
//! give.

/// `SOURCE_DATE_EPOCH`'s value: whole seconds since 1970-01-01 UTC.
pub fn parse_epoch(value: &str) -> Option<i64> {
    value.trim().parse().ok()
}

/// The date for `\today` and typst's `datetime.today()`: the day of
/// `source_date_epoch` if given, else `fallback` (`YYYY-MM-DD`), else
/// 1970-01-01.
pub fn today_for(source_date_epoch: Option<i64>, fallback: Option<&str>) -> (i32, u8, u8) {
    if let Some(epoch) = source_date_epoch {
        return civil_from_days(epoch.div_euclid(86_400));
    }
    fallback
        .and_then(|d| {
            let mut parts = d.split('-');
            let y = parts.next()?.parse().ok()?;
            let m = parts.next()?.parse().ok()?;
            let d = parts.next()?.parse().ok()?;
            (1..=12)
                .contains(&m)
                .then_some((y, m, d))
                .filter(|&(_, _, d)| (1..=31).contains(&d))
        })
        .unwrap_or((1970, 1, 1))
}

/// The calendar date now (UTC), for what is meant to carry today's date,
/// such as a new entry's `info.toml`; `source_date_epoch`'s day when given.
/// Builds never call this: they use [`today_for`].
pub fn today_from_clock(source_date_epoch: Option<i64>) -> (i32, u8, u8) {
    let seconds = source_date_epoch.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64)
    });
    civil_from_days(seconds.div_euclid(86_400))
}

/// `YYYY-MM-DD`.
pub fn iso_date(date: (i32, u8, u8)) -> String {
    format!("{:04}-{:02}-{:02}", date.0, date.1, date.2)
}

/// `\today`'s text: "July 23, 2025".
pub fn today_text(date: (i32, u8, u8)) -> String {
    format!(
        "{} {}, {}",
        wita_latex::MONTHS[usize::from(date.1.clamp(1, 12)) - 1],
        date.2,
        date.0
    )
}

/// Days since 1970-01-01 → (year, month, day) (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    ((y + i64::from(m <= 2)) as i32, m as u8, d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_to_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_293), (2025, 7, 24));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }

    #[test]
    fn the_epoch_wins_over_the_sources_date() {
        assert_eq!(today_for(None, Some("2025-08-31")), (2025, 8, 31));
        assert_eq!(
            today_for(parse_epoch(" 1753315200\n"), Some("2025-08-31")),
            (2025, 7, 24)
        );
        assert_eq!(today_for(None, Some("2025-13-01")), (1970, 1, 1));
        assert_eq!(today_from_clock(Some(0)), (1970, 1, 1));
        assert_eq!(parse_epoch("soon"), None);
    }

    #[test]
    fn today_text_reads_like_latex() {
        assert_eq!(today_text((2025, 7, 23)), "July 23, 2025");
    }
}

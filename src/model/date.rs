//! Dates as users write them: `2023-03-05`, `2023/3/5`, `2023年3月5日`.

pub use jiff::civil::Date;

use crate::lang::Msg;

/// A calendar month as a running number (year * 12 + month - 1), so months add and compare.
pub type Month = i32;

pub fn month_of(date: Date) -> Month {
    date.year() as i32 * 12 + date.month() as i32 - 1
}

pub fn month_year(month: Month) -> i32 {
    month.div_euclid(12)
}

/// 1-based month of the year.
pub fn month_number(month: Month) -> i32 {
    month.rem_euclid(12) + 1
}

pub fn first_day(month: Month) -> Date {
    // Months come from validated input, so year and month are always in range.
    Date::new(month_year(month) as i16, month_number(month) as i8, 1).unwrap_or(Date::MIN)
}

pub fn last_day(month: Month) -> Date {
    first_day(month).last_of_month()
}

/// Parses `YYYY-MM` (also `YYYY/M`, `YYYY年M月`) into a month.
pub fn parse_month(text: &str) -> Result<Month, Msg> {
    let t = text.trim();
    let parts = split_numbers(t, &['-', '/', '年', '月']);
    let not_a_month = || {
        msg!(
            "`{t}` is not a month; expected YYYY-MM, e.g. 2022-09",
            "“{t}”不是月份；应按 2022-09 的格式填写"
        )
    };
    match parts.as_deref() {
        Some([y, m]) if t.len() >= 6 => {
            if !(1..=12).contains(m) || !(1900..=9999).contains(y) {
                return Err(not_a_month());
            }
            Ok(*y as i32 * 12 + *m as i32 - 1)
        }
        _ => Err(not_a_month()),
    }
}

/// Parses a date in any accepted form. The error says what was expected.
pub fn parse_date(text: &str) -> Result<Date, Msg> {
    let t = text.trim();
    let expected = "expected a date as YYYY-MM-DD (also YYYY/M/D or YYYY年M月D日)";
    let expected_zh = "应按 2023-03-05 的格式填写（也可写作 2023/3/5 或 2023年3月5日）";
    let forms_ok = shape_ok(t);
    let parts = split_numbers(t, &['-', '/', '年', '月', '日']);
    let Some([y, m, d]) = parts.as_deref().filter(|_| forms_ok) else {
        return Err(msg!(
            "`{t}` is not a date; {expected}",
            "“{t}”不是日期；{expected_zh}"
        ));
    };
    if !(1900..=9999).contains(y) {
        return Err(msg!(
            "`{t}` has an impossible year; {expected}",
            "“{t}”的年份不对；{expected_zh}"
        ));
    }
    let not_a_day = || {
        msg!(
            "`{t}` is not a real day of the calendar; {expected}",
            "“{t}”不是日历上存在的日期；{expected_zh}"
        )
    };
    Date::new(*y as i16, *m as i8, *d as i8)
        .map_err(|_| not_a_day())
        .and_then(|date| {
            if *m > 12 || *d > 31 {
                Err(not_a_day())
            } else {
                Ok(date)
            }
        })
}

/// One separator style per date: `2023-3/5` is refused; `年月日` must come in that order.
fn shape_ok(t: &str) -> bool {
    if t.contains('年') {
        let Some((_, rest)) = t.split_once('年') else {
            return false;
        };
        let Some((_, day)) = rest.split_once('月') else {
            return false;
        };
        return day.ends_with('日') && !t.contains(['-', '/']);
    }
    let dashes = t.matches('-').count();
    let slashes = t.matches('/').count();
    (dashes == 2 && slashes == 0) || (slashes == 2 && dashes == 0)
}

fn split_numbers(t: &str, seps: &[char]) -> Option<Vec<i64>> {
    let mut out = Vec::new();
    for piece in t.split(|c| seps.contains(&c)) {
        if piece.is_empty() {
            continue;
        }
        if piece.len() > 4 || !piece.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        out.push(piece.parse().ok()?);
    }
    Some(out)
}

/// `2023-03-05` as written in exports.
pub fn iso(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// `2023年10月11日`, as Chinese documents write a date.
pub fn chinese(date: Date) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i16, m: i8, dd: i8) -> Date {
        Date::new(y, m, dd).unwrap()
    }

    #[test]
    fn accepts_the_three_forms() {
        assert_eq!(parse_date("2023-03-05"), Ok(d(2023, 3, 5)));
        assert_eq!(parse_date("2023/3/5"), Ok(d(2023, 3, 5)));
        assert_eq!(parse_date("2023年3月5日"), Ok(d(2023, 3, 5)));
        assert_eq!(parse_date(" 2023-3-5 "), Ok(d(2023, 3, 5)));
    }

    #[test]
    fn refuses_impossible_and_malformed_dates() {
        for bad in [
            "2023-02-30",
            "2023-13-01",
            "2023-00-10",
            "20230305",
            "2023-03",
            "2023-03-05x",
            "2023/03-05",
            "",
            "三月五日",
            "2023年3月5",
            "0023-01-01",
        ] {
            assert!(parse_date(bad).is_err(), "{bad} should be refused");
        }
        assert!(parse_date("2024-02-29").is_ok());
        assert!(parse_date("2023-02-29").is_err());
    }

    #[test]
    fn dates_read_as_chinese_documents_write_them() {
        assert_eq!(chinese(d(2023, 10, 11)), "2023年10月11日");
        assert_eq!(chinese(d(2023, 1, 9)), "2023年1月9日");
        assert_eq!(iso(d(2023, 1, 9)), "2023-01-09");
    }

    #[test]
    fn months_round_trip() {
        let m = parse_month("2022-09").unwrap();
        assert_eq!(month_year(m), 2022);
        assert_eq!(month_number(m), 9);
        assert_eq!(last_day(m), d(2022, 9, 30));
        assert_eq!(last_day(parse_month("2024-02").unwrap()), d(2024, 2, 29));
        assert_eq!(month_of(d(2023, 1, 31)), m + 4);
        assert!(parse_month("2022-13").is_err());
        assert!(parse_month("2022").is_err());
    }
}

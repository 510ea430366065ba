//! How people write things, shared by every stage: full-width forms typed with a Chinese input
//! method, and cells named as Excel names them.

use std::borrow::Cow;

/// Full-width letters, digits and signs (`１２３`, `－`, `．`, `／`) as their ASCII forms: typed
/// with a Chinese input method they mean exactly the same, so they are read, not refused.
pub fn half_width(text: &str) -> Cow<'_, str> {
    if text
        .chars()
        .all(|c| !('\u{ff01}'..='\u{ff5e}').contains(&c) && c != '\u{3000}')
    {
        return text.into();
    }
    text.chars()
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect::<String>()
        .into()
}

/// `B7` for 0-based column 1 of row 7.
pub fn cell_ref(row: usize, column: usize) -> String {
    let mut letters = String::new();
    let mut n = column + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.insert(0, (b'A' + rem as u8) as char);
        n = (n - 1) / 26;
    }
    format!("{letters}{row}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_forms_read_as_ascii() {
        assert_eq!(half_width("２０２３－０３－０５"), "2023-03-05");
        assert_eq!(half_width("２０２２－ｂ５"), "2022-b5");
        assert_eq!(half_width("a\u{3000}b"), "a b");
        assert!(matches!(half_width("东区 12"), Cow::Borrowed(_)));
    }

    #[test]
    fn cells_are_named_as_excel_names_them() {
        assert_eq!(cell_ref(7, 1), "B7");
        assert_eq!(cell_ref(1, 0), "A1");
        assert_eq!(cell_ref(3, 26), "AA3");
        assert_eq!(cell_ref(2, 701), "ZZ2");
        assert_eq!(cell_ref(2, 702), "AAA2");
    }
}

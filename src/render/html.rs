//! HTML escaping: Tera's escape function for every `{{ }}`, and text written outside templates.

/// Escapes `& < > " '`. Most text has none of them, so it is copied whole.
pub fn escape(text: &str) -> String {
    let special = |b: &u8| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'');
    if !text.as_bytes().iter().any(special) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut last = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[last..i]);
        out.push_str(entity);
        last = i + 1;
    }
    out.push_str(&text[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(escape("东区"), "东区");
        assert_eq!(
            escape("<a href=\"x\">'甲'&乙</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;甲&#39;&amp;乙&lt;/a&gt;"
        );
    }
}

//! The two languages countyboard speaks on a terminal: Chinese for a Chinese locale, English
//! otherwise. Every message is made in both at once (`msg!`), so the quality page and the
//! exports can show one and the terminal the other, with the same values quoted in each.

use std::fmt;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// The language of a locale as POSIX picks it: `LC_ALL`, then `LC_MESSAGES`, then `LANG`,
    /// the first one set and not empty. `zh_CN.UTF-8`, `zh_TW`, `zh` are Chinese; anything
    /// else (`C`, `en_US.UTF-8`, nothing) is English.
    pub fn from_locale(var: impl Fn(&str) -> Option<String>) -> Lang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| var(name))
            .find(|value| !value.is_empty());
        match locale {
            Some(l) if l == "zh" || l.starts_with("zh_") || l.starts_with("zh.") => Lang::Zh,
            _ => Lang::En,
        }
    }

    /// The language of this process's locale.
    pub fn from_env() -> Lang {
        Lang::from_locale(|name| std::env::var(name).ok())
    }

    /// One of two texts given in both languages.
    pub fn pick<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }

    /// `1 error`, `2 errors` in English; `2 个错误` in Chinese (`counter` is the measure word).
    pub fn count(self, n: usize, one: &str, many: &str, counter_zh: &str) -> String {
        match self {
            Lang::En => format!("{n} {}", if n == 1 { one } else { many }),
            Lang::Zh => format!("{n} {counter_zh}"),
        }
    }
}

/// A message in English and in Chinese, quoting the same values: the input's own text, the
/// column as the file heads it, what was expected.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Msg {
    pub en: String,
    pub zh: String,
}

impl Msg {
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Msg {
        Msg {
            en: en.into(),
            zh: zh.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }

    /// Messages joined: `a; b` in English, `a；b` in Chinese.
    pub fn join<'a>(parts: impl IntoIterator<Item = &'a Msg>) -> Msg {
        let (mut en, mut zh) = (Vec::new(), Vec::new());
        for m in parts {
            en.push(m.en.as_str());
            zh.push(m.zh.as_str());
        }
        Msg {
            en: en.join("; "),
            zh: zh.join("；"),
        }
    }

    /// This message after a prefix given in both languages (`lectures: …`, `“宣讲场次”：…`).
    pub fn after(self, en: &str, zh: &str) -> Msg {
        Msg {
            en: format!("{en}{}", self.en),
            zh: format!("{zh}{}", self.zh),
        }
    }
}

/// English: what scripts and logs have always read.
impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

/// A message in both languages from two format strings, e.g.
/// `msg!("`{text}` is not a number", "“{text}”不是数字")`. Values are captured by name from
/// the surrounding code, so both texts quote the same ones; arguments after the two strings
/// are shared by both.
#[macro_export]
macro_rules! msg {
    ($en:literal, $zh:literal $(,)?) => {
        $crate::lang::Msg {
            en: format!($en),
            zh: format!($zh),
        }
    };
    ($en:literal, $zh:literal, $($arg:tt)+) => {
        $crate::lang::Msg {
            en: format!($en, $($arg)+),
            zh: format!($zh, $($arg)+),
        }
    };
}

/// Does the text hold a Chinese character (a CJK ideograph)?
pub fn has_chinese(text: &str) -> bool {
    text.chars()
        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locale(pairs: &[(&str, &str)]) -> Lang {
        Lang::from_locale(|name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn the_locale_is_read_as_posix_orders_it() {
        assert_eq!(locale(&[]), Lang::En);
        assert_eq!(locale(&[("LANG", "zh_CN.UTF-8")]), Lang::Zh);
        assert_eq!(locale(&[("LANG", "zh_TW.Big5")]), Lang::Zh);
        assert_eq!(locale(&[("LANG", "C.UTF-8")]), Lang::En);
        assert_eq!(
            locale(&[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "C")]),
            Lang::En
        );
        assert_eq!(
            locale(&[("LANG", "en_US.UTF-8"), ("LC_MESSAGES", "zh_CN.UTF-8")]),
            Lang::Zh
        );
        assert_eq!(
            locale(&[("LC_ALL", ""), ("LC_MESSAGES", "zh_CN"), ("LANG", "C")]),
            Lang::Zh
        );
        assert_eq!(locale(&[("LANG", "zhx")]), Lang::En);
    }

    #[test]
    fn messages_carry_both_languages() {
        let text = "十二";
        let m = msg!("`{text}` is not a number", "“{text}”不是数字");
        assert_eq!(m.get(Lang::En), "`十二` is not a number");
        assert_eq!(m.get(Lang::Zh), "“十二”不是数字");
        let joined = Msg::join([&m, &msg!("b", "乙")]);
        assert_eq!(joined.zh, "“十二”不是数字；乙");
        assert_eq!(Lang::En.count(1, "error", "errors", "个错误"), "1 error");
        assert_eq!(Lang::Zh.count(2, "error", "errors", "个错误"), "2 个错误");
        assert!(has_chinese("a中b") && !has_chinese("abc，"));
    }
}

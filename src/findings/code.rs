//! Every kind of finding, by its code. The code's kebab-case name is what `check` prints, what
//! `--format json`, `data/quality.csv` and `data/rejected.csv` carry, and what scripts rely on:
//! a variant may be added, but a name never changes.

macro_rules! codes {
    ($($variant:ident => $name:literal,)+) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($variant,)+
        }

        impl Code {
            /// Every code, in the order they are declared.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)+];

            /// The code as users and scripts see it: `not-a-number`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)+
                }
            }
        }
    };
}

codes! {
    // The project's settings and templates.
    BadToml => "bad-toml",
    BadValue => "bad-value",
    BadMonth => "bad-month",
    BadWindow => "bad-window",
    GraceTwice => "grace-twice",
    UnknownKey => "unknown-key",
    Template => "template",
    OutputFolder => "output-folder",
    // Files: reading and decoding.
    MissingFile => "missing-file",
    DuplicateFile => "duplicate-file",
    Unreadable => "unreadable",
    Encoding => "encoding",
    BadCsv => "bad-csv",
    OverLimit => "over-limit",
    TooDeep => "too-deep",
    OutsideProject => "outside-project",
    BrokenLink => "broken-link",
    NotAFile => "not-a-file",
    UnclosedQuote => "unclosed-quote",
    NotATable => "not-a-table",
    LockFile => "lock-file",
    HiddenFile => "hidden-file",
    LinkedFolder => "linked-folder",
    SaveAsXlsx => "save-as-xlsx",
    NotAReport => "not-a-report",
    NoReportSheet => "no-report-sheet",
    EmptyFile => "empty-file",
    SheetIgnored => "sheet-ignored",
    SheetSkipped => "sheet-skipped",
    ExcelError => "excel-error",
    // Columns.
    MissingColumn => "missing-column",
    MisspelledColumn => "misspelled-column",
    DuplicateColumn => "duplicate-column",
    UnknownColumn => "unknown-column",
    RaggedRow => "ragged-row",
    // Cells.
    MissingValue => "missing-value",
    NotANumber => "not-a-number",
    Negative => "negative",
    TooLarge => "too-large",
    BadYesNo => "bad-yes-no",
    BadDate => "bad-date",
    FutureDate => "future-date",
    UnknownUnit => "unknown-unit",
    AmbiguousUnit => "ambiguous-unit",
    // Units.
    DuplicateCode => "duplicate-code",
    UnknownLevel => "unknown-level",
    UnknownRegion => "unknown-region",
    UnknownKind => "unknown-kind",
    MissingParent => "missing-parent",
    BadParent => "bad-parent",
    NoRoot => "no-root",
    RepeatedCounty => "repeated-county",
    // Indicators.
    ReservedCode => "reserved-code",
    UnknownPillar => "unknown-pillar",
    UnknownStrength => "unknown-strength",
    UnknownAggregation => "unknown-aggregation",
    // Reports.
    BadPeriod => "bad-period",
    WrongPeriodKind => "wrong-period-kind",
    PeriodOutsideCampaign => "period-outside-campaign",
    NotACounty => "not-a-county",
    UndatedFiling => "undated-filing",
    ConflictingFilings => "conflicting-filings",
    Superseded => "superseded",
    RepeatedRow => "repeated-row",
    // Ledgers.
    NotAnUpperUnit => "not-an-upper-unit",
    RepeatedPairing => "repeated-pairing",
    PairingCount => "pairing-count",
    UnknownMode => "unknown-mode",
    UnknownTopic => "unknown-topic",
    VisitOutsideCampaign => "visit-outside-campaign",
    UnknownCategory => "unknown-category",
    UnknownStatus => "unknown-status",
    MissingResolvedOn => "missing-resolved-on",
    ResolvedOnUnresolved => "resolved-on-unresolved",
    ResolvedBeforeFound => "resolved-before-found",
    DuplicateId => "duplicate-id",
    // Holidays.
    UnknownDayKind => "unknown-day-kind",
    ConflictingDay => "conflicting-day",
    HolidaysNotCovered => "holidays-not-covered",
    // Write-ups and commentary.
    FrontMatter => "front-matter",
    MissingTitle => "missing-title",
    MissingUnit => "missing-unit",
    UnknownPromotion => "unknown-promotion",
    DuplicateSlug => "duplicate-slug",
    ReservedSlug => "reserved-slug",
    UnknownPeriod => "unknown-period",
    BadIssue => "bad-issue",
    UnknownBulletinKey => "unknown-bulletin-key",
    CommentaryContradictsFigures => "commentary-contradicts-figures",
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::Code;

    #[test]
    fn codes_are_distinct_kebab_case_names() {
        let mut names: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        for name in &names {
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '-')
                    && !name.starts_with('-')
                    && !name.ends_with('-'),
                "{name}"
            );
        }
        let n = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), n, "a name used twice");
    }
}

//! Property tests over the loaders and the whole check: any bytes, any text, any table —
//! findings, never a panic. Bounded so CI stays quick; raise PROPTEST_CASES to search longer.

use countyboard::findings::Findings;
use countyboard::load::{Inputs, TextFile, decode::decode, front_matter::split, table::parse_csv};
use countyboard::model::date::parse_date;
use countyboard::validate::validate;
use proptest::prelude::*;

fn today() -> countyboard::model::Date {
    jiff::civil::Date::new(2026, 11, 25).unwrap()
}

/// CSV-ish text: commas, quotes, newlines, Chinese, digits, dates.
fn csv_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just(",".to_string()),
            Just("\"".to_string()),
            Just("\n".to_string()),
            Just("\r\n".to_string()),
            Just("2023-B1".to_string()),
            Just("2023-03-05".to_string()),
            Just("110101".to_string()),
            Just("县".to_string()),
            Just("是".to_string()),
            Just("-1".to_string()),
            "[0-9]{1,4}",
            "[a-z_]{1,8}",
            "\\PC{0,6}",
        ],
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    #[test]
    fn any_bytes_decode_or_are_refused(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        if let Err(e) = decode(&bytes) {
            prop_assert!(e.offset <= bytes.len());
        }
    }

    #[test]
    fn any_text_parses_as_a_table(text in csv_text()) {
        let mut f = Findings::default();
        let t = parse_csv("t.csv", &text, &mut f);
        for row in &t.rows {
            prop_assert_eq!(row.cells.len(), t.headers.len());
        }
    }

    #[test]
    fn any_text_splits_or_is_refused(text in "(---\\n)?\\PC{0,80}(\\n---\\n)?\\PC{0,40}") {
        let _ = split(&text);
    }

    #[test]
    fn any_date_text_parses_or_is_refused(text in "\\PC{0,12}|[0-9]{1,5}[-/年][0-9]{1,3}[-/月][0-9]{1,3}日?") {
        let _ = parse_date(&text);
    }

    #[test]
    fn any_project_checks_without_panic(
        units in csv_text(), reports in csv_text(), pairings in csv_text(), visits in csv_text(),
        problems in csv_text(), indicators in csv_text(), practice in "\\PC{0,120}",
        holidays in csv_text(),
    ) {
        let mut findings = Findings::default();
        let header = |h: &str, body: &str| format!("{h}\n{body}");
        let inputs = Inputs {
            campaign: (holidays.len() % 2 == 1).then(|| "grace_working_days = 3".to_string()),
            holidays: Some(parse_csv("data/holidays.csv", &header("date,kind,name", &holidays), &mut findings)),
            units: Some(parse_csv("data/units.csv", &header("code,name,level,parent,region,kind\n0,全国,national,,,\n11,省,province,0,east,\n110101,县,county,11,,", &units), &mut findings)),
            indicators: if indicators.len() % 2 == 0 { None } else { Some(parse_csv("data/indicators.csv", &header("code,name,pillar,item,time_agg,unit_agg,measure,target", &indicators), &mut findings)) },
            pairings: Some(parse_csv("data/pairings.csv", &header("upper,county,since", &pairings), &mut findings)),
            visits: Some(parse_csv("data/visits.csv", &header("upper,county,date,mode,topics,note", &visits), &mut findings)),
            problems: Some(parse_csv("data/problems.csv", &header("id,county,found_by,found_on,category,title,measures,status,resolved_on", &problems), &mut findings)),
            reports: vec![parse_csv("data/reports/r.csv", &header("period,unit,submitted_on,lectures,service_centre", &reports), &mut findings)],
            practices: vec![TextFile { file: "content/practices/p.md".into(), text: format!("---\n{practice}\n---\n") }],
            bulletins: Vec::new(),
            templates: Vec::new(),
            guide: None,
        };
        if let Some(model) = validate(&inputs, today(), &mut findings) {
            let figures = countyboard::engine::compute(&model);
            prop_assert!(figures.periods > 0);
        }
    }
}

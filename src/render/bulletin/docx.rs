//! A bulletin as an editable Word document, laid out after GB/T 9704 (党政机关公文格式): A4
//! with a 156 × 225 mm type area (margins 37 / 26 / 35 / 28 mm), body in 3号 仿宋 with fixed
//! lines (22 a page), first-level headings in 黑体 and second-level in 楷体 as real heading
//! styles (Word's navigation pane lists them), the title in 2号 小标宋, the head in red above
//! a red rule, the 落款 right-aligned four characters in, page numbers “— 1 —” in 4号 宋体.
//! Tables are real tables. An office adds its 文号 and sends it.

use docx_rs::{
    AlignmentType, BorderType, BreakType, Docx, Footer, LineSpacing, LineSpacingType, PageMargin,
    PageNum, Paragraph, ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run, RunFonts,
    SpecialIndentType, Style, StyleType, Tab, TabValueType, Table, TableCell, TableRow, WidthType,
};

use super::{Block, Document, Row, Span};
use crate::model::Model;

const RED: &str = "C00000";
/// Twips (1/1440 inch) in a millimetre.
const MM: f64 = 56.692;
/// The type area's width, 156 mm.
const TEXT_WIDTH: usize = (156.0 * MM) as usize;
/// 3号 (16 pt) in half-points, the body size; 2号 (22 pt) for the title, 4号 (14 pt) for page
/// numbers, 五号 (10.5 pt) in tables.
const BODY: usize = 32;
const TITLE: usize = 44;
const FOLIO: usize = 28;
const SMALL: usize = 21;
/// Fixed line pitch for 22 lines in 225 mm: 28.9 pt.
const LINE: i32 = 578;

fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
}

fn mm(x: f64) -> i32 {
    (x * MM).round() as i32
}

/// The document as `.docx` bytes.
pub fn write(model: &Model, doc: &Document) -> Result<Vec<u8>, String> {
    let mut d = Docx::new()
        .page_size((210.0 * MM) as u32, (297.0 * MM) as u32)
        .page_margin(
            PageMargin::new()
                .top(mm(37.0))
                .bottom(mm(35.0))
                .left(mm(28.0))
                .right(mm(26.0))
                .header(mm(15.0))
                .footer(mm(25.0)),
        )
        .default_fonts(fonts("仿宋"))
        .default_size(BODY)
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("heading 1")
                .fonts(fonts("黑体"))
                .size(BODY)
                .outline_lvl(0)
                .first_line_chars(200),
        )
        .add_style(
            Style::new("Heading2", StyleType::Paragraph)
                .name("heading 2")
                .fonts(fonts("楷体"))
                .size(BODY)
                .outline_lvl(1)
                .first_line_chars(200),
        )
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .fonts(fonts("方正小标宋简体"))
                .size(TITLE)
                .align(AlignmentType::Center),
        )
        .footer(
            Footer::new().add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .add_run(Run::new().add_text("— ").fonts(fonts("宋体")).size(FOLIO))
                    .add_page_num(PageNum::new())
                    .add_run(Run::new().add_text(" —").fonts(fonts("宋体")).size(FOLIO)),
            ),
        );
    for p in head(doc) {
        d = d.add_paragraph(p);
    }
    for s in &doc.sections {
        d = d.add_paragraph(
            line(Paragraph::new().style("Heading1")).add_run(Run::new().add_text(&s.heading)),
        );
        for b in &s.blocks {
            d = add_block(d, b);
        }
    }
    // 落款: the issuing body and the date, right-aligned four characters in.
    d = d.add_paragraph(line(Paragraph::new()));
    for text in [&doc.issuer, &doc.date] {
        d = d.add_paragraph(
            line(Paragraph::new())
                .align(AlignmentType::Right)
                .indent(None, None, Some(4 * 320), None)
                .add_run(Run::new().add_text(text.as_str())),
        );
    }
    if !doc.practices.is_empty() {
        d = d.add_paragraph(
            line(Paragraph::new())
                .page_break_before(true)
                .add_run(Run::new().add_text("附件").fonts(fonts("黑体"))),
        );
        let mut title = vec![Span::text("本期好经验好做法（共")];
        title.push(doc.practice_total.clone());
        title.push(Span::text("篇）"));
        d = d.add_paragraph(spans(Paragraph::new().style("Title"), &title));
        for (i, k) in doc.practices.iter().enumerate() {
            let p = &model.practices[*k];
            let unit = &model.units.units[p.unit].name;
            d = d.add_paragraph(body(Paragraph::new()).add_run(Run::new().add_text(format!(
                "{}. {}（{}，{}）",
                i + 1,
                p.title,
                unit,
                crate::render::site::format::date(p.date)
            ))));
        }
    }
    let mut bytes = std::io::Cursor::new(Vec::new());
    d.build()
        .pack(&mut bytes)
        .map_err(|e| format!("cannot write the Word document: {e}"))?;
    Ok(bytes.into_inner())
}

/// The red head: the masthead, 第N期, the issuing body and the date over a red rule; then
/// the title and the scope.
fn head(doc: &Document) -> Vec<Paragraph> {
    let red_rule = ParagraphBorders::with_empty().set(
        ParagraphBorder::new(ParagraphBorderPosition::Bottom)
            .val(BorderType::Single)
            .size(18)
            .space(4)
            .color(RED),
    );
    vec![
        Paragraph::new().align(AlignmentType::Center).add_run(
            Run::new()
                .add_text(&doc.masthead)
                .fonts(fonts("方正小标宋简体"))
                .size(52)
                .color(RED),
        ),
        line(Paragraph::new().align(AlignmentType::Center))
            .add_run(Run::new().add_text(format!("第{}期", doc.issue))),
        line(Paragraph::new())
            .add_tab(Tab::new().val(TabValueType::Right).pos(TEXT_WIDTH))
            .add_run(
                Run::new()
                    .add_text(&doc.issuer)
                    .add_tab()
                    .add_text(&doc.date),
            )
            .set_borders(red_rule),
        line(Paragraph::new()),
        Paragraph::new()
            .style("Title")
            .add_run(Run::new().add_text(&doc.title)),
        line(Paragraph::new().align(AlignmentType::Center)).add_run(
            Run::new()
                .add_text(&doc.scope)
                .fonts(fonts("楷体"))
                .size(SMALL + 3),
        ),
    ]
}

fn line(p: Paragraph) -> Paragraph {
    p.line_spacing(
        LineSpacing::new()
            .line_rule(LineSpacingType::Exact)
            .line(LINE),
    )
}

/// A body paragraph: fixed lines, first line indented two characters.
fn body(p: Paragraph) -> Paragraph {
    line(p).indent(None, Some(SpecialIndentType::FirstLine(640)), None, None)
}

fn spans(mut p: Paragraph, spans: &[Span]) -> Paragraph {
    for s in spans {
        p = match s {
            Span::Strong(t) => p.add_run(Run::new().add_text(t.as_str()).bold()),
            other => p.add_run(Run::new().add_text(other.plain())),
        };
    }
    p
}

fn add_block(d: Docx, b: &Block) -> Docx {
    match b {
        Block::Para(s) => d.add_paragraph(spans(body(Paragraph::new()), s)),
        Block::Heading(h) => d.add_paragraph(
            line(Paragraph::new().style("Heading2")).add_run(Run::new().add_text(h.as_str())),
        ),
        Block::Table(t) => {
            let d = if t.caption.is_empty() {
                d
            } else {
                d.add_paragraph(
                    line(Paragraph::new().align(AlignmentType::Center)).add_run(
                        Run::new()
                            .add_text(&t.caption)
                            .fonts(fonts("黑体"))
                            .size(SMALL + 3),
                    ),
                )
            };
            let d = d.add_table(table(t));
            match &t.ranking {
                Some(_) => d.add_paragraph(
                    line(Paragraph::new()).add_run(
                        Run::new()
                            .add_text(crate::render::site::rank_legend("全国", false))
                            .size(SMALL),
                    ),
                ),
                None => d,
            }
        }
        Block::Names { groups, .. } => groups.iter().fold(d, |d, g| {
            let names: Vec<String> = g
                .names
                .iter()
                .map(|n| format!("{}{}", n.name, n.detail))
                .collect();
            let head = if g.head.is_empty() {
                String::new()
            } else {
                format!("{}：", g.head)
            };
            d.add_paragraph(
                body(Paragraph::new())
                    .add_run(Run::new().add_text(format!("{head}{}", names.join("、")))),
            )
        }),
        Block::Steps(steps) => steps.iter().enumerate().fold(d, |d, (i, s)| {
            let mut list = vec![Span::text(format!("{}. ", i + 1))];
            list.extend(s.iter().cloned());
            d.add_paragraph(spans(body(Paragraph::new()), &list))
        }),
        Block::Commentary(md) => super::markdown::blocks(md).iter().fold(d, add_block),
    }
}

fn table(t: &super::Table) -> Table {
    // A ranking gains a 序号 column and opens with its parent's row, as on the site.
    let ranked = t.ranking.is_some();
    let columns = t.headers.len().max(1) + usize::from(ranked);
    let number = if ranked { TEXT_WIDTH / 14 } else { 0 };
    let first = if columns > 2 {
        TEXT_WIDTH / 5
    } else {
        TEXT_WIDTH * 3 / 5
    };
    let rest = (TEXT_WIDTH - first - number) / (columns - 1 - usize::from(ranked)).max(1);
    let cell = |text: &str, bold: bool, align: AlignmentType| {
        let mut run = Run::new().add_text(text).size(SMALL);
        if bold {
            run = run.bold();
        }
        TableCell::new().add_paragraph(Paragraph::new().align(align).add_run(run))
    };
    let headers = ranked
        .then_some("序号")
        .into_iter()
        .chain(t.headers.iter().map(String::as_str));
    let mut rows = vec![
        TableRow::new(
            headers
                .enumerate()
                .map(|(i, h)| {
                    let align = if i == usize::from(ranked) {
                        AlignmentType::Left
                    } else {
                        AlignmentType::Center
                    };
                    cell(h, true, align)
                })
                .collect(),
        )
        .cant_split(),
    ];
    let line = |rank: Option<String>, r: &Row, bold: bool| match r {
        Row::Group(name) => TableRow::new(vec![
            cell(name, true, AlignmentType::Left).grid_span(columns),
        ]),
        Row::Line { name, cells, .. } => TableRow::new(
            rank.map(|n| cell(&n, bold, AlignmentType::Center))
                .into_iter()
                .chain(std::iter::once(cell(name, bold, AlignmentType::Left)))
                .chain(cells.iter().map(|c| {
                    let mark = if c.low { "▼" } else { "" };
                    let text = format!("{mark}{}", c.text);
                    let align = if c.code.is_empty() {
                        AlignmentType::Left
                    } else {
                        AlignmentType::Right
                    };
                    if c.coverage.is_empty() {
                        return cell(&text, bold, align);
                    }
                    // The coverage on a line of its own, smaller: narrow columns keep whole.
                    let mut run = Run::new().add_text(text).size(SMALL);
                    if bold {
                        run = run.bold();
                    }
                    let coverage = Run::new()
                        .add_break(BreakType::TextWrapping)
                        .add_text(&c.coverage)
                        .size(SMALL - 4);
                    TableCell::new()
                        .add_paragraph(Paragraph::new().align(align).add_run(run).add_run(coverage))
                }))
                .collect(),
        ),
    };
    if let Some(r) = &t.ranking {
        rows.push(line(Some(String::new()), &r.parent, true).cant_split());
    }
    for (i, r) in t.rows.iter().enumerate() {
        let rank = ranked.then(|| (i + 1).to_string());
        rows.push(line(rank, r, false).cant_split());
    }
    let grid = ranked
        .then_some(number)
        .into_iter()
        .chain(std::iter::once(first))
        .chain(std::iter::repeat_n(rest, columns - 1 - usize::from(ranked)))
        .collect();
    Table::new(rows)
        .set_grid(grid)
        .width(TEXT_WIDTH, WidthType::Dxa)
}

//! Findings in Chinese for the quality page and for `serve`: what each kind of finding means
//! and what to do. The match is exhaustive, so a new code cannot go without its explanation.

use crate::findings::Code;

pub fn explain(code: Code) -> &'static str {
    match code {
        Code::AmbiguousUnit => "单位名称有重名，无法确定是哪个单位，请改填单位代码",
        Code::BadCsv => "文件格式无法识别，请另存为 CSV（逗号分隔）",
        Code::BadDate => "日期无法识别或不存在，请按 2023-03-05 的格式填写",
        Code::BadMonth => "月份无法识别，请按 2022-09 的格式填写",
        Code::BadParent => "上级单位的级别不对（县的上级应为地市或省，地市的上级应为省）",
        Code::BadPeriod => "报告期无法识别，请按 2022-B5（双月）的格式填写",
        Code::BadToml => "campaign.toml 格式有误",
        Code::BadValue => "campaign.toml 中的设置值有误",
        Code::BadWindow => "专项工作的起止月份有误：结束早于开始，或时间跨度超过 10 年",
        Code::BadYesNo => "是否类指标只能填“是”或“否”",
        Code::ConflictingFilings => {
            "同一县同一报告期在同一天报送了两份内容不同的报表，无法确定以哪份为准"
        }
        Code::ConflictingDay => "同一日期在节假日表中既列为“休”又列为“班”，只按第一次的类型计算",
        Code::DuplicateCode => "单位代码或指标代码重复",
        Code::DuplicateColumn => "同一列出现了两次",
        Code::DuplicateFile => "同一份数据同时有 CSV 和 Excel 两个文件，只读取了第一个",
        Code::DuplicateId => "问题编号重复",
        Code::DuplicateSlug => "两篇做法的文件名相同",
        Code::ExcelError => "Excel 单元格里是错误值（如 #N/A），该行未计入",
        Code::FrontMatter => "做法文件开头的说明部分（--- 之间）格式有误",
        Code::FutureDate => "日期晚于今天",
        Code::GraceTwice => "campaign.toml 中 grace_days 与 grace_working_days 只能设置一个",
        Code::HolidaysNotCovered => {
            "节假日表没有这一年的放假和调休安排，报送截止日期暂按周一至周五计算，请在 data/holidays.csv 中补充"
        }
        Code::MissingColumn => "文件缺少必需的列，整个文件未计入",
        Code::MisspelledColumn => {
            "列名与某个指标或栏目相近但不一致，可能写错了，这一列未读取；请按报表原样改正列名"
        }
        Code::MissingFile => "缺少必需的文件",
        Code::MissingParent => "找不到上级单位",
        Code::MissingResolvedOn => "问题已销号，但没有填写销号日期",
        Code::MissingTitle => "做法缺少标题",
        Code::MissingUnit => "做法缺少所属单位",
        Code::MissingValue => "必填项为空",
        Code::NoRoot => "单位表中没有全国总工会（全国级、上级为空）",
        Code::NotACounty => "这一栏应当是县级工会",
        Code::NotANumber => "不是数字：没有发生的填 0，未统计的留空，不要填“—”“无”等文字",
        Code::NotAnUpperUnit => "对口联系单位应当是上级工会，不能是县级工会",
        Code::PairingCount => "全国性对口联系单位应当联系 2 个县级工会",
        Code::PeriodOutsideCampaign => "报告期不在专项工作期间内",
        Code::RaggedRow => "这一行的栏数与表头不一致（单元格中的逗号需要用引号括起来）",
        Code::RepeatedPairing => "同一对口联系重复登记，只计一次",
        Code::RepeatedRow => "这一行与前面某行完全相同，只计一次",
        Code::RepeatedCounty => {
            "同一上级下有两个同名的县级单位，代码不同，可能重复登记；重复的县会拉低各项比率"
        }
        Code::ReservedCode => "指标代码与报表固定列重名",
        Code::ResolvedBeforeFound => "销号日期早于发现日期",
        Code::ResolvedOnUnresolved => "问题未销号，却填写了销号日期",
        Code::SheetIgnored => "工作簿中只读取第一个工作表",
        Code::SheetSkipped => "这个工作表不是数据表（如填表说明），未读取",
        Code::TooLarge => "数值大得不合常理，请核实",
        Code::UndatedFiling => {
            "这一行填了数字，但没有填写报送日期；本期未报送的县，这一行保持原样即可"
        }
        Code::UnknownAggregation => "指标的汇总方式无法识别",
        Code::UnknownCategory => {
            "问题类别无法识别，应为需党委政府协调、工会系统资源解决或县级工会自身努力"
        }
        Code::UnknownColumn => "这一列无法识别，未读取",
        Code::UnknownDayKind => "节假日表的类型只能填“休”（放假）或“班”（调休上班）",
        Code::UnknownKey => "campaign.toml 中有无法识别的设置",
        Code::UnknownKind => "县的类型无法识别，应为县、县级市、市辖区或其他",
        Code::UnknownLevel => "单位级别无法识别，应为全国、省级、地市级或县级",
        Code::UnknownMode => "调研方式无法识别，应为实地或线上",
        Code::UnknownPeriod => "点评文件的文件名不是专项工作的期间",
        Code::UnknownPillar => {
            "指标的框架无法识别，应为一条主线、两个结合、三个下沉、四项任务或五强"
        }
        Code::UnknownPromotion => "推广范围无法识别，应为县域、市域、全省或全国",
        Code::UnknownRegion => "地区无法识别，应为东部、中部或西部",
        Code::UnknownStatus => "问题状态无法识别，应为待解决、推进中或已销号",
        Code::UnknownStrength => "“五强”指标的事项无法识别",
        Code::UnknownTopic => "调研主题不在五个重点之列",
        Code::UnknownUnit => "找不到这个单位代码",
        Code::VisitOutsideCampaign => "调研日期不在专项工作期间内，不计入任何期间",
        Code::WrongPeriodKind => "报告期的类型不对，报表应按双月（或月）报送",
        Code::Superseded => "同一县同一报告期后来又报送了一份，以后一份为准",
        Code::Unreadable => "文件无法读取",
        Code::Encoding => "文件编码无法识别，请另存为 UTF-8 或 GB18030",
        Code::Template => "模板有误",
        Code::OverLimit => "文件、表格或单元格超出可读取的大小，未读取；请拆分文件或删除多余内容",
        Code::TooDeep => "做法文件的嵌套层数过多（引用、列表或 HTML 标签），未读取",
        Code::OutsideProject => {
            "这是指向项目文件夹以外的链接，为安全起见未读取；请把文件本身复制到项目中"
        }
        Code::BrokenLink => "这是指向不存在文件的链接，未读取",
        Code::NotAFile => "这不是普通文件（如管道文件或设备），未读取",
        Code::UnclosedQuote => "单元格的引号没有闭合，该行未计入，其后的行照常读取",
        Code::NotATable => "这个文本文件没有分列，视为说明文字，未读取",
        Code::LockFile => "这是 Excel 或 WPS 打开工作簿时生成的临时文件，未读取",
        Code::HiddenFile => "隐藏文件或文件夹，未读取",
        Code::LinkedFolder => "这是指向文件夹的链接，其中的文件未读取；请直接放入文件夹",
        Code::SaveAsXlsx => "这种格式的工作簿无法读取，请另存为 .xlsx（Excel 工作簿）",
        Code::NotAReport => {
            "报表文件夹中有非报表文件，未读取；报表应为 CSV、文本（制表符分隔）或 Excel 工作簿"
        }
        Code::NoReportSheet => {
            "工作簿中没有一个工作表含有报告期、单位代码、报送日期等列，整个工作簿未计入"
        }
        Code::EmptyFile => "工作簿中没有任何内容，未读取",
        Code::OutputFolder => {
            "输出文件夹不能使用：其中有不是本程序生成的文件，或它是项目本身或输入文件夹"
        }
        Code::Negative => "数值不能是负数：没有发生的填 0",
        Code::BadIssue => "点评文件开头的期号（issue）应为从 1 起的整数，如 issue: 3",
        Code::CommentaryContradictsFigures => {
            "专班点评说某项工作提升、领先或较好，但本期数据显示它在五强中最低或比上期下降，请核对点评与数据后再印发"
        }
        Code::UnknownBulletinKey => {
            "点评文件开头只能设置期号（issue）和印发日期（date），其他设置不起作用"
        }
        Code::ReservedSlug => {
            "做法的文件名与经验做法库自身的页面重名（如 search、province），会覆盖库的页面；请给做法换一个文件名"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::has_chinese;

    #[test]
    fn every_code_is_explained_in_chinese() {
        for code in Code::ALL {
            let text = explain(*code);
            assert!(has_chinese(text), "{code}: {text}");
        }
    }
}

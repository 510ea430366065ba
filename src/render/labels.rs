//! Chinese names of the derived figures, as the site shows them.

pub fn metric_label(code: &str) -> Option<&'static str> {
    Some(match code {
        "reporting_rate" => "报送率",
        "timeliness" => "及时率",
        "pairing_coverage" => "对口联系覆盖率",
        "onsite_visits" => "实地调研次数",
        "visit_coverage" => "对口联系实地调研覆盖率",
        "problems_found" => "发现问题数",
        "problems_resolved" => "销号问题数",
        "resolution_rate" => "问题销号率",
        "problems_found_coordinate" => "发现问题数（需党委政府协调）",
        "problems_resolved_coordinate" => "销号问题数（需党委政府协调）",
        "resolution_rate_coordinate" => "问题销号率（需党委政府协调）",
        "problems_found_union" => "发现问题数（工会系统资源解决）",
        "problems_resolved_union" => "销号问题数（工会系统资源解决）",
        "resolution_rate_union" => "问题销号率（工会系统资源解决）",
        "problems_found_self" => "发现问题数（县级工会自身努力）",
        "problems_resolved_self" => "销号问题数（县级工会自身努力）",
        "resolution_rate_self" => "问题销号率（县级工会自身努力）",
        "practices" => "好经验好做法",
        "practices_promoted" => "省级以上推广的做法",
        "strong_political" => "政治引领强达标率",
        "strong_organization" => "组织功能强达标率",
        "strong_service" => "服务阵地强达标率",
        "strong_mechanism" => "制度机制强达标率",
        "strong_role" => "作用发挥强达标率",
        "five_strong" => "五强全面达标率",
        _ => return None,
    })
}

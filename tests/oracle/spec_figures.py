#!/usr/bin/env python3
"""An independent calculation of SPEC §4–§5 (with §4.1's working days) for a valid project,
written from the specification alone (it shares no code with countyboard). It prints the figures in the
format of output/data/indicators.csv, in any order:

    python3 tests/oracle/spec_figures.py PROJECT_DIR > figures.csv

It assumes the input is valid (countyboard check passes); it does not validate.
"""
import calendar as cal
import csv
import datetime as dt
import io
import os
import re
import sys
import tomllib
from decimal import Decimal
from fractions import Fraction

HEADERS = {
    "code": ["代码"], "name": ["名称"], "level": ["级别"], "parent": ["上级"], "region": ["地区"], "kind": ["类型"],
    "period": ["期间", "报告期"], "unit": ["单位", "单位代码"], "submitted_on": ["报送日期", "填报日期"],
    "upper": ["联系单位"], "county": ["县", "县级工会"], "since": ["起始日期"],
    "date": ["日期"], "mode": ["方式"], "topics": ["主题"], "note": ["备注"],
    "id": ["编号"], "found_by": ["发现单位"], "found_on": ["发现日期"], "category": ["类别"], "title": ["问题"],
    "measures": ["措施"], "status": ["状态"], "resolved_on": ["销号日期"],
}
STRENGTHS = ["政治引领强", "组织功能强", "服务阵地强", "制度机制强", "作用发挥强"]
STRENGTH_METRIC = dict(zip(STRENGTHS, ["strong_political", "strong_organization", "strong_service", "strong_mechanism", "strong_role"]))


def read_text(path):
    raw = open(path, "rb").read()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            pass
    raise SystemExit(f"cannot decode {path}")


def strip_unit(h):
    m = re.match(r"^(.*?)\s*[（(][^（）()]*[）)]$", h)
    return m.group(1) if m else h


def read_csv(path, extra=None):
    """Rows as dicts keyed by column code (fixed columns, then `extra` name → code)."""
    if not os.path.exists(path):
        return []
    rows = list(csv.reader(io.StringIO(read_text(path), newline="")))
    rows = [[c.strip() for c in r] for r in rows if any(c.strip() for c in r)]
    if not rows:
        return []
    keys = []
    for h in rows[0]:
        h = h.strip().lstrip("\ufeff")
        key = None
        for cand in (h, strip_unit(h)):
            for code, names in HEADERS.items():
                if cand.lower() == code or cand in names:
                    key = code
            if key is None and extra and cand in extra:
                key = extra[cand]
            if key:
                break
        keys.append(key or h)
    return [dict(zip(keys, r)) for r in rows[1:]]


def date(text):
    m = re.match(r"^(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?$", text.strip())
    return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def month_index(y, m):
    return y * 12 + m - 1


def last_day(mi):
    y, m = divmod(mi, 12)
    return dt.date(y, m + 1, cal.monthrange(y, m + 1)[1])


def first_day(mi):
    y, m = divmod(mi, 12)
    return dt.date(y, m + 1, 1)


# SPEC §4.1's built-in schedule, in the specification's own words.
BUILT_IN_OFF = ("2022-01-01..03, 2022-01-31..02-06, 2022-04-03..05, 2022-04-30..05-04, 2022-06-03..05, "
                "2022-09-10..12, 2022-10-01..07, 2022-12-31..2023-01-02, 2023-01-21..27, 2023-04-05, "
                "2023-04-29..05-03, 2023-06-22..24, 2023-09-29..10-06")
BUILT_IN_WORK = ("2022-01-29, 2022-01-30, 2022-04-02, 2022-04-24, 2022-05-07, 2022-10-08, 2022-10-09, "
                 "2023-01-28, 2023-01-29, 2023-04-23, 2023-05-06, 2023-06-25, 2023-10-07, 2023-10-08")


def spec_days(text):
    """`2022-01-01..03`, `2022-01-31..02-06`, `2022-12-31..2023-01-02` or one date."""
    for item in text.split(","):
        first, _, last = item.strip().partition("..")
        a = dt.date.fromisoformat(first)
        b = a
        if last.count("-") == 0 and last:
            b = a.replace(day=int(last))
        elif last.count("-") == 1:
            month, day = last.split("-")
            b = a.replace(month=int(month), day=int(day))
        elif last:
            b = dt.date.fromisoformat(last)
        while a <= b:
            yield a
            a += dt.timedelta(days=1)


def holiday_list(root):
    """date → "休" or "班": the project's data/holidays.csv, else the built-in schedule."""
    path = os.path.join(root, "data/holidays.csv")
    if not os.path.exists(path):
        days = {d: "休" for d in spec_days(BUILT_IN_OFF)}
        days.update({d: "班" for d in spec_days(BUILT_IN_WORK)})
        return days
    kinds = {"休": "休", "off": "休", "班": "班", "work": "班"}
    return {date(r["date"]): kinds[r["kind"].strip().lower()] for r in read_csv(path)}


def deadline(last, grace_days, working_days, holidays):
    """The period's last day + grace_days, or the Nth working day after it: a day listed 班,
    or a Monday–Friday not listed 休."""
    if working_days is None:
        return last + dt.timedelta(days=grace_days)
    day, counted = last, 0
    while counted < working_days:
        day += dt.timedelta(days=1)
        kind = holidays.get(day)
        if kind == "班" or (kind is None and day.weekday() < 5):
            counted += 1
    return day


def main(root):
    conf = {}
    toml_path = os.path.join(root, "data/campaign.toml")
    if os.path.exists(toml_path):
        conf = tomllib.load(open(toml_path, "rb"))
    y, m = map(int, conf.get("start", "2022-09").split("-"))
    start = month_index(y, m)
    y, m = map(int, conf.get("end", "2023-09").split("-"))
    end = month_index(y, m)
    freq = conf.get("frequency", "bimonth")
    grace = conf.get("grace_days", 10)
    working_days = conf.get("grace_working_days")
    holidays = holiday_list(root)

    # Periods: (id, kind, first month, last month), clipped.
    periods = []
    kinds = [("month", 1), ("bimonth", 2), ("quarter", 3), ("half", 6)]
    if freq == "bimonth":
        kinds = kinds[1:]
    for kind, span in kinds:
        for mi in range(start, end + 1):
            y, mo = divmod(mi, 12)
            block = mo // span
            block_first = y * 12 + block * span
            if mi != max(block_first, start):
                continue
            first, last = max(block_first, start), min(block_first + span - 1, end)
            pid = {"month": f"{y}-{mo + 1:02d}", "bimonth": f"{y}-B{block + 1}", "quarter": f"{y}-Q{block + 1}", "half": f"{y}-H{block + 1}"}[kind]
            periods.append((pid, kind, first, last))
    periods.append(("campaign", "campaign", start, end))
    reporting = [p for p in periods if p[1] == freq]
    rp_last = {p[0]: p[3] for p in reporting}
    due = {p[0]: deadline(last_day(p[3]), grace, working_days, holidays) for p in reporting}
    camp_first, camp_last = first_day(start), last_day(end)

    units = read_csv(os.path.join(root, "data/units.csv"))
    by_code = {u["code"]: u for u in units}
    names = {}
    for u in units:
        names.setdefault(u["name"], []).append(u["code"])

    def resolve(text):
        if text in by_code:
            return text
        return names[text][0]

    def level(u):
        return {"全国": "national", "省级": "province", "地市级": "prefecture", "县级": "county"}.get(u["level"], u["level"])

    root_code = next(u["code"] for u in units if level(u) == "national" and not u.get("parent"))
    parent = {u["code"]: u.get("parent") or None for u in units}

    def ancestors(code):
        out = [code]
        while parent.get(out[-1]):
            out.append(parent[out[-1]])
        return out

    counties = [u["code"] for u in units if level(u) == "county"]
    territorial = [u["code"] for u in units if u["code"] == root_code or level(u) != "national"]
    under = {t: [] for t in territorial}
    for c in counties:
        for a in ancestors(c):
            if a in under:
                under[a].append(c)

    ind_path = os.path.join(root, "data/indicators.csv")
    if not os.path.exists(ind_path):
        ind_path = os.path.join(os.path.dirname(__file__), "../../assets/indicators.csv")
    indicators = read_csv(ind_path)
    name_to_code = {}
    for i in indicators:
        name_to_code[i["name"]] = i["code"]
        name_to_code[i["code"]] = i["code"]

    # Reports: the later submitted_on wins; identical repeats count once.
    filings = {}
    report_dir = os.path.join(root, "data/reports")
    for dirpath, _, files in os.walk(report_dir):
        for f in sorted(files):
            if not f.lower().endswith(".csv"):
                continue
            for r in read_csv(os.path.join(dirpath, f), name_to_code):
                pid = r["period"].strip().upper()
                key = (resolve(r["unit"]), pid)
                vals = {}
                for i in indicators:
                    cell = r.get(i["code"], "").strip()
                    if cell == "":
                        continue
                    vals[i["code"]] = Decimal({"是": "1", "否": "0"}.get(cell, cell))
                filings.setdefault(key, []).append((date(r["submitted_on"]), vals))
    winners = {k: max(v, key=lambda t: t[0]) for k, v in filings.items()}
    # Each county's winning filings, looked up by county rather than by scanning them all.
    filed_by_county = {}
    for (c, r), (_, vals) in winners.items():
        filed_by_county.setdefault(c, []).append((r, vals))

    pairings = {}
    for r in read_csv(os.path.join(root, "data/pairings.csv")):
        since = date(r["since"]) if r.get("since") else camp_first
        k = (resolve(r["upper"]), resolve(r["county"]))
        pairings[k] = min(since, pairings.get(k, since))
    visits = []
    seen = set()
    for r in read_csv(os.path.join(root, "data/visits.csv")):
        t = tuple(sorted(r.items()))
        if t in seen:
            continue
        seen.add(t)
        visits.append((resolve(r["upper"]), resolve(r["county"]), date(r["date"]), r["mode"] in ("onsite", "实地")))
    onsite_days = {}
    for vu, vc, d, on in visits:
        if on:
            onsite_days.setdefault((vu, vc), []).append(d)
    cat_map = {"coordinate": "coordinate", "需党委政府协调": "coordinate", "union": "union", "工会系统资源解决": "union", "self": "self", "县级工会自身努力": "self"}
    status_map = {"open": "open", "待解决": "open", "in_progress": "in_progress", "推进中": "in_progress", "resolved": "resolved", "已销号": "resolved"}
    problems = []
    seen_ids = set()
    for r in read_csv(os.path.join(root, "data/problems.csv")):
        if r["id"] in seen_ids:
            continue
        seen_ids.add(r["id"])
        resolved = date(r["resolved_on"]) if r.get("resolved_on") else None
        problems.append((resolve(r["county"]), date(r["found_on"]), cat_map[r["category"]], resolved, status_map[r["status"]]))
    problems_of = {}
    for p in problems:
        problems_of.setdefault(p[0], []).append(p)
    practices = []
    pdir = os.path.join(root, "content/practices")
    for f in sorted(os.listdir(pdir)) if os.path.isdir(pdir) else []:
        if not f.endswith(".md"):
            continue
        fm = read_text(os.path.join(pdir, f)).split("\n---", 1)[0]
        meta = {}
        for line in fm.splitlines()[1:]:
            if ":" in line:
                k, v = line.split(":", 1)
                meta[k.strip()] = v.strip().strip('"').strip("'")
        practices.append((resolve(meta["unit"]), date(meta["date"]), meta.get("promotion", "")))

    strengths = [s for s in STRENGTHS if any(i["pillar"] == "五强" and i["item"].replace("五强/", "") == s and i.get("target") for i in indicators)]

    def target(i):
        t = i["target"]
        return Decimal({"是": "1", "否": "0"}.get(t, t))

    def combine(values, agg):
        """values: list of (period last month, value) in any order."""
        if not values:
            return None
        if agg == "sum":
            return sum(v for _, v in values)
        return max(values)[1]

    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["period", "unit", "indicator", "value", "reported", "expected"])

    def ratio(num, den):
        return ("" if den == 0 else repr(num / den), num, den)

    for pid, kind, first, last in periods:
        p_first, p_last = first_day(first), last_day(last)
        owed = [r[0] for r in reporting if first <= r[3] <= last]
        for u in territorial:
            cs = under[u]
            rows = []
            for i in indicators:
                vals = []
                for c in cs:
                    got = [(rp_last[r], winners[(c, r)][1][i["code"]]) for r in owed if (c, r) in winners and i["code"] in winners[(c, r)][1]]
                    v = combine(got, i["time_agg"])
                    if v is not None:
                        vals.append(v)
                n = len(vals)
                if n == 0:
                    value = ""
                elif i["unit_agg"] == "sum":
                    value = str(sum(vals).normalize()) if sum(vals) != 0 else "0"
                    value = format(sum(vals).normalize(), "f")
                elif i["unit_agg"] == "mean":
                    value = repr(float(Fraction(sum(vals)) / n))
                else:
                    value = repr(sum(1 for v in vals if v > 0) / n)
                rows.append((i["code"], value, n, len(cs)))
            expected = len(cs) * len(owed)
            received = sum(1 for c in cs for r in owed if (c, r) in winners)
            on_time = 0
            for c in cs:
                for r in owed:
                    if (c, r) in winners and winners[(c, r)][0] <= due[r]:
                        on_time += 1
            rows.append(("reporting_rate",) + ratio(received, expected))
            rows.append(("timeliness",) + ratio(on_time, expected))
            # A report owed and not received; received after its deadline. A county counts
            # once when any of its reports owed in the period is missing (late).
            missing = [(c, r) for c in cs for r in owed if (c, r) not in winners]
            late = [(c, r) for c in cs for r in owed if (c, r) in winners and winners[(c, r)][0] > due[r]]
            rows.append(("reports_missing", str(len(missing)), "", ""))
            rows.append(("reports_late", str(len(late)), "", ""))
            rows.append(("counties_missing", str(len({c for c, _ in missing})), "", ""))
            rows.append(("counties_late", str(len({c for c, _ in late})), "", ""))
            paired = {c for (up, c), s in pairings.items() if c in cs and s <= p_last}
            rows.append(("pairing_coverage",) + ratio(len(paired), len(cs)))
            rows.append(("onsite_visits", str(sum(1 for (_, c, d, on) in visits if on and c in cs and p_first <= d <= p_last)), "", ""))
            active = [(up, c) for (up, c), s in pairings.items() if c in cs and s <= p_last]
            visited = [k for k in active if any(camp_first <= d <= p_last for d in onsite_days.get(k, []))]
            rows.append(("visit_coverage",) + ratio(len(visited), len(active)))
            rows.append(("pairings_in_force", str(len(active)), "", ""))
            rows.append(("pairings_unvisited", str(len([k for k in active if k not in visited])), "", ""))
            for suffix, cat in [("", None), ("_coordinate", "coordinate"), ("_union", "union"), ("_self", "self")]:
                ps = [p for c in cs for p in problems_of.get(c, []) if cat is None or p[2] == cat]
                rows.append(("problems_found" + suffix, str(sum(1 for p in ps if p_first <= p[1] <= p_last)), "", ""))
                rows.append(("problems_resolved" + suffix, str(sum(1 for p in ps if p[3] and p_first <= p[3] <= p_last)), "", ""))
                found = [p for p in ps if p[1] <= p_last]
                rows.append(("resolution_rate" + suffix,) + ratio(sum(1 for p in found if p[3] and p[3] <= p_last), len(found)))
                # Found by the end and not resolved by then, by recorded status: a problem
                # resolved after the end is still in progress at the end.
                unresolved = [p for p in found if not (p[3] and p[3] <= p_last)]
                rows.append(("problems_in_progress" + suffix, str(sum(1 for p in unresolved if p[4] != "open")), "", ""))
                rows.append(("problems_open" + suffix, str(sum(1 for p in unresolved if p[4] == "open")), "", ""))
                if cat is None:
                    rows.append(("problems_open_over_90_days", str(sum(1 for p in unresolved if (p_last - p[1]).days > 90)), "", ""))
            mine = [p for p in practices if u in ancestors(p[0]) and p_first <= p[1] <= p_last]
            rows.append(("practices", str(len(mine)), "", ""))
            rows.append(("practices_promoted", str(sum(1 for p in mine if p[2] in ("province", "national", "省级", "全国"))), "", ""))
            rows.append(("county_practice_share",) + ratio(sum(1 for p in mine if level(by_code[p[0]]) == "county"), len(mine)))
            if strengths:
                met = {s: 0 for s in strengths}
                five = 0
                for c in cs:
                    all_ok = True
                    for s in strengths:
                        ok = True
                        for i in indicators:
                            if i["pillar"] != "五强" or i["item"].replace("五强/", "") != s or not i.get("target"):
                                continue
                            got = [(rp_last[r], vals[i["code"]]) for r, vals in filed_by_county.get(c, []) if rp_last[r] <= last and i["code"] in vals]
                            v = combine(got, i["time_agg"])
                            if v is None or v < target(i):
                                ok = False
                        met[s] += ok
                        all_ok &= ok
                    five += all_ok
                for s in strengths:
                    rows.append((STRENGTH_METRIC[s],) + ratio(met[s], len(cs)))
                rows.append(("five_strong",) + ratio(five, len(cs)))
            for code, value, rep, exp in rows:
                out.writerow([pid, u, code, value, rep, exp])


if __name__ == "__main__":
    main(sys.argv[1])

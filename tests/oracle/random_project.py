#!/usr/bin/env python3
"""Writes a random but valid project for differential testing against spec_figures.py:
random campaign window and frequency, unit trees with counties straight under provinces,
indicators of every aggregation, Chinese or code headers in any order, UTF-8/BOM/GB18030,
CRLF, the three date forms, corrections, identical repeats, blank cells and all-blank rows.
With `workdays`, deadlines count working days (SPEC §4.1): `grace_working_days`, and by
SEED % 3 the built-in holiday schedule, a data/holidays.csv in GB18030 with Chinese headers and
CRLF, or one in UTF-8 with code headers; the rest of the project is the same as without.

    python3 tests/oracle/random_project.py SEED DIR [workdays]
"""
import datetime as dt
import os
import random
import sys


def main(seed, out, workdays=False):
    rnd = random.Random(seed)
    start_y, start_m = rnd.choice([2021, 2022, 2023]), rnd.randint(1, 12)
    months = rnd.randint(2, 16)
    end_i = start_y * 12 + start_m - 1 + months - 1
    end_y, end_m = divmod(end_i, 12)
    end_m += 1
    freq = rnd.choice(["bimonth", "month"])
    grace = rnd.randint(0, 15)
    os.makedirs(os.path.join(out, "data/reports"), exist_ok=True)
    os.makedirs(os.path.join(out, "content/practices"), exist_ok=True)
    toml = [f'start = "{start_y}-{start_m:02d}"', f'end = "{end_y}-{end_m:02d}"', f'frequency = "{freq}"']
    if grace != 10 or rnd.random() < 0.5:
        toml.append(f"grace_days = {grace}")
    # Working days draw from a stream of their own, so the rest of the project stays as it is.
    wrnd = random.Random(f"workdays-{seed}")
    if workdays:
        toml = [t for t in toml if not t.startswith("grace_days")] + [f"grace_working_days = {wrnd.randint(1, 12)}"]
    open(os.path.join(out, "data/campaign.toml"), "w").write("\n".join(toml) + "\n")

    first_day = dt.date(start_y, start_m, 1)
    last_day = (dt.date(end_y + (end_m == 12), end_m % 12 + 1, 1) - dt.timedelta(days=1))

    def rand_day(a, b):
        return a + dt.timedelta(days=rnd.randint(0, max(0, (b - a).days)))

    def fmt(d):
        return rnd.choice([d.isoformat(), f"{d.year}/{d.month}/{d.day}", f"{d.year}年{d.month}月{d.day}日"])

    units = [("R", "全国总工会", "national", "", "")]
    bodies, counties, uppers = [], [], ["R"]
    for b in range(rnd.randint(0, 3)):
        units.append((f"N{b}", f"部门{b}", rnd.choice(["national", "全国"]), "R", ""))
        bodies.append(f"N{b}")
    names = ["东区", "西县", "南旗", "北市", "中区", "新县"]
    for p in range(rnd.randint(1, 3)):
        pc = f"{p + 1}"
        units.append((pc, f"省{p}", rnd.choice(["province", "省级"]), "R", rnd.choice(["east", "中部", "west", ""])))
        uppers.append(pc)
        for f in range(rnd.randint(0, 3)):
            fc = f"{pc}{f + 1}"
            units.append((fc, f"市{p}{f}", "prefecture", pc, ""))
            uppers.append(fc)
            for c in range(rnd.randint(0, 4)):
                cc = f"{fc}0{c}"
                units.append((cc, rnd.choice(names), rnd.choice(["county", "县级"]), fc, ""))
                counties.append(cc)
        for c in range(rnd.randint(0, 2)):
            cc = f"{pc}9{c}"
            units.append((cc, f"直辖{p}{c}", "county", pc, ""))
            counties.append(cc)
    rnd.shuffle(units)
    write_csv(rnd, out, "data/units.csv", ["code", "name", "level", "parent", "region", "kind"],
              [list(u) + [""] for u in units], chinese={"code": "代码", "name": "名称", "level": "级别", "parent": "上级", "region": "地区", "kind": "类型"})

    items = ["政治引领强", "组织功能强", "服务阵地强", "制度机制强", "作用发挥强"]
    indicators = []
    for k in range(rnd.randint(2, 6)):
        yes_no = rnd.random() < 0.3
        pillar = rnd.choice(["五强", "五强", "一条主线", "三个下沉"])
        item = rnd.choice(items) if pillar == "五强" else "其他"
        time_agg = "last" if yes_no and rnd.random() < 0.8 else rnd.choice(["sum", "last"])
        unit_agg = "share" if yes_no else rnd.choice(["sum", "mean", "share"])
        target = ""
        if rnd.random() < 0.6:
            target = "1" if yes_no else str(rnd.randint(1, 12))
        indicators.append({"code": f"i{k}", "name": f"指标{k}", "pillar": pillar, "item": item, "time_agg": time_agg,
                           "unit_agg": unit_agg, "measure": "是/否" if yes_no else rnd.choice(["次", "人", "万元"]), "target": target})
    cols = ["code", "name", "pillar", "item", "time_agg", "unit_agg", "measure", "target", "description"]
    write_csv(rnd, out, "data/indicators.csv", cols, [[i[c] if c in i else "" for c in cols] for i in indicators])

    # Reporting periods of the frequency, clipped; (id, last day).
    rps = []
    span = 2 if freq == "bimonth" else 1
    mi = start_y * 12 + start_m - 1
    while mi <= end_i:
        y, m0 = divmod(mi, 12)
        block = m0 // span
        last_i = min(y * 12 + block * span + span - 1, end_i)
        ly, lm = divmod(last_i, 12)
        ld = dt.date(ly + (lm == 11), (lm + 1) % 12 + 1, 1) - dt.timedelta(days=1)
        pid = f"{y}-B{block + 1}" if span == 2 else f"{y}-{m0 + 1:02d}"
        rps.append((pid, ld))
        mi = last_i + 1

    today = dt.date.today()
    rows = []
    for c in counties:
        for pid, ld in rps:
            if rnd.random() < 0.2:
                continue
            sub = min(ld + dt.timedelta(days=rnd.randint(-5, 30)), today)
            vals = [cell(rnd, i) for i in indicators]
            if rnd.random() < 0.05:
                vals = ["" for _ in indicators]
            unit = c
            rows.append([pid.lower() if rnd.random() < 0.1 else pid, unit, fmt(sub)] + vals)
            if rnd.random() < 0.1:
                rows.append([pid, unit, fmt(min(sub + dt.timedelta(days=rnd.randint(1, 20)), today))] + [cell(rnd, i) for i in indicators])
            if rnd.random() < 0.05:
                rows.append(list(rows[-1]))
    rnd.shuffle(rows)
    header = ["period", "unit", "submitted_on"] + [i["code"] for i in indicators]
    chinese = {"period": "报告期", "unit": "单位代码", "submitted_on": "报送日期"}
    chinese.update({i["code"]: i["name"] + rnd.choice(["", "（" + i["measure"] + "）"]) for i in indicators})
    for n in range(rnd.randint(1, 3)):
        part = rows[n::3] if n < 2 else rows[2::3]
        write_csv(rnd, out, f"data/reports/part{n}.csv", header, part, chinese=chinese)

    pair_rows, pairs = [], []
    for c in counties:
        for u in rnd.sample(bodies + uppers, k=min(len(bodies + uppers), rnd.randint(0, 2))):
            since = "" if rnd.random() < 0.1 else fmt(rand_day(first_day - dt.timedelta(days=30), last_day))
            pair_rows.append([u, c, since])
            pairs.append((u, c))
    write_csv(rnd, out, "data/pairings.csv", ["upper", "county", "since"], pair_rows, chinese={"upper": "联系单位", "county": "县级工会", "since": "起始日期"})

    visit_rows = []
    for _ in range(rnd.randint(0, 3 * len(counties) + 1)):
        if pairs and rnd.random() < 0.8:
            u, c = rnd.choice(pairs)
        elif counties:
            u, c = rnd.choice(uppers), rnd.choice(counties)
        else:
            continue
        d = rand_day(first_day - dt.timedelta(days=40), min(last_day + dt.timedelta(days=40), today))
        visit_rows.append([u, c, fmt(d), rnd.choice(["onsite", "online", "实地", "线上"]), "产改", ""])
    write_csv(rnd, out, "data/visits.csv", ["upper", "county", "date", "mode", "topics", "note"], visit_rows)

    prob_rows = []
    for k in range(rnd.randint(0, 3 * len(counties) + 1)):
        if not counties:
            break
        found = rand_day(first_day - dt.timedelta(days=60), min(last_day + dt.timedelta(days=20), today))
        status = rnd.choice(["open", "in_progress", "resolved", "已销号", "待解决", "推进中"])
        resolved = ""
        if status in ("resolved", "已销号"):
            resolved = fmt(min(found + dt.timedelta(days=rnd.randint(0, 200)), today))
        prob_rows.append([f"P{k}", rnd.choice(counties), rnd.choice(uppers), fmt(found),
                          rnd.choice(["coordinate", "union", "self", "需党委政府协调", "县级工会自身努力"]), "问题", "措施", status, resolved])
    write_csv(rnd, out, "data/problems.csv", ["id", "county", "found_by", "found_on", "category", "title", "measures", "status", "resolved_on"], prob_rows)

    all_codes = [u[0] for u in units]
    for k in range(rnd.randint(0, 8)):
        u = rnd.choice(all_codes)
        unit_line = f"unit: {u}" if u.isdigit() and rnd.random() < 0.5 else f'unit: "{u}"'
        d = rand_day(first_day - dt.timedelta(days=20), min(last_day + dt.timedelta(days=20), today))
        promo = rnd.choice(["county", "prefecture", "province", "national", "省级", "全国", ""])
        lines = ["---", f"title: 做法{k}", unit_line, f"date: {fmt(d)}"] + ([f"promotion: {promo}"] if promo else []) + ["---", "", "正文", ""]
        open(os.path.join(out, f"content/practices/p{k}.md"), "w", encoding="utf-8").write("\n".join(lines))

    if workdays and seed % 3 != 0:
        write_holidays(wrnd, out, [ld for _, ld in rps], chinese=seed % 3 == 1, fmt=lambda d: wrnd.choice(
            [d.isoformat(), f"{d.year}/{d.month}/{d.day}", f"{d.year}年{d.month}月{d.day}日"]))


def write_holidays(rnd, out, period_ends, chinese, fmt):
    """Days off and worked weekend days around the reporting periods' ends, each date with one
    kind (some listed twice alike), in any column order: GB18030, Chinese headers and CRLF, or
    UTF-8 with code headers."""
    days = {}
    for ld in period_ends:
        for _ in range(rnd.randint(1, 8)):
            d = ld + dt.timedelta(days=rnd.randint(-2, 16))
            if d not in days:
                weekend = d.weekday() >= 5
                days[d] = "班" if weekend and rnd.random() < 0.7 else "休"
    words = {"休": ["休", "off", "OFF"], "班": ["班", "work", "Work"]}
    rows = []
    for d, kind in sorted(days.items()):
        rows.append([fmt(d), rnd.choice(words[kind]), rnd.choice(["国庆节", "春节", "调休", ""])])
        if rnd.random() < 0.1:
            rows.append([d.isoformat(), kind, "重复"])
    rnd.shuffle(rows)
    header = ["日期", "类型", "名称"] if chinese else ["date", "kind", "name"]
    order = list(range(3))
    rnd.shuffle(order)
    eol = "\r\n" if chinese else "\n"
    text = eol.join(",".join(r[i] for i in order) for r in [header] + rows) + eol
    raw = text.encode("gb18030") if chinese else text.encode(rnd.choice(["utf-8", "utf-8-sig"]))
    open(os.path.join(out, "data/holidays.csv"), "wb").write(raw)


def cell(rnd, ind):
    if rnd.random() < 0.15:
        return ""
    if ind["measure"] == "是/否":
        return rnd.choice(["是", "否", "1", "0"])
    if ind["measure"] == "万元":
        return f"{rnd.randint(0, 500) / 10:.1f}".rstrip("0").rstrip(".") if rnd.random() < 0.5 else f"{rnd.randint(0, 9999) / 100}"
    return str(rnd.randint(0, 6))


def write_csv(rnd, out, rel, header, rows, chinese=None):
    order = list(range(len(header)))
    rnd.shuffle(order)
    names = [chinese[h] if chinese and h in chinese and rnd.random() < 0.5 else h for h in header]
    eol = rnd.choice(["\n", "\r\n"])

    def q(v):
        return '"' + v.replace('"', '""') + '"' if any(ch in v for ch in ',"\n') else v

    text = eol.join(",".join(q(str(r[i])) for i in order) for r in [names] + rows) + eol
    enc = rnd.choice(["utf-8", "utf-8-sig", "gb18030"])
    open(os.path.join(out, rel), "wb").write(text.encode(enc))


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2], workdays=sys.argv[3:] == ["workdays"])

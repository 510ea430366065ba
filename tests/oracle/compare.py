#!/usr/bin/env python3
"""Compares two indicators.csv files figure by figure: the same rows, the same reported and
expected, and values equal as numbers (sums exactly, fractions as the same double).

    python3 tests/oracle/compare.py EXPECTED.csv ACTUAL.csv
"""
import csv
import sys
from decimal import Decimal


def load(path):
    rows = list(csv.reader(open(path, encoding="utf-8")))
    return {(r[0], r[1], r[2]): (r[3], r[4], r[5]) for r in rows[1:]}


def same_value(a, b):
    if a == b:
        return True
    if a == "" or b == "":
        return False
    return Decimal(a) == Decimal(b) or float(a) == float(b)


def main(expected_path, actual_path):
    expected, actual = load(expected_path), load(actual_path)
    problems = []
    for key in sorted(set(expected) - set(actual)):
        problems.append(f"missing {key}")
    for key in sorted(set(actual) - set(expected)):
        problems.append(f"unexpected {key}")
    for key in sorted(set(expected) & set(actual)):
        e, a = expected[key], actual[key]
        if not same_value(e[0], a[0]) or e[1:] != a[1:]:
            problems.append(f"{key}: expected {e}, got {a}")
    for p in problems[:30]:
        print(p)
    print(f"{len(expected)} figures compared, {len(problems)} differ")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))

#!/usr/bin/env python3
"""Prints a Gatling HTML report's statistics table as Markdown: load/report-table.py load/results/<run>/index.html.

One row per request (and the "All Requests" row): count, failed, throughput and the response-time
percentiles, in the order of the report's own table. load/run.sh prints it after each run.
"""
import html
import re
import sys

COLUMNS = ["total", "OK", "KO", "% KO", "req/s", "min", "p50", "p75", "p95", "p99", "max", "mean", "std dev"]
SHOWN = ["total", "KO", "req/s", "p50", "p95", "p99", "max"]


def rows(report):
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", report, re.S):
        # A cell's first non-blank line (the name cell also holds the row's menu markup).
        cells = [next((line.strip() for line in html.unescape(re.sub(r"<[^>]+>", "", cell)).splitlines()
                       if line.strip()), "")
                 for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        if len(cells) == len(COLUMNS) + 1:
            yield cells[0], dict(zip(COLUMNS, cells[1:]))


def main(path):
    with open(path, encoding="utf-8") as file:
        report = file.read()
    print("| request | " + " | ".join(SHOWN) + " |")
    print("|---" * (len(SHOWN) + 1) + "|")
    for name, values in rows(report):
        print(f"| {name} | " + " | ".join(values[column] for column in SHOWN) + " |")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: load/report-table.py load/results/<run>/index.html")
    main(sys.argv[1])

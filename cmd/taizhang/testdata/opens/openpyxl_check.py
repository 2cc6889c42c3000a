"""openpyxl, as an independent reader, for TestEveryWorkbookOpens (opens_test.go).

Reads one JSON job from standard input:

    {"fill": [{"in": path, "out": path, "sheet": name, "cells": {"J4": "…"},
               "chartsheet": name, "chart": "J4:J9"}],
     "load": [path, ...]}

Each fill opens a workbook, types the cells, optionally adds a chart sheet (as a person adding a
chart would), and saves it elsewhere: a return saved by an openpyxl-based program. Each load opens
a workbook, reads every cell of every sheet and records every warning openpyxl gave. It writes one
JSON object to standard output:

    {"version": "3.0.9",
     "fill": {out: error or ""},
     "load": {path: {"error": "", "warnings": [...], "cells": {"Sheet!A1": value},
                     "formulas": ["Sheet!K4"], "dates": ["Sheet!B2"]}}}

A value is a string, a number or a boolean; a formula's cell and a date's are only named (the
formula is not computed by openpyxl, a date's number depends on the workbook's date system).
"""

import datetime
import json
import sys
import warnings

import openpyxl
from openpyxl.chart import BarChart, Reference
from openpyxl.utils import range_boundaries


def fill(job):
    wb = openpyxl.load_workbook(job["in"])
    ws = wb[job["sheet"]]
    for ref, value in job.get("cells", {}).items():
        ws[ref] = value
    if job.get("chartsheet"):
        min_col, min_row, max_col, max_row = range_boundaries(job["chart"])
        chart = BarChart()
        chart.add_data(Reference(ws, min_col=min_col, min_row=min_row, max_col=max_col, max_row=max_row))
        wb.create_chartsheet(job["chartsheet"]).add_chart(chart)
    wb.save(job["out"])


def load(path):
    res = {"error": "", "warnings": [], "cells": {}, "formulas": [], "dates": []}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            # Loading parses every part openpyxl knows: styles, comments, validations, merged
            # cells, defined names and print titles, charts and images.
            wb = openpyxl.load_workbook(path)
            for ws in wb.worksheets:
                for row in ws.iter_rows():
                    for c in row:
                        if c.value is None or c.value == "":
                            continue
                        key = "%s!%s" % (ws.title, c.coordinate)
                        if c.data_type == "f":
                            res["formulas"].append(key)
                        elif isinstance(c.value, (datetime.date, datetime.time, datetime.timedelta)):
                            res["dates"].append(key)
                        elif isinstance(c.value, (str, int, float, bool)):
                            res["cells"][key] = c.value
                        else:
                            res["cells"][key] = str(c.value)
            wb.close()
        except Exception as e:  # every failure is reported, per file
            res["error"] = "%s: %s" % (type(e).__name__, e)
    res["warnings"] = ["%s: %s" % (w.category.__name__, w.message) for w in caught]
    return res


def main():
    job = json.load(sys.stdin)
    out = {"version": openpyxl.__version__, "fill": {}, "load": {}}
    for f in job.get("fill") or []:
        try:
            fill(f)
            out["fill"][f["out"]] = ""
        except Exception as e:
            out["fill"][f["out"]] = "%s: %s" % (type(e).__name__, e)
    for path in job.get("load") or []:
        out["load"][path] = load(path)
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()

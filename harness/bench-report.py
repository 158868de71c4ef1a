#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Report of "make bench" (called by harness/bench.sh).

    bench-report.py BENCH_DIR HOSTNAME CPU_MODEL

Reads BENCH_DIR/raw.csv (one line per figure and boot:
kernel,boot,row,case,param,mode,unit,value) and writes, for every figure, the
median and min-max over the boots of each kernel and the ratio ours/reference:
a table on stdout, BENCH_DIR/results.csv, BENCH_DIR/results.md (Markdown, for
the README), and BENCH_DIR/depth.dat + depth.gp for the plot.
"""

import csv
import datetime
import os
import statistics
import sys

KERNELS = ("ours", "ref")
ROW_TITLES = {
    "1": "openat+close at the bottom of a chain of N directories: a rule on"
         " each (open-allowed, open-denied) or on the top one only (-top)",
    "2": "typical sandbox: 2 layers, 14 rules; files at depth 3-8",
    "3": "restrict_self+fork+wait, fork+wait in a domain, add_rule (N rules)",
    "4": "kernel memory per rule (N rules): slab+vmalloc, and MemFree drop"
         " (-all); per small domain (N domains of one rule, slab+vmalloc)",
    "5": "TCP on loopback with N port rules (reference: ABI 2, no TCP rules)",
    "6": "rename storm: a rename in another directory, then openat+close as"
         " in row 1",
}


def load(path):
    data = {}  # (row, case, param, mode, unit) -> kernel -> [values]
    info = {}  # kernel -> name -> set of values
    order = []
    with open(path, newline="") as f:
        for rec in csv.DictReader(f):
            if rec["row"] == "info":
                info.setdefault(rec["kernel"], {}).setdefault(
                    rec["case"], set()).add(rec["value"])
                continue
            key = (rec["row"], rec["case"], rec["param"], rec["mode"],
                   rec["unit"])
            if key not in data:
                data[key] = {k: [] for k in KERNELS}
                order.append(key)
            if rec["value"] != "na":
                data[key][rec["kernel"]].append(float(rec["value"]))
    return data, info, order


def stats(values):
    if not values:
        return None
    return (statistics.median(values), min(values), max(values), len(values))


def fmt_num(x):
    if abs(x) >= 100:
        return "%.0f" % x
    return "%.1f" % x


def fmt_cell(s):
    if s is None:
        return "n/a"
    med, lo, hi, _ = s
    return "%s [%s-%s]" % (fmt_num(med), fmt_num(lo), fmt_num(hi))


def verdict(ours, ref, unit):
    """ok: ratio <= 1; ~: above 1 but within the spread; else SLOWER/MORE."""
    if ours is None or ref is None or ref[0] <= 0:
        return "", None
    ratio = ours[0] / ref[0]
    if ratio <= 1.0:
        return "ok", ratio
    if ours[1] <= ref[2]:
        return "~", ratio
    return ("MORE" if unit == "B" else "SLOWER"), ratio


# Slots of the cache of walks of a domain (LL_WALK_SLOT_BITS in
# security/landlock/walkcache.h).
WALK_SLOTS = 256


def walk_cache_notes(lines):
    """What a small domain costs more in ours: its cache of walks."""
    for row, case, param, unit, s, ratio, word, ovh in lines:
        if case != "mem-domain-small" or not (s["ours_ll"] and s["ref_ll"]):
            continue
        extra = s["ours_ll"][0] - s["ref_ll"][0]
        return ["row 4: a small domain takes %.0f B more in ours, mostly its "
                "cache of walks (%d slots): at most %.0f B per cached entry"
                % (extra, WALK_SLOTS, extra / WALK_SLOTS)]
    return []


def main():
    bench, host, cpu = sys.argv[1], sys.argv[2], sys.argv[3]
    data, info, order = load(os.path.join(bench, "raw.csv"))

    # Lines of the report: one per (row, case, param), none and landlock.
    lines = []
    seen = set()
    for key in order:
        row, case, param, mode, unit = key
        base = (row, case, param, unit)
        if base in seen:
            continue
        seen.add(base)
        none = data.get((row, case, param, "none", unit))
        ll = data.get((row, case, param, "landlock", unit))
        s = {}
        for k in KERNELS:
            s[k + "_none"] = stats(none[k]) if none else None
            s[k + "_ll"] = stats(ll[k]) if ll else None
        word, ratio = verdict(s["ours_ll"], s["ref_ll"], unit)
        if s["ref_ll"] is None and s["ours_ll"] is not None:
            word = "ours only"
        ovh = {}
        for k in KERNELS:
            if s[k + "_none"] and s[k + "_ll"]:
                ovh[k] = s[k + "_ll"][0] - s[k + "_none"][0]
        lines.append((row, case, param, unit, s, ratio, word, ovh))

    # results.csv
    with open(os.path.join(bench, "results.csv"), "w", newline="") as f:
        w = csv.writer(f)
        head = ["row", "case", "param", "unit"]
        for k in KERNELS:
            for m in ("none", "ll"):
                head += ["%s_%s_%s" % (k, m, x)
                         for x in ("median", "min", "max", "n")]
        head += ["ours_overhead", "ref_overhead", "ratio_ours_ref",
                 "verdict"]
        w.writerow(head)
        for row, case, param, unit, s, ratio, word, ovh in lines:
            rec = [row, case, param, unit]
            for k in KERNELS:
                for m in ("none", "ll"):
                    st = s["%s_%s" % (k, m)]
                    rec += (["%.1f" % st[0], "%.1f" % st[1], "%.1f" % st[2],
                             st[3]] if st else ["", "", "", 0])
            rec += ["%.1f" % ovh["ours"] if "ours" in ovh else "",
                    "%.1f" % ovh["ref"] if "ref" in ovh else "",
                    "%.3f" % ratio if ratio is not None else "", word]
            w.writerow(rec)

    # Table (stdout) and Markdown.
    abis = {k: "/".join(sorted(info.get(k, {}).get("abi", {"?"})))
            for k in KERNELS}
    clocks = sorted(set().union(*[info.get(k, {}).get("clocksource", set())
                                  for k in KERNELS]))
    nboots = max([s[k + m][3] for *_, s, _r, _w, _o in lines
                  for k in KERNELS for m in ("_none", "_ll") if s[k + m]] +
                 [0])
    date = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    header = ("Landlock benchmark, %s, on %s (%s): qemu-system-x86_64 TCG, "
              "1 vCPU, 1 GiB; %d boots per kernel, alternated; median "
              "[min-max] over the boots; ours ABI %s, reference ABI %s; "
              "clocksource %s" % (date, host, cpu, nboots, abis["ours"],
                                  abis["ref"], ",".join(clocks) or "?"))
    cols = ["row", "case", "N", "unit", "ours none", "ours landlock",
            "ref none", "ref landlock", "ours/ref", "verdict"]
    table = []
    for row, case, param, unit, s, ratio, word, ovh in lines:
        table.append([row, case, param, unit,
                      fmt_cell(s["ours_none"]) if s["ours_none"] else "-",
                      fmt_cell(s["ours_ll"]),
                      fmt_cell(s["ref_none"]) if s["ref_none"] else "-",
                      fmt_cell(s["ref_ll"]),
                      "%.2f" % ratio if ratio is not None else "-", word])
    widths = [max(len(str(r[i])) for r in table + [cols])
              for i in range(len(cols))]
    print()
    print(header)
    print()
    print("  ".join(c.ljust(widths[i]) for i, c in enumerate(cols)))
    last = None
    for r in table:
        if last is not None and r[0] != last:
            print()
        last = r[0]
        print("  ".join(str(c).ljust(widths[i]) for i, c in enumerate(r)))
    print()
    for row in sorted(ROW_TITLES):
        print("row %s: %s" % (row, ROW_TITLES[row]))
    notes = walk_cache_notes(lines)
    for note in notes:
        print(note)
    print("ns per operation unless unit B (bytes per rule or domain); "
          "verdict: ok = ratio <= 1.00, ~ = above 1.00 within the spread, "
          "SLOWER/MORE = outside it")

    with open(os.path.join(bench, "results.md"), "w") as f:
        f.write(header + ".\n\n")
        f.write("| " + " | ".join(cols) + " |\n")
        f.write("|" + "---|" * len(cols) + "\n")
        for r in table:
            f.write("| " + " | ".join(str(c) for c in r) + " |\n")
        f.write("\n")
        for row in sorted(ROW_TITLES):
            f.write("- row %s: %s\n" % (row, ROW_TITLES[row]))
        for note in notes:
            f.write("- %s\n" % note)

    # Plot data: ns per open against depth.
    depth = {}
    for row, case, param, unit, s, ratio, word, ovh in lines:
        if row != "1":
            continue
        d = depth.setdefault(int(param), {})
        for k in KERNELS:
            if s[k + "_none"]:
                d[k + "_none"] = s[k + "_none"][0]
            if s[k + "_ll"]:
                d["%s_%s" % (k, case)] = s[k + "_ll"][0]
    cases = ["none", "open-allowed", "open-denied", "open-allowed-top",
             "open-denied-top"]
    cols_dat = ["%s_%s" % (k, c) for k in KERNELS for c in cases]
    with open(os.path.join(bench, "depth.dat"), "w") as f:
        f.write("# depth " + " ".join(cols_dat) + "\n")
        for d in sorted(depth):
            f.write("%d %s\n" % (d, " ".join(
                "%.1f" % depth[d][c] if c in depth[d] else "NaN"
                for c in cols_dat)))
    kernel_titles = {"ours": ("ours", "#1f77b4"),
                     "ref": ("reference", "#d62728")}
    case_titles = {"none": ("no Landlock", "dt 3 pt 1"),
                   "open-allowed": ("allowed, a rule per level", "dt 2 pt 6"),
                   "open-denied": ("denied, a rule per level", "dt 1 pt 7"),
                   "open-allowed-top": ("allowed, a rule at the top",
                                        "dt 4 pt 4"),
                   "open-denied-top": ("denied, a rule at the top",
                                       "dt 5 pt 5")}
    titles = ["%s, %s" % (kernel_titles[k][0], case_titles[c][0])
              for k in KERNELS for c in cases]
    styles = ["lc rgb '%s' %s" % (kernel_titles[k][1], case_titles[c][1])
              for k in KERNELS for c in cases]
    with open(os.path.join(bench, "depth.gp"), "w") as f:
        f.write("set terminal pngcairo size 900,600 noenhanced\n")
        f.write("set output '%s'\n" % os.path.join(bench, "depth.png"))
        f.write("set title 'openat()+close() under QEMU TCG, one rule per "
                "directory or one at the top (%s)'\n" % date)
        f.write("set xlabel 'depth of the file (directories)'\n")
        f.write("set ylabel 'ns per open (median of %d boots)'\n" % nboots)
        f.write("set logscale xy\nset grid\nset key top left\n")
        f.write("plot " + ", \\\n     ".join(
            "'%s' using 1:%d with linespoints lw 2 %s title '%s'"
            % (os.path.join(bench, "depth.dat"), i + 2, styles[i], titles[i])
            for i in range(len(cols_dat))) + "\n")


if __name__ == "__main__":
    main()

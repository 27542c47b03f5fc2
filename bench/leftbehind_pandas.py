#!/usr/bin/env python3
"""The independent route for bench_leftbehind: the same three steps with pandas (or plain Python csv when
pandas is absent), printing "<step> <ms>" lines (best of N CPU times, work only) and the same check values."""
import sys, time, math

d = sys.argv[1] + "/england/"
reps = int(sys.argv[2]) if len(sys.argv) > 2 else 10


def best(f):
    b, out = 1e300, None
    for _ in range(reps):
        t = time.process_time()  # CPU time, as the nbhd side: the machine is shared
        out = f()
        b = min(b, (time.process_time() - t) * 1000)
    return b, out


def extent_w(rank, n):
    p = math.ceil(100 * rank / n - 1e-9)
    return 1.0 if p <= 10 else 0.0 if p > 30 else 0.95 - 0.90 * (p - 11) / 19


try:
    import pandas as pd
    import numpy as np
except ImportError:
    pd = None

if pd is not None:
    print("route pandas", pd.__version__)
    imd19 = pd.read_csv(d + "imd2019_lsoa11.csv")
    lk = pd.read_csv(d + "lsoa11_lsoa21.csv", usecols=["lsoa11_code", "lsoa21_code"]).drop_duplicates()
    imd25 = pd.read_csv(d + "imd2025_lsoa21.csv")
    groups = pd.read_csv(d + "lsoa21_ward24_ltla24.csv", usecols=["lsoa21_code", "ltla24_code"])

    def convert():
        m = lk.merge(imd19, on="lsoa11_code", how="inner").drop(columns="lsoa11_code")
        return m.groupby("lsoa21_code", sort=False).min()

    ms, conv = best(convert)
    print("convert %.2f rows=%d cols=%d check=%.0f" % (ms, len(conv), conv.shape[1], conv.to_numpy().sum()))

    def change():
        a = conv[["IMD_rank", "IMD_decile"]]
        b = imd25.set_index("lsoa21_code")[["IMD_rank", "IMD_decile"]]
        m = a.join(b, how="inner", lsuffix="_a", rsuffix="_b")
        m["rank_change"] = m["IMD_rank_b"] - m["IMD_rank_a"]
        m["decile_change"] = m["IMD_decile_b"] - m["IMD_decile_a"]
        m["entered"] = (m["IMD_decile_b"] == 1) & (m["IMD_decile_a"] != 1)
        m["left"] = (m["IMD_decile_a"] == 1) & (m["IMD_decile_b"] != 1)
        mat = pd.crosstab(m["IMD_decile_a"], m["IMD_decile_b"])
        return m, mat

    ms, (m, mat) = best(change)
    both = int(((m["IMD_decile_a"] == 1) & (m["IMD_decile_b"] == 1)).sum())
    print("change %.2f areas=%d top_b_was_top_a=%d decile_change_sum=%d" % (ms, len(m), both, m["decile_change"].sum()))

    def summary():
        n = imd25["IMD_rank"].notna().sum()
        x = imd25[["lsoa21_code", "IMD_rank", "IMD_score"]].merge(groups, on="lsoa21_code")
        p = np.ceil(100 * x["IMD_rank"] / n - 1e-9)
        x["ext"] = np.where(p <= 10, 1.0, np.where(p > 30, 0.0, 0.95 - 0.90 * (p - 11) / 19))
        x["d1"] = x["IMD_rank"] <= math.floor(n / 10)
        g = x.groupby("ltla24_code")
        out = g.agg(avg_rank=("IMD_rank", "mean"), avg_score=("IMD_score", "mean"), prop=("d1", "mean"),
                    extent=("ext", "mean"), n=("IMD_rank", "size"))
        # Local concentration (unweighted): the mean rank of the most deprived 10% of LSOAs, the last in part.
        x = x.sort_values(["ltla24_code", "IMD_rank"])
        x["k"] = x.groupby("ltla24_code").cumcount()
        x = x.join(out["n"], on="ltla24_code")
        need = 0.1 * x["n"]
        x["take"] = np.clip(need - x["k"], 0, 1)
        x["wr"] = x["take"] * x["IMD_rank"]
        lc = x.groupby("ltla24_code")["wr"].sum() / x.groupby("ltla24_code")["take"].sum()
        out["lc"] = lc
        for c, asc in (("avg_rank", True), ("avg_score", False), ("prop", False), ("extent", False), ("lc", True)):
            out[c + "_rank"] = out[c].rank(method="min", ascending=asc)
        return out

    ms, out = best(summary)
    print("summary %.2f areas=%d extent_sum=%.6f local_concentration_sum=%.3f average_rank_sum=%.3f"
          % (ms, len(out), out["extent"].sum(), out["lc"].sum(), out["avg_rank"].sum()))
else:
    import csv
    print("route python-csv")
    rd = lambda f: list(csv.DictReader(open(d + f)))
    imd19 = rd("imd2019_lsoa11.csv")
    lk = rd("lsoa11_lsoa21.csv")
    imd25 = rd("imd2025_lsoa21.csv")
    grp = {r["lsoa21_code"]: r["ltla24_code"] for r in rd("lsoa21_ward24_ltla24.csv")}
    cols = [c for c in imd19[0] if c != "lsoa11_code"]

    def convert():
        src = {r["lsoa11_code"]: r for r in imd19}
        out = {}
        for r in lk:
            s = src.get(r["lsoa11_code"])
            if s is None:
                continue
            o = out.setdefault(r["lsoa21_code"], {})
            for c in cols:
                v = float(s[c])
                o[c] = min(o.get(c, v), v)
        return out

    ms, conv = best(convert)
    print("convert %.2f rows=%d cols=%d check=%.0f" % (ms, len(conv), len(cols), sum(sum(o.values()) for o in conv.values())))

    def change():
        m = []
        for r in imd25:
            a = conv.get(r["lsoa21_code"])
            if a:
                m.append((a["IMD_decile"], float(r["IMD_decile"])))
        return m

    ms, m = best(change)
    print("change %.2f areas=%d top_b_was_top_a=%d decile_change_sum=%d"
          % (ms, len(m), sum(1 for a, b in m if a == 1 and b == 1), sum(b - a for a, b in m)))

    def summary():
        n = len(imd25)
        g = {}
        for r in imd25:
            g.setdefault(grp[r["lsoa21_code"]], []).append(float(r["IMD_rank"]))
        ext = lcs = ars = 0
        for rs in g.values():
            rs.sort()
            ars += sum(rs) / len(rs)
            ext += sum(extent_w(x, n) for x in rs) / len(rs)
            need, got, acc = 0.1 * len(rs), 0, 0
            for x in rs:
                t = min(1, need - got)
                if t <= 0:
                    break
                acc += t * x
                got += t
            lcs += acc / got
        return len(g), ext, lcs, ars

    ms, (k, ext, lcs, ars) = best(summary)
    print("summary %.2f areas=%d extent_sum=%.6f local_concentration_sum=%.3f average_rank_sum=%.3f" % (ms, k, ext, lcs, ars))

"""A real city's first afternoon, as its data staff would do it: 运城市 (140800) from the
public files in ``../shared/realdata/`` (read in place, never copied into the repository).

``build(url, workdir)`` starts from ``python -m data_access init`` on an empty database and
loads, through the command line, the national 2023 code list as published (the whole
national files, with ``--city 1408``), the DataV county boundaries, 新绛县's township
boundaries with their drifted code, the township federations of two counties, a
dictionary of the federation's own indicators and one year of their figures.
"""

from __future__ import annotations

import csv
from pathlib import Path

from data_access.__main__ import main

ROOT = Path(__file__).resolve().parent.parent
REALDATA = ROOT.parent / "shared" / "realdata"
if not REALDATA.is_dir():  # a worktree sits one level deeper than a clone beside shared/
    for up in ROOT.parents:
        if (up / "shared" / "realdata").is_dir():
            REALDATA = up / "shared" / "realdata"
            break
CODES = REALDATA / "stats_codes_2023"
CITY = "140800000000"
XINJIANG = "140825000000"  # 新绛县
YANHU = "140802000000"  # 盐湖区
SKIP_REASON = f"real public files not found at {ROOT.parent / 'shared' / 'realdata'} (CI keeps a copy of shared/ beside the clone)"
DICTIONARY = ROOT / "assets" / "dictionaries" / "cdpf-annual.csv"


def available() -> bool:
    return (CODES / "streets.csv").is_file() and (REALDATA / "yuncheng_140800_counties.geojson").is_file()


def run(*argv: str) -> int:
    return main(list(argv))


def streets_of(county: str) -> list[tuple[str, str]]:
    with (CODES / "streets.csv").open(encoding="utf-8") as fh:
        return [(r["code"], r["name"]) for r in csv.DictReader(fh) if r["areaCode"] == county[:6]]


def write_csv(path: Path, header: list[str], rows: list[list]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


def federations(workdir: Path) -> Path:
    """乡镇残联 of 新绛县 (every 乡级 unit but 万安镇, and one in its 开发区) and of 盐湖区 (all its 街道 and 镇)."""
    rows = []
    for code, name in streets_of(XINJIANG):
        if name != "万安镇" and not code.endswith("400"):
            rows.append(["乡镇(街道)残联", code + "000", f"{name}残联", "2021-06-01", "2022-03-01"])
    for code, name in streets_of(YANHU):
        if int(code[6:]) < 400:
            rows.append(["乡镇(街道)残联", code + "000", f"{name}残联", "2020-05-01", ""])
    return write_csv(
        workdir / "乡镇残联.csv", ["机构类型", "区划代码", "机构名称", "成立日期", "专职委员到位日期"], rows
    )


def own_indicator(workdir: Path) -> Path:
    """One indicator of the federation's own, in the rights section."""
    return write_csv(
        workdir / "本会指标.csv",
        ["指标代码", "指标名称", "英文名称", "单位", "所属部分", "汇总方式", "报送周期"],
        [["yc_rights_hotline", "12385热线受理残疾人诉求", "12385 hotline requests", "件", "权益保障", "求和", "按年"]],
    )


def figures(workdir: Path) -> Path:
    """2025 figures of a few indicators for two counties (the rest of the city has none yet)."""
    rows = []
    for county, devices, served, hotline in ((XINJIANG, 420, 1310, 36), (YANHU, 980, 2950, 88)):
        rows += [
            ["辅助器具适配", county, 2025, 0, devices],
            ["残疾人精准康复服务", county, 2025, 0, served],
            ["12385热线受理残疾人诉求", county, 2025, 0, hotline],
            ["新增残疾人就业", county, 2025, 6, 40],
        ]
    return write_csv(workdir / "指标数据2025.csv", ["指标", "区划代码", "年度", "月份", "数值"], rows)


def build(url: str, workdir: Path, stage: str = "full") -> None:
    """``stage``: "areas" stops after the code list (the first hour); "full" goes on to figures."""
    assert run("init", "--db", url) == 0
    assert run("import", str(CODES / "cities.csv"), "--db", url, "--kind", "areas", "--city", "1408") == 0
    assert run("import", str(CODES / "areas.csv"), "--db", url, "--kind", "areas") == 0
    assert run("import", str(CODES / "streets.csv"), "--db", url, "--kind", "areas") == 0
    if stage == "areas":
        return
    assert run("geo", str(REALDATA / "yuncheng_140800_counties.geojson"), "--db", url) == 0
    assert run("geo", str(REALDATA / "xinjiang_140825_townships.geojson"), "--db", url) == 0
    assert run("import", str(federations(workdir)), "--db", url, "--kind", "org_units") == 0
    assert run("import", str(DICTIONARY), "--db", url, "--kind", "indicators") == 0
    assert run("import", str(own_indicator(workdir)), "--db", url, "--kind", "indicators") == 0
    assert run("import", str(figures(workdir)), "--db", url, "--kind", "indicator_values") == 0

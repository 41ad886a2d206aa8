"""Areas and their geometry: the city (or province), its counties, townships and villages,
with division codes, names, kinds, population, registered disabled persons and the
polygons and points of ``geo.Lattice``."""

from __future__ import annotations

import random

from .geo import Lattice, centroid
from .names import county_names, place_names
from .rows import DemoData
from .totals import CITY_CODE, CITY_NAME

# the city: a 10 × 10 lattice in eight blocks (c0, r0, c1, r1); the two small
# central blocks are urban districts of streets and communities
CITY_BLOCKS = (
    (3, 5, 5, 8, "区"),
    (5, 5, 7, 8, "区"),
    (0, 5, 3, 10, "县"),
    (3, 8, 7, 10, "县"),
    (7, 5, 10, 10, "县"),
    (0, 0, 3, 5, "县"),
    (3, 0, 7, 5, "县"),
    (7, 0, 10, 5, "县"),
)


def build_areas(data: DemoData, rng: random.Random, seed: int) -> None:
    sc = data.scale
    if sc.block:
        bw, bh = sc.block
        gx, gy = sc.county_grid
        lattice = Lattice(gx * bw, gy * bh, 108.0, 25.0, 0.16, 0.13, seed)
        blocks = [
            (x * bw, y * bh, (x + 1) * bw, (y + 1) * bh, "区" if rng.random() < 0.2 else "县")
            for y in range(gy)
            for x in range(gx)
        ]
    else:
        lattice = Lattice(10, 10, 112.2, 29.6, 0.16, 0.13, seed)
        blocks = list(CITY_BLOCKS)
    names = county_names(rng, len(blocks), [b[4] for b in blocks])
    data.areas.append(
        dict(
            code=CITY_CODE,
            name=CITY_NAME,
            level="city",
            kind="市",
            parent_code=None,
            county_code=None,
            township_code=None,
        )
    )
    used_names: set[str] = set()
    for k, (c0, r0, c1, r1, kind) in enumerate(blocks, start=1):
        ccode = f"9901{k:02d}000000" if k < 100 else f"99{k // 100 + 1:02d}{k % 100:02d}000000"
        poly = lattice.block_polygon(c0, r0, c1, r1)
        lon, lat = centroid(poly[0])
        county = dict(
            code=ccode,
            name=names[k - 1],
            level="county",
            kind=kind,
            parent_code=CITY_CODE,
            county_code=ccode,
            township_code=None,
            lon=lon,
            lat=lat,
        )
        data.areas.append(county)
        data.shapes.append(dict(area_code=ccode, geometry=poly))
        urban = kind == "区"
        cells = [(i, j) for j in range(r0, r1) for i in range(c0, c1)]
        t_names = place_names(rng, len(cells), used_names)
        n_street = n_town = n_xiang = 0
        for (i, j), tname in zip(cells, t_names, strict=True):
            if urban or (i, j) == cells[len(cells) // 2]:
                tkind, n_street = "街道", n_street + 1
                tno = n_street
            elif rng.random() < 0.7:
                tkind, n_town = "镇", n_town + 1
                tno = 100 + n_town
            else:
                tkind, n_xiang = "乡", n_xiang + 1
                tno = 200 + n_xiang
            tcode = f"{ccode[:6]}{tno:03d}000"
            tpoly = lattice.cell_polygon(i, j)
            tlon, tlat = centroid(tpoly[0])
            township = dict(
                code=tcode,
                name=tname + tkind,
                level="township",
                kind=tkind,
                parent_code=ccode,
                county_code=ccode,
                township_code=tcode,
                lon=tlon,
                lat=tlat,
            )
            data.areas.append(township)
            data.shapes.append(dict(area_code=tcode, geometry=tpoly))
            lo, hi = sc.villages_per_township
            nv = rng.randint(lo, hi) if not urban else rng.randint(5, 10)
            v_names = place_names(rng, nv, set())
            n_comm = n_vill = 0
            pop_t = dis_t = 0
            for vname in v_names:
                if tkind == "街道" or rng.random() < 0.08:
                    vkind, n_comm = "社区", n_comm + 1
                    vno = n_comm
                    pop = rng.randint(3000, 9000)
                else:
                    vkind, n_vill = "村", n_vill + 1
                    vno = 200 + n_vill
                    pop = rng.randint(700, 3200)
                dis = round(pop * rng.uniform(0.022, 0.038))
                vlon, vlat = lattice.point_in_cell(i, j, rng.uniform(0.18, 0.82), rng.uniform(0.18, 0.82))
                data.areas.append(
                    dict(
                        code=f"{tcode[:9]}{vno:03d}",
                        name=vname + vkind,
                        level="village",
                        kind=vkind,
                        parent_code=tcode,
                        county_code=ccode,
                        township_code=tcode,
                        population=pop,
                        disabled_registered=dis,
                        lon=vlon,
                        lat=vlat,
                    )
                )
                pop_t += pop
                dis_t += dis
            township["population"], township["disabled_registered"] = pop_t, dis_t
        county["population"] = sum(t["population"] for t in data.townships(ccode))
        county["disabled_registered"] = sum(t["disabled_registered"] for t in data.townships(ccode))
    city = data.areas[0]
    city["population"] = sum(c["population"] for c in data.counties())
    city["disabled_registered"] = sum(c["disabled_registered"] for c in data.counties())
    lons = [p[0] for s in data.shapes for p in s["geometry"][0]]
    lats = [p[1] for s in data.shapes for p in s["geometry"][0]]
    city["lon"], city["lat"] = round((min(lons) + max(lons)) / 2, 5), round((min(lats) + max(lats)) / 2, 5)

"""Deterministic geometry for the demo city: a jittered lattice whose cells are
townships and whose blocks of cells are counties.

Each lattice edge is broken into a wobbly line seeded by the edge itself, so the
two townships that share an edge share exactly the same boundary, and a county's
outline is the chain of its block's outer edges. Villages are points inside
their township's cell.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

Point = tuple[float, float]


@dataclass(frozen=True)
class Lattice:
    cols: int
    rows: int
    lon0: float
    lat0: float
    dx: float
    dy: float
    seed: int

    def vertex(self, i: int, j: int) -> Point:
        rng = random.Random(f"v{self.seed}:{i}:{j}")
        jx = 0.0 if i in (0, self.cols) else rng.uniform(-0.28, 0.28) * self.dx
        jy = 0.0 if j in (0, self.rows) else rng.uniform(-0.28, 0.28) * self.dy
        # the outer frame wobbles too, but only along itself, so the city is not a box
        if i in (0, self.cols) and 0 < j < self.rows:
            jx = rng.uniform(-0.35, 0.35) * self.dx
        if j in (0, self.rows) and 0 < i < self.cols:
            jy = rng.uniform(-0.35, 0.35) * self.dy
        return (round(self.lon0 + i * self.dx + jx, 5), round(self.lat0 + j * self.dy + jy, 5))

    def edge(self, a: tuple[int, int], b: tuple[int, int]) -> list[Point]:
        """Points from vertex a to vertex b (both included), the same line whichever way."""
        key = (a, b) if a <= b else (b, a)
        rng = random.Random(f"e{self.seed}:{key}")
        p, q = self.vertex(*key[0]), self.vertex(*key[1])
        pts = [p, q]
        amp = 0.12 * max(self.dx, self.dy)
        for _ in range(3):  # midpoint displacement, three rounds: 9 points
            nxt = [pts[0]]
            for s, t in zip(pts, pts[1:], strict=False):
                mx, my = (s[0] + t[0]) / 2, (s[1] + t[1]) / 2
                # displace perpendicular to the segment
                vx, vy = t[0] - s[0], t[1] - s[1]
                d = rng.uniform(-amp, amp)
                norm = (vx * vx + vy * vy) ** 0.5 or 1.0
                nxt += [(round(mx - vy / norm * d, 5), round(my + vx / norm * d, 5)), t]
            pts = nxt
            amp /= 2
        return pts if (a, b) == key else pts[::-1]

    def ring(self, corners: list[tuple[int, int]]) -> list[list[float]]:
        """A closed ring along lattice edges through the given corner vertices in order."""
        out: list[Point] = []
        for a, b in zip(corners, corners[1:] + corners[:1], strict=False):
            out += self.edge(a, b)[:-1]
        out.append(out[0])
        return [list(p) for p in out]

    def cell_polygon(self, i: int, j: int) -> list[list[list[float]]]:
        return [self.ring([(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1)])]

    def block_polygon(self, c0: int, r0: int, c1: int, r1: int) -> list[list[list[float]]]:
        """Outline of cells [c0, c1) × [r0, r1), walking every lattice vertex on it."""
        corners = [(i, r0) for i in range(c0, c1)]
        corners += [(c1, j) for j in range(r0, r1)]
        corners += [(i, r1) for i in range(c1, c0, -1)]
        corners += [(c0, j) for j in range(r1, r0, -1)]
        return [self.ring(corners)]

    def point_in_cell(self, i: int, j: int, u: float, v: float) -> Point:
        """Bilinear point of the cell's corners; u, v in (0, 1)."""
        p00, p10 = self.vertex(i, j), self.vertex(i + 1, j)
        p01, p11 = self.vertex(i, j + 1), self.vertex(i + 1, j + 1)
        x = (1 - u) * (1 - v) * p00[0] + u * (1 - v) * p10[0] + (1 - u) * v * p01[0] + u * v * p11[0]
        y = (1 - u) * (1 - v) * p00[1] + u * (1 - v) * p10[1] + (1 - u) * v * p01[1] + u * v * p11[1]
        return (round(x, 5), round(y, 5))


def centroid(ring: list[list[float]]) -> Point:
    """Area centroid of a simple ring (shoelace)."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(a) < 1e-12:
        return (ring[0][0], ring[0][1])
    return (round(cx / (3 * a), 5), round(cy / (3 * a), 5))

"""The gap ledger (整改台账) of "乡乡有机构、村村有服务": every township without its federation
or full-time staff and every village without its association or 专职委员 is a gap with an
owner, a deadline, a state, notes, evidence and a history.

The coverage data opens and closes gaps (:func:`sync_gaps`, in ``gap_sync``, called by the finish step of every
load that changes areas or organisations): a unit the data shows without its organisation or
staff gets a gap (未启动); when the data shows it built, the gap is closed (已完成, ``closed_on``)
and waits for the city's confirmation (已核实). A unit the data shows uncovered again is
reopened. People change the rest (:func:`update_gap` from the pages, :func:`write_loaded` from a
``gaps`` file): a county's data staff only their own county's gaps; only the city confirms.
Every change writes a history row (who, when, what).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from sqlalchemy import Connection, Engine, insert, select, update

from .auth import Principal
from .finish import Audit, Touched, finish_load
from .gap_sync import DATA, MISSING, STATES, default_deadline, sync_gaps
from .gap_sync import event as _event
from .gap_sync import now as _now
from .models import Area, Gap, GapEvidence, LoadBatch, User, inserted_id
from .quality.approval import ApprovalError

__all__ = [
    "DATA",
    "MISSING",
    "STATES",
    "GapError",
    "add_evidence",
    "check_evidence",
    "default_deadline",
    "sync_gaps",
    "update_gap",
    "write_loaded",
]

STATE_CODES = {v: k for k, v in STATES.items()}
EDITABLE = ("state", "owner_unit", "owner_person", "deadline", "notes")
FIELD_ZH = {
    "state": "状态",
    "owner_unit": "负责单位",
    "owner_person": "责任人",
    "deadline": "整改期限",
    "notes": "备注",
}
LIMITS = {"owner_unit": 64, "owner_person": 64, "notes": 2000}
EVIDENCE_MAX = 5 * 1024 * 1024
EVIDENCE_TYPES = {".pdf": "application/pdf", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}
PHOTO_EDGE = 2400  # a photo's longer side is brought down to this many pixels


class GapError(ApprovalError):
    """A refused change to the ledger, told in Chinese (naming the gap); an ApprovalError, so
    the loader reports it as a refused file and writes nothing."""


# ------------------------------------------------------------------ changed by people


def _label(conn: Connection, gap) -> str:
    """“青林县 · 东山镇（未建立组织）”: how a message names a gap."""
    names = dict(
        conn.execute(select(Area.code, Area.name).where(Area.code.in_([gap.area_code, gap.county_code or ""]))).all()
    )
    county = names.get(gap.county_code or "", "")
    return f"“{county} · {names.get(gap.area_code, gap.area_code)}（{MISSING.get(gap.missing, gap.missing)}）”"


def _county_name(conn: Connection, code: str | None) -> str:
    if not code:
        return "市本级"
    return conn.execute(select(Area.name).where(Area.code == code)).scalar() or code


def _check_allowed(conn: Connection, who: Principal, gap) -> None:
    if not who.can("load"):
        raise GapError(f"只有数据管理员可以修改整改台账，不能修改{_label(conn, gap)}。")
    if who.scope is not None and gap.county_code not in who.scope:
        own = "、".join(_county_name(conn, c) for c in who.scope)
        raise GapError(
            f"县(区)数据管理员（{own}）只能修改本县(区)的整改事项：{_label(conn, gap)}属于{_county_name(conn, gap.county_code)}。"
        )


def _value(name: str, value):
    if name == "state":
        code = STATE_CODES.get(value, value)
        if code not in STATES:
            raise GapError(f"状态“{value}”无效，可选：{'、'.join(STATES.values())}")
        return code
    if name == "deadline":
        if value in (None, ""):
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise GapError(f"整改期限“{value}”不是日期（如 2026-12-31）") from None
    text = None if value is None else str(value).strip() or None
    if text is not None and len(text) > LIMITS[name]:
        raise GapError(f"{FIELD_ZH[name]}过长：{len(text)} 字，最多 {LIMITS[name]} 字")
    return text


def _show(name: str, v) -> str:
    if v is None:
        return "—"
    if name == "state":
        return STATES.get(v, v)
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


def _apply(conn: Connection, who: Principal, gap, changes: dict, at: dt.datetime, batch_id: int | None = None) -> bool:
    """Check and write ``changes`` to one gap with its history row; False if nothing changed."""
    _check_allowed(conn, who, gap)
    new = {k: _value(k, v) for k, v in changes.items() if k in EDITABLE}
    diff = {k: v for k, v in new.items() if v != getattr(gap, k)}
    if not diff:
        return False
    label = _label(conn, gap)
    if "deadline" in diff and diff["deadline"] is not None and diff["deadline"] < gap.opened_on:
        raise GapError(f"{label}的整改期限 {diff['deadline']} 早于发现日期 {gap.opened_on}")
    values: dict = dict(diff)
    if diff.get("state") == "verified":
        if who.scope is not None or not who.can("approve"):
            raise GapError(f"只有市残联可以核实整改事项，{label}须由市残联核实。")
        if gap.closed_on is None:
            raise GapError(f"{label}尚不能核实：组织数据还没有显示该单位已建成（机构和专职人员到位）。")
        values |= {"verified_on": at.date(), "verified_by": who.username[:64]}
    elif gap.state == "verified" and "state" in diff:
        if who.scope is not None or not who.can("approve"):
            raise GapError(f"{label}已由市残联核实，县(区)不能更改其状态。")
        values |= {"verified_on": None, "verified_by": None}
    values |= {"updated_at": at, "updated_by": who.username[:64]}
    if batch_id is not None:
        values["batch_id"] = batch_id
    conn.execute(update(Gap).where(Gap.id == gap.id).values(**values))
    detail = "；".join(f"{FIELD_ZH[k]}：{_show(k, getattr(gap, k))} → {_show(k, v)}" for k, v in diff.items())
    _event(conn, gap.id, who.username, "verified" if diff.get("state") == "verified" else "update", detail, at)
    return True


def _gap(conn: Connection, gap_id: int):
    row = conn.execute(select(Gap).where(Gap.id == gap_id).with_for_update()).first()
    if row is None:
        raise GapError(f"整改台账中没有编号为 {gap_id} 的事项（可能已随区划删除）。")
    return row


def update_gap(
    engine: Engine,
    who: Principal,
    gap_id: int,
    changes: dict,
    evidence: tuple[str, bytes] | None = None,
) -> bool:
    """Change a gap (``changes``: state as 未启动/推进中/已完成/已核实 or its code, owner_unit,
    owner_person, deadline, notes) and add an evidence file, in a transaction of its own;
    a refusal (GapError, in Chinese, naming the gap) changes nothing. True if anything changed."""

    with engine.begin() as conn:
        gap = _gap(conn, gap_id)
        at = _now()
        changed = _apply(conn, who, gap, changes, at)
        if evidence is not None:
            _check_allowed(conn, who, gap)
            add_evidence(conn, who, gap, evidence[0], evidence[1], at)
            changed = True
        if changed:  # the data version moves so every process shows the change
            finish_load(conn, Touched.nothing(), Audit(who.username, "gap_update", f"整改事项 {gap_id}"))
    return changed


# ------------------------------------------------------------------ evidence


def check_evidence(data: bytes, file_name: str) -> tuple[bytes, str]:
    """The evidence as stored and its MIME type, or a GapError saying what is wrong: empty or
    over EVIDENCE_MAX, not PDF/PNG/JPEG by its content, a name that says otherwise, a PDF with
    scripts or launch actions, a picture that does not decode. Photos are re-encoded by Pillow
    (turned upright, at most PHOTO_EDGE pixels, no EXIF: it may hold where a person was)."""
    suffix = Path(file_name).suffix.lower()
    if not data:
        raise GapError(f"佐证材料“{file_name}”是空文件。")
    if len(data) > EVIDENCE_MAX:
        raise GapError(
            f"佐证材料“{file_name}”{len(data) / 1024 / 1024:.1f} MB，超过上限 {EVIDENCE_MAX // 1024 // 1024} MB。"
        )
    named = EVIDENCE_TYPES.get(suffix)
    if named is None:
        raise GapError(f"佐证材料须为 PDF、PNG 或 JPG 文件（收到“{suffix or file_name}”）。")
    if data.startswith(b"%PDF-"):
        mime = "application/pdf"
    elif data.startswith(b"\x89PNG\r\n\x1a\n"):
        mime = "image/png"
    elif data.startswith(b"\xff\xd8\xff"):
        mime = "image/jpeg"
    else:
        raise GapError(f"佐证材料“{file_name}”的内容不是 PDF、PNG 或 JPG。")
    if mime != named:
        raise GapError(f"佐证材料“{file_name}”扩展名为“{suffix}”，内容却是 {mime.split('/')[1].upper()}。")
    if mime == "application/pdf":
        for bad in (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile"):
            if bad in data:
                raise GapError(f"佐证材料“{file_name}”含有脚本、启动动作或嵌入文件，不能接收。")
        return data, mime
    return _photo(data, file_name, mime), mime


def _photo(data: bytes, file_name: str, mime: str) -> bytes:
    from PIL import Image, ImageOps

    Image.MAX_IMAGE_PIXELS = 60_000_000  # a decompression bomb is refused, not decoded
    try:
        with Image.open(io.BytesIO(data)) as opened:
            opened.load()
            im = ImageOps.exif_transpose(opened)
            im.thumbnail((PHOTO_EDGE, PHOTO_EDGE))
            out = io.BytesIO()
            if mime == "image/jpeg":
                im.convert("RGB").save(out, "JPEG", quality=85)
            else:
                im.save(out, "PNG", optimize=True)
    except (OSError, Image.DecompressionBombError, ValueError) as exc:
        raise GapError(f"佐证材料“{file_name}”不是能打开的图片：{type(exc).__name__}") from None
    return out.getvalue()


def add_evidence(
    conn: Connection, who: Principal, gap, file_name: str, data: bytes, at: dt.datetime | None = None
) -> int:
    """Check and store an evidence file for a gap in the caller's transaction, with a history row."""
    at = at or _now()
    stored, mime = check_evidence(data, file_name)
    eid = inserted_id(
        conn.execute(
            insert(GapEvidence).values(
                gap_id=gap.id, file_name=file_name[:255], mime=mime, data=stored, uploaded_by=who.username[:64],
                uploaded_at=at,
            )
        )
    )  # fmt: skip
    _event(conn, gap.id, who.username, "evidence", f"上传佐证材料“{file_name[:200]}”（{len(stored):,} 字节）", at)
    return eid


# ------------------------------------------------------------------ a ``gaps`` file


def _loader(conn: Connection, batch_id: int) -> Principal:
    """Who loaded a batch, as a principal: the account's role and county; a name without an
    account (the command line, the open demo) counts as the city's data staff."""
    name = conn.execute(select(LoadBatch.loaded_by).where(LoadBatch.id == batch_id)).scalar() or "匿名"
    u = conn.execute(select(User.role, User.county_code).where(User.username == name)).first()
    if u is None:
        return Principal(name, "data_staff")
    return Principal(name, u.role, u.county_code)


def write_loaded(conn: Connection, records: list[dict], batch_id: int) -> tuple[int, int]:
    """Apply a checked ``gaps`` file in the load's transaction: each row changes the gap of its
    area (owner, deadline, state, notes; what the data decides is left to the data). A row for
    a unit with no gap refuses the whole file. Returns (added, replaced) as the loader counts."""
    who = _loader(conn, batch_id)
    at = _now()
    codes = [r["area_code"] for r in records]
    found = {g.area_code: g for g in conn.execute(select(Gap).where(Gap.area_code.in_(codes)))} if codes else {}
    replaced = 0
    for r in records:
        gap = found.get(r["area_code"])
        if gap is None:
            name = conn.execute(select(Area.name).where(Area.code == r["area_code"])).scalar() or ""
            raise GapError(
                f"{name}（区划代码 {r['area_code']}）不在整改台账中：缺口由组织数据自动列入，"
                "请先导入组织数据，或删去这一行。"
            )
        changes = {k: r.get(k) for k in EDITABLE}
        changes["state"] = r.get("state") or gap.state
        _apply(conn, who, gap, changes, at, batch_id)
        replaced += 1
    return 0, replaced

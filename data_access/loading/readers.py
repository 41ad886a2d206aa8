"""Reading an uploaded file into plain tables, refusing what must not be opened.

Checks happen before any parser sees the content: the size; for .xlsx the zip's
declared uncompressed size and compression ratio (zip bombs), macros
(vbaProject.bin, macro-enabled content types), encryption (an OLE container with
an ``EncryptedPackage``), DTDs and entities in any XML part (defusedxml); then the
workbook is opened read-only and each sheet is read row by row, stopping past the
row limit. CSV is decoded as UTF-8 (with or without BOM), else GB18030 (a superset
of GBK, what Excel and WPS write on Chinese Windows).
"""

from __future__ import annotations

import csv
import io
import os
import re
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from . import openpyxl_internals

# C0 controls but tab, newline, carriage return; DEL. Never typed on purpose: a NUL is how
# ``_x0000_`` in a cell comes out, and such text breaks exports and other databases.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|_x00(?:0[0-8BbCcEeFf]|1[0-9A-Fa-f]|7[Ff])_")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SKIP_SHEETS = ("填写说明", "选项", "说明", "instructions", "options")


@dataclass(frozen=True)
class Limits:
    """Configurable limits (environment: CANLIAN_MAX_UPLOAD_MB, CANLIAN_MAX_ROWS)."""

    max_bytes: int = int(float(os.environ.get("CANLIAN_MAX_UPLOAD_MB", "20")) * 1024 * 1024)
    max_rows: int = int(os.environ.get("CANLIAN_MAX_ROWS", "200000"))
    max_uncompressed: int = 200 * 1024 * 1024  # all parts of an xlsx together
    max_ratio: int = 200  # uncompressed / compressed, per part
    # what reading one file may cost in all (a small, valid workbook of hundreds of
    # 1 MB sheets held a worker for minutes)
    max_sheets: int = int(os.environ.get("CANLIAN_MAX_SHEETS", "50"))
    max_cells: int = int(os.environ.get("CANLIAN_MAX_CELLS", "5000000"))
    max_seconds: float = float(os.environ.get("CANLIAN_MAX_READ_SECONDS", "45"))
    skip_hidden: bool = True  # hidden rows are warned about and, by default, not loaded


DEFAULT_LIMITS = Limits()


class Refused(Exception):
    """The file as a whole is refused; ``message`` says why, in Chinese."""

    def __init__(self, message: str, sheet: str = "", row: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.sheet = sheet
        self.row = row


@dataclass
class RawTable:
    """A sheet (or a CSV): its header row and data rows with their row numbers as Excel shows them."""

    sheet: str
    headers: list[object]
    rows: list[tuple[int, list[object]]] = field(default_factory=list)
    header_row: int = 1


@dataclass
class RawFile:
    file_name: str
    tables: list[RawTable]
    encoding: str = ""
    warnings: list[str] = field(default_factory=list)  # what was skipped (hidden sheets, rows)


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, round(n / 1024))} KB"


def read_file(content: bytes, file_name: str, limits: Limits = DEFAULT_LIMITS) -> RawFile:
    if len(content) > limits.max_bytes:
        raise Refused(f"文件过大：{_size(len(content))}，超过上限 {_size(limits.max_bytes)}。")
    ext = PurePath(file_name).suffix.lower()
    if ext in (".xlsm", ".xltm", ".xlsb", ".xlam"):
        raise Refused("不接受含宏的工作簿（.xlsm 等），请在 Excel 中另存为“Excel 工作簿(*.xlsx)”后再导入。")
    if content.startswith(OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in content or b"EncryptedPackage" in content:
            raise Refused("文件已加密（设置了打开密码），请在 Excel 中取消密码后再导入。")
        raise Refused("不支持旧版 .xls 格式，请在 Excel 中另存为“Excel 工作簿(*.xlsx)”后再导入。")
    if ext in (".xlsx", ".xltx") or content.startswith(b"PK\x03\x04"):
        if ext not in (".xlsx", ".xltx"):
            raise Refused(f"不支持的文件类型：{ext or '无扩展名'}（请上传 .xlsx 或 .csv 文件）。")
        warnings: list[str] = []
        return RawFile(file_name, read_xlsx(content, limits, warnings), warnings=warnings)
    if ext in (".csv", ".txt"):
        table, enc = read_csv(content, PurePath(file_name).name, limits)
        return RawFile(file_name, [table], enc)
    raise Refused(f"不支持的文件类型：{ext or '无扩展名'}（请上传 .xlsx 或 .csv 文件）。")


# ---------------------------------------------------------------------- xlsx


def check_xlsx_container(content: bytes, limits: Limits = DEFAULT_LIMITS) -> None:
    """Everything that can be checked about an xlsx before openpyxl parses it."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(content))
        infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise Refused("文件已损坏或不是有效的 Excel 文件（.xlsx），请重新保存后再导入。") from exc
    with zf:
        names = [i.filename for i in infos]
        if any(n.lower().endswith("vbaproject.bin") for n in names):
            raise Refused("不接受含宏的工作簿（文件中有宏代码 vbaProject.bin），请另存为不含宏的 .xlsx 后再导入。")
        total = sum(i.file_size for i in infos)
        if total > limits.max_uncompressed:
            raise Refused(
                f"文件解压后过大（{_size(total)}，上限 {_size(limits.max_uncompressed)}），疑似压缩炸弹，拒绝打开。"
            )
        for i in infos:
            if i.file_size > 1024 * 1024 and i.file_size > limits.max_ratio * max(i.compress_size, 1):
                raise Refused(
                    f"文件压缩比异常（{i.filename} 解压后是压缩大小的 {i.file_size // max(i.compress_size, 1)} 倍），"
                    "疑似压缩炸弹，拒绝打开。"
                )
        if "[Content_Types].xml" not in names:
            raise Refused("文件已损坏或不是有效的 Excel 文件（.xlsx），请重新保存后再导入。")
        try:
            ctypes = zf.read("[Content_Types].xml")
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise Refused("文件已损坏或不是有效的 Excel 文件（.xlsx），请重新保存后再导入。") from exc
        if b"macroEnabled" in ctypes:
            raise Refused("不接受含宏的工作簿（.xlsm 等），请在 Excel 中另存为“Excel 工作簿(*.xlsx)”后再导入。")
        for n in names:
            if n.endswith((".xml", ".rels", ".vml")):
                _check_xml_prolog(zf, n)


def _check_xml_prolog(zf: zipfile.ZipFile, name: str) -> None:
    """Parse up to the root element with defusedxml: a DTD or entity declaration is refused.

    A DTD can only come before the root element, so the rest of a (large) sheet need
    not be read here.
    """
    try:
        with zf.open(name) as fh:
            for _event, _elem in iterparse(fh, events=("start",), forbid_dtd=True):
                break
    except DefusedXmlException as exc:
        raise Refused(f"文件中含有不安全的 XML 内容（{name} 中定义了 DTD 或实体），拒绝打开。") from exc
    except Exception as exc:  # ParseError, bad CRC, truncated member
        raise Refused("文件已损坏或不是有效的 Excel 文件（.xlsx），请重新保存后再导入。") from exc


class _NoSavedValue:
    """A formula cell whose file holds no computed value (written by a program, never
    opened in Excel): with ``data_only`` openpyxl would give None — an empty cell."""

    def __init__(self, coordinate: str) -> None:
        self.coordinate = coordinate


class _Budget:
    """What one file may cost: cells read and seconds spent, across all its sheets."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.cells = 0
        self.deadline = time.monotonic() + limits.max_seconds

    def spend(self, cells: int, where: str) -> None:
        self.cells += cells
        if self.cells > self.limits.max_cells:
            raise Refused(
                f"文件的单元格过多（超过 {self.limits.max_cells:,} 个，读到{where}），请删去无关内容或分成几个文件导入。"
            )
        if time.monotonic() > self.deadline:
            raise Refused(
                f"文件读取超过 {self.limits.max_seconds} 秒仍未读完（读到{where}），已停止；"
                "请删去无关的工作表和内容，或分成几个文件导入。"
            )


def read_xlsx(content: bytes, limits: Limits = DEFAULT_LIMITS, warnings: list[str] | None = None) -> list[RawTable]:
    check_xlsx_container(content, limits)
    import openpyxl

    warnings = warnings if warnings is not None else []
    try:
        wb = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True, keep_links=False)
    except Exception as exc:
        raise Refused("文件已损坏或不是有效的 Excel 文件（.xlsx），请重新保存后再导入。") from exc
    tables = []
    budget = _Budget(limits)
    try:
        if len(wb.worksheets) > limits.max_sheets:
            raise Refused(
                f"工作簿有 {len(wb.worksheets)} 个工作表，超过 {limits.max_sheets} 个的上限；请只保留要导入的工作表。"
            )
        for ws in wb.worksheets:
            if ws.title.strip().lower() in SKIP_SHEETS:
                continue
            if ws.sheet_state != "visible":
                warnings.append(
                    f"工作表“{ws.title}”是隐藏的，已跳过、未导入；如需导入，请在 Excel 中取消隐藏后重新导入。"
                )
                continue
            t = _read_sheet(ws, limits, budget, warnings)
            if t is not None:
                tables.append(t)
    except Refused:
        raise
    except Exception as exc:
        raise Refused("文件已损坏或不是有效的 Excel 文件（.xlsx），请重新保存后再导入。") from exc
    finally:
        wb.close()
    if not tables:
        raise Refused("文件中没有数据：工作表是空的。")
    return tables


def _rows(ws):
    """(row number, values, hidden) for each row in the sheet's XML, cells placed by column."""
    for idx, cells, attrs in openpyxl_internals.sheet_rows(ws, _NoSavedValue):
        hidden = str(attrs.get("hidden", "")).lower() in ("1", "true")
        width = max((c["column"] for c in cells), default=0)
        vals: list[object] = [None] * width
        for c in cells:
            vals[c["column"] - 1] = c["value"]
        yield idx, vals, hidden


def _read_sheet(ws, limits: Limits, budget: _Budget, warnings: list[str]) -> RawTable | None:
    from openpyxl.utils import get_column_letter

    table: RawTable | None = None
    n = 0
    hidden_rows: list[int] = []
    for r, vals, hidden in _rows(ws):
        budget.spend(len(vals) + 1, f"工作表“{ws.title}”第 {r} 行")
        present = any(_present(v) for v in vals)
        if hidden and present:
            hidden_rows.append(r)
            if limits.skip_hidden:
                continue
        for j, v in enumerate(vals):
            cell = f"{get_column_letter(j + 1)}{r}"
            if isinstance(v, _NoSavedValue):
                raise Refused(
                    f"工作表“{ws.title}”的单元格 {v.coordinate or cell} 是公式，但文件中没有保存计算结果"
                    "（文件可能由程序生成、未在 Excel 中保存过）。请在 Excel 中打开并保存，或把公式改成数值后再导入。",
                    ws.title,
                    r,
                )
            if isinstance(v, str) and CONTROL_CHARS.search(v):
                raise Refused(
                    f"工作表“{ws.title}”的单元格 {cell} 含有不可见的控制字符（如 NUL、_x0000_），请删除后再导入。",
                    ws.title,
                    r,
                )
        if table is None:
            if present:
                table = RawTable(ws.title, vals, header_row=r)
            continue
        if not present:
            continue
        n += 1
        if n > limits.max_rows:
            raise Refused(f"工作表“{ws.title}”的数据超过 {limits.max_rows} 行的上限，请分成几个文件导入。", ws.title)
        table.rows.append((r, vals))
    if hidden_rows:
        shown = "、".join(str(x) for x in hidden_rows[:20]) + ("等" if len(hidden_rows) > 20 else "")
        done = "已跳过、未导入" if limits.skip_hidden else "已照常导入"
        warnings.append(f"工作表“{ws.title}”有 {len(hidden_rows)} 个隐藏行（第 {shown} 行），{done}；请核对。")
    return table


def _present(v: object) -> bool:
    return v is not None and not (isinstance(v, str) and not v.strip())


# ----------------------------------------------------------------------- csv


def decode_csv(content: bytes) -> tuple[str, str]:
    """Text and the encoding it was in: UTF-8 (BOM or not), else GB18030 (covers GBK)."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode 文本"
        return content.decode("utf-16"), "UTF-16"
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8", errors="strict"), "UTF-8 (BOM)"
    try:
        return content.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("gb18030"), "GBK/GB18030"
    except UnicodeDecodeError as exc:
        raise Refused("无法识别文件编码，请另存为 UTF-8 或 GBK 编码的 CSV 文件。") from exc


def read_csv(content: bytes, name: str, limits: Limits = DEFAULT_LIMITS) -> tuple[RawTable, str]:
    try:
        text, enc = decode_csv(content)
    except UnicodeDecodeError as exc:
        raise Refused("无法识别文件编码，请另存为 UTF-8 或 GBK 编码的 CSV 文件。") from exc
    if "\x00" in text:
        raise Refused("文件已损坏或不是文本格式的 CSV 文件。")
    bad = CONTROL_CHARS.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise Refused(f"文件第 {line} 行含有不可见的控制字符，请删除后再导入。", name, line)
    first = text.split("\n", 1)[0]
    delim = "\t" if first.count("\t") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    table: RawTable | None = None
    n = 0
    try:
        for vals in reader:
            r = reader.line_num
            if table is None:
                if any(v.strip() for v in vals):
                    table = RawTable(name, list(vals), header_row=r)
                continue
            if not any(v.strip() for v in vals):
                continue
            n += 1
            if n > limits.max_rows:
                raise Refused(f"文件“{name}”的数据超过 {limits.max_rows} 行的上限，请分成几个文件导入。", name)
            table.rows.append((r, list(vals)))
    except csv.Error as exc:
        raise Refused(f"CSV 格式有误（第 {reader.line_num} 行）：请用 Excel 另存为 CSV 后再导入。") from exc
    if table is None:
        raise Refused("文件中没有数据：文件是空的。")
    return table, enc

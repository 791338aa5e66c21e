"""Charts a union office would show, in Chinese: titles, axes and legends in the plan's words, money in
元 or 万元 without an offset (no ``1e7`` in a corner), codes by their Chinese names from the registry.

Needs matplotlib (``pip install shftu-rules[plots]``) and a CJK font: Debian's ``fonts-noto-cjk``
(``apt-get install fonts-noto-cjk``), or any font file named by the ``SHFTU_CJK_FONT`` environment
variable. :func:`use_chinese` finds and registers it (no system-wide setting needed) and is called by
every chart function; a missing font is an error, never boxes in place of characters.
"""

from __future__ import annotations

import json
import os
import pathlib
from decimal import Decimal
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from . import _native

__all__ = ["CJK_FAMILIES", "fees_by_month", "label", "money_axis", "payouts_by_benefit", "checkup_invoices", "use_chinese"]

#: Font families tried in order (Noto Sans CJK SC first: the simplified-Chinese forms).
CJK_FAMILIES = ["Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Noto Sans CJK JP", "WenQuanYi Zen Hei"]
_FONT_FILES = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Medium.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/System/Library/Fonts/PingFang.ttc",
]
_LABELS: Dict[str, Dict[str, Dict[str, str]]] = {
    k: v["labels"] for k, v in json.loads(_native.describe())["enums"].items()
}
_FAMILY: Optional[str] = None

Number = Union[int, float, Decimal]


def label(kind: str, code: str, lang: str = "zh-CN") -> str:
    """The name of ``code`` of the closed set ``kind`` (``"mutual_aid.benefit"``) in ``lang``."""
    return _LABELS.get(kind, {}).get(code, {}).get(lang, code)


def use_chinese() -> str:
    """Registers a CJK font with matplotlib and makes it the default; answers its family name."""
    global _FAMILY
    if _FAMILY is not None:
        return _FAMILY
    import matplotlib
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist}
    family = next((f for f in CJK_FAMILIES if f in names), None)
    if family is None:
        files = [os.environ.get("SHFTU_CJK_FONT", "")] + _FONT_FILES
        for path in files:
            if path and pathlib.Path(path).exists():
                font_manager.fontManager.addfont(path)
                names = {f.name for f in font_manager.fontManager.ttflist}
                family = next((f for f in CJK_FAMILIES if f in names), None)
                if family is None:
                    family = font_manager.FontProperties(fname=path).get_name()
                break
    if family is None:
        raise RuntimeError(
            "no CJK font found for Chinese charts: apt-get install fonts-noto-cjk, "
            "or set SHFTU_CJK_FONT to a .ttf/.otf/.ttc file"
        )
    matplotlib.rcParams["font.family"] = [family, "DejaVu Sans"]
    matplotlib.rcParams["axes.unicode_minus"] = False
    _FAMILY = family
    return family


def _wan(values: Iterable[Number]) -> bool:
    return max((abs(float(v)) for v in values), default=0.0) >= 100_000


def money_axis(ax: Any, axis: str = "y", *, wan: Optional[bool] = None, values: Iterable[Number] = ()) -> str:
    """Writes the money axis of ``ax`` in 元 (or 万元 for large sums), with thousands separators and no
    offset or scientific notation; answers the unit."""
    from matplotlib.ticker import FuncFormatter

    use_wan = _wan(values) if wan is None else wan
    unit = "万元" if use_wan else "元"
    scale = 10_000.0 if use_wan else 1.0
    fmt = FuncFormatter(lambda v, _: f"{v / scale:,.{1 if use_wan and abs(v) < 100_000 and v else 0}f}")
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(fmt)
    if hasattr(target.get_major_formatter(), "set_useOffset"):
        target.get_major_formatter().set_useOffset(False)
    return unit


def _figure(size: Tuple[float, float]) -> Tuple[Any, Any]:
    use_chinese()
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=size)


def fees_by_month(by_month: Mapping[str, Mapping[str, Number]], *, title: str = "互助保障计划费用收入（按确认或缴费月份）") -> Any:
    """A stacked bar chart: ``{month "2023-01": {fee_kind: amount}}`` (fee kinds by their Chinese names:
    保障费用, 工会会费). Answers the figure."""
    fig, ax = _figure((10, 4))
    months = sorted(by_month)
    kinds = sorted({k for m in by_month.values() for k in m})
    bottom = [0.0] * len(months)
    for k in kinds:
        vals = [float(by_month[m].get(k, 0)) for m in months]
        ax.bar(months, vals, bottom=bottom, label=label("mutual_aid.fee_kind", k))
        bottom = [b + v for b, v in zip(bottom, vals)]
    unit = money_axis(ax, "y", values=bottom)
    ax.set_ylabel(f"金额（{unit}）")
    ax.set_xlabel("月份")
    ax.set_title(title)
    ax.legend(title="费用类别")
    ax.tick_params(axis="x", labelrotation=45)
    fig.tight_layout()
    return fig


def payouts_by_benefit(paid: Mapping[str, Number], *, title: str = "互助保障给付金额（按保障项目）") -> Any:
    """A horizontal bar chart of the payouts by benefit (``{benefit code: amount}``)."""
    fig, ax = _figure((9, 4))
    items = sorted(paid.items(), key=lambda kv: float(kv[1]))
    ax.barh([label("mutual_aid.benefit", k) for k, _ in items], [float(v) for _, v in items], color="#c0392b")
    unit = money_axis(ax, "x", values=[v for _, v in items])
    ax.set_xlabel(f"给付金额（{unit}）")
    ax.set_title(title)
    fig.tight_layout()
    return fig


def checkup_invoices(
    rows: Sequence[Tuple[str, Number, Number]], *, title: str = "职工健康体检费用：市总补贴与实付（按套餐）"
) -> Any:
    """Grouped bars per package: ``[(package code, 市总补贴, 实付)]``."""
    fig, ax = _figure((10, 4))
    names: List[str] = [label("checkup.package", p) for p, _, _ in rows]
    xs = list(range(len(rows)))
    ax.bar([x - 0.2 for x in xs], [float(s) for _, s, _ in rows], width=0.4, label="市总补贴")
    ax.bar([x + 0.2 for x in xs], [float(p) for _, _, p in rows], width=0.4, label="实付")
    ax.set_xticks(xs)
    ax.set_xticklabels(names, rotation=30, ha="right")
    unit = money_axis(ax, "y", values=[float(s) + float(p) for _, s, p in rows])
    ax.set_ylabel(f"金额（{unit}）")
    ax.set_title(title)
    ax.legend()
    fig.tight_layout()
    return fig

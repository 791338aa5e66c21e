"""The Chinese charts: each rendered to PNG with matplotlib's "Glyph … missing" warning turned into an
error, so a chart whose text fell back to boxes fails; money axes in 元/万元 with no offset."""

from __future__ import annotations

import io
import warnings
from decimal import Decimal

import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

from shftu_rules import plots  # noqa: E402


def render(fig: object) -> bytes:
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=r".*Glyph .* missing from.*")
        warnings.filterwarnings("error", message=r".*missing from font.*")
        fig.savefig(buf, format="png", dpi=60)  # type: ignore[attr-defined]
    import matplotlib.pyplot as plt

    plt.close(fig)  # type: ignore[arg-type]
    data = buf.getvalue()
    assert data.startswith(b"\x89PNG") and len(data) > 5_000
    return data


def texts(fig: object) -> list:
    out = []
    for ax in fig.axes:  # type: ignore[attr-defined]
        out += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
        out += [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
        if ax.get_legend():
            out += [t.get_text() for t in ax.get_legend().get_texts()] + [ax.get_legend().get_title().get_text()]
    return [t for t in out if t]


def test_the_font_is_cjk() -> None:
    family = plots.use_chinese()
    assert "CJK" in family or "SC" in family or "Hei" in family
    assert matplotlib.rcParams["axes.unicode_minus"] is False


def test_fees_by_month_in_chinese_and_wan_yuan() -> None:
    data = {f"2023-{m:02d}": {"premium": Decimal(720_000 * m), "union_dues": Decimal(1_200_000)} for m in range(1, 13)}
    fig = plots.fees_by_month(data)
    t = texts(fig)
    assert "金额（万元）" in t and "月份" in t and "费用类别" in t
    # The legend names the fee kinds as the registry's zh-CN labels say (保障费用, 工会会费).
    assert {plots.label("mutual_aid.fee_kind", k) for k in ("premium", "union_dues")} <= set(t)
    ax = fig.axes[0]
    fig.canvas.draw()
    ticks = [x.get_text() for x in ax.get_yticklabels()]
    assert all("e" not in x for x in ticks) and ax.yaxis.get_offset_text().get_text() == ""
    render(fig)


def test_payouts_by_benefit_labels_are_the_plans_words() -> None:
    fig = plots.payouts_by_benefit({"hospital_days": Decimal("1234567.50"), "accident_consolation": Decimal("98000")})
    labels = [x.get_text() for x in fig.axes[0].get_yticklabels()]
    want = {plots.label("mutual_aid.benefit", b) for b in ("hospital_days", "accident_consolation")}
    assert set(labels) == want, labels
    assert "给付金额（万元）" in texts(fig)
    render(fig)


def test_checkup_invoices_small_sums_in_yuan() -> None:
    fig = plots.checkup_invoices([("L1", Decimal("4600"), Decimal("3100")), ("cardio", Decimal("900"), Decimal("0"))])
    t = texts(fig)
    assert "金额（元）" in t and "市总补贴" in t and "实付" in t
    render(fig)


def test_a_missing_glyph_is_caught() -> None:
    import matplotlib.pyplot as plt

    plots.use_chinese()
    fig, ax = plt.subplots()
    ax.set_title("\U0001F600 \u0E01")  # an emoji and a Thai letter: in no font of the chart
    with pytest.raises(UserWarning, match="missing"):
        render(fig)

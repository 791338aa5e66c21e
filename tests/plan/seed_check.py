#!/usr/bin/env python3
"""Checks spec/plan/2023.md against the plan's own text (the seed), both ways.

    tests/plan/seed_check.py SEED [PLAN]

1. Every quoted line (each cell of a table row) is the seed's words: whitespace, markdown emphasis, escapes, form
   blanks and check boxes aside, it occurs in the seed.
2. Every sentence of the seed (each cell of its tables) that carries a number, a date, a ratio, a count or a deadline
   is quoted, in the plan's order (it occurs in the quotes put end to end).

The seed (the plan's text, 沪工总办〔2023〕15号) is not part of the repository; give its path as SEED. So
this is a tool for whoever edits the annotated plan, not a CI test; `core/tests/plan.rs` checks the annotations.
"""
import re
import sys

if len(sys.argv) < 2:
    sys.exit(__doc__)
SEED = sys.argv[1]
PLAN = sys.argv[2] if len(sys.argv) > 2 else "spec/plan/2023.md"

NUMERALS = "零〇一二两三四五六七八九十百千万亿半"
MEASURES = ["类", "年", "次", "天", "日", "月", "周", "个", "家", "名", "人", "项", "套", "份", "晚", "季度", "级", "倍", "元", "区",
            "所", "部分", "场", "条", "期", "届", "维度", "省", "市", "地", "种", "批", "分", "位", "小时", "支", "佳", "张"]
WORDS = ["%", "％", "以前", "之前", "日前", "底前", "月前", "截止", "截至", "工作日内", "期满", "满期", "之日起", "逾期", "次月",
         "即日起", "到期", "每周", "每月", "每两月", "每季度", "每年", "每区", "每场", "每位", "一次性", "不超过", "不低于",
         "不少于", "至少", "最高", "最低", "及以上", "及以下", "以内", "左右", "封顶", "全覆盖", "全额", "百万", "千企", "半年", "半天"]
ENUM = re.compile(r"^\s*(注[:：])?\s*(\d+\s*[.、．]|[（(]\s*[0-9一二三四五六七八九十]+\s*[)）]|[一二三四五六七八九十]+、)\s*")
MEAS = re.compile("[" + NUMERALS + "]+(" + "|".join(MEASURES) + ")")


def figure(s):
    s = ENUM.sub("", s, count=1)
    if re.search(r"[0-9０-９]", s):
        return True
    if any(w in s for w in WORDS):
        return True
    return bool(MEAS.search(s))


def norm(s):
    s = re.sub(r"<[^>]*>", "", s).replace('">', "")
    s = s.replace("<sup>", "").replace("</sup>", "").replace("**", "").replace("\\", "").replace("_", "")
    return re.sub(r"\s+", "", s)


seed_lines = open(SEED, encoding="utf-8").read().splitlines()
seed = norm("".join(l.lstrip("#").strip().removeprefix("- ") for l in seed_lines))
quotes = []
for n, line in enumerate(open(PLAN, encoding="utf-8").read().splitlines(), 1):
    if line.startswith(">"):
        quotes.append((n, line[1:].strip()))

bad = 0
for n, q in quotes:
    for cell in q.split(" | "):
        # a cell the seed breaks across a page or a table line is checked word by word
        if norm(cell) and norm(cell) not in seed and not all(norm(w) in seed for w in cell.split()):
            print(f"{PLAN}:{n}: not the seed's words: {cell}")
            bad += 1

joined = "".join(norm(c) for _, q in quotes for c in q.split(" | "))
missing = 0
for n, line in enumerate(seed_lines, 1):
    text = line.lstrip("#").strip().removeprefix("- ")
    pieces = text.split("\t") if "\t" in text else re.split(r"(?<=[。；;])", text)
    for p in pieces:
        if p.strip() and figure(p) and norm(p) not in joined:
            print(f"{SEED}:{n}: not quoted: {p.strip()}")
            missing += 1

print(f"{len(quotes)} quoted lines; {bad} not the seed's words; {missing} sentences with a figure not quoted")
sys.exit(1 if bad or missing else 0)

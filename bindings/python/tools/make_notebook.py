#!/usr/bin/env python3
"""Writes examples/analyst.ipynb (unexecuted): the analyst's tour of the batch API. ci.sh executes it."""

import pathlib

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

OUT = pathlib.Path(__file__).resolve().parents[3] / "examples" / "analyst.ipynb"

cells = [
    new_markdown_cell(
        "# The 2023 mutual-aid plan for 350,000 gig workers, in a notebook\n\n"
        "A synthetic population of 350,000 new-form workers (新就业形态劳动者, §5 of 沪工总办〔2023〕15号) "
        "enrols in tiers C, D and E; a year of claims is adjudicated under the tier caps; unions order "
        "checkups (§9). Every figure comes from `shftu_rules.batch`, which runs the Rust core per row over "
        "Arrow columns: money stays exact (`decimal128(18, 2)`), and a bad row gets an `error`, never an abort.\n\n"
        "The data is made up (seeded); the rules are the seed's."
    ),
    new_code_cell(
        "import datetime as dt\n"
        "from decimal import Decimal\n\n"
        "import matplotlib\n"
        "matplotlib.use('Agg')\n"
        "import matplotlib.pyplot as plt\n"
        "import numpy as np\n"
        "import pyarrow as pa\n"
        "import pyarrow.compute as pc\n\n"
        "import shftu_rules\n"
        "from shftu_rules import batch, plots\n\n"
        "plots.use_chinese()  # a CJK font (fonts-noto-cjk): titles, axes and legends in Chinese\n"
        "rng = np.random.default_rng(2023)\n"
        "N = 350_000\n"
        "print(shftu_rules.__version__, len(shftu_rules.rules()), 'rules')"
    ),
    new_markdown_cell(
        "## Enrolment\n\nMost workers come through their district union's list (group channel); platform "
        "riders and drivers may also pay for tier E online (individual channel). Dates run from the "
        "concentrated window (Dec 2022 – Feb 2023) through the instant window to November."
    ),
    new_code_cell(
        "industries = np.array(['courier', 'freight_driver', 'food_delivery', 'ride_hailing', 'caregiver',\n"
        "                       'domestic_service', 'mall_info', 'real_estate_agent', 'property_management',\n"
        "                       'construction_casual', 'farm_casual', 'sanitation', 'street_staff'])\n"
        "industry = rng.choice(industries, N, p=[.22, .06, .2, .1, .05, .05, .03, .04, .06, .06, .03, .06, .04])\n"
        "tier = rng.choice(np.array(['C', 'D', 'E']), N, p=[.5, .3, .2])\n"
        "platform = np.isin(industry, ['courier', 'freight_driver', 'food_delivery', 'ride_hailing'])\n"
        "individual = (tier == 'E') & platform & (rng.random(N) < .35)\n"
        "channel = np.where(individual, 'individual', 'group')\n"
        "start = np.datetime64('2022-12-01')\n"
        "concentrated = rng.random(N) < .55\n"
        "day = np.where(concentrated, rng.integers(0, 90, N), rng.integers(90, 365, N))\n"
        "date = (start + day.astype('timedelta64[D]'))\n"
        "age_days = rng.integers(18 * 365, 62 * 365, N)\n"
        "birth = date - age_days.astype('timedelta64[D]')\n"
        "people = pa.table({\n"
        "    'tier': pa.array(tier).dictionary_encode(),\n"
        "    'channel': pa.array(channel).dictionary_encode(),\n"
        "    'date': pa.array(date, pa.date32()),\n"
        "    'industry': pa.array(industry).dictionary_encode(),\n"
        "    'birth_date': pa.array(birth, pa.date32()),\n"
        "    'platform_worker': pa.array(platform),\n"
        "})\n"
        "enrolled = batch.enroll(people)\n"
        "enrolled.schema"
    ),
    new_code_cell(
        "accepted = pc.fill_null(enrolled['accepted'], False)\n"
        "print('accepted', pc.sum(accepted).as_py(), 'of', N)\n"
        "reasons = pc.value_counts(pc.list_flatten(enrolled['reasons'])).to_pylist()\n"
        "print('refusals by reason:', {r['values']: r['counts'] for r in reasons})\n"
        "print('rows with an error:', enrolled['error'].null_count and N - enrolled['error'].null_count)"
    ),
    new_markdown_cell(
        "## Premium and dues income by month\n\nFees are due when the list is confirmed or the payment "
        "succeeds: tier D pays 120 in union dues, tier E 72 (36 when six months or fewer are left). "
        "The sums are exact decimals; the chart plots whole yuan."
    ),
    new_code_cell(
        "month = pc.strftime(pc.cast(people['date'], pa.timestamp('s')), format='%Y-%m')\n"
        "income = pa.table({'month': month, 'fee_kind': enrolled['fee_kind'], 'fee': enrolled['fee']})\n"
        "income = income.filter(pc.is_valid(income['fee']))\n"
        "by_month = income.group_by(['month', 'fee_kind']).aggregate([('fee', 'sum')]).sort_by('month')\n"
        "total = pc.sum(income['fee']).as_py()\n"
        "assert isinstance(total, Decimal)\n"
        "print('total fees', total)\n"
        "df = by_month.to_pandas().pivot(index='month', columns='fee_kind', values='fee_sum').fillna(Decimal(0))\n"
        "df"
    ),
    new_code_cell(
        "# The chart: 万元 on the axis (no 1e7 offset), fee kinds by the plan's names (保障费用, 工会会费).\n"
        "fig = plots.fees_by_month({m: {k: v for k, v in row.items() if v} for m, row in df.to_dict('index').items()})\n"
        "fig.savefig('income_by_month.png', dpi=100)"
    ),
    new_markdown_cell(
        "## A year of claims\n\nAbout one accepted worker in twelve claims, some more than once; claims "
        "are decided in row order per policy, each seeing what the earlier ones were paid."
    ),
    new_code_cell(
        "ok = enrolled.filter(accepted)\n"
        "pol = people.filter(accepted)\n"
        "n_pol = ok.num_rows\n"
        "claimants = rng.choice(n_pol, n_pol // 12, replace=False)\n"
        "per = rng.integers(1, 4, claimants.size)\n"
        "rows = np.repeat(claimants, per)\n"
        "rows.sort()\n"
        "benefits = np.array(['hospital_days', 'critical_illness', 'ci_medical_subsidy', 'accident_death',\n"
        "                     'accident_disability', 'accident_consolation', 'disease_death'])\n"
        "benefit = rng.choice(benefits, rows.size, p=[.55, .04, .04, .005, .04, .32, .005])\n"
        "cs = ok['coverage_start'].to_numpy(zero_copy_only=False).astype('datetime64[D]')[rows]\n"
        "ce = ok['coverage_end'].to_numpy(zero_copy_only=False).astype('datetime64[D]')[rows]\n"
        "span = (ce - cs).astype(int) + 1\n"
        "event = cs + (rng.random(rows.size) * span).astype('timedelta64[D]')\n"
        "filed = event + rng.integers(1, 120, rows.size).astype('timedelta64[D]')\n"
        "days = np.where(benefit == 'hospital_days', rng.integers(1, 40, rows.size), -1)\n"
        "grade = np.where(benefit == 'accident_disability', rng.integers(1, 11, rows.size), -1)\n"
        "amount_fen = np.where(benefit == 'ci_medical_subsidy', rng.integers(200_000, 8_000_000, rows.size), -1)\n"
        "claims = pa.table({\n"
        "    'policy_id': pa.array(rows),\n"
        "    'tier': pol['tier'].take(pa.array(rows)),\n"
        "    'coverage_start': pa.array(cs, pa.date32()),\n"
        "    'coverage_end': pa.array(ce, pa.date32()),\n"
        "    'benefit': pa.array(benefit).dictionary_encode(),\n"
        "    'event_date': pa.array(event, pa.date32()),\n"
        "    'filed_on': pa.array(filed, pa.date32()),\n"
        "    'days': pa.array(days, mask=days < 0),\n"
        "    'grade': pa.array(grade, mask=grade < 0),\n"
        "    'amount': pa.array([Decimal(int(f)).scaleb(-2) if f >= 0 else None for f in amount_fen], pa.decimal128(12, 2)),\n"
        "})\n"
        "decided = batch.adjudicate(claims)\n"
        "print(claims.num_rows, 'claims;', pc.value_counts(decided['status']).to_pylist())"
    ),
    new_code_cell(
        "paid = pa.table({'benefit': pc.cast(claims['benefit'], pa.string()), 'payable': decided['payable']})\n"
        "by_benefit = paid.group_by('benefit').aggregate([('payable', 'sum'), ('payable', 'count')]).sort_by([('payable_sum', 'descending')])\n"
        "print('total paid', pc.sum(decided['payable']).as_py())\n"
        "by_benefit.to_pandas()"
    ),
    new_code_cell(
        "fig = plots.payouts_by_benefit({r['benefit']: r['payable_sum'] for r in by_benefit.to_pylist()})\n"
        "fig.savefig('payouts_by_benefit.png', dpi=100)"
    ),
    new_markdown_cell(
        "## Checkup invoices\n\nUnions order routine packages (L1–L4) and special packs; the city union's "
        "subsidy (市总补贴) and what is left to pay (实付) come from the seed's price table."
    ),
    new_code_cell(
        "packages = np.array(['L1', 'L2', 'L3', 'L4', 'cardio', 'blood', 'female_two', 'tumor', 'stroke'])\n"
        "orders = pa.table({\n"
        "    'package': pa.array(rng.choice(packages, 20_000, p=[.3, .25, .15, .1, .05, .04, .05, .04, .02])).dictionary_encode(),\n"
        "    'count': pa.array(rng.integers(1, 200, 20_000), pa.int32()),\n"
        "})\n"
        "invoices = batch.checkup_quote(orders)\n"
        "inv = pa.table({'package': pc.cast(orders['package'], pa.string()), 'count': orders['count'],\n"
        "                'price': invoices['price'], 'subsidy': invoices['subsidy'], 'payable': invoices['payable']})\n"
        "summary = inv.group_by('package').aggregate([('count', 'sum'), ('price', 'sum'), ('subsidy', 'sum'), ('payable', 'sum')])\n"
        "assert pc.sum(inv['price']).as_py() == pc.sum(inv['subsidy']).as_py() + pc.sum(inv['payable']).as_py()\n"
        "summary.sort_by('package').to_pandas()"
    ),
    new_code_cell(
        "rows = summary.sort_by('package').to_pylist()\n"
        "fig = plots.checkup_invoices([(r['package'], r['subsidy_sum'], r['payable_sum']) for r in rows])\n"
        "fig.savefig('checkup_invoices.png', dpi=100)"
    ),
    new_markdown_cell(
        "Every row can be explained: the typed API gives the same figures with the trace of clauses."
    ),
    new_code_cell(
        "first = claims.slice(0, 1).to_pylist()[0]\n"
        "policy = {k: first[k] for k in ('tier', 'coverage_start', 'coverage_end')}\n"
        "claim = {k: first[k] for k in ('benefit', 'event_date', 'filed_on', 'days', 'grade', 'amount') if first[k] is not None}\n"
        "one = shftu_rules.mutual_aid.adjudicate(policy=policy, claims=[claim])\n"
        "print(one.decisions[0])\n"
        "for step in one.trace:\n"
        "    print(step.clause, '|', step.note)"
    ),
    new_markdown_cell("The same answer in Chinese, as a clerk hands it over (`lang=\"zh-CN\"`, `shftu_rules.explain`):"),
    new_code_cell(
        "zh = shftu_rules.mutual_aid.adjudicate(policy=policy, claims=[claim], lang='zh-CN')\n"
        "print(shftu_rules.explain(zh, lang='zh-CN'))"
    ),
]

nb = new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
OUT.parent.mkdir(parents=True, exist_ok=True)
nbformat.write(nb, OUT)
print("wrote", OUT)

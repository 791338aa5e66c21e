// The batch functions (the core's kernels over columns): on random tables with gaps, bad values and
// every kind of column, each row that can be evaluated equals the typed API's answer for it, and each row
// that cannot has its error (code and a message naming the row and the column) — a null is never read as
// a default. The money modes and the typed arrays read in place answer alike.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import * as shftu from '../generated/index.mjs'

const { batch } = shftu

/** A small deterministic random generator (xorshift), so that a failure can be replayed. */
function rng(seed) {
  let x = seed >>> 0 || 1
  return () => {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    return (x >>> 0) / 2 ** 32
  }
}
const pick = (r, items) => items[Math.floor(r() * items.length)]

test('checkupQuote: every row as the typed API prices it; gaps and bad values are row errors', () => {
  const r = rng(7)
  const packages = [...shftu.enumValues().Package, '心功能', '血液疾病', 'L9', '', null, undefined]
  const counts = [0, 1, 2, 3, 17, 4294967295, 4294967296, -1, 1.5, NaN, null, undefined]
  const n = 2000
  const pkg = Array.from({ length: n }, () => pick(r, packages))
  const count = Array.from({ length: n }, () => pick(r, counts))
  const out = batch.checkupQuote({ package: pkg, count })
  assert.deepEqual(Object.keys(out), ['unit_price', 'price', 'subsidy', 'payable', 'error_code', 'error'])
  let good = 0
  for (let i = 0; i < n; i++) {
    const p = pkg[i]
    const c = count[i]
    if (typeof c === 'number' && !Number.isNaN(c) && !Number.isInteger(c)) {
      // A fraction cannot be converted to a count: the row's error, whatever its package.
      assert.equal(out.error[i], `rows[${i}].count is ${c}, a binary floating-point number: write a whole number`)
      continue
    }
    if (p == null || c == null || Number.isNaN(c)) {
      // A gap is the row's error (a bad package beside it may be the one named): never a default.
      assert.equal(out.error_code[i], 'invalid_input', `row ${i}`)
      assert.match(out.error[i], new RegExp(`^row ${i}: (package|count) is (null|not one of)`))
      assert.equal(out.payable[i], null)
      continue
    }
    let typed
    try {
      typed = shftu.checkupQuote({ lines: [{ package: p, count: c }] }).lines[0]
    } catch (e) {
      assert.ok(e instanceof shftu.InvalidInputError)
      assert.equal(out.error_code[i], 'invalid_input', `row ${i}: ${p} × ${c} is refused by the typed API (${e.message})`)
      assert.match(out.error[i], new RegExp(`^row ${i}: (package|count) `))
      continue
    }
    good++
    assert.equal(out.error_code[i], null, out.error[i])
    for (const k of ['unit_price', 'price', 'subsidy', 'payable']) assert.equal(out[k][i], typed[k], `row ${i} ${k}`)
  }
  assert.ok(good > n / 4, `${good} good rows`)
  // Whole fen, and typed arrays read in place, answer alike.
  const fen = batch.checkupQuote({ package: pkg, count }, { money: 'fen' })
  for (let i = 0; i < n; i++) {
    if (out.error_code[i] === null) assert.equal(fen.payable[i], BigInt(Math.round(Number(out.payable[i]) * 100)))
    else assert.equal(fen.payable[i], 0n)
  }
  assert.deepEqual(fen.error, out.error)
})

test('checkupQuote: typed-array columns, the columns option, no count column, languages', () => {
  const codes = shftu.enumValues().Package
  const pkg = new Uint8Array([0, 4, 8, 200])
  const asText = [...pkg].map((c) => codes[c] ?? 'nope')
  const counts = [new Int32Array([1, 2, 3, 4]), new Uint32Array([1, 2, 3, 4]), new Float64Array([1, 2, 3, 4]), [1, 2, 3, 4], new Uint8Array([1, 2, 3, 4])]
  const first = batch.checkupQuote({ package: asText, count: counts[0] })
  for (const count of counts) {
    assert.deepEqual(batch.checkupQuote({ package: pkg, count }), first)
  }
  assert.equal(first.error_code[3], 'invalid_input')
  const only = batch.checkupQuote({ package: ['L1'], count: [2] }, { columns: ['payable'], money: 'fen' })
  assert.deepEqual(Object.keys(only), ['payable', 'error_code', 'error'])
  assert.deepEqual([...only.payable], [31000n])
  // Without a count column, one checkup a row.
  assert.deepEqual(batch.checkupQuote({ package: ['L1', 'cardio'] }).price, ['310.00', '200.00'])
  const zh = batch.checkupQuote({ package: [null] }, { lang: 'zh-CN' })
  assert.match(zh.error[0], /^第0行：package 为空/)
})

test('checkupQuote: what is not a table is refused as a whole', () => {
  const bad = (columns, options, path) =>
    assert.throws(() => batch.checkupQuote(columns, options), (e) => e instanceof shftu.InvalidInputError && e.path === path)
  bad({ count: [1] }, undefined, 'package')
  bad({ package: 'L1' }, undefined, 'package')
  bad({ package: ['L1'], count: 'x' }, undefined, 'count')
  bad({ package: ['L1', 'L2'], count: [1] }, undefined, 'rows')
  bad({ package: ['L1'] }, { money: 'cents' }, 'money')
  bad({ package: ['L1'] }, { columns: ['total'] }, 'columns[0]')
  bad({ package: ['L1'] }, 'x', 'options')
  assert.throws(() => batch.checkupQuote({ package: ['L1'] }, { edition: '1999' }), shftu.UnknownEditionError)
})

test('ePremium: the fee mutualAidEnroll gives a tier E enrolment starting that day', () => {
  const starts = []
  const fees = []
  for (let m = 1; m <= 12; m++) {
    for (const day of [1, 15, 28]) {
      const date = `2023-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`
      let e
      try {
        e = shftu.mutualAidEnroll({ tier: 'E', channel: 'group', date, industry: 'courier', birth_date: '1990-05-01' })
      } catch {
        continue
      }
      if (!e.accepted) continue
      starts.push(e.coverage_start)
      fees.push(e.fee)
    }
  }
  assert.ok(starts.length > 10)
  const out = batch.ePremium({ coverage_start: starts })
  assert.deepEqual(out.premium, fees)
  assert.ok(out.error_code.every((c) => c === null))
  // Days since 1970-01-01 (Arrow date32) answer alike.
  const days = Int32Array.from(starts, (s) => Date.parse(`${s}T00:00:00Z`) / 86_400_000)
  assert.deepEqual(batch.ePremium({ coverage_start: days }).premium, fees)
  const bad = batch.ePremium({ coverage_start: [null, '2023-02-30', 5, '2099-01-01'] })
  assert.deepEqual(bad.premium, [null, null, null, null])
  assert.match(bad.error[0], /^row 0: coverage_start is null/)
  assert.match(bad.error[1], /^rows\[1\]\.coverage_start "2023-02-30" is not a date/)
  assert.match(bad.error[2], /^rows\[2\]\.coverage_start must be a date/)
  assert.match(bad.error[3], /^row 3: coverage_start is outside the dates/)
})

test('hospitalDays: as mutualAidAdjudicate decides each policy\'s hospital-day claims in order', () => {
  const r = rng(11)
  const n = 600
  const ids = Array.from({ length: n }, () => pick(r, ['a', 'b', 'c', 1, 2, 3]))
  const tierOf = { a: 'E', b: 'D', c: 'C', 1: 'E', 2: 'D', 3: 'E' }
  const tiers = ids.map((id) => tierOf[id])
  const days = Array.from({ length: n }, () => 1 + Math.floor(r() * 60))
  const out = batch.hospitalDays({ policy_id: ids, days, tier: tiers })
  // The typed API, one request per policy, its claims in row order.
  const policy = (tier) => ({ tier, coverage_start: '2023-01-01', coverage_end: '2023-12-31' })
  // The kernel takes a policy's rows as its claims in time order: the k-th claim's event on the k-th day of
  // the year, so that the adjudication (which orders claims by event day, R27) sees the same order.
  const day = (k) => new Date(Date.UTC(2023, 0, 1 + k)).toISOString().slice(0, 10)
  const claim = (d, k) => ({ benefit: 'hospital_days', event_date: day(k), filed_on: day(k + 10), days: d })
  for (const id of new Set(ids)) {
    const rows = ids.flatMap((x, i) => (x === id ? [i] : []))
    for (let start = 0; start < rows.length; start += 1000) {
      const part = rows.slice(0, 1000)
      const decided = shftu.mutualAidAdjudicate({ policy: policy(tierOf[id]), claims: part.map((i, k) => claim(days[i], k)) })
      part.forEach((row, k) => {
        assert.equal(out.error_code[row], null, out.error[row])
        assert.equal(out.payable[row], decided.decisions[k].payable, `row ${row} (policy ${id}, claim ${k})`)
        const reason = decided.decisions[k].reasons[0] ?? null
        assert.equal(out.reason[row], reason, `row ${row}`)
      })
    }
  }
  // One tier for every row, from the options; gaps and bad values are row errors.
  const one = batch.hospitalDays({ policy_id: new Uint32Array([7, 7, 8]), days: [100, 100, 0] }, { tier: 'E', money: 'fen' })
  assert.deepEqual([...one.paid_days], [100, 80, 0])
  assert.match(one.error[2], /^row 2: days is out of the rule's range/)
  const gaps = batch.hospitalDays({ policy_id: ['x', null, 'x', true], days: [1, 1, null, 1], tier: ['E', 'E', 'E', 'E'] })
  assert.deepEqual(gaps.error_code, [null, 'invalid_input', 'invalid_input', 'invalid_input'])
  assert.match(gaps.error[1], /policy_id is null/)
  assert.match(gaps.error[2], /days is null/)
  assert.match(gaps.error[3], /^rows\[3\]\.policy_id must be a string/)
  assert.throws(() => batch.hospitalDays({ policy_id: ['x'], days: [1] }), (e) => e instanceof shftu.InvalidInputError && e.path === 'tier')
})

test('adjudicate: a population of claim rows, grouped by policy, as one request per policy decides them', () => {
  const r = rng(3)
  const benefits = ['hospital_days', 'critical_illness', 'ci_medical_subsidy', 'accident_disability', 'accident_consolation', 'disease_death']
  const policies = {
    p1: { tier: 'E', coverage_start: '2023-01-01', coverage_end: '2023-12-31' },
    p2: { tier: 'D', coverage_start: '2023-01-01', coverage_end: '2023-12-31', changes: [{ to: 'E', effective_from: '2023-06-01' }] },
    7: { tier: 'C', coverage_start: '2023-04-01', coverage_end: '2023-12-31' },
  }
  const claimOf = (b) => {
    const c = { benefit: b, event_date: pick(r, ['2023-03-01', '2023-07-01']), filed_on: '2023-08-01' }
    if (b === 'hospital_days') c.days = 1 + Math.floor(r() * 100)
    if (b === 'accident_disability') c.grade = 1 + Math.floor(r() * 10)
    if (b === 'ci_medical_subsidy') c.amount = pick(r, ['12000.00', '80000.00', '3000', 2500])
    return c
  }
  const rows = Array.from({ length: 300 }, () => {
    const id = pick(r, ['p1', 'p2', 7])
    return { policy_id: id, ...policies[id], ...claimOf(pick(r, benefits)) }
  })
  const out = batch.adjudicate(rows)
  assert.deepEqual(Object.keys(out), ['status', 'payable', 'reasons', 'error_code', 'error'])
  for (const id of Object.keys(policies)) {
    const key = id === '7' ? 7 : id
    const mine = rows.flatMap((row, i) => (row.policy_id === key ? [i] : []))
    const claims = mine.map((i) => {
      const { policy_id, tier, coverage_start, coverage_end, changes, ...claim } = rows[i]
      return claim
    })
    const decided = shftu.mutualAidAdjudicate({ policy: policies[id], claims })
    mine.forEach((row, k) => {
      assert.equal(out.error_code[row], null, out.error[row])
      assert.deepEqual({ status: out.status[row], payable: out.payable[row], reasons: out.reasons[row] }, decided.decisions[k], `row ${row}`)
    })
  }
  // A row that cannot be read, or a claim the rule refuses, is that row's error; the others are decided.
  const p = { policy_id: 'q', tier: 'E', coverage_start: '2023-01-01', coverage_end: '2023-12-31' }
  const mixed = batch.adjudicate([
    { ...p, benefit: 'hospital_days', event_date: '2023-03-01', filed_on: '2023-03-10', days: 3 },
    { ...p, benefit: 'ci_medical_subsidy', event_date: '2023-03-01', filed_on: '2023-03-10' },
    { ...p, tier: 'D', benefit: 'hospital_days', event_date: '2023-03-01', filed_on: '2023-03-10', days: 3 },
    { ...p, benefit: 'hospital_days', event_date: '2023-03-01', filed_on: '2023-03-10', days: 3, extra: 1 },
    { ...p, policy_id: undefined, benefit: 'hospital_days', event_date: '2023-03-01', filed_on: '2023-03-10', days: 3 },
    'x',
  ])
  assert.equal(mixed.status[0], 'paid')
  assert.deepEqual(mixed.error_code.slice(1), Array(5).fill('invalid_input'))
  assert.match(mixed.error[1], /^rows\[1\]\.amount is required/)
  assert.match(mixed.error[2], /differ from the first row of this policy/)
  assert.match(mixed.error[3], /^rows\[3\] has an unknown field "extra"/)
  assert.match(mixed.error[4], /^rows\[4\]\.policy_id is required/)
  assert.match(mixed.error[5], /^rows\[5\] must be an object, not a string/)
  assert.throws(() => batch.adjudicate({}), (e) => e instanceof shftu.InvalidInputError && e.path === 'rows')
})

test('enroll: rows as mutualAidEnroll answers each', () => {
  const r = rng(5)
  const industries = shftu.enumValues().Industry
  const rows = Array.from({ length: 300 }, () => ({
    tier: pick(r, ['C', 'D', 'E', 'F']),
    channel: pick(r, ['group', 'individual']),
    date: pick(r, ['2022-12-15', '2023-02-01', '2023-03-15', '2023-07-01', '2023-12-01', '2023-02-30']),
    industry: pick(r, industries),
    birth_date: pick(r, ['1960-01-01', '1990-05-01', '1963-06-30']),
    platform_worker: pick(r, [true, false, undefined]),
  }))
  const out = batch.enroll(rows)
  const fields = ['accepted', 'reasons', 'coverage_start', 'coverage_end', 'months', 'fee', 'fee_kind']
  assert.deepEqual(Object.keys(out), [...fields, 'error_code', 'error'])
  rows.forEach((row, i) => {
    let typed
    try {
      typed = shftu.mutualAidEnroll(row)
    } catch (e) {
      assert.equal(out.error_code[i], e.code)
      assert.equal(out.error[i], e.message.replace(/^input/, `rows[${i}]`))
      for (const f of fields) assert.equal(out[f][i], null)
      return
    }
    assert.equal(out.error_code[i], null)
    for (const f of fields) assert.deepEqual(out[f][i], typed[f], `row ${i} ${f}`)
  })
})

// Compiled with `tsc --strict --noEmit` by tests/types.test.mjs against the generated index.d.ts: the
// uses below must type-check, and each line marked @ts-expect-error must be refused (a misspelt code,
// money as a number, an unknown field, a missing required field, a wrong language).
import {
  checkupQuote,
  mutualAidEnroll,
  mutualAidClaimDeadline,
  checkupPackages,
  evaluate,
  explain,
  describe,
  InvalidInputError,
  ShftuError,
  type CheckupPackage,
  type MutualAidEnrollResult,
  type RuleRequest,
  type RuleResponse,
  type TraceStep,
} from '../../pkg/index.js';

const trace: TraceStep[] = [];
const q = checkupQuote({ lines: [{ package: 'L1', count: 2 }, { package: '心功能', count: 1 }] }, { lang: 'zh-CN', trace });
const payable: string = q.total.payable;
const code: CheckupPackage = q.lines[0].package;
const e: MutualAidEnrollResult = mutualAidEnroll({ tier: 'E', channel: 'group', date: '2023-05-15', industry: 'courier', birth_date: '1990-01-01' });
const fee: string | null = e.fee;
const d = mutualAidClaimDeadline({ benefit: 'disease_death', coverage_end: '2023-12-31' });
const last: string = d.last_day;
checkupPackages();
const req: RuleRequest = { rule: 'checkup.quote', input: { lines: [{ package: 'L2', count: 1 }] }, lang: 'zh-CN' };
const res = JSON.parse(evaluate(JSON.stringify(req))) as RuleResponse;
if (res.ok && res.rule === 'checkup.quote') {
  const total: string = res.result.total.price;
  void total;
}
explain(res, 'zh-CN');
describe().rules.map((r) => r.title['zh-CN']);
try {
  checkupQuote({ lines: [] });
} catch (err) {
  if (err instanceof InvalidInputError) {
    const p: string | null = err.path;
    void p;
  } else if (err instanceof ShftuError) {
    const c: string = err.code;
    void c;
  }
}

// @ts-expect-error: L5 is not a package
checkupQuote({ lines: [{ package: 'L5', count: 1 }] });
// @ts-expect-error: money is a decimal string, not a number
const m: number = q.total.price;
// @ts-expect-error: an unknown field
mutualAidClaimDeadline({ benefit: 'disease_death', coverage_end: '2023-12-31', note: 'x' });
// @ts-expect-error: coverage_end is required
mutualAidClaimDeadline({ benefit: 'disease_death' });
// @ts-expect-error: a tier that the plan does not have
mutualAidEnroll({ tier: 'F', channel: 'group', date: '2023-05-15', industry: 'courier', birth_date: '1990-01-01' });
// @ts-expect-error: fr is not a language of the catalogue
checkupPackages({}, { lang: 'fr' });
// @ts-expect-error: a request for a rule with another rule's input
const wrong: RuleRequest = { rule: 'checkup.quote', input: { benefit: 'disease_death', coverage_end: '2023-12-31' } };

void [payable, code, fee, last, m, wrong];

// The negative type test (tests/types.test.mjs): `tsc --strict` must REFUSE this file, naming the
// misspelt package code. A declaration that let any string through would make it compile.
import { checkupQuote } from 'shftu-rules'

checkupQuote({ lines: [{ package: 'cardoi', count: 1 }] })

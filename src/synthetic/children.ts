import type { PrimeroCase } from '../clients/primero-types.js'
import type { HisPerson, HisVisit, RiskModel } from '../clients/moph-types.js'
import { withCaseFormAnswers } from './case-form.js'
import { addDays, SYNTHETIC_EPOCH } from './dates.js'
import { buildHisPerson } from './his-person.js'
import { thaiNationalId } from './ids.js'
import { buildPrimeroCase, childBasics } from './primero-case.js'
import { createRng, deriveSeed } from './prng.js'
import { buildRiskModel } from './riskmodel.js'

/** One invented child, linked across the three systems by `nationalId` (valid Thai checksum). */
export interface SyntheticChild {
  readonly index: number
  readonly nationalId: string
  readonly primeroCase: PrimeroCase
  /** HIS person without relations; null for the ~30% of children HIS does not know. */
  readonly hisPerson: HisPerson | null
  /** Visits, newest first. */
  readonly visits: readonly HisVisit[]
  /** Child-Shield risk model, for some of the children HIS knows. */
  readonly riskmodel: RiskModel | null
}

/** The form answers' own random stream (case-form.ts), apart from the child's main one. */
const FORM_STREAM = 1

/** Builds child `index` of the run seeded with `seed`; the same arguments always give the same child. */
export function generateChild(index: number, seed: number): SyntheticChild {
  const childSeed = deriveSeed(seed, index)
  const rng = createRng(childSeed)
  const nationalId = thaiNationalId(rng)
  const basics = childBasics(rng, nationalId, addDays(SYNTHETIC_EPOCH, rng.int(0, 540)))
  const primeroCase = withCaseFormAnswers(createRng(deriveSeed(childSeed, FORM_STREAM)), buildPrimeroCase(rng, basics))
  if (!rng.chance(0.7)) return { index, nationalId, primeroCase, hisPerson: null, visits: [], riskmodel: null }
  const { person, visits } = buildHisPerson(rng, basics)
  const hasRisk = rng.chance(0.4)
  const subject = {
    cid: nationalId,
    hcode: String(person.hcode),
    fname: basics.thaiName.first,
    lname: basics.thaiName.last,
    female: basics.sex === 'female',
  }
  const riskmodel = hasRisk ? buildRiskModel(rng, subject, addDays(basics.registeredAt, rng.int(1, 30))) : null
  return { index, nationalId, primeroCase, hisPerson: person, visits, riskmodel }
}

/** Lazily yields `n` linked synthetic children. Never real data. */
export function* generateChildren(n: number, seed: number): Generator<SyntheticChild> {
  for (let i = 0; i < n; i++) yield generateChild(i, seed)
}

import { describe, expect, it } from '@jest/globals'
import { hasValidChecksum, normaliseNationalId } from '../../../src/domain/national-id.js'
import { generateChild, generateChildren } from '../../../src/synthetic/children.js'

const children = [...generateChildren(2000, 42)]

describe('synthetic children', () => {
  it('is deterministic per seed and index', () => {
    expect(generateChild(17, 42)).toEqual(children[17])
    expect(generateChild(17, 43).nationalId).not.toBe(children[17]!.nationalId)
  })

  it('gives every child a Thai id with a valid checksum, linked across the systems', () => {
    for (const c of children) {
      expect(hasValidChecksum(c.nationalId)).toBe(true)
      const caseId = normaliseNationalId(c.primeroCase.national_id_no)
      if (caseId.ok) expect(caseId.value).toBe(c.nationalId)
      if (c.hisPerson) expect(c.hisPerson.cid).toBe(c.nationalId)
      if (c.riskmodel) expect(c.riskmodel.cid).toBe(c.nationalId)
    }
  })

  it('leaves about 30% of children unknown to HIS and gives some a risk model', () => {
    const known = children.filter((c) => c.hisPerson).length / children.length
    expect(known).toBeGreaterThan(0.65)
    expect(known).toBeLessThan(0.75)
    expect(children.some((c) => c.riskmodel)).toBe(true)
    expect(children.some((c) => c.hisPerson && !c.riskmodel)).toBe(true)
  })

  it('reproduces the quirks of real data', () => {
    const ids = children.map((c) => c.primeroCase.national_id_no)
    expect(ids.some((v) => typeof v === 'number')).toBe(true)
    expect(ids.some((v) => typeof v === 'string' && v.includes('-'))).toBe(true)
    const nationalities = new Set(children.map((c) => c.hisPerson?.nationality))
    expect(nationalities).toEqual(new Set(['099', '99', undefined]))
    const visits = children.flatMap((c) => c.visits)
    expect(Math.max(...children.map((c) => c.visits.length))).toBeLessThanOrEqual(50)
    expect(visits.some((v) => 'main_dep' in v) && visits.some((v) => 'main_dept' in v)).toBe(true)
    const diagtypes = new Set(
      visits.flatMap((v) => (v.activities?.diagnosis as { diagtype: unknown }[]).map((d) => d.diagtype)),
    )
    expect(diagtypes).toEqual(new Set(['1', '2', '3', '4', '5', '01', '04', null]))
    const scores = children.flatMap((c) => (c.riskmodel ? [c.riskmodel.physical] : []))
    expect(scores.some((s) => typeof s === 'number') && scores.some((s) => s === 'Y' || s === 'N')).toBe(true)
  })

  it('lists visits newest first', () => {
    for (const c of children) {
      const dates = c.visits.map((v) => v.vstdate ?? '')
      expect(dates).toEqual([...dates].sort().reverse())
    }
  })

  it('generates lazily and builds any index directly, so large volumes need no upfront work', () => {
    const lazy = generateChildren(100_000, 42)
    expect(lazy.next().value).toEqual(children[0])
    const last = generateChild(99_999, 42)
    expect(last.index).toBe(99_999)
    expect(hasValidChecksum(last.nationalId)).toBe(true)
  })
})

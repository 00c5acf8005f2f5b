import { describe, expect, it } from '@jest/globals'
import {
  MAX_VISITS,
  invalidRequestResult,
  notFoundResult,
  toHisLookupResult,
} from '../../../src/mapping/his-person-to-lookup-result.js'
import { CTX } from './fixtures.js'

const ctx = { ...CTX, nationalId: '1100700045217' }
const visitOf = (intervention: Record<string, unknown>) => {
  const [visit] = toHisLookupResult({ interventions: [intervention] }, ctx).visits
  if (!visit) throw new Error('expected one visit')
  return visit
}

describe('toHisLookupResult', () => {
  it('carries the request context and FOUND status', () => {
    const result = toHisLookupResult({ fname: 'ก' }, ctx)
    expect(result).toMatchObject({ ...ctx, status: 'FOUND', reason: null, riskModel: null, visits: [] })
    expect(result.person?.firstName).toBe('ก')
  })

  it('normalises diagnosis types, and ICD codes to trimmed upper case with their dots kept', () => {
    const visit = visitOf({
      activities: {
        diagnosis: [
          { icd10: ' z34.0 ', diag_name: 'a', diagtype: '01' },
          { icd10: 'E117', diag_name: 'b', diagtype: 4 },
          { icd10: 'I64', icd10_name: 'c', diagtype: null },
          { icd10: 'K12.00', diag_name: 'd', diagtype: '9' },
          { icd10: '', diag_name: null },
        ],
      },
    })
    expect(visit.diagnoses).toEqual([
      { icd10: 'Z34.0', name: 'a', type: '1' },
      { icd10: 'E117', name: 'b', type: '4' },
      { icd10: 'I64', name: 'c', type: null },
      { icd10: 'K12.00', name: 'd', type: null },
    ])
  })

  it('reads main_dep or main_dept, numbers given as strings, and ga_week ""', () => {
    const visit = visitOf({
      vn: 670101,
      vsttime: '7:05:09',
      main_dept: '030',
      activities: {
        assessment: [{ bw: '34.2', height: 141 }],
        anc: [{ date: '2024-01-01', ga_week: '', preg_no: '1' }, { ga_week: '12' }],
        laboratory: [{ provis_labcode: 749100, lab_order_result: 12.5 }],
      },
    })
    expect(visit).toMatchObject({ vn: '670101', visitTime: '07:05:09', department: '030' })
    expect(visit.assessments[0]).toMatchObject({ weightKg: 34.2, heightCm: 141 })
    expect(visit.anc.map((a) => [a.gaWeek, a.pregnancyNo])).toEqual([
      [null, 1],
      [12, null],
    ])
    expect(visit.labs[0]).toMatchObject({ code: '0749100', result: '12.5' })
    expect(visitOf({ main_dep: '018', main_dept: '030' }).department).toBe('018')
  })

  it('turns missing or wrongly typed data into nulls and empty lists without throwing', () => {
    for (const person of [
      null,
      'text',
      42,
      [],
      { interventions: 'x', riskmodel: 'y' },
      { interventions: [null, 1, 'a'] },
    ]) {
      const result = toHisLookupResult(person, ctx)
      expect(result.status).toBe('FOUND')
      expect(result.visits).toEqual([])
      expect(result.riskModel).toBeNull()
    }
    const visit = visitOf({
      id: { $oid: 'x' },
      vstdate: '2024-02-30',
      vsttime: 'noon',
      activities: { diagnosis: {}, anc: 'x' },
    })
    expect(visit).toMatchObject({ visitId: null, visitDate: null, visitTime: null, diagnoses: [], anc: [] })
  })

  it('keeps hospital visits with an empty homeservice list; leaves out Child-Shield interventions', () => {
    const diagnosis = [{ icd10: 'T742', diag_name: 'Sexual abuse', diagtype: '1' }]
    const result = toHisLookupResult(
      {
        interventions: [
          { id: 'bridge-copy', activities: { primeroservice: { serviceType: 'primero', '2024-06-05': {} } } },
          { id: 'oscc-home-visit', vstdate: '2024-06-04', ovstist: 'OSCC', activities: { homeservice: [] } },
          {
            id: 'plh',
            vstdate: '2024-06-04',
            activities: { homeservice: [{ serviceType: 'oscc', questionnaire: [] }] },
          },
          { id: 'hospital', vstdate: '2024-06-03', ovstist: '01', activities: { homeservice: [], diagnosis } },
          { id: 'plain', vstdate: '2024-06-01', activities: {} },
        ],
      },
      ctx,
    )
    expect(result.visits.map((v) => v.visitId)).toEqual(['hospital', 'plain'])
    expect(result.visits[0]?.diagnoses).toEqual([{ icd10: 'T742', name: 'Sexual abuse', type: '1' }])
  })

  it('sorts visits newest first by date and time, undated last, and caps them', () => {
    const result = toHisLookupResult(
      {
        interventions: [
          { id: 'undated' },
          { id: 'old', vstdate: '2023-12-31', vsttime: '23:00:00' },
          { id: 'morning', vstdate: '2024-01-02', vsttime: '9:00:00' },
          { id: 'evening', vstdate: '2024-01-02', vsttime: '18:00:00' },
        ],
      },
      ctx,
    )
    expect(result.visits.map((v) => v.visitId)).toEqual(['evening', 'morning', 'old', 'undated'])
  })

  it('handles 10,000 visits, keeping the newest 50', () => {
    const interventions = Array.from({ length: 10_000 }, (_, i) => ({
      id: `v${i}`,
      vstdate: new Date(Date.UTC(2000, 0, 1) + ((i * 7919) % 10_000) * 86_400_000).toISOString().slice(0, 10),
      activities: { diagnosis: [{ icd10: 'Z000', diagtype: '1' }] },
    }))
    const { visits } = toHisLookupResult({ interventions }, ctx)
    expect(visits).toHaveLength(MAX_VISITS)
    const dates = visits.map((v) => v.visitDate ?? '')
    expect([...dates].sort().reverse()).toEqual(dates)
    expect(dates[0]).toBe(new Date(Date.UTC(2000, 0, 1) + 9_999 * 86_400_000).toISOString().slice(0, 10))
  })

  it('reads the embedded risk model, falling back to the looked-up national id', () => {
    const result = toHisLookupResult({ riskmodel: { riskLevel: 'high', physical: 0.25 } }, ctx)
    expect(result.riskModel).toMatchObject({ nationalId: ctx.nationalId, riskLevel: 'high', physical: '0.25' })
  })
})

describe('result helpers', () => {
  it('builds NOT_FOUND and INVALID_REQUEST results without person data', () => {
    expect(notFoundResult(ctx)).toMatchObject({ status: 'NOT_FOUND', person: null, visits: [], riskModel: null })
    expect(invalidRequestResult({ ...ctx, nationalId: null }, 'national-id-missing')).toMatchObject({
      status: 'INVALID_REQUEST',
      reason: 'national-id-missing',
      nationalId: null,
      fetchedAt: ctx.fetchedAt,
    })
  })
})

import { describe, expect, it } from '@jest/globals'
import type { HisLookupResult } from '../../../src/domain/records.js'
import {
  failedResult,
  invalidRequestResult,
  notFoundResult,
  toHisLookupResult,
} from '../../../src/mapping/his-person-to-lookup-result.js'
import {
  PRIMERO_SUBFORM_FIELDS,
  PRIMERO_WRITABLE_FIELDS,
  hisResultToPrimeroPatch,
  syncStatusPatch,
} from '../../../src/mapping/his-to-primero.js'
import { HOSTILE_TEXT, HOSTILE_VALUES } from '../../support/hostile-text.js'
import { CTX, PATCH_OPTS, PERSON_FIXTURES, expectGolden, loadFixture } from './fixtures.js'

const found = (name: string, nationalId: string): HisLookupResult =>
  toHisLookupResult(loadFixture(`${name}.json`), { ...CTX, nationalId })

function expectOnlyWritableFields(data: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(data)) {
    expect(PRIMERO_WRITABLE_FIELDS.has(key) ? key : `not writable: ${key}`).toBe(key)
    const rowFields = PRIMERO_SUBFORM_FIELDS[key]
    if (rowFields === undefined) continue
    for (const row of value as Record<string, unknown>[]) {
      for (const field of Object.keys(row))
        expect(rowFields.has(field) ? field : `not writable: ${key}.${field}`).toBe(field)
    }
  }
}

describe('hisResultToPrimeroPatch', () => {
  it.each(PERSON_FIXTURES)('maps $name to the golden patch', ({ name, nationalId }) => {
    const patch = hisResultToPrimeroPatch(found(name, nationalId), PATCH_OPTS)
    expect(patch.recordId).toBe(CTX.recordId)
    expectGolden(patch, `expected-patch-${name.replace('his-person-', '')}.json`)
  })

  it.each(PERSON_FIXTURES)('produces an identical patch when $name is replayed', ({ name, nationalId }) => {
    const result = found(name, nationalId)
    const first = JSON.stringify(hisResultToPrimeroPatch(result, PATCH_OPTS))
    const replayed = JSON.parse(JSON.stringify(result)) as HisLookupResult
    expect(JSON.stringify(hisResultToPrimeroPatch(replayed, PATCH_OPTS))).toBe(first)
    expect(JSON.stringify(hisResultToPrimeroPatch(found(name, nationalId), PATCH_OPTS))).toBe(first)
  })

  it('writes only allow-listed fields, for every status', () => {
    const results = [
      ...PERSON_FIXTURES.map(({ name, nationalId }) => found(name, nationalId)),
      notFoundResult({ ...CTX, nationalId: '1100700045217' }),
      invalidRequestResult({ ...CTX, nationalId: null }, 'national-id-missing'),
      failedResult({ ...CTX, nationalId: '1100700045217' }, 'his-rejected'),
    ]
    for (const result of results) expectOnlyWritableFields(hisResultToPrimeroPatch(result, PATCH_OPTS).data)
  })

  it('writes only the sync status for NOT_FOUND, INVALID_REQUEST and FAILED', () => {
    const ctx = { ...CTX, nationalId: '1100700045217' }
    const url = PATCH_OPTS.syncUrl
    expect(hisResultToPrimeroPatch(notFoundResult(ctx), PATCH_OPTS)).toEqual({
      recordId: CTX.recordId,
      data: { mark_synced: true, mark_synced_status: 'not_found', mark_synced_url: url },
      warnings: [],
    })
    expect(hisResultToPrimeroPatch(invalidRequestResult(ctx, 'national-id-missing'), PATCH_OPTS).data).toEqual(
      syncStatusPatch('failed', url),
    )
    expect(hisResultToPrimeroPatch(failedResult(ctx, 'his-rejected'), PATCH_OPTS).data).toEqual({
      mark_synced: true,
      mark_synced_status: 'failed',
      mark_synced_url: url,
    })
  })

  it('sends nationality as an array and reads "99" as Thai', () => {
    const patch = hisResultToPrimeroPatch(found('his-person-anc-visit', '1419900033218'), PATCH_OPTS)
    expect(patch.data.nationality).toEqual(['thailand'])
  })

  it('leaves out what HIS does not have instead of blanking it', () => {
    const result = toHisLookupResult(
      { cid: '1100700045217', hometel: '+', birthday: '2030-01-01' },
      { ...CTX, nationalId: '1100700045217' },
    )
    const { data } = hisResultToPrimeroPatch(result, PATCH_OPTS)
    expect(data).not.toHaveProperty('telephone_current')
    expect(data).not.toHaveProperty('date_of_birth')
    expect(data).not.toHaveProperty('age')
    expect(data).not.toHaveProperty('sex')
    expect(data).not.toHaveProperty('main_diagnosis__04438ee')
    expect(data.physical_check_2).toEqual([])
  })

  it('computes age at the given time, not the wall clock', () => {
    const result = found('his-person-opd-visit', '1100700045217') // born 2012-09-20
    expect(hisResultToPrimeroPatch(result, { ...PATCH_OPTS, now: new Date('2024-09-19T23:59:59Z') }).data.age).toBe(11)
    expect(hisResultToPrimeroPatch(result, { ...PATCH_OPTS, now: new Date('2024-09-20T00:00:00Z') }).data.age).toBe(12)
  })

  it('groups diagnoses of the latest visit by type, deduplicated, unknown types as other', () => {
    const { data } = hisResultToPrimeroPatch(found('his-person-anc-visit', '1419900033218'), PATCH_OPTS)
    expect(data.main_diagnosis__04438ee).toBe('Z34.0 Supervision of normal first pregnancy')
    expect(data.other_diagnosis_a692bec).toBe('O99.8 Other specified diseases complicating pregnancy')
    const messy = toHisLookupResult(
      {
        interventions: [
          {
            id: '66b1c2d3e4f5a6b7c8d9e0f1',
            vstdate: '2024-07-01',
            activities: {
              diagnosis: [
                { icd10: 'i64', diag_name: 'Stroke', diagtype: null },
                { icd10: '8939', diag_name: 'Procedure', diagtype: '7' },
                { icd10: 'I64', diag_name: 'Stroke', diagtype: null },
              ],
            },
          },
        ],
      },
      { ...CTX, nationalId: '1100700045217' },
    )
    expect(hisResultToPrimeroPatch(messy, PATCH_OPTS).data.other_diagnosis_a692bec).toBe('I64 Stroke, 8939 Procedure')
  })

  it('writes one physical_check_2 row per visit, at most 50, with unique deterministic ids', () => {
    const interventions = Array.from({ length: 10_000 }, (_, i) => ({
      id: (i + 1).toString(16).padStart(24, '0'),
      vstdate: new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
      activities: { laboratory: [{ provis_labcode: '0721298', lab_order_result: 'Non-reactive' }] },
    }))
    const result = toHisLookupResult({ interventions }, { ...CTX, nationalId: '1100700045217' })
    const rows = hisResultToPrimeroPatch(result, PATCH_OPTS).data.physical_check_2 as Record<string, unknown>[]
    expect(rows).toHaveLength(50)
    expect(new Set(rows.map((row) => row.unique_id)).size).toBe(50)
    expect(rows[0]).toMatchObject({
      unique_id: '00000000-0000-0000-0000-271011007000',
      vdrl_aa8c121: 'Non-reactive  ()',
    })
  })
})

describe('hisResultToPrimeroPatch with malformed HIS persons', () => {
  const ctx = { ...CTX, nationalId: '1100700045217' }
  const patchOf = (person: unknown) => hisResultToPrimeroPatch(toHisLookupResult(person, ctx), PATCH_OPTS).data

  it('writes SQL-, script- and template-looking text and Unicode edge cases byte-for-byte', () => {
    const values = HOSTILE_VALUES
    const data = patchOf({
      cid: ctx.nationalId,
      fname: values[0],
      lname: values[2],
      informaddr: values.join(' | '),
      occupation_name: values[6],
      interventions: [
        {
          id: '66b1c2d3e4f5a6b7c8d9e0f1',
          vstdate: '2024-07-01',
          activities: {
            diagnosis: values.map((name, i) => ({ icd10: `Z0${i % 10}`, diag_name: name, diagtype: '1' })),
          },
        },
      ],
    })
    expect(data.name_first).toBe(HOSTILE_TEXT.sql)
    expect(data.name_last).toBe(HOSTILE_TEXT.script)
    expect(data.address_current).toBe(values.join(' | '))
    expect(data.if_working__please_specify_5c0dd61).toBe(HOSTILE_TEXT.thaiCombining)
    expect(data.main_diagnosis__04438ee).toBe(values.map((name, i) => `Z0${i % 10} ${name}`).join(', '))
    expectOnlyWritableFields(data)
  })

  it('leaves out wrongly typed person fields, keeps numbers as text and ignores unknown fields', () => {
    // as HIS would send it: JSON, so "__proto__" is an own key, not a prototype
    const person: unknown = JSON.parse(
      JSON.stringify({
        cid: ctx.nationalId,
        fname: { th: 'ก' },
        lname: ['ข'],
        hn: 12345,
        birthday: 20120920,
        sex: ['1'],
        hometel: true,
        nationality: { code: '099' },
        marrystatus: null,
        informaddr: '   ',
        interventions: {},
        riskmodel: 'high',
        $where: 'sleep(1000)',
        unknownSection: { deeply: { nested: [1, 2, 3] } },
      }).replace('{', '{"__proto__":{"polluted":true},'),
    )
    const data = patchOf(person)
    expect(data).toEqual({
      ...syncStatusPatch('synced', PATCH_OPTS.syncUrl),
      other_agency_id: '12345',
      physical_check_2: [],
      new_pregnancy: [],
    })
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('handles empty arrays everywhere: no latest-visit fields, one row with blank labs, no pregnancy rows', () => {
    const data = patchOf({
      cid: ctx.nationalId,
      interventions: [{ id: '66b1c2d3e4f5a6b7c8d9e0f2', activities: { diagnosis: [], laboratory: [], anc: [] } }],
      riskmodel: { severityType: [] },
    })
    expect(data.main_diagnosis__04438ee).toBe('')
    expect(data).not.toHaveProperty('date_and_time_of_visit_to_the_hospital')
    expect(data.physical_check_2).toHaveLength(1)
    expect(data.new_pregnancy).toEqual([])
  })

  it('leaves out a weight or height outside int32 instead of sending what Primero refuses', () => {
    const data = patchOf({
      cid: ctx.nationalId,
      interventions: [
        {
          id: '66b1c2d3e4f5a6b7c8d9e0f3',
          vstdate: '2024-07-01',
          activities: { assessment: [{ bw: '1e12', height: -3e9 }] },
        },
      ],
    })
    expect((data.physical_check_2 as Record<string, unknown>[])[0]).toMatchObject({
      patient_s_weight: null,
      patient_s_height: null,
    })
  })
})

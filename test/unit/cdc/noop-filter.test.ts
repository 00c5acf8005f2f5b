import { describe, expect, it } from '@jest/globals'
import {
  BOOKKEEPING_FIELDS,
  BRIDGE_WRITTEN_FIELDS,
  DEFAULT_NOOP_IGNORED_FIELDS,
  changesCaseFields,
  noopIgnoredFields,
  sameJson,
} from '../../../src/cdc/noop-filter.js'
import { cdcChangeToCaseEvent } from '../../../src/cdc/to-case-event.js'
import { CHILD_SHIELD_CASE_FIELDS } from '../../../src/mapping/childshield-sections.js'
import {
  DIAGNOSIS_FIELDS,
  PERSON_FIELDS,
  PRIMERO_WRITABLE_FIELDS,
  RISK_FIELDS,
  SYNC_FIELDS,
} from '../../../src/mapping/field-map.js'
import { toHisLookupResult } from '../../../src/mapping/his-person-to-lookup-result.js'
import { hisResultToPrimeroPatch } from '../../../src/mapping/his-to-primero.js'
import { riskModelToScore } from '../../../src/mapping/risk-model-to-score.js'
import { riskScoreToPrimeroFields } from '../../../src/mapping/risk-to-primero.js'
import type { RecordMeta } from '../../../src/pipeline/stage.js'
import { PRIMERO_FORM } from '../../../src/simulators/primero-form.js'
import { mergeCase } from '../../../src/simulators/primero-merge.js'
import { generateChildren } from '../../../src/synthetic/children.js'
import { caseRow, envelope } from '../../fixtures/cdc/debezium.js'

type Case = Record<string, unknown>

/** A synthetic child HIS knows, with visits and a Child-Shield risk model. */
const child = [...generateChildren(300, 7)].find((c) => c.hisPerson && c.visits.length > 1 && c.riskmodel)!
const SYNCED_AT = '2024-07-16T03:00:00.000Z'

/** The case as a caseworker left it: Primero fields plus one physical_check_2 row of their own. */
function caseworkerCase(): Case {
  const caseworkerRow = {
    unique_id: '5b0c6a1e-1f2a-4d3b-9c4d-5e6f7a8b9c0d',
    date_6: '2024-07-01',
    source_of_information_44cac9a: 'caseworker',
    general_examination_results: 'ปกติ',
  }
  return { ...structuredClone(child.primeroCase), physical_check_2: [caseworkerRow] }
}

/** What Primero stores after the bridge's HIS sync and risk write-back (PATCH merge as Primero does it). */
function afterBridgeWrites(before: Case): Case {
  const person = { ...child.hisPerson, interventions: child.visits, riskmodel: child.riskmodel }
  const ctx = {
    requestId: 'r',
    recordId: String(before.id),
    nationalId: child.nationalId,
    requestedBy: null,
    fetchedAt: 0,
  }
  const his = hisResultToPrimeroPatch(toHisLookupResult(person, ctx), { syncUrl: 'https://b/sync', now: new Date() })
  const score = riskModelToScore(child.riskmodel, { nationalId: child.nationalId })
  if (!score) throw new Error('expected a risk score')
  const risk = riskScoreToPrimeroFields({ ...score, osccTeamIds: ['team-b'] })
  let stored = mergeCase(before, his.data, PRIMERO_FORM).merged
  stored = mergeCase(stored, risk.data, PRIMERO_FORM).merged
  return {
    ...stored,
    sync_status: 'synced',
    synced_at: SYNCED_AT,
    last_updated_at: SYNCED_AT,
    last_updated_by: 'bridge',
  }
}

describe('the ignored fields', () => {
  it('are derived from the mapping configuration: everything the bridge writes that no flow reads, plus bookkeeping', () => {
    for (const field of [
      ...Object.values(SYNC_FIELDS),
      ...Object.values(RISK_FIELDS),
      ...Object.values(DIAGNOSIS_FIELDS),
      ...Object.values(PERSON_FIELDS),
    ])
      expect(BRIDGE_WRITTEN_FIELDS.has(field) ? field : `not ignored: ${field}`).toBe(field)
    for (const field of BRIDGE_WRITTEN_FIELDS) expect(PRIMERO_WRITABLE_FIELDS.has(field)).toBe(true)
    for (const field of CHILD_SHIELD_CASE_FIELDS) expect(DEFAULT_NOOP_IGNORED_FIELDS.has(field)).toBe(false)
    expect(DEFAULT_NOOP_IGNORED_FIELDS.has('physical_check_2')).toBe(false)
    expect(DEFAULT_NOOP_IGNORED_FIELDS.has('record_state')).toBe(false)
    for (const field of BOOKKEEPING_FIELDS) expect(DEFAULT_NOOP_IGNORED_FIELDS.has(field)).toBe(true)
  })

  it('can be extended by configuration', () => {
    const before = { status: 'open', internal_note: 'a' }
    const after = { status: 'open', internal_note: 'b' }
    expect(changesCaseFields(before, after)).toBe(true)
    expect(changesCaseFields(before, after, noopIgnoredFields(['internal_note']))).toBe(false)
    expect(noopIgnoredFields(['internal_note']).has('mark_synced_status')).toBe(true)
  })

  it('refuses to ignore a field Child-Shield receives (its changes would silently stop reaching it)', () => {
    expect(() => noopIgnoredFields(['internal_note', 'status'])).toThrow(
      'CDC_NOOP_IGNORE_FIELDS: status is sent to Child-Shield',
    )
  })
})

describe('changesCaseFields', () => {
  const base = { status: 'open', services: [{ unique_id: 'a', type: 'x' }], last_updated_at: 't1' }

  it('ignores bookkeeping fields but not record_state', () => {
    const touched = Object.fromEntries([...BOOKKEEPING_FIELDS].map((f) => [f, 'changed']))
    expect(changesCaseFields(base, { ...base, ...touched })).toBe(false)
    expect(changesCaseFields({ ...base, record_state: true }, { ...base, record_state: false })).toBe(true)
  })

  it('sees added, removed and nested changes, not key order', () => {
    expect(changesCaseFields(base, { ...base, sex_of_perpetrator: 'female' })).toBe(true)
    expect(changesCaseFields({ ...base, closure_reason: 'x' }, base)).toBe(true)
    expect(changesCaseFields(base, { ...base, services: [{ unique_id: 'a', type: 'y' }] })).toBe(true)
    expect(
      changesCaseFields(base, { last_updated_at: 't2', services: [{ type: 'x', unique_id: 'a' }], status: 'open' }),
    ).toBe(false)
  })

  it('sees no change when only the bridge’s own HIS sync and risk write-back changed the case', () => {
    const before = caseworkerCase()
    const after = afterBridgeWrites(before)
    const changed = Object.keys(after).filter((key) => !sameJson(before[key], after[key]))
    expect(changed).toEqual(expect.arrayContaining(['physical_check_2', RISK_FIELDS.riskLevel, 'sync_status']))
    expect(changesCaseFields(before, after)).toBe(false)
    // the same pair through the CDC normaliser: the update is skipped, not sent on to Child-Shield
    const meta: RecordMeta = { topic: 'cdc', partition: 0, offset: '1', key: null, timestamp: 0, now: 0 }
    const update = envelope({ op: 'u', before: caseRow('rec-1', before), after: caseRow('rec-1', after) })
    expect(cdcChangeToCaseEvent(update, meta, { table: 'cases', filterNoop: true })).toBeNull()
    expect(cdcChangeToCaseEvent(update, meta, { table: 'cases', filterNoop: false })).not.toBeNull()
  })

  it('still sees a caseworker’s change to a field or row Child-Shield gets, next to the bridge’s writes', () => {
    const before = caseworkerCase()
    const synced = afterBridgeWrites(before)
    expect(changesCaseFields(before, { ...synced, case_plan_due_date: '2030-01-01' })).toBe(true)
    expect(changesCaseFields(before, { ...synced, stimulant_9191303: ['alcohol'] })).toBe(true)
    const rows = synced.physical_check_2 as Case[]
    const edited = rows.map((row) =>
      row.source_of_information_44cac9a === 'caseworker' ? { ...row, general_examination_results: 'ผิดปกติ' } : row,
    )
    expect(changesCaseFields(before, { ...synced, physical_check_2: edited })).toBe(true)
    const removed = rows.filter((row) => row.source_of_information_44cac9a !== 'caseworker')
    expect(changesCaseFields(before, { ...synced, physical_check_2: removed })).toBe(true)
  })

  it('reads an absent HIS subform and one holding only the bridge’s rows alike (the first sync)', () => {
    const hisRow = { unique_id: 'h', source_of_information_647b9db: 'his' }
    expect(changesCaseFields({ status: 'open' }, { status: 'open', new_pregnancy: [hisRow] })).toBe(false)
    expect(changesCaseFields({ new_pregnancy: null }, { new_pregnancy: [] })).toBe(false)
    expect(changesCaseFields({}, { new_pregnancy: [{ unique_id: 'c', source_of_information_647b9db: 'x' }] })).toBe(
      true,
    )
  })
})

describe('sameJson', () => {
  it.each([
    [null, null, true],
    [null, undefined, false],
    [{ a: null }, {}, false],
    [[1, 2], [2, 1], false],
    [[], {}, false],
    ['1', 1, false],
    [{ a: { b: [1, { c: 2 }] } }, { a: { b: [1, { c: 2 }] } }, true],
  ])('sameJson(%j, %j) is %s', (a, b, expected) => {
    expect(sameJson(a, b)).toBe(expected)
  })
})

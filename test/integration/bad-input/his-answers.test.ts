import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createCodec } from '../../../src/avro/codec.js'
import { SCHEMA_NAMES, loadSchemas } from '../../../src/avro/schemas.js'
import type { HisLookupResult } from '../../../src/domain/records.js'
import { dlqTopic, TOPICS } from '../../../src/kafka/topics.js'
import type { SyntheticChild } from '../../../src/synthetic/children.js'
import { testConfig, waitFor } from '../../support/env.js'
import { HOSTILE_TEXT, HOSTILE_VALUES } from '../../support/hostile-text.js'
import { metricSum, readyStatus, startWorld, type World } from '../reliability/world.js'
import {
  PHASE1,
  knownChildren,
  patchesOf,
  recordsFor,
  recordsWithKeys,
  syncStatusReached,
  touchedCases,
} from './support.js'

// HIS answering the Phase 1 look-up with malformed persons, end to end (webhook → ingress → his-lookup → HIS
// simulator → his.lookup-results → his-to-primero → Primero simulator): the case gets exactly the expected PATCH,
// or only `mark_synced_status: failed`; no other case is written.

let world: World
/** Children whose HIS answer a test replaces, one per test; the others must stay untouched. */
let spare: SyntheticChild[]
const codec = createCodec(loadSchemas(), { url: testConfig().SCHEMA_REGISTRY_URL })

beforeAll(async () => {
  world = await startWorld(0, PHASE1, { withIngress: true, children: knownChildren(16) })
  spare = [...world.children]
  await codec.register(TOPICS.hisLookupResults, SCHEMA_NAMES.hisLookupResult)
  await waitFor(async () => (await readyStatus(world.app)) === 200, 'app ready')
}, 120_000)
afterAll(async () => {
  await world.close()
})

const sync = (status: string) => ({
  mark_synced: true,
  mark_synced_status: status,
  mark_synced_url: world.config.SYNC_STATUS_URL,
})

/** Serves `answer` for the next child's look-up, clicks Sync and waits for `status`; the single PATCH's data. */
async function syncWithAnswer(answer: (child: SyntheticChild) => unknown, status: string) {
  const child = spare.shift()!
  const id = child.primeroCase.id
  world.moph.setPersonAnswer(child.nationalId, answer(child))
  await world.sync(id)
  await syncStatusReached(world, id, status)
  const patches = patchesOf(world, id)
  expect(patches).toHaveLength(1)
  return { child, id, data: patches[0]!, stored: world.primero.state.cases.get(id)! }
}

function visit(i: number, activities: Record<string, unknown> = {}) {
  const day = new Date(Date.UTC(1996, 0, 1) + i * 86_400_000).toISOString().slice(0, 10)
  return { id: (i + 1).toString(16).padStart(24, '0'), vn: `67${i}`, vstdate: day, vsttime: '09:30:00', activities }
}

describe('Phase 1 with malformed HIS answers', () => {
  it('a person with nothing but its cid: synced, and nothing else written', async () => {
    const { data } = await syncWithAnswer((c) => ({ cid: c.nationalId }), 'synced')
    expect(data).toEqual({ ...sync('synced'), physical_check_2: [], new_pregnancy: [] })
  })

  it('extra fields, wrongly typed ones and hostile text: the usable ones written byte-for-byte, the rest left out', async () => {
    const address = HOSTILE_VALUES.join(' | ')
    const { data, stored } = await syncWithAnswer(
      (c) => ({
        cid: c.nationalId,
        fname: HOSTILE_TEXT.sql,
        lname: HOSTILE_TEXT.thaiCombining,
        informaddr: address,
        occupation_name: HOSTILE_TEXT.script,
        hn: 12345,
        birthday: 20120920,
        sex: ['1'],
        hometel: true,
        nationality: { code: '099' },
        pttype_name: {},
        interventions: 'none',
        riskmodel: 'high',
        $where: 'sleep(1000)',
        unknownSection: { deeply: { nested: [1, 'two', null] } },
      }),
      'synced',
    )
    expect(data).toEqual({
      ...sync('synced'),
      other_agency_id: '12345',
      name_first: HOSTILE_TEXT.sql,
      name_last: HOSTILE_TEXT.thaiCombining,
      address_current: address,
      if_working__please_specify_5c0dd61: HOSTILE_TEXT.script,
      physical_check_2: [],
      new_pregnancy: [],
    })
    expect(Buffer.from(String(stored.name_first))).toEqual(Buffer.from(HOSTILE_TEXT.sql))
    expect(Buffer.from(String(stored.address_current))).toEqual(Buffer.from(address))
    expect(stored.name_last).toBe(HOSTILE_TEXT.thaiCombining)
  })

  it('empty arrays everywhere: the visit written with blank diagnoses and labs, no pregnancy rows', async () => {
    const empty = { diagnosis: [], laboratory: [], assessment: [], anc: [] }
    const { data } = await syncWithAnswer(
      (c) => ({
        cid: c.nationalId,
        interventions: [visit(10, empty)],
        riskmodel: { cid: c.nationalId, severityType: [] },
      }),
      'synced',
    )
    expect(data).toMatchObject({
      ...sync('synced'),
      date_and_time_of_visit_to_the_hospital: '1996-01-11T09:30:00.000Z',
      main_diagnosis__04438ee: '',
      co_morbidity_d3dfab2: '',
      complications_123ecae: '',
      other_diagnosis_a692bec: '',
      external_cause_of_injury_8451818: '',
      new_pregnancy: [],
    })
    const [row, ...more] = data.physical_check_2 as Record<string, unknown>[]
    expect(more).toEqual([])
    expect(row).toMatchObject({ date_6: '1996-01-11', patient_s_weight: null, general_examination_results: '' })
  })

  it('10,000 visits: the 50 newest written, newest first, each once', async () => {
    const order = Array.from({ length: 10_000 }, (_, i) => (i * 7919) % 10_000) // every day once, shuffled
    const { data, stored } = await syncWithAnswer(
      (c) => ({ cid: c.nationalId, fname: 'many', interventions: order.map((i) => visit(i, { diagnosis: [] })) }),
      'synced',
    )
    const rows = data.physical_check_2 as Record<string, unknown>[]
    const newest = Array.from({ length: 50 }, (_, k) => visit(9_999 - k).vstdate)
    expect(rows.map((r) => r.date_6)).toEqual(newest)
    const uids = new Set(rows.map((r) => r.unique_id))
    expect(uids.size).toBe(50)
    const storedRows = stored.physical_check_2 as Record<string, unknown>[]
    expect(storedRows.filter((r) => uids.has(r.unique_id))).toHaveLength(50)
    expect(data.date_and_time_of_visit_to_the_hospital).toBe(`${newest[0]}T09:30:00.000Z`)
  })

  it('a weight outside int32: left out, so Primero does not refuse the whole PATCH', async () => {
    const { data, stored } = await syncWithAnswer(
      (c) => ({ cid: c.nationalId, interventions: [visit(20, { assessment: [{ bw: 1e12, height: '141' }] })] }),
      'synced',
    )
    expect((data.physical_check_2 as Record<string, unknown>[])[0]).toMatchObject({
      patient_s_weight: null,
      patient_s_height: 141,
    })
    expect(stored.physical_check_2).toEqual(
      expect.arrayContaining([expect.objectContaining({ patient_s_weight: null, patient_s_height: 141 })]),
    )
  })

  it.each([
    ["another child's record", (other: SyntheticChild) => ({ ...other.hisPerson, fname: 'someone else' })],
    ['a list of people', (other: SyntheticChild) => [other.hisPerson]],
    ['an empty body', () => undefined],
    ['a person without cid', () => ({ fname: 'no id', interventions: [visit(1)] })],
  ])('%s: the sync is marked failed with a reason and no HIS data lands in any case', async (_name, answer) => {
    const other = spare.pop()!
    const { id, data } = await syncWithAnswer(() => answer(other), 'failed')
    expect(data).toEqual(sync('failed'))
    const results = await recordsFor(TOPICS.hisLookupResults, id)
    expect(results).toHaveLength(1)
    const result = await codec.decode<HisLookupResult>(results[0]!.value, SCHEMA_NAMES.hisLookupResult)
    expect(result).toMatchObject({ status: 'FAILED', reason: 'his-rejected-request', person: null, visits: [] })
    expect(touchedCases(world, [other])).toEqual([])
  })

  it('dead-letters nothing and leaves every case it was not asked about untouched', async () => {
    expect(touchedCases(world, spare)).toEqual([])
    const ids = new Set(world.children.map((c) => c.primeroCase.id))
    for (const topic of [dlqTopic(TOPICS.caseEvents), dlqTopic(TOPICS.hisLookupResults)])
      expect(await recordsWithKeys(topic, ids)).toEqual([])
    expect(await metricSum(world.app, 'primero_bridge_consumer_crashes_total')).toBe(0)
  })
})

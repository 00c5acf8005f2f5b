import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Clients } from '../../../src/clients/index.js'
import { createPrimeroClient, type PrimeroClient } from '../../../src/clients/primero.js'
import type { LocationLabels, LookupLabels } from '../../../src/clients/primero-labels.js'
import { caseToChildShield, type ChildShieldUpload } from '../../../src/flows/case-to-childshield.js'
import { CHILD_SHIELD_SELECTS, LOCATION_FIELDS } from '../../../src/mapping/childshield-sections.js'
import type { HttpDestination } from '../../../src/pipeline/stage.js'
import { startPrimeroSimulator, type PrimeroSimulator } from '../../../src/simulators/primero.js'
import { LOOKUPS } from '../../../src/simulators/primero-lookups.js'
import { generateChildren } from '../../../src/synthetic/children.js'
import { fakeClients, fakeContext } from '../flows/fakes.js'

/**
 * The synthetic children's cases, delivered by case-to-childshield with the labels the Primero client fetches
 * from the Primero simulator: against a correctly configured Primero no select value goes out as `{id: null}`.
 */
const SEED = 20_240_603
const COUNT = 300
const DAY = '2025-06-05'
const children = [...generateChildren(COUNT, SEED)]
const dest = caseToChildShield.destination as HttpDestination<ChildShieldUpload, Clients>

/** Select and location fields the generator fills: the check below must keep covering them. */
const EXERCISED = [
  'status',
  'risk_level',
  'protection_concerns',
  'closure_reason',
  'family_status',
  'status_of_treatment_plan_a8ca0e8',
  'occupation_1',
  'if_out_of_school__specify_reason',
  'service_type',
  'service_response_type',
  'service_implemented',
  'service_referral',
  'gender_4e8704a',
  'nationality_fa822dc',
  'relationship_with_the_abused_eb757fc',
  'occupation_09639f9',
  'social_status_6c1074a',
  'environment_3c4fc2b',
  'stimulant_9191303',
  'relation_within_family_41a62f4',
  'economic_issues_84c5b46',
  'type_of_place_where_the_incident_occurred_bdc967d',
  'type_of_abuse_431f2ba',
  'specify_physical_abuse_4867f38',
  'specify_sexual_abuse_16d36f7',
  'sexual_intercourse_a1585d0',
  'specify_mental_abuse_6182644',
  'specify_neglect_9b8a22b',
  'specify_exploitation_ef65c2e',
  'location_current',
  'location_of_the_incident_885fe8c',
]

let sim: PrimeroSimulator
let primero: PrimeroClient
beforeAll(async () => {
  sim = await startPrimeroSimulator()
  primero = createPrimeroClient({ baseUrl: sim.url, username: 'primero', password: 'primero' })
})
afterAll(async () => {
  primero.close()
  await sim.close()
})

interface Labels {
  getLookups(): Promise<LookupLabels>
  getLocations(): Promise<LocationLabels>
}

interface Delivered {
  /** Mapping warnings (the metric's `field` label), over all cases. */
  readonly warnings: Set<string>
  /** `field: option id` of every select or location value sent without a label. */
  readonly unlabelled: Set<string>
  /** Select and location fields sent with a label. */
  readonly labelled: Set<string>
}

/** Every child's case through case-to-childshield's delivery (PATCH of today's copy), with `labels` as Primero. */
async function deliverAll(labels: Labels): Promise<Delivered> {
  const result: Delivered = { warnings: new Set(), unlabelled: new Set(), labelled: new Set() }
  for (const child of children) {
    const sent: Record<string, unknown>[] = []
    const clients = fakeClients(labels as unknown as Record<string, unknown>, {
      findPrimeroIntervention: () => Promise.resolve({ id: 'iv-1' }),
      patchIntervention: (_id: string, body: Record<string, unknown>) => Promise.resolve(void sent.push(body)),
    })
    const { ctx, warnings } = fakeContext()
    const caseData = JSON.parse(JSON.stringify(child.primeroCase)) as Record<string, unknown>
    await dest.send(
      clients,
      { recordId: child.primeroCase.id, cid: child.nationalId, day: DAY, caseData, actor: null },
      ctx,
    )
    for (const field of warnings) result.warnings.add(field)
    collectLabels(sent[0]?.[`activities.primeroservice.${DAY}`], '', result)
  }
  return result
}

/** Walks a snapshot: a select or location field's value is `{id: label}` or a list of them. */
function collectLabels(value: unknown, field: string, into: Delivered): void {
  if (Array.isArray(value)) return value.forEach((item) => collectLabels(item, field, into))
  if (typeof value !== 'object' || value === null) return
  const isLabelled = Object.hasOwn(CHILD_SHIELD_SELECTS, field) || LOCATION_FIELDS.has(field)
  for (const [key, inner] of Object.entries(value)) {
    if (!isLabelled) collectLabels(inner, key, into)
    else if (typeof inner === 'string' && inner !== '') into.labelled.add(field)
    else into.unlabelled.add(`${field}: ${key}`)
  }
}

describe('Child-Shield labels of the synthetic cases, from the Primero simulator', () => {
  it('serves every lookup the Child-Shield upload labels from, each option labelled in English and Thai', async () => {
    const lookups = await primero.getLookups()
    const referenced = new Set(Object.values(CHILD_SHIELD_SELECTS).flatMap((s) => ('lookup' in s ? [s.lookup] : [])))
    expect(referenced.size).toBeGreaterThan(40)
    expect([...referenced].filter((id) => (lookups.get(id)?.size ?? 0) < 2)).toEqual([])
    const blank = Object.entries(LOOKUPS).flatMap(([id, lookup]) =>
      lookup.values.filter(([, en, th]) => en.trim() === '' || th.trim() === '').map(([option]) => `${id}: ${option}`),
    )
    expect(blank).toEqual([])
  })

  it(`labels every select and location value of ${COUNT} children (seed ${SEED}): no {id: null}, no mapping warning`, async () => {
    const delivered = await deliverAll(primero)
    expect([...delivered.unlabelled]).toEqual([])
    expect([...delivered.warnings]).toEqual([])
    expect([...delivered.labelled]).toEqual(expect.arrayContaining(EXERCISED))
  })

  it('would fail if the simulator lacked a lookup, an option or a location the generator stores', async () => {
    const lookups = new Map(await primero.getLookups())
    const stimulants = lookups.get('lookup-th-stimulant')!
    lookups.set('lookup-th-stimulant', new Map([...stimulants].filter(([id]) => id !== 'alcohol')))
    lookups.delete('lookup-service-type')
    const locations = new Map(await primero.getLocations())
    locations.delete('TH4001')
    const delivered = await deliverAll({
      getLookups: () => Promise.resolve(lookups),
      getLocations: () => Promise.resolve(locations),
    })
    expect([...delivered.warnings].sort()).toEqual([
      'location_current',
      'location_of_the_incident_885fe8c',
      'service_type',
      'stimulant_9191303',
    ])
    expect(delivered.unlabelled).toEqual(
      new Set([
        'stimulant_9191303: alcohol',
        'location_current: TH4001',
        'location_of_the_incident_885fe8c: TH4001',
        'service_type: safehouse_service',
        'service_type: health_medical_service',
        'service_type: psychosocial_service',
      ]),
    )
  })
})

import { describe, expect, it } from '@jest/globals'
import type { CaseEvent } from '../../../src/domain/records.js'
import { DeliveryError, NotFoundError } from '../../../src/errors.js'
import { caseToChildShield, type ChildShieldUpload } from '../../../src/flows/case-to-childshield.js'
import { childShieldTranslations } from '../../../src/flows/childshield-translations.js'
import type { HttpDestination } from '../../../src/pipeline/stage.js'
import { fakeClients, fakeContext, meta } from './fakes.js'

const CID = '1100500012345'
const caseData = { status: 'open', assessment_requested_on: '2025-06-04', risk_level: 'high', national_id_no: CID }
const event = (over: Partial<CaseEvent> = {}, data: object = caseData): CaseEvent => ({
  eventId: 'ev-1',
  type: 'UPDATED',
  source: 'POLLER',
  occurredAt: Date.parse('2025-06-05T03:00:00Z'),
  recordId: 'rec-1',
  caseId: null,
  caseIdDisplay: null,
  nationalId: CID,
  nationalIdIssue: null,
  status: 'open',
  lastUpdatedAt: Date.parse('2025-06-04T10:00:00Z'),
  requestedBy: null,
  caseData: JSON.stringify(data),
  ...over,
})
const dest = caseToChildShield.destination as HttpDestination<ChildShieldUpload, never>
const labels = {
  getLookups: () => Promise.resolve(new Map([['lookup-risk-level', new Map([['high', { en: 'High', th: 'สูง' }]])]])),
  getLocations: () => Promise.resolve(new Map()),
}

describe('case-to-childshield', () => {
  it('selects cases assessed within a day of their last update and keys today’s copy by the processing date', () => {
    expect(caseToChildShield.transform(event(), meta)).toMatchObject({ cid: CID, day: '2025-06-05', recordId: 'rec-1' })
    expect(caseToChildShield.transform(event({ lastUpdatedAt: Date.parse('2025-06-20T00:00:00Z') }), meta)).toBeNull()
    expect(caseToChildShield.transform(event({ nationalId: null }), meta)).toBeNull()
    expect(() => caseToChildShield.transform(event({ caseData: '{' }), meta)).toThrow('not valid JSON')
  })

  it('PATCHes the day key of an existing intervention with Thai labels', async () => {
    const calls: unknown[] = []
    const clients = fakeClients(labels, {
      findPrimeroIntervention: () => Promise.resolve({ id: 'iv-1' }),
      patchIntervention: (id: string, body: unknown) => Promise.resolve(void calls.push([id, body])),
    })
    const { ctx, audits } = fakeContext()
    await dest.send(clients as never, caseToChildShield.transform(event(), meta)!, ctx)
    const [[id, body]] = calls as [[string, Record<string, Record<string, unknown>>]]
    expect(id).toBe('iv-1')
    expect(body['activities.primeroservice.2025-06-05']!.assessment).toMatchObject({ risk_level: { high: 'สูง' } })
    expect(audits).toEqual([
      expect.objectContaining({
        system: 'child-shield',
        action: 'update',
        outcome: 'success',
        fields: ['activities.primeroservice.2025-06-05'],
      }),
    ])
  })

  it('creates the intervention for a known person and rejects (no retry) when the person is missing', async () => {
    const created: Record<string, unknown>[] = []
    const clients = fakeClients(labels, {
      findPrimeroIntervention: () => Promise.resolve(null),
      findPerson: () => Promise.resolve({ id: 'p-1', cid: CID }),
      createIntervention: (body: Record<string, unknown>) => Promise.resolve(void created.push(body)),
    })
    await dest.send(clients as never, caseToChildShield.transform(event(), meta)!, fakeContext().ctx)
    expect(created[0]).toMatchObject({
      cid: CID,
      personId: 'p-1',
      activities: { primeroservice: { serviceType: 'primero' } },
    })
    const none = fakeClients(labels, {
      findPrimeroIntervention: () => Promise.resolve(null),
      findPerson: () => Promise.resolve(null),
    })
    const { ctx, audits } = fakeContext()
    await expect(dest.send(none as never, caseToChildShield.transform(event(), meta)!, ctx)).rejects.toBeInstanceOf(
      NotFoundError,
    )
    expect(audits[0]!.outcome).toBe('not_found')
  })

  it('audits a write Child-Shield rejects, for an update and a create, and rethrows it', async () => {
    const rejection = new DeliveryError('child-shield', 'validation failed', { status: 422 })
    const patching = fakeClients(labels, {
      findPrimeroIntervention: () => Promise.resolve({ id: 'iv-1' }),
      patchIntervention: () => Promise.reject(rejection),
    })
    const creating = fakeClients(labels, {
      findPrimeroIntervention: () => Promise.resolve(null),
      findPerson: () => Promise.resolve({ id: 'p-1', cid: CID }),
      createIntervention: () => Promise.reject(rejection),
    })
    for (const [clients, action] of [
      [patching, 'update'],
      [creating, 'create'],
    ] as const) {
      const { ctx, audits } = fakeContext()
      await expect(dest.send(clients as never, caseToChildShield.transform(event(), meta)!, ctx)).rejects.toBe(
        rejection,
      )
      expect(audits).toEqual([
        expect.objectContaining({
          system: 'child-shield',
          action,
          recordId: 'rec-1',
          fields: ['activities.primeroservice.2025-06-05'],
          outcome: 'rejected',
          httpStatus: 422,
        }),
      ])
    }
  })

  it('labels every select from Primero’s lookups in the production path, and counts values it cannot label', async () => {
    const lookups = new Map([
      ['lookup-risk-level', new Map([['high', { en: 'High', th: 'สูง' }]])],
      ['lookup-case-status', new Map([['open', { en: 'Open', th: 'เปิด' }]])],
      ['lookup-th-occupation', new Map([['pre_school', { en: 'Pre-school', th: 'ก่อนวัยเรียน' }]])],
      [
        'lookup-th-stimulant',
        new Map([
          ['alcohol', { en: 'Alcohol', th: 'สุรา' }],
          ['pornography', { en: 'Pornography', th: '' }],
        ]),
      ],
    ])
    const data = { ...caseData, occupation_1: 'pre_school', stimulant_9191303: ['alcohol', 'pornography', 'glue'] }
    const calls: Record<string, Record<string, Record<string, unknown>>>[] = []
    const clients = fakeClients(
      { getLookups: () => Promise.resolve(lookups), getLocations: () => Promise.resolve(new Map()) },
      {
        findPrimeroIntervention: () => Promise.resolve({ id: 'iv-1' }),
        patchIntervention: (_id: string, body: never) => Promise.resolve(void calls.push(body)),
      },
    )
    const { ctx, warnings } = fakeContext()
    await dest.send(clients as never, caseToChildShield.transform(event({}, data), meta)!, ctx)
    const snapshot = calls[0]!['activities.primeroservice.2025-06-05']!
    expect(snapshot['formsection-perpetrator-details-998d1e0']).toMatchObject({
      occupation_1: { pre_school: 'ก่อนวัยเรียน' },
      stimulant_9191303: [{ alcohol: 'สุรา' }, { pornography: 'Pornography' }, { glue: null }],
    })
    expect(snapshot['formsection-patient-education-and-career-6d53ca5']).toMatchObject({
      occupation_1: { pre_school: 'ก่อนวัยเรียน' },
    })
    expect(warnings).toEqual(['stimulant_9191303'])
  })

  it('reuses the translations while the client serves the same cached lookups and locations', () => {
    const lookups = new Map([['lookup-risk-level', new Map([['high', { en: 'High', th: 'สูง' }]])]])
    const locations = new Map([['TH41', { en: 'Udon Thani', th: 'อุดรธานี' }]])
    const first = childShieldTranslations(lookups, locations)
    expect(childShieldTranslations(lookups, locations)).toBe(first)
    expect(childShieldTranslations(new Map(lookups), locations)).not.toBe(first)
    expect(first.locations).toEqual(new Map([['TH41', 'อุดรธานี']]))
    const options = first.options as ReadonlyMap<string, ReadonlyMap<string, string>>
    expect(options.get('risk_level')).toEqual(new Map([['high', 'สูง']]))
    expect(options.get('closure_reason')?.get('formal_closing')).toBe('ปิดเคสอย่างเป็นทางการ')
    expect(options.has('occupation_1')).toBe(false)
  })
})

import { afterEach, describe, expect, it } from '@jest/globals'
import { createMophClient } from '../../../src/clients/moph.js'
import type { CaseEvent, HisLookupResult } from '../../../src/domain/records.js'
import { DeliveryError } from '../../../src/errors.js'
import { hisLookup, type HisAnswer, type LookupRequest } from '../../../src/flows/his-lookup.js'
import type { EnrichDestination } from '../../../src/pipeline/stage.js'
import { startMophSimulator, type MophSimulatorOptions } from '../../../src/simulators/moph.js'
import { fakeClients, fakeContext, meta } from './fakes.js'

const CID = '1100500012345'
const OTHER = '3411100004565'

const opened: { close(): unknown }[] = []
afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()))
})

/** The real MoPH client against the simulator, as the stage's clients. */
async function simulatedHis(options: MophSimulatorOptions = {}) {
  const sim = await startMophSimulator({ children: [], ...options })
  const moph = createMophClient({ baseUrl: sim.url, email: 'bridge@example.org', password: 'secret', target: 'his' })
  opened.push(moph, sim)
  return { sim, clients: fakeClients({}, moph as unknown as Record<string, unknown>) }
}
const event = (over: Partial<CaseEvent> = {}): CaseEvent => ({
  eventId: 'ev-1',
  type: 'SYNC_REQUESTED',
  source: 'WEBHOOK',
  occurredAt: 1,
  recordId: 'rec-1',
  caseId: null,
  caseIdDisplay: null,
  nationalId: CID,
  nationalIdIssue: null,
  status: 'open',
  lastUpdatedAt: null,
  requestedBy: 'cw1',
  caseData: '{}',
  ...over,
})
const dest = hisLookup.destination as EnrichDestination<LookupRequest, HisAnswer, unknown, never>
const request = (over: Partial<CaseEvent> = {}) => hisLookup.transform(event(over), meta)!

describe('his-lookup', () => {
  it('handles Sync clicks and new cases only', () => {
    expect(hisLookup.transform(event({ type: 'UPDATED' }), meta)).toBeNull()
    expect(request({ type: 'CREATED' })).toEqual({
      requestId: 'ev-1',
      recordId: 'rec-1',
      nationalId: CID,
      nationalIdIssue: null,
      requestedBy: 'cw1',
    })
  })

  it('answers INVALID_REQUEST without asking HIS when the national id is missing', async () => {
    const { ctx, audits } = fakeContext()
    const answer = await dest.call(
      fakeClients() as never,
      request({ nationalId: null, nationalIdIssue: 'missing' }),
      ctx,
    )
    expect(dest.result(answer, request({ nationalId: null }), meta)).toMatchObject({
      status: 'INVALID_REQUEST',
      reason: 'national-id-missing',
      recordId: 'rec-1',
    })
    expect(audits).toEqual([])
  })

  it('maps a found person to FOUND and a 404 to NOT_FOUND, auditing the read', async () => {
    const found = fakeContext()
    const clients = fakeClients(
      {},
      {
        findPersonWithHistory: (cid: string) =>
          Promise.resolve(cid === CID ? { cid, fname: 'A', interventions: [] } : null),
      },
    )
    const answer = await dest.call(clients as never, request(), found.ctx)
    expect(dest.result(answer, request(), meta)).toMatchObject({ status: 'FOUND', nationalId: CID, requestedBy: 'cw1' })
    expect(found.audits).toEqual([
      expect.objectContaining({ system: 'his', action: 'read', resource: 'person', outcome: 'success', actor: 'cw1' }),
    ])
    const missing = fakeContext()
    const none = await dest.call(clients as never, request({ nationalId: '1234567890121' }), missing.ctx)
    expect(dest.result(none, request(), meta)).toMatchObject({ status: 'NOT_FOUND' })
    expect(missing.audits[0]!.outcome).toBe('not_found')
  })

  it('rethrows HIS outages (retried) and turns HIS rejections into FAILED', async () => {
    const outage = fakeClients(
      {},
      { findPersonWithHistory: () => Promise.reject(new DeliveryError('moph', 'down', { status: 503 })) },
    )
    await expect(dest.call(outage as never, request(), fakeContext().ctx)).rejects.toMatchObject({ retryable: true })
    const rejected = fakeClients(
      {},
      { findPersonWithHistory: () => Promise.reject(new DeliveryError('moph', 'bad', { status: 400 })) },
    )
    const answer = await dest.call(rejected as never, request(), fakeContext().ctx)
    expect(dest.result(answer, request(), meta)).toMatchObject({ status: 'FAILED', reason: 'his-rejected-400' })
  })

  it('rethrows a 401 that persists after the token refresh as an outage: never FAILED, never NOT_FOUND', async () => {
    const { clients } = await simulatedHis({ ttlS: 0 })
    const { ctx, audits } = fakeContext()
    await expect(dest.call(clients as never, request(), ctx)).rejects.toMatchObject({ status: 401, retryable: true })
    expect(audits).toEqual([])
  })

  it("leaves another child's visits and risk model out of the result and counts each as a warning", async () => {
    const { sim, clients } = await simulatedHis()
    sim.setPersonAnswer(CID, {
      cid: CID,
      fname: 'A',
      interventions: [
        { id: '665d8a1f0c3b4e11a2f97b01', cid: CID, vstdate: '2024-06-01' },
        { id: '665d8a1f0c3b4e11a2f97b02', cid: OTHER, vstdate: '2024-06-02' },
      ],
      riskmodel: { id: 'r', cid: OTHER, riskLevel: 'high' },
    })
    const { ctx, warnings } = fakeContext()
    const answer = await dest.call(clients as never, request(), ctx)
    const result = dest.result(answer, request(), meta) as HisLookupResult
    expect(result.status).toBe('FOUND')
    expect(result.visits.map((v) => v.visitDate)).toEqual(['2024-06-01'])
    expect(result.riskModel).toBeNull()
    expect(warnings.sort()).toEqual(['interventions.cid', 'riskmodel.cid'])
  })
})

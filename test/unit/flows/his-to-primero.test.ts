import { describe, expect, it } from '@jest/globals'
import type { HisLookupResult } from '../../../src/domain/records.js'
import { DeliveryError, NotFoundError } from '../../../src/errors.js'
import { hisToPrimero, type SyncWrite } from '../../../src/flows/his-to-primero.js'
import type { HttpDestination } from '../../../src/pipeline/stage.js'
import { fakeClients, fakeContext, meta, NOW } from './fakes.js'

const result = (status: HisLookupResult['status']): HisLookupResult => ({
  requestId: 'ev-1',
  recordId: 'rec-1',
  nationalId: '1100500012345',
  status,
  reason: null,
  requestedBy: 'cw1',
  person: null,
  visits: [],
  riskModel: null,
  fetchedAt: NOW,
})
const dest = hisToPrimero.destination as HttpDestination<SyncWrite, never>

function recordingPrimero(fail?: Error) {
  const patches: { id: string; data: Record<string, unknown> }[] = []
  const clients = fakeClients({
    patchCase: (id: string, data: Record<string, unknown>) => {
      patches.push({ id, data })
      return fail ? Promise.reject(fail) : Promise.resolve({})
    },
  })
  return { clients, patches }
}

describe('his-to-primero', () => {
  it.each([
    ['FOUND', 'synced'],
    ['NOT_FOUND', 'not_found'],
    ['INVALID_REQUEST', 'failed'],
    ['FAILED', 'failed'],
  ] as const)('PATCHes %s by record id with sync status %s and audits field names', async (status, synced) => {
    const { clients, patches } = recordingPrimero()
    const { ctx, audits } = fakeContext()
    await dest.send(clients as never, hisToPrimero.transform(result(status), meta)!, ctx)
    expect(patches).toHaveLength(1)
    expect(patches[0]!.id).toBe('rec-1')
    expect(patches[0]!.data).toMatchObject({
      mark_synced: true,
      mark_synced_status: synced,
      mark_synced_url: 'https://bridge.example/sync',
    })
    expect(audits).toEqual([
      expect.objectContaining({
        system: 'primero',
        action: 'update',
        recordId: 'rec-1',
        actor: 'cw1',
        outcome: 'success',
        fields: Object.keys(patches[0]!.data),
      }),
    ])
  })

  it('audits a rejected PATCH and, after dead-lettering, marks the sync failed', async () => {
    const rejection = new DeliveryError('primero', 'invalid', { status: 422 })
    const failing = recordingPrimero(rejection)
    const sent = fakeContext()
    const write = hisToPrimero.transform(result('FOUND'), meta)!
    await expect(dest.send(failing.clients as never, write, sent.ctx)).rejects.toBe(rejection)
    expect(sent.audits[0]).toMatchObject({ outcome: 'rejected', httpStatus: 422 })
    const { clients, patches } = recordingPrimero()
    await dest.onRejected!(clients as never, write, rejection, fakeContext().ctx)
    expect(patches).toEqual([
      {
        id: 'rec-1',
        data: { mark_synced: true, mark_synced_status: 'failed', mark_synced_url: 'https://bridge.example/sync' },
      },
    ])
    const unknownCase = recordingPrimero()
    await dest.onRejected!(unknownCase.clients as never, write, new NotFoundError('primero', 'gone'), fakeContext().ctx)
    expect(unknownCase.patches).toEqual([])
  })
})

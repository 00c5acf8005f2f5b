import { describe, expect, it } from '@jest/globals'
import type { RiskScore } from '../../../src/domain/records.js'
import { DeliveryError, NotFoundError } from '../../../src/errors.js'
import { riskToPrimero, type RiskWrite } from '../../../src/flows/risk-to-primero.js'
import type { HttpDestination } from '../../../src/pipeline/stage.js'
import { fakeClients, fakeContext, meta } from './fakes.js'

const score: RiskScore = {
  nationalId: '1100500012345',
  childShieldCaseId: 'cs-1',
  riskLevel: 'Low',
  summaryRiskLevel: 'sky-high',
  improveLevel: 'Unchange',
  severityTypes: [],
  physical: '0.9',
  mental: null,
  sexual: 'N',
  caseStatus: 'new',
  osccTeamIds: [],
  officerId: null,
  careGiverUser: null,
  caseUserId: null,
  caseStatusBeforeRemove: null,
  importNo: null,
  updatedAt: null,
}
const dest = riskToPrimero.destination as HttpDestination<RiskWrite, never>

describe('risk-to-primero', () => {
  it('maps the score to Primero risk fields and PATCHes every case with the national id', async () => {
    const write = riskToPrimero.transform(score, meta)!
    expect(write.data).toMatchObject({
      risk_level_from_child_shield_system_2df7bf4: 'low_c8318d2',
      physical_aa3d640: '0.9',
    })
    const patched: string[] = []
    const clients = fakeClients({
      findCasesByNationalId: () => Promise.resolve(['rec-1', 'rec-2']),
      patchCase: (id: string) => Promise.resolve(void patched.push(id)),
    })
    const { ctx, audits, warnings } = fakeContext()
    await dest.send(clients as never, write, ctx)
    expect(patched).toEqual(['rec-1', 'rec-2'])
    expect(audits.map((a) => [a.recordId, a.outcome])).toEqual([
      ['rec-1', 'success'],
      ['rec-2', 'success'],
    ])
    expect(warnings).toEqual(['summary_risk_level_70cca8c'])
  })

  it('counts and audits a child without a Primero case, and completes without retrying', async () => {
    const clients = fakeClients({ findCasesByNationalId: () => Promise.resolve([]) })
    const { ctx, audits, warnings } = fakeContext()
    await dest.send(clients as never, riskToPrimero.transform(score, meta)!, ctx)
    expect(warnings).toContain('no_case')
    expect(audits).toEqual([expect.objectContaining({ recordId: null, outcome: 'not_found' })])
  })

  it('audits a PATCH Primero rejects (422) or cannot find, and rethrows so the runner dead-letters it', async () => {
    const write = riskToPrimero.transform(score, meta)!
    for (const [error, outcome, httpStatus] of [
      [new DeliveryError('primero', 'Invalid Record JSON', { status: 422 }), 'rejected', 422],
      [new NotFoundError('primero', 'gone'), 'not_found', 404],
    ] as const) {
      const clients = fakeClients({
        findCasesByNationalId: () => Promise.resolve(['rec-1']),
        patchCase: () => Promise.reject(error),
      })
      const { ctx, audits } = fakeContext()
      await expect(dest.send(clients as never, write, ctx)).rejects.toBe(error)
      expect(audits).toEqual([
        expect.objectContaining({
          system: 'primero',
          action: 'update',
          recordId: 'rec-1',
          correlationId: 'cs-1',
          fields: Object.keys(write.data),
          outcome,
          httpStatus,
        }),
      ])
    }
  })

  it('does not audit an outage (retryable): the runner retries the write', async () => {
    const outage = new DeliveryError('primero', 'unavailable', { status: 503, retryable: true })
    const clients = fakeClients({
      findCasesByNationalId: () => Promise.resolve(['rec-1']),
      patchCase: () => Promise.reject(outage),
    })
    const { ctx, audits } = fakeContext()
    await expect(dest.send(clients as never, riskToPrimero.transform(score, meta)!, ctx)).rejects.toBe(outage)
    expect(audits).toEqual([])
  })
})

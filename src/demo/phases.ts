import { RISK_FIELDS } from '../mapping/field-map.js'
import { isSyncOutcome } from '../mapping/his-to-primero.js'
import type { RecordedRequest } from '../simulators/sim-server.js'
import { childShieldPoller } from '../sources/childshield-poller.js'
import { primeroPoller } from '../sources/primero-poller.js'
import type { SyntheticChild } from '../synthetic/children.js'
import { watchRequests } from './request-clock.js'
import type { DemoWorld } from './world.js'

export type Step = (line: string) => void

export interface PhaseResult {
  readonly latenciesMs: number[]
  readonly failures: string[]
}

const STEP_TIMEOUT_MS = 30_000

async function until<T>(what: string, probe: () => T | undefined, signal: AbortSignal): Promise<T> {
  const deadline = Date.now() + STEP_TIMEOUT_MS
  for (;;) {
    const found = probe()
    if (found !== undefined) return found
    if (signal.aborted) throw new Error('interrupted')
    if (Date.now() > deadline) throw new Error(`timed out after ${STEP_TIMEOUT_MS / 1000} s waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

const casePatch = (recordId: string, check: (data: Record<string, unknown>) => boolean) => (r: RecordedRequest) =>
  r.method === 'PATCH' &&
  r.path === `/api/v2/cases/${recordId}` &&
  check(((r.body as { data?: object } | null)?.data ?? {}) as Record<string, unknown>)

/** The sync status Primero holds for the case once a PATCH set it (the webhook itself only sets sending/sent). */
function syncOutcome(world: DemoWorld, recordId: string): string | undefined {
  const status = world.primero.state.sync.get(recordId)?.sync_status
  return isSyncOutcome(status) ? status : undefined
}

/** Phase 1: Sync clicks → ingress → his-lookup → his-to-primero → PATCH (synced / not_found / failed). */
export async function phase1(world: DemoWorld, step: Step, signal: AbortSignal): Promise<PhaseResult> {
  const clock = watchRequests(world.primero.requests)
  const { known, unknownToHis, withoutNationalId } = world.cast
  const clicks: [SyntheticChild, string, string][] = [
    ...known.map((c, i): [SyntheticChild, string, string] => [c, `child ${i + 1}, known to HIS`, 'synced']),
    [unknownToHis, 'child 4, unknown to HIS', 'not_found'],
    [withoutNationalId, 'child 5, case without national id', 'failed'],
  ]
  const result: PhaseResult = { latenciesMs: [], failures: [] }
  try {
    for (const [child, label, expected] of clicks) {
      const recordId = child.primeroCase.id
      const sent = Date.now()
      const status = await world.primero.sendWebhook({
        recordId,
        event: 'case.post',
        url: world.webhookUrl,
        apiKey: world.apiKey,
      })
      if (status >= 300) {
        result.failures.push(`${label}: webhook answered ${status}`)
        step(`phase 1  Sync clicked for ${label}: webhook answered ${status} ✗`)
        continue
      }
      const final = await until(`the sync outcome in Primero for ${label}`, () => syncOutcome(world, recordId), signal)
      const patch = clock.find(
        casePatch(recordId, (d) => d.mark_synced_status === final),
        sent,
      )
      const latency = (patch?.at ?? Date.now()) - sent
      result.latenciesMs.push(latency)
      const ok = final === expected
      if (!ok)
        result.failures.push(
          `${label}: Primero shows mark_synced_status ${final}, expected ${expected} (see the bridge log)`,
        )
      step(`phase 1  Sync clicked for ${label} → Primero case marked "${final}" ${latency} ms later ${ok ? '✓' : '✗'}`)
    }
  } finally {
    clock.stop()
  }
  return result
}

function interventionOf(world: DemoWorld, path: string): string | undefined {
  const id = /^\/api\/interventions\/([^/]+)$/.exec(path)?.[1]
  const found = id === undefined ? undefined : (world.moph.state.interventions.get(id) as { cid?: unknown } | undefined)
  return typeof found?.cid === 'string' ? found.cid : undefined
}

/** Phase 2: primero-poller → case-to-childshield → Child-Shield; risk update → childshield-poller → risk-to-primero. */
export async function phase2(world: DemoWorld, step: Step, signal: AbortSignal): Promise<PhaseResult> {
  const primeroClock = watchRequests(world.primero.requests)
  const mophClock = watchRequests(world.moph.requests)
  const ctx = { runtime: world.app.runtime, clients: world.app.clients }
  const result: PhaseResult = { latenciesMs: [], failures: [] }
  try {
    const polled = Date.now()
    const poll = await primeroPoller.pollOnce(ctx, signal)
    step(`phase 2  primero-poller run: ${poll.published} changed cases published to primero.case-events`)
    for (const [i, child] of world.cast.known.entries()) {
      const cid = child.nationalId
      const upload = (r: RecordedRequest) =>
        (r.method === 'POST' && r.path === '/api/interventions' && (r.body as { cid?: string } | null)?.cid === cid) ||
        (r.method === 'PATCH' && interventionOf(world, r.path) === cid)
      const seen = await until(
        `the Child-Shield upload of child ${i + 1}`,
        () => mophClock.find(upload, polled),
        signal,
      )
      result.latenciesMs.push(seen.at - polled)
      step(
        `phase 2  child ${i + 1}: today's case copy upserted in Child-Shield (${seen.request.method}) ${seen.at - polled} ms after the poll ✓`,
      )
    }
    const subject = world.cast.known[0] as SyntheticChild
    const changed = Date.now()
    world.moph.setRiskModel(subject.nationalId, {
      riskLevel: 'high',
      summaryRiskLevel: 'high',
      caseStatus: 'open',
      physical: 3,
      mental: 2,
      sexual: 0,
    })
    step('phase 2  Child-Shield raised child 1 to risk level "high"')
    const risk = await childShieldPoller.pollOnce(ctx, signal)
    step(`phase 2  childshield-poller run: ${risk.published} risk score(s) published to childshield.risk-scores`)
    const seen = await until(
      'the risk PATCH in Primero',
      () =>
        primeroClock.find(
          casePatch(subject.primeroCase.id, (d) => RISK_FIELDS.riskLevel in d && !('mark_synced_status' in d)),
          changed,
        ),
      signal,
    )
    result.latenciesMs.push(seen.at - changed)
    step(`phase 2  child 1: risk fields PATCHed into the Primero case ${seen.at - changed} ms after the change ✓`)
  } finally {
    primeroClock.stop()
    mophClock.stop()
  }
  return result
}

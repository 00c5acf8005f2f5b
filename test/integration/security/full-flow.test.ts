import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { Writable } from 'node:stream'
import { SCHEMA_NAMES } from '../../../src/avro/schemas.js'
import type { AuditEvent } from '../../../src/domain/records.js'
import { TOPICS } from '../../../src/kafka/topics.js'
import { DEFAULT_CHILD_SHIELD_FORM_SECTIONS } from '../../../src/mapping/case-to-childshield.js'
import { PRIMERO_WRITABLE_FIELDS } from '../../../src/mapping/his-to-primero.js'
import { createChildShieldPoller } from '../../../src/sources/childshield-poller.js'
import { WEBHOOK_PATH } from '../../../src/sources/ingress.js'
import { createPrimeroPoller } from '../../../src/sources/primero-poller.js'
import { RUNNABLES } from '../../../src/stages.js'
import { waitFor } from '../../support/env.js'
import { startPrivateStack, type PrivateStack } from '../../support/private-stack.js'
import { readTopic } from '../reliability/outcomes.js'
import { SECRETS, eachLimited, startWorld, type World } from '../reliability/world.js'

const STAGES = ['his-lookup', 'his-to-primero', 'case-to-childshield', 'risk-to-primero'] as const
let stack: PrivateStack
let world: World
const lines: string[] = []

/** Phase 1 (webhooks) and Phase 2 (both pollers) over 40 children, LOG_LEVEL=debug, every log line captured. */
beforeAll(async () => {
  stack = await startPrivateStack()
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean))
      done()
    },
  })
  world = await startWorld(
    40,
    STAGES.map((s) => RUNNABLES[s]!),
    { withIngress: true, overrides: { ...stack.overrides, LOG_LEVEL: 'debug' }, logDestination: destination },
  )
  const ctx = { runtime: world.app.runtime, clients: world.app.clients }
  await eachLimited(world.children, 8, (c) => world.sync(c.primeroCase.id))
  await createPrimeroPoller().pollOnce(ctx)
  await createChildShieldPoller().pollOnce(ctx)
  // noise that must not leak either: wrong credentials and a malformed body
  const url = `${world.ingressUrl}${WEBHOOK_PATH}`
  await fetch(url, { method: 'POST', headers: { 'x-api-key': `${SECRETS.apiKey}-wrong` }, body: '{}' })
  await fetch(url, { method: 'POST', headers: { 'x-api-key': SECRETS.apiKey }, body: '{"data":' })
  await waitFor(async () => quiet(), 'every stage caught up', 90_000, 500)
}, 240_000)
afterAll(async () => {
  await world.close()
  await stack.close()
}, 60_000)

async function quiet(): Promise<boolean> {
  const admin = stack.kafka.admin()
  await admin.connect()
  try {
    for (const stage of STAGES) {
      const topic = RUNNABLES[stage]!.kind === 'stage' ? stageTopic(stage) : ''
      const [committed] = await admin.fetchOffsets({ groupId: `primero-bridge.${stage}`, topics: [topic] })
      const ends = await admin.fetchTopicOffsets(topic)
      const done = ends.every((p) => committed?.partitions.find((c) => c.partition === p.partition)?.offset === p.high)
      if (!done) return false
    }
    return true
  } finally {
    await admin.disconnect()
  }
}

function stageTopic(stage: (typeof STAGES)[number]): string {
  return stage === 'his-to-primero'
    ? TOPICS.hisLookupResults
    : stage === 'risk-to-primero'
      ? TOPICS.riskScores
      : TOPICS.caseEvents
}

describe('secrets and personal data never reach the logs', () => {
  it('captured debug logs of a full Phase 1 + Phase 2 run contain no ids, names, passwords, keys or tokens', () => {
    expect(lines.length).toBeGreaterThan(5)
    const text = lines.join('\n')
    const secrets = [SECRETS.apiKey, SECRETS.primeroPassword, SECRETS.mophPassword, SECRETS.mophEmail]
    const tokens = [...world.moph.state.tokens.keys()]
    expect(tokens.length).toBeGreaterThan(0)
    const names = world.children.flatMap((c) =>
      [c.primeroCase.name_first, c.primeroCase.name_last, c.hisPerson?.fname, c.hisPerson?.lname].filter(
        (n): n is string => typeof n === 'string' && n.length >= 3,
      ),
    )
    const ids = world.children.map((c) => c.nationalId)
    const found = [...secrets, ...tokens, ...names, ...ids].filter((s) => text.includes(s))
    expect(found).toEqual([])
    expect(text).not.toMatch(/Basic [A-Za-z0-9+/=]{8,}/)
  })
})

describe('data minimisation (what the simulators received)', () => {
  it('Primero PATCHes carry only allow-listed fields', () => {
    const patches = world.primero.requests.filter((r) => r.method === 'PATCH')
    expect(patches.length).toBeGreaterThan(0)
    const extra = patches.flatMap((r) =>
      Object.keys((r.body as { data?: object }).data ?? {}).filter((k) => !PRIMERO_WRITABLE_FIELDS.has(k)),
    )
    expect(extra).toEqual([])
  })

  it('Child-Shield interventions carry only the mapped form sections and fields', () => {
    const writes = world.moph.requests.filter((r) => r.path.startsWith('/api/interventions') && r.method !== 'GET')
    expect(writes.length).toBeGreaterThan(0)
    const allowed = new Map<string, Set<string>>()
    for (const [field, sections] of Object.entries(DEFAULT_CHILD_SHIELD_FORM_SECTIONS)) {
      for (const s of typeof sections === 'string' ? [sections] : sections)
        allowed.set(s, new Set([...(allowed.get(s) ?? []), field]))
    }
    const problems: string[] = []
    for (const r of writes) {
      const body = r.body as Record<string, unknown>
      const snapshots =
        r.method === 'POST'
          ? Object.entries((body.activities as { primeroservice: Record<string, unknown> }).primeroservice)
              .filter(([k]) => k !== 'serviceType')
              .map(([, v]) => v)
          : Object.values(body)
      if (r.method === 'POST') {
        const top = Object.keys(body).sort()
        if (top.join() !== 'activities,cid,personId') problems.push(`create body keys ${top.join()}`)
      } else if (!Object.keys(body).every((k) => /^activities\.primeroservice\.\d{4}-\d{2}-\d{2}$/.test(k)))
        problems.push('patch body outside the dated path')
      for (const snapshot of snapshots as Record<string, unknown>[]) {
        for (const [section, value] of Object.entries(snapshot)) {
          const fields = allowed.get(section)
          if (!fields) problems.push(`section ${section}`)
          else if (!fields.has(section))
            for (const f of Object.keys(value as object)) if (!fields.has(f)) problems.push(`${section}.${f}`)
        }
      }
    }
    expect(problems).toEqual([])
  })
})

describe('audit trail', () => {
  it('has one audit event per HIS read and per Primero / Child-Shield write, with who, what, when, outcome', async () => {
    const records = await readTopic(stack.kafka, TOPICS.audit)
    const events = await Promise.all(
      records.map((r) => world.app.runtime.codec.decode<AuditEvent>(r.value, SCHEMA_NAMES.auditEvent)),
    )
    const count = (system: string) => events.filter((e) => e.system === system && e.httpStatus !== 503).length
    const hisReads = world.moph.requests.filter(
      (r) => r.path === '/api/people/findOne' && (r.query.filter ?? '').includes('interventions'),
    ).length
    const primeroWrites = world.primero.requests.filter((r) => r.method === 'PATCH').length
    const childShieldWrites = world.moph.requests.filter(
      (r) => r.path.startsWith('/api/interventions') && r.method !== 'GET',
    ).length
    expect(hisReads).toBeGreaterThan(0)
    expect(count('his')).toBe(hisReads)
    expect(count('primero')).toBe(
      primeroWrites +
        events.filter((e) => e.system === 'primero' && e.outcome === 'not_found' && e.recordId === null).length,
    )
    expect(events.filter((e) => e.system === 'child-shield' && e.outcome !== 'not_found').length).toBe(
      childShieldWrites,
    )
    const phase1Writes = events.filter((e) => e.stage === 'his-to-primero')
    expect(phase1Writes.length).toBeGreaterThan(0)
    for (const e of events) {
      expect(e.occurredAt).toBeGreaterThan(0)
      expect(['success', 'not_found', 'rejected', 'failed']).toContain(e.outcome)
      expect(e.action).toMatch(/^(read|create|update)$/)
    }
    expect(phase1Writes.every((e) => typeof e.actor === 'string' && e.actor !== '')).toBe(true)
  })
})

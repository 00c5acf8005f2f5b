import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { Writable } from 'node:stream'
import { SCHEMA_NAMES } from '../../../src/avro/schemas.js'
import type { AuditEvent } from '../../../src/domain/records.js'
import { TOPICS } from '../../../src/kafka/topics.js'
import { isSyncOutcome } from '../../../src/mapping/his-to-primero.js'
import { createChildShieldPoller } from '../../../src/sources/childshield-poller.js'
import { WEBHOOK_PATH } from '../../../src/sources/ingress.js'
import { createPrimeroPoller } from '../../../src/sources/primero-poller.js'
import { RUNNABLES } from '../../../src/stages.js'
import { waitFor } from '../../support/env.js'
import { startPrivateStack, type PrivateStack } from '../../support/private-stack.js'
import { readTopic } from '../reliability/outcomes.js'
import {
  CHILD_SHIELD_SNAPSHOT,
  HIS_ROW_MARKERS,
  NEVER_TO_CHILD_SHIELD,
  PRIMERO_PATCH_DATA,
  keysAnywhere,
  keysWithin,
} from './allow-list.js'
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
  // every sync written back (the HIS rows are in the cases now), then a caseworker requests an assessment today
  // for the children HIS and Child-Shield know, so the poll sends them to Child-Shield, HIS rows and all
  await waitFor(
    () => world.children.every((c) => isSyncOutcome(world.primero.state.sync.get(c.primeroCase.id)?.sync_status)),
    'every sync result written back',
    90_000,
  )
  const today = new Date().toISOString()
  const assessed = world.children.filter((c) => c.hisPerson !== null).slice(0, 8)
  expect(assessed.length).toBeGreaterThan(0)
  for (const c of assessed) {
    const stored = world.primero.state.cases.get(c.primeroCase.id)!
    world.primero.state.cases.set(stored.id, {
      ...stored,
      status: 'open',
      assessment_requested_on: today.slice(0, 10),
      last_updated_at: today,
    })
  }
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

describe('data minimisation (what the simulators received, against the hand-written allow-list)', () => {
  it('Primero PATCHes carry only the fields §2.4–2.5 allow, at every depth', () => {
    const patches = world.primero.requests.filter((r) => r.method === 'PATCH')
    expect(patches.length).toBeGreaterThan(0)
    expect(
      patches.some((r) => Array.isArray((r.body as { data?: Record<string, unknown> }).data?.physical_check_2)),
    ).toBe(true)
    const problems = patches.flatMap((r, i) =>
      keysWithin(r.body, { data: { fields: PRIMERO_PATCH_DATA } }, `patch${i}`),
    )
    expect(problems).toEqual([])
  })

  it('Child-Shield interventions carry only the form sections and fields §2.6 allows, at every depth, and no HIS row', () => {
    const writes = world.moph.requests.filter((r) => r.path.startsWith('/api/interventions') && r.method !== 'GET')
    expect(writes.length).toBeGreaterThan(0)
    const problems: string[] = []
    const snapshots: { path: string; snapshot: unknown }[] = []
    for (const [i, r] of writes.entries()) {
      const body = r.body as Record<string, unknown>
      const path = `${r.method}${i}`
      if (r.method === 'POST') {
        problems.push(...keysOnly(body, ['cid', 'personId', 'activities'], path))
        if (!/^\d{13}$/.test(String(body.cid)) || typeof body.personId !== 'string')
          problems.push(`${path}: cid/personId`)
        const activities = body.activities as Record<string, unknown>
        problems.push(...keysOnly(activities, ['primeroservice'], `${path}.activities`))
        const service = activities.primeroservice as Record<string, unknown>
        for (const [key, value] of Object.entries(service)) {
          if (key === 'serviceType') {
            if (value !== 'primero') problems.push(`${path}.serviceType ${String(value)}`)
          } else if (!DAY.test(key)) problems.push(`${path}.activities.primeroservice.${key}`)
          else snapshots.push({ path: `${path}.${key}`, snapshot: value })
        }
      } else {
        for (const [key, value] of Object.entries(body)) {
          if (!/^activities\.primeroservice\.\d{4}-\d{2}-\d{2}$/.test(key)) problems.push(`${path}.${key}`)
          else snapshots.push({ path: `${path}.${key}`, snapshot: value })
        }
      }
    }
    expect(snapshots.length).toBe(writes.length)
    for (const { path, snapshot } of snapshots) {
      problems.push(...keysWithin(snapshot, CHILD_SHIELD_SNAPSHOT, path))
      problems.push(
        ...keysAnywhere(snapshot)
          .filter((k) => NEVER_TO_CHILD_SHIELD.has(k))
          .map((k) => `${path}: ${k}`),
      )
      for (const [subform, marker] of Object.entries(HIS_ROW_MARKERS)) {
        const rows = (snapshot as Record<string, unknown>)[subform]
        if (Array.isArray(rows) && rows.some((row) => (row as Record<string, unknown>)[marker] === 'his'))
          problems.push(`${path}.${subform}: a row from HIS`)
      }
    }
    expect(problems).toEqual([])
  })

  it('the allow-list check fails on an extra key at any depth (it can catch a leak)', () => {
    const allowedAnywhere = keysAnywhere(CHILD_SHIELD_SNAPSHOT)
    expect(allowedAnywhere.filter((k) => NEVER_TO_CHILD_SHIELD.has(k))).toEqual([])
    expect(NEVER_TO_CHILD_SHIELD.has('name_first') && NEVER_TO_CHILD_SHIELD.has('main_diagnosis__04438ee')).toBe(true)
    const leak = {
      basic_identity: { national_id_no: '1', name_first: 'x' },
      closure_form: { status: { open: 'x', y: 1 } },
    }
    expect(keysWithin(leak, CHILD_SHIELD_SNAPSHOT, 's')).toEqual([
      's.basic_identity.name_first',
      's.closure_form.status: 2 keys in a {option id: label}',
    ])
    const row = { data: { physical_check_2: [{ unique_id: 'u', lab_notes: 'x' }], sex: { male: 1 } } }
    expect(keysWithin(row, { data: { fields: PRIMERO_PATCH_DATA } }, 'p')).toEqual([
      'p.data.physical_check_2[0].lab_notes',
      'p.data.sex: not a plain value',
    ])
  })
})

const DAY = /^\d{4}-\d{2}-\d{2}$/

function keysOnly(value: Record<string, unknown>, keys: readonly string[], path: string): string[] {
  return Object.keys(value)
    .filter((k) => !keys.includes(k))
    .map((k) => `${path}.${k}`)
}

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

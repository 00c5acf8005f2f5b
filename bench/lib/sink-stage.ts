import { randomUUID } from 'node:crypto'
import { SCHEMA_NAMES } from '../../src/avro/schemas.js'
import type { CaseEvent } from '../../src/domain/records.js'
import { createHttpClient, type HttpClient, type HttpObserver } from '../../src/http/http-client.js'
import { defineStage, type Stage } from '../../src/pipeline/stage.js'

export interface SinkClients {
  readonly http: HttpClient
}

/**
 * An HTTP sink stage shaped like the real write-back flows: decode a CaseEvent, map it to `{key, seq}`
 * (seq = occurredAt), POST it to the target, and record an audit event for the write.
 */
export function sinkStage(name: string, topic: string): Stage<unknown, unknown, SinkClients> {
  const stage = defineStage<CaseEvent, { key: string; seq: number }, SinkClients>({
    name,
    input: { topic, schema: SCHEMA_NAMES.caseEvent },
    transform: (e) => ({ key: e.recordId, seq: e.occurredAt }),
    destination: {
      kind: 'http',
      target: 'bench-target',
      async send(clients, out, ctx) {
        await clients.http.request('POST', '/deliver', { json: out })
        ctx.audit({
          system: 'primero',
          action: 'update',
          resource: 'case',
          recordId: out.key,
          fields: ['seq'],
          outcome: 'success',
        })
      },
    },
  })
  return stage
}

export function sinkClients(url: string, observer?: HttpObserver): SinkClients {
  return {
    http: createHttpClient({
      target: 'bench-target',
      baseUrl: url,
      timeoutMs: 5_000,
      ...(observer ? { observer } : {}),
    }),
  }
}

/** Record `i` of a run with `keys` distinct keys: key `k<i % keys>`, seq `floor(i / keys)` (per-key order). */
export const keyOf = (keys: number) => (i: number) => `k${i % keys}`
export const seqOf = (keys: number) => (i: number) => Math.floor(i / keys)

export function benchCaseEvent(key: string, seq: number): CaseEvent {
  return {
    eventId: randomUUID(),
    type: 'UPDATED',
    source: 'POLLER',
    occurredAt: seq,
    recordId: key,
    caseId: null,
    caseIdDisplay: null,
    nationalId: null,
    nationalIdIssue: null,
    status: 'open',
    lastUpdatedAt: null,
    requestedBy: null,
    caseData: '{"sex":"female","age":12}',
  }
}

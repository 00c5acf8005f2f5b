import { randomUUID } from 'node:crypto'
import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs'
import { startApp, type App } from '../../src/app.js'
import { metricsObserver, type Clients } from '../../src/clients/index.js'
import type { HttpObserver } from '../../src/http/http-client.js'
import type { Runtime } from '../../src/runtime.js'
import type { Config } from '../../src/config.js'
import { createHttpClient } from '../../src/http/http-client.js'
import { createLogger } from '../../src/logger.js'
import { defineStage, type Stage } from '../../src/pipeline/stage.js'
import { SCHEMA_NAMES } from '../../src/avro/schemas.js'
import { readTopic, type TopicRecord } from './read-topic.js'
import type { CaseEvent } from '../../src/domain/records.js'
import { kafkaPort, testConfig } from './env.js'

export const testKafka = new Kafka({
  clientId: 'test-harness',
  brokers: [`127.0.0.1:${kafkaPort}`],
  logLevel: logLevel.NOTHING,
})

export interface TestClients {
  post(body: unknown): Promise<void>
}

/** A sink stage delivering `{key, seq}` (seq = CaseEvent.occurredAt) to an HTTP target: the runner under test. */
export function sinkStage(name: string, topic: string): Stage<CaseEvent, { key: string; seq: number }, TestClients> {
  return defineStage<CaseEvent, { key: string; seq: number }, TestClients>({
    name,
    input: { topic, schema: SCHEMA_NAMES.caseEvent },
    transform: (e) => (e.status === 'skip' ? null : { key: e.recordId, seq: e.occurredAt }),
    destination: {
      kind: 'http',
      target: 'test-target',
      send: async (clients, out, ctx) => {
        await clients.post(out)
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
}

export function httpTestClients(url: string, timeoutMs = 5_000) {
  return (runtime: Runtime): TestClients => testClients(url, timeoutMs, metricsObserver(runtime.metrics))
}

function testClients(url: string, timeoutMs: number, observer: HttpObserver): TestClients {
  const http = createHttpClient({ target: 'test-target', baseUrl: url, timeoutMs, observer })
  return {
    async post(body) {
      await http.request('POST', '/deliver', { json: body })
    },
  }
}

export function caseEvent(key: string, seq: number, status = 'open'): CaseEvent {
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
    status,
    lastUpdatedAt: null,
    requestedBy: null,
    caseData: '{}',
  }
}

export async function startTestApp(
  stage: Stage<unknown, unknown, Clients>,
  clients: (runtime: Runtime) => unknown,
  overrides: Record<string, string> = {},
  config?: Config,
): Promise<App> {
  const cfg = config ?? testConfig(overrides)
  return startApp(cfg, createLogger(cfg.LOG_LEVEL), [{ kind: 'stage', stage }], {
    clients: clients as (runtime: Runtime) => Clients,
  })
}

export async function createTopic(admin: Admin, topic: string, partitions = 3): Promise<void> {
  await admin.createTopics({
    topics: [
      { topic, numPartitions: partitions },
      { topic: `${topic}.dlq`, numPartitions: partitions },
    ],
    waitForLeaders: true,
  })
}

export async function committedEqualsEnd(admin: Admin, groupId: string, topic: string): Promise<boolean> {
  const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] })
  const ends = await admin.fetchTopicOffsets(topic)
  return ends.every((p) => committed?.partitions.find((c) => c.partition === p.partition)?.offset === p.high)
}

/** Reads every record currently in `topic` (from the beginning up to the current end). */
/** Every record of `topic` from its beginning to its current end. */
export async function readAll(_admin: Admin, topic: string): Promise<TopicRecord[]> {
  return readTopic(testKafka, topic)
}

export async function produceEvents(producer: Producer, app: App, topic: string, events: readonly CaseEvent[]) {
  await app.runtime.codec.register(topic, SCHEMA_NAMES.caseEvent)
  for (let i = 0; i < events.length; i += 500) {
    await producer.send({
      topic,
      messages: events.slice(i, i + 500).map((e) => ({ key: e.recordId, value: app.runtime.codec.encode(topic, e) })),
    })
  }
}

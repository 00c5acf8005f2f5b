import { afterEach, describe, expect, it } from '@jest/globals'
import { Registry } from 'prom-client'
import type { Codec } from '../../../src/avro/codec.js'
import type { Publisher } from '../../../src/kafka/publisher.js'
import { createLogger } from '../../../src/logger.js'
import { createMetrics, type Metrics } from '../../../src/metrics.js'
import { createReadiness, type Readiness } from '../../../src/observability/readiness.js'
import { runStage, type RunningStage, type StageRunnerOptions } from '../../../src/pipeline/run-stage.js'
import { defineStage, type Stage } from '../../../src/pipeline/stage.js'
import { createTargetGuard, type TargetGuard } from '../../../src/pipeline/target-guard.js'
import { waitFor } from '../../support/env.js'
import { createFakeKafka } from './fake-kafka.js'

interface Rec {
  readonly key: string
  readonly id: string
}

const TOPIC = 'in'
const guard = (name: string) =>
  createTargetGuard({ name, backoff: { baseMs: 1, maxMs: 5 }, failureThreshold: 1_000, cooldownMs: 10 })
const codec: Codec = {
  register: () => Promise.resolve(1),
  encode: (_topic, value) => Buffer.from(JSON.stringify(value)),
  decode: async () => Promise.reject(new Error('json input only')),
}

let running: RunningStage | undefined
afterEach(async () => {
  await running?.stop()
  running = undefined
})

async function start(
  fake: ReturnType<typeof createFakeKafka>,
  stage: Stage<unknown, unknown>,
  target: TargetGuard | undefined,
  options: Partial<StageRunnerOptions> = {},
): Promise<{ metrics: Metrics; readiness: Readiness; published: { topic: string; key: string | null }[] }> {
  const metrics = createMetrics(new Registry())
  const readiness = createReadiness()
  const published: { topic: string; key: string | null }[] = []
  const publisher: Publisher = {
    publish: (topic, record) => {
      published.push({ topic, key: record.key })
      return Promise.resolve()
    },
  }
  running = await runStage(
    fake.kafka,
    {
      stage,
      codec,
      publisher,
      clients: {},
      target,
      kafka: guard('kafka'),
      metrics,
      logger: createLogger('silent'),
      readiness,
    },
    {
      maxInFlight: 8,
      sessionTimeoutMs: 10_000,
      heartbeatIntervalMs: 400,
      shutdownGraceMs: 1_000,
      maxBytesPerPartition: 1_000_000,
      fetchMaxBytes: 1_000_000,
      partitionsConcurrently: 2,
      lagRefreshMs: 0,
      ...options,
    },
  )
  return { metrics, readiness, published }
}

async function lagOf(metrics: Metrics): Promise<Record<string, number>> {
  const { values } = await metrics.consumerLag.get()
  return Object.fromEntries(values.map((v) => [String(v.labels.partition), v.value]))
}

async function gaugeValue(metrics: Metrics, name: 'assignedPartitions'): Promise<number | undefined> {
  return (await metrics[name].get()).values[0]?.value
}

describe('runStage: a record that fails unexpectedly', () => {
  it('is fetched again after a growing backoff, never committed past nor dead-lettered, and unready meanwhile', async () => {
    const fake = createFakeKafka(TOPIC, 1)
    let failuresLeft = 3
    const stage = defineStage<Rec, Rec>({
      name: 'fails',
      input: { topic: TOPIC, format: 'json' },
      transform: (r) => r,
      destination: {
        kind: 'topic',
        topic: 'out',
        schema: 'unused',
        key: (out) => {
          if (out.id === 'b1' && failuresLeft-- > 0) throw new TypeError('a bug in the flow')
          return out.id
        },
      },
    })
    for (const [key, id] of [
      ['a', 'a0'],
      ['b', 'b1'],
      ['b', 'b2'],
      ['c', 'c3'],
    ] as const)
      fake.produce(0, key, { key, id })
    const readyAtFetch: (boolean | undefined)[] = []
    const now: { readiness?: Readiness } = {}
    fake.hooks.onFetch = () => readyAtFetch.push(now.readiness?.report().checks['redelivery:fails']?.ok)
    const started = await start(fake, stage, undefined, { redelivery: { baseMs: 40, maxMs: 100 } })
    now.readiness = started.readiness
    const { metrics, published } = started

    await waitFor(() => fake.committed.get(0) === 4n, 'committed to the end once the record succeeds')

    // fetched at the failed record again after each failure, waiting 40, 80, then 100 ms (the bound)
    expect(fake.fetches.map((f) => f.offset)).toEqual([0n, 1n, 1n, 1n])
    // by pausing only that partition (not by holding the batch, which would stall the whole fetch in kafkajs)
    expect(fake.pauses).toEqual([0, 0, 0])
    const gaps = fake.fetches.slice(1).map((f, i) => f.at - (fake.fetches[i]?.at ?? 0))
    ;[40, 80, 100].forEach((min, i) => expect(gaps[i]).toBeGreaterThanOrEqual(min - 1))
    // nothing past the failed record was committed until it succeeded
    const lastFetchAt = fake.fetches[3]?.at ?? 0
    expect(fake.commits.filter((c) => c.at < lastFetchAt).every((c) => c.offset <= 1n)).toBe(true)
    // its later record of the same key waited for it; nothing went to a dead-letter topic
    const keys = published.map((p) => p.key)
    expect(keys.filter((k) => k === 'b1' || k === 'b2')).toEqual(['b1', 'b2'])
    expect(published.filter((p) => p.topic !== 'out')).toEqual([])
    expect((await metrics.handlerErrors.get()).values.map((v) => [v.labels.reason, v.value])).toEqual([
      ['TypeError', 3],
    ])
    // not ready while backing off; ready again once the partition got past the record
    expect(readyAtFetch).toEqual([undefined, false, false, false])
    await waitFor(() => started.readiness.report().checks['redelivery:fails']?.ok === true, 'ready again')
    // one processing-duration observation per record that reached its outcome
    const durations = (await metrics.processingDuration.get()).values
    expect(durations.find((v) => v.metricName?.endsWith('_count'))?.value).toBe(published.length)
  })
})

describe('runStage: consumer lag', () => {
  it('grows while a batch waits for an outage as records keep arriving, and drains after it', async () => {
    const fake = createFakeKafka(TOPIC, 1)
    let release: () => void = () => undefined
    const outage = new Promise<void>((r) => (release = r))
    const delivered: string[] = []
    const stage = defineStage<Rec, Rec>({
      name: 'waits',
      input: { topic: TOPIC, format: 'json' },
      transform: (r) => r,
      destination: {
        kind: 'http',
        target: 't',
        send: async (_clients, out) => {
          if (out.key === 'b') await outage
          delivered.push(out.id)
        },
      },
    })
    ;['a', 'b', 'c', 'd', 'e'].forEach((key, i) => fake.produce(0, key, { key, id: `${key}${i}` }))
    const { metrics } = await start(fake, stage, guard('t'))

    await waitFor(async () => (await lagOf(metrics))['0'] === 4, 'lag of the waiting batch (5 records, 1 done)')
    for (let i = 5; i < 15; i++) fake.produce(0, `k${i}`, { key: `k${i}`, id: `k${i}` })
    await waitFor(async () => (await lagOf(metrics))['0'] === 14, 'lag growing with new records while waiting')
    expect(delivered).not.toContain('b1')

    release()
    await waitFor(() => fake.committed.get(0) === 15n, 'everything committed after the outage')
    await waitFor(async () => (await lagOf(metrics))['0'] === 0, 'lag drained')
  })

  it('drops the series of partitions no longer assigned after a rebalance, and counts assigned partitions', async () => {
    const fake = createFakeKafka(TOPIC, 2)
    const stage = defineStage<Rec, Rec>({
      name: 'moves',
      input: { topic: TOPIC, format: 'json' },
      transform: (r) => r,
      destination: { kind: 'topic', topic: 'out', schema: 'unused' },
    })
    fake.produce(0, 'a', { key: 'a', id: 'a' })
    fake.produce(1, 'b', { key: 'b', id: 'b' })
    const { metrics } = await start(fake, stage, undefined)
    await waitFor(async () => Object.keys(await lagOf(metrics)).length === 2, 'lag of both partitions')
    expect(await gaugeValue(metrics, 'assignedPartitions')).toBe(2)

    fake.rebalance([0])
    expect(await lagOf(metrics)).toEqual({ '0': 0 })
    expect(await gaugeValue(metrics, 'assignedPartitions')).toBe(1)

    await running?.stop()
    running = undefined
    expect(await lagOf(metrics)).toEqual({})
    expect(await gaugeValue(metrics, 'assignedPartitions')).toBe(0)
  })
})

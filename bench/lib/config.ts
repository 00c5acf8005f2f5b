import { randomUUID } from 'node:crypto'
import { loadConfig, type Config } from '../../src/config.js'

export const KAFKA_BROKER = process.env.KAFKA_BROKERS ?? `127.0.0.1:${process.env.KAFKA_PORT ?? 9092}`
export const REGISTRY_URL =
  process.env.SCHEMA_REGISTRY_URL ?? `http://127.0.0.1:${process.env.REGISTRY_PORT ?? 8081}/apis/ccompat/v7`

/** The bridge's configuration for a benchmark: the local stack, health on port 0, quiet logs. */
export function benchConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    KAFKA_BROKERS: KAFKA_BROKER,
    SCHEMA_REGISTRY_URL: REGISTRY_URL,
    HTTP_PORT: '0',
    HTTP_HOST: '127.0.0.1',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    KAFKA_SESSION_TIMEOUT_MS: '10000',
    KAFKA_HEARTBEAT_INTERVAL_MS: '1000',
    SHUTDOWN_GRACE_MS: '2000',
    TOPIC_PARTITIONS: '6',
    ...overrides,
  })
}

/** Topic and group names unique to one benchmark run (the broker is shared with other developers' tests). */
export function benchName(prefix: string): string {
  return `bench-${prefix}-${randomUUID().slice(0, 8)}`
}

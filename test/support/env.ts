import { randomUUID } from 'node:crypto'
import { loadConfig, type Config } from '../../src/config.js'

export const kafkaPort = Number(process.env.KAFKA_PORT ?? 9092)
export const registryPort = Number(process.env.REGISTRY_PORT ?? 8081)

/** A config pointing at the local stack, HTTP port 0, and fast retries so tests stay quick. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    KAFKA_BROKERS: `127.0.0.1:${kafkaPort}`,
    SCHEMA_REGISTRY_URL: `http://127.0.0.1:${registryPort}/apis/ccompat/v7`,
    HTTP_PORT: '0',
    HTTP_HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    RETRY_BASE_MS: '50',
    RETRY_MAX_MS: '500',
    CIRCUIT_COOLDOWN_MS: '300',
    KAFKA_SESSION_TIMEOUT_MS: '10000',
    KAFKA_HEARTBEAT_INTERVAL_MS: '1000',
    SHUTDOWN_GRACE_MS: '2000',
    TOPIC_PARTITIONS: '3',
    ...overrides,
  })
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`
}

/** Polls until `predicate` returns a truthy value (no fixed sleeps in tests). */
export async function waitFor<T>(
  predicate: () => T | Promise<T>,
  what: string,
  timeoutMs = 30_000,
  intervalMs = 100,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  for (;;) {
    try {
      const value = await predicate()
      if (value) return value
    } catch (err) {
      last = err
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`,
      )
    await new Promise((r) => setTimeout(r, intervalMs))
  }
}

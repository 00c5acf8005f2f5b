import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { randomUUID } from 'node:crypto'
import { loadConfig, redactedConfig } from '../../../src/config.js'
import { createKafka, saslOptions } from '../../../src/kafka/client.js'
import { createLogger } from '../../../src/logger.js'
import { WEBHOOK_PATH } from '../../../src/sources/ingress.js'
import { testConfig } from '../../support/env.js'
import { SECRETS, startWorld, type World } from '../reliability/world.js'

let world: World
const body = JSON.stringify({ data: { record_id: `rel-auth-${randomUUID()}`, record_type: 'case' } })

beforeAll(async () => {
  world = await startWorld(1, [], {
    withIngress: true,
    overrides: { INGRESS_BASIC_USER: 'primero-hook', INGRESS_BASIC_PASSWORD: 'basic-pass-77c1e0' },
  })
})
afterAll(async () => {
  await world.close()
})

const post = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${world.ingressUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  })
const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`

describe('ingress authentication', () => {
  it('answers 401 without, or with wrong, credentials and 202 with the API key or Basic', async () => {
    expect((await post(WEBHOOK_PATH)).status).toBe(401)
    expect((await post(WEBHOOK_PATH, { 'x-api-key': `${SECRETS.apiKey}x` })).status).toBe(401)
    expect((await post(WEBHOOK_PATH, { 'x-api-key': '' })).status).toBe(401)
    expect((await post(WEBHOOK_PATH, { authorization: basic('primero-hook', 'nope') })).status).toBe(401)
    expect((await post(WEBHOOK_PATH, { authorization: 'Bearer whatever' })).status).toBe(401)
    expect((await post(WEBHOOK_PATH, { 'x-api-key': SECRETS.apiKey })).status).toBe(202)
    expect((await post(WEBHOOK_PATH, { authorization: basic('primero-hook', 'basic-pass-77c1e0') })).status).toBe(202)
  })

  it('serves nothing else on the ingress port; /livez, /readyz, /metrics only on the separate health port', async () => {
    for (const path of ['/livez', '/readyz', '/metrics', '/', '/webhooks', '/admin'])
      expect([404, 405]).toContain((await fetch(`${world.ingressUrl}${path}`)).status)
    const health = world.app.runtime.healthUrl
    expect(new URL(health).port).not.toBe(new URL(world.ingressUrl!).port)
    expect((await fetch(`${health}/livez`)).status).toBe(200)
    expect((await fetch(`${health}/metrics`)).status).toBe(200)
    expect([200, 503]).toContain((await fetch(`${health}/readyz`)).status)
    expect((await fetch(`${health}${WEBHOOK_PATH}`, { method: 'POST', body })).status).toBe(405)
    expect((await fetch(`${health}/anything`)).status).toBe(404)
  })
})

describe('secrets and transport security configuration', () => {
  const base = { PRIMERO_URL: 'https://primero.example', MOPH_URL: 'https://moph.example' }

  it('redacts every secret from the printed config', () => {
    const config = loadConfig({
      ...base,
      PRIMERO_PASSWORD: 'p-secret-1',
      MOPH_PASSWORD: 'm-secret-2',
      INGRESS_API_KEY: 'k'.repeat(20),
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'u',
      KAFKA_SASL_PASSWORD: 'sasl-secret-3',
    })
    const text = JSON.stringify(redactedConfig(config))
    for (const secret of ['p-secret-1', 'm-secret-2', 'k'.repeat(20), 'sasl-secret-3'])
      expect(text).not.toContain(secret)
  })

  it('verifies TLS by default for every HTTP target and Kafka', () => {
    const config = loadConfig(base)
    expect(config.PRIMERO_TLS_INSECURE).toBe(false)
    expect(config.MOPH_TLS_INSECURE).toBe(false)
    expect(config.KAFKA_SSL_INSECURE).toBe(false)
  })

  it('builds SASL/SCRAM and verified TLS for Kafka from configuration', () => {
    const config = loadConfig({
      ...base,
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'scram-sha-256',
      KAFKA_SASL_USERNAME: 'bridge',
      KAFKA_SASL_PASSWORD: 'sasl-pw',
    })
    expect(saslOptions(config)).toEqual({ mechanism: 'scram-sha-256', username: 'bridge', password: 'sasl-pw' })
    expect(() => loadConfig({ ...base, KAFKA_SASL_MECHANISM: 'scram-sha-512' })).toThrow(/KAFKA_SASL_USERNAME/)
  })

  it.each(['plain', 'scram-sha-256'])(
    'never logs the SASL password when a %s login to the real broker fails',
    async (mechanism) => {
      const password = `sasl-pw-${randomUUID()}`
      // The local broker's listener is PLAINTEXT: it refuses the SASL handshake, a real failed connection.
      const config = testConfig({
        KAFKA_SASL_MECHANISM: mechanism,
        KAFKA_SASL_USERNAME: 'bridge-user',
        KAFKA_SASL_PASSWORD: password,
        LOG_LEVEL: 'debug',
      })
      const lines: string[] = []
      const kafka = createKafka(config, createLogger('debug', { write: (l: string) => lines.push(l) }))
      const admin = kafka.admin({ retry: { retries: 0 } })
      await expect(admin.connect()).rejects.toThrow()
      await admin.disconnect()
      expect(lines.length).toBeGreaterThan(0)
      const text = lines.join('')
      expect(text).toMatch(/SASL|Sasl|sasl/)
      for (const form of [
        password,
        Buffer.from(password).toString('base64'),
        Buffer.from(`\u0000bridge-user\u0000${password}`).toString('base64'),
      ])
        expect(text).not.toContain(form)
    },
  )

  it('logs a warning when Kafka TLS verification is explicitly disabled', () => {
    const lines: string[] = []
    const config = loadConfig({ ...base, KAFKA_SSL: 'true', KAFKA_SSL_INSECURE: 'true' })
    createKafka(config, createLogger('info', { write: (l: string) => lines.push(l) }))
    expect(lines.join('')).toMatch(/NOT verified/)
  })
})

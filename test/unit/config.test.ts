import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig, redactedConfig } from '../../src/config.js'
import { ConfigError } from '../../src/errors.js'

describe('loadConfig', () => {
  it('applies defaults and freezes the result', () => {
    const c = loadConfig({})
    expect(c.KAFKA_BROKERS).toEqual(['127.0.0.1:9092'])
    expect(c.STAGE_MAX_IN_FLIGHT).toBe(64)
    expect(Object.isFrozen(c)).toBe(true)
  })

  it('reports every invalid value at once, never echoing secrets', () => {
    let error: unknown
    try {
      loadConfig({
        HTTP_PORT: 'x',
        KAFKA_BROKERS: 'nohost',
        PRIMERO_URL: 'ftp://a',
        INGRESS_API_KEY: 'short-secret',
        KAFKA_SASL_MECHANISM: 'plain',
      })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigError)
    const problems = (error as ConfigError).problems.join('\n')
    expect(problems).toMatch(/HTTP_PORT/)
    expect(problems).toMatch(/KAFKA_BROKERS/)
    expect(problems).toMatch(/PRIMERO_URL/)
    expect(problems).toMatch(/INGRESS_API_KEY/)
    expect(problems).not.toContain('short-secret')
  })

  it('reads secrets from <NAME>_FILE and redacts them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'))
    writeFileSync(join(dir, 'pw'), 'file-password-123\n')
    const c = loadConfig({ PRIMERO_PASSWORD_FILE: join(dir, 'pw'), PRIMERO_USERNAME: 'svc-user-7x' })
    expect(c.PRIMERO_PASSWORD).toBe('file-password-123')
    const shown = JSON.stringify(redactedConfig(c))
    expect(shown).not.toContain('file-password-123')
    expect(shown).not.toContain('svc-user-7x')
  })

  it('checks cross-field rules', () => {
    expect(() => loadConfig({ KAFKA_SASL_MECHANISM: 'scram-sha-512' })).toThrow(/KAFKA_SASL_USERNAME/)
    expect(() => loadConfig({ KAFKA_HEARTBEAT_INTERVAL_MS: '20000' })).toThrow(/third/)
  })
})

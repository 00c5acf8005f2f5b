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
    // cross-field rules run although other values failed
    expect(problems).toMatch(/KAFKA_SASL_MECHANISM is set: KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are required/)
    expect((error as ConfigError).problems).toHaveLength(5)
  })

  it('runs each cross-field rule whose own values are valid, and skips one whose values are already reported', () => {
    let error: unknown
    try {
      loadConfig({ HTTP_PORT: 'x', RETRY_BASE_MS: '9000', RETRY_MAX_MS: '100', KAFKA_HEARTBEAT_INTERVAL_MS: 'often' })
    } catch (e) {
      error = e
    }
    const problems = (error as ConfigError).problems
    expect(problems).toEqual([
      expect.stringMatching(/^HTTP_PORT: /),
      expect.stringMatching(/^KAFKA_HEARTBEAT_INTERVAL_MS: .*"often"/),
      'RETRY_BASE_MS must not exceed RETRY_MAX_MS',
    ])
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

describe('loadConfig with CONFIG_FILE', () => {
  const file = (text: string) => {
    const path = join(mkdtempSync(join(tmpdir(), 'cfg-file-')), 'bridge.env')
    writeFileSync(path, text)
    return path
  }

  it('reads KEY=VALUE lines (dotenv: comments, quotes); a set environment variable wins', () => {
    const path = file(
      [
        '# primero-bridge settings',
        'KAFKA_BROKERS=broker-1:9092,broker-2:9092',
        'PRIMERO_URL="https://primero.example.org"',
        'PRIMERO_POLL_CRON="0 3 * * *"',
        'STAGE_MAX_IN_FLIGHT=8',
        '',
      ].join('\n'),
    )
    const c = loadConfig({ CONFIG_FILE: path, STAGE_MAX_IN_FLIGHT: '32', LOG_LEVEL: 'warn' })
    expect(c.KAFKA_BROKERS).toEqual(['broker-1:9092', 'broker-2:9092'])
    expect(c.PRIMERO_URL).toBe('https://primero.example.org')
    expect(c.PRIMERO_POLL_CRON).toBe('0 3 * * *')
    expect(c.STAGE_MAX_IN_FLIGHT).toBe(32)
    expect(c.LOG_LEVEL).toBe('warn')
  })

  it('reads secrets named in the file through <NAME>_FILE', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-secret-'))
    writeFileSync(join(dir, 'pw'), 'from-a-mounted-file\n')
    const c = loadConfig({ CONFIG_FILE: file(`MOPH_PASSWORD_FILE=${join(dir, 'pw')}\n`) })
    expect(c.MOPH_PASSWORD).toBe('from-a-mounted-file')
  })

  it('lets the environment win over the file in either form (<NAME> or <NAME>_FILE)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-secret-'))
    writeFileSync(join(dir, 'pw'), 'from-the-file-secret\n')
    const path = file(`MOPH_PASSWORD_FILE=${join(dir, 'pw')}\nPRIMERO_PASSWORD=from-the-file\n`)
    writeFileSync(join(dir, 'env-pw'), 'from-the-env-secret\n')
    const c = loadConfig({
      CONFIG_FILE: path,
      MOPH_PASSWORD: 'from-the-env',
      PRIMERO_PASSWORD_FILE: join(dir, 'env-pw'),
    })
    expect(c.MOPH_PASSWORD).toBe('from-the-env')
    expect(c.PRIMERO_PASSWORD).toBe('from-the-env-secret')
  })

  it('reports the file problems together with the environment ones: bad values, unknown keys', () => {
    const path = file('HTTP_PORT=ninety\nKAFKA_SASL_MECHANISM=plain\nPRIMERO_PASWORD=typo\n')
    let error: unknown
    try {
      loadConfig({ CONFIG_FILE: path, RETRY_BASE_MS: 'soon' })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).problems).toEqual([
      `CONFIG_FILE: PRIMERO_PASWORD is not a primero-bridge setting (in ${path})`,
      expect.stringMatching(/^HTTP_PORT: .*"ninety".* \(from CONFIG_FILE\)$/),
      expect.stringMatching(/^RETRY_BASE_MS: .*"soon"/),
      'KAFKA_SASL_MECHANISM is set: KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are required',
    ])
    expect((error as ConfigError).problems.join('\n')).not.toContain('typo')
  })

  it('reports a file that cannot be read', () => {
    expect(() => loadConfig({ CONFIG_FILE: '/nonexistent/bridge.env' })).toThrow(
      'CONFIG_FILE: cannot read /nonexistent/bridge.env',
    )
  })
})

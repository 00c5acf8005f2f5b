import { describe, expect, it } from '@jest/globals'
import { runCli } from '../../../src/cli/index.js'
import type { CliIo } from '../../../src/cli/io.js'
import { caseRow, envelope } from '../../fixtures/cdc/debezium.js'

function fakeIo(env: Record<string, string> = {}, stdin = '') {
  const out: string[] = []
  const err: string[] = []
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), readStdin: () => Promise.resolve(stdin), env }
  return { io, out, err }
}

describe('primero-bridge command line', () => {
  it('prints usage with --help (exit 0) and without a command (exit 2)', async () => {
    const help = fakeIo()
    expect(await runCli(['--help'], help.io)).toBe(0)
    expect(help.out.join('\n')).toMatch(/dlq\s+replay dead-lettered/)
    const none = fakeIo()
    expect(await runCli([], none.io)).toBe(2)
    expect(none.err.join('\n')).toMatch(/usage: primero-bridge <command>/)
  })

  it('rejects an unknown command with one line and a hint (exit 2)', async () => {
    const { io, err } = fakeIo()
    expect(await runCli(['frobnicate'], io)).toBe(2)
    expect(err[0]).toBe("error: unknown command 'frobnicate'")
    expect(err[1]).toMatch(/^hint: /)
  })

  it.each(['run', 'poll', 'sim', 'demo', 'schemas', 'dlq', 'config', 'map'])(
    '%s --help prints its usage (exit 0)',
    async (name) => {
      const { io, out } = fakeIo()
      expect(await runCli([name, '--help'], io)).toBe(0)
      expect(out.join('\n')).toMatch(new RegExp(`usage: primero-bridge ${name}`))
    },
  )

  it('reports an unknown option as a usage error naming the command', async () => {
    const { io, err } = fakeIo()
    expect(await runCli(['dlq', 'replay', '--topic', 'primero.case-events', '--bogus'], io)).toBe(2)
    expect(err[0]).toMatch(/^error: dlq: Unknown option '--bogus'/)
    expect(err[1]).toBe("hint: run 'primero-bridge dlq --help' for usage")
  })

  it('dlq replay: requires --topic, refuses a .dlq topic and a bad time, before touching Kafka', async () => {
    for (const args of [
      ['dlq', 'replay'],
      ['dlq', 'replay', '--topic', 'primero.case-events.dlq'],
      ['dlq', 'replay', '--topic', 't', '--from', 'yesterday'],
      ['dlq', 'replay', '--topic', 't', '--from', '2026-02-01T00:00:00Z', '--to', '2026-01-01T00:00:00Z'],
      ['dlq', 'purge', '--topic', 't'],
    ]) {
      const { io, err } = fakeIo()
      expect(await runCli(args, io)).toBe(2)
      expect(err).toHaveLength(2)
    }
  })

  it('run: names no stage or an unknown one → exit 2; a bad environment → one line with every problem, a hint, exit 2', async () => {
    expect(await runCli(['run'], fakeIo().io)).toBe(2)
    const unknown = fakeIo()
    expect(await runCli(['run', 'no-such-stage'], unknown.io)).toBe(2)
    expect(unknown.err[0]).toMatch(/unknown stage no-such-stage; known: .*his-to-primero/)
    const bad = fakeIo({ HTTP_PORT: 'eighty', RETRY_BASE_MS: '-1' })
    expect(await runCli(['run', 'his-to-primero'], bad.io)).toBe(2)
    expect(bad.err).toHaveLength(2)
    expect(bad.err[0]).toMatch(/^error: invalid configuration \(2 problems\): HTTP_PORT: .*"eighty".*; RETRY_BASE_MS: /)
    expect(bad.err[1]).toMatch(/^hint: .*'primero-bridge config check'/)
  })

  it('config check prints the redacted config (exit 0) or a summary line, every problem, a hint (exit 2)', async () => {
    const ok = fakeIo({ PRIMERO_PASSWORD: 'hunter2-secret', PRIMERO_USERNAME: 'bridge' })
    expect(await runCli(['config', 'check'], ok.io)).toBe(0)
    expect(ok.out).toContain('PRIMERO_PASSWORD=***')
    expect(ok.out.join('\n')).not.toMatch(/hunter2/)
    const bad = fakeIo({ KAFKA_BROKERS: 'no-port', HTTP_PORT: 'x' })
    expect(await runCli(['config', 'check'], bad.io)).toBe(2)
    expect(bad.err[0]).toBe('error: invalid configuration (2 problems):')
    expect(bad.err.slice(1, -1)).toEqual([
      expect.stringMatching(/^ {2}- HTTP_PORT: /),
      expect.stringMatching(/^ {2}- KAFKA_BROKERS/),
    ])
    expect(bad.err.at(-1)).toMatch(/^hint: /)
    expect(bad.out).toEqual([])
  })

  it('map: previews with the stage transforms, from stdin, and rejects a malformed record (exit 2)', async () => {
    const score = {
      nationalId: '1234567890121',
      childShieldCaseId: 'cs-1',
      riskLevel: 'high',
      summaryRiskLevel: null,
      improveLevel: null,
      severityTypes: [],
      physical: null,
      mental: null,
      sexual: null,
      caseStatus: null,
      osccTeamIds: [],
      officerId: null,
      careGiverUser: null,
      caseUserId: null,
      caseStatusBeforeRemove: null,
      importNo: null,
      updatedAt: 1_700_000_000_000,
    }
    const good = fakeIo({}, JSON.stringify(score))
    expect(await runCli(['map', 'risk-to-primero'], good.io)).toBe(0)
    expect(JSON.parse(good.out.join('\n'))).toMatchObject({
      body: { data: { risk_level_from_child_shield_system_2df7bf4: expect.anything() } },
    })
    const bad = fakeIo({}, JSON.stringify({ nationalId: 5 }))
    expect(await runCli(['map', 'risk-to-primero'], bad.io)).toBe(2)
    expect(bad.err[0]).toMatch(/not a valid RiskScore/)
    expect(await runCli(['map', 'no-such-stage'], fakeIo().io)).toBe(2)
  })

  it('map cdc-normalizer: previews the CaseEvent of a Debezium change, and skips a delete', async () => {
    const after = caseRow('7f1c0e52-0000-4000-8000-000000000001', { case_id_display: 'ab12cd3', status: 'open' })
    const change = fakeIo({}, JSON.stringify(envelope({ op: 'c', after })))
    expect(await runCli(['map', 'cdc-normalizer'], change.io)).toBe(0)
    expect(JSON.parse(change.out.join('\n'))).toMatchObject({
      publishes: 'primero.case-events key 7f1c0e52-0000-4000-8000-000000000001',
      value: { recordId: '7f1c0e52-0000-4000-8000-000000000001', type: 'CREATED', source: 'CDC' },
    })
    const removed = fakeIo({}, JSON.stringify(envelope({ op: 'd', before: after })))
    expect(await runCli(['map', 'cdc-normalizer'], removed.io)).toBe(0)
    expect(JSON.parse(removed.out.join('\n'))).toEqual({ skipped: expect.stringMatching(/delete/) })
    const otherTable = fakeIo({}, JSON.stringify(envelope({ op: 'c', after, table: 'incidents' })))
    expect(await runCli(['map', 'cdc-normalizer'], otherTable.io)).toBe(1)
    expect(otherTable.err[0]).toMatch(/would dead-letter this record: .*incidents/)
  })
})

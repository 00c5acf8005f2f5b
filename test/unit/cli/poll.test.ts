import { describe, expect, it } from '@jest/globals'
import { POLLERS, pollArgs } from '../../../src/cli/commands/poll.js'
import { runCli } from '../../../src/cli/index.js'
import { UsageError, type CliIo } from '../../../src/cli/io.js'
import { childShieldPoller } from '../../../src/sources/childshield-poller.js'
import { primeroPoller } from '../../../src/sources/primero-poller.js'

function fakeIo(env: Record<string, string> = {}) {
  const out: string[] = []
  const err: string[] = []
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), readStdin: () => Promise.resolve(''), env }
  return { io, out, err }
}

describe('primero-bridge poll: arguments', () => {
  it('names the scheduled pollers themselves, so an on-demand pass is the same pass', () => {
    expect(POLLERS.primero?.poller).toBe(primeroPoller)
    expect(POLLERS.childshield?.poller).toBe(childShieldPoller)
  })

  it('takes one poller and an optional --timeout in seconds (default 600)', () => {
    expect(pollArgs(['primero'])).toEqual({ name: 'primero', timeoutS: 600 })
    expect(pollArgs(['childshield', '--timeout', '30'])).toEqual({ name: 'childshield', timeoutS: 30 })
  })

  it.each([
    [[], 'poll: name a poller (primero or childshield)'],
    [['primero-poller'], "poll: unknown poller 'primero-poller'; expected primero or childshield"],
    [['primero', 'childshield'], 'poll: one poller at a time (got primero childshield)'],
    [['primero', '--timeout', 'soon'], 'poll: --timeout must be a positive number of seconds'],
    [['primero', '--timeout', '0'], 'poll: --timeout must be a positive number of seconds'],
    [['primero', '--now'], "poll: Unknown option '--now'"],
  ])('%j → usage error %s', (args, message) => {
    let error: unknown
    try {
      pollArgs(args)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(UsageError)
    expect((error as UsageError).message).toBe(message)
    expect((error as UsageError).hint).toBe("run 'primero-bridge poll --help' for usage")
  })

  it('exits 2 with one line and a hint for bad arguments, before touching Kafka', async () => {
    const { io, err } = fakeIo()
    expect(await runCli(['poll', 'everything'], io)).toBe(2)
    expect(err).toEqual([
      "error: poll: unknown poller 'everything'; expected primero or childshield",
      "hint: run 'primero-bridge poll --help' for usage",
    ])
  })

  it("exits 2 when the poller's source system is not configured, before touching Kafka", async () => {
    const primero = fakeIo({ PRIMERO_URL: 'https://primero.example.org' })
    expect(await runCli(['poll', 'primero'], primero.io)).toBe(2)
    expect(primero.err).toHaveLength(2)
    expect(primero.err[0]).toMatch(
      /^error: invalid configuration \(2 problems\): PRIMERO_USERNAME: required by poll primero/,
    )
    expect(primero.err[0]).toMatch(/PRIMERO_PASSWORD: required by poll primero/)
    const childshield = fakeIo({ KAFKA_BROKERS: 'nowhere' })
    expect(await runCli(['poll', 'childshield'], childshield.io)).toBe(2)
    expect(childshield.err[0]).toMatch(/KAFKA_BROKERS/)
  })

  it('--help prints the usage and says what each poller reads and writes', async () => {
    const { io, out } = fakeIo()
    expect(await runCli(['poll', '--help'], io)).toBe(0)
    const help = out.join('\n')
    expect(help).toMatch(/usage: primero-bridge poll <primero\|childshield>/)
    expect(help).toMatch(/primero\.case-events/)
    expect(help).toMatch(/childshield\.risk-scores/)
  })
})

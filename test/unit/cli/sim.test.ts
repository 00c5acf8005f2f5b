import { describe, expect, it } from '@jest/globals'
import { runSimulators, simOptions } from '../../../src/cli/commands/sim.js'
import { runCli } from '../../../src/cli/index.js'
import type { CliIo } from '../../../src/cli/io.js'

function fakeIo(env: Record<string, string> = {}) {
  const out: string[] = []
  const err: string[] = []
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), readStdin: () => Promise.resolve(''), env }
  return { io, out, err }
}

const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`
const login = (base: string, email: string, password: string) =>
  fetch(`${base}/Users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })

describe('primero-bridge sim: settings', () => {
  it('defaults to 127.0.0.1, ports 3001/3002, the development credentials and no faults', () => {
    expect(simOptions([], {})).toEqual({
      host: '127.0.0.1',
      primeroPort: 3001,
      mophPort: 3002,
      seed: 1,
      cases: 200,
      primero: { username: 'primero', password: 'primero', faults: {} },
      moph: { email: 'bridge@example.org', password: 'secret', faults: {} },
    })
  })

  it.each([
    [['--primero-port', 'abc'], {}, 'sim: --primero-port must be a port number 0–65535 (got "abc")'],
    [['--moph-port', '70000'], {}, 'sim: --moph-port must be a port number 0–65535 (got "70000")'],
    [[], { SIM_CASES: '-3' }, 'sim: SIM_CASES must be a number of cases 0–100000 (got "-3")'],
    [[], { SIM_FAULTS: '{latency' }, 'sim: SIM_FAULTS is not valid JSON'],
    [['--faults', '{"errorRate":3}'], {}, 'sim: --faults: errorRate must be 0..1'],
    [[], { SIM_MOPH_FAULTS: '{"latency":5}' }, "sim: SIM_MOPH_FAULTS: unknown fault 'latency'"],
    [['--primero-faults', '{"latencyMs":[9,1]}'], {}, 'sim: --primero-faults: latencyMs must be'],
  ])('%j %j → exit 2 with one line and a hint', async (args, env, message) => {
    const { io, err, out } = fakeIo(env)
    expect(await runCli(['sim', ...args], io)).toBe(2)
    expect(err).toHaveLength(2)
    expect(err[0]).toContain(`error: ${message}`)
    expect(err[1]).toBe("hint: run 'primero-bridge sim --help' for usage")
    expect(out).toEqual([])
  })
})

describe('primero-bridge sim: serving', () => {
  it('listens on SIM_HOST, expects the configured credentials and starts with the configured faults', async () => {
    const options = simOptions(['--moph-port', '0'], {
      SIM_HOST: '127.0.0.2', // a loopback address other than the default: proves the host is honoured (Linux)
      SIM_PRIMERO_PORT: '0',
      SIM_CASES: '3',
      SIM_PRIMERO_USERNAME: 'primero-bridge',
      SIM_PRIMERO_PASSWORD: 'dev-only-primero-password',
      SIM_MOPH_EMAIL: 'bridge@moph.example',
      SIM_MOPH_PASSWORD: 'dev-only-moph-password',
      SIM_FAULTS: '{"status429":{"rate":1,"retryAfterS":7}}',
      SIM_PRIMERO_FAULTS: '{}',
    })
    const { io, out } = fakeIo()
    let listening: () => void = () => undefined
    const banner = new Promise<void>((resolve) => (listening = resolve))
    const printing: CliIo = { ...io, out: (line) => (io.out(line), out.length === 2 && listening()) }
    let stop: () => void = () => undefined
    const stopped = new Promise<void>((resolve) => (stop = resolve))
    const running = runSimulators(options, printing, stopped)
    try {
      await Promise.race([banner, running])
      const primeroUrl = /^primero simulator: (http:\/\/\S+)$/.exec(out[0] ?? '')?.[1]
      const mophApi = /^moph simulator \(HIS \+ Child-Shield\): (http:\/\/\S+)$/.exec(out[1] ?? '')?.[1]
      expect(primeroUrl).toMatch(/^http:\/\/127\.0\.0\.2:\d+$/)
      expect(mophApi).toMatch(/^http:\/\/127\.0\.0\.2:\d+\/api$/)

      const cases = `${primeroUrl}/api/v2/cases`
      expect(
        (await fetch(cases, { headers: { authorization: basic('primero-bridge', 'dev-only-primero-password') } }))
          .status,
      ).toBe(200)
      expect((await fetch(cases, { headers: { authorization: basic('primero', 'primero') } })).status).toBe(401)
      const onDefaultHost = cases.replace('127.0.0.2', '127.0.0.1')
      await expect(fetch(onDefaultHost)).rejects.toThrow()

      // SIM_FAULTS reaches the MoPH simulator; SIM_PRIMERO_FAULTS ({}) replaced it for Primero (200 above).
      const throttled = await login(mophApi!, 'bridge@moph.example', 'dev-only-moph-password')
      expect(throttled.status).toBe(429)
      expect(throttled.headers.get('retry-after')).toBe('7')
      const mophAdmin = mophApi!.replace(/\/api$/, '/__admin/faults')
      expect((await fetch(mophAdmin, { method: 'POST', body: '{}' })).status).toBe(200)
      expect((await login(mophApi!, 'bridge@moph.example', 'dev-only-moph-password')).status).toBe(200)
      expect((await login(mophApi!, 'bridge@example.org', 'secret')).status).toBe(401)
    } finally {
      stop()
    }
    expect(await running).toBe(0)
  })
})

import { spawn } from 'node:child_process'
import { openSync, closeSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Kafka, logLevel } from 'kafkajs'
import { registryPort as sharedRegistryPort } from './env.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

export type StackPart = 'kafka' | 'registry'

/**
 * A second Kafka (and optionally Apicurio) of our own, on free loopback ports and a temporary STACK_DIR, for
 * tests that stop or restart the broker or the registry: the shared stack is used by other test runs.
 * The jar cache (.cache/) is shared. Without `registry`, the shared registry is used (schemas are harmless to
 * share; only Kafka state must be private).
 */
export interface PrivateStack {
  readonly brokers: string
  readonly registryUrl: string
  /** Config overrides pointing the app at this stack (merge into testConfig). */
  readonly overrides: Record<string, string>
  /** A kafkajs client for the test itself (admin, producer, readAll). */
  readonly kafka: Kafka
  up(part: StackPart): Promise<void>
  down(part: StackPart): Promise<void>
  /** SIGSTOP / SIGCONT the part's process: unreachable (connections hang) but its state kept, unlike down/up. */
  pause(part: StackPart): Promise<void>
  resume(part: StackPart): Promise<void>
  /** Stops everything this stack started and removes its directory. */
  close(): Promise<void>
}

/** `count` distinct free loopback ports (all held open together while choosing, so none repeats). */
export async function freePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => createServer())
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))))
  const ports = servers.map((s) => {
    const address = s.address()
    return typeof address === 'object' && address ? address.port : 0
  })
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))))
  return ports
}

export async function freePort(): Promise<number> {
  const [port] = await freePorts(1)
  return port as number
}

export async function startPrivateStack(options: { registry?: boolean } = {}): Promise<PrivateStack> {
  const dir = await mkdtemp(join(tmpdir(), 'pb-private-stack-'))
  const [kafkaPort, controllerPort, registryPort] = await freePorts(3)
  const env = {
    ...process.env,
    KAFKA_PORT: String(kafkaPort),
    KAFKA_CONTROLLER_PORT: String(controllerPort),
    REGISTRY_PORT: String(registryPort),
    STACK_DIR: dir,
    STACK_CACHE: join(root, '.cache'),
  }
  const stack = async (cmd: 'up' | 'down', part: StackPart) => {
    const pid = cmd === 'down' ? await processOf(dir, part) : undefined
    await runStackScript(dir, env, cmd, part)
    if (pid !== undefined) await stopProcess(pid)
  }
  const parts: StackPart[] = options.registry ? ['kafka', 'registry'] : ['kafka']
  const brokers = `127.0.0.1:${env.KAFKA_PORT}`
  const registryUrl = `http://127.0.0.1:${options.registry ? registryPort : sharedRegistryPort}/apis/ccompat/v7`
  const started = async () => {
    for (const part of parts) await stack('up', part)
  }
  try {
    await started()
  } catch (err) {
    for (const part of parts) await stack('down', part).catch(() => undefined)
    await rm(dir, { recursive: true, force: true })
    throw err
  }
  return {
    brokers,
    registryUrl,
    overrides: { KAFKA_BROKERS: brokers, SCHEMA_REGISTRY_URL: registryUrl },
    kafka: new Kafka({ clientId: 'private-stack-test', brokers: [brokers], logLevel: logLevel.NOTHING }),
    up: (part) => stack('up', part),
    down: (part) => stack('down', part),
    pause: async (part) => signal(dir, part, 'SIGSTOP'),
    resume: async (part) => signal(dir, part, 'SIGCONT'),
    async close() {
      for (const part of parts) await signal(dir, part, 'SIGCONT').catch(() => undefined)
      for (const part of [...parts].reverse()) await stack('down', part).catch(() => undefined)
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/**
 * Runs scripts/stack.sh with its output in a log file and waits for the script's own exit: stack.sh starts
 * Apicurio from a subshell that keeps the script's stdout open, so waiting for the pipes to close would hang.
 */
function runStackScript(dir: string, env: NodeJS.ProcessEnv, cmd: string, part: StackPart): Promise<void> {
  const logFile = join(dir, `stack-${cmd}-${part}.log`)
  const fd = openSync(logFile, 'a')
  const child = spawn('bash', [join(root, 'scripts', 'stack.sh'), cmd, part], { env, stdio: ['ignore', fd, fd] })
  closeSync(fd)
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGTERM'), 150_000)
    child.once('exit', (code) => {
      clearTimeout(timer)
      if (code === 0) resolve()
      else void readFile(logFile, 'utf8').then((log) => reject(new Error(`stack.sh ${cmd} ${part} failed:\n${log}`)))
    })
  })
}

/** The pid of the part's server process, as stack.sh recorded it. */
async function processOf(dir: string, part: StackPart): Promise<number | undefined> {
  try {
    return Number((await readFile(join(dir, part, 'pid'), 'utf8')).trim())
  } catch {
    return undefined
  }
}

async function signal(dir: string, part: StackPart, sig: NodeJS.Signals): Promise<void> {
  const pid = await processOf(dir, part)
  if (pid !== undefined) process.kill(pid, sig)
}

async function stopProcess(pid: number): Promise<void> {
  const alive = () => {
    try {
      process.kill(pid, 0)
      return true
    } catch {
      return false
    }
  }
  if (!alive()) return
  process.kill(pid, 'SIGCONT')
  process.kill(pid, 'SIGTERM')
  for (let i = 0; i < 100 && alive(); i++) await new Promise((r) => setTimeout(r, 200))
  if (alive()) process.kill(pid, 'SIGKILL')
}

import { spawnSync } from 'node:child_process'
import net from 'node:net'
import { fileURLToPath } from 'node:url'
import { KAFKA_BROKER, REGISTRY_URL } from './config.js'

const reachable = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect({ host, port, timeout: 1_000 })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
    socket.once('timeout', () => {
      socket.destroy()
      resolve(false)
    })
  })

/** Starts the local Kafka + Apicurio stack (scripts/stack.sh up) unless both already answer. */
export async function ensureStack(log: (m: string) => void): Promise<void> {
  const [kHost = '127.0.0.1', kPort = '9092'] = KAFKA_BROKER.split(':')
  const registry = new URL(REGISTRY_URL)
  const up = async () =>
    (await reachable(kHost, Number(kPort))) && (await reachable(registry.hostname, Number(registry.port || 80)))
  if (await up()) return
  log('local stack not running: bash scripts/stack.sh up')
  const root = fileURLToPath(new URL('../..', import.meta.url))
  const result = spawnSync('bash', ['scripts/stack.sh', 'up'], { cwd: root, stdio: 'inherit' })
  if (result.status !== 0 || !(await up())) throw new Error('could not start the local stack (scripts/stack.sh up)')
}

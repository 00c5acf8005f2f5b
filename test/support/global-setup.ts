import { execFileSync } from 'node:child_process'
import { createConnection } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

/** Integration tests need the real local Kafka and Apicurio: start them when they are not running; never skip. */
export default async function globalSetup(): Promise<void> {
  const kafkaPort = Number(process.env.KAFKA_PORT ?? 9092)
  const registryPort = Number(process.env.REGISTRY_PORT ?? 8081)
  if ((await portOpen(kafkaPort)) && (await portOpen(registryPort))) return
  try {
    execFileSync('bash', [join(root, 'scripts', 'stack.sh'), 'up'], { stdio: 'inherit' })
  } catch {
    throw new Error(
      'the local Kafka + schema registry stack could not be started (see the output above); integration tests need it',
    )
  }
}

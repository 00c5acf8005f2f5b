import { generateChildren } from '../synthetic/children.js'
import { startMophSimulator } from './moph.js'
import { startPrimeroSimulator } from './primero.js'

/**
 * Starts the Primero simulator and the MoPH simulator (HIS + Child-Shield, one API) on 127.0.0.1 with shared
 * synthetic data. Env: SIM_PRIMERO_PORT (3001), SIM_MOPH_PORT (3002), SIM_SEED (1), SIM_CASES (200),
 * SIM_PRIMERO_USER/SIM_PRIMERO_PASSWORD (primero/primero), SIM_MOPH_EMAIL/SIM_MOPH_PASSWORD (bridge@example.org/secret).
 */
async function main(env: NodeJS.ProcessEnv): Promise<void> {
  const int = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback)
    if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer`)
    return value
  }
  const seed = int('SIM_SEED', 1)
  const children = [...generateChildren(int('SIM_CASES', 200), seed)]
  const primero = await startPrimeroSimulator({
    port: int('SIM_PRIMERO_PORT', 3001),
    seed,
    cases: children.map((c) => c.primeroCase),
    username: env.SIM_PRIMERO_USER ?? 'primero',
    password: env.SIM_PRIMERO_PASSWORD ?? 'primero',
  })
  const moph = await startMophSimulator({
    port: int('SIM_MOPH_PORT', 3002),
    seed,
    children,
    email: env.SIM_MOPH_EMAIL ?? 'bridge@example.org',
    password: env.SIM_MOPH_PASSWORD ?? 'secret',
  })
  process.stdout.write(`primero simulator: ${primero.url}\nmoph simulator (HIS + Child-Shield): ${moph.url}/api\n`)
  const stop = () => void Promise.all([primero.close(), moph.close()]).then(() => process.exit(0))
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
}

main(process.env).catch((err: unknown) => {
  process.stderr.write(`simulators failed to start: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
})

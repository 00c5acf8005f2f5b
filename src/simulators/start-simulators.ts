import { generateChildren } from '../synthetic/children.js'
import { startMophSimulator, type MophSimulator } from './moph.js'
import { startPrimeroSimulator, type PrimeroSimulator } from './primero.js'
import type { SimulatorsOptions } from './sim-options.js'

export interface RunningSimulators {
  readonly primero: PrimeroSimulator
  readonly moph: MophSimulator
  /** What to print once both listen: one line per simulator with its base URL. */
  readonly banner: readonly string[]
  close(): Promise<void>
}

/** Starts the Primero simulator and the MoPH simulator (HIS + Child-Shield, one API) on shared synthetic data. */
export async function startSimulators(options: SimulatorsOptions): Promise<RunningSimulators> {
  const children = [...generateChildren(options.cases, options.seed)]
  const primero = await startPrimeroSimulator({
    host: options.host,
    port: options.primeroPort,
    seed: options.seed,
    cases: children.map((c) => c.primeroCase),
    username: options.primero.username,
    password: options.primero.password,
    faults: options.primero.faults,
  })
  let moph: MophSimulator
  try {
    moph = await startMophSimulator({
      host: options.host,
      port: options.mophPort,
      seed: options.seed,
      children,
      email: options.moph.email,
      password: options.moph.password,
      faults: options.moph.faults,
    })
  } catch (err) {
    await primero.close()
    throw err
  }
  return {
    primero,
    moph,
    banner: [`primero simulator: ${primero.url}`, `moph simulator (HIS + Child-Shield): ${moph.url}/api`],
    async close() {
      await Promise.all([primero.close(), moph.close()])
    },
  }
}

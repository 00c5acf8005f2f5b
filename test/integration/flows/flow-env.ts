import { randomInt } from 'node:crypto'
import type { Admin } from 'kafkajs'
import { startApp, type App, type Runnable } from '../../../src/app.js'
import type { PrimeroCase } from '../../../src/clients/primero-types.js'
import { createLogger } from '../../../src/logger.js'
import { startMophSimulator, type MophSimulator } from '../../../src/simulators/moph.js'
import { startPrimeroSimulator, type PrimeroSimulator } from '../../../src/simulators/primero.js'
import { createIngressSource } from '../../../src/sources/ingress.js'
import { generateChildren, type SyntheticChild } from '../../../src/synthetic/children.js'
import { testConfig, uniqueName } from '../../support/env.js'
import { readAll } from '../../support/stage-harness.js'

export const API_KEY = 'test-ingress-key-0123456789'
const PRIMERO_LOGIN = { username: 'bridge', password: 'bridge-password' }
const MOPH_LOGIN = { email: 'bridge@example.org', password: 'moph-secret' }

export interface FlowEnv {
  readonly children: SyntheticChild[]
  readonly primero: PrimeroSimulator
  readonly moph: MophSimulator
  readonly app: App
  /** The ingress base URL (only when the ingress runs). */
  readonly ingressUrl: string | undefined
  close(): Promise<void>
}

/**
 * Simulators seeded with `count` synthetic children (a random seed per run, so record ids never collide with
 * earlier runs' records on the shared topics) and an app running `runnables` with the real clients.
 */
export async function startFlowEnv(
  count: number,
  runnables: readonly Runnable[],
  options: { withIngress?: boolean; editCases?: (cases: Record<string, unknown>[]) => void } = {},
): Promise<FlowEnv> {
  const children = [...generateChildren(count, randomInt(1, 2 ** 31))]
  const cases: Record<string, unknown>[] = children.map((c) => structuredClone(c.primeroCase))
  options.editCases?.(cases)
  const primero = await startPrimeroSimulator({ cases: cases as unknown as PrimeroCase[], ...PRIMERO_LOGIN })
  const moph = await startMophSimulator({ children, ...MOPH_LOGIN })
  const config = testConfig({
    KAFKA_CLIENT_ID: uniqueName('flow-test'),
    PRIMERO_URL: primero.url,
    PRIMERO_USERNAME: PRIMERO_LOGIN.username,
    PRIMERO_PASSWORD: PRIMERO_LOGIN.password,
    MOPH_URL: moph.url,
    MOPH_EMAIL: MOPH_LOGIN.email,
    MOPH_PASSWORD: MOPH_LOGIN.password,
    INGRESS_HOST: '127.0.0.1',
    INGRESS_PORT: '0',
    INGRESS_API_KEY: API_KEY,
  })
  let ingressUrl: string | undefined
  const ingress: Runnable = {
    kind: 'source',
    source: createIngressSource({ onListening: (url) => (ingressUrl = url) }),
  }
  const all = options.withIngress ? [ingress, ...runnables] : runnables
  let app: App
  try {
    app = await startApp(config, createLogger(config.LOG_LEVEL), all)
  } catch (err) {
    await Promise.all([primero.close(), moph.close()])
    throw err
  }
  return {
    children,
    primero,
    moph,
    app,
    ingressUrl,
    async close() {
      await app.stop()
      await Promise.all([primero.close(), moph.close()])
    },
  }
}

/** Keys of the records of `topic` that belong to `ids`. */
export async function keysIn(admin: Admin, topic: string, ids: ReadonlySet<string>): Promise<string[]> {
  return (await readAll(admin, topic)).flatMap((r) => (r.key !== null && ids.has(r.key) ? [r.key] : []))
}

export async function readyStatus(app: App): Promise<number> {
  return (await fetch(`${app.runtime.healthUrl}/readyz`)).status
}

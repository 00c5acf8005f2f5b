import { randomInt } from 'node:crypto'
import type { DestinationStream } from 'pino'
import { startApp, type App, type Runnable } from '../../../src/app.js'
import type { PrimeroCase } from '../../../src/clients/primero-types.js'
import type { Config } from '../../../src/config.js'
import { createLogger } from '../../../src/logger.js'
import { startMophSimulator, type MophSimulator } from '../../../src/simulators/moph.js'
import { startPrimeroSimulator, type PrimeroSimulator } from '../../../src/simulators/primero.js'
import { createIngressSource, WEBHOOK_PATH } from '../../../src/sources/ingress.js'
import { generateChildren, type SyntheticChild } from '../../../src/synthetic/children.js'
import { testConfig, uniqueName } from '../../support/env.js'

export const SECRETS = {
  apiKey: 'rel-ingress-key-5f0c2e9a7d41',
  primeroUser: 'bridge-user',
  primeroPassword: 'primero-pass-8d2b7e41c9',
  mophEmail: 'bridge-rel@example.org',
  mophPassword: 'moph-pass-3a9f1c66e0',
} as const

export interface World {
  readonly children: SyntheticChild[]
  readonly primero: PrimeroSimulator
  readonly moph: MophSimulator
  readonly app: App
  readonly config: Config
  readonly ingressUrl: string | undefined
  /** POSTs the Sync webhook for `recordId` until the ingress accepts it (202), e.g. across a broker restart. */
  sync(recordId: string, deadlineMs?: number): Promise<void>
  close(): Promise<void>
}

export interface WorldOptions {
  readonly withIngress?: boolean
  /** Overrides merged into the test config (a private stack's, timeouts, LOG_LEVEL…). */
  readonly overrides?: Record<string, string>
  readonly editCases?: (cases: PrimeroCase[]) => void
  readonly logDestination?: DestinationStream
  readonly children?: SyntheticChild[]
}

/** Simulators seeded with `count` fresh synthetic children (random seed) and an app running `runnables`. */
export async function startWorld(count: number, runnables: readonly Runnable[], options: WorldOptions = {}) {
  const children = options.children ?? [...generateChildren(count, randomInt(1, 2 ** 31))]
  const cases = children.map((c) => structuredClone(c.primeroCase))
  options.editCases?.(cases)
  const primero = await startPrimeroSimulator({
    cases,
    username: SECRETS.primeroUser,
    password: SECRETS.primeroPassword,
  })
  const moph = await startMophSimulator({ children, email: SECRETS.mophEmail, password: SECRETS.mophPassword })
  const config = testConfig({
    KAFKA_CLIENT_ID: uniqueName('rel-test'),
    PRIMERO_URL: primero.url,
    PRIMERO_USERNAME: SECRETS.primeroUser,
    PRIMERO_PASSWORD: SECRETS.primeroPassword,
    MOPH_URL: moph.url,
    MOPH_EMAIL: SECRETS.mophEmail,
    MOPH_PASSWORD: SECRETS.mophPassword,
    INGRESS_HOST: '127.0.0.1',
    INGRESS_PORT: '0',
    INGRESS_API_KEY: SECRETS.apiKey,
    ...options.overrides,
  })
  let ingressUrl: string | undefined
  const ingress: Runnable = { kind: 'source', source: createIngressSource({ onListening: (u) => (ingressUrl = u) }) }
  let app: App
  try {
    const logger = createLogger(config.LOG_LEVEL, options.logDestination)
    app = await startApp(config, logger, options.withIngress ? [ingress, ...runnables] : runnables)
  } catch (err) {
    await Promise.all([primero.close(), moph.close()])
    throw err
  }
  const world: World = {
    children,
    primero,
    moph,
    app,
    config,
    get ingressUrl() {
      return ingressUrl
    },
    async sync(recordId, deadlineMs = 120_000) {
      const deadline = Date.now() + deadlineMs
      for (;;) {
        const url = `${ingressUrl}${WEBHOOK_PATH}`
        const status = await primero.sendWebhook({ recordId, event: 'case.post', url, apiKey: SECRETS.apiKey })
        if (status === 202) return
        if (Date.now() > deadline) throw new Error(`webhook for a case not accepted in time (last ${status})`)
        await new Promise((r) => setTimeout(r, 250))
      }
    },
    async close() {
      await app.stop()
      await Promise.all([primero.close(), moph.close()])
    },
  }
  return world
}

/** Runs `work` over `items` with at most `limit` at a time. */
export async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T)
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}

export async function readyStatus(app: App): Promise<number> {
  return (await fetch(`${app.runtime.healthUrl}/readyz`)).status
}

export async function metricSum(app: App, name: string, labelPart = ''): Promise<number> {
  const text = await (await fetch(`${app.runtime.healthUrl}/metrics`)).text()
  return text
    .split('\n')
    .filter((l) => (l.startsWith(`${name}{`) || l.startsWith(`${name} `)) && l.includes(labelPart))
    .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0)
}

import { randomBytes, randomInt } from 'node:crypto'
import { stageOf, startApp, type App, type Runnable } from '../app.js'
import type { PrimeroCase } from '../clients/primero-types.js'
import { loadConfig, type Config } from '../config.js'
import { createKafka } from '../kafka/client.js'
import type { Logger } from '../logger.js'
import { startMophSimulator, type MophSimulator } from '../simulators/moph.js'
import { startPrimeroSimulator, type PrimeroSimulator } from '../simulators/primero.js'
import { RUNNABLES } from '../stages.js'
import { WEBHOOK_PATH, createIngressSource } from '../sources/ingress.js'
import { generateChildren, type SyntheticChild } from '../synthetic/children.js'
import { startGroupsAtEnd } from './start-at-end.js'

const PRIMERO_LOGIN = { username: 'demo-bridge', password: 'demo-bridge-password' }
const MOPH_LOGIN = { email: 'demo-bridge@example.org', password: 'demo-moph-password' }

/** The demo's cast, picked from the synthetic children of this run's seed. */
export interface Cast {
  /** Known to HIS (their Primero cases are also made eligible for Child-Shield). */
  readonly known: SyntheticChild[]
  readonly unknownToHis: SyntheticChild
  /** Its Primero case has no national id. */
  readonly withoutNationalId: SyntheticChild
}

export interface DemoWorld {
  readonly seed: number
  readonly cast: Cast
  readonly primero: PrimeroSimulator
  readonly moph: MophSimulator
  readonly app: App
  readonly config: Config
  readonly webhookUrl: string
  readonly apiKey: string
  close(): Promise<void>
}

function pickCast(children: readonly SyntheticChild[]): Cast {
  const known = children.filter((c) => c.hisPerson !== null)
  const unknown = children.filter((c) => c.hisPerson === null)
  const [a, b, c, d] = known
  const [u] = unknown
  if (!a || !b || !c || !d || !u) throw new Error('the synthetic seed gave too few children; run the demo again')
  return { known: [a, b, c], unknownToHis: u, withoutNationalId: d }
}

/** Cases as the demo needs them: the known children's assessments requested just now, one case without national id. */
function demoCases(children: readonly SyntheticChild[], cast: Cast, now: number): PrimeroCase[] {
  const today = new Date(now).toISOString().slice(0, 10)
  const eligible = new Set(cast.known.map((c) => c.primeroCase.id))
  return children.map((child) => {
    const c = structuredClone(child.primeroCase) as Record<string, unknown>
    if (eligible.has(child.primeroCase.id))
      Object.assign(c, { assessment_requested_on: today, status: 'open', last_updated_at: new Date(now).toISOString() })
    if (child === cast.withoutNationalId) delete c.national_id_no
    return c as PrimeroCase
  })
}

/**
 * Simulators (random seed, so record ids never meet an earlier run's) and every stage in this process, all on
 * 127.0.0.1 with ports from the environment or free ones. Pollers run on demand (pollOnce), not on schedule.
 */
export async function startWorld(
  env: Record<string, string | undefined>,
  logger: Logger,
  signal: AbortSignal,
): Promise<DemoWorld> {
  const seed = randomInt(1, 2 ** 31)
  const children = [...generateChildren(40, seed)]
  const cast = pickCast(children)
  const now = Date.now()
  const port = (name: string) => (env[name] ? { port: Number(env[name]) } : {})
  const primero = await startPrimeroSimulator({
    cases: demoCases(children, cast, now),
    seed,
    ...PRIMERO_LOGIN,
    ...port('SIM_PRIMERO_PORT'),
  })
  const moph = await startMophSimulator({ children, seed, ...MOPH_LOGIN, ...port('SIM_MOPH_PORT') }).catch(
    async (err: unknown) => {
      await primero.close()
      throw err
    },
  )
  const apiKey = randomBytes(16).toString('hex')
  const pollStart = new Date(now - 60_000).toISOString()
  const config = loadConfig({
    ...env,
    LOG_LEVEL: env.LOG_LEVEL ?? 'info',
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: env.HTTP_PORT ?? '0',
    INGRESS_HOST: '127.0.0.1',
    INGRESS_PORT: env.INGRESS_PORT ?? '0',
    INGRESS_API_KEY: apiKey,
    PRIMERO_URL: primero.url,
    PRIMERO_USERNAME: PRIMERO_LOGIN.username,
    PRIMERO_PASSWORD: PRIMERO_LOGIN.password,
    MOPH_URL: moph.url,
    MOPH_EMAIL: MOPH_LOGIN.email,
    MOPH_PASSWORD: MOPH_LOGIN.password,
    PRIMERO_POLL_START: pollStart,
    CHILDSHIELD_POLL_START: pollStart,
    KAFKA_SESSION_TIMEOUT_MS: env.KAFKA_SESSION_TIMEOUT_MS ?? '10000',
    KAFKA_HEARTBEAT_INTERVAL_MS: env.KAFKA_HEARTBEAT_INTERVAL_MS ?? '1000',
    SHUTDOWN_GRACE_MS: env.SHUTDOWN_GRACE_MS ?? '5000',
  })
  let ingressUrl = ''
  const runnables: Runnable[] = Object.entries(RUNNABLES).map(([name, r]) =>
    name === 'ingress'
      ? { kind: 'source', source: createIngressSource({ onListening: (url) => (ingressUrl = url) }) }
      : r,
  )
  let app: App
  try {
    const stages = runnables.flatMap((r) => (r.kind === 'stage' ? [stageOf(r, config)] : []))
    await startGroupsAtEnd(
      createKafka(config, logger),
      stages.map((s) => ({ name: s.name, topic: s.input.topic })),
    )
    app = await startApp(config, logger, runnables, { signal })
  } catch (err) {
    await Promise.all([primero.close(), moph.close()])
    throw err
  }
  return {
    seed,
    cast,
    primero,
    moph,
    app,
    config,
    webhookUrl: `${ingressUrl}${WEBHOOK_PATH}`,
    apiKey,
    async close() {
      await app.stop()
      await Promise.all([primero.close(), moph.close()])
    },
  }
}

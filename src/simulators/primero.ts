import { timingSafeEqual } from 'node:crypto'
import type { PrimeroCase } from '../clients/primero-types.js'
import { isObject } from '../http/error-detail.js'
import { generateChildren } from '../synthetic/children.js'
import type { Faults } from './faults.js'
import { primeroError, handlePrimero } from './primero-routes.js'
import { createPrimeroState } from './primero-state.js'
import type { PrimeroState } from './primero-state.js'
import { startSimServer } from './sim-server.js'
import type { SimRequest, SimResponse, SimServer } from './sim-server.js'
import { deliverWebhook } from './webhook.js'
import type { WebhookRequest } from './webhook.js'

export interface PrimeroSimulatorOptions {
  readonly port?: number
  readonly host?: string
  readonly username?: string
  readonly password?: string
  /** Seed cases: a count of synthetic children (with `seed`) or explicit cases. Default 0. */
  readonly cases?: number | readonly PrimeroCase[]
  readonly seed?: number
  readonly faults?: Faults
  readonly hostname?: string
  readonly now?: () => number
}

export interface PrimeroSimulator extends SimServer {
  readonly state: PrimeroState
  sendWebhook(req: WebhookRequest): Promise<number>
}

/**
 * A Primero v2 simulator on node:http: Basic auth, cases listing/show/PATCH with form validation (422) and
 * subform merge, lookups, locations, webhook sender; admin routes under `/__admin/` (see sim-server.ts).
 */
export async function startPrimeroSimulator(options: PrimeroSimulatorOptions = {}): Promise<PrimeroSimulator> {
  const seed = options.seed ?? 1
  const now = options.now ?? Date.now
  const hostname = options.hostname ?? 'primero.simulator.local'
  const initial = (): PrimeroCase[] =>
    typeof options.cases === 'object'
      ? structuredClone([...options.cases])
      : [...generateChildren(options.cases ?? 0, seed)].map((c) => c.primeroCase)
  const state = createPrimeroState(initial())
  const expected = Buffer.from(
    `Basic ${Buffer.from(`${options.username ?? 'primero'}:${options.password ?? 'primero'}`).toString('base64')}`,
  )
  const authorised = (req: SimRequest) => {
    const given = Buffer.from(req.headers.authorization ?? '')
    return given.length === expected.length && timingSafeEqual(given, expected)
  }
  const sendWebhook = (req: WebhookRequest) => deliverWebhook(state, hostname, req, now)

  const server = await startSimServer({
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.faults === undefined ? {} : { faults: options.faults }),
    seed,
    invalidJson: primeroError(422, '/api/v2', 'Invalid Record JSON', ['/']),
    handle: (req) =>
      authorised(req)
        ? handlePrimero(state, req, now)
        : { status: 401, body: { error: 'Invalid User name or password.' } },
    admin: (req) => adminRoute(req),
    state: () => ({ cases: [...state.cases.values()], sync: Object.fromEntries(state.sync) }),
    reset: () => {
      state.cases.clear()
      state.sync.clear()
      for (const c of initial()) state.cases.set(c.id, c)
    },
  })

  async function adminRoute(req: SimRequest): Promise<SimResponse | undefined> {
    const body = isObject(req.body) ? req.body : {}
    if (req.method === 'POST' && req.path === '/__admin/webhook') {
      if (typeof body.recordId !== 'string' || !state.cases.has(body.recordId))
        return { status: 404, body: { error: 'unknown recordId' } }
      if (typeof body.url !== 'string') return { status: 400, body: { error: 'url required' } }
      const event = body.event === 'case.create' ? 'case.create' : 'case.post'
      const basic = isObject(body.basic) ? body.basic : undefined
      const status = await sendWebhook({
        recordId: body.recordId,
        url: body.url,
        event,
        ...(typeof body.apiKey === 'string' ? { apiKey: body.apiKey } : {}),
        ...(basic ? { basic: { username: String(basic.username), password: String(basic.password) } } : {}),
      })
      return { status: 200, body: { status } }
    }
    if (
      req.method === 'POST' &&
      req.path === '/__admin/cases' &&
      isObject(body.data) &&
      typeof body.data.id === 'string'
    ) {
      const c = { ...body.data, id: body.data.id } as PrimeroCase
      state.cases.set(c.id, c)
      return { status: 200, body: { data: c } }
    }
    return undefined
  }

  return Object.assign(server, { state, sendWebhook })
}

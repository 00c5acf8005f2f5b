import type { RiskModel } from '../clients/moph-types.js'
import { isObject } from '../http/error-detail.js'
import { generateChildren } from '../synthetic/children.js'
import type { SyntheticChild } from '../synthetic/children.js'
import { createRng } from '../synthetic/prng.js'
import type { Faults } from './faults.js'
import { handleMoph } from './moph-routes.js'
import { authorizationRequired, createMophState, loopBackError, seedMophState } from './moph-state.js'
import type { MophState } from './moph-state.js'
import { startSimServer } from './sim-server.js'
import type { SimRequest, SimResponse, SimServer } from './sim-server.js'

export interface MophSimulatorOptions {
  readonly port?: number
  readonly host?: string
  readonly email?: string
  readonly password?: string
  /** Token lifetime in seconds (real API: 1 209 600 = 14 days). */
  readonly ttlS?: number
  /** Seed data: a count of synthetic children (with `seed`) or explicit children. Default 0. */
  readonly children?: number | readonly SyntheticChild[]
  readonly seed?: number
  readonly faults?: Faults
  readonly now?: () => number
}

export interface MophSimulator extends SimServer {
  readonly state: MophState
  /** Creates or updates a person's Child-Shield risk model and bumps its `updatedAt`. */
  setRiskModel(cid: string, fields: Partial<RiskModel>): RiskModel
  /** Forgets every issued token (clients must log in again). */
  expireTokens(): void
  /** Answers `people/findOne` for `cid` with `body` verbatim (200), as a misbehaving HIS would; reset clears it. */
  setPersonAnswer(cid: string, body: unknown): void
}

/** The MoPH LoopBack API simulator (HIS + Child-Shield behind one API, as in reality). */
export async function startMophSimulator(options: MophSimulatorOptions = {}): Promise<MophSimulator> {
  const seed = options.seed ?? 1
  const now = options.now ?? Date.now
  const ttlS = options.ttlS ?? 1_209_600
  const children = () =>
    typeof options.children === 'object'
      ? structuredClone([...options.children])
      : generateChildren(options.children ?? 0, seed)
  const state = createMophState(children())
  const ids = createRng(seed ^ 0x5eed)
  const ctx = { state, now, ids }

  function login(req: SimRequest): SimResponse {
    const body = isObject(req.body) ? req.body : {}
    if (body.email !== (options.email ?? 'bridge@example.org') || body.password !== (options.password ?? 'secret')) {
      return loopBackError(401, 'LOGIN_FAILED', 'login failed')
    }
    const token = ids.hex(64)
    state.tokens.set(token, now() + ttlS * 1000)
    state.logins++
    return {
      status: 200,
      body: { id: token, ttl: ttlS, created: new Date(now()).toISOString(), userId: '5f58385185fb8754866b4d3d' },
    }
  }

  function authorised(req: SimRequest): boolean {
    const token = req.query.get('access_token') ?? req.headers.authorization ?? ''
    const expiresAt = state.tokens.get(token)
    return expiresAt !== undefined && now() < expiresAt
  }

  function setRiskModel(cid: string, fields: Partial<RiskModel>): RiskModel {
    const current = state.riskmodels.get(cid) ?? { id: ids.hex(24), cid }
    const next: RiskModel = { ...current, ...fields, cid, updatedAt: new Date(now()).toISOString() }
    state.riskmodels.set(cid, next)
    return next
  }

  function setPersonAnswer(cid: string, body: unknown): void {
    state.personAnswers.set(cid, body)
  }

  const server = await startSimServer({
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.faults === undefined ? {} : { faults: options.faults }),
    seed,
    invalidJson: loopBackError(400, 'INVALID_JSON', 'Unexpected token in JSON'),
    handle: (req) => {
      if (req.method === 'POST' && req.path === '/api/Users/login') return login(req)
      return authorised(req) ? handleMoph(ctx, req) : authorizationRequired()
    },
    admin: (req) => {
      const body = isObject(req.body) ? req.body : {}
      const route = `${req.method} ${req.path}`
      if (route !== 'POST /__admin/riskmodel' && route !== 'POST /__admin/person-answer') return undefined
      if (typeof body.cid !== 'string') return { status: 400, body: { error: 'cid required' } }
      if (route === 'POST /__admin/riskmodel') return { status: 200, body: setRiskModel(body.cid, body) }
      setPersonAnswer(body.cid, body.body)
      return { status: 204 }
    },
    state: () => ({
      people: [...state.people.values()],
      interventions: [...state.interventions.values()],
      riskmodels: [...state.riskmodels.values()],
      logins: state.logins,
    }),
    reset: () => {
      seedMophState(state, children())
    },
  })
  return Object.assign(server, {
    state,
    setRiskModel,
    expireTokens: () => {
      state.tokens.clear()
    },
    setPersonAnswer,
  })
}

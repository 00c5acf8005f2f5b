import { isObject } from '../http/error-detail.js'
import type { HisPerson, Intervention } from '../clients/moph-types.js'
import type { Rng } from '../synthetic/prng.js'
import { matchesWhere, page, parseFilter, setPath, sortBy } from './moph-filter.js'
import type { LoopBackFilter } from './moph-filter.js'
import { interventionsOf, loopBackError, notFound, putIntervention } from './moph-state.js'
import type { MophState } from './moph-state.js'
import type { SimRequest, SimResponse } from './sim-server.js'

const INTERVENTION_PATH = /^\/api\/interventions\/([^/]+)$/
const MAX_INCLUDED_VISITS = 50

export interface MophRouteContext {
  readonly state: MophState
  readonly now: () => number
  readonly ids: Rng
}

function withRelations(ctx: MophRouteContext, person: HisPerson, filter: LoopBackFilter): HisPerson {
  const result: Record<string, unknown> = { ...person }
  for (const { relation, scope } of filter.include) {
    if (relation === 'interventions') {
      const sorted = sortBy(interventionsOf(ctx.state, person.cid), scope.order ?? 'vstdate DESC')
      result.interventions = page(sorted, 0, Math.min(scope.limit ?? MAX_INCLUDED_VISITS, MAX_INCLUDED_VISITS))
    }
    const risk = ctx.state.riskmodels.get(person.cid)
    if (relation === 'riskmodel' && risk) result.riskmodel = risk
  }
  return result as HisPerson
}

function findIntervention(ctx: MophRouteContext, where: Record<string, unknown>): Intervention | undefined {
  const candidates =
    typeof where.cid === 'string' ? interventionsOf(ctx.state, where.cid) : ctx.state.interventions.values()
  for (const i of candidates) if (matchesWhere(i, where)) return i
  return undefined
}

/** MoPH API routes (token already checked). */
export function handleMoph(ctx: MophRouteContext, req: SimRequest): SimResponse {
  const { method, path } = req
  const filter = parseFilter(req.query.get('filter'))
  if (method === 'GET' && !filter) return loopBackError(400, 'INVALID_FILTER', 'Invalid "filter" parameter')
  if (method === 'GET' && filter && path === '/api/people/findOne') {
    const cid = filter.where.cid
    if (typeof cid === 'string' && ctx.state.personAnswers.has(cid))
      return { status: 200, body: ctx.state.personAnswers.get(cid) }
    const person = typeof cid === 'string' ? ctx.state.people.get(cid) : undefined
    return person ? { status: 200, body: withRelations(ctx, person, filter) } : notFound('person')
  }
  if (method === 'GET' && filter && path === '/api/interventions/findOne') {
    const found = findIntervention(ctx, filter.where)
    return found ? { status: 200, body: found } : notFound('intervention')
  }
  if (method === 'GET' && filter && path === '/api/riskmodels') {
    const matching = [...ctx.state.riskmodels.values()].filter((m) => matchesWhere(m, filter.where))
    return { status: 200, body: page(sortBy(matching, filter.order), filter.skip, filter.limit) }
  }
  if (method === 'POST' && path === '/api/interventions') {
    if (!isObject(req.body)) return loopBackError(422, 'VALIDATION_ERROR', 'Invalid body')
    const created = { ...req.body, id: ctx.ids.hex(24) } as Intervention
    putIntervention(ctx.state, created)
    return { status: 200, body: created }
  }
  const id = INTERVENTION_PATH.exec(path)?.[1]
  if (method === 'PATCH' && id !== undefined) {
    const existing = ctx.state.interventions.get(id)
    if (!existing) return notFound('intervention')
    if (!isObject(req.body)) return loopBackError(422, 'VALIDATION_ERROR', 'Invalid body')
    const updated: Record<string, unknown> = structuredClone({ ...existing })
    for (const [key, value] of Object.entries(req.body)) if (key !== 'id') setPath(updated, key, value)
    putIntervention(ctx.state, updated as Intervention)
    return { status: 200, body: updated }
  }
  return loopBackError(
    404,
    'NOT_FOUND',
    `Shared class does not have a method handling ${method} ${path.replace(/\/[0-9a-f]{24}/g, '/:id')}`,
  )
}

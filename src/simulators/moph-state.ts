import type { HisPerson, Intervention, RiskModel } from '../clients/moph-types.js'
import type { SyntheticChild } from '../synthetic/children.js'

/** In-memory MoPH API: HIS people, interventions (HIS visits and Child-Shield records), risk models, tokens. */
export interface MophState {
  readonly people: Map<string, HisPerson>
  readonly interventions: Map<string, Intervention>
  readonly interventionsByCid: Map<string, Set<string>>
  readonly riskmodels: Map<string, RiskModel>
  /** `people/findOne` answers served verbatim (200) for a cid instead of the stored person: malformed HIS data. */
  readonly personAnswers: Map<string, unknown>
  readonly tokens: Map<string, number>
  /** Successful logins so far (tests assert single-flight login). */
  logins: number
}

export function createMophState(children: Iterable<SyntheticChild>): MophState {
  const state: MophState = {
    people: new Map(),
    interventions: new Map(),
    interventionsByCid: new Map(),
    riskmodels: new Map(),
    personAnswers: new Map(),
    tokens: new Map(),
    logins: 0,
  }
  seedMophState(state, children)
  return state
}

/** Empties the state and fills it from synthetic children (used at start and by `/__admin/reset`). */
export function seedMophState(state: MophState, children: Iterable<SyntheticChild>): void {
  const maps = [state.people, state.interventions, state.interventionsByCid, state.riskmodels, state.personAnswers]
  for (const map of [...maps, state.tokens]) map.clear()
  state.logins = 0
  for (const child of children) {
    if (!child.hisPerson) continue
    state.people.set(child.nationalId, child.hisPerson)
    for (const visit of child.visits) putIntervention(state, visit)
    if (child.riskmodel) state.riskmodels.set(child.nationalId, child.riskmodel)
  }
}

export function putIntervention(state: MophState, intervention: Intervention): void {
  state.interventions.set(intervention.id, intervention)
  if (typeof intervention.cid !== 'string') return
  let ids = state.interventionsByCid.get(intervention.cid)
  if (!ids) state.interventionsByCid.set(intervention.cid, (ids = new Set()))
  ids.add(intervention.id)
}

export function interventionsOf(state: MophState, cid: string): Intervention[] {
  return [...(state.interventionsByCid.get(cid) ?? [])].flatMap((id) => {
    const i = state.interventions.get(id)
    return i ? [i] : []
  })
}

export function loopBackError(statusCode: number, code: string, message: string) {
  return {
    status: statusCode,
    body: {
      error: {
        statusCode,
        name: 'Error',
        message,
        ...(statusCode === 404 ? { status: 404 } : {}),
        code,
        stack: `Error: ${message}\n    at simulator`,
      },
    },
  }
}

export const notFound = (model: string) => loopBackError(404, 'MODEL_NOT_FOUND', `Unknown "${model}" id "undefined".`)
export const authorizationRequired = () => loopBackError(401, 'AUTHORIZATION_REQUIRED', 'Authorization Required')

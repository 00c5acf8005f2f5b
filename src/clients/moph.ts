import { DeliveryError, NotFoundError } from '../errors.js'
import { isObject } from '../http/error-detail.js'
import type { HttpObserver, RequestOptions } from '../http/http-client.js'
import { createHttpClient } from '../http/http-client.js'
import {
  personFilter,
  personWithHistoryFilter,
  primeroInterventionFilter,
  riskModelsPageFilter,
} from './moph-filters.js'
import { withoutForeignRelations, type ForeignPart } from './moph-relations.js'
import { createMophTokens } from './moph-token.js'
import type { HisPerson, Intervention, RiskModel } from './moph-types.js'
import { expectRecord, shapeError } from './shape.js'

export interface MophClientOptions {
  readonly baseUrl: string
  readonly email: string
  readonly password: string
  /** Name in errors and metrics; default 'moph' (use 'his' or 'child-shield' per stage). */
  readonly target?: string
  readonly timeoutMs?: number
  readonly ca?: string
  readonly rejectUnauthorized?: boolean
  readonly observer?: HttpObserver
  readonly now?: () => number
}

export interface PersonLookupOptions {
  /** Told of each intervention or risk model left out because it names another child (see moph-relations). */
  readonly onDropped?: (part: ForeignPart) => void
}

/**
 * The MoPH LoopBack API behind both HIS and Child-Shield. The token travels as the `access_token` query
 * parameter, so request URLs must never be logged; the http client never logs or reports URLs.
 * A 401 refreshes the token once and retries the call once; a 401 after that is an outage (retryable, see
 * isRetryableStatus in errors.ts). `null` means 404 MODEL_NOT_FOUND. A person answer never carries another child's
 * interventions or risk model (withoutForeignRelations).
 */
export interface MophClient {
  findPersonWithHistory(cid: string, options?: PersonLookupOptions): Promise<HisPerson | null>
  findPerson(cid: string, options?: PersonLookupOptions): Promise<HisPerson | null>
  findPrimeroIntervention(cid: string): Promise<Intervention | null>
  /**
   * LoopBack PATCH; dotted-path keys (`activities.primeroservice.2024-06-05`) set nested values.
   * NotFoundError when the intervention does not exist (404 MODEL_NOT_FOUND).
   */
  patchIntervention(id: string, body: Readonly<Record<string, unknown>>): Promise<Intervention>
  createIntervention(body: Readonly<Record<string, unknown>>): Promise<Intervention>
  /** Pages of risk models updated after `sinceIso`, newest first (see riskModelsPageFilter for why). */
  listRiskModelsUpdatedSince(sinceIso: string, options?: { pageSize?: number }): AsyncGenerator<RiskModel[]>
  close(): void
}

export function createMophClient(options: MophClientOptions): MophClient {
  const target = options.target ?? 'moph'
  const http = createHttpClient({
    target,
    baseUrl: options.baseUrl,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.ca === undefined ? {} : { ca: options.ca }),
    ...(options.rejectUnauthorized === undefined ? {} : { rejectUnauthorized: options.rejectUnauthorized }),
    ...(options.observer === undefined ? {} : { observer: options.observer }),
  })
  const tokens = createMophTokens(http, options.email, options.password, options.now ?? Date.now)

  async function authed(method: string, path: string, req: RequestOptions = {}) {
    const send = async (token: string) =>
      http.request(method, path, { ...req, searchParams: { ...req.searchParams, access_token: token } })
    const token = await tokens.get()
    try {
      return await send(token)
    } catch (err) {
      if (!(err instanceof DeliveryError) || err.status !== 401) throw err
      tokens.invalidate(token)
      return send(await tokens.get())
    }
  }

  /**
   * LoopBack's findOne answers the first record of the collection when a filter is not applied, so the answer must
   * be for the cid asked about: another child's record would be written into this child's case.
   */
  async function findOne(
    path: string,
    filter: object,
    key: 'id' | 'cid',
    cid: string,
  ): Promise<Record<string, unknown> | null> {
    const { status, body } = await authed('GET', path, {
      searchParams: { filter: JSON.stringify(filter) },
      allowStatuses: [404],
    })
    if (status === 404) {
      if (isModelNotFound(body)) return null
      throw unexpected404('GET', path)
    }
    const found = expectRecord(target, `GET ${path}`, body, key)
    if (found.cid !== cid) throw shapeError(target, `GET ${path}`, 'a record of another cid')
    return found
  }

  function unexpected404(method: string, route: string): DeliveryError {
    return new DeliveryError(target, `${target} ${method} ${route} failed: 404 without MODEL_NOT_FOUND`, {
      status: 404,
      retryable: false,
    })
  }

  async function findPersonAnswer(cid: string, filter: object, options: PersonLookupOptions = {}) {
    const person = await findOne('/api/people/findOne', filter, 'cid', cid)
    return person && (withoutForeignRelations(person, cid, options.onDropped) as HisPerson)
  }

  return {
    findPersonWithHistory: (cid, options) => findPersonAnswer(cid, personWithHistoryFilter(cid), options),
    findPerson: (cid, options) => findPersonAnswer(cid, personFilter(cid), options),
    findPrimeroIntervention: async (cid) =>
      (await findOne('/api/interventions/findOne', primeroInterventionFilter(cid), 'id', cid)) as Intervention | null,
    async patchIntervention(id, body) {
      const route = '/api/interventions/:id'
      const answer = await authed('PATCH', `/api/interventions/${encodeURIComponent(id)}`, {
        json: body,
        allowStatuses: [404],
      })
      if (answer.status === 404) {
        if (isModelNotFound(answer.body))
          throw new NotFoundError(target, `${target} PATCH ${route}: no such intervention`)
        throw unexpected404('PATCH', route)
      }
      return expectRecord(target, `PATCH ${route}`, answer.body, 'id') as Intervention
    },
    async createIntervention(body) {
      const answer = await authed('POST', '/api/interventions', { json: body })
      return expectRecord(target, 'POST /api/interventions', answer.body, 'id') as Intervention
    },
    async *listRiskModelsUpdatedSince(sinceIso, { pageSize = 500 } = {}) {
      for (let skip = 0; ; skip += pageSize) {
        const filter = riskModelsPageFilter(sinceIso, pageSize, skip)
        const { body } = await authed('GET', '/api/riskmodels', { searchParams: { filter: JSON.stringify(filter) } })
        if (!Array.isArray(body)) throw shapeError(target, 'GET /api/riskmodels', 'not an array')
        const page = body.map((m) => expectRecord(target, 'GET /api/riskmodels', m, 'cid') as RiskModel)
        if (page.length > 0) yield page
        if (page.length < pageSize) return
      }
    },
    close: () => {
      http.close()
    },
  }
}

function isModelNotFound(body: unknown): boolean {
  return isObject(body) && isObject(body.error) && body.error.code === 'MODEL_NOT_FOUND'
}

import type { HisLookupResult, HisPerson, HisVisit } from '../domain/records.js'
import type { RawHisPerson } from '../domain/his.js'
import { isChildShieldIntervention } from './child-shield-intervention.js'
import { mapVisit } from './his-visit.js'
import { asRecord, isoDate, recordsOf, text, timeOfDay } from './normalise.js'
import { riskModelToScore } from './risk-model-to-score.js'

/** What the his-lookup stage knows about the request, independent of HIS's answer. */
export interface LookupContext {
  readonly requestId: string
  readonly recordId: string
  readonly nationalId: string | null
  readonly requestedBy: string | null
  /** Epoch milliseconds at which HIS answered (or the lookup was given up). */
  readonly fetchedAt: number
}

/** HIS sends at most 50 interventions; the bridge keeps at most that many even if sent more. */
export const MAX_VISITS = 50

/**
 * Maps a HIS `people/findOne` answer to a FOUND HisLookupResult. Total: messy or wrongly typed data
 * becomes null or is skipped, never an exception. Child-Shield interventions (OSCC home visits, PLH data, the
 * bridge's own Primero copies: see isChildShieldIntervention) are not hospital visits and are left out. Visits
 * are sorted newest first by date then time (undated last, otherwise HIS order kept) and capped at MAX_VISITS.
 */
export function toHisLookupResult(person: unknown, ctx: LookupContext): HisLookupResult {
  const raw: RawHisPerson | null = asRecord(person)
  return {
    ...baseResult(ctx),
    status: 'FOUND',
    person: raw ? mapPerson(raw) : null,
    visits: raw ? newestVisits(raw.interventions) : [],
    riskModel: raw ? riskModelToScore(raw.riskmodel, { nationalId: ctx.nationalId }) : null,
  }
}

/** HIS answered 404 MODEL_NOT_FOUND for the national id. */
export function notFoundResult(ctx: LookupContext): HisLookupResult {
  return { ...baseResult(ctx), status: 'NOT_FOUND', reason: 'person-not-found' }
}

/** The request cannot be looked up (e.g. no valid national id). `reason` must be PII-free. */
export function invalidRequestResult(ctx: LookupContext, reason: string): HisLookupResult {
  return { ...baseResult(ctx), status: 'INVALID_REQUEST', reason }
}

/** The lookup failed permanently (e.g. HIS rejected it). `reason` must be PII-free. */
export function failedResult(ctx: LookupContext, reason: string): HisLookupResult {
  return { ...baseResult(ctx), status: 'FAILED', reason }
}

function baseResult(ctx: LookupContext): HisLookupResult {
  return {
    requestId: ctx.requestId,
    recordId: ctx.recordId,
    nationalId: ctx.nationalId,
    status: 'FOUND',
    reason: null,
    requestedBy: ctx.requestedBy,
    person: null,
    visits: [],
    riskModel: null,
    fetchedAt: ctx.fetchedAt,
  }
}

function mapPerson(raw: RawHisPerson): HisPerson {
  return {
    hn: text(raw.hn),
    hcode: text(raw.hcode),
    hname: text(raw.hname),
    title: text(raw.pname),
    firstName: text(raw.fname),
    lastName: text(raw.lname),
    sex: text(raw.sex),
    birthday: isoDate(raw.birthday),
    nationality: text(raw.nationality),
    maritalStatus: text(raw.marrystatus),
    education: text(raw.educate) ?? text(raw.aducate),
    occupationName: text(raw.occupation_name),
    insuranceName: text(raw.pttype_name),
    address: text(raw.informaddr),
    phone: text(raw.hometel) ?? text(raw.informtel),
  }
}

function newestVisits(interventions: unknown): HisVisit[] {
  const keyed = recordsOf(interventions)
    .filter((intervention) => !isChildShieldIntervention(intervention))
    .map((intervention, index) => ({ intervention, index, key: sortKey(intervention) }))
  keyed.sort((a, b) => (a.key === b.key ? a.index - b.index : a.key < b.key ? 1 : -1))
  return keyed.slice(0, MAX_VISITS).map(({ intervention }) => mapVisit(intervention))
}

/** "YYYY-MM-DD HH:mm:ss"; undated visits sort last (empty key). */
function sortKey(intervention: Record<string, unknown>): string {
  const date = isoDate(intervention.vstdate)
  return date === null ? '' : `${date} ${timeOfDay(intervention.vsttime) ?? '00:00:00'}`
}

import { CHILD_SHIELD_SECTIONS, SUBFORM, type ChildShieldSections } from './childshield-sections.js'
import { createTranslator, type ChildShieldTranslations } from './childshield-translator.js'
import { PRIMERO_SERVICE_KEY } from './child-shield-intervention.js'

export { CHILD_SHIELD_SECTIONS, type ChildShieldSections } from './childshield-sections.js'

export type { ChildShieldTranslations } from './childshield-translator.js'

export interface SnapshotOptions {
  /** The section layout; default CHILD_SHIELD_SECTIONS. */
  readonly sections?: ChildShieldSections
  /** Told of each select or location field sent with a value that has no label (field name, never the value). */
  readonly onUntranslated?: (field: string) => void
}

export type ChildShieldSnapshot = Record<string, unknown>

/**
 * The Primero → Child-Shield selection rule (job getCasesFromPrimero, with its `statuc` typo fixed):
 * the case has `assessment_requested_on`, and either it is closed with `date_closure` on or after the
 * cursor's UTC date, or it is not closed (open, transferred, …) with `assessment_requested_on` on or
 * after the cursor's UTC date. Dates compare as YYYY-MM-DD; an unreadable date does not qualify.
 */
export function isEligibleForChildShield(caseData: Record<string, unknown>, cursorDate: Date | string): boolean {
  const cursorDay = dayOf(cursorDate instanceof Date ? cursorDate.toISOString() : cursorDate)
  const requestedOn = dayOf(caseData.assessment_requested_on)
  if (cursorDay === null || requestedOn === null) return false
  if (caseData.status === 'closed') {
    const closedOn = dayOf(caseData.date_closure)
    return closedOn !== null && closedOn >= cursorDay
  }
  return requestedOn >= cursorDay
}

/**
 * One day's copy of a case for Child-Shield, grouped by form section (reference §2.6): select values (every field
 * of CHILD_SHIELD_SELECTS, and any other field the translations know) as `{id: label}`, multi-selects as
 * `[{id: label}]`, locations as `{code: name}` (label null when unknown, reported to onUntranslated), '' kept,
 * missing → null, other values as they are. Subform rows written by the bridge from HIS
 * (`source_of_information_* === "his"`) are never included.
 */
export function buildChildShieldSnapshot(
  caseData: Record<string, unknown>,
  translations: ChildShieldTranslations,
  options: SnapshotOptions = {},
): ChildShieldSnapshot {
  const translator = createTranslator(translations, options.onUntranslated)
  const snapshot: ChildShieldSnapshot = {}
  for (const [section, spec] of Object.entries(options.sections ?? CHILD_SHIELD_SECTIONS)) {
    snapshot[section] =
      spec === SUBFORM
        ? translator.value(section, caseData[section])
        : Object.fromEntries(spec.map((field) => [field, translator.value(field, caseData[field])]))
  }
  return snapshot
}

/** Child-Shield's date key for today's copy: the UTC date YYYY-MM-DD of `now`. */
export function childShieldDayKey(now: Date): string {
  return now.toISOString().slice(0, 10)
}

/** `POST /api/interventions` body when the child has no Primero intervention yet (D1). */
export function buildChildShieldCreateBody(input: {
  readonly cid: string
  readonly personId: string
  readonly day: string
  readonly snapshot: ChildShieldSnapshot
}): Record<string, unknown> {
  return {
    cid: input.cid,
    personId: input.personId,
    activities: { [PRIMERO_SERVICE_KEY]: { serviceType: 'primero', [input.day]: input.snapshot } },
  }
}

/** `PATCH /api/interventions/:id` body: a dotted-path key, so other days stay untouched (D2). */
export function buildChildShieldPatchBody(day: string, snapshot: ChildShieldSnapshot): Record<string, unknown> {
  return { [`activities.${PRIMERO_SERVICE_KEY}.${day}`]: snapshot }
}

function dayOf(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(value.trim())
  return match?.[1] ?? null
}

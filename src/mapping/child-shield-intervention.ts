import { asRecord, text } from './normalise.js'

/** HIS visit type (`ovstist`) of an OSCC home visit (reference §2.3, D3). */
export const OSCC_VISIT_TYPE = 'oscc'

/** The `activities` key under which the bridge (and OpenFn before it) stores its per-day Primero copies (§2.6). */
export const PRIMERO_SERVICE_KEY = 'primeroservice'

/**
 * True for an intervention that is Child-Shield's, not a hospital visit (reference §2.3, §2.4, D3):
 *  - an OSCC home visit: `ovstist` "oscc" (any case);
 *  - home-service (PLH) data: a non-empty `activities.homeservice` (an empty list is a normal key of any visit);
 *  - the bridge's own Child-Shield record: `activities.primeroservice` present.
 * Such interventions give no `physical_check_2` row and are never "the latest visit" whose diagnoses are written.
 */
export function isChildShieldIntervention(intervention: Record<string, unknown>): boolean {
  if (text(intervention.ovstist)?.toLowerCase() === OSCC_VISIT_TYPE) return true
  const activities = asRecord(intervention.activities)
  if (activities === null) return false
  const { homeservice } = activities
  if (Array.isArray(homeservice) ? homeservice.length > 0 : asRecord(homeservice) !== null) return true
  const primeroService = activities[PRIMERO_SERVICE_KEY]
  return primeroService !== undefined && primeroService !== null
}

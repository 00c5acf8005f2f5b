import { normaliseNationalId } from '../domain/national-id.js'
import { isObject } from '../http/error-detail.js'

/** A part of a HIS person answer left out because it names another child (the metric label of its warning). */
export type ForeignPart = 'interventions.cid' | 'riskmodel.cid'

/**
 * The person answer without the embedded records of another child. The person itself was checked against the
 * cid asked (findOne), but the `interventions` and `riskmodel` relations come from other collections, and a
 * broken relation or filter would put another child's visits or risk score into this child's case. So:
 *  - an intervention whose `cid` is not this child's is dropped (the others are still this child's history);
 *  - a risk model whose `cid` is not this child's is treated as absent (`riskmodel: null`).
 * Each drop is reported to `onDropped`. `cid` is compared normalised (dashes, JSON numbers); a record WITHOUT a
 * `cid` is kept, since it is reachable only through this person's relation. Wrongly shaped relations (not an array
 * or object) pass through untouched: the mapping ignores them.
 */
export function withoutForeignRelations(
  person: Record<string, unknown>,
  cid: string,
  onDropped: (part: ForeignPart) => void = () => undefined,
): Record<string, unknown> {
  const result = { ...person }
  if (Array.isArray(person.interventions)) {
    result.interventions = person.interventions.filter((visit: unknown) => {
      const foreign = isObject(visit) && isForeign(visit.cid, cid)
      if (foreign) onDropped('interventions.cid')
      return !foreign
    })
  }
  if (isObject(person.riskmodel) && isForeign(person.riskmodel.cid, cid)) {
    onDropped('riskmodel.cid')
    result.riskmodel = null
  }
  return result
}

function isForeign(value: unknown, cid: string): boolean {
  if (value === undefined || value === null || value === '') return false
  const normalised = normaliseNationalId(value)
  return !normalised.ok || normalised.value !== cid
}

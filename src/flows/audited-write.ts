import { DeliveryError, NotFoundError } from '../errors.js'
import type { AuditNote, SendContext } from '../pipeline/stage.js'

export type WriteNote = Omit<AuditNote, 'outcome' | 'httpStatus'>

/**
 * Runs one write to a target and describes it for the audit trail (the runner writes the events): `success`;
 * `not_found` (404); `rejected` with the HTTP status when the target refused it for good (non-retryable 4xx, e.g. a
 * 422). The error is rethrown, so the runner still retries or dead-letters; outages (retryable) are not audited
 * here: the write is attempted again and audited when it completes.
 */
export async function auditedWrite<T>(ctx: SendContext, note: WriteNote, write: () => Promise<T>): Promise<T> {
  let result: T
  try {
    result = await write()
  } catch (err) {
    if (err instanceof NotFoundError) ctx.audit({ ...note, outcome: 'not_found', httpStatus: 404 })
    else if (err instanceof DeliveryError && !err.retryable)
      ctx.audit({ ...note, outcome: 'rejected', httpStatus: err.status ?? null })
    throw err
  }
  ctx.audit({ ...note, outcome: 'success' })
  return result
}

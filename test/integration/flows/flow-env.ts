import type { Admin } from 'kafkajs'
import { readAll } from '../../support/stage-harness.js'

/** Keys of the records of `topic` that belong to `ids`. */
export async function keysIn(admin: Admin, topic: string, ids: ReadonlySet<string>): Promise<string[]> {
  return (await readAll(admin, topic)).flatMap((r) => (r.key !== null && ids.has(r.key) ? [r.key] : []))
}

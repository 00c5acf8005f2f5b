import avro from 'avsc'

/**
 * BACKWARD compatibility, as the registry checks it: consumers using `next` can read data written with
 * `previous` (e.g. a new optional field with a default is fine; a new required field or a type change is not).
 */
export function backwardCompatibility(
  next: object,
  previous: object,
): { compatible: true } | { compatible: false; reason: string } {
  try {
    avro.Type.forSchema(next as avro.Schema).createResolver(avro.Type.forSchema(previous as avro.Schema))
    return { compatible: true }
  } catch (err) {
    return { compatible: false, reason: err instanceof Error ? err.message : String(err) }
  }
}

/** Avro primitive branch names a wrapped union may carry (`{"string": "…"}`, `{"long": 42}`). */
const PRIMITIVE_BRANCHES: ReadonlySet<string> = new Set([
  'string',
  'long',
  'int',
  'boolean',
  'double',
  'float',
  'bytes',
])

/**
 * A union value as written when unions are wrapped (avsc `wrapUnions`, Avro JSON encoding): a one-key object
 * whose key is a primitive type name or a Debezium record name (`….Value`, `….Source`). Anything else,
 * including avsc's default unwrapped values, is returned unchanged.
 */
export function unwrapUnion(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value
  const keys = Object.keys(value)
  if (keys.length !== 1) return value
  const branch = keys[0] as string
  const isBranch = PRIMITIVE_BRANCHES.has(branch) || /\.(Value|Source)$/.test(branch)
  return isBranch ? (value as Record<string, unknown>)[branch] : value
}

import type avro from 'avsc'

/**
 * Why an Avro body cannot be what its writer schema says, found by walking it without building any value; undefined
 * when every length and block count fits in the bytes. avsc trusts block counts and reads past the end of the buffer
 * before it notices: a 15-byte record claiming an array of 2^31 items makes it allocate until the process dies, and
 * a stage would then crash again on the same uncommitted record after every restart. Run this before decoding.
 * A block may not count more items than there are bytes left, even of zero-width items (such as null).
 */
export function avroBodyProblem(type: avro.Type, bytes: Buffer, start = 0): string | undefined {
  const reader = { bytes, pos: start }
  try {
    walk(type, reader)
  } catch (err) {
    if (err instanceof Overrun) return err.message
    throw err
  }
  return undefined
}

class Overrun extends Error {}

interface Reader {
  readonly bytes: Buffer
  pos: number
}

function walk(type: avro.Type, r: Reader): void {
  const t = type as avro.Type & {
    fields?: { type: avro.Type }[]
    types?: avro.Type[]
    itemsType?: avro.Type
    valuesType?: avro.Type
    underlyingType?: avro.Type
    size?: number
  }
  switch (t.typeName) {
    case 'null':
      return
    case 'boolean':
      return skip(r, 1)
    case 'int':
    case 'long':
    case 'enum':
      varint(r)
      return
    case 'float':
      return skip(r, 4)
    case 'double':
      return skip(r, 8)
    case 'bytes':
    case 'string':
      return skip(r, varint(r))
    case 'fixed':
      return skip(r, t.size ?? 0)
    case 'record':
    case 'error':
      for (const field of t.fields ?? []) walk(field.type, r)
      return
    case 'union:unwrapped':
    case 'union:wrapped': {
      const index = varint(r)
      const branch = t.types?.[index]
      if (branch === undefined) throw new Overrun(`union branch ${index} does not exist`)
      return walk(branch, r)
    }
    case 'array':
      return blocks(r, () => walk(t.itemsType as avro.Type, r))
    case 'map':
      return blocks(r, () => {
        skip(r, varint(r))
        walk(t.valuesType as avro.Type, r)
      })
    default:
      if (t.underlyingType) return walk(t.underlyingType, r)
      throw new Overrun(`unsupported Avro type ${t.typeName}`)
  }
}

/** Array and map blocks: a count (negative: followed by the block's byte size), items, until a 0 count. */
function blocks(r: Reader, item: () => void): void {
  for (;;) {
    let count = varint(r)
    if (count === 0) return
    if (count < 0) {
      count = -count
      varint(r)
    }
    if (count > r.bytes.length - r.pos)
      throw new Overrun(`a block of ${count} items in ${r.bytes.length - r.pos} bytes`)
    for (let i = 0; i < count; i++) item()
  }
}

function skip(r: Reader, length: number): void {
  if (length < 0 || length > r.bytes.length - r.pos)
    throw new Overrun(`a length of ${length} at byte ${r.pos} of ${r.bytes.length}`)
  r.pos += length
}

/** A zig-zag varint (int or long) as a number; large longs lose precision, which a bounds check does not mind. */
function varint(r: Reader): number {
  let value = 0
  let scale = 1
  for (let i = 0; i < 10; i++) {
    const byte = r.bytes[r.pos++]
    if (byte === undefined) throw new Overrun('truncated')
    value += (byte & 0x7f) * scale
    if ((byte & 0x80) === 0) return value % 2 === 0 ? value / 2 : -(value + 1) / 2
    scale *= 128
  }
  throw new Overrun('a varint longer than 10 bytes')
}

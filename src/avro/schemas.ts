import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import avro from 'avsc'

/** The Avro record schemas shipped in schemas/ (one record per file, named by Avro full name). */
export interface SchemaSet {
  readonly raw: ReadonlyMap<string, object>
  readonly types: ReadonlyMap<string, avro.Type>
  type(fullName: string): avro.Type
}

export const SCHEMAS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'schemas')

export const SCHEMA_NAMES = {
  caseEvent: 'org.primerobridge.CaseEvent',
  hisLookupResult: 'org.primerobridge.HisLookupResult',
  riskScore: 'org.primerobridge.RiskScore',
  auditEvent: 'org.primerobridge.AuditEvent',
  cursor: 'org.primerobridge.Cursor',
} as const

/** Loads and parses every schemas/*.avsc once; a file that does not parse stops start-up with its name. */
export function loadSchemas(dir: string = SCHEMAS_DIR): SchemaSet {
  const raw = new Map<string, object>()
  const types = new Map<string, avro.Type>()
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.avsc'))) {
    const fullName = file.slice(0, -'.avsc'.length)
    let schema: { namespace?: string; name?: string }
    try {
      schema = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { namespace?: string; name?: string }
    } catch (err) {
      throw new Error(`schema ${file} is not valid JSON`, { cause: err })
    }
    if (`${schema.namespace ?? ''}.${schema.name ?? ''}` !== fullName) {
      throw new Error(
        `schema ${file} must be named after its Avro full name (found ${schema.namespace}.${schema.name})`,
      )
    }
    types.set(fullName, avro.Type.forSchema(schema as avro.Schema))
    raw.set(fullName, schema)
  }
  return {
    raw,
    types,
    type(fullName) {
      const t = types.get(fullName)
      if (!t) throw new Error(`unknown schema ${fullName}`)
      return t
    },
  }
}

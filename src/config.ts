import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { readConfigFile } from './config-file.js'
import { ConfigError } from './errors.js'

/** Environment variables holding secrets; each may also be given as `<NAME>_FILE` (a mounted file). Never echoed. */
export const SECRET_KEYS = [
  'KAFKA_SASL_PASSWORD',
  'SCHEMA_REGISTRY_PASSWORD',
  'PRIMERO_PASSWORD',
  'MOPH_PASSWORD',
  'INGRESS_API_KEY',
  'INGRESS_BASIC_PASSWORD',
] as const

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')
const port = z.coerce.number().int().min(0).max(65535)
const positiveInt = z.coerce.number().int().positive()
const url = z.url({ protocol: /^https?$/ })
const optionalText = z.string().min(1).optional()

const schema = z.object({
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HTTP_PORT: port.default(9400),
  HTTP_HOST: z.string().default('0.0.0.0'),

  KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:9092')
    .transform((v) => v.split(',').map((b) => b.trim()))
    .pipe(z.array(z.string().regex(/^[^:\s]+:\d+$/, 'each broker must be host:port')).min(1)),
  KAFKA_CLIENT_ID: z.string().default('primero-bridge'),
  KAFKA_SSL: bool.default(false),
  KAFKA_SSL_CA_FILE: optionalText,
  KAFKA_SSL_INSECURE: bool.default(false),
  KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
  KAFKA_SASL_USERNAME: optionalText,
  KAFKA_SASL_PASSWORD: optionalText,
  TOPIC_PARTITIONS: positiveInt.default(6),
  TOPIC_REPLICATION_FACTOR: positiveInt.default(1),

  SCHEMA_REGISTRY_URL: url.default('http://127.0.0.1:8081/apis/ccompat/v7'),
  SCHEMA_REGISTRY_USERNAME: optionalText,
  SCHEMA_REGISTRY_PASSWORD: optionalText,

  STAGE_MAX_IN_FLIGHT: positiveInt.max(10_000).default(64),
  /** Stages that only decode, transform and produce to a topic: each in-flight record costs memory, not a call. */
  TOPIC_STAGE_MAX_IN_FLIGHT: positiveInt.max(10_000).default(512),
  RETRY_BASE_MS: positiveInt.default(250),
  RETRY_MAX_MS: positiveInt.default(30_000),
  CIRCUIT_FAILURE_THRESHOLD: positiveInt.default(5),
  CIRCUIT_COOLDOWN_MS: positiveInt.default(5_000),
  SHUTDOWN_GRACE_MS: positiveInt.default(25_000),
  KAFKA_SESSION_TIMEOUT_MS: positiveInt.default(30_000),
  KAFKA_HEARTBEAT_INTERVAL_MS: positiveInt.default(3_000),
  /** Fetch sizes bound the memory a stage holds while its target is down or while it drains a backlog. */
  KAFKA_MAX_BYTES_PER_PARTITION: positiveInt.default(256 * 1024),
  KAFKA_FETCH_MAX_BYTES: positiveInt.default(2 * 1024 * 1024),
  KAFKA_PARTITIONS_CONCURRENTLY: positiveInt.max(64).default(4),

  PRIMERO_URL: url.optional(),
  PRIMERO_USERNAME: optionalText,
  PRIMERO_PASSWORD: optionalText,
  PRIMERO_CA_FILE: optionalText,
  PRIMERO_TLS_INSECURE: bool.default(false),
  PRIMERO_TIMEOUT_MS: positiveInt.default(10_000),
  PRIMERO_RATE_LIMIT_RPS: z.coerce.number().positive().default(20),

  MOPH_URL: url.optional(),
  MOPH_EMAIL: optionalText,
  MOPH_PASSWORD: optionalText,
  MOPH_CA_FILE: optionalText,
  MOPH_TLS_INSECURE: bool.default(false),
  MOPH_TIMEOUT_MS: positiveInt.default(15_000),
  MOPH_RATE_LIMIT_RPS: z.coerce.number().positive().default(20),

  INGRESS_PORT: port.default(8080),
  INGRESS_HOST: z.string().default('0.0.0.0'),
  INGRESS_API_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  INGRESS_BASIC_USER: optionalText,
  INGRESS_BASIC_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  INGRESS_MAX_BODY_BYTES: positiveInt.default(256 * 1024),

  SYNC_STATUS_URL: url.default('https://primero-bridge.invalid/inbox/primero-sync'),
  PRIMERO_POLL_CRON: z.string().default('0 1 * * *'),
  CHILDSHIELD_POLL_CRON: z.string().default('0 2 * * *'),
  POLL_TIMEZONE: z.string().default('Asia/Bangkok'),
  POLL_OVERLAP_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(5 * 60_000),
  PRIMERO_POLL_START: z.iso.datetime({ offset: true }).default('2023-01-27T00:00:00.000Z'),
  CHILDSHIELD_POLL_START: z.iso.datetime({ offset: true }).default('2023-01-27T00:00:00.000Z'),

  CDC_TOPIC: z.string().default('primero.public.cases'),
  CDC_TABLE: z.string().default('cases'),
  CDC_FORMAT: z.enum(['json', 'avro']).default('json'),
  CDC_FILTER_NOOP: bool.default(true),
  /** Extra case fields (comma-separated) whose change alone is a no-op, besides the derived set (docs/cdc.md). */
  CDC_NOOP_IGNORE_FIELDS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((f) => f.trim())
        .filter((f) => f !== ''),
    ),
  PRIMERO_POLLER_ENABLED: bool.default(true),
})

export type Config = Readonly<z.infer<typeof schema>>
type Parsed = z.infer<typeof schema>
type Key = keyof Parsed

const KEYS = Object.keys(schema.shape) as Key[]
const isSecret = (key: string) => (SECRET_KEYS as readonly string[]).includes(key)

/** Keys a CONFIG_FILE may set: every setting, and `<SECRET>_FILE` for each secret. */
function isSetting(key: string): boolean {
  return key in schema.shape || SECRET_KEYS.some((secret) => key === `${secret}_FILE`)
}

/** Reads `<NAME>_FILE` for secrets; a file that cannot be read is a config problem. */
function withSecretFiles(
  env: Record<string, string | undefined>,
  problems: string[],
): Record<string, string | undefined> {
  const out = { ...env }
  for (const key of SECRET_KEYS) {
    const file = env[`${key}_FILE`]
    if (file === undefined || file === '') continue
    try {
      out[key] = readFileSync(file, 'utf8').trim()
    } catch {
      problems.push(`${key}_FILE: cannot read ${file}`)
    }
  }
  return out
}

/** The environment over CONFIG_FILE (when set): a variable that is set and not empty wins over the file. */
function withConfigFile(env: Record<string, string | undefined>, problems: string[]) {
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''))
  const path = set.CONFIG_FILE
  if (path === undefined) return { source: set, fromFile: new Set<string>() }
  const file = readConfigFile(path, isSetting)
  problems.push(...file.problems)
  // a setting given in the environment, directly or as <KEY>_FILE, overrides both forms of it in the file
  const base = (k: string) => k.replace(/_FILE$/, '')
  const givenInEnv = new Set(Object.keys(set).map(base))
  const fileValues = Object.fromEntries(
    Object.entries(file.values).filter(([k, v]) => v !== '' && !givenInEnv.has(base(k))),
  )
  return { source: { ...fileValues, ...set }, fromFile: new Set(Object.keys(fileValues)) }
}

/**
 * Validates the whole configuration at once — the environment, plus the KEY=VALUE file named by CONFIG_FILE
 * (the environment wins) — and returns a frozen config, or throws ConfigError listing every problem: each
 * invalid value, and each cross-field rule among the values that are valid.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const problems: string[] = []
  const { source: merged, fromFile } = withConfigFile(env, problems)
  const source = Object.fromEntries(
    Object.entries(withSecretFiles(merged, problems)).filter(([, v]) => v !== ''),
  ) as Record<string, string | undefined>
  const values: Partial<Record<Key, unknown>> = {}
  const invalid = new Set<Key>()
  for (const key of KEYS) {
    const parsed = schema.shape[key].safeParse(source[key])
    if (parsed.success) {
      values[key] = parsed.data
      continue
    }
    invalid.add(key)
    const where = fromFile.has(key) ? ' (from CONFIG_FILE)' : ''
    for (const issue of parsed.error.issues) {
      const path = [key, ...issue.path.map(String)].join('.')
      problems.push(`${path}: ${issue.message}${isSecret(key) ? '' : describeValue(source[key])}${where}`)
    }
  }
  for (const rule of CROSS_FIELD_RULES) {
    if (rule.keys.some((k) => invalid.has(k))) continue
    const problem = rule.check(values as Parsed)
    if (problem) problems.push(problem)
  }
  if (problems.length > 0) throw new ConfigError(problems)
  return Object.freeze(values as Parsed)
}

function describeValue(value: string | undefined): string {
  return value === undefined ? ' (not set)' : ` (got ${JSON.stringify(value.slice(0, 60))})`
}

/** Rules between settings; each runs when the settings it reads are valid, so every problem shows at once. */
const CROSS_FIELD_RULES: readonly { readonly keys: readonly Key[]; check(c: Parsed): string | undefined }[] = [
  {
    keys: ['KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'],
    check: (c) =>
      c.KAFKA_SASL_MECHANISM && (!c.KAFKA_SASL_USERNAME || !c.KAFKA_SASL_PASSWORD)
        ? 'KAFKA_SASL_MECHANISM is set: KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are required'
        : undefined,
  },
  {
    keys: ['KAFKA_HEARTBEAT_INTERVAL_MS', 'KAFKA_SESSION_TIMEOUT_MS'],
    check: (c) =>
      c.KAFKA_HEARTBEAT_INTERVAL_MS * 3 > c.KAFKA_SESSION_TIMEOUT_MS
        ? 'KAFKA_HEARTBEAT_INTERVAL_MS must be at most a third of KAFKA_SESSION_TIMEOUT_MS'
        : undefined,
  },
  {
    keys: ['RETRY_BASE_MS', 'RETRY_MAX_MS'],
    check: (c) => (c.RETRY_BASE_MS > c.RETRY_MAX_MS ? 'RETRY_BASE_MS must not exceed RETRY_MAX_MS' : undefined),
  },
  {
    keys: ['INGRESS_BASIC_USER', 'INGRESS_BASIC_PASSWORD'],
    check: (c) =>
      Boolean(c.INGRESS_BASIC_USER) !== Boolean(c.INGRESS_BASIC_PASSWORD)
        ? 'INGRESS_BASIC_USER and INGRESS_BASIC_PASSWORD must be set together'
        : undefined,
  },
]

/** What a stage needs from the environment beyond the defaults; checked when the stage starts. */
export function requireKeys(config: Config, keys: readonly (keyof Config)[], who: string): void {
  const missing = keys.filter((k) => config[k] === undefined)
  if (missing.length > 0) throw new ConfigError(missing.map((k) => `${k}: required by ${who} (not set)`))
}

/** The config with every secret replaced by "***", for `config check` and start-up logs. */
export function redactedConfig(config: Config): Record<string, unknown> {
  const out: Record<string, unknown> = { ...config }
  for (const key of [
    ...SECRET_KEYS,
    'KAFKA_SASL_USERNAME',
    'SCHEMA_REGISTRY_USERNAME',
    'PRIMERO_USERNAME',
    'MOPH_EMAIL',
  ]) {
    if (out[key] !== undefined) out[key] = '***'
  }
  return out
}

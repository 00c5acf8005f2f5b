import { ValidationError } from '../errors.js'
import { faultsProblem, type Faults } from './faults.js'

/** How `primero-bridge sim` (and `node dist/simulators/main.js`) starts both simulators. */
export interface SimulatorsOptions {
  /** Interface both listen on: 127.0.0.1 locally, 0.0.0.0 in a container reached by service name. */
  readonly host: string
  readonly primeroPort: number
  readonly mophPort: number
  readonly seed: number
  readonly cases: number
  readonly primero: { readonly username: string; readonly password: string; readonly faults: Faults }
  readonly moph: { readonly email: string; readonly password: string; readonly faults: Faults }
}

/**
 * The environment keys read, with their defaults (local use). SIM_FAULTS applies to both simulators;
 * SIM_PRIMERO_FAULTS / SIM_MOPH_FAULTS replace it for one of them.
 */
export const SIM_ENV_DEFAULTS = {
  SIM_HOST: '127.0.0.1',
  SIM_PRIMERO_PORT: '3001',
  SIM_MOPH_PORT: '3002',
  SIM_SEED: '1',
  SIM_CASES: '200',
  SIM_PRIMERO_USERNAME: 'primero',
  SIM_PRIMERO_PASSWORD: 'primero',
  SIM_MOPH_EMAIL: 'bridge@example.org',
  SIM_MOPH_PASSWORD: 'secret',
  SIM_FAULTS: '{}',
} as const

type Key = keyof typeof SIM_ENV_DEFAULTS | 'SIM_PRIMERO_FAULTS' | 'SIM_MOPH_FAULTS'

const MAX_CASES = 100_000

/**
 * Reads and validates the simulator settings; throws ValidationError naming the first bad setting
 * (`label` turns a key into what the user typed, e.g. a command-line flag). Empty values count as unset.
 */
export function simOptionsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  label: (key: Key) => string = (key) => key,
): SimulatorsOptions {
  const raw = (key: Key): string | undefined => (env[key] === '' ? undefined : env[key])
  const text = (key: keyof typeof SIM_ENV_DEFAULTS) => raw(key) ?? SIM_ENV_DEFAULTS[key]
  const int = (key: keyof typeof SIM_ENV_DEFAULTS, max: number, what: string) => {
    const value = text(key)
    const n = /^\d+$/.test(value) ? Number(value) : Number.NaN
    if (!Number.isSafeInteger(n) || n > max) {
      throw new ValidationError(`${label(key)} must be ${what} (got ${JSON.stringify(value.slice(0, 40))})`)
    }
    return n
  }
  const faults = (key: Key, value: string): Faults => {
    let parsed: unknown
    try {
      parsed = JSON.parse(value)
    } catch {
      throw new ValidationError(`${label(key)} is not valid JSON (e.g. '{"latencyMs":[0,20],"errorRate":0.1}')`)
    }
    const problem = faultsProblem(parsed)
    if (problem) throw new ValidationError(`${label(key)}: ${problem}`)
    return parsed as Faults
  }
  const host = text('SIM_HOST')
  if (/\s/.test(host)) throw new ValidationError(`${label('SIM_HOST')} must be a host name or IP address`)
  const both = faults('SIM_FAULTS', text('SIM_FAULTS'))
  const own = (key: 'SIM_PRIMERO_FAULTS' | 'SIM_MOPH_FAULTS') => {
    const value = raw(key)
    return value === undefined ? both : faults(key, value)
  }
  return {
    host,
    primeroPort: int('SIM_PRIMERO_PORT', 65_535, 'a port number 0–65535'),
    mophPort: int('SIM_MOPH_PORT', 65_535, 'a port number 0–65535'),
    seed: int('SIM_SEED', 2 ** 32 - 1, 'an integer 0–4294967295'),
    cases: int('SIM_CASES', MAX_CASES, `a number of cases 0–${MAX_CASES}`),
    primero: {
      // SIM_PRIMERO_USER: the name this setting had before SIM_PRIMERO_USERNAME.
      username: raw('SIM_PRIMERO_USERNAME') ?? (env.SIM_PRIMERO_USER || SIM_ENV_DEFAULTS.SIM_PRIMERO_USERNAME),
      password: text('SIM_PRIMERO_PASSWORD'),
      faults: own('SIM_PRIMERO_FAULTS'),
    },
    moph: {
      email: text('SIM_MOPH_EMAIL'),
      password: text('SIM_MOPH_PASSWORD'),
      faults: own('SIM_MOPH_FAULTS'),
    },
  }
}

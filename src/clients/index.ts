import { readFileSync } from 'node:fs'
import { requireKeys, type Config } from '../config.js'
import type { HttpObserver } from '../http/http-client.js'
import type { Logger } from '../logger.js'
import type { Metrics } from '../metrics.js'
import { createMophClient, type MophClient } from './moph.js'
import { createPrimeroClient, type PrimeroClient } from './primero.js'

/** The external systems a stage may call, created on first use so a stage needs only its own target's config. */
export interface Clients {
  readonly primero: PrimeroClient
  readonly moph: MophClient
  /** `mark_synced_url` written back to Primero. */
  readonly syncUrl: string
}

export function metricsObserver(metrics: Metrics): HttpObserver {
  return {
    observe(target, method, statusClass, seconds) {
      metrics.httpDuration.observe({ target, method, status_class: statusClass }, seconds)
    },
  }
}

function tls(caFile: string | undefined, insecure: boolean, target: string, logger: Logger) {
  if (insecure) logger.warn({ target }, 'TLS verification DISABLED for this target by configuration')
  return { rejectUnauthorized: !insecure, ...(caFile ? { ca: readFileSync(caFile, 'utf8') } : {}) }
}

/** The settings each client cannot do without. */
export const PRIMERO_KEYS = [
  'PRIMERO_URL',
  'PRIMERO_USERNAME',
  'PRIMERO_PASSWORD',
] as const satisfies readonly (keyof Config)[]
export const MOPH_KEYS = ['MOPH_URL', 'MOPH_EMAIL', 'MOPH_PASSWORD'] as const satisfies readonly (keyof Config)[]

export function createClients(config: Config, logger: Logger, metrics: Metrics): Clients {
  const observer = metricsObserver(metrics)
  let primero: PrimeroClient | undefined
  let moph: MophClient | undefined
  return {
    syncUrl: config.SYNC_STATUS_URL,
    get primero() {
      if (!primero) {
        requireKeys(config, PRIMERO_KEYS, 'the Primero client')
        primero = createPrimeroClient({
          baseUrl: config.PRIMERO_URL as string,
          username: config.PRIMERO_USERNAME as string,
          password: config.PRIMERO_PASSWORD as string,
          timeoutMs: config.PRIMERO_TIMEOUT_MS,
          observer,
          ...tls(config.PRIMERO_CA_FILE, config.PRIMERO_TLS_INSECURE, 'primero', logger),
        })
      }
      return primero
    },
    get moph() {
      if (!moph) {
        requireKeys(config, MOPH_KEYS, 'the MoPH (HIS / Child-Shield) client')
        moph = createMophClient({
          baseUrl: config.MOPH_URL as string,
          email: config.MOPH_EMAIL as string,
          password: config.MOPH_PASSWORD as string,
          timeoutMs: config.MOPH_TIMEOUT_MS,
          observer,
          ...tls(config.MOPH_CA_FILE, config.MOPH_TLS_INSECURE, 'moph', logger),
        })
      }
      return moph
    },
  }
}

import { pino, type Logger, type DestinationStream } from 'pino'

export type { Logger }

/**
 * Paths never written to logs: credentials and every field that can identify a child or carry health data.
 * Log lines carry stage/topic/partition/offset and counts — never payloads, URLs with ids, or tokens.
 */
export const REDACT_PATHS = [
  'password',
  'token',
  'access_token',
  'authorization',
  'apiKey',
  '*.password',
  '*.token',
  '*.access_token',
  '*.authorization',
  '*.apiKey',
  'headers.authorization',
  'headers["x-api-key"]',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'nationalId',
  'national_id_no',
  'cid',
  '*.nationalId',
  '*.national_id_no',
  '*.cid',
  'name',
  'name_first',
  'name_last',
  'fname',
  'lname',
  'caseData',
  'data',
  'body',
  'person',
  'visits',
  'url',
  '*.url',
]

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'primero-bridge' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  )
}

import { parseArgs, type ParseArgsConfig } from 'node:util'
import { UsageError, type CliIo } from './io.js'

type Options = NonNullable<ParseArgsConfig['options']>

/** A subcommand: its help text and what it does; `run` resolves with the exit code. */
export interface Command {
  readonly name: string
  readonly summary: string
  readonly help: string
  run(args: readonly string[], io: CliIo): Promise<number>
}

export function helpHint(command: string): string {
  return `run 'primero-bridge ${command} --help' for usage`
}

/** node:util parseArgs, with `--help` always known and its errors turned into a UsageError naming the command. */
export function parse<O extends Options>(command: string, args: readonly string[], options: O, positionals = true) {
  try {
    return parseArgs({
      args: [...args],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: positionals,
      strict: true,
    })
  } catch (err) {
    const raw = typeof (err as { message?: unknown }).message === 'string' ? (err as Error).message : String(err)
    const message = raw.split('. To specify')[0]?.split('\n')[0] ?? raw
    throw new UsageError(`${command}: ${message}`, helpHint(command))
  }
}

/** A positive number of seconds from an option, or the default. */
export function seconds(command: string, name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isFinite(n) || n <= 0)
    throw new UsageError(`${command}: --${name} must be a positive number of seconds`, helpHint(command))
  return n
}

/** What a command may touch of the process: output lines, stdin, the environment. Injected so tests can drive it. */
export interface CliIo {
  readonly out: (line: string) => void
  readonly err: (line: string) => void
  readonly readStdin: () => Promise<string>
  readonly env: Record<string, string | undefined>
}

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const

/** Bad command line or arguments: exit 2 with one line and a hint. */
export class UsageError extends Error {
  readonly hint: string
  constructor(message: string, hint: string) {
    super(message)
    this.name = 'UsageError'
    this.hint = hint
  }
}

/** The command ran but did not succeed for a reason worth one clear line (exit 1). */
export class CommandFailed extends Error {
  readonly hint: string | undefined
  constructor(message: string, hint?: string) {
    super(message)
    this.name = 'CommandFailed'
    this.hint = hint
  }
}

/** "invalid configuration (N problems)": how every configuration error the CLI prints begins. */
export function configSummary(problems: readonly string[]): string {
  return `invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'})`
}

export function processIo(): CliIo {
  return {
    out: (line) => void process.stdout.write(`${line}\n`),
    err: (line) => void process.stderr.write(`${line}\n`),
    readStdin: async () => {
      const chunks: Buffer[] = []
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
      return Buffer.concat(chunks).toString('utf8')
    },
    env: process.env,
  }
}

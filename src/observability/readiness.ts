/** Named readiness conditions; the process is ready when all are. Reasons show on /readyz (never PII). */
export interface Readiness {
  set(name: string, ok: boolean, reason?: string): void
  readonly ready: boolean
  report(): { ready: boolean; checks: Record<string, { ok: boolean; reason?: string }> }
}

export function createReadiness(onChange?: (ready: boolean) => void): Readiness {
  const checks = new Map<string, { ok: boolean; reason?: string }>()
  let last = false
  const isReady = () => checks.size > 0 && [...checks.values()].every((c) => c.ok)
  return {
    set(name, ok, reason) {
      checks.set(name, ok || reason === undefined ? { ok } : { ok, reason })
      const now = isReady()
      if (now !== last) {
        last = now
        onChange?.(now)
      }
    },
    get ready() {
      return isReady()
    },
    report() {
      return { ready: isReady(), checks: Object.fromEntries(checks) }
    },
  }
}

import type { Runnable } from './app.js'

/**
 * Every stage and source the bridge can run, by name (`primero-bridge run <name...>`, one Kubernetes
 * Deployment each). Explicit on purpose: no file-system discovery.
 */
export const RUNNABLES: Readonly<Record<string, Runnable>> = {}

export function runnablesFor(names: readonly string[]): Runnable[] {
  const unknown = names.filter((n) => !(n in RUNNABLES))
  if (unknown.length > 0) {
    throw new Error(`unknown stage ${unknown.join(', ')}; known: ${Object.keys(RUNNABLES).join(', ')}`)
  }
  return names.map((n) => RUNNABLES[n] as Runnable)
}

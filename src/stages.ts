import type { Runnable } from './app.js'
import type { Clients } from './clients/index.js'
import { caseToChildShield } from './flows/case-to-childshield.js'
import { cdcNormalizerStage } from './flows/cdc-normalizer.js'
import { hisLookup } from './flows/his-lookup.js'
import { hisToPrimero } from './flows/his-to-primero.js'
import { riskToPrimero } from './flows/risk-to-primero.js'
import type { Stage } from './pipeline/stage.js'
import { childShieldPoller } from './sources/childshield-poller.js'
import { ingressSource } from './sources/ingress.js'
import { primeroPoller } from './sources/primero-poller.js'

const stage = <In, Out>(s: Stage<In, Out, Clients>) => s as unknown as Stage<unknown, unknown, Clients>

/**
 * Every stage and source the bridge can run, by name (`primero-bridge run <name...>`, one Kubernetes
 * Deployment each). Explicit on purpose: no file-system discovery.
 */
export const RUNNABLES: Readonly<Record<string, Runnable>> = {
  ingress: { kind: 'source', source: ingressSource },
  'primero-poller': { kind: 'source', source: primeroPoller.source },
  'childshield-poller': { kind: 'source', source: childShieldPoller.source },
  'his-lookup': { kind: 'stage', stage: stage(hisLookup), rps: (c) => c.MOPH_RATE_LIMIT_RPS },
  'his-to-primero': { kind: 'stage', stage: stage(hisToPrimero), rps: (c) => c.PRIMERO_RATE_LIMIT_RPS },
  'case-to-childshield': { kind: 'stage', stage: stage(caseToChildShield), rps: (c) => c.MOPH_RATE_LIMIT_RPS },
  'risk-to-primero': { kind: 'stage', stage: stage(riskToPrimero), rps: (c) => c.PRIMERO_RATE_LIMIT_RPS },
  'cdc-normalizer': { kind: 'stage', stage: (c) => stage(cdcNormalizerStage(c)) },
}

export function runnablesFor(names: readonly string[]): Runnable[] {
  const unknown = names.filter((n) => !(n in RUNNABLES))
  if (unknown.length > 0) {
    throw new Error(`unknown stage ${unknown.join(', ')}; known: ${Object.keys(RUNNABLES).join(', ')}`)
  }
  return names.map((n) => RUNNABLES[n] as Runnable)
}

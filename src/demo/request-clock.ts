import type { RecordedRequest } from '../simulators/sim-server.js'

export interface TimedRequest {
  readonly at: number
  readonly request: RecordedRequest
}

/**
 * Stamps the requests a simulator records with the time they were first seen (checked every `everyMs`), so the
 * demo can measure webhook → Primero PATCH latency from the target's side.
 */
export function watchRequests(requests: readonly RecordedRequest[], everyMs = 5) {
  const seen: TimedRequest[] = []
  let next = 0
  const scan = () => {
    for (; next < requests.length; next++) {
      const request = requests[next]
      if (request) seen.push({ at: Date.now(), request })
    }
  }
  const timer = setInterval(scan, everyMs)
  timer.unref()
  return {
    find(predicate: (r: RecordedRequest) => boolean, since: number): TimedRequest | undefined {
      scan()
      return seen.find((t) => t.at >= since && predicate(t.request))
    },
    stop: () => clearInterval(timer),
  }
}

import { randomUUID } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { DeliveryError, errorClass } from '../errors.js'
import { TOPICS } from '../kafka/topics.js'
import { createWebhookAuth } from './ingress-auth.js'
import { WEBHOOK_PATH, createIngressHandler } from './ingress-handler.js'
import { defineSource, type RunningSource, type Source } from './source.js'

export { WEBHOOK_PATH } from './ingress-handler.js'

export interface IngressOptions {
  /** Told the bound base URL once listening (tests bind port 0). */
  readonly onListening?: (url: string) => void
  readonly publishTimeoutMs?: number
}

export interface RunningIngress extends RunningSource {
  /** Base URL the ingress is bound to; the webhook is `${url}${WEBHOOK_PATH}`. */
  readonly url: string
}

/**
 * The webhook ingress (INGRESS_HOST:INGRESS_PORT, apart from the health port). Register one Primero webhook per
 * event set: `…/webhooks/primero` (Sync button, `case.post`) and `…/webhooks/primero?event=case.create`.
 */
export function createIngressSource(options: IngressOptions = {}): Source {
  return defineSource({
    name: 'ingress',
    async start({ runtime }): Promise<RunningIngress> {
      const { config, metrics, logger } = runtime
      const log = logger.child({ source: 'ingress' })
      const handler = createIngressHandler({
        auth: createWebhookAuth(config),
        maxBodyBytes: config.INGRESS_MAX_BODY_BYTES,
        publishTimeoutMs: options.publishTimeoutMs ?? 5_000,
        metrics,
        logger: log,
        newId: randomUUID,
        now: Date.now,
        async publish(event) {
          const value = runtime.codec.encode(TOPICS.caseEvents, event)
          try {
            await runtime.publisher.publish(TOPICS.caseEvents, { key: event.recordId, value })
          } catch (err) {
            throw new DeliveryError('kafka', `writing to ${TOPICS.caseEvents} failed`, { cause: err, retryable: true })
          }
          metrics.published.inc({ source: 'ingress', topic: TOPICS.caseEvents })
        },
      })
      const server = http.createServer((req, res) => {
        handler(req, res).catch((err: unknown) => {
          log.error({ errorClass: errorClass(err) }, 'webhook handling failed')
          if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' })
          res.end(JSON.stringify({ error: 'internal error' }))
        })
      })
      server.requestTimeout = 15_000
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(config.INGRESS_PORT, config.INGRESS_HOST, () => resolve())
      })
      const { port } = server.address() as AddressInfo
      const host = config.INGRESS_HOST.includes(':') ? `[${config.INGRESS_HOST}]` : config.INGRESS_HOST
      const url = `http://${host}:${port}`
      runtime.readiness.set('ingress', true)
      log.info({ port, path: WEBHOOK_PATH }, 'webhook ingress listening')
      options.onListening?.(url)
      return {
        name: 'ingress',
        url,
        async stop() {
          runtime.readiness.set('ingress', false, 'stopped')
          await new Promise<void>((resolve) => server.close(() => resolve()))
          server.closeAllConnections()
        },
      }
    },
  })
}

export const ingressSource = createIngressSource()

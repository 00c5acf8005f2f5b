import http from 'node:http'
import got from 'got'

/** The baseline of the sink scenarios: the same N POSTs with got, `concurrency` at a time, no Kafka. */
export async function postAll(
  url: string,
  count: number,
  concurrency: number,
  body: (i: number) => { key: string; seq: number },
): Promise<void> {
  const agent = { http: new http.Agent({ keepAlive: true }) }
  let next = 0
  const worker = async () => {
    while (next < count) {
      const i = next++
      await got.post(`${url}/deliver`, { json: body(i), agent, retry: { limit: 0 }, responseType: 'text' })
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker))
  } finally {
    agent.http.destroy()
  }
}

// A delivery target in its own process (so it does not share the event loop with what it measures).
// Driven over the IPC channel by lib/target-client.ts.
import { startTarget } from './lib/target.js'

interface Command {
  readonly id: number
  readonly cmd: 'latency' | 'reset' | 'count' | 'dump' | 'down' | 'up' | 'close'
  readonly ms?: number
}

const target = await startTarget(Number(process.argv[2] ?? 0))
const send = (message: unknown) => process.send?.(message)
send({ ready: true, url: target.url })
process.on('message', (message: Command) => {
  void (async () => {
    const { id, cmd } = message
    if (cmd === 'latency') target.setLatency(message.ms ?? 0)
    if (cmd === 'reset') target.reset()
    if (cmd === 'down') await target.down()
    if (cmd === 'up') await target.up()
    if (cmd === 'close') await target.close()
    if (cmd === 'count') send({ id, value: target.received.keys.length })
    else if (cmd === 'dump') send({ id, value: target.received })
    else send({ id, value: null })
    if (cmd === 'close') process.disconnect()
  })()
})

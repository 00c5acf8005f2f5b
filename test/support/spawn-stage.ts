import { spawn, type ChildProcess } from 'node:child_process'

/** Starts test/support/stage-process.ts (a sink stage in its own process) and resolves once it consumes. */
export function spawnStage(stage: string, topic: string, url: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', './scripts/ts-hooks.mjs', 'test/support/stage-process.ts', stage, topic, url],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('started')) resolve(child)
    })
    child.once('exit', (code) => reject(new Error(`stage process exited with ${code} before starting`)))
  })
}

/** SIGKILLs the process and resolves once it is gone (nothing it sends can arrive after that). */
export async function killHard(child: ChildProcess): Promise<void> {
  const gone = new Promise((r) => child.once('exit', r))
  child.kill('SIGKILL')
  await gone
}

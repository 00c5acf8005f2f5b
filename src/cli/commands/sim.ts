import { parse, type Command } from '../args.js'

export const simCommand: Command = {
  name: 'sim',
  summary: 'start the Primero and MoPH (HIS + Child-Shield) simulators with synthetic children',
  help: [
    'usage: primero-bridge sim [--primero-port N] [--moph-port N] [--cases N] [--seed N]',
    '',
    'Starts both simulators on 127.0.0.1 until SIGTERM/SIGINT. Options override the environment:',
    'SIM_PRIMERO_PORT (3001), SIM_MOPH_PORT (3002), SIM_CASES (200), SIM_SEED (1),',
    'SIM_PRIMERO_USER/SIM_PRIMERO_PASSWORD (primero/primero), SIM_MOPH_EMAIL/SIM_MOPH_PASSWORD.',
  ].join('\n'),
  async run(args, io) {
    const { values } = parse(
      'sim',
      args,
      {
        'primero-port': { type: 'string' },
        'moph-port': { type: 'string' },
        cases: { type: 'string' },
        seed: { type: 'string' },
      },
      false,
    )
    const env = io.env
    if (values['primero-port'] !== undefined) env.SIM_PRIMERO_PORT = values['primero-port']
    if (values['moph-port'] !== undefined) env.SIM_MOPH_PORT = values['moph-port']
    if (values.cases !== undefined) env.SIM_CASES = values.cases
    if (values.seed !== undefined) env.SIM_SEED = values.seed
    // The simulators' own entry point reads process.env, serves, and exits on SIGTERM/SIGINT.
    Object.assign(process.env, env)
    await import('../../simulators/main.js')
    return new Promise<number>(() => undefined)
  },
}

/**
 * The shape of src/ (docs/architecture.md, Layers), checked by `npm run lint:deps`: no import cycles,
 * and imports point one way only:
 *
 *   entry (cli, main, program, context) → commands/<name> → command-kit
 *     → formats | sources | render | sync | terminal → store → platform → core
 *
 * The five middle folders do not import one another, a command does not import another command's
 * folder, and core imports no other part of precis and no Node module that does input or output.
 */
const MIDDLE = ['formats', 'sources', 'render', 'sync', 'terminal']
const peersOf = (name) => MIDDLE.filter((other) => other !== name).map((other) => `^src/${other}/`)

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'An import cycle makes load order matter and hides which part owns what.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-is-pure',
      severity: 'error',
      comment: 'core/ is the pure logic: it imports nothing else of precis.',
      from: { path: '^src/core/' },
      to: { path: '^src/', pathNot: '^src/core/' },
    },
    {
      name: 'core-does-no-io',
      severity: 'error',
      comment: 'core/ does no input or output: the file system, processes, network and environment reach it as values.',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['core'], pathNot: '^(node:)?(path|crypto|module|url|util)$' },
    },
    {
      name: 'platform-sits-on-core',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/', pathNot: ['^src/platform/', '^src/core/'] },
    },
    {
      name: 'store-sits-on-platform-and-core',
      severity: 'error',
      comment: 'The store knows nothing of sync, formats or commands: what runs after a write is handed to it (a ChangeRecorder).',
      from: { path: '^src/store/' },
      to: { path: '^src/', pathNot: ['^src/store/', '^src/platform/', '^src/core/'] },
    },
    ...MIDDLE.map((name) => ({
      name: `${name}-stays-in-its-tier`,
      severity: 'error',
      comment: `${name}/ uses store, platform and core; never another middle folder, a command or the entry files.`,
      from: { path: `^src/${name}/` },
      to: { path: [...peersOf(name), '^src/commands/', '^src/command-kit/', '^src/(cli|main|program|context)\\.ts$'] },
    })),
    {
      name: 'command-kit-serves-commands',
      severity: 'error',
      from: { path: '^src/command-kit/' },
      to: { path: ['^src/commands/', '^src/(cli|main|program)\\.ts$'] },
    },
    {
      name: 'commands-are-separate',
      severity: 'error',
      comment: 'A command folder imports no other command folder: what two commands share lives in command-kit/ or below.',
      from: { path: '^src/commands/([^/]+)/' },
      to: { path: '^src/commands/', pathNot: '^src/commands/$1/' },
    },
    {
      name: 'commands-do-no-io-themselves',
      severity: 'error',
      comment: 'Commands reach files, processes and the terminal through the Context and the modules below them.',
      from: { path: '^src/(commands|command-kit)/' },
      to: { dependencyTypes: ['core'], path: '^(node:)?(fs|fs/promises|child_process|os|net|http|https|readline|tty)$' },
    },
    {
      name: 'only-the-terminal-prompts',
      severity: 'error',
      comment: 'inquirer is used by terminal/ alone (prompts.ts and its checkbox search), behind the Prompter of the Context.',
      from: { pathNot: '^src/terminal/' },
      to: { path: 'node_modules/(@inquirer|inquirer)/' },
    },
    {
      name: 'entry-is-the-top',
      severity: 'error',
      from: { pathNot: '^src/(cli|main|program)\\.ts$' },
      to: { path: '^src/(cli|main|program)\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
}

// Saves what `precis --help` and `precis <command> --help` print to a pipe or a file, as dist/help.txt
// and dist/help/<command>.txt: bin/precis.js prints them without loading the bundle, whose command
// line alone (commander and 29 commands) costs half of node's own start-up to compile and build.
// Run by scripts/build.mjs in a process of its own, with stdout a pipe, as a person's `precis --help | less`.
import { mkdirSync, writeFileSync } from 'node:fs'

const { createProcessContext, main } = await import('../dist/cli.js')

/** What `precis ...args` prints: main run here, with stdout kept (precis writes it synchronously, help included). */
async function printed(args) {
  const chunks = []
  const write = process.stdout.write
  process.stdout.write = (chunk) => chunks.push(String(chunk)) > 0
  try {
    const code = await main(args, createProcessContext())
    if (code !== 0) throw new Error(`precis ${args.join(' ')} exited ${code}`)
  } finally {
    process.stdout.write = write
  }
  return chunks.join('')
}

const help = await printed(['--help'])
const commands = help.slice(help.indexOf('\nCommands:\n'), help.indexOf('\nExamples:\n'))
// Each command's line starts two spaces in, with its aliases: `  list|ls [options] [query...]  List ...`.
const names = [...commands.matchAll(/^ {2}([a-z][a-z-]*(?:\|[a-z][a-z-]*)*)/gm)].flatMap((match) => match[1].split('|'))
if (!names.includes('list')) throw new Error('precis --help lists no commands: the help format changed')

const dist = new URL('../dist/', import.meta.url)
mkdirSync(new URL('help/', dist))
for (const name of names) writeFileSync(new URL(`help/${name}.txt`, dist), await printed([name, '--help']))
writeFileSync(new URL('help.txt', dist), help)

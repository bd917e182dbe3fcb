import { Command, Option } from 'commander'
import { describe, expect, it } from 'vitest'
import { commandSpec, kindFromName, type ValuePlace } from '../../../src/commands/completion/spec.js'
import { completionRows, kindText } from '../../../src/commands/completion/table.js'

describe('kindFromName', () => {
  it.each([
    ['handle', 'argument', 'dynamic:handles'],
    ['handle-and-tags', 'argument', 'dynamic:tag-ops'],
    ['tag', 'flag', 'dynamic:tags'],
    ['old', 'argument', 'dynamic:tags'],
    ['id', 'argument', 'dynamic:trash'],
    ['id', 'flag', 'none'],
    ['query', 'argument', 'dynamic:query'],
    ['file', 'flag', 'file'],
    ['file|dir', 'flag', 'file'],
    ['path|-', 'flag', 'file'],
    ['paths', 'argument', 'file'],
    ['topic', 'argument', 'topic:query format'],
    ['topic', 'flag', 'none'],
    ['source', 'argument', 'none'],
    ['n', 'flag', 'none'],
  ] as [string, ValuePlace, string][])('%s as %s → %s', (name, place, expected) => {
    expect(kindText(kindFromName(name, place, undefined, ['query', 'format']))).toBe(expected)
  })

  it('declared choices win over the name', () => {
    expect(kindText(kindFromName('file', 'flag', ['a', 'b']))).toBe('choice:a b')
  })
})

describe('completionRows', () => {
  it('lists commands with aliases, flags with their value kinds, and arguments by position', () => {
    const program = new Command('precis').option('--library <file>', 'the library')
    program.command('show').alias('s').description('Show\tthings\nnow').argument('<handle...>').option('--width <n>', 'columns')
    const tags = program.command('tags').description('Tags')
    tags
      .command('rename')
      .argument('<old>')
      .argument('<new>')
      .addOption(new Option('--mode <m>').choices(['fast', 'slow']))
    program.command('secret', { hidden: true })
    const text = completionRows(commandSpec(program)).map((row) =>
      [row.type, row.path, row.name, row.value, ...(row.type === 'arg' ? [] : [row.description])].join('\t'),
    )
    expect(text).toEqual([
      'cmd\tprecis\tshow\tshow\tShow things now',
      'cmd\tprecis\ts\tshow\tShow things now',
      'cmd\tprecis\ttags\ttags\tTags',
      'cmd\tprecis\thelp\thelp\tdisplay help for command',
      'flag\tprecis\t--library\tfile\tthe library',
      'flag\tprecis\t--help\t-\tdisplay help for command',
      'flag\tprecis\t-h\t-\tdisplay help for command',
      'flag\tprecis show\t--width\tnone\tcolumns',
      'flag\tprecis show\t--help\t-\tdisplay help for command',
      'flag\tprecis show\t-h\t-\tdisplay help for command',
      'arg\tprecis show\t0+\tdynamic:handles',
      'cmd\tprecis tags\trename\trename\t',
      'cmd\tprecis tags\thelp\thelp\tdisplay help for command',
      'flag\tprecis tags\t--help\t-\tdisplay help for command',
      'flag\tprecis tags\t-h\t-\tdisplay help for command',
      'flag\tprecis tags rename\t--mode\tchoice:fast slow\t',
      'flag\tprecis tags rename\t--help\t-\tdisplay help for command',
      'flag\tprecis tags rename\t-h\t-\tdisplay help for command',
      'arg\tprecis tags rename\t0\tdynamic:tags',
      'arg\tprecis tags rename\t1\tdynamic:tags',
      'arg\tprecis tags help\t0\tnone',
      'arg\tprecis help\t0\tnone',
    ])
  })
})

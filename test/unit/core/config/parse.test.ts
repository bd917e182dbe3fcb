import { describe, expect, it } from 'vitest'
import { withoutSetting, withSetting } from '../../../../src/core/config/edit.js'
import { MAX_CONFIG_BYTES, parseConfigBytes, parseConfigText } from '../../../../src/core/config/parse.js'
import { valueFromWord } from '../../../../src/core/config/settings.js'
import { DataError, UsageError } from '../../../../src/core/errors.js'

const FILE = '/home/me/.config/precis/config.toml'

/** The message of the DataError parsing `text` throws. */
function refusal(text: string): string {
  try {
    parseConfigText(text, FILE)
  } catch (error) {
    expect(error).toBeInstanceOf(DataError)
    return (error as DataError).message
  }
  throw new Error('parsed')
}

describe('parseConfigText', () => {
  it('reads every setting', () => {
    const text =
      '# my settings\nby = "Ada Lovelace"\nkey_pattern = "{Author}{year}"\ntemplate = """\n## Problem\n"""\ntags = ["Inbox", "to read"]\npager = false\nwidth = 72\ncolor = false\n'
    expect(parseConfigText(text, FILE)).toEqual({
      config: {
        by: 'Ada Lovelace',
        key_pattern: '{Author}{year}',
        template: '## Problem\n',
        tags: ['inbox', 'to-read'],
        pager: false,
        width: 72,
        color: false,
      },
      unknown: [],
    })
  })

  it('an empty file sets nothing', () => {
    expect(parseConfigText('', FILE)).toEqual({ config: {}, unknown: [] })
  })

  it.each([
    ['a syntax error: file, line and column', 'by = "Ada"\nwidth = \n', `${FILE}:2:9: `],
    ['an unterminated string', 'tags = ["a"]\n\nby = "Ada\n', `${FILE}:3:`],
    ['a key set twice', 'by = "a"\nby = "b"\n', `${FILE}:2:`],
    [
      'a wrong type names the line and the setting',
      '# c\n\nwidth = "wide"\n',
      `${FILE}:3: width must be a whole number from 20 to 1000, but it is not a whole number`,
    ],
    ['a width out of range', 'width = 5\n', `${FILE}:1: width must be a whole number from 20 to 1000, but it is too small`],
    ['a bad tag', 'tags = ["a", ""]\n', `${FILE}:1: tags must be a list of tags, but it holds the tag "", but it is empty`],
    [
      'a key pattern that cannot make keys',
      'key_pattern = "{nope}"\n',
      `${FILE}:1: key_pattern must be a string, but it has the unknown token "{nope}"`,
    ],
    ['a control character through an escape', 'by = "Ada\\u001b[31m"\n', `${FILE}:1: by must be a string, but it contains`],
    ['a by on two lines', 'by = "Ada\\nLovelace"\n', `${FILE}:1: by must be a string, but it is not one line`],
    ['a section for a setting', '[width]\nx = 1\n', `width must be a whole number`],
    ['a date', 'by = 1979-05-27\n', `${FILE}:1: by must be a string, but it is not a string`],
    ['deep nesting', `x = ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`, FILE],
  ])('%s', (_, text, message) => {
    expect(refusal(text)).toContain(message)
  })

  it('unknown keys are returned with their line, never used: __proto__ and constructor change nothing', () => {
    const parsed = parseConfigText('by = "Ada"\n__proto__ = { width = 30 }\nconstructor = 1\nwidht = 72\n', FILE)
    expect(parsed.config).toEqual({ by: 'Ada' })
    expect(Object.getPrototypeOf(parsed.config)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).width).toBeUndefined()
    expect(parsed.unknown).toEqual([
      { key: '__proto__', line: 2 },
      { key: 'constructor', line: 3 },
      { key: 'widht', line: 4 },
    ])
  })

  it('bytes: too big, binary or not UTF-8 are refused by name; a byte-order mark is dropped', () => {
    expect(() => parseConfigBytes(new Uint8Array(MAX_CONFIG_BYTES + 1).fill(0x20), FILE)).toThrow(`${FILE} is too big for a config file`)
    expect(() => parseConfigBytes(new Uint8Array([0x62, 0x79, 0, 0x3d]), FILE)).toThrow('NUL bytes')
    expect(() => parseConfigBytes(new Uint8Array([0x62, 0x79, 0xff]), FILE)).toThrow('not valid UTF-8')
    expect(parseConfigBytes(new TextEncoder().encode('\uFEFFwidth = 80\n'), FILE).config).toEqual({ width: 80 })
  })
})

describe('withSetting', () => {
  it.each([
    [
      'replaces the line, keeping comments and other keys',
      '# mine\nby = "Ada"  # me\nfuture = 1\n',
      'by',
      'Grace',
      '# mine\nby = "Grace"\nfuture = 1\n',
      false,
    ],
    ['adds a missing setting at the end', '# mine\nwidth = 80', 'by', 'Grace', '# mine\nwidth = 80\nby = "Grace"\n', false],
    ['makes an empty file', '', 'tags', ['a', 'b'], 'tags = [ "a", "b" ]\n', false],
    [
      'adds before a section, where it stays a top-level setting',
      'by = "x"\n[later]\nk = 1\n',
      'width',
      90,
      'by = "x"\nwidth = 90\n[later]\nk = 1\n',
      false,
    ],
    [
      'a multi-line value is written anew, keeping the other values',
      '# gone\ntemplate = """\n## A\n"""\nfuture = 2\n',
      'template',
      '## B\n',
      'template = "## B\\n"\nfuture = 2\n',
      true,
    ],
  ])('%s', (_, text, name, value, expected, rewritten) => {
    expect(withSetting(text, FILE, name as never, value as never)).toEqual({ text: expected, rewritten })
  })

  it('refuses to edit a file it cannot read', () => {
    expect(() => withSetting('by = \n', FILE, 'width', 80)).toThrow(DataError)
  })
})

describe('withoutSetting', () => {
  it.each([
    ['removes the line, keeping comments and other keys', '# mine\nby = "Ada"  # me\nfuture = 1\n', 'by', '# mine\nfuture = 1\n', false],
    ['removes a key precis does not know', 'colour = false\nwidth = 80\n', 'colour', 'width = 80\n', false],
    ['removes every line of a multi-line value', '# t\ntemplate = """\n## A\n"""\nwidth = 80\n', 'template', '# t\nwidth = 80\n', false],
    ['removes the last setting', 'width = 80\n', 'width', '', false],
    ['mends a file whose only problem is that line', '# t\nwidth = "wide"\nby = "x"\n', 'width', '# t\nby = "x"\n', false],
    ['mends an unclosed string on that line', 'by = "x\nwidth = 80\n', 'by', 'width = 80\n', false],
    ['writes a dotted key anew', 'by = "x"\n"wid".th = 1\n', 'wid', 'by = "x"\n', true],
  ])('%s', (_, text, name, expected, rewritten) => {
    expect(withoutSetting(text, FILE, name)).toEqual({ text: expected, rewritten })
  })

  it('null when the file does not set it', () => {
    expect(withoutSetting('# only\nwidth = 80\n', FILE, 'by')).toBeNull()
    expect(withoutSetting('by = "x"\n[later]\nwidth = 1\n', FILE, 'width')).toBeNull()
  })

  it('refuses a file whose problem is another line', () => {
    expect(() => withoutSetting('by = "x"\nwidth = "wide"\n', FILE, 'by')).toThrow(/:2: width must be/)
    expect(() => withoutSetting('by = \n', FILE, 'width')).toThrow(DataError)
  })
})

describe('valueFromWord', () => {
  it.each([
    ['tags', 'gnn, Thesis', ['gnn', 'thesis']],
    ['tags', '', []],
    ['width', '72', 72],
    ['color', 'false', false],
    ['pager', 'false', false],
    ['pager', 'less -R', 'less -R'],
    ['template', '## Problem\\n\\n## Method\\n', '## Problem\n\n## Method\n'],
  ])('%s %j', (name, word, value) => {
    expect(valueFromWord(name, word)).toEqual(value)
  })

  it.each([
    ['width', 'wide', 'width must be a whole number'],
    ['color', 'yes', 'color must be true or false'],
    ['by', 'a\u0007b', 'by must be a string'],
    ['__proto__', 'x', 'There is no setting "__proto__"'],
    ['colour', 'false', 'There is no setting "colour"'],
  ])('%s %j is refused', (name, word, message) => {
    expect(() => valueFromWord(name, word)).toThrow(UsageError)
    expect(() => valueFromWord(name, word)).toThrow(message)
  })
})

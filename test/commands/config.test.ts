import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import { smallLibrary } from '../support/library.js'
import { tempDir, testContext, type TestContextOptions } from '../support/context.js'

async function run(argv: string[], options: TestContextOptions = {}) {
  const ctx = testContext({ library: smallLibrary(), ...options })
  const code = await main(argv, ctx)
  return { code, stdout: ctx.stdout(), stderr: ctx.stderr(), ctx }
}

describe('config list', () => {
  const config = '# mine\nby = "Ada Lovelace"\nwidth = 72\n'

  it('not a terminal: one setting a line, tab-separated, with its source', async () => {
    const { code, stdout } = await run(['config', 'list'], { config, env: { PAGER: 'most' } })
    expect(code).toBe(0)
    expect(stdout.split('\n')).toEqual([
      'by\t"Ada Lovelace"\tconfig',
      'key_pattern\t"{author}{year}{title}"\tdefault',
      'template\t""\tdefault',
      'tags\t[]\tdefault',
      'pager\t"most"\tenvironment',
      'width\t72\tconfig',
      'color\ttrue\tdefault',
      'images\t"auto"\tdefault',
      '',
    ])
  })

  it('a terminal: aligned, and where the file is', async () => {
    const { code, stdout, ctx } = await run(['config'], { config, tty: true })
    expect(code).toBe(0)
    expect(stdout).toContain('by           "Ada Lovelace"  (config)\n')
    expect(stdout).toContain('width        72  (config)\n')
    expect(stdout).toContain(`Config file: ${ctx.config.path}\n`)
  })

  it('--json: each setting with its value and source, and the path', async () => {
    const { stdout, ctx } = await run(['--json', 'config', 'list'], { config })
    const data = JSON.parse(stdout)
    expect(data.path).toBe(ctx.config.path)
    expect(data.settings.by).toEqual({ value: 'Ada Lovelace', source: 'config' })
    expect(data.settings.width).toEqual({ value: 72, source: 'config' })
  })

  it('an unknown key is warned about with its line, and ignored', async () => {
    const { code, stderr, ctx } = await run(['config', 'list'], { config: 'by = "x"\ncolour = false\n' })
    expect(code).toBe(0)
    expect(stderr).toContain(`precis: ${ctx.config.path}:2: unknown setting "colour" ignored`)
  })
})

describe('config get, set, path', () => {
  it('get prints the value in effect: a list a line each; --json with its source', async () => {
    expect((await run(['config', 'get', 'tags'], { config: 'tags = ["a", "b"]\n' })).stdout).toBe('a\nb\n')
    expect((await run(['config', 'get', 'key_pattern'])).stdout).toBe('{author}{year}{title}\n')
    expect(JSON.parse((await run(['--json', 'config', 'get', 'pager'], { env: { PAGER: 'most' } })).stdout)).toEqual({
      name: 'pager',
      value: 'most',
      source: 'environment',
    })
  })

  it('get and set of a setting that does not exist: usage error with the list', async () => {
    for (const argv of [
      ['config', 'get', 'colour'],
      ['config', 'set', 'colour', 'false'],
    ]) {
      const { code, stderr } = await run(argv)
      expect(code).toBe(2)
      expect(stderr).toContain('There is no setting "colour"')
      expect(stderr).toContain('Settings: by, key_pattern, template, tags, pager, width, color')
    }
  })

  it('set makes the file and its folder, then changes one line, keeping comments and unknown keys', async () => {
    const first = await run(['config', 'set', 'by', 'Ada Lovelace'])
    expect(first.code).toBe(0)
    expect(first.stderr).toBe(`Set by in ${first.ctx.config.path}\n`)
    expect(readFileSync(first.ctx.config.path, 'utf8')).toBe('by = "Ada Lovelace"\n')

    const home = first.ctx.env.HOME!
    const again = testContext({ env: { HOME: home } })
    writeFileSync(again.config.path, '# who writes\nby = "Ada"\nfuture_setting = 1\n')
    expect(await main(['config', 'set', 'tags', 'inbox, To Read'], again)).toBe(0)
    expect(await main(['config', 'set', 'by', 'Grace'], again)).toBe(0)
    expect(readFileSync(again.config.path, 'utf8')).toBe('# who writes\nby = "Grace"\nfuture_setting = 1\ntags = [ "inbox", "to-read" ]\n')
  })

  it('images takes auto, kitty, iterm, sixel or off', async () => {
    const set = await run(['config', 'set', 'images', 'sixel'])
    expect(set.code).toBe(0)
    expect(readFileSync(set.ctx.config.path, 'utf8')).toBe('images = "sixel"\n')
    const bad = await run(['config', 'set', 'images', 'regis'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('images must be auto, kitty, iterm, sixel, off: "regis" is not one of auto, kitty, iterm, sixel, off')
  })

  it('set refuses a bad value (exit 2) and leaves the file as it was', async () => {
    const { code, stderr, ctx } = await run(['config', 'set', 'width', '5'], { config: 'width = 80\n' })
    expect(code).toBe(2)
    expect(stderr).toContain('width must be a whole number from 20 to 1000: "5" is too small')
    expect(readFileSync(ctx.config.path, 'utf8')).toBe('width = 80\n')
  })

  it('set says when the environment wins over what it wrote', async () => {
    const { stderr } = await run(['config', 'set', 'key_pattern', '{Author}{yy}'], { env: { PRECIS_KEY_PATTERN: '{title}' } })
    expect(stderr).toContain('The environment sets key_pattern too, and wins over the config file')
  })

  it('set through a symbolic link writes the file it leads to', async () => {
    const dir = tempDir()
    const real = join(dir, 'dotfiles.toml')
    writeFileSync(real, 'width = 80\n')
    const ctx = testContext({ env: { XDG_CONFIG_HOME: join(dir, 'xdg') } })
    mkdirSync(join(dir, 'xdg', 'precis'), { recursive: true })
    symlinkSync(real, ctx.config.path)
    expect(await main(['config', 'set', 'width', '90'], ctx)).toBe(0)
    expect(readFileSync(real, 'utf8')).toBe('width = 90\n')
  })

  it('unset removes the line, keeping the rest, and says what is in effect now', async () => {
    const config = '# mine\nby = "Ada"\nwidth = 72\ncolour = false\n'
    const unset = await run(['config', 'unset', 'width'], { config })
    expect(unset.code).toBe(0)
    expect(unset.stderr).toBe(
      `Removed "width" from ${unset.ctx.config.path}\n` +
        `precis: ${unset.ctx.config.path}:3: unknown setting "colour" ignored\nwidth is now (the terminal) (default)\n`,
    )
    expect(readFileSync(unset.ctx.config.path, 'utf8')).toBe('# mine\nby = "Ada"\ncolour = false\n')
    const typo = await run(['config', 'unset', 'colour'], { config })
    expect(typo.stderr).toBe(`Removed "colour" from ${typo.ctx.config.path}\n`)
    expect(readFileSync(typo.ctx.config.path, 'utf8')).toBe('# mine\nby = "Ada"\nwidth = 72\n')
  })

  it('unset of what the file does not set: a setting is a note (exit 0), anything else a usage error', async () => {
    const absent = await run(['config', 'unset', 'pager'], { config: 'by = "Ada"\n' })
    expect(absent.code).toBe(0)
    expect(absent.stderr).toBe(`pager is not set in ${absent.ctx.config.path}\n`)
    const noFile = await run(['config', 'unset', 'pager'])
    expect(noFile.code).toBe(0)
    expect(existsSync(join(noFile.ctx.config.path, '..'))).toBe(false) // no folder made for nothing
    const unknown = await run(['config', 'unset', 'nosuch'], { config: 'by = "Ada"\n' })
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('There is no setting "nosuch"')
  })

  it('unset mends a bad line it removes; a problem elsewhere is refused, the file unchanged', async () => {
    const broken = 'by = "Ada"\nwidth = "wide"\n'
    const mended = await run(['config', 'unset', 'width'], { config: broken })
    expect(mended.code).toBe(0)
    expect(readFileSync(mended.ctx.config.path, 'utf8')).toBe('by = "Ada"\n')
    const refused = await run(['config', 'unset', 'by'], { config: broken })
    expect(refused.code).toBe(4)
    expect(refused.stderr).toContain(':2: width must be')
    expect(readFileSync(refused.ctx.config.path, 'utf8')).toBe(broken)
  })

  it('path follows XDG_CONFIG_HOME (absolute only), else ~/.config', async () => {
    expect((await run(['config', 'path'], { env: { XDG_CONFIG_HOME: '/x/conf' } })).stdout).toBe('/x/conf/precis/config.toml\n')
    expect((await run(['config', 'path'], { env: { HOME: '/h', XDG_CONFIG_HOME: 'relative' } })).stdout).toBe(
      '/h/.config/precis/config.toml\n',
    )
    expect(JSON.parse((await run(['--json', 'config', 'path'], { env: { XDG_CONFIG_HOME: '/x' } })).stdout)).toEqual({
      path: '/x/precis/config.toml',
    })
  })
})

describe('a config file precis cannot use', () => {
  it('malformed: exit 4 naming file and line, for config list and any other command; help and config path still work', async () => {
    const broken = 'by = "Ada"\nwidth = = 3\n'
    for (const argv of [['config', 'list'], ['list'], ['config', 'set', 'by', 'x']]) {
      const { code, stderr, ctx } = await run(argv, { config: broken })
      expect(code).toBe(4)
      expect(stderr).toContain(`precis: ${ctx.config.path}:2:`)
    }
    for (const argv of [['--help'], ['list', '--help'], ['help', 'query'], ['help', 'list'], ['config', 'path'], ['--version']]) {
      expect((await run(argv, { config: broken })).code).toBe(0)
    }
  })

  it('a bad value: every command says how to mend it, and config set of that setting mends it in place', async () => {
    const broken = '# mine\nby = "Ada"\nwidth = "wide"\nunknown = 1\n'
    const list = await run(['list'], { config: broken })
    expect(list.code).toBe(4)
    expect(list.stderr).toContain(`precis: ${list.ctx.config.path}:3: width must be a whole number`)
    expect(list.stderr).toContain('Mend it with precis config set <name> <value>')
    const other = await run(['config', 'set', 'by', 'Bob'], { config: broken })
    expect(other.code).toBe(4) // the bad line is not the one being set
    expect(readFileSync(other.ctx.config.path, 'utf8')).toBe(broken)
    const set = await run(['config', 'set', 'width', '88'], { config: broken })
    expect(set.code).toBe(0)
    expect(readFileSync(set.ctx.config.path, 'utf8')).toBe('# mine\nby = "Ada"\nwidth = 88\nunknown = 1\n')
    const syntax = await run(['config', 'set', 'by', 'Bob'], { config: 'by = "Ada\nwidth = 30\n' })
    expect(syntax.code).toBe(0) // an unclosed string on the line being set
    expect(readFileSync(syntax.ctx.config.path, 'utf8')).toBe('by = "Bob"\nwidth = 30\n')
  })

  it.each([
    ['a folder', (path: string) => mkdirSync(path), 'it is a folder, not a regular file'],
    ['a named pipe', (path: string) => execFileSync('mkfifo', [path]), 'it is a named pipe (FIFO), not a regular file'],
    ['a huge file', (path: string) => writeFileSync(path, `# ${'x'.repeat(100_000)}\n`), 'is too big for a config file'],
  ])('%s in its place: refused at once (exit 4)', async (_, make, reason) => {
    const ctx = testContext({ library: smallLibrary() })
    mkdirSync(join(ctx.config.path, '..'), { recursive: true })
    make(ctx.config.path)
    expect(await main(['list'], ctx)).toBe(4)
    expect(ctx.stderr()).toContain(ctx.config.path)
    expect(ctx.stderr()).toContain(reason)
    rmSync(ctx.config.path, { recursive: true })
  })
})

describe('the settings reach the commands', () => {
  it('add: by, tags and key pattern from the file; flags win over it', async () => {
    const config = 'by = "Ada Lovelace"\ntags = ["inbox"]\nkey_pattern = "{Author}{yy}"\n'
    const paper = ['--title', 'Deep Sets', '--author', 'Manzil Zaheer', '--year', '2017', '--body', 'Sets.\n']
    const fromFile = await run(['--json', 'add', ...paper], { config })
    expect(fromFile.code).toBe(0)
    const added = JSON.parse(fromFile.stdout)
    expect(added.key).toBe('Zaheer17')
    expect(added.record.by).toBe('Ada Lovelace')
    expect(added.record.tags).toEqual(['inbox'])

    const flags = JSON.parse(
      (await run(['--json', 'add', ...paper, '--by', 'Me', '--tag', 'sets'], { config, env: { PRECIS_KEY_PATTERN: '{title}{year}' } }))
        .stdout,
    )
    expect(flags.key).toBe('deep2017')
    expect(flags.record.by).toBe('Me')
    expect(flags.record.tags).toEqual(['sets'])
  })

  it('add --edit: the editor opens on the template below the comment; left unchanged, nothing is saved', async () => {
    const config = 'template = """\n## Problem\n\n## Method\n"""\n'
    const paper = ['--title', 'Deep Sets', '--author', 'Manzil Zaheer', '--year', '2017', '--edit']
    const written = await run(['add', ...paper, '--tag', 'x'], {
      config,
      editor: (text) => text.replace('## Method\n', '## Method\nPermutation invariance.\n'),
    })
    expect(written.code).toBe(0)
    expect(written.ctx.edited[0]).toMatch(/-->\n\n## Problem\n\n## Method\n$/)
    const summary = (await written.ctx.store.read()).summaries.at(-1)!
    expect(summary.body).toBe('## Problem\n\n## Method\nPermutation invariance.\n')

    const unchanged = await run(['add', ...paper, '--tag', 'x'], { config, editor: (text) => text })
    expect(unchanged.code).toBe(1)
    expect(unchanged.stderr).toContain('The summary is empty; nothing was saved')
  })

  it.each([
    ['the file alone', {}, [], { color: false, pager: true, pagerCommand: 'more' }],
    [
      'PAGER and FORCE_COLOR win over the file',
      { PAGER: 'most', FORCE_COLOR: '1' },
      [],
      { color: undefined, pager: true, pagerCommand: 'most' },
    ],
    [
      '--no-pager and --no-color win over everything',
      { PAGER: 'most', FORCE_COLOR: '1' },
      ['--no-pager', '--no-color'],
      { color: undefined, pager: false, pagerCommand: undefined },
    ],
  ])('pager and colour reach the terminal: %s', async (_, env, flags, expected) => {
    const ctx = testContext({ library: smallLibrary(), config: 'pager = "more"\ncolor = false\n', env })
    const configured: unknown[] = []
    ctx.io = { ...ctx.io, configure: (options) => void configured.push(options) }
    expect(await main([...flags, 'list'], ctx)).toBe(0)
    // First the flags, then what flags, environment and file choose together.
    expect(configured.at(-1)).toEqual(expected)
  })

  it('show: width from the file, --width wins', async () => {
    const config = 'width = 40\n'
    const narrow = (await run(['show', 'gilmer2017neural'], { config })).stdout
    expect(Math.max(...narrow.split('\n').map((line) => line.length))).toBeLessThanOrEqual(40)
    const wide = (await run(['show', 'gilmer2017neural', '--width', '100'], { config })).stdout
    expect(Math.max(...wide.split('\n').map((line) => line.length))).toBeGreaterThan(40)
  })
})

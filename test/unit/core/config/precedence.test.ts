import { describe, expect, it } from 'vitest'
import {
  chooseBy,
  chooseColor,
  chooseKeyPattern,
  chooseNewTags,
  choosePager,
  chooseWidth,
  keyPatternIn,
  type Source,
} from '../../../../src/core/config/precedence.js'
import type { Config } from '../../../../src/core/config/settings.js'

const file: Config = { by: 'Config Author', key_pattern: '{Author}{yy}', tags: ['inbox'], pager: 'more', width: 72, color: false }

describe('precedence: flag, then environment, then config file, then default', () => {
  // [setting, flag given, environment, config, value, source]
  it.each<[string, () => { value: unknown; source: Source }, unknown, Source]>([
    ['by: flag', () => chooseBy('Flag Author', file), 'Flag Author', 'flag'],
    ['by: config', () => chooseBy(undefined, file), 'Config Author', 'config'],
    ['by: default', () => chooseBy(undefined, {}), '', 'default'],
    ['key pattern: environment', () => chooseKeyPattern({ PRECIS_KEY_PATTERN: '{title}{year}' }, file), '{title}{year}', 'environment'],
    ['key pattern: empty environment counts as unset', () => chooseKeyPattern({ PRECIS_KEY_PATTERN: '' }, file), '{Author}{yy}', 'config'],
    ['key pattern: config', () => chooseKeyPattern({}, file), '{Author}{yy}', 'config'],
    ['key pattern: default', () => chooseKeyPattern({}, {}), '{author}{year}{title}', 'default'],
    ['tags: flags replace the configured ones', () => chooseNewTags(['gnn'], file), ['gnn'], 'flag'],
    ['tags: config', () => chooseNewTags([], file), ['inbox'], 'config'],
    ['tags: default', () => chooseNewTags([], {}), [], 'default'],
    ['pager: --no-pager', () => choosePager(false, { PAGER: 'most' }, file), false, 'flag'],
    ['pager: $PAGER', () => choosePager(true, { PAGER: 'most' }, file), 'most', 'environment'],
    ['pager: config', () => choosePager(true, { PAGER: '' }, file), 'more', 'config'],
    ['pager: config false', () => choosePager(true, {}, { pager: false }), false, 'config'],
    ['pager: default', () => choosePager(true, {}, {}), 'less -FRX', 'default'],
    ['width: flag', () => chooseWidth(100, file), 100, 'flag'],
    ['width: config', () => chooseWidth(null, file), 72, 'config'],
    ['width: default (the terminal)', () => chooseWidth(null, {}), null, 'default'],
    ['colour: --no-color beats FORCE_COLOR', () => chooseColor(false, { FORCE_COLOR: '1' }, { color: true }), false, 'flag'],
    ['colour: FORCE_COLOR beats the config', () => chooseColor(true, { FORCE_COLOR: '1' }, file), true, 'environment'],
    ['colour: NO_COLOR beats the config', () => chooseColor(true, { NO_COLOR: '1' }, { color: true }), false, 'environment'],
    ['colour: config', () => chooseColor(true, { NO_COLOR: '' }, file), false, 'config'],
    ['colour: default', () => chooseColor(true, {}, {}), true, 'default'],
  ])('%s', (_, choose, value, source) => {
    expect(choose()).toEqual({ value, source })
  })

  it('the key pattern is compiled from where it came, and its errors say where', () => {
    const paper = { authors: ['Justin Gilmer'], year: 2017, title: 'Neural Message Passing' }
    expect(keyPatternIn({}, file)(paper)).toBe('Gilmer17')
    expect(keyPatternIn({ PRECIS_KEY_PATTERN: '{year}{author}' }, file)(paper)).toBe('2017gilmer')
    expect(() => keyPatternIn({}, { key_pattern: '{nope}' })).toThrow('key_pattern (config file) has the unknown token')
  })
})

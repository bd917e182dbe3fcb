/**
 * Front matter written and read without the yaml package, in the shapes precis's own files use:
 * building a yaml Document per file was two thirds of a 10k export, and parsing one most of a 10k
 * import. Both write and read exactly what yaml does (test/unit/formats/frontmatter-fast.test.ts
 * holds them to yaml over many tricky values) and give up, returning null, on anything they are
 * not sure of: frontmatter.ts then asks yaml for the whole file.
 */

/* eslint-disable no-control-regex -- control characters are what a plain YAML scalar cannot hold */
/** Characters that would be read as more than text in a plain scalar (or need escaping): control and format characters. */
const NEEDS_ESCAPE =
  /[\u0000-\u001f\u007f-\u009f\u00a0\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/
/* eslint-enable no-control-regex */

/** Text the core schema reads as null, a boolean or a number: yaml writes it in double quotes. */
const CORE_TYPED =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/
/** A plain scalar starting with an indicator or a space needs yaml's judgement. */
const UNSAFE_START = /^[\s\-?:,[\]{}#&*!|>'"%@`]/
/** A trailing space or a tab: yaml's judgement again. */
const UNSAFE_SPACE = /\s$|\t/
/** Inside, `: ` would start a value and ` #` a comment: yaml writes such text in double quotes. */
const MISREAD_PLAIN = /: | #|:$/

function scalar(value: unknown): string | null {
  if (value === null) return 'null'
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? String(value) : null
  if (typeof value !== 'string' || value === '' || NEEDS_ESCAPE.test(value)) return null
  if (CORE_TYPED.test(value)) return `"${value}"`
  if (UNSAFE_START.test(value) || UNSAFE_SPACE.test(value)) return null
  if (MISREAD_PLAIN.test(value)) return /["\\]/.test(value) ? null : `"${value}"` // quotes and backslashes would need escapes
  return value
}

/** `key: value` lines for `fields`, or null when one value is beyond this writer. */
export function fastFrontMatter(fields: ReadonlyArray<readonly [string, unknown]>): string | null {
  let text = '---\n'
  for (const [key, value] of fields) {
    if (!/^[a-z]+$/.test(key)) return null
    if (Array.isArray(value)) {
      if (value.length === 0) {
        text += `${key}: []\n`
        continue
      }
      text += `${key}:\n`
      for (const item of value) {
        const written = typeof item === 'string' ? scalar(item) : null
        if (written === null) return null
        text += `  - ${written}\n`
      }
      continue
    }
    const written = scalar(value)
    if (written === null) return null
    text += `${key}: ${written}\n`
  }
  return `${text}---\n\n`
}

/** `key: value`, `key: []`, or `key:` (a list follows, or the value is empty: null). */
const KEY_LINE = /^([a-z]+):(?: (.*))?$/
const ITEM_LINE = /^ {2}- (.*)$/
const NULL = /^(?:~|null|Null|NULL)$/

/** A scalar as precis's reader sees it (numbers and booleans stay text), or undefined when unsure. */
function readScalar(raw: string): string | null | undefined {
  if (raw === '' || NEEDS_ESCAPE.test(raw)) return undefined
  if (NULL.test(raw)) return null
  if (raw.startsWith('"')) return /^"[^"\\]*"$/.test(raw) ? raw.slice(1, -1) : undefined
  if (UNSAFE_START.test(raw) || UNSAFE_SPACE.test(raw) || MISREAD_PLAIN.test(raw)) return undefined
  return raw
}

/** The fields of front matter `text` (between the --- lines), or null when it is beyond this reader. */
export function fastFrontMatterFields(text: string): Map<string, unknown> | null {
  // Keys are letters and every value goes through readScalar's character check: a \r (CRLF) or a
  // control character anywhere makes this reader give up.
  const lines = text.split('\n')
  if (lines.pop() !== '') return null
  const fields = new Map<string, unknown>()
  for (let i = 0; i < lines.length; i++) {
    const line = KEY_LINE.exec(lines[i]!)
    if (!line || fields.has(line[1]!)) return null // a duplicate key: yaml's error
    const [, key, raw] = line as unknown as [string, string, string | undefined]
    if (raw === '[]') {
      fields.set(key, [])
    } else if (raw !== undefined) {
      const value = readScalar(raw)
      if (value === undefined) return null
      fields.set(key, value)
    } else {
      const items: Array<string | null> = []
      for (let item; i + 1 < lines.length && (item = ITEM_LINE.exec(lines[i + 1]!)); i++) {
        const value = readScalar(item[1]!)
        if (value === undefined) return null
        items.push(value)
      }
      fields.set(key, items.length > 0 ? items : null)
    }
  }
  return fields
}

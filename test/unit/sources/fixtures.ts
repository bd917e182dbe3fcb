/** Reading this folder's recorded-format fixtures (test/fixtures/sources). */
import { readFileSync } from 'node:fs'

/** The text of `test/fixtures/sources/<name>`. */
export function fixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/sources/${name}`, import.meta.url), 'utf8')
}

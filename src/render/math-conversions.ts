/**
 * Math as Unicode, remembered across runs: texToUnicode's answers kept in the cache folder
 * (store/math-cache.ts) for this build of precis, so that a run showing only formulas shown before
 * never loads temml (some 400 KB, about half of `node -e 0` to compile), nor the converter itself
 * (math.ts and the MathML it reads: 33 KB of code) until a formula the cache lacks is met. The
 * conversion is a function of the TeX and the build, so what is shown is the same with the cache
 * empty or full.
 */
import { BUILD_IDENTITY } from '../core/build.js'
import { MathCache, mathCachePath, type Conversion } from '../store/math-cache.js'
import type { MathConverter, UnicodeMath } from './math.js'

/** One run's conversions: looked up in the cache, converted when it lacks them, saved when some were. */
export class MathConversions {
  /** What this run showed, in order of first use: the most recent when saved. */
  private readonly used = new Map<string, Conversion>()
  private converted = false
  private texToUnicode: MathConverter | null = null

  constructor(private readonly cache: MathCache | null) {}

  /** texToUnicode's answer for the formula; from the cache when it holds it (else loadConverter or renderedWith must have loaded texToUnicode). */
  readonly convert = (tex: string, display: boolean): UnicodeMath => {
    const conversion = this.kept(tex, display) ?? this.convertedNow(tex, display)
    return conversion.text === null ? { text: tex, faithful: false } : { text: conversion.text, faithful: true }
  }

  /** Loads texToUnicode, which converts the formulas the cache lacks (temml itself loads with the first it converts). */
  async loadConverter(): Promise<this> {
    this.texToUnicode ??= (await import('./math.js')).texToUnicode
    return this
  }

  /**
   * What `render` makes with these conversions, `formulas` being those it converts: texToUnicode is
   * loaded first only when the cache lacks one of them, so a run whose formulas were all converted
   * before never loads it, and `render` runs once either way.
   */
  async renderedWith<T>(formulas: Iterable<Pick<Conversion, 'tex' | 'display'>>, render: () => Promise<T>): Promise<T> {
    for (const { tex, display } of formulas) {
      if (this.kept(tex, display) === undefined) {
        await this.loadConverter()
        break
      }
    }
    return render()
  }

  /** Keep what this run converted for the next runs (with what it used, as the most recent); nothing is written when all came from the cache. */
  save(): void {
    if (this.converted) this.cache?.save(this.used.values())
    this.converted = false
  }

  /** The formula's conversion if this run made or used it, or the cache holds it. */
  private kept(tex: string, display: boolean): Conversion | undefined {
    const key = keyOf(tex, display)
    let conversion = this.used.get(key)
    if (conversion === undefined) {
      const text = this.cache?.get(tex, display)
      if (text === undefined) return undefined
      conversion = { tex, display, text }
      this.used.set(key, conversion)
    }
    return conversion
  }

  private convertedNow(tex: string, display: boolean): Conversion {
    if (!this.texToUnicode) throw new Error('A formula the math cache lacks, converted before its converter was loaded')
    const math = this.texToUnicode(tex, display)
    const conversion = { tex, display, text: math.faithful ? math.text : null }
    this.used.set(keyOf(tex, display), conversion)
    this.converted = true
    return conversion
  }
}

const keyOf = (tex: string, display: boolean) => (display ? 'D' : 'I') + tex

/** The conversions of a run whose cache folder is `cacheDir`; none are kept when the sources run without a build. */
export function conversionsCachedIn(cacheDir: string): MathConversions {
  return new MathConversions(BUILD_IDENTITY === null ? null : new MathCache(mathCachePath(cacheDir), BUILD_IDENTITY))
}

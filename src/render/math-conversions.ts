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
  /**
   * Whether a formula the cache lacks was asked for before texToUnicode was loaded (loadConverter):
   * it was given as its TeX, unconverted, and what showed it must be made again (renderedWith).
   */
  private missed = false

  constructor(private readonly cache: MathCache | null) {}

  /** texToUnicode's answer for the formula; from the cache when it holds it (else as TeX until loadConverter). */
  readonly convert = (tex: string, display: boolean): UnicodeMath => {
    const key = (display ? 'D' : 'I') + tex
    let conversion = this.used.get(key)
    if (conversion === undefined) {
      const text = this.cache?.get(tex, display)
      if (text !== undefined) conversion = { tex, display, text }
      else if (!this.texToUnicode) {
        this.missed = true
        return { text: tex, faithful: false }
      } else {
        const math = this.texToUnicode(tex, display)
        conversion = { tex, display, text: math.faithful ? math.text : null }
        this.converted = true
      }
      this.used.set(key, conversion)
    }
    return conversion.text === null ? { text: tex, faithful: false } : { text: conversion.text, faithful: true }
  }

  /** Loads texToUnicode, which converts the formulas the cache lacks (temml itself loads with the first it converts). */
  async loadConverter(): Promise<this> {
    this.texToUnicode ??= (await import('./math.js')).texToUnicode
    return this
  }

  /**
   * What `render` makes with these conversions, made again with texToUnicode loaded when it met a
   * formula the cache lacks: a run whose formulas were all converted before never loads it. `render`
   * must not keep what an earlier call converted (snippetRendering, made anew by each call).
   */
  async renderedWith<T>(render: () => Promise<T>): Promise<T> {
    const made = await render()
    if (!this.missed) return made
    await this.loadConverter()
    return render()
  }

  /** Keep what this run converted for the next runs (with what it used, as the most recent); nothing is written when all came from the cache. */
  save(): void {
    if (this.converted) this.cache?.save(this.used.values())
    this.converted = false
  }
}

/** The conversions of a run whose cache folder is `cacheDir`; none are kept when the sources run without a build. */
export function conversionsCachedIn(cacheDir: string): MathConversions {
  return new MathConversions(BUILD_IDENTITY === null ? null : new MathCache(mathCachePath(cacheDir), BUILD_IDENTITY))
}

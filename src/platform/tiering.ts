import { setFlagsFromString } from 'node:v8'

/**
 * No optimising compiler (TurboFan) for the rest of this process. `related` runs each of its loops
 * over every paper once (the columns, the tags and citations counted, the words' occurrences): at
 * 10,000 summaries V8 compiled ~30 of them on a background thread while they ran, 60–100 ms of CPU
 * (a search: ~18), most of it delivered too late to pay. Set once the code is loaded: V8 checks a
 * code cache against the flags, and rejects (compiles again) every script loaded after the change.
 */
export function withoutOptimisingCompiler(): void {
  setFlagsFromString('--no-opt')
}

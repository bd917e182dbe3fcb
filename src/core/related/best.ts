/**
 * The `limit` best of the papers offered, by score then key (keys are distinct): what sorting every
 * paper scored and keeping the first `limit` gives, with only `limit` of them kept (in a heap whose
 * top is the worst kept), not the tens of thousands sharing a tag at 100,000 summaries.
 */
export class Best {
  private readonly papers: number[] = []
  private readonly scores: number[] = []

  constructor(
    private readonly limit: number,
    private readonly keys: readonly string[],
  ) {}

  /** Whether paper p scoring s ranks after paper q scoring t. */
  private after(p: number, s: number, q: number, t: number): boolean {
    return s < t || (s === t && this.keys[p]! > this.keys[q]!)
  }

  offer(p: number, score: number): void {
    const { papers, scores } = this
    if (papers.length < this.limit) {
      // Up from the end while it ranks after its parent.
      let at = papers.length
      papers.push(p)
      scores.push(score)
      while (at > 0) {
        const up = (at - 1) >> 1
        if (!this.after(p, score, papers[up]!, scores[up]!)) break
        papers[at] = papers[up]!
        scores[at] = scores[up]!
        at = up
      }
      papers[at] = p
      scores[at] = score
      return
    }
    if (papers.length === 0 || !this.after(papers[0]!, scores[0]!, p, score)) return
    // In place of the worst kept, then down while a child ranks after it.
    let at = 0
    for (;;) {
      const [left, right] = [2 * at + 1, 2 * at + 2]
      let worst = at
      let [wp, ws] = [p, score]
      if (left < papers.length && this.after(papers[left]!, scores[left]!, wp, ws)) [worst, wp, ws] = [left, papers[left]!, scores[left]!]
      if (right < papers.length && this.after(papers[right]!, scores[right]!, wp, ws))
        [worst, wp, ws] = [right, papers[right]!, scores[right]!]
      if (worst === at) break
      papers[at] = wp
      scores[at] = ws
      at = worst
    }
    papers[at] = p
    scores[at] = score
  }

  /** The papers kept, best first. */
  ranked(): { p: number; score: number }[] {
    const kept = this.papers.map((p, i) => ({ p, score: this.scores[i]! }))
    return kept.sort((a, b) => b.score - a.score || (this.keys[a.p]! < this.keys[b.p]! ? -1 : 1))
  }
}

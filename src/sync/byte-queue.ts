/** Bytes received and not yet read, kept as chunks so a large file is joined once, not at every chunk. */
export class ByteQueue {
  private chunks: Buffer[] = []
  length = 0

  push(chunk: Buffer): void {
    this.chunks.push(chunk)
    this.length += chunk.length
  }

  indexOfNewline(): number {
    let offset = 0
    for (const chunk of this.chunks) {
      const at = chunk.indexOf(10)
      if (at >= 0) return offset + at
      offset += chunk.length
    }
    return -1
  }

  take(count: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks)
    const rest = all.subarray(count)
    this.chunks = rest.length > 0 ? [rest] : []
    this.length = rest.length
    return all.subarray(0, count)
  }
}

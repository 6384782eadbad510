/**
 * The last `capacity` numbers recorded, in constant memory and constant time per sample (the
 * agent records one per applied event; trimming a plain array cost a copy of it each time).
 */
export class RecentSamples {
  private readonly buf: Float64Array;
  private next = 0;
  private size = 0;

  constructor(readonly capacity = 4096) {
    this.buf = new Float64Array(capacity);
  }

  record(v: number) {
    this.buf[this.next] = v;
    this.next = (this.next + 1) % this.capacity;
    if (this.size < this.capacity) this.size++;
  }

  get length(): number {
    return this.size;
  }

  /** The kept samples, oldest first. */
  values(): number[] {
    const start = this.size < this.capacity ? 0 : this.next;
    const out = new Array<number>(this.size);
    for (let i = 0; i < this.size; i++) out[i] = this.buf[(start + i) % this.capacity];
    return out;
  }
}

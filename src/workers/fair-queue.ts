/**
 * Jobs queued per owner (a user) and taken in turn, so one owner's burst waits behind its own
 * jobs rather than in front of everyone else's: a student sending the costliest specs twenty
 * times a second delays another student's /count by at most the job already running. The next
 * job goes to the owner served least recently (one never served first, then in arrival order).
 */
export class FairQueue<T> {
  /** Waiting jobs per owner; an owner without jobs has no lane. */
  private readonly lanes = new Map<string, T[]>();
  /** When each owner was last served (a counter, not a clock); only the most recent owners are kept. */
  private readonly served = new Map<string, number>();
  private turn = 0;
  private count = 0;

  constructor(private readonly remembered = 1024) {}

  get size(): number {
    return this.count;
  }

  /** Jobs this owner has waiting. */
  waiting(owner: string): number {
    return this.lanes.get(owner)?.length ?? 0;
  }

  push(owner: string, item: T): void {
    const lane = this.lanes.get(owner);
    if (lane) lane.push(item);
    else this.lanes.set(owner, [item]);
    this.count++;
  }

  /** The next job of the eligible owner served least recently, or undefined if none is eligible. */
  take(eligible: (owner: string) => boolean = () => true): T | undefined {
    let next: string | undefined;
    let nextServed = Infinity;
    for (const owner of this.lanes.keys()) {
      const served = this.served.get(owner) ?? -1;
      if (served < nextServed && eligible(owner)) [next, nextServed] = [owner, served];
    }
    if (next === undefined) return undefined;
    const lane = this.lanes.get(next)!;
    const item = lane.shift()!;
    if (lane.length === 0) this.lanes.delete(next);
    this.count--;
    this.served.delete(next);
    this.served.set(next, this.turn++);
    if (this.served.size > this.remembered) this.served.delete(this.served.keys().next().value!);
    return item;
  }

  /** Every job still waiting; the queue is left empty. */
  drain(): T[] {
    const all = [...this.lanes.values()].flat();
    this.lanes.clear();
    this.count = 0;
    return all;
  }
}

/**
 * The CPU time this process spends in a call, in milliseconds: what a guard against runaway work
 * measures. Wall time would also count what other processes on a loaded machine take from this
 * one; CPU time is the work itself, on an idle machine or under `stress-ng --cpu 2` alike.
 */
export function cpuMs<T>(work: () => T): { readonly result: T; readonly ms: number } {
  const before = process.cpuUsage();
  const result = work();
  const spent = process.cpuUsage(before);
  return { result, ms: (spent.user + spent.system) / 1_000 };
}

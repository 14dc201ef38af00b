/**
 * Items grouped by a key, in first-seen order of the keys and the items' own order within each
 * group: one pass, each item pushed once (spreading a group into a new array per item, the
 * tempting one-liner, is quadratic in a group's size, and a group can be a thousand layers).
 * An item whose key is undefined is left out.
 */
export function groupBy<K, V>(items: Iterable<V>, key: (item: V) => K | undefined): Map<K, V[]> {
  const groups = new Map<K, V[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

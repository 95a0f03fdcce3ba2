// Appends one item at a time: `target.push(...items)` passes every item as an argument and
// overflows the stack past about 100,000 of them (a hostile file; the checks of a national corpus).
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

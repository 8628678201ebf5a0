/** Where streamed text goes, a line (or lines) at a time: console.log in the CLI, as every command prints. */
export type LineSink = (lines: string) => void;

/**
 * The same bytes as `JSON.stringify({ ...head, [key]: items }, null, 2)` (and the sink's newline), written
 * item by item: each item is stringified alone and indented to its place in the array (JSON strings hold no
 * raw newline), so an answer too big to hold at once is never held at once; only the item before is kept,
 * until it is known whether a comma follows it. The array must be the last key.
 */
export async function writeJsonStreamed(
  head: Record<string, unknown>,
  key: string,
  items: AsyncIterable<unknown> | Iterable<unknown>,
  print: LineSink,
): Promise<void> {
  const empty = JSON.stringify({ ...head, [key]: [] }, null, 2);
  let before: string | null = null;
  for await (const item of items) {
    if (before === null) print(`${empty.slice(0, -'[]\n}'.length)}[`);
    else print(`${before},`);
    before = `    ${JSON.stringify(item, null, 2).replace(/\n/g, '\n    ')}`;
  }
  if (before === null) return print(empty);
  print(before);
  print('  ]\n}');
}

/**
 * Runs `work` on every item, at most `limit` at a time. Should one fail, no more are started; those under
 * way are waited for (their commands are acknowledged or not, never abandoned half-sent), then the first
 * failure is thrown. Posting the same file again finishes the import: its command ids are the same.
 */
export async function inFlight<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    while (failure === null && next < items.length) {
      const item = items[next++];
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== null) throw (failure as { error: unknown }).error;
}

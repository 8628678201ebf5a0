/** recordedAt is always toISOString(); bring the bound to the same shape so strings compare as times. */
export function normaliseIsoTime(value: string): string {
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new TypeError(`recordedUntil is not a valid time: ${value}`);
  return time.toISOString();
}

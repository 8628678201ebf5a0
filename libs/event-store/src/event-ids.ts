import { hash } from 'node:crypto';

/**
 * Event ids are a name-based UUID (version 5 layout, SHA-256 truncated) of commandId and the
 * event's index in the append. A retried command therefore carries the same ids, which KurrentDB
 * de-duplicates natively and the sqlite adapter refuses by its unique command_id.
 */
export function eventIdFor(commandId: string, index: number): string {
  // Works on the hex digest directly (no Buffer): this runs for every appended event.
  const hex = hash('sha256', `${commandId}\u0000${index}`, 'hex');
  // Version nibble 5; variant bits 10xx, i.e. the high nibble of byte 8 becomes 8, 9, a or b.
  const variant = VARIANT_DIGITS[parseInt(hex[16], 16) & 0x3];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const VARIANT_DIGITS = '89ab';

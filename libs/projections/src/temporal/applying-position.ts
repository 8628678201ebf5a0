import type { ReadModelDb } from '../core/read-model-db';

/**
 * The global position of the event being applied on a writing connection, as SQL sees it:
 * `dd_position()`. The history triggers (history-tables.ts) stamp each row version with it, so that a
 * row written while applying event P is valid from P. The projections set it before each event.
 */
export interface ApplyingPosition {
  position: number;
}

export const POSITION_FUNCTION = 'dd_position';

const registered = new WeakMap<ReadModelDb, ApplyingPosition>();

/**
 * Registers dd_position() on a connection (once) and returns the holder the applying code moves.
 * Not deterministic: SQLite must call it for every row, never fold it into a constant.
 */
export function applyingPosition(db: ReadModelDb): ApplyingPosition {
  let holder = registered.get(db);
  if (!holder) {
    const created: ApplyingPosition = { position: 0 };
    db.function(POSITION_FUNCTION, { deterministic: false }, () => created.position);
    // INSERT OR REPLACE deletes the row it replaces; only with recursive triggers does that delete
    // fire the history trigger that closes the row's version.
    db.pragma('recursive_triggers = ON');
    registered.set(db, created);
    holder = created;
  }
  return holder;
}

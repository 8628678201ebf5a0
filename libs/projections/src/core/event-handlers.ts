import { EVENT_TYPES, type DataOf, type EventType } from '@dd/domain';
import type { RecordedEvent } from '@dd/event-store';
import type { ProjectionApplier, ProjectionDefinition } from './projection';
import type { ReadModelDb } from './read-model-db';

/** A recorded event of type T with its data typed by the event catalogue. */
export type RecordedEventOf<T extends EventType> = RecordedEvent<T, DataOf<T>>;

/** A recorded event of one of the types T, discriminated by its type (a union of RecordedEventOf). */
export type RecordedEventOfOne<T extends EventType> = T extends EventType ? RecordedEventOf<T> : never;

/**
 * Whether a recorded event is of one of these types, its data then typed by the catalogue: the log's
 * events were checked against the catalogue's schemas when they were appended (as for defineProjection).
 */
export function isEventOf<const T extends EventType>(
  event: RecordedEvent | undefined,
  types: readonly T[],
): event is RecordedEventOfOne<T> {
  return event !== undefined && (types as readonly string[]).includes(event.type);
}

/** How a read model applies one event type: given its prepared statements and the event, typed. */
export type EventHandler<Statements, T extends EventType> = (statements: Statements, event: RecordedEventOf<T>) => void;

/** One handler per event type a read model handles. */
export type EventHandlers<Statements> = { readonly [T in EventType]?: EventHandler<Statements, T> };

/** Catalogued event types a projection neither handles nor ignores (never, when it covers them all). */
type Unaccounted<H, Ignored extends readonly EventType[]> = Exclude<EventType, keyof H | Ignored[number]>;

/**
 * The compiler's check on `ignores`: every catalogued event type is handled or ignored, and none is
 * both. A new event type therefore fails to compile until each projection says what it does with it;
 * the error names the types under "not handled nor ignored" (or "handled and ignored").
 */
type EveryEventAccounted<H, Ignored extends readonly EventType[]> = ([Unaccounted<H, Ignored>] extends [never]
  ? unknown
  : { readonly 'not handled nor ignored': Unaccounted<H, Ignored> }) &
  ([Extract<Ignored[number], keyof H>] extends [never] ? unknown : { readonly 'handled and ignored': Extract<Ignored[number], keyof H> });

/** A read model declared as its tables, its prepared statements and one handler per event it handles. */
export interface TypedProjection<Statements, H extends EventHandlers<Statements>, Ignored extends readonly EventType[]> {
  /** Checkpoint key; stable across releases. */
  readonly name: string;
  /** Bump when the tables or what the handlers write change: the runner then drops and rebuilds the model. */
  readonly version: number;
  /** Tables the projection owns, dropped (with their indexes) on rebuild. */
  readonly tables: readonly string[];
  /** CREATE TABLE/INDEX IF NOT EXISTS statements, run once when the projection is opened. */
  readonly schema: string;
  /** Prepares the statements the handlers use, once (find rows by primary key only: see ProjectionDefinition.create). */
  prepare(db: ReadModelDb): Statements;
  readonly handlers: H;
  /** Every other catalogued event type, named so that leaving one out is a compile error. */
  readonly ignores: Ignored & EveryEventAccounted<H, Ignored>;
}

/** A projection that names the event types it handles and those it ignores. */
export interface DeclaredProjection extends ProjectionDefinition {
  readonly handles: readonly EventType[];
  readonly ignores: readonly EventType[];
}

/**
 * Turns a typed projection into the definition the runner opens. The log's events were checked
 * against the catalogue's schemas when they were appended, so the type names the data's shape;
 * an event type the projection does not handle (ignored, or written by a later release) is skipped.
 * What the compiler checks is checked again here, once, for a definition that got past it (an `any`).
 */
export function defineProjection<Statements, H extends EventHandlers<Statements>, const Ignored extends readonly EventType[]>(
  projection: TypedProjection<Statements, H, Ignored>,
): DeclaredProjection {
  const handles = Object.keys(projection.handlers) as EventType[];
  const accounted = new Set<string>([...handles, ...projection.ignores]);
  const unaccounted = EVENT_TYPES.filter((type) => !accounted.has(type));
  if (unaccounted.length > 0) throw new Error(`projection ${projection.name} neither handles nor ignores ${unaccounted.join(', ')}`);
  const both = handles.filter((type) => projection.ignores.includes(type));
  if (both.length > 0) throw new Error(`projection ${projection.name} both handles and ignores ${both.join(', ')}`);
  return {
    name: projection.name,
    version: projection.version,
    tables: projection.tables,
    handles,
    ignores: projection.ignores,
    create(db) {
      db.exec(projection.schema);
      return applierOf(projection.prepare(db), projection.handlers);
    },
  };
}

/** A Map from type to handler: one lookup per event, no allocation on the hot path. */
function applierOf<Statements>(statements: Statements, handlers: EventHandlers<Statements>): ProjectionApplier {
  // The map forgets which handler takes which type; the key it is found under restores it.
  const byType = new Map<string, (statements: Statements, event: RecordedEvent) => void>(
    Object.entries(handlers) as Array<[string, (statements: Statements, event: RecordedEvent) => void]>,
  );
  return {
    apply(event) {
      const handler = byType.get(event.type);
      if (handler !== undefined) handler(statements, event);
    },
  };
}

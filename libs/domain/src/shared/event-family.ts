import type { z } from 'zod';

/** The schemas of the events written on one family of streams, by event type. */
export type EventSchemasByType = Record<string, z.ZodType>;

/** The events of a family as one union discriminated by `type`, derived from their schemas. */
export type EventsOf<Schemas extends EventSchemasByType> = {
  [T in keyof Schemas & string]: { type: T; data: z.infer<Schemas[T]> };
}[keyof Schemas & string];

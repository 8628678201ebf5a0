import type { z } from 'zod';
import { fieldProblems, invalidRequest } from '../http/problem';

/** Query strings are validated like bodies: a 400 that names each bad parameter. */
export function parseQuery<Schema extends z.ZodType>(schema: Schema, query: unknown): z.infer<Schema> {
  const parsed = schema.safeParse(query);
  if (!parsed.success) throw invalidRequest(fieldProblems(parsed.error), 'invalid query parameters');
  return parsed.data;
}

import type { z } from 'zod';

/**
 * Test support: every string-typed leaf of a zod schema with its path (array elements as index 0),
 * so a spec can check that each text field of each command refuses what it must. Walks objects,
 * arrays, optional/default/nullable wrappers, unions and pipes, as the command schemas use them.
 */
export function textLeaves(
  schema: z.ZodType,
  path: Array<string | number> = [],
): Array<{ path: Array<string | number>; schema: z.ZodType }> {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  switch (def.type) {
    case 'string':
      return [{ path, schema }];
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([key, field]) => textLeaves(field, [...path, key]));
    case 'array':
      return textLeaves(def.element as z.ZodType, [...path, 0]);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
      return textLeaves(def.innerType as z.ZodType, path);
    case 'pipe':
      return textLeaves(def.in as z.ZodType, path);
    case 'union':
      return (def.options as z.ZodType[]).flatMap((option) => textLeaves(option, path));
    default:
      return [];
  }
}

export function formatFieldPath(path: Array<string | number>): string {
  return path
    .map((part) => (typeof part === 'number' ? `[${part}]` : part))
    .join('.')
    .replace(/\.\[/g, '[');
}

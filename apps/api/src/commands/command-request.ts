import { randomUUID } from 'node:crypto';
import { publicCommands, StatedOccurredAt, type CommandData, type PublicCommandName } from '@dd/domain';
import type { ExpectedVersion } from '@dd/event-store';
import { z } from 'zod';
import { fieldProblems, invalidRequest, Problem } from '../http/problem';

/** A commandId is the client's idempotency key: printable, bounded. */
const CommandId = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'use printable ASCII without spaces');

export interface ParsedCommandRequest<Name extends PublicCommandName = PublicCommandName> {
  data: CommandData<Name>;
  /** The store's commandId: the client's key within the sender's namespace, or a fresh id without one. */
  commandId: string;
  expectedVersion?: ExpectedVersion;
  /** The business time the sender states (recording history), UTC ISO; the dispatcher checks it against the command's row and the clock. */
  occurredAt?: string;
}

/**
 * The store's commandId for a client's idempotency key. A key belongs to whoever sent it: another
 * principal's same key is another command, never an answer with someone else's result. The `api:`
 * namespace keeps client keys apart from the ids the engine derives for its own commands
 * (`campaign/…`, `reminder/…`, `log-seal/…`) whatever a principal is called.
 */
export function clientCommandId(principal: string, key: string): string {
  return `api:${principal}/${key}`;
}

/**
 * Validates a posted command: its body against the command's zod schema (plus an optional
 * `commandId`, and an optional `occurredAt`: when it happened, for a command that records history),
 * the Idempotency-Key and If-Match headers. Throws a 400 problem naming each field.
 */
export function parseCommandRequest<Name extends PublicCommandName>(
  name: Name,
  body: unknown,
  headers: { idempotencyKey?: string; ifMatch?: string },
  principal: string,
): ParsedCommandRequest<Name> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw invalidRequest([{ path: '(body)', message: 'expected a JSON object (Content-Type: application/json)' }]);
  }
  const { commandId: bodyCommandId, occurredAt: bodyOccurredAt, ...rest } = body as Record<string, unknown>;
  const problems = [];
  const data = publicCommands[name].schema.safeParse(rest);
  if (!data.success) problems.push(...fieldProblems(data.error));
  const commandId = bodyCommandId === undefined ? undefined : CommandId.safeParse(bodyCommandId);
  if (commandId && !commandId.success) problems.push(...fieldProblems(commandId.error, ['commandId']));
  const occurredAt = bodyOccurredAt === undefined ? undefined : StatedOccurredAt.safeParse(bodyOccurredAt);
  if (occurredAt && !occurredAt.success) problems.push(...fieldProblems(occurredAt.error, ['occurredAt']));
  const key = headers.idempotencyKey === undefined ? undefined : CommandId.safeParse(headers.idempotencyKey);
  if (key && !key.success) problems.push(...fieldProblems(key.error, ['Idempotency-Key']));
  if (key?.success && commandId?.success && key.data !== commandId.data) {
    problems.push({ path: 'commandId', message: 'differs from the Idempotency-Key header' });
  }
  const expectedVersion = parseIfMatch(headers.ifMatch);
  if (expectedVersion instanceof Problem) problems.push(...(expectedVersion.errors ?? []));
  if (problems.length) throw invalidRequest(problems);
  const clientKey = (key?.success && key.data) || (commandId?.success && commandId.data) || undefined;
  return {
    // The schema of the row named `name` validated it: its data is that command's.
    data: data.data as CommandData<Name>,
    commandId: clientKey ? clientCommandId(principal, clientKey) : randomUUID(),
    expectedVersion: expectedVersion as ExpectedVersion | undefined,
    ...(occurredAt?.success ? { occurredAt: occurredAt.data } : {}),
  };
}

/** If-Match carries the stream version the client saw: a number (quotes allowed), or no_stream / any. */
function parseIfMatch(value: string | undefined): ExpectedVersion | Problem | undefined {
  if (value === undefined) return undefined;
  const bare = value
    .trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1');
  if (/^-?\d+$/.test(bare) && Number(bare) >= -1) return Number(bare) === -1 ? 'no_stream' : Number(bare);
  if (bare === 'no_stream' || bare === 'stream_exists' || bare === 'any' || bare === '*') return bare === '*' ? 'stream_exists' : bare;
  return invalidRequest([{ path: 'If-Match', message: 'expected a stream version number, "no_stream", "stream_exists" or "any"' }]);
}

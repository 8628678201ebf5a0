import type { Command } from 'commander';
import { auditTrailRead, EventIdParam, eventRead, ReadQueries, type EventEvidenceWithHrefs, type LinkedEvent } from '@dd/engine';
import { withEngine } from '../engine-context';
import { AUDIT_DESCRIPTION } from '../program-descriptions';
import { withStore } from '../with-store';
import { registerReplayCommand } from './audit-replay.command';
import { printTable } from '../print-table';
import { registerSealCommands, verifyCommand } from './audit-seal.commands';
import { packCommand } from './audit-pack.command';

const asInt = (value: string) => {
  const number = Number(value);
  if (!Number.isInteger(number)) throw new Error(`not a whole number: ${value}`);
  return number;
};

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description(AUDIT_DESCRIPTION);

  audit
    .command('trail')
    .description('every event with its actor and times, oldest first')
    .option('--supplier <id>', 'events about this supplier')
    .option('--stream <id>', 'events of this stream')
    .option('--type <type>', 'events of this type, e.g. ResponseRecorded')
    .option('--actor <principal>', 'events caused by this principal')
    .option('--from <time>', 'recorded at or after (ISO time or YYYY-MM-DD)')
    .option('--to <time>', 'recorded at or before (ISO time or YYYY-MM-DD)')
    .option('--limit <n>', 'page size (max 1000)', asInt, 100)
    .option('--after <position>', 'continue after this global position', asInt)
    .option('--json', 'print JSON')
    .action(async (options) => {
      const page = await withEngine(
        (engine) =>
          engine.get(ReadQueries).ask(auditTrailRead, {
            supplierId: options.supplier,
            streamId: options.stream,
            type: options.type,
            actor: options.actor,
            from: options.from,
            to: options.to,
            limit: options.limit,
            after: options.after,
          }),
        // Reads the audit trail read model: the server's, read-only, while one runs.
        { command: 'audit trail', whileServerRuns: 'follow' },
      );
      if (options.json) return console.log(JSON.stringify(page, null, 2));
      printTable(
        ['pos', 'recorded at', 'occurred at', 'actor', 'type', 'stream', 'v'],
        page.items.map((e) => [e.position, e.recordedAt, e.occurredAt, e.actor, e.type, e.streamId, e.streamVersion]),
      );
      if (page.nextAfter !== null) console.log(`… more: --after ${page.nextAfter}`);
    });

  audit
    .command('event')
    .description(
      "one event as evidence: payload, actor, times, hash, its neighbours, cause and effects, and whether its stream's hash chain holds up to it; exits 1 if not found or broken",
    )
    .argument('<eventId>', 'an event id, as the read models list them (evidence, eventId, eventIds)')
    .option('--json', 'print JSON')
    .action(async (raw: string, options: { json?: boolean }) => {
      const parsed = EventIdParam.safeParse(raw);
      if (!parsed.success) {
        console.error(`eventId: not an event id (a UUID): ${raw}`);
        process.exitCode = 1;
        return;
      }
      const eventId = parsed.data;
      const evidence = await withEngine((engine) => engine.get(ReadQueries).ask(eventRead, { eventId }));
      if (!evidence) {
        console.error(`no event ${eventId}`);
        process.exitCode = 1;
        return;
      }
      if (evidence.verification.status === 'broken') process.exitCode = 1;
      if (options.json) return console.log(JSON.stringify(evidence, null, 2));
      printEvidence(evidence);
    });

  registerReplayCommand(audit);

  verifyCommand(audit, withStore);
  registerSealCommands(audit, withStore);
  packCommand(audit, withStore);
}

function printEvidence(evidence: EventEvidenceWithHrefs): void {
  const { metadata, links, verification } = evidence;
  const named = (event: LinkedEvent | null) =>
    event ? `${event.eventId} (${event.type}, ${event.streamId} v${event.streamVersion})` : '(none)';
  console.log(`${evidence.type} in ${evidence.streamId}, version ${evidence.streamVersion}, global position ${evidence.globalPosition}`);
  const fields: Array<[string, string | number]> = [
    ['event id', evidence.eventId],
    ['actor', metadata.actor],
    ['occurred at', metadata.occurredAt],
    ['recorded at', metadata.recordedAt],
    ['command', metadata.commandId],
    ['correlation', metadata.correlationId],
    ['causation', links.causation ? named(links.causation) : (metadata.causationId ?? '(none)')],
    ['schema version', metadata.schemaVersion],
    ['hash', metadata.hash],
    ['prev hash', metadata.prevHash],
    ['previous', named(links.previous)],
    ['next', named(links.next)],
    ...links.caused.map((event, index): [string, string] => [index === 0 ? 'caused' : '', named(event)]),
  ];
  for (const [label, value] of fields) console.log(`  ${label.padEnd(16)}${value}`);
  console.log('data:');
  console.log(JSON.stringify(evidence.data, null, 2).replace(/^/gm, '  '));
  if (verification.status === 'intact') {
    console.log(`chain: intact (${verification.checkedEvents} event(s) of ${evidence.streamId} recomputed up to this one)`);
    return;
  }
  const link = verification.firstBrokenLink;
  console.error(
    `BROKEN: ${link.streamId} version ${link.streamVersion} (global position ${link.globalPosition}): ${link.reason}\n  expected ${link.expected}\n  found    ${link.actual}`,
  );
}

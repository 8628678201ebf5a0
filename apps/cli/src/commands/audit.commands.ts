import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import {
  auditTrailRead,
  clockAsOf,
  engineConfigFromEnv,
  EventIdParam,
  eventRead,
  logAsOf,
  oecdStatusRead,
  projectionsNamed,
  ReadAsOfParams,
  ReadQueries,
  readModelFile,
  readModelsOver,
  resolveAsOf,
  riskRegisterRead,
  systemClock,
  type EventEvidenceWithHrefs,
  type LinkedEvent,
} from '@dd/engine';
import { createEventStore, type EventStore } from '@dd/event-store';
import { readModelsAsOf } from '@dd/projections';
import { withEngine } from '../engine-context';
import { printTable } from '../print-table';
import { registerSealCommands, verifyCommand } from './audit-seal.commands';
import { packCommand } from './audit-pack.command';

async function withStore<T>(work: (store: EventStore) => Promise<T>): Promise<T> {
  const config = engineConfigFromEnv();
  const store = createEventStore({ kind: config.eventStore, dataDir: config.dataDir, connectionString: config.kurrentConnectionString });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

const asInt = (value: string) => {
  const number = Number(value);
  if (!Number.isInteger(number)) throw new Error(`not a whole number: ${value}`);
  return number;
};

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('for auditors: the trail, point-in-time replays, hash-chain verification, seals');

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

  audit
    .command('replay')
    .description('the risk register and OECD status as they stood at a time (what we knew then)')
    .requiredOption('--as-of <time>', 'ISO time, or YYYY-MM-DD for the end of that day (UTC)')
    .option('--occurred', 'by business time: what had happened by then (occurredAt), rather than what was recorded by then')
    .option('--period <year>', 'reporting period (default: every period seen)', asInt)
    .option('--json', 'print JSON')
    .action(async (options: { asOf: string; occurred?: boolean; period?: number; json?: boolean }) => {
      const parsed = ReadAsOfParams.safeParse(options.occurred ? { occurredAsOf: options.asOf } : { asOf: options.asOf });
      if (!parsed.success) throw new Error(`--as-of: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
      const config = engineConfigFromEnv();
      const file = readModelFile(config);
      const report = await withStore(async (store) => {
        // The same path as GET /risk-register?asOf=…: a recorded time becomes a position, answered
        // from the read models' history when they keep it that far (else by a replay of these two).
        const asOf = await resolveAsOf(store, parsed.data);
        const needs = [riskRegisterRead, oecdStatusRead].flatMap((read) => read.readModels);
        const { db, source, historyOffSince } = await readModelsAsOf(
          store,
          file !== ':memory:' && existsSync(file) ? file : null,
          projectionsNamed(needs),
          asOf.cut,
        );
        try {
          // The same answers as GET /risk-register and /oecd-status, over the read models as they stood then.
          const models = readModelsOver(db, logAsOf(store, asOf.cut), clockAsOf(systemClock, asOf));
          const periods = options.period !== undefined ? [options.period] : models.oecdStatus.periods();
          return {
            asOf: options.asOf,
            position: asOf.cut.position,
            source,
            ...(historyOffSince === undefined ? {} : { historyOffSince }),
            periods: await Promise.all(
              periods.map(async (period) => ({
                period,
                riskRegister: await riskRegisterRead.answer({ period }, models),
                oecdStatus: await oecdStatusRead.answer({ period }, models),
              })),
            ),
          };
        } finally {
          db.close();
        }
      });
      if (options.json) return console.log(JSON.stringify(report, null, 2));
      console.log(
        `${options.occurred ? `As happened by ${report.asOf}` : `As recorded up to ${report.asOf}`} (log position ${report.position}, ${report.source === 'history' ? "from the read models' history" : 'replayed'}):`,
      );
      // Why the slower path: the operator may have switched history off and forgotten it.
      if (report.historyOffSince !== undefined)
        console.log(
          `  (the read models keep no history: DD_READ_MODEL_HISTORY=off since position ${report.historyOffSince}; switch it on to answer from history from then on, \`projections rebuild\` for the whole log)`,
        );
      if (report.periods.length === 0) console.log('  nothing recorded yet');
      for (const { period, riskRegister, oecdStatus } of report.periods) {
        console.log(`\nPeriod ${period}: ${riskRegister.length} risk(s)`);
        printTable(
          ['risk', 'supplier', 'metal', 'smelter', 'category', 'severity', 'status', 'raised at'],
          riskRegister.map((r) => [
            r.riskId,
            r.supplierId ?? '(none)',
            r.metal ?? '',
            r.smelterId ?? '',
            r.category,
            r.severity,
            r.status,
            r.raisedAt,
          ]),
        );
        console.log('OECD steps:');
        for (const step of oecdStatus.steps) {
          console.log(`  ${step.step}. ${step.name}: ${step.status}${step.missing.length ? ` (missing: ${step.missing.join('; ')})` : ''}`);
        }
      }
    });

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

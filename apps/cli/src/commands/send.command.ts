import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  BusinessTimeRefused,
  CommandRefused,
  isPublicCommandName,
  PUBLIC_COMMAND_NAMES,
  publicCommands,
  StatedOccurredAt,
} from '@dd/domain';
import { CommandDispatcher } from '@dd/engine';
import { cliActor } from '../cli-actor';
import { CliRefusal, withEngine } from '../engine-context';

/**
 * `send <CommandName> <json>`: any public command of the command table, as POST /commands/<name>
 * takes it, through the engine's one dispatch path. A new command is here as soon as it has its row.
 */
export function registerSendCommand(program: Command): void {
  program
    .command('send')
    .description(`send one public command (as POST /commands/<name> takes it): ${PUBLIC_COMMAND_NAMES.join(', ')}`)
    .argument('<name>', 'the command, e.g. RenameSupplier')
    .argument('[body]', 'its JSON body (or use --file)')
    .option('--file <path>', 'read the JSON body from a file')
    .option('--key <idempotencyKey>', 'idempotency key: the same key sends the command once')
    .option(
      '--occurred-at <time>',
      'when it happened (ISO date-time with zone), to record history: only commands that record what happened outside the engine take it',
    )
    .action(async (name: string, body: string | undefined, options: { file?: string; key?: string; occurredAt?: string }) => {
      if (!isPublicCommandName(name)) throw new CliRefusal(`no command ${name}; commands are: ${PUBLIC_COMMAND_NAMES.join(', ')}`);
      const text = options.file !== undefined ? readFileSync(options.file, 'utf8') : body;
      if (text === undefined) throw new CliRefusal(`send ${name}: give its JSON body, or --file <path>`);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw new CliRefusal(`send ${name}: the body is not JSON (${error instanceof Error ? error.message : String(error)})`);
      }
      const parsed = publicCommands[name].schema.safeParse(json);
      if (!parsed.success) {
        throw new CliRefusal(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('\n'));
      }
      const occurredAt = options.occurredAt === undefined ? undefined : StatedOccurredAt.safeParse(options.occurredAt);
      if (occurredAt && !occurredAt.success) throw new CliRefusal(`--occurred-at: ${occurredAt.error.issues[0].message}`);
      const actor = cliActor();
      const commandId = options.key !== undefined ? `${actor}/${options.key}` : randomUUID();
      try {
        const result = await withEngine(
          (engine) =>
            engine
              .get(CommandDispatcher)
              .dispatch(name, parsed.data as never, { commandId, actor, ...(occurredAt?.success ? { occurredAt: occurredAt.data } : {}) }),
          {
            command: `send ${name}`,
            whileServerRuns: 'follow',
          },
        );
        console.log(JSON.stringify(result, null, 2));
      } catch (error) {
        if (error instanceof CommandRefused) throw new CliRefusal(`refused (${error.code}): ${error.reason}`);
        if (error instanceof BusinessTimeRefused) throw new CliRefusal(`--occurred-at: ${error.reason}`);
        throw error;
      }
    });
}

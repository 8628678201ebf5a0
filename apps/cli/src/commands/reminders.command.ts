import type { Command } from 'commander';
import { ReminderSchedulerProcessManager } from '@dd/engine';
import { withEngine } from '../engine-context';

export function registerRemindersCommand(program: Command): void {
  const reminders = program.command('reminders').description('reminders and non-response escalations of open CMRT requests');
  reminders
    .command('run')
    .description(
      "run one reminder pass now: send the reminders due by each period's policy, escalate requests past due after the last reminder (safe to repeat)",
    )
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const result = await withEngine((engine) => engine.get(ReminderSchedulerProcessManager).tick(), {
        command: 'reminders run',
        whileServerRuns: 'follow',
      });
      if (options.json) return console.log(JSON.stringify(result, null, 2));
      console.log(
        `${result.now.slice(0, 10)}: ${result.openRequests} open request(s)` +
          (result.inClosedPeriods ? ` (${result.inClosedPeriods} in closed periods, left alone)` : '') +
          `; sent ${result.reminders} reminder(s), ${result.escalations} escalation(s), ${result.risks} non-response risk(s)`,
      );
    });
}

import { Command } from 'commander';
import { registerAuditCommands } from './commands/audit.commands';
import { registerBenchCommand } from './commands/bench.command';
import { registerCmrtCommands } from './commands/cmrt.commands';
import { registerProjectionCommands } from './commands/projections.commands';
import { registerServeCommand } from './commands/serve.command';
import { registerSmelterCommands } from './commands/smelters.commands';
import { registerRemindersCommand } from './commands/reminders.command';
import { registerReportCommands } from './commands/report.commands';
import { registerSendCommand } from './commands/send.command';
import { registerDemoCommands } from './demo/demo.command';
import { registerExportCommand } from './commands/export.commands';
import { registerRollForwardReport } from './commands/report-roll-forward.command';
import { registerCmrDraftReport } from './commands/cmr-draft.command';
import { registerDeclarationCommands } from './commands/declaration.commands';
import { registerSupplierCommands } from './commands/suppliers.commands';
import { PROGRAM_DESCRIPTION } from './program-descriptions';

/** Operator and auditor CLI: `npm run cli -- <command>`. Configuration comes from the environment. */
export function createProgram(): Command {
  const program = new Command('dd').description(PROGRAM_DESCRIPTION).showHelpAfterError();
  registerServeCommand(program);
  registerProjectionCommands(program);
  registerAuditCommands(program);
  registerBenchCommand(program);
  registerCmrtCommands(program);
  registerSmelterCommands(program);
  registerRemindersCommand(program);
  registerSendCommand(program);
  registerReportCommands(program);
  registerDemoCommands(program);
  registerExportCommand(program);
  registerRollForwardReport(program);
  registerCmrDraftReport(program);
  registerDeclarationCommands(program);
  registerSupplierCommands(program);
  return program;
}

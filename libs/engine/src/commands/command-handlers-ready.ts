import { Command, CommandBus, CommandHandler, CommandHandlerNotFoundException, type ICommandHandler } from '@nestjs/cqrs';

/**
 * A command nobody sends but the engine itself, to learn whether the CQRS module has registered the
 * command handlers yet. It registers them all at once in its own onApplicationBootstrap, which runs
 * after the engine's (both modules are global, so Nest bootstraps them in turn): a process manager
 * started at boot that replays events and sends commands would otherwise meet "No handler found".
 */
export class CommandHandlersReadyProbe extends Command<true> {}

@CommandHandler(CommandHandlersReadyProbe)
export class CommandHandlersReadyProbeHandler implements ICommandHandler<CommandHandlersReadyProbe> {
  async execute(): Promise<true> {
    return true;
  }
}

/** Resolves once the CommandBus routes commands to their handlers. */
export async function commandHandlersRegistered(bus: CommandBus, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await bus.execute(new CommandHandlersReadyProbe());
      return;
    } catch (error) {
      if (!(error instanceof CommandHandlerNotFoundException) || Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

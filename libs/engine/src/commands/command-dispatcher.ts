import { Inject, Injectable, Optional } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  BusinessTimeRefused,
  businessNow,
  commandTable,
  foldState,
  periodDecider,
  statedBusinessTimeProblem,
  streams,
  supplierDecider,
  type CampaignSelection,
  type CommandAttachment,
  type CommandData,
  type CommandFacts,
  type CommandName,
  type CommandRow,
  type ContextNeeds,
  type DomainEvent,
} from '@dd/domain';
import { commandFingerprint, type EventStore } from '@dd/event-store';
import { EVENT_STORE } from '../tokens';
import type { CommandMetadata, CommandResult } from './command-metadata';
import { ReferenceListCache } from './reference-list.cache';
import { StreamCommandExecutor } from './stream-command-executor';

/**
 * The active suppliers a campaign selection matches, from the supply-chain read model settled first
 * (so every supplier, status change and product link acknowledged before is seen); the engine module provides it.
 */
export const SELECT_SUPPLIERS = Symbol('SELECT_SUPPLIERS');
export type SelectSuppliers = (selection: CampaignSelection) => Promise<string[]>;

// A row of any command: the dispatcher works on every row alike.
type AnyRow = CommandRow<unknown, unknown, DomainEvent, unknown, unknown, unknown>;

/**
 * The one path every command takes, whoever sends it (HTTP, CLI, process managers, the CMRT upload,
 * the demo): its row of the command table says which stream it acts on and what context its decider
 * needs; the dispatcher loads that context, decides the business time (the engine clock's now unless
 * the row says otherwise, the sender states a past time its row allows, or a cause dates it) and hands
 * the rest to the StreamCommandExecutor
 * (idempotency fingerprints, the closed-period rule, conflict retries, event shape assertion).
 */
@Injectable()
export class CommandDispatcher {
  constructor(
    private readonly executor: StreamCommandExecutor,
    private readonly referenceList: ReferenceListCache,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    // Without it (a CLI command that only appends, such as `audit seal`) a campaign selection cannot be resolved.
    @Optional() @Inject(SELECT_SUPPLIERS) private readonly selectSuppliers?: SelectSuppliers,
  ) {}

  /** Runs a command whose data is validated already (by its schema, at the edge it came in by). */
  async dispatch<Name extends CommandName>(
    name: Name,
    data: CommandData<Name>,
    metadata: CommandMetadata,
    attachment?: CommandAttachment<Name>,
  ): Promise<CommandResult> {
    const row = commandTable[name] as unknown as AnyRow;
    if (row.needs?.selection) {
      // A retried launch is answered from the store before its selection is resolved again.
      const earlier = await this.executor.previousResult(metadata.commandId, commandFingerprint(name, data));
      if (earlier) return earlier;
    }
    const stated = this.statedBusinessTime(name, row, data, metadata.occurredAt);
    const facts = await this.load(row.needs ?? {}, data, stated);
    return this.executor.execute({
      streamId: row.streamId(data),
      decider: row.decider,
      command: row.command(data, attachment),
      commandName: name,
      context: row.context(facts, data),
      metadata,
      occurredAt: row.occurredAt?.(data) ?? stated ?? metadata.causedAt ?? facts.now,
      statedOccurredAt: stated,
      period: row.period?.(data),
    });
  }

  /**
   * The business time a sender states, checked against the row (it must allow the past), the engine
   * clock (not ahead of it) and the command's own data (a receivedAt must agree): the time the command
   * is then decided at. Checked here, on the one path, whichever edge it came in by.
   */
  private statedBusinessTime(name: string, row: AnyRow, data: unknown, stated: string | undefined): string | undefined {
    if (stated === undefined) return undefined;
    const now = this.executor.now();
    const problem = statedBusinessTimeProblem(name, row.businessTime, stated, now, row.occurredAt?.(data));
    if (problem !== undefined) throw new BusinessTimeRefused(problem);
    return businessNow(stated, now);
  }

  /** The facts a row's needs name, each loaded the one way the engine knows; `now` is the stated business time when there is one. */
  private async load(needs: ContextNeeds<unknown>, data: unknown, stated?: string): Promise<CommandFacts> {
    const facts: CommandFacts = { now: stated ?? this.executor.now() };
    const supplierId = needs.supplier?.(data);
    if (supplierId !== undefined) facts.supplier = (await this.executor.load(supplierDecider, streams.supplier(supplierId))).state;
    if (needs.period) facts.period = (await this.executor.load(periodDecider, streams.period(needs.period(data)))).state;
    if (needs.referenceList) {
      facts.reference = await this.referenceList.current(needs.referenceList === true ? 'cmrt' : needs.referenceList(data));
    }
    if (needs.fold) {
      const { streamId, fold } = needs.fold(data);
      facts.folded = foldState(fold as never, (await this.store.readStream(streamId)) as never) as boolean;
    }
    if (needs.selection) {
      if (!this.selectSuppliers) throw new Error("a campaign selection needs the engine's read models");
      facts.selected = await this.selectSuppliers(needs.selection(data));
    }
    return facts;
  }
}

/** The CommandBus message of every command: Nest's transport for the one dispatch path. */
export class DispatchCommand<Name extends CommandName = CommandName> extends Command<CommandResult> {
  constructor(
    readonly name: Name,
    readonly data: CommandData<Name>,
    readonly metadata: CommandMetadata,
    readonly attachment?: CommandAttachment<Name>,
  ) {
    super();
  }
}

@CommandHandler(DispatchCommand)
export class DispatchCommandHandler implements ICommandHandler<DispatchCommand> {
  constructor(private readonly dispatcher: CommandDispatcher) {}

  execute({ name, data, metadata, attachment }: DispatchCommand): Promise<CommandResult> {
    return this.dispatcher.dispatch(name, data, metadata, attachment);
  }
}

import type { z } from 'zod';
import type { CampaignSelection } from '../campaign/launch-campaign.command';
import type { ClosedPeriodRule } from '../period/closed-period.rule';
import type { PeriodState } from '../period/period.decider';
import type { ReferenceIndex } from '../smelter/reference-index';
import type { SupplierState } from '../supplier/supplier.decider';
import type { BusinessTimeDeclaration } from './business-time';
import type { Decider, DomainEvent } from './decider';

/**
 * Facts from outside a command's own stream, declared as data: the engine knows how to load each
 * (libs/engine/src/commands/command-dispatcher.ts), the row says which ones its decider needs.
 */
export interface ContextNeeds<Data> {
  /** The supplier stream the command names (undefined: it names none). */
  supplier?: (data: Data) => string | undefined;
  /** The reporting year's `period-<year>` stream, folded. */
  period?: (data: Data) => number;
  /** The current RMI reference list as a look-up index: true, the CMRT's (3TG); or the family the command names (the EMRT's own list). */
  referenceList?: true | ((data: Data) => 'cmrt' | 'emrt');
  /** The active suppliers a campaign selection matches, from the supply-chain read model (settled first). */
  selection?: (data: Data) => CampaignSelection;
  /** Whether another stream holds something, by a fold of its own (e.g. records older logs kept on `program-<year>`). */
  fold?: (data: Data) => { streamId: string; fold: { initialState: () => boolean; evolve: (found: boolean, event: never) => boolean } };
}

/** What the engine loaded for a command: `now` always, the rest as its row's ContextNeeds ask. */
export interface CommandFacts {
  /** The time the command is decided at (ISO): the engine clock's now, or the business time its sender stated (recording history). */
  now: string;
  supplier?: SupplierState;
  period?: PeriodState;
  reference?: ReferenceIndex;
  selected?: string[];
  folded?: boolean;
}

/**
 * One row of the command table: everything the engine needs to run a command, declared beside its
 * decider. The engine's one dispatch path reads it; HTTP, OpenAPI and CLI list the public rows.
 */
export interface CommandRow<
  Data,
  Command,
  Event extends DomainEvent,
  State,
  Context,
  Attachment = never,
  Public extends boolean = boolean,
> {
  schema: z.ZodType<Data>;
  /** One line for the docs (OpenAPI, CLI help). */
  summary: string;
  /** How it stands to a closed reporting year (closed-period.rule.ts), and why: the decision for every command, here. */
  closedPeriod: { rule: ClosedPeriodRule; why: string };
  /**
   * Whether its sender may date it in the past (recording history: `occurredAt` beside the data), and
   * why (business-time.ts, docs/business-time.md): the decision for every command, here.
   */
  businessTime: BusinessTimeDeclaration;
  /** A well-formed body (public rows): the catalogue's specification checks the schema against it and against breaking it. */
  example?: Record<string, unknown>;
  /** Posted by people and services (POST /commands/<name>, CLI); false: the engine issues it itself. */
  public: Public;
  decider: Decider<Command, Event, State, Context>;
  /** The stream the command acts on. */
  streamId: (data: NoInfer<Data>) => string;
  /** The reporting year whose records it changes, when the stream's name does not say it (closed-period rule). */
  period?: (data: NoInfer<Data>) => number;
  needs?: ContextNeeds<NoInfer<Data>>;
  /** The decider's command; `attachment` is what an engine-side sender adds beyond the validated data. */
  command: (data: NoInfer<Data>, attachment?: Attachment) => Command;
  context: (facts: CommandFacts, data: NoInfer<Data>) => NoInfer<Context>;
  /**
   * Business time of its events when it is not the engine clock's now (the one clock): a response's
   * receipt, a list's as-of date. A command an event caused happens when its cause happened.
   */
  occurredAt?: (data: NoInfer<Data>) => string | undefined;
}

/** Infers a row's types from its schema and decider. */
export function commandRow<Data, Command, Event extends DomainEvent, State, Context, Attachment = never, Public extends boolean = boolean>(
  row: CommandRow<Data, Command, Event, State, Context, Attachment, Public>,
): CommandRow<Data, Command, Event, State, Context, Attachment, Public> {
  return row;
}

/** `{ type, data }` for a decider that takes its commands in that shape. */
export const typed =
  <Type extends string>(type: Type) =>
  <Data>(data: Data): { type: Type; data: Data } => ({ type, data });

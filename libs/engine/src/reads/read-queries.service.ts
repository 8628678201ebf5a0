import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@dd/event-store';
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import { ReadSide } from '../read-side';
import { CLOCK, EVENT_STORE, READ_MODEL_DB, READ_MODEL_ROLE, type Clock } from '../tokens';
import type { ReadModelRole } from '../ownership/read-model-role';
import { onModelsAtCut, type PositionedAnswer } from './as-of-answers';
import { isAsOf, resolveAsOf, type ReadAsOf } from './read-as-of';
import { DEFAULT_PAGE_LIMIT, type Page } from './read-paging';
import { pageRequested, readModelsOver, type ReadModels, type ReadParams, type ReadQuery } from './read-query';

/** Parameters a read query refused; the HTTP layer answers 400 naming each, the CLI prints them. */
export class InvalidReadParameters extends Error {
  constructor(
    readonly query: string,
    readonly error: z.ZodError,
  ) {
    super(`${query}: ${error.issues.map((issue) => `${issue.path.join('.') || '(parameters)'}: ${issue.message}`).join('; ')}`);
  }
}

/**
 * The one path from HTTP and CLI to a read model: validate the parameters, wait until the read
 * models the query reads have projected everything acknowledged before it (read your writes; 503
 * when one is stopped), answer.
 */
@Injectable()
export class ReadQueries {
  private readonly models: ReadModels;

  constructor(
    @Inject(READ_MODEL_DB) private readonly db: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly readSide: ReadSide,
    @Inject(READ_MODEL_ROLE) private readonly role: ReadModelRole,
  ) {
    this.models = readModelsOver(db, store, clock);
  }

  /** Validates raw parameters (as a query string or a CLI gives them) and answers; throws InvalidReadParameters. */
  async ask<Params extends ReadParams, Answer>(query: ReadQuery<Params, z.ZodType, Answer>, params: z.input<Params>): Promise<Answer> {
    const parsed = query.params.safeParse(params);
    if (!parsed.success) throw new InvalidReadParameters(query.name, parsed.error);
    return this.answer(query, parsed.data);
  }

  /** Answers parameters already validated by the query's schema. */
  async answer<Params extends ReadParams, Answer>(query: ReadQuery<Params, z.ZodType, Answer>, params: z.output<Params>): Promise<Answer> {
    await this.readSide.settled(query.readModels);
    return query.answer(params, this.models);
  }

  /**
   * Answers as of a past point of the log (asOf, asOfPosition, occurredAsOf), or now when none is
   * given, with the global position the answer stands on. Throws ReadAsOfInvalid for a position
   * past the log's head.
   */
  async answerAsOf<Params extends ReadParams, Answer>(
    query: ReadQuery<Params, z.ZodType, Answer>,
    params: z.output<Params>,
    asOf?: ReadAsOf,
  ): Promise<PositionedAnswer<Answer>> {
    return this.onModelsAsOf(query, asOf, (models) => query.answer(params, models));
  }

  /**
   * One page of a list read (listReadQuery), as HTTP serves its JSON: `limit` rows (500 unless the
   * parameters say) after the cursor's row, the total, and the key the next page starts after; as of
   * a past point of the log like answerAsOf.
   */
  async page<Params extends ReadParams>(
    query: ReadQuery<Params, z.ZodType, unknown>,
    params: z.output<Params>,
    asOf?: ReadAsOf,
  ): Promise<PositionedAnswer<Page<unknown>>> {
    const paging = query.paging;
    if (!paging) throw new Error(`${query.name} is not a list read`);
    return this.onModelsAsOf(query, asOf, (models) =>
      paging.page(params, pageRequested(params as { limit?: number }, DEFAULT_PAGE_LIMIT), models),
    );
  }

  /** Runs `use` on the read models the query reads, live (settled first) or as they stood at the cut. */
  private async onModelsAsOf<Result>(
    query: { readModels: readonly string[] },
    asOf: ReadAsOf | undefined,
    use: (models: ReadModels) => Promise<Result> | Result,
  ): Promise<PositionedAnswer<Result>> {
    await this.readSide.settled(query.readModels);
    if (!isAsOf(asOf)) {
      const answer = await use(this.models);
      return { answer, position: await this.livePosition(query.readModels) };
    }
    const resolved = await resolveAsOf(this.store, asOf);
    return onModelsAtCut(query.readModels, resolved, this.store, this.role.file, this.clock, use);
  }

  /** How far the named read models reflect the log (the lowest checkpoint); the log's head for a read of the log itself. */
  private async livePosition(names: readonly string[]): Promise<number> {
    if (names.length === 0) return this.store.headPosition();
    const rows = this.db
      .prepare(`SELECT position FROM checkpoints WHERE name IN (${names.map(() => '?').join(', ')})`)
      .pluck()
      .all(...names) as number[];
    return rows.length === 0 ? 0 : Math.min(...rows);
  }
}

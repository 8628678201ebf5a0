import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@dd/event-store';
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import { ReadSide } from '../read-side';
import { CLOCK, EVENT_STORE, READ_MODEL_DB, type Clock } from '../tokens';
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
    @Inject(READ_MODEL_DB) db: Database,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(CLOCK) clock: Clock,
    private readonly readSide: ReadSide,
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
   * One page of a list read (listReadQuery), as HTTP serves its JSON: `limit` rows (500 unless the
   * parameters say) after the cursor's row, the total, and the key the next page starts after.
   */
  async page<Params extends ReadParams>(query: ReadQuery<Params, z.ZodType, unknown>, params: z.output<Params>): Promise<Page<unknown>> {
    if (!query.paging) throw new Error(`${query.name} is not a list read`);
    await this.readSide.settled(query.readModels);
    return query.paging.page(params, pageRequested(params as { limit?: number }, DEFAULT_PAGE_LIMIT), this.models);
  }
}

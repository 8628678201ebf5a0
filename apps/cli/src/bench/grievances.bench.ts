import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { DispatchCommand, EngineModule, EVENT_STORE, ReadSide, type EngineConfig } from '@dd/engine';
import { RecordGrievance, streams, type GrievanceRecorded } from '@dd/domain';
import type { EventStore } from '@dd/event-store';
import type { INestApplicationContext } from '@nestjs/common';
import { round, summariseLatencies, type LatencySummary } from './percentiles';
import type { BenchmarkContext, BenchmarkOutcome } from './benchmark';
import { atMost, exactly } from './targets';
import { storageKind, withTempDir } from './temp-dir';

export interface GrievanceLevel {
  /** Grievances of the year in the log before the timed commands. */
  grievancesBefore: number;
  /** One RecordGrievance at a time, through the CommandBus. */
  latencyMs: LatencySummary;
  /** 16 distinct grievances sent at once: how many were recorded, and why the others were not. */
  concurrent: { sent: number; succeeded: number; failures: Record<string, number> };
}

export interface GrievancesResult {
  storage: 'tmpfs' | 'disk';
  levels: GrievanceLevel[];
  /**
   * A year recorded before grievances had streams of their own: its grievances are all on
   * program-<year>, which a new grievance of that year still reads (to refuse an id used there).
   */
  olderLogYear: { grievancesOnProgramStream: number; latencyMs: LatencySummary };
  /** p50 at the largest level / p50 at the smallest: 1 when a grievance costs the same whatever came before. */
  p50Ratio: number;
}

const CONCURRENT = 16;
const SEED_BATCH = 500;

/**
 * (g) RecordGrievance as a year's grievances grow: the log is seeded with N grievances of one year
 * (appended straight to the store where the engine records them, each on its own stream, as its own
 * commands would have), the read side settles (the grievance-risk process manager raises a risk per
 * grievance), then single RecordGrievance commands are timed through the CommandBus and 16 distinct
 * ones are sent at once. A grievance is unrelated to the others: neither its latency nor its chance
 * of being recorded should depend on N. Then the same for the year before, seeded as an older log
 * holds it (every grievance on program-<year>): that year's cost stays what its old log makes it.
 */
export async function benchGrievances(context: BenchmarkContext): Promise<BenchmarkOutcome<GrievancesResult>> {
  const levels = context.quick ? [20, 50, 100] : [500, 2000, 10_000];
  const olderLogGrievances = context.quick ? 50 : 2000;
  const timed = context.quick ? 5 : 30;
  return withTempDir(context.tmpRoot, 'grievances', async (dir) => {
    const config: EngineConfig = { dataDir: join(dir, 'engine'), eventStore: 'sqlite', port: 0, apiKeys: new Map() };
    const engine = await NestFactory.createApplicationContext(EngineModule.forRoot(config), { logger: false });
    const results: GrievanceLevel[] = [];
    let olderLogYear: GrievancesResult['olderLogYear'];
    try {
      const bus = engine.get(CommandBus);
      const store = engine.get<EventStore>(EVENT_STORE);
      const period = new Date().getUTCFullYear();
      let recorded = 0;
      const record = (label: string, year = period) =>
        bus.execute(
          new DispatchCommand(
            'RecordGrievance',
            RecordGrievance.parse({
              period: year,
              grievanceId: `${label}-${randomUUID().slice(0, 8)}`,
              description: 'A caller says a tin smelter in our chain buys ore from an armed group',
              metal: 'tin',
            }),
            { commandId: randomUUID(), actor: 'bench' },
          ),
        );
      const timeOneAtATime = async (year: number) => {
        const latencies: number[] = [];
        for (let index = 0; index < timed; index++) {
          const started = performance.now();
          await record('timed', year);
          latencies.push(performance.now() - started);
        }
        return summariseLatencies(latencies);
      };
      // Warm-up on the next year's grievances (JIT, statement caches), so the first level is not the coldest.
      await timeOneAtATime(period + 1);
      for (const level of levels) {
        context.progress(`grievances: seeding to ${level} grievances of ${period}`);
        recorded += await seedGrievances(store, period, recorded, level - recorded);
        await settleFully(engine);
        context.progress(`grievances: ${timed} RecordGrievance one at a time, then ${CONCURRENT} at once, after ${recorded}`);
        const latencyMs = await timeOneAtATime(period);
        const grievancesBefore = recorded;
        recorded += timed;
        const outcomes = await Promise.allSettled(Array.from({ length: CONCURRENT }, () => record('concurrent')));
        const failures: Record<string, number> = {};
        for (const outcome of outcomes) {
          if (outcome.status === 'fulfilled') continue;
          const reason = outcome.reason as { name?: string; code?: string };
          const key = reason.code ?? reason.name ?? 'Error';
          failures[key] = (failures[key] ?? 0) + 1;
        }
        const succeeded = outcomes.filter((outcome) => outcome.status === 'fulfilled').length;
        recorded += succeeded;
        results.push({ grievancesBefore, latencyMs, concurrent: { sent: CONCURRENT, succeeded, failures } });
        await settleFully(engine);
      }
      context.progress(`grievances: an older log's year, ${olderLogGrievances} grievances on program-${period - 1}`);
      await seedOlderLogGrievances(store, period - 1, olderLogGrievances);
      await settleFully(engine);
      olderLogYear = { grievancesOnProgramStream: olderLogGrievances, latencyMs: await timeOneAtATime(period - 1) };
    } finally {
      await engine.close();
    }
    const first = results[0].latencyMs.p50;
    const last = results[results.length - 1];
    const p50Ratio = round(last.latencyMs.p50 / Math.max(first, 0.001), 2);
    return {
      result: { storage: storageKind(dir), levels: results, p50Ratio, olderLogYear },
      targets: [
        atMost(`grievances.p50Ratio (p50 after ${last.grievancesBefore} / after ${results[0].grievancesBefore} grievances)`, 2, p50Ratio),
        ...results.map((level) =>
          exactly(
            `grievances.concurrent.succeeded (${CONCURRENT} at once after ${level.grievancesBefore})`,
            CONCURRENT,
            level.concurrent.succeeded,
          ),
        ),
      ],
    };
  });
}

const seeded = (period: number, index: number): GrievanceRecorded => ({
  period,
  grievanceId: `seeded-${index}`,
  anonymous: true,
  description: 'A seeded grievance about a smelter in our chain',
  metal: 'tin',
});

/**
 * Appends `count` grievances of `period` where RecordGrievance records them, each on its own
 * stream; SEED_BATCH appends at a time share a commit (the engine would have made one per command).
 */
async function seedGrievances(store: EventStore, period: number, from: number, count: number): Promise<number> {
  for (let start = 0; start < count; start += SEED_BATCH) {
    const batch = Array.from({ length: Math.min(SEED_BATCH, count - start) }, (_, offset) => seeded(period, from + start + offset));
    await Promise.all(
      batch.map((grievance) =>
        store.appendToStream(streams.grievance(period, grievance.grievanceId), [{ type: 'GrievanceRecorded', data: grievance }], {
          commandId: `bench-seed/${period}/${grievance.grievanceId}`,
          actor: 'bench',
          expectedVersion: 'no_stream',
        }),
      ),
    );
  }
  return count;
}

/** A year as a log written before grievances had streams of their own holds it: all on program-<year>. */
async function seedOlderLogGrievances(store: EventStore, period: number, count: number): Promise<void> {
  for (let start = 0; start < count; start += SEED_BATCH) {
    const events = Array.from({ length: Math.min(SEED_BATCH, count - start) }, (_, offset) => ({
      type: 'GrievanceRecorded',
      data: seeded(period, start + offset),
    }));
    await store.appendToStream(streams.program(period), events, { commandId: `bench-seed/older-log/${period}/${start}`, actor: 'bench' });
  }
}

/** Waits until projections and process managers have handled everything, however long that takes. */
async function settleFully(engine: INestApplicationContext): Promise<void> {
  const store = engine.get<EventStore>(EVENT_STORE);
  const readSide = engine.get(ReadSide);
  for (;;) {
    const head = await store.headPosition();
    await readSide.settled();
    if ((await store.headPosition()) === head) return;
  }
}

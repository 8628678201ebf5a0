import { Controller, Get, Inject, Res } from '@nestjs/common';
import {
  describeOwner,
  EVENT_STORE,
  OutboxSender,
  OverdueMitigationProcessManager,
  ReadSide,
  ReminderSchedulerProcessManager,
  type ProcessManagerStatus,
  type ReadSideStatus,
} from '@dd/engine';
import type { EventStore } from '@dd/event-store';
import { messageOf } from '@dd/projections';
import type { Response } from 'express';
import type { z } from 'zod';
import { Public } from '../http/principal';
import type { HealthBody, LiveBody, ReadyBody } from './health.responses';

/** Readiness allows a read model to trail the log by this many events (a burst being projected), no more. */
export const READY_MAX_BEHIND = 1000;

type Overall = 'ok' | 'degraded' | 'failing';

/**
 * Health the way container platforms ask for it:
 * - GET /health/live: the process answers (restart it if not);
 * - GET /health/ready: the store answers, no read model is stopped or retrying, and each trails the
 *   log by at most READY_MAX_BEHIND events (send it traffic if so); a replica whose primary is not
 *   running is ready only while its read models are level with the log;
 * - GET /health: the details: every read model and process manager with its state, position, lag
 *   and error. 503 when something is stopped (it needs an operator) or the store does not answer;
 *   "degraded" (200) while something retries a transient failure by itself, a read model is more than
 *   READY_MAX_BEHIND events behind, a read model or process manager is catching up with the log since
 *   the server started (its reads are refused meanwhile), or (a replica) no server keeps the read models.
 */
@Controller('health')
export class HealthController {
  private readonly startedAt = Date.now();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readSide: ReadSide,
    private readonly reminders: ReminderSchedulerProcessManager,
    private readonly escalations: OverdueMitigationProcessManager,
    private readonly outbox: OutboxSender,
  ) {}

  @Get()
  @Public()
  async health(@Res({ passthrough: true }) response: Response) {
    let status: ReadSideStatus;
    try {
      status = await this.readSide.status();
    } catch (error) {
      response.status(503);
      return {
        status: 'failing' as Overall,
        store: this.store.kind,
        problems: [`the event store does not answer: ${messageOf(error)}`],
      } satisfies z.input<typeof HealthBody>;
    }
    const processManagers = [
      ...status.processManagers,
      ...(status.mode === 'own' ? [this.reminders.status(), this.escalations.status(), this.outbox.status()] : []),
    ];
    const problems: string[] = [];
    const seen = new Set<Overall>();
    const worsen = (to: Overall) => seen.add(to);
    for (const projection of status.projections) {
      if (projection.state === 'catching-up') {
        worsen('degraded');
        problems.push(
          `read model ${projection.name} is catching up since the start: at position ${projection.position} of ${status.headPosition} (${projection.behind} behind); its reads answer 503 until then`,
        );
        continue;
      }
      if (projection.state === 'running') {
        if (projection.behind > READY_MAX_BEHIND) {
          worsen('degraded');
          problems.push(`read model ${projection.name} is catching up: ${projection.behind} events behind the log`);
        }
        continue;
      }
      worsen(projection.state === 'stopped' ? 'failing' : 'degraded');
      problems.push(
        `read model ${projection.name} ${projection.state} at position ${projection.position} (${projection.behind} behind)${projection.willRetry ? ', still retried' : ''}: ${projection.error ?? ''}`,
      );
    }
    for (const manager of processManagers) {
      if (manager.state === 'catching-up') {
        worsen('degraded');
        problems.push(`process manager ${manager.name} is catching up since the start${describeLag(manager, status.headPosition)}`);
        continue;
      }
      if (manager.state !== 'retrying' && manager.state !== 'stopped') continue;
      worsen(manager.state === 'stopped' ? 'failing' : 'degraded');
      problems.push(`process manager ${manager.name} ${manager.state}${describeLag(manager, status.headPosition)}: ${manager.error ?? ''}`);
    }
    if (status.mode === 'follow' && !status.owner) {
      worsen('degraded');
      problems.push('no server keeps the read models up to date (none is running on this data directory)');
    }
    const overall: Overall = seen.has('failing') ? 'failing' : seen.has('degraded') ? 'degraded' : 'ok';
    if (overall === 'failing') response.status(503);
    return {
      status: overall,
      role: status.mode === 'own' ? 'primary' : 'replica',
      store: this.store.kind,
      headPosition: status.headPosition,
      projections: Object.fromEntries(status.projections.map(({ name, ...projection }) => [name, projection])),
      processManagers: Object.fromEntries(
        processManagers.map(({ name, ...manager }) => [
          name,
          manager.position === undefined ? manager : { ...manager, behind: Math.max(0, status.headPosition - manager.position) },
        ]),
      ),
      ...(status.mode === 'follow'
        ? { primary: status.owner ? { ...pick(status.owner), description: describeOwner(status.owner) } : null }
        : {}),
      problems,
    } satisfies z.input<typeof HealthBody>;
  }

  @Get('live')
  @Public()
  live() {
    return { status: 'live', pid: process.pid, uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000) } satisfies z.input<
      typeof LiveBody
    >;
  }

  @Get('ready')
  @Public()
  async ready(@Res({ passthrough: true }) response: Response) {
    const reasons: string[] = [];
    let status: ReadSideStatus | null = null;
    try {
      status = await this.readSide.status();
    } catch (error) {
      reasons.push(`the event store does not answer: ${messageOf(error)}`);
    }
    for (const projection of status?.projections ?? []) {
      if (projection.state === 'catching-up')
        reasons.push(`read model ${projection.name} is catching up since the start: ${projection.behind} events behind the log`);
      else if (projection.state !== 'running')
        reasons.push(`read model ${projection.name} is ${projection.state}: ${projection.error ?? ''}`);
      else if (projection.behind > READY_MAX_BEHIND)
        reasons.push(`read model ${projection.name} is ${projection.behind} events behind the log (at most ${READY_MAX_BEHIND})`);
    }
    if (status?.mode === 'follow' && !status.owner) {
      const behind = Math.max(0, ...status.projections.map((projection) => projection.behind));
      if (behind > 0)
        reasons.push(
          `no server keeps the read models up to date (none is running on this data directory), and they are ${behind} event(s) behind the log`,
        );
    }
    if (reasons.length > 0) {
      response.status(503);
      return { status: 'not-ready', reasons } satisfies z.input<typeof ReadyBody>;
    }
    return {
      status: 'ready',
      headPosition: status!.headPosition,
      maxBehind: Math.max(0, ...status!.projections.map((p) => p.behind)),
    } satisfies z.input<typeof ReadyBody>;
  }
}

function describeLag(manager: ProcessManagerStatus, head: number): string {
  return manager.position === undefined ? '' : ` at position ${manager.position} (${Math.max(0, head - manager.position)} behind)`;
}

function pick(owner: NonNullable<ReadSideStatus['owner']>) {
  return { pid: owner.pid, hostname: owner.hostname, kind: owner.kind, url: owner.url, state: owner.state, startedAt: owner.startedAt };
}

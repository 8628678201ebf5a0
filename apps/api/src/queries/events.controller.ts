import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { GetEvent, type EventEvidence, type LinkedEvent } from '@dd/engine';
import { z } from 'zod';
import { fieldProblems, invalidRequest, Problem } from '../http/problem';
import { EventIdParam } from './event-id-param';

const EventParams = z.object({ eventId: EventIdParam });

/**
 * Evidence an auditor can open: every event id a read model lists resolves here to the event
 * itself. Open to every principal, auditors included.
 */
@Controller('events')
export class EventsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':eventId')
  async event(@Param('eventId') raw: string) {
    const parsed = EventParams.safeParse({ eventId: raw });
    if (!parsed.success) throw invalidRequest(fieldProblems(parsed.error), 'invalid path parameter');
    const { eventId } = parsed.data;
    const evidence = await this.queryBus.execute(new GetEvent(eventId));
    if (!evidence) throw new Problem(404, 'Not found', `no event ${eventId}`);
    return withHrefs(evidence);
  }
}

export const eventHref = (eventId: string) => `/events/${eventId}`;

/** The links as URLs of this API: each linked event opens here; the stream, in the audit trail with payloads. */
function withHrefs(evidence: EventEvidence) {
  const link = (event: LinkedEvent | null) => (event ? { ...event, href: eventHref(event.eventId) } : null);
  const { previous, next, causation, caused } = evidence.links;
  return {
    ...evidence,
    links: {
      self: eventHref(evidence.eventId),
      stream: `/audit-trail?streamId=${encodeURIComponent(evidence.streamId)}&include=data`,
      previous: link(previous),
      next: link(next),
      causation: link(causation),
      caused: caused.map((event) => link(event)!),
    },
  };
}

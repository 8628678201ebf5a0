import { get } from '../api';
import { Badge, ErrorBox, EventLink, Loading, Section, time } from '../components/bits';
import type { PageProps } from '../main';
import { useRead } from '../use-read';

interface EventAnswer {
  eventId: string;
  type: string;
  streamId: string;
  streamVersion: number;
  globalPosition: number;
  data: unknown;
  metadata: Record<string, unknown> & { actor?: string; hash?: string; prevHash?: string; recordedAt?: string; occurredAt?: string };
  links: { previous: Neighbour | null; next: Neighbour | null; causation: Neighbour | null; caused: Neighbour[]; stream: string };
  verification: { status: string; checkedEvents?: number; [other: string]: unknown };
}

interface Neighbour {
  eventId: string;
  type: string;
  streamId: string;
  streamVersion: number;
}

const Linked = ({ to }: { to: Neighbour }) => <EventLink id={to.eventId} label={`${to.type} (${to.eventId.slice(0, 8)})`} />;

/** One event as evidence: payload, envelope, hash chain, its neighbours and causes, and whether its hash verifies. */
export function EventPage({ eventId }: PageProps & { eventId: string }) {
  const read = useRead(() => get<EventAnswer>(`/events/${encodeURIComponent(eventId)}`), [eventId]);
  if (read.error) return <ErrorBox error={read.error} />;
  if (!read.data) return <Loading what={`event ${eventId}`} />;
  const event = read.data;
  const { previous, next, causation } = event.links;
  return (
    <div class="grid">
      <Section title={event.type}>
        <dl class="facts">
          <dt>Event id</dt>
          <dd data-figure="eventId">{event.eventId}</dd>
          <dt>Verification</dt>
          <dd data-figure="verification">
            <Badge value={event.verification.status} />
          </dd>
          <dt>Stream</dt>
          <dd>
            {event.streamId} (version {event.streamVersion})
          </dd>
          <dt>Position</dt>
          <dd>{event.globalPosition}</dd>
          <dt>Actor</dt>
          <dd data-figure="actor">{String(event.metadata.actor ?? '')}</dd>
          <dt>Occurred</dt>
          <dd>{time(event.metadata.occurredAt)}</dd>
          <dt>Recorded</dt>
          <dd>{time(event.metadata.recordedAt)}</dd>
          <dt>Hash</dt>
          <dd class="event-id">{String(event.metadata.hash ?? '')}</dd>
          <dt>Previous hash</dt>
          <dd class="event-id">{String(event.metadata.prevHash ?? '')}</dd>
          <dt>In its stream</dt>
          <dd>
            previous: {previous ? <Linked to={previous} /> : 'none (first)'} · next: {next ? <Linked to={next} /> : 'none (last)'}
          </dd>
          <dt>Caused by</dt>
          <dd>{causation ? <Linked to={causation} /> : '—'}</dd>
          <dt>Caused</dt>
          <dd>
            {event.links.caused.length
              ? event.links.caused.map((link) => (
                  <span key={link.eventId}>
                    <Linked to={link} />{' '}
                  </span>
                ))
              : '—'}
          </dd>
        </dl>
      </Section>
      <Section title="Metadata">
        <pre tabIndex={0}>{JSON.stringify(event.metadata, null, 2)}</pre>
      </Section>
      <section class="card wide" aria-labelledby="payload-heading">
        <h2 id="payload-heading">Payload</h2>
        <pre tabIndex={0} data-figure="payload">
          {JSON.stringify(event.data, null, 2)}
        </pre>
      </section>
    </div>
  );
}

import { streams, type SurveyFamily } from '@dd/domain';
import type { EventStore, RecordedEvent } from '@dd/event-store';

/** The request whose answer link is asked about: a supplier's survey of a period and family, and the request's number. */
export interface LinkedRequest {
  supplierId: string;
  period: number;
  family: SurveyFamily;
  requestNumber: number;
}

/**
 * Whether the answer link of a request was withdrawn (RevokeSupplierLink). Nothing about links is
 * stored: the revocation is an event on the supplier's survey stream, so the page that answers a link
 * and the outbox that writes one both read it from there.
 */
export function linkRevokedIn(survey: readonly RecordedEvent[], requestNumber: number): boolean {
  return survey.some(
    (event) => event.type === 'SupplierLinkRevoked' && (event.data as { requestNumber: number }).requestNumber === requestNumber,
  );
}

export async function isLinkRevoked(store: EventStore, request: LinkedRequest): Promise<boolean> {
  const survey = await store.readStream(streams.survey(request.period, request.supplierId, request.family));
  return linkRevokedIn(survey, request.requestNumber);
}

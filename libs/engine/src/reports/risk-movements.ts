import type { EventStore } from '@dd/event-store';
import { isEventOf } from '@dd/projections';
import { RISK_MOVEMENT_TYPES, type RiskMovement } from '@dd/reports';

const PAGE_SIZE = 1_000;

/**
 * Every event that opens or closes a risk, in log order, with its business time: the input of the
 * roll-forward. Read from the log itself rather than the risk register, which keeps each risk's
 * latest state only, not when each episode opened and closed.
 */
export async function riskMovementsIn(store: EventStore): Promise<RiskMovement[]> {
  const movements: RiskMovement[] = [];
  for (let after = 0; ;) {
    const page = await store.readAll({ after, maxCount: PAGE_SIZE });
    if (page.length === 0) return movements;
    after = page[page.length - 1].globalPosition;
    for (const event of page) {
      if (!isEventOf(event, RISK_MOVEMENT_TYPES)) continue;
      const { occurredAt, eventId } = event.metadata;
      if (event.type === 'RiskRaised') {
        movements.push({ type: event.type, data: { riskId: event.data.riskId, category: event.data.category }, occurredAt, eventId });
      } else {
        movements.push({ type: event.type, data: { riskId: event.data.riskId }, occurredAt, eventId });
      }
    }
  }
}

import { CMRTSent, ReminderSent, riskIdFor, seededRandom, streams, SupplierRegistered, type RiskRaised } from '@dd/domain';
import { eventIdFor, type EventStore, type NewEvent } from '@dd/event-store';
import { assertDomainShapes, responsePayload, responseVariants, SMELTER_SETS } from './domain-payloads';
import { syntheticSmelterLists } from './smelter-lists';

export interface SyntheticLogOptions {
  /** Stop after at least this many events. */
  events: number;
  /** Smelter rows per declaration; default 12. */
  smeltersPerResponse?: number;
  seed?: number;
}

export interface SyntheticLog {
  events: number;
  appends: number;
  byType: Record<string, number>;
}

/** Appends in flight before the generator waits for them (the store commits up to 256 per transaction). */
const IN_FLIGHT = 1024;

const OFFICER = 'compliance.officer@example.com';
const PERIODS = [2021, 2022, 2023, 2024, 2025];

/**
 * Appends a realistic due-diligence log straight to the store, one append per command as the engine
 * would: RMI's reference and RMAP status lists, then per supplier a registration (three in four are sub-tier suppliers of a direct one), then per
 * period a CMRT request, reminders for about half, a response for most (its smelters matched against
 * the reference list, one of eight sets of twelve; a fifth with red flags, which
 * the risk-from-findings process manager turns into a risk), some re-submissions, and a few people's
 * flags. The one generator of such a log: `npm run bench` and rebuild-throughput.spec.ts both rebuild it.
 */
export async function appendSyntheticLog(store: EventStore, options: SyntheticLogOptions): Promise<SyntheticLog> {
  const next = seededRandom(options.seed ?? 42);
  const lists = syntheticSmelterLists();
  const { clean, redFlags } = responseVariants(options.smeltersPerResponse ?? 12, lists);
  const byType: Record<string, number> = {};
  let events = 0;
  let appends = 0;

  // Appends are not awaited one by one: the store's group commit then writes up to MAX_GROUP of them per
  // transaction (one fsync instead of hundreds), in call order, so the log is the same as awaiting each.
  // Event ids are derived from the command id, so a risk can name its response before it is written.
  const pending: Array<Promise<void>> = [];
  let failure: unknown;
  const settle = async () => {
    await Promise.all(pending.splice(0));
    if (failure !== undefined) throw failure;
  };
  const append = async (
    streamId: string,
    event: NewEvent,
    context: { actor?: string; causationId?: string } = {},
  ): Promise<{ eventId: string }> => {
    const commandId = `synthetic-${++appends}`;
    pending.push(
      store.appendToStream(streamId, [event], { commandId, actor: context.actor ?? OFFICER, causationId: context.causationId }).then(
        () => undefined,
        (error: unknown) => {
          failure ??= error;
        },
      ),
    );
    events++;
    byType[event.type] = (byType[event.type] ?? 0) + 1;
    if (pending.length >= IN_FLIGHT) await settle();
    return { eventId: eventIdFor(commandId, 0) };
  };

  // RMI's lists first, as a filer imports them before its first survey: responses are matched against them.
  await append(streams.referenceList(), { type: 'ReferenceListImported', data: lists.reference }, { actor: OFFICER });
  await append(streams.rmapStatus(), { type: 'RmapStatusListImported', data: lists.status }, { actor: OFFICER });

  for (let supplier = 0; events < options.events; supplier++) {
    const supplierId = `S${String(supplier).padStart(6, '0')}`;
    const direct = supplier % 4 === 0;
    const registered: SupplierRegistered = {
      supplierId,
      name: `Supplier ${supplier} Manufacturing Co., Ltd.`,
      tier: direct ? 'direct' : 'indirect',
      country: ['CN', 'DE', 'MY', 'US', 'JP'][supplier % 5],
      ...(direct ? {} : { parentSupplierId: `S${String(supplier - (supplier % 4)).padStart(6, '0')}` }),
    };
    if (supplier === 0) SupplierRegistered.parse(registered);
    await append(streams.supplier(supplierId), { type: 'SupplierRegistered', data: registered });

    for (const period of PERIODS) {
      if (events >= options.events) break;
      const survey = streams.survey(period, supplierId);
      const sent: CMRTSent = { supplierId, period, dueDate: `${period}-05-31`, templateVersion: '6.4', requestNumber: 1 };
      if (supplier === 0) CMRTSent.parse(sent);
      await append(survey, { type: 'CMRTSent', data: sent });

      const reminders = next() < 0.5 ? 1 + Math.floor(next() * 2) : 0;
      for (let reminderNumber = 1; reminderNumber <= reminders; reminderNumber++) {
        const reminder: ReminderSent = { supplierId, period, requestNumber: 1, reminderNumber, overdue: reminderNumber > 1 };
        if (supplier === 0) ReminderSent.parse(reminder);
        await append(survey, { type: 'ReminderSent', data: reminder }, { actor: 'scheduler' });
      }
      if (next() < 0.15) continue; // no answer this period

      const responses = next() < 0.1 ? 2 : 1;
      for (let responseNumber = 1; responseNumber <= responses; responseNumber++) {
        const variant = (next() < 0.2 ? redFlags : clean)[supplier % SMELTER_SETS];
        const response = responsePayload(variant, { supplierId, period, requestNumber: 1, responseNumber });
        const recorded = await append(survey, { type: 'ResponseRecorded', data: response });
        if (variant.redFlagRules.length > 0 && responseNumber === 1) {
          const key = { period, supplierId, category: 'covered-country-sourcing' as const, metal: 'tungsten' as const };
          const risk: RiskRaised = {
            riskId: riskIdFor(key),
            ...key,
            severity: 'high',
            reason: 'Declaration!D14: tungsten: the supplier declares sourcing from the covered countries (Q3 = Yes)',
            source: { kind: 'response-finding', eventId: recorded.eventId, ruleIds: variant.redFlagRules },
          };
          if (supplier < 50) assertDomainShapes({ response, risk });
          await append(
            streams.risk(risk.riskId),
            { type: 'RiskRaised', data: risk },
            {
              actor: 'system:risk-from-findings',
              causationId: recorded.eventId,
            },
          );
        }
      }
      if (next() < 0.03) {
        const key = {
          period,
          supplierId,
          category: 'non-conflict-free-smelter' as const,
          metal: 'tungsten' as const,
          smelterId: 'CID002082',
        };
        const flag: RiskRaised = {
          riskId: riskIdFor(key),
          ...key,
          severity: 'high',
          reason: 'Lost RMAP conformance',
          source: { kind: 'flag' },
        };
        await append(streams.risk(flag.riskId), { type: 'RiskRaised', data: flag }, { actor: 'auditor@example.com' });
      }
    }
  }
  await settle();
  return { events, appends, byType };
}

import type { Statement } from 'better-sqlite3';
import { EVENT_TYPES, eventTypesOf, type EventType } from '@dd/domain';
import { MemoryEventStore } from '@dd/event-store';
import { allProjections } from '../all-projections';
import { projectAll } from '../test-support/apply-twice.fixture';
import { appendEvent } from '../test-support/typed-events.fixture';
import { defineProjection, type DeclaredProjection, type RecordedEventOf } from './event-handlers';
import type { ProjectionDefinition } from './projection';
import { openReadModelDb, type ReadModelDb } from './read-model-db';

/** Every catalogued type but these. */
const allBut = (...left: EventType[]) => EVENT_TYPES.filter((type) => !left.includes(type));

/** A read model of the periods opened: one handler, everything else ignored. */
function periodsOpened(seen: Array<RecordedEventOf<'PeriodOpened'>>) {
  return defineProjection({
    name: 'periods-opened',
    version: 1,
    tables: ['periods_opened'],
    schema: 'CREATE TABLE IF NOT EXISTS periods_opened (period INTEGER PRIMARY KEY, deadline TEXT NOT NULL)',
    prepare: (db: ReadModelDb) => ({ insert: db.prepare('INSERT OR REPLACE INTO periods_opened (period, deadline) VALUES (?, ?)') }),
    handlers: {
      PeriodOpened: (s: { insert: Statement }, event: RecordedEventOf<'PeriodOpened'>) => {
        seen.push(event);
        // Typed: period and formSdDeadline are read without a cast.
        s.insert.run(event.data.period, event.data.formSdDeadline);
      },
    },
    ignores: [
      'PeriodClosed',
      'PeriodReopened',
      'ReportPublished',
      ...eventTypesOf(
        'supplier',
        'product',
        'campaign',
        'program',
        'survey',
        'risk',
        'referenceList',
        'rmapStatus',
        'logSeal',
        'customerDeclaration',
        'riskReport',
        'message',
      ),
    ],
  });
}

describe('typed projections', () => {
  describe('every read model says what it does with each event type the engine writes', () => {
    const declared = (projection: ProjectionDefinition): projection is DeclaredProjection =>
      'handles' in projection && 'ignores' in projection;
    it('each but the audit trail, which keeps every event whatever its type, declares them', () => {
      expect(allProjections.filter((projection) => !declared(projection)).map((projection) => projection.name)).toEqual(['audit-trail']);
    });
    for (const projection of allProjections.filter(declared)) {
      it(`${projection.name} handles or ignores each catalogued type, none both`, () => {
        expect([...projection.handles, ...projection.ignores].sort()).toEqual([...EVENT_TYPES].sort());
        expect(projection.handles.filter((type) => projection.ignores.includes(type))).toEqual([]);
      });
    }
  });

  it('given events of several types, the handler of a type receives its events, typed; ignored and unknown types are skipped', async () => {
    const store = new MemoryEventStore();
    const db = openReadModelDb(':memory:');
    const seen: Array<RecordedEventOf<'PeriodOpened'>> = [];
    await appendEvent(store, 'period-2024', 'PeriodOpened', {
      period: 2024,
      policy: { reminderDays: [14] },
      formSdDeadline: '2025-06-02',
    });
    await appendEvent(store, 'period-2024', 'PeriodClosed', { period: 2024 });
    await store.appendToStream('elsewhere', [{ type: 'WrittenByALaterRelease', data: { period: 2030 } }], {
      commandId: 'later',
      actor: 'someone',
    });

    await projectAll(store, db, [periodsOpened(seen)]);

    expect(seen.map((event) => [event.type, event.data.period])).toEqual([['PeriodOpened', 2024]]);
    expect(db.prepare('SELECT period, deadline FROM periods_opened').all()).toEqual([{ period: 2024, deadline: '2025-06-02' }]);
    db.close();
  });

  it('refuses a read model that leaves a catalogued type unaccounted for: at compile time, and when it is defined', () => {
    expect(() =>
      defineProjection({
        name: 'forgetful',
        version: 1,
        tables: [],
        schema: '',
        prepare: () => null,
        handlers: { PeriodOpened: () => undefined },
        // @ts-expect-error LogSealed is neither handled nor ignored
        ignores: allBut('PeriodOpened', 'LogSealed') as Array<Exclude<EventType, 'PeriodOpened' | 'LogSealed'>>,
      }),
    ).toThrow('projection forgetful neither handles nor ignores LogSealed');
  });

  it('refuses a read model that both handles and ignores a type', () => {
    expect(() =>
      defineProjection({
        name: 'undecided',
        version: 1,
        tables: [],
        schema: '',
        prepare: () => null,
        handlers: { PeriodOpened: () => undefined },
        // @ts-expect-error PeriodOpened is handled and ignored
        ignores: EVENT_TYPES,
      }),
    ).toThrow('projection undecided both handles and ignores PeriodOpened');
  });
});

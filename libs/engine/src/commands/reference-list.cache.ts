import { Inject, Injectable } from '@nestjs/common';
import { ReferenceIndex, streams, type SurveyFamily } from '@dd/domain';
import type { EventStore } from '@dd/event-store';
import { isEventOf } from '@dd/projections';
import { EVENT_STORE } from '../tokens';

/**
 * The current RMI reference list as a look-up index. Matching every response's smelter rows needs
 * it, and it changes a few times a year, so it is rebuilt only when the stream has a new version.
 * The stream's last event says which list is current: an import carries it, a withdrawal carries
 * the list it restored (or none). The CMRT's 3TG list and the EMRT's own list are kept apart.
 */
@Injectable()
export class ReferenceListCache {
  private readonly cached = new Map<SurveyFamily, { version: number; index: ReferenceIndex }>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async current(family: SurveyFamily = 'cmrt'): Promise<ReferenceIndex> {
    const streamId = streams.referenceList(family);
    const version = await this.store.streamVersion(streamId);
    let cached = this.cached.get(family);
    if (version !== cached?.version) {
      const [latest] = await this.store.readStream(streamId, { fromVersion: version, maxCount: 1 });
      const list = isEventOf(latest, ['ReferenceListWithdrawn'])
        ? latest.data.restored
        : isEventOf(latest, ['ReferenceListImported'])
          ? latest.data
          : undefined;
      cached = { version, index: list ? new ReferenceIndex(list.rows, list.asOf) : ReferenceIndex.empty() };
      this.cached.set(family, cached);
    }
    return cached.index;
  }
}

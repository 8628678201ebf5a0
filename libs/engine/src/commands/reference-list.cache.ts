import { Inject, Injectable } from '@nestjs/common';
import { ReferenceIndex, streams } from '@dd/domain';
import type { EventStore } from '@dd/event-store';
import { isEventOf } from '@dd/projections';
import { EVENT_STORE } from '../tokens';

/**
 * The current RMI reference list as a look-up index. Matching every response's smelter rows needs
 * it, and it changes a few times a year, so it is rebuilt only when the stream has a new version.
 * The stream's last event says which list is current: an import carries it, a withdrawal carries
 * the list it restored (or none).
 */
@Injectable()
export class ReferenceListCache {
  private cached: { version: number; index: ReferenceIndex } = { version: -1, index: ReferenceIndex.empty() };

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async current(): Promise<ReferenceIndex> {
    const version = await this.store.streamVersion(streams.referenceList());
    if (version !== this.cached.version) {
      const [latest] = await this.store.readStream(streams.referenceList(), { fromVersion: version, maxCount: 1 });
      const list = isEventOf(latest, ['ReferenceListWithdrawn'])
        ? latest.data.restored
        : isEventOf(latest, ['ReferenceListImported'])
          ? latest.data
          : undefined;
      this.cached = { version, index: list ? new ReferenceIndex(list.rows, list.asOf) : ReferenceIndex.empty() };
    }
    return this.cached.index;
  }
}

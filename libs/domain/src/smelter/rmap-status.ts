import { z } from 'zod';
import type { EventSchemasByType } from '../shared/event-family';
import { SingleLineText } from '../shared/text';
import { Mineral } from '../shared/metals';
import { IsoDate } from '../shared/period';
import { LIST_WITHDRAWAL, ListSource, SmelterId, WITHDRAWN_LIST } from './reference-list';

/**
 * RMAP statuses as RMI's facility lists name them (domain.md §2). "Compliant" is the older CFSI
 * word for conformant. A smelter absent from the status list has no RMAP status.
 */
export const RMAP_STATUSES = [
  'conformant',
  'active',
  'cross-recognized',
  'non-conformant',
  'suspended',
  'eligible',
  'in-communication',
  'outreach-required',
] as const;
export const RmapStatus = z.enum(RMAP_STATUSES);
export type RmapStatus = z.infer<typeof RmapStatus>;

/** Statuses that count as validated by an independent third-party audit (OECD step 4 reliance). */
export const AUDITED_STATUSES: readonly RmapStatus[] = ['conformant', 'cross-recognized'];

const ALIASES: Record<string, RmapStatus> = {
  conformant: 'conformant',
  compliant: 'conformant',
  active: 'active',
  'cross-recognized': 'cross-recognized',
  'cross recognized': 'cross-recognized',
  crossrecognized: 'cross-recognized',
  'non-conformant': 'non-conformant',
  'non conformant': 'non-conformant',
  nonconformant: 'non-conformant',
  suspended: 'suspended',
  eligible: 'eligible',
  'in communication': 'in-communication',
  'in-communication': 'in-communication',
  'outreach required': 'outreach-required',
  'outreach-required': 'outreach-required',
};

/** Parses a status as written in RMI lists and CSV exports; undefined when unknown. */
export function parseRmapStatus(text: string): RmapStatus | undefined {
  return ALIASES[text.trim().toLowerCase().replace(/_/g, '-').replace(/\s+/g, ' ')];
}

/**
 * One smelter's status. RMAP assesses cobalt, copper, ... refiners too: the metal is any Mineral (a 3TG
 * metal or an EMRT mineral; old lists named 3TG metals only, which stay valid). A CID names one
 * facility of one mineral (the EMRT 2.1 Smelter Look-up: 305 CIDs, none under two minerals).
 */
export const RmapStatusEntry = z
  .object({
    metal: Mineral,
    smelterId: SmelterId,
    name: SingleLineText.max(300).optional(),
    status: RmapStatus,
  })
  .strict();
export type RmapStatusEntry = z.infer<typeof RmapStatusEntry>;

export const ImportRmapStatusList = z
  .object({
    asOf: IsoDate,
    source: ListSource,
    entries: z.array(RmapStatusEntry).min(1).max(20000),
  })
  .strict();
export type ImportRmapStatusList = z.infer<typeof ImportRmapStatusList>;

export const RmapStatusChange = z
  .object({
    metal: Mineral,
    smelterId: SmelterId,
    /** null: the smelter had no status before (or was not on the previous list). */
    from: RmapStatus.nullable(),
    /** null: the smelter is no longer on the status list. */
    to: RmapStatus.nullable(),
  })
  .strict();
export type RmapStatusChange = z.infer<typeof RmapStatusChange>;

export const RmapStatusListImported = z
  .object({
    asOf: IsoDate,
    source: ListSource,
    entries: z.array(RmapStatusEntry),
    changes: z.array(RmapStatusChange),
  })
  .strict();
export type RmapStatusListImported = z.infer<typeof RmapStatusListImported>;

/**
 * Takes back the current RMAP status list, imported by mistake: the list before it is current again,
 * smelter statuses revert, and the engine undoes the risks the mistaken list raised or closed
 * (smelter-risk process manager).
 */
export const WithdrawRmapStatusList = z.object(LIST_WITHDRAWAL).strict();
export type WithdrawRmapStatusList = z.infer<typeof WithdrawRmapStatusList>;

export const RmapStatusListWithdrawn = z
  .object({
    ...WITHDRAWN_LIST,
    /** The list current again, in full; null: no list is (nothing is judged by status any more). */
    restored: z
      .object({ asOf: IsoDate, source: ListSource, entries: z.array(RmapStatusEntry) })
      .strict()
      .nullable(),
    /** Status changes from the withdrawn list back to the restored one. */
    changes: z.array(RmapStatusChange),
  })
  .strict();
export type RmapStatusListWithdrawn = z.infer<typeof RmapStatusListWithdrawn>;

/** The events of the RMAP-status-list stream, by type (the event catalogue takes them from here). */
export const rmapStatusEventSchemas = { RmapStatusListImported, RmapStatusListWithdrawn } satisfies EventSchemasByType;

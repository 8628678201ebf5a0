import { z } from 'zod';
import type { EventSchemasByType } from '../shared/event-family';
import { MultiLineText, SingleLineText } from '../shared/text';
import { Mineral } from '../shared/metals';
import { SurveyFamily } from '../survey/survey-family';
import { IsoDate } from '../shared/period';

/** An RMI smelter id: CID + 6 digits. A CID names one facility for one metal. */
export const SmelterId = z.string().regex(/^CID\d{6}$/, 'expected an RMI smelter id such as CID002494');

/** The pseudo look-up values every metal has in the CMRT (not smelters). */
export const SMELTER_NOT_LISTED = 'Smelter not listed';
export const SMELTER_NOT_YET_IDENTIFIED = 'Smelter not yet identified';

/**
 * One row of RMI's Smelter Look-up list: an alias (look-up name) of a smelter for a metal. The CMRT's
 * list names the four 3TG metals, the EMRT's its six minerals (the decider checks each list's rows).
 */
export const ReferenceRow = z
  .object({
    metal: Mineral,
    lookupName: SingleLineText.min(1).max(300),
    standardName: SingleLineText.max(300),
    country: SingleLineText.max(120),
    /** Absent on the pseudo rows ("Smelter not listed", "Smelter not yet identified"). */
    smelterId: SmelterId.optional(),
    idSource: SingleLineText.max(60).optional(),
    street: SingleLineText.max(300).optional(),
    city: SingleLineText.max(120).optional(),
    stateProvince: SingleLineText.max(120).optional(),
  })
  .strict();
export type ReferenceRow = z.infer<typeof ReferenceRow>;

export const ListSource = z
  .object({
    kind: z.enum(['cmrt-template', 'emrt-template', 'csv']),
    fileName: SingleLineText.max(300),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    /** For a template: its CMRT (e.g. "6.5") or EMRT (e.g. "2.1") revision. */
    templateVersion: SingleLineText.max(20).optional(),
  })
  .strict();
export type ListSource = z.infer<typeof ListSource>;

export const ImportReferenceList = z
  .object({
    /**
     * Which list: the CMRT's 3TG list (absent, or cmrt) or the EMRT's own Smelter Look-up (emrt), a list
     * of its own (stream `reference-list:emrt`) that EMRT Smelter List rows are matched against.
     */
    family: SurveyFamily.optional(),
    /** The date RMI's standard smelter list was taken (6.5: 2025-03-05). */
    asOf: IsoDate,
    source: ListSource,
    rows: z.array(ReferenceRow).min(1).max(20000),
  })
  .strict();
export type ImportReferenceList = z.infer<typeof ImportReferenceList>;

const SmelterRef = z.object({ metal: Mineral, smelterId: SmelterId, standardName: z.string() }).strict();

/** On a list's events: 'emrt' for the EMRT's list; absent for the CMRT's (every list recorded before the EMRT's). */
const listFamily = z.literal('emrt').optional();

export const ReferenceListImported = z
  .object({
    family: listFamily,
    asOf: IsoDate,
    source: ListSource,
    rows: z.array(ReferenceRow),
    /** Compared with the list imported before (all "added" for the first import). */
    diff: z
      .object({
        added: z.array(SmelterRef),
        removed: z.array(SmelterRef),
        renamed: z.array(z.object({ metal: Mineral, smelterId: SmelterId, from: z.string(), to: z.string() }).strict()),
      })
      .strict(),
  })
  .strict();
export type ReferenceListImported = z.infer<typeof ReferenceListImported>;

/**
 * What withdrawing a list (reference list or RMAP status list) names: the current list, by its as-of
 * date so that nobody withdraws a list they did not mean, and why (the reason stays in the log).
 */
export const LIST_WITHDRAWAL = {
  /** The as-of date of the current list, the one withdrawn. */
  asOf: IsoDate,
  reason: MultiLineText.min(1, 'say why the list is withdrawn').max(2000),
};

/** What a withdrawn-list event records of the list withdrawn: its as-of date and file, and why. */
export const WITHDRAWN_LIST = { asOf: IsoDate, sha256: z.string(), reason: z.string() };

/**
 * Takes back the current reference list, imported by mistake (wrong file, wrong date): the list
 * before it is current again.
 */
export const WithdrawReferenceList = z
  .object({ ...LIST_WITHDRAWAL, /** The CMRT's list (absent) or the EMRT's (emrt). */ family: SurveyFamily.optional() })
  .strict();
export type WithdrawReferenceList = z.infer<typeof WithdrawReferenceList>;

export const ReferenceListWithdrawn = z
  .object({
    family: listFamily,
    ...WITHDRAWN_LIST,
    /** The list current again, in full (so every reader can apply it as it applied an import); null: none is. */
    restored: z
      .object({ asOf: IsoDate, source: ListSource, rows: z.array(ReferenceRow) })
      .strict()
      .nullable(),
    /** From the withdrawn list to the restored one. */
    diff: ReferenceListImported.shape.diff,
  })
  .strict();
export type ReferenceListWithdrawn = z.infer<typeof ReferenceListWithdrawn>;

/** The events of the reference-list stream, by type (the event catalogue takes them from here). */
export const referenceListEventSchemas = { ReferenceListImported, ReferenceListWithdrawn } satisfies EventSchemasByType;

import { z } from 'zod';
import { Metal } from '../shared/metals';
import { IsoDate } from '../shared/period';

/** An RMI smelter id: CID + 6 digits. A CID names one facility for one metal. */
export const SmelterId = z.string().regex(/^CID\d{6}$/, 'expected an RMI smelter id such as CID002494');

/** The pseudo look-up values every metal has in the CMRT (not smelters). */
export const SMELTER_NOT_LISTED = 'Smelter not listed';
export const SMELTER_NOT_YET_IDENTIFIED = 'Smelter not yet identified';

/** One row of RMI's Smelter Look-up list: an alias (look-up name) of a smelter for a metal. */
export const ReferenceRow = z
  .object({
    metal: Metal,
    lookupName: z.string().min(1).max(300),
    standardName: z.string().max(300),
    country: z.string().max(120),
    /** Absent on the pseudo rows ("Smelter not listed", "Smelter not yet identified"). */
    smelterId: SmelterId.optional(),
    idSource: z.string().max(60).optional(),
    street: z.string().max(300).optional(),
    city: z.string().max(120).optional(),
    stateProvince: z.string().max(120).optional(),
  })
  .strict();
export type ReferenceRow = z.infer<typeof ReferenceRow>;

export const ListSource = z
  .object({
    kind: z.enum(['cmrt-template', 'csv']),
    fileName: z.string().max(300),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    /** For a template: its CMRT revision, e.g. "6.5". */
    templateVersion: z.string().max(20).optional(),
  })
  .strict();
export type ListSource = z.infer<typeof ListSource>;

export const ImportReferenceList = z
  .object({
    /** The date RMI's standard smelter list was taken (6.5: 2025-03-05). */
    asOf: IsoDate,
    source: ListSource,
    rows: z.array(ReferenceRow).min(1).max(20000),
  })
  .strict();
export type ImportReferenceList = z.infer<typeof ImportReferenceList>;

const SmelterRef = z.object({ metal: Metal, smelterId: SmelterId, standardName: z.string() }).strict();

export const ReferenceListImported = z
  .object({
    asOf: IsoDate,
    source: ListSource,
    rows: z.array(ReferenceRow),
    /** Compared with the list imported before (all "added" for the first import). */
    diff: z
      .object({
        added: z.array(SmelterRef),
        removed: z.array(SmelterRef),
        renamed: z.array(z.object({ metal: Metal, smelterId: SmelterId, from: z.string(), to: z.string() }).strict()),
      })
      .strict(),
  })
  .strict();
export type ReferenceListImported = z.infer<typeof ReferenceListImported>;

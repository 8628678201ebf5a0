import { z } from 'zod';
import { Answer, CompanyBlock, ProductRow, SmelterRow } from './declaration.schema';
import { MineRow, uniqueMinerals } from './emrt-declaration.schema';

/**
 * A supplier's AMRT 1.3 answers as JSON (domain.md §1.11). The AMRT asks two questions per mineral
 * (1: intentionally added; 2: share of suppliers that responded) and no company questions. Its
 * minerals are names: the twelve listed ones or whatever the company typed under "Other".
 */
const Text = z.string().max(2000);
const MineralName = z.string().trim().min(1).max(100);

export const AmrtMineralAnswers = z
  .object({
    /** The template's spelling for a listed mineral ("Rare Earth Elements"), else the name as typed. */
    mineral: MineralName.optional(),
    /** Chosen as "Other [specify below]": named in the cell three rows below the selector, or not at all. */
    other: z.boolean().optional(),
    /** The selector cell it was chosen in (e.g. "D12"); set by the reader. */
    selector: z
      .string()
      .regex(/^[D-I]1[23]$/, 'expected a selector cell D12:I13')
      .optional(),
    /** Row offset below each question (place in the template's sorted list); absent for JSON and for unnamed "Other". */
    slot: z.number().int().min(0).max(9).optional(),
    q1: Answer.optional(),
    q2: Answer.optional(),
  })
  .strict()
  .refine((entry) => entry.mineral !== undefined || entry.other === true, {
    message: 'a mineral needs a name unless it was chosen as "Other"',
    path: ['mineral'],
  });
export type AmrtMineralAnswers = z.infer<typeof AmrtMineralAnswers>;

/** Smelter List row: the CMRT's columns A-Q, the metal being the mineral's name. */
export const AmrtSmelterRow = SmelterRow.extend({ metal: Text.optional() });
export type AmrtSmelterRow = z.infer<typeof AmrtSmelterRow>;

export const AmrtMineRow = MineRow.extend({ metal: Text.optional() });
export type AmrtMineRow = z.infer<typeof AmrtMineRow>;

/** One row of the optional Minerals Scope sheet: why a mineral is on the AMRT. */
export const AmrtMineralReason = z
  .object({
    row: z.number().int().min(1).optional(),
    mineral: Text.optional(),
    reason: z.string().max(20000).optional(),
  })
  .strict();
export type AmrtMineralReason = z.infer<typeof AmrtMineralReason>;

export const AmrtDeclaration = z
  .object({
    templateVersion: z.string().max(20).optional(),
    language: z.string().max(50).optional(),
    company: CompanyBlock.default({}),
    minerals: z.array(AmrtMineralAnswers).max(10).superRefine(uniqueMinerals).default([]),
    mineralReasons: z.array(AmrtMineralReason).max(10).default([]),
    smelters: z.array(AmrtSmelterRow).max(2500).default([]),
    mines: z.array(AmrtMineRow).max(2500).default([]),
    products: z.array(ProductRow).max(10000).default([]),
  })
  .strict();
export type AmrtDeclaration = z.infer<typeof AmrtDeclaration>;

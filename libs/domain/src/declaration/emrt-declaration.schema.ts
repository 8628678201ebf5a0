import { z } from 'zod';
import { Answer, CompanyBlock, ProductRow, SITE_CONTACT_COLUMNS, SmelterRow } from './declaration.schema';
import { EMRT_COMPANY_QUESTIONS, EMRT_MINERAL_QUESTIONS, type EmrtCompanyQuestion, type EmrtMineralQuestion } from './emrt-cell-map';
import { EmrtMineral } from './template-minerals';

/**
 * A supplier's EMRT 2.x answers as JSON (domain.md §1.10), beside the CMRT's Declaration. As there,
 * every answer is optional: blanks are the supplier's incomplete data, which the EMRT Checker rules
 * report as findings. The shape follows the workbook: minerals in the order the template lists them
 * (alphabetical), each with its questions 1-7 and its row of company question C.
 */
const Text = z.string().max(2000);
const LongText = z.string().max(20000);

/** Questions 1-7 and company question C (asked per mineral) for one selected mineral. */
export const EmrtMineralAnswers = z
  .object({
    mineral: EmrtMineral,
    /**
     * The mineral's place in the template's sorted list (AA12:AA21), i.e. its row offset below each
     * question; set by the reader, absent for JSON (where the position in `minerals` counts).
     */
    slot: z.number().int().min(0).max(9).optional(),
    ...(Object.fromEntries(EMRT_MINERAL_QUESTIONS.map((q) => [q, Answer.optional()])) as Record<
      EmrtMineralQuestion,
      z.ZodOptional<typeof Answer>
    >),
    /** C: does the company require its direct suppliers to source this mineral from validated processors? */
    C: Answer.optional(),
  })
  .strict();
export type EmrtMineralAnswers = z.infer<typeof EmrtMineralAnswers>;

/** Company-level questions A, B, D-G (C is asked per mineral). */
export const EmrtCompanyQuestions = z
  .object(
    Object.fromEntries(EMRT_COMPANY_QUESTIONS.map((q) => [q, Answer.optional()])) as Record<
      EmrtCompanyQuestion,
      z.ZodOptional<typeof Answer>
    >,
  )
  .strict();
export type EmrtCompanyQuestions = z.infer<typeof EmrtCompanyQuestions>;

/** Smelter List row: the CMRT's columns A-Q, the metal being an EMRT mineral. */
export const EmrtSmelterRow = SmelterRow.extend({ metal: EmrtMineral.optional() });
export type EmrtSmelterRow = z.infer<typeof EmrtSmelterRow>;

/** One row of the Mine List sheet (columns A-M). */
export const MineRow = z
  .object({
    /** Worksheet row the values came from (5..2504); absent for declarations posted as JSON. */
    row: z.number().int().min(1).optional(),
    metal: EmrtMineral.optional(),
    /** Column B: the smelter(s) or processor(s) sourcing from this mine. */
    smelterName: Text.optional(),
    mineName: Text.optional(),
    /** Column D: the mine's identification (e.g. a CID), E: where that id comes from. */
    mineId: Text.optional(),
    mineIdSource: Text.optional(),
    country: Text.optional(),
    ...SITE_CONTACT_COLUMNS,
    comments: LongText.optional(),
  })
  .strict();
export type MineRow = z.infer<typeof MineRow>;

/** Each mineral once: the template's sort removes duplicates, so a repeated one is malformed input. */
export function uniqueMinerals<T extends { mineral?: string }>(entries: readonly T[], context: z.RefinementCtx): void {
  const seen = new Map<string, number>();
  entries.forEach((entry, index) => {
    if (entry.mineral === undefined) return;
    const key = entry.mineral.trim().toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      context.addIssue({
        code: 'custom',
        path: [index, 'mineral'],
        message: `"${entry.mineral}" is listed twice (also at minerals[${first}])`,
      });
    } else seen.set(key, index);
  });
}

export const EmrtDeclaration = z
  .object({
    /** e.g. "2.1" (from Declaration!J3 "Revision 2.1"). */
    templateVersion: z.string().max(20).optional(),
    language: z.string().max(50).optional(),
    company: CompanyBlock.default({}),
    /** The minerals selected on the Declaration (D12:I13), alphabetically as the template orders its rows. */
    minerals: z.array(EmrtMineralAnswers).max(10).superRefine(uniqueMinerals).default([]),
    companyQuestions: EmrtCompanyQuestions.default({}),
    smelters: z.array(EmrtSmelterRow).max(2500).default([]),
    mines: z.array(MineRow).max(2500).default([]),
    products: z.array(ProductRow).max(10000).default([]),
  })
  .strict();
export type EmrtDeclaration = z.infer<typeof EmrtDeclaration>;
export type EmrtDeclarationInput = z.input<typeof EmrtDeclaration>;

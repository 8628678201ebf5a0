import { z } from 'zod';
import { Metal } from '../shared/metals';

/**
 * A supplier's CMRT answers as JSON: what the workbook reader produces and what RecordResponse
 * carries. Every answer is optional on purpose: a blank answer is the supplier's incomplete data,
 * which the Checker records as a finding, not malformed input. Types and sizes are still checked.
 */
const Text = z.string().max(2000);
const LongText = z.string().max(20000);

export const DECLARATION_SCOPES = ['company', 'product', 'user-defined'] as const;
export const DeclarationScope = z.enum(DECLARATION_SCOPES);
export type DeclarationScope = z.infer<typeof DeclarationScope>;

export const CompanyBlock = z
  .object({
    name: Text.optional(),
    scope: DeclarationScope.optional(),
    scopeDescription: LongText.optional(),
    uniqueId: Text.optional(),
    uniqueIdAuthority: Text.optional(),
    address: Text.optional(),
    contactName: Text.optional(),
    contactEmail: Text.optional(),
    contactPhone: Text.optional(),
    authorizer: Text.optional(),
    authorizerTitle: Text.optional(),
    authorizerEmail: Text.optional(),
    authorizerPhone: Text.optional(),
    /** As given: YYYY-MM-DD when it could be read as a date, otherwise the raw text. */
    effectiveDate: Text.optional(),
  })
  .strict();
export type CompanyBlock = z.infer<typeof CompanyBlock>;

/** One answer cell (column D) and its comment (column G). */
export const Answer = z
  .object({
    answer: Text.optional(),
    comment: LongText.optional(),
  })
  .strict();
export type Answer = z.infer<typeof Answer>;

export const MINERAL_QUESTIONS = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8'] as const;
export type MineralQuestion = (typeof MINERAL_QUESTIONS)[number];

/** Questions 1-8 for one metal. */
export const MineralAnswers = z
  .object(Object.fromEntries(MINERAL_QUESTIONS.map((q) => [q, Answer.optional()])) as Record<MineralQuestion, z.ZodOptional<typeof Answer>>)
  .strict();
export type MineralAnswers = z.infer<typeof MineralAnswers>;

export const COMPANY_QUESTIONS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] as const;
export type CompanyQuestion = (typeof COMPANY_QUESTIONS)[number];

export const CompanyQuestions = z
  .object(Object.fromEntries(COMPANY_QUESTIONS.map((q) => [q, Answer.optional()])) as Record<CompanyQuestion, z.ZodOptional<typeof Answer>>)
  .strict();
export type CompanyQuestions = z.infer<typeof CompanyQuestions>;

/** The address and contact columns a Smelter List row (H-M) and an EMRT/AMRT Mine List row (G-L) share. */
export const SITE_CONTACT_COLUMNS = {
  street: Text.optional(),
  city: Text.optional(),
  stateProvince: Text.optional(),
  contactName: Text.optional(),
  contactEmail: Text.optional(),
  nextSteps: LongText.optional(),
};

/** One row of the Smelter List sheet (columns A-Q). */
export const SmelterRow = z
  .object({
    /** Worksheet row the values came from (5..2504); absent for declarations posted as JSON. */
    row: z.number().int().min(1).optional(),
    metal: Metal.optional(),
    /** Column C: the look-up value (an alias, "Smelter not listed" or "Smelter not yet identified"). */
    lookupName: Text.optional(),
    /** Column D: the smelter name typed by the supplier. */
    name: Text.optional(),
    country: Text.optional(),
    /** Column F (or A when F is empty): the RMI smelter id, e.g. CID002494. */
    smelterId: Text.optional(),
    /** Column A: the id typed into the input column. */
    smelterIdInput: Text.optional(),
    idSource: Text.optional(),
    ...SITE_CONTACT_COLUMNS,
    mineName: LongText.optional(),
    mineCountry: LongText.optional(),
    /** Column P: does 100% of the smelter's feedstock come from recycled or scrap sources? */
    recycledOrScrap: Text.optional(),
    comments: LongText.optional(),
  })
  .strict();
export type SmelterRow = z.infer<typeof SmelterRow>;

/**
 * One row of the Product List sheet: the responder's product number (B) and name (C), and from
 * CMRT 6.6 / EMRT 2.1 / AMRT 1.3 on the requester's product number (D) and name (E) too.
 */
export const ProductRow = z
  .object({
    row: z.number().int().min(1).optional(),
    number: Text.optional(),
    name: Text.optional(),
    requesterNumber: Text.optional(),
    requesterName: Text.optional(),
    comments: LongText.optional(),
  })
  .strict();
export type ProductRow = z.infer<typeof ProductRow>;

export const Declaration = z
  .object({
    /** e.g. "6.4" (from Declaration!J3 "Revision 6.4"). */
    templateVersion: z.string().max(20).optional(),
    /** Display language of the workbook, e.g. "English"; answers stay English whatever it is. */
    language: z.string().max(50).optional(),
    company: CompanyBlock.default({}),
    minerals: z
      .object({
        tantalum: MineralAnswers.default({}),
        tin: MineralAnswers.default({}),
        gold: MineralAnswers.default({}),
        tungsten: MineralAnswers.default({}),
      })
      .strict()
      .default({ tantalum: {}, tin: {}, gold: {}, tungsten: {} }),
    companyQuestions: CompanyQuestions.default({}),
    smelters: z.array(SmelterRow).max(2500).default([]),
    products: z.array(ProductRow).max(10000).default([]),
  })
  .strict();
export type Declaration = z.infer<typeof Declaration>;
export type DeclarationInput = z.input<typeof Declaration>;

import { z } from 'zod';
import type { EventSchemasByType, EventsOf } from '../../shared/event-family';
import { Period } from '../../shared/period';
import { SingleLineText } from '../../shared/text';
import { EmrtMineral } from '../template-minerals';

/** The stream of the declarations we issued to our customers for one reporting year. */
export const customerDeclarationStream = (period: number) => `declaration-${period}`;

/** The template families we can declare on. */
export const CUSTOMER_DECLARATION_FAMILIES = ['cmrt', 'emrt'] as const;
export type CustomerDeclarationFamily = (typeof CUSTOMER_DECLARATION_FAMILIES)[number];

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits');

const declarationFields = {
  period: Period,
  family: z.enum(CUSTOMER_DECLARATION_FAMILIES),
  /** SHA-256 of the workbook as issued: which file we gave our customers. */
  sha256: Sha256Hex,
  byteLength: z.number().int().min(1),
  /** Revision of the RMI blank it was written into, e.g. "6.5" (CMRT) or "2.1" (EMRT). */
  templateVersion: z.string().min(1).max(20),
  /** Declaration scope (company or product) and what it declared. */
  scope: z.enum(['company', 'product']),
  /** Metals declared in scope (Q1 = Q2 = Yes); an EMRT declares none of the 3TG (empty). */
  metalsInScope: z.array(z.enum(['tantalum', 'tin', 'gold', 'tungsten'])),
  /** An EMRT's minerals declared in scope (Q1 = Q2 = Yes); absent on a CMRT, so earlier events read unchanged. */
  mineralsInScope: z.array(EmrtMineral).optional(),
  smelterCount: z.number().int().min(0),
  productCount: z.number().int().min(0),
  /** The effective date written in the declaration (YYYY-MM-DD). */
  effectiveDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** Who asked for it (the actor), as a name a customer-facing audit can show. */
  issuedBy: SingleLineText.min(1).max(200),
  /** The file name it was handed out as. */
  fileName: SingleLineText.min(1).max(255),
};

/** The engine's command to record a declaration it has just produced. */
export const RecordCustomerDeclaration = z.object(declarationFields).strict();
export type RecordCustomerDeclaration = z.infer<typeof RecordCustomerDeclaration>;

/**
 * We issued our own declaration to our customers: what we told them (the file's SHA-256, so the very
 * workbook can be recognised later) and when (the event's business time). `issueNumber` counts the
 * period's declarations, 1 for the first.
 */
export const CustomerDeclarationIssued = z.object({ ...declarationFields, issueNumber: z.number().int().min(1) }).strict();
export type CustomerDeclarationIssued = z.infer<typeof CustomerDeclarationIssued>;

export const customerDeclarationEventSchemas = { CustomerDeclarationIssued } satisfies EventSchemasByType;
export type CustomerDeclarationEvent = EventsOf<typeof customerDeclarationEventSchemas>;

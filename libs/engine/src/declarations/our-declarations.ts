import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { CmrtTemplateProblem, writeCmrt } from '@dd/cmrt';
import {
  DeclarationNotDerivable,
  declaredProducts,
  deriveOurCmrt,
  inScopeMetals,
  isMetal,
  METALS,
  relevantSuppliers,
  ResponseRecorded,
  usabilityOf,
  type CompanyProfile,
  type Declaration,
  type OurDeclarationRecords,
  type SupplierAnswers,
} from '@dd/domain';
import type { EventStore } from '@dd/event-store';
import {
  AuditTrailQueries,
  auditTrailProjection,
  CampaignQueries,
  campaignProjection,
  ProgramQueries,
  programProjection,
  SmelterRegisterQueries,
  smelterRegisterProjection,
  SupplierQueries,
  suppliersProjection,
  SupplyChainQueries,
  supplyChainProjection,
} from '@dd/projections';
import type { Database } from 'better-sqlite3';
import { CommandDispatcher } from '../commands/command-dispatcher';
import type { CommandResult } from '../commands/command-metadata';
import type { EngineConfig } from '../config/engine-config';
import { findEvent } from '../queries/event-evidence';
import { ReadSide } from '../read-side';
import { CLOCK, ENGINE_CONFIG, EVENT_STORE, READ_MODEL_DB, type Clock } from '../tokens';

/**
 * Our own declaration for our customers: the records gathered from the read models, the answers
 * derived (deriveOurCmrt, libs/domain), written into the blank RMI CMRT (writeCmrt, libs/cmrt), and
 * the file's SHA-256 recorded (CustomerDeclarationIssued) before it is handed out.
 */

export const DECLARATION_PROBLEM_CODES = [
  'company-profile-missing',
  'declaration-template-missing',
  'declaration-template-unreadable',
  'declaration-no-products',
  'declaration-no-survey',
  'unknown-products',
  'declaration-does-not-fit',
  'template-unreadable',
  'template-not-cmrt',
  'template-version-not-writable',
  'template-not-blank',
] as const;
export type DeclarationProblemCode = (typeof DECLARATION_PROBLEM_CODES)[number];

/**
 * Our declaration cannot be produced now. `status`: 409 while the engine is not configured for it
 * (no company profile, no template), 422 when the template or the records cannot make one.
 */
export class DeclarationUnavailable extends Error {
  constructor(
    readonly status: 409 | 422,
    readonly code: DeclarationProblemCode,
    message: string,
  ) {
    super(message);
    this.name = 'DeclarationUnavailable';
  }
}

export interface CmrtDeclarationRequest {
  period: number;
  /** A blank given with the request (CLI --template); otherwise DD_CMRT_TEMPLATE. */
  template?: { bytes: Uint8Array; name: string };
  /** Who asks: recorded as the event's actor and issuedBy. */
  actor: string;
}

export interface PreparedDeclaration {
  period: number;
  bytes: Uint8Array;
  fileName: string;
  sha256: string;
  templateVersion: string;
  /** As written into the workbook (what our reader reads back). */
  declaration: Declaration;
  smelterCount: number;
  scope: CompanyProfile['scope'];
  /** YYYY-MM-DD, as written in the declaration. */
  effectiveDate: string;
}

export interface IssuedDeclaration extends PreparedDeclaration {
  /** The RecordCustomerDeclaration command's result (the CustomerDeclarationIssued event). */
  command: CommandResult;
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The read models the records come from: each is settled before it is read. */
const READ_MODELS = [
  supplyChainProjection.name,
  suppliersProjection.name,
  smelterRegisterProjection.name,
  programProjection.name,
  campaignProjection.name,
  auditTrailProjection.name,
];

export class OurDeclarations {
  constructor(
    private readonly config: EngineConfig,
    private readonly db: Database,
    private readonly store: EventStore,
    private readonly readSide: ReadSide,
    private readonly commands: CommandDispatcher,
    private readonly clock: Clock,
  ) {}

  /** From a running engine (API controller, CLI). */
  static of(engine: Pick<INestApplicationContext, 'get'>): OurDeclarations {
    return new OurDeclarations(
      engine.get<symbol, EngineConfig>(ENGINE_CONFIG, { strict: false }),
      engine.get<symbol, Database>(READ_MODEL_DB, { strict: false }),
      engine.get<symbol, EventStore>(EVENT_STORE, { strict: false }),
      engine.get(ReadSide, { strict: false }),
      engine.get(CommandDispatcher, { strict: false }),
      engine.get<symbol, Clock>(CLOCK, { strict: false }),
    );
  }

  /** Prepares our CMRT and records it: the API sends the bytes once the event is appended. */
  async issueCmrt(request: CmrtDeclarationRequest): Promise<IssuedDeclaration> {
    const prepared = await this.prepareCmrt(request);
    return { ...prepared, command: await this.record(prepared, request.actor) };
  }

  /**
   * Our CMRT as it would be issued, recorded nowhere yet: a caller that stores the file first (the CLI
   * writes it aside) records it with `record` once the file is safe, and then gives it its name.
   */
  async prepareCmrt(request: Omit<CmrtDeclarationRequest, 'actor'>): Promise<PreparedDeclaration> {
    const company = this.config.declarations?.company;
    if (!company) {
      throw new DeclarationUnavailable(
        409,
        'company-profile-missing',
        'no company profile is configured: set DD_COMPANY_FILE to a JSON file with our company name, contact, authorizer and annual disclosure (see README)',
      );
    }
    const template = request.template ?? this.configuredTemplate();
    const records = await this.records(request.period, company);
    let declaration: Declaration;
    try {
      declaration = deriveOurCmrt(records);
    } catch (error) {
      if (error instanceof DeclarationNotDerivable)
        throw new DeclarationUnavailable(422, error.code === 'no-products' ? 'declaration-no-products' : error.code, error.message);
      throw error;
    }
    let written;
    try {
      written = writeCmrt(template.bytes, declaration, { templateName: template.name });
    } catch (error) {
      if (error instanceof CmrtTemplateProblem) throw new DeclarationUnavailable(422, error.code, error.message);
      // More smelters or products than the template has rows for.
      if (error instanceof RangeError) throw new DeclarationUnavailable(422, 'declaration-does-not-fit', error.message);
      throw error;
    }
    const sha256 = createHash('sha256').update(written.bytes).digest('hex');
    return {
      period: request.period,
      bytes: written.bytes,
      fileName: declarationFileName(company, written.templateVersion, request.period),
      sha256,
      templateVersion: written.templateVersion,
      declaration: written.written,
      smelterCount: written.written.smelters.length,
      scope: company.scope,
      effectiveDate: records.effectiveDate,
    };
  }

  /** Appends CustomerDeclarationIssued for a prepared declaration (its SHA-256, size, template, counts, who). */
  async record(prepared: PreparedDeclaration, actor: string): Promise<CommandResult> {
    return this.commands.dispatch(
      'RecordCustomerDeclaration',
      {
        period: prepared.period,
        family: 'cmrt',
        sha256: prepared.sha256,
        byteLength: prepared.bytes.byteLength,
        templateVersion: prepared.templateVersion,
        scope: prepared.scope,
        metalsInScope: inScopeMetals(prepared.declaration),
        smelterCount: prepared.smelterCount,
        productCount: prepared.declaration.products.length,
        effectiveDate: prepared.effectiveDate,
        issuedBy: actor,
        fileName: prepared.fileName,
      },
      { commandId: `declaration/cmrt/${prepared.period}/${randomUUID()}`, actor },
    );
  }

  private configuredTemplate(): { bytes: Uint8Array; name: string } {
    const path = this.config.declarations?.cmrtTemplate;
    if (!path) {
      throw new DeclarationUnavailable(
        409,
        'declaration-template-missing',
        "no blank CMRT is configured: download RMI's CMRT 6.x, set DD_CMRT_TEMPLATE to its path (or pass --template to the CLI)",
      );
    }
    try {
      return { bytes: new Uint8Array(readFileSync(path)), name: basename(path) };
    } catch (error) {
      throw new DeclarationUnavailable(
        409,
        'declaration-template-unreadable',
        `DD_CMRT_TEMPLATE ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      );
    }
  }

  /** Everything the derivation needs, from the read models (settled first) and the suppliers' response events. */
  async records(period: number, company: CompanyProfile): Promise<OurDeclarationRecords> {
    await this.readSide.settled(READ_MODELS);
    const today = this.clock.now().toISOString().slice(0, 10);
    const supplyChain = new SupplyChainQueries(this.db);
    const products = supplyChain.products().map((product) => ({
      productId: product.productId,
      name: product.name,
      metalsNecessary: product.metalsNecessary,
      supplierIds: product.suppliers.map((supplier) => supplier.supplierId),
    }));
    if (products.length === 0) {
      throw new DeclarationUnavailable(422, 'declaration-no-products', 'no product is registered: there is nothing to declare');
    }
    const campaign = new CampaignQueries(this.db).forPeriod(period, { today });
    if (campaign.requestsSent === 0) {
      throw new DeclarationUnavailable(
        422,
        'declaration-no-survey',
        `no CMRT was requested from suppliers for ${period}: our declaration is made from their answers`,
      );
    }
    const links = supplyChain
      .suppliers()
      .map((supplier) => ({ supplierId: supplier.supplierId, parentSupplierId: supplier.parentSupplierId }));
    const declared = declaredProducts({ company, products });
    const relevant = new Set(METALS.flatMap((metal) => [...relevantSuppliers(metal, declared, links)]));
    const answers: SupplierAnswers[] = [];
    for (const supplierId of [...relevant].sort()) {
      const latest = await this.latestUsableAnswers(supplierId, period);
      if (latest) answers.push(latest);
    }
    const register = new SmelterRegisterQueries(this.db);
    const program = new ProgramQueries(this.db).forPeriod(period);
    return {
      period,
      effectiveDate: today,
      company,
      products,
      answers,
      suppliers: links,
      // The CMRT declares the 3TG only: smelters of the EMRT's minerals belong in our EMRT.
      smelters: register.list({ period }).flatMap((smelter) => {
        const metal = smelter.metal;
        if (!isMetal(metal)) return [];
        return [
          {
            metal,
            smelterId: smelter.smelterId,
            standardName: smelter.standardName,
            country: smelter.country,
            namedBy: [...new Set(smelter.namedBy.filter((naming) => naming.inScope).map((naming) => naming.supplierId))],
          },
        ];
      }),
      openSmelterRows: register
        .unresolved({ period })
        .flatMap((row) => (row.metal === null || isMetal(row.metal) ? [{ metal: row.metal, status: row.status }] : [])),
      management: {
        policy: program.policy
          ? { version: program.policy.version, url: program.policy.url || null, adoptedAt: program.policy.adoptedAt }
          : null,
        teamAssigned: program.team !== null,
        contractClauses: program.contractClauses.count,
        requestsSent: campaign.requestsSent,
        responded: campaign.responded,
      },
    };
  }

  /**
   * The supplier's latest response of the period that is usable (response-usability.ts: judged when it
   * was recorded), read from its ResponseRecorded event: the read models keep no answers.
   */
  private async latestUsableAnswers(supplierId: string, period: number): Promise<SupplierAnswers | undefined> {
    const responses = new SupplierQueries(this.db).survey(supplierId, period).responses;
    const auditTrail = new AuditTrailQueries(this.db);
    for (const response of [...responses].reverse()) {
      const event = await findEvent(this.store, auditTrail, response.eventId);
      if (!event || event.type !== 'ResponseRecorded') continue;
      const data = ResponseRecorded.parse(event.data);
      if ((data.usability ?? usabilityOf(data.findings)) !== 'usable') continue;
      return { supplierId, responseNumber: data.responseNumber, minerals: data.declaration.minerals };
    }
    return undefined;
  }
}

/** "Acme_Components_GmbH_CMRT_6.5_2026.xlsx": who, what and which year, in characters every system keeps. */
export function declarationFileName(company: CompanyProfile, templateVersion: string, period: number): string {
  const who = company.name
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 80);
  return `${who || 'our'}_CMRT_${templateVersion}_${period}.xlsx`;
}

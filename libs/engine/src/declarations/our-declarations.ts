import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { CmrtTemplateProblem, writeCmrt, writeEmrt } from '@dd/cmrt';
import {
  DeclarationNotDerivable,
  declaredProducts,
  deriveOurCmrt,
  deriveOurEmrt,
  EmrtResponseRecorded,
  inScopeMetals,
  isMetal,
  METALS,
  relevantSuppliers,
  ResponseRecorded,
  streams,
  usabilityOf,
  type CompanyProfile,
  type CustomerDeclarationFamily,
  type Declaration,
  type EmrtDeclaration,
  type EmrtMineral,
  type EmrtSupplierAnswers,
  type Metal,
  type OurDeclarationRecords,
  type OurEmrtRecords,
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
 * Our own declarations for our customers: the records gathered from the read models, the answers
 * derived (deriveOurCmrt / deriveOurEmrt, libs/domain), written into the blank RMI template
 * (writeCmrt / writeEmrt, libs/cmrt), and the file's SHA-256 recorded (CustomerDeclarationIssued,
 * with its family) before it is handed out.
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
  'template-not-emrt',
  'declaration-no-emrt-answers',
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
  /** A blank given with the request (CLI --template); otherwise DD_CMRT_TEMPLATE (DD_EMRT_TEMPLATE for an EMRT). */
  template?: { bytes: Uint8Array; name: string };
  /** Who asks: recorded as the event's actor and issuedBy. */
  actor: string;
}

export type EmrtDeclarationRequest = CmrtDeclarationRequest;

export interface PreparedDeclaration {
  family: CustomerDeclarationFamily;
  period: number;
  bytes: Uint8Array;
  fileName: string;
  sha256: string;
  templateVersion: string;
  /** As written into the workbook (what our reader reads back): a CMRT's or an EMRT's declaration. */
  declaration: Declaration | EmrtDeclaration;
  /** Metals (CMRT) or minerals (EMRT) declared in scope (Q1 = Q2 = Yes). */
  inScope: readonly (Metal | EmrtMineral)[];
  smelterCount: number;
  productCount: number;
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
    const company = this.company();
    const template = request.template ?? this.configuredTemplate('cmrt');
    const records = await this.records(request.period, company);
    const declaration = derived(() => deriveOurCmrt(records));
    const written = fitted(() => writeCmrt(template.bytes, declaration, { templateName: template.name }));
    return {
      family: 'cmrt',
      period: request.period,
      bytes: written.bytes,
      fileName: declarationFileName(company, written.templateVersion, request.period),
      sha256: sha256Of(written.bytes),
      templateVersion: written.templateVersion,
      declaration: written.written,
      inScope: inScopeMetals(written.written),
      smelterCount: written.written.smelters.length,
      productCount: written.written.products.length,
      scope: company.scope,
      effectiveDate: records.effectiveDate,
    };
  }

  /** Prepares our EMRT and records it, as issueCmrt. */
  async issueEmrt(request: EmrtDeclarationRequest): Promise<IssuedDeclaration> {
    const prepared = await this.prepareEmrt(request);
    return { ...prepared, command: await this.record(prepared, request.actor) };
  }

  /** Our EMRT as it would be issued, recorded nowhere yet (see prepareCmrt). */
  async prepareEmrt(request: Omit<EmrtDeclarationRequest, 'actor'>): Promise<PreparedDeclaration> {
    const company = this.company();
    const template = request.template ?? this.configuredTemplate('emrt');
    const records = await this.emrtRecords(request.period, company);
    const declaration = derived(() => deriveOurEmrt(records));
    const written = fitted(() => writeEmrt(template.bytes, declaration, { templateName: template.name }));
    return {
      family: 'emrt',
      period: request.period,
      bytes: written.bytes,
      fileName: declarationFileName(company, written.templateVersion, request.period, 'EMRT'),
      sha256: sha256Of(written.bytes),
      templateVersion: written.templateVersion,
      declaration: written.written,
      inScope: written.written.minerals
        .filter((entry) => entry.q1?.answer === 'Yes' && entry.q2?.answer === 'Yes')
        .map((entry) => entry.mineral),
      smelterCount: written.written.smelters.length,
      productCount: written.written.products.length,
      scope: company.scope,
      effectiveDate: records.effectiveDate,
    };
  }

  private company(): CompanyProfile {
    const company = this.config.declarations?.company;
    if (!company) {
      throw new DeclarationUnavailable(
        409,
        'company-profile-missing',
        'no company profile is configured: set DD_COMPANY_FILE to a JSON file with our company name, contact, authorizer and annual disclosure (see README)',
      );
    }
    return company;
  }

  /** Appends CustomerDeclarationIssued for a prepared declaration (its SHA-256, size, template, counts, who). */
  async record(prepared: PreparedDeclaration, actor: string): Promise<CommandResult> {
    return this.commands.dispatch(
      'RecordCustomerDeclaration',
      {
        period: prepared.period,
        family: prepared.family,
        sha256: prepared.sha256,
        byteLength: prepared.bytes.byteLength,
        templateVersion: prepared.templateVersion,
        scope: prepared.scope,
        ...(prepared.family === 'cmrt'
          ? { metalsInScope: prepared.inScope as Metal[] }
          : { metalsInScope: [], mineralsInScope: prepared.inScope as EmrtMineral[] }),
        smelterCount: prepared.smelterCount,
        productCount: prepared.productCount,
        effectiveDate: prepared.effectiveDate,
        issuedBy: actor,
        fileName: prepared.fileName,
      },
      { commandId: `declaration/${prepared.family}/${prepared.period}/${randomUUID()}`, actor },
    );
  }

  private configuredTemplate(family: CustomerDeclarationFamily): { bytes: Uint8Array; name: string } {
    const path = family === 'cmrt' ? this.config.declarations?.cmrtTemplate : this.config.declarations?.emrtTemplate;
    const setting = family === 'cmrt' ? 'DD_CMRT_TEMPLATE' : 'DD_EMRT_TEMPLATE';
    if (!path) {
      throw new DeclarationUnavailable(
        409,
        'declaration-template-missing',
        family === 'cmrt'
          ? "no blank CMRT is configured: download RMI's CMRT 6.x, set DD_CMRT_TEMPLATE to its path (or pass --template to the CLI)"
          : "no blank EMRT is configured: download RMI's EMRT 2.x, set DD_EMRT_TEMPLATE to its path (or pass --template to the CLI)",
      );
    }
    try {
      return { bytes: new Uint8Array(readFileSync(path)), name: basename(path) };
    } catch (error) {
      throw new DeclarationUnavailable(
        409,
        'declaration-template-unreadable',
        `${setting} ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
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
   * What our EMRT is derived from: the same products, supply chain, management records and smelter
   * register as our CMRT (its EMRT minerals' rows), the suppliers asked for an EMRT and their latest
   * usable EMRT answers, read from their EMRT survey streams (no read model keeps EMRT answers).
   */
  async emrtRecords(period: number, company: CompanyProfile): Promise<OurEmrtRecords> {
    await this.readSide.settled(READ_MODELS);
    const today = this.clock.now().toISOString().slice(0, 10);
    const supplyChain = new SupplyChainQueries(this.db);
    const products = supplyChain.products().map((product) => ({
      productId: product.productId,
      name: product.name,
      metalsNecessary: product.metalsNecessary,
      supplierIds: product.suppliers.map((supplier) => supplier.supplierId),
    }));
    const campaign = new CampaignQueries(this.db).forPeriod(period, { today });
    const emrt = campaign.byFamily.emrt;
    if (emrt.requestsSent === 0) {
      throw new DeclarationUnavailable(
        422,
        'declaration-no-survey',
        `no EMRT was requested from suppliers for ${period}: our EMRT is made from their answers`,
      );
    }
    const links = supplyChain
      .suppliers()
      .map((supplier) => ({ supplierId: supplier.supplierId, parentSupplierId: supplier.parentSupplierId }));
    const surveyed: string[] = [];
    const answers: EmrtSupplierAnswers[] = [];
    for (const { supplierId } of [...links].sort((a, b) => (a.supplierId < b.supplierId ? -1 : a.supplierId > b.supplierId ? 1 : 0))) {
      const events = await this.store.readStream(streams.survey(period, supplierId, 'emrt'));
      if (!events.some((event) => event.type === 'CMRTSent')) continue;
      surveyed.push(supplierId);
      const latest = [...events].reverse().find((event) => {
        if (event.type !== 'EmrtResponseRecorded') return false;
        return EmrtResponseRecorded.parse(event.data).usability === 'usable';
      });
      if (!latest) continue;
      const data = EmrtResponseRecorded.parse(latest.data);
      answers.push({
        supplierId,
        responseNumber: data.responseNumber,
        minerals: data.declaration.minerals,
        mines: data.declaration.mines,
      });
    }
    const register = new SmelterRegisterQueries(this.db);
    const program = new ProgramQueries(this.db).forPeriod(period);
    return {
      period,
      effectiveDate: today,
      company,
      products,
      suppliers: links,
      surveyed,
      answers,
      // The EMRT declares its six minerals only: the 3TG smelters belong in our CMRT.
      smelters: register.list({ period }).flatMap((smelter) => {
        const mineral = smelter.metal;
        if (isMetal(mineral)) return [];
        return [
          {
            metal: mineral,
            smelterId: smelter.smelterId,
            standardName: smelter.standardName,
            country: smelter.country,
            namedBy: [...new Set(smelter.namedBy.filter((naming) => naming.inScope).map((naming) => naming.supplierId))],
          },
        ];
      }),
      openSmelterRows: register
        .unresolved({ period })
        .flatMap((row) => (row.metal !== null && !isMetal(row.metal) ? [{ mineral: row.metal, status: row.status }] : [])),
      management: {
        policy: program.policy
          ? { version: program.policy.version, url: program.policy.url || null, adoptedAt: program.policy.adoptedAt }
          : null,
        teamAssigned: program.team !== null,
        contractClauses: program.contractClauses.count,
        requestsSent: emrt.requestsSent,
        responded: emrt.responded,
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
export function declarationFileName(company: CompanyProfile, templateVersion: string, period: number, template = 'CMRT'): string {
  const who = company.name
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 80);
  return `${who || 'our'}_${template}_${templateVersion}_${period}.xlsx`;
}

/** The derivation's refusal as the engine's problem (422, with the code the API and CLI give). */
function derived<T>(derive: () => T): T {
  try {
    return derive();
  } catch (error) {
    if (error instanceof DeclarationNotDerivable) {
      const code =
        error.code === 'no-products'
          ? 'declaration-no-products'
          : error.code === 'no-emrt-answers'
            ? 'declaration-no-emrt-answers'
            : error.code;
      throw new DeclarationUnavailable(422, code, error.message);
    }
    throw error;
  }
}

/** The writer's refusal of the template, or of lists longer than its rows, as the engine's problem (422). */
function fitted<T>(write: () => T): T {
  try {
    return write();
  } catch (error) {
    if (error instanceof CmrtTemplateProblem) throw new DeclarationUnavailable(422, error.code, error.message);
    // More smelters or products than the template has rows for.
    if (error instanceof RangeError) throw new DeclarationUnavailable(422, 'declaration-does-not-fit', error.message);
    throw error;
  }
}

function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

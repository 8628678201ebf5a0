import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CMRT_MAX_FILE_BYTES, ENGINE_CONFIG, defaultMailConfig, type EngineConfig, type SupplierRequestView } from '@dd/engine';
import { isPageLanguage, renderSupplierPage, SupplierMailTemplates, type SupplierPageInput } from '@dd/reports';
import type { MessageLanguage } from '@dd/domain';
import type { Request, Response } from 'express';

/**
 * Writes the answer page. Every answer, error pages included, is HTML with the same headers: nothing
 * cached (the token is in the URL), no Referer sent on (it would carry the token), no framing, and a
 * Content-Security-Policy that allows only the page's own inline style and script (by nonce): nothing
 * is loaded from anywhere.
 */
@Injectable()
export class SupplierPageResponder {
  private templates?: SupplierMailTemplates;
  private readonly company: string;
  private readonly mailTemplatesDir?: string;

  constructor(@Inject(ENGINE_CONFIG) config: EngineConfig) {
    const mail = config.mail ?? defaultMailConfig();
    this.company = mail.companyName;
    this.mailTemplatesDir = mail.templatesDir;
  }

  /** The page of an open request (with the latest findings, and why the last upload was refused, if it was). */
  request(request: Request, response: Response, status: number, view: SupplierRequestView, refused?: string): void {
    const language = languageOf(request, view.language);
    this.send(response, status, (nonce) => ({
      language,
      path: pathOf(request),
      nonce,
      limitMb: Math.round(CMRT_MAX_FILE_BYTES / (1024 * 1024)),
      request: {
        company: view.company,
        supplierName: view.supplierName,
        period: view.period,
        family: view.familyLabel,
        ...(view.version ? { version: view.version } : {}),
        ...(view.oldestAccepted ? { oldestAccepted: view.oldestAccepted } : {}),
        dueDate: view.dueDate,
        expiresOn: view.expiresOn,
        ...(view.latest ? { latest: view.latest } : {}),
      },
      ...(refused ? { refused } : {}),
    }));
  }

  /**
   * A link that opens nothing: 404 (forged, altered, unknown) and 410 (expired, revoked) have the same
   * page shape and say nothing of the request; 429 says how long to wait.
   */
  closed(request: Request, response: Response, kind: 'not-found' | 'gone' | 'too-many', retryAfterSeconds?: number): void {
    const status = kind === 'not-found' ? 404 : kind === 'gone' ? 410 : 429;
    if (retryAfterSeconds !== undefined) response.set('Retry-After', String(retryAfterSeconds));
    this.send(response, status, (nonce) => ({
      language: languageOf(request, 'en'),
      path: pathOf(request),
      nonce,
      limitMb: 0,
      closed: { kind, company: this.company, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) },
    }));
  }

  private send(response: Response, status: number, input: (nonce: string) => SupplierPageInput): void {
    const nonce = randomBytes(16).toString('base64');
    this.templates ??= SupplierMailTemplates.load(this.mailTemplatesDir);
    const html = renderSupplierPage(this.templates, input(nonce));
    response
      .status(status)
      .set({
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
        'Referrer-Policy': 'no-referrer',
        'X-Content-Type-Options': 'nosniff',
        'X-Frame-Options': 'DENY',
        'Content-Security-Policy': `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
      })
      .send(html);
  }
}

/** `?lang=` when it names one of the page's languages, else the contact's. */
function languageOf(request: Request, contactLanguage: MessageLanguage): MessageLanguage {
  const asked = request.query.lang;
  return isPageLanguage(asked) ? asked : contactLanguage;
}

/** The page's own path, `/s/<token>`, without the query. */
function pathOf(request: Request): string {
  return `/s/${encodeURIComponent(String(request.params.token ?? ''))}`;
}

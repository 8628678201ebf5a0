import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseApiKeys, type DeclarationConfig, type EngineConfig, type EngineOptions, type MailConfig } from '@dd/engine';
import { startApi, type StartedApi } from '../../apps/api/src/bootstrap';
import type { AppOptions } from '../../apps/api/src/app.module';

export interface ApiResponse<T = any> {
  status: number;
  contentType: string;
  body: T;
}

/** A real API on a real SQLite file in a temporary directory, spoken to over real HTTP. */
export class RunningApi {
  private constructor(
    readonly started: StartedApi,
    readonly dataDir: string,
  ) {}

  static dataDir(): string {
    return mkdtempSync(join(tmpdir(), 'dd-e2e-'));
  }

  static async start(
    options: {
      dataDir?: string;
      apiKeys?: string;
      host?: string;
      readOnly?: boolean;
      engine?: EngineOptions;
      declarations?: DeclarationConfig;
      mail?: MailConfig;
      supplierPage?: AppOptions['supplierPage'];
      seal?: EngineConfig['seal'];
      readModelHistory?: boolean;
    } = {},
  ): Promise<RunningApi> {
    const dataDir = options.dataDir ?? RunningApi.dataDir();
    const config: EngineConfig = {
      dataDir,
      eventStore: 'sqlite',
      port: 0,
      host: options.host,
      readOnly: options.readOnly,
      apiKeys: parseApiKeys(options.apiKeys),
      ...(options.declarations ? { declarations: options.declarations } : {}),
      ...(options.mail ? { mail: options.mail } : {}),
      ...(options.seal ? { seal: options.seal } : {}),
      ...(options.readModelHistory === undefined ? {} : { readModelHistory: options.readModelHistory }),
    };
    // A spec that does not test the outbox does not send: its log stays what its scenario makes (test/outreach.e2e-spec.ts sends).
    const engine: EngineOptions = { ...options.engine, outbox: { intervalMs: 0, ...options.engine?.outbox } };
    const supplierPage = options.supplierPage ? { supplierPage: options.supplierPage } : {};
    return new RunningApi(await startApi(config, { ...engine, ...supplierPage, logger: false }), dataDir);
  }

  async stop(): Promise<void> {
    await this.started.app.close();
  }

  removeData(): void {
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  async request<T = any>(
    method: string,
    path: string,
    options: { body?: unknown; raw?: string; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    let body: string | undefined;
    if (options.raw !== undefined) body = options.raw;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.started.url}${path}`, { method, headers, body });
    const text = await response.text();
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      body: text ? JSON.parse(text) : undefined,
    };
  }

  post<T = any>(command: string, body: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', `/commands/${command}`, { body, headers });
  }

  /** A command the spec expects accepted (201): its body, or an error naming the command and the answer. */
  async accepted<T = any>(command: string, body: unknown): Promise<T> {
    const response = await this.post<T>(command, body);
    if (response.status !== 201) throw new Error(`${command}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  get<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>('GET', path, { headers });
  }

  /** A multipart/form-data POST (fetch sets the boundary): text fields, and optionally one file. */
  async upload<T = any>(
    path: string,
    fields: Record<string, string>,
    file?: { field?: string; name: string; bytes: Uint8Array; type?: string },
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    if (file) {
      const type = file.type ?? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      form.append(file.field ?? 'file', new Blob([file.bytes], { type }), file.name);
    }
    const response = await fetch(`${this.started.url}${path}`, { method: 'POST', headers, body: form });
    const text = await response.text();
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : undefined };
  }
}

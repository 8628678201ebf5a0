import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openRawEventsDb } from './raw-sqlite';

export interface RawHttpServer {
  url: string;
  /** Rows inserted so far. */
  inserted(): number;
  close(): Promise<void>;
}

/**
 * The "raw driver" limit for the HTTP benchmark: a bare node:http server that reads the body,
 * JSON.parses it and inserts one event row per request with better-sqlite3 (autocommit, so one
 * fsync per request as the engine does), then answers 201. No framework, no validation, no hash
 * chain, no read models.
 */
export async function startRawHttpServer(file: string): Promise<RawHttpServer> {
  const { db, insert } = openRawEventsDb(file);
  let inserted = 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { supplierId: string };
        const recordedAt = new Date().toISOString();
        const commandId = randomUUID();
        const { lastInsertRowid } = insert.run(
          `supplier-${body.supplierId}`,
          0,
          randomUUID(),
          commandId,
          'SupplierRegistered',
          JSON.stringify(body),
          JSON.stringify({ actor: 'local', commandId, recordedAt }),
          recordedAt,
        );
        inserted++;
        response.writeHead(201, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ globalPosition: Number(lastInsertRowid) }));
      } catch (error) {
        response.writeHead(400, { 'content-type': 'text/plain' });
        response.end(String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    inserted: () => inserted,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      db.close();
    },
  };
}

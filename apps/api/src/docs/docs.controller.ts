import { Controller, Get } from '@nestjs/common';
import { Public } from '../http/principal';
import { openApiDocument } from './openapi-document';

/** The OpenAPI document: /docs-json as Nest's Swagger module serves it; /docs is Swagger UI (docs-ui). */
@Controller()
export class DocsController {
  // Built by the first request for it, not at start: it walks every command's and read's zod schema
  // (docs/bounded-start.md); the same document every time after.
  private document: object | undefined;

  @Get('docs-json')
  @Public()
  json(): object {
    return (this.document ??= openApiDocument());
  }

  /** The document's earlier second address, kept for the clients that use it. */
  @Get('docs/openapi.json')
  @Public()
  openApiJson(): object {
    return (this.document ??= openApiDocument());
  }
}

import { Controller, Get } from '@nestjs/common';
import { Public } from '../http/principal';
import { openApiDocument } from './openapi-document';

/** The OpenAPI document: /docs-json as Nest's Swagger module serves it; /docs is Swagger UI (docs-ui). */
@Controller()
export class DocsController {
  private readonly document = openApiDocument();

  @Get('docs-json')
  @Public()
  json(): object {
    return this.document;
  }

  /** The document's earlier second address, kept for the clients that use it. */
  @Get('docs/openapi.json')
  @Public()
  openApiJson(): object {
    return this.document;
  }
}

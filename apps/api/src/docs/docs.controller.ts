import { Controller, Get } from '@nestjs/common';
import { Public } from '../http/principal';
import { openApiDocument } from './openapi-document';

@Controller('docs')
export class DocsController {
  private readonly document = openApiDocument();

  /** The OpenAPI document itself (no UI bundle: the machines that run this have no CDN access). */
  @Get()
  @Public()
  docs(): object {
    return this.document;
  }

  @Get('openapi.json')
  @Public()
  json(): object {
    return this.document;
  }
}

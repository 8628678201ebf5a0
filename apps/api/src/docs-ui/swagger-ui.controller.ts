import { Controller, Get, Header, Param, StreamableFile } from '@nestjs/common';
import { Public } from '../http/principal';
import { Problem } from '../http/problem';
import { SWAGGER_UI_CSP, SWAGGER_UI_HTML, SWAGGER_UI_INITIALIZER, swaggerUiAsset } from './swagger-ui-page';

/** Swagger UI at /docs, offline: its files come from swagger-ui-dist on this machine. */
@Controller('docs')
export class SwaggerUiController {
  @Get()
  @Public()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', SWAGGER_UI_CSP)
  @Header('Cache-Control', 'no-cache')
  page(): string {
    return SWAGGER_UI_HTML;
  }

  @Get('swagger-initializer.js')
  @Public()
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  initializer(): string {
    return SWAGGER_UI_INITIALIZER;
  }

  @Get(':asset')
  @Public()
  @Header('Cache-Control', 'public, max-age=86400')
  asset(@Param('asset') name: string): StreamableFile {
    const asset = swaggerUiAsset(name);
    if (!asset) throw new Problem(404, 'Not found', `no file /docs/${name}; the API document is at /docs-json`);
    return new StreamableFile(asset.bytes, { type: asset.type, length: asset.bytes.length });
  }
}

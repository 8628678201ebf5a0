import type * as Echarts from 'echarts';
import type Handlebars from 'handlebars';

/*
 * Libraries that only some requests need and that take a noticeable share of a process's start to
 * load (echarts ~0.1 s of CPU, handlebars less; several times that in wall time on a loaded machine):
 * loaded by their first use, not by every process that imports @dd/reports (a server before it
 * listens, a CLI command that only reads). Their users render synchronously, hence `require`;
 * exceljs and playwright-core are awaited where they are used. docs/bounded-start.md.
 */

let echarts: typeof Echarts | undefined;
let handlebars: typeof Handlebars | undefined;

export function echartsOnFirstUse(): typeof Echarts {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (echarts ??= require('echarts') as typeof Echarts);
}

export function handlebarsOnFirstUse(): typeof Handlebars {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (handlebars ??= require('handlebars') as typeof Handlebars);
}

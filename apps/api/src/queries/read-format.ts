import type { AnyReadQuery } from '@dd/engine';
import { Problem } from '../http/problem';

export const JSON_MEDIA_TYPE = 'application/json';

/** What a read answers with: its JSON, or one of its renderings by format name. */
export type ChosenFormat = 'json' | { name: string };

interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

function mediaRanges(accept: string): MediaRange[] {
  return accept
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [range, ...parameters] = part.split(';').map((piece) => piece.trim());
      const [type = '', subtype = ''] = range.toLowerCase().split('/');
      const qParameter = parameters.find((parameter) => /^q=/i.test(parameter));
      const q = qParameter === undefined ? 1 : Number(qParameter.slice(2));
      return { type, subtype, q: Number.isFinite(q) ? Math.min(1, Math.max(0, q)) : 0 };
    });
}

/** How much the client accepts a media type: the q of the most specific range that matches it (RFC 9110 §12.5.1). */
function quality(mediaType: string, ranges: MediaRange[]): number {
  const [type, subtype] = mediaType.split(';')[0].trim().toLowerCase().split('/');
  const exact = ranges.find((range) => range.type === type && range.subtype === subtype);
  if (exact) return exact.q;
  const ofType = ranges.find((range) => range.type === type && range.subtype === '*');
  if (ofType) return ofType.q;
  return ranges.find((range) => range.type === '*' && range.subtype === '*')?.q ?? 0;
}

/**
 * The format a read answers in: ?format=<name> when given (json, or a rendering the read declares),
 * else what the Accept header prefers among JSON and the read's renderings (JSON on a tie, and
 * without the header). 400 naming `format` for a format the read has not; 406 when the client
 * accepts nothing the read can give.
 */
export function chooseFormat(query: AnyReadQuery, format: unknown, accept: string | undefined): ChosenFormat {
  const renderings = query.renderings ?? {};
  const names = Object.keys(renderings);
  if (format !== undefined) {
    if (format === 'json') return 'json';
    if (typeof format === 'string' && names.includes(format)) return { name: format };
    const offered = ['json', ...names].join(', ');
    throw new Problem(400, 'Invalid request', 'invalid query parameters', [
      { path: 'format', message: names.length > 0 ? `one of ${offered}` : `${query.path} answers JSON only (format=json)` },
    ]);
  }
  if (accept === undefined || accept.trim() === '') return 'json';
  const ranges = mediaRanges(accept);
  const candidates: Array<{ format: ChosenFormat; q: number }> = [
    { format: 'json', q: quality(JSON_MEDIA_TYPE, ranges) },
    ...names.map((name) => ({ format: { name } as ChosenFormat, q: quality(renderings[name].mediaType, ranges) })),
  ];
  const best = candidates.reduce((chosen, candidate) => (candidate.q > chosen.q ? candidate : chosen));
  if (best.q > 0) return best.format;
  throw new Problem(
    406,
    'Not acceptable',
    `${query.path} answers ${[JSON_MEDIA_TYPE, ...names.map((name) => renderings[name].mediaType.split(';')[0])].join(', ')}; the Accept header allows none of them`,
  );
}

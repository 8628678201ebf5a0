import { useEffect, useState } from 'preact/hooks';

/**
 * Hash routes (`/console/#/risks?severity=high`): the path after `#` names the page, its query string
 * holds the filters, so every view can be bookmarked and shared, and no console URL can ever be taken
 * for one of the API's own paths.
 */
export interface Route {
  path: string;
  query: URLSearchParams;
}

export function currentRoute(hash = location.hash): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const [path, search = ''] = raw.split('?');
  return { path: path || '/', query: new URLSearchParams(search) };
}

export function href(path: string, query: Record<string, string | number | undefined | null> = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  const text = search.toString();
  return `#${path}${text ? `?${text}` : ''}`;
}

export function navigate(path: string, query: Record<string, string | number | undefined | null> = {}): void {
  location.hash = href(path, query);
}

/** The same page with some query parameters changed (undefined or '' removes one). */
export function withQuery(route: Route, changes: Record<string, string | number | undefined | null>): string {
  const query: Record<string, string> = Object.fromEntries(route.query.entries());
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined || value === null || value === '') delete query[name];
    else query[name] = String(value);
  }
  return href(route.path, query);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const changed = () => setRoute(currentRoute());
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return route;
}

/** Matches `/risks/:riskId` against a path; the parameters decoded, or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const names: string[] = [];
  const regex = new RegExp(`^${pattern.replace(/:(\w+)/g, (_all, name: string) => (names.push(name), '([^/]+)'))}$`);
  const found = regex.exec(path);
  if (!found) return null;
  return Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(found[index + 1])]));
}

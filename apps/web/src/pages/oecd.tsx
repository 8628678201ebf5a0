import type { PageProps } from '../main';

export function OecdPage(_props: PageProps & Record<string, unknown>) {
  return <p>To come.</p>;
}

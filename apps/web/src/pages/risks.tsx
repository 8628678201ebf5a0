import type { PageProps } from '../main';

export function RisksPage(_props: PageProps & Record<string, unknown>) {
  return <p>To come.</p>;
}

import type { PageProps } from '../main';

export function SmeltersPage(_props: PageProps & Record<string, unknown>) {
  return <p>To come.</p>;
}

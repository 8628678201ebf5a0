import type { PageProps } from '../main';

export function RiskPage(_props: PageProps & Record<string, unknown>) {
  return <p>To come.</p>;
}

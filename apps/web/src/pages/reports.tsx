import type { PageProps } from '../main';

export function ReportsPage(_props: PageProps & Record<string, unknown>) {
  return <p>To come.</p>;
}

import type { PageProps } from '../main';

export function SuppliersPage(_props: PageProps & Record<string, unknown>) {
  return <p>To come.</p>;
}

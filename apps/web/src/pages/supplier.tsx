import type { PageProps } from '../main';

export function SupplierPage(_props: PageProps & Record<string, unknown>) {
  return <p>To come.</p>;
}

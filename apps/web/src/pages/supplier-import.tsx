import type { PageProps } from '../main';

export function SupplierImportPage(_props: PageProps & Record<string, unknown>) {
  return <p>To come.</p>;
}

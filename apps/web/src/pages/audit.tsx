import type { PageProps } from '../main';

export function AuditPage(_props: PageProps & Record<string, unknown>) {
  return <p>To come.</p>;
}

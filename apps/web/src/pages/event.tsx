import type { PageProps } from '../main';

export function EventPage(_props: PageProps & Record<string, unknown>) {
  return <p>To come.</p>;
}

import type { PageProps } from '../main';

export function FollowUpsPage(_props: PageProps & Record<string, unknown>) {
  return <p>To come.</p>;
}

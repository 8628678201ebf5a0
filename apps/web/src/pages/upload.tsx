import type { PageProps } from '../main';

export function UploadPage(_props: PageProps & Record<string, unknown>) {
  return <p>To come.</p>;
}

import { useState } from 'preact/hooks';
import { send } from '../api';
import type { Principal } from '../session';

/**
 * The API key is typed here once and posted to /session, which answers with an HttpOnly cookie: the
 * page never stores the key (no URL, no localStorage, no sessionStorage), and forgets the field's value.
 */
export function SignIn(props: { onSignedIn: (principal: Principal) => void; note?: string }) {
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  return (
    <main id="main" class="sign-in">
      <h1>Due-diligence console</h1>
      {props.note && <p role="status">{props.note}</p>}
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          const field = event.currentTarget.elements.namedItem('apiKey') as HTMLInputElement;
          const apiKey = field.value;
          field.value = '';
          setBusy(true);
          setError(undefined);
          try {
            props.onSignedIn(await send<Principal>('POST', '/session', { apiKey }));
          } catch (failure) {
            setError(failure instanceof Error ? failure.message : String(failure));
          } finally {
            setBusy(false);
          }
        }}
      >
        <label for="api-key">API key</label>
        <input id="api-key" name="apiKey" type="password" autocomplete="off" required spellcheck={false} />
        <p class="hint">Kept by the server for this browser session only; closing the browser signs you out.</p>
        <button type="submit" disabled={busy}>
          Sign in
        </button>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
      </form>
    </main>
  );
}

import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

/**
 * A form that sends one write and says what came of it: the API's problem (naming the field) on
 * refusal, `done` on success. The form's own fields are read by name when it is submitted.
 */
export function CommandForm(props: {
  label: string;
  submit: (fields: Record<string, string>) => Promise<unknown>;
  done: string;
  onDone?: () => void;
  children: ComponentChildren;
  inline?: boolean;
}) {
  const [state, setState] = useState<{ busy?: boolean; error?: string; ok?: boolean }>({});
  return (
    <form
      class={props.inline ? 'form-row inline' : 'form-row'}
      aria-label={props.label}
      onSubmit={async (event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const fields = Object.fromEntries([...new FormData(form).entries()].map(([name, value]) => [name, String(value).trim()]));
        setState({ busy: true });
        try {
          await props.submit(fields);
          setState({ ok: true });
          form.reset();
          props.onDone?.();
        } catch (error) {
          setState({ error: error instanceof Error ? error.message : String(error) });
        }
      }}
    >
      {props.children}
      <button type="submit" disabled={state.busy}>
        {props.label}
      </button>
      {state.error && (
        <p class="error" role="alert">
          {state.error}
        </p>
      )}
      {state.ok && (
        <p class="ok-note" role="status">
          {props.done}
        </p>
      )}
    </form>
  );
}

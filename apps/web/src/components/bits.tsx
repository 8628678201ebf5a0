import type { ComponentChildren } from 'preact';
import { ApiError } from '../api';
import { href } from '../router';

export function Loading({ what }: { what: string }) {
  return (
    <p class="loading" role="status">
      Loading {what}…
    </p>
  );
}

export function ErrorBox({ error }: { error: Error | undefined }) {
  if (!error) return null;
  return (
    <div class="error" role="alert">
      {error instanceof ApiError && error.status === 403 ? 'Not allowed: ' : ''}
      {error.message}
    </div>
  );
}

/** One figure with its label; `data-figure` lets the browser suite compare it with the API's answer. */
export function Figure(props: {
  label: string;
  value: ComponentChildren;
  name: string;
  note?: ComponentChildren;
  tone?: 'bad' | 'good' | 'warn';
}) {
  return (
    <div class={`figure ${props.tone ?? ''}`}>
      <div class="figure-value" data-figure={props.name}>
        {props.value}
      </div>
      <div class="figure-label">{props.label}</div>
      {props.note && <div class="figure-note">{props.note}</div>}
    </div>
  );
}

export function EventLink({ id, label }: { id: string; label?: string }) {
  return (
    <a class="event-id" href={href(`/events/${encodeURIComponent(id)}`)} title={`Open event ${id}`}>
      {label ?? id.slice(0, 8)}
    </a>
  );
}

export function SupplierLink({ id }: { id: string | null | undefined }) {
  if (!id) return <span class="muted">—</span>;
  return <a href={href(`/suppliers/${encodeURIComponent(id)}`)}>{id}</a>;
}

export function Badge({ value }: { value: string | null | undefined }) {
  if (!value) return <span class="muted">—</span>;
  return <span class={`badge badge-${value.replace(/[^a-z0-9-]/gi, '-').toLowerCase()}`}>{value}</span>;
}

export const day = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : '');
export const time = (iso: string | null | undefined) => (iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '');
export const percent = (ratio: number | null | undefined) =>
  ratio === null || ratio === undefined ? 'n/a' : `${(ratio * 100).toFixed(1)} %`;

/** Whole days from `from` to `to` (ISO dates or times). */
export function daysBetween(from: string, to: string): number {
  return Math.floor((Date.parse(to.slice(0, 10)) - Date.parse(from.slice(0, 10))) / 86_400_000);
}

export function Section(props: { title: string; children: ComponentChildren; id?: string; actions?: ComponentChildren }) {
  const id = props.id ?? `section-${props.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section class="card" aria-labelledby={id}>
      <div class="card-head">
        <h2 id={id}>{props.title}</h2>
        {props.actions}
      </div>
      {props.children}
    </section>
  );
}

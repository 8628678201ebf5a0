import { withQuery, type Route } from '../router';

export interface FilterSpec {
  name: string;
  label: string;
  /** Choices of a select (first: "any"); absent: a free text field. */
  options?: readonly string[];
}

/**
 * Filters kept in the page's query string (so a filtered view is a link to share): changing one
 * rewrites the URL, and the page reads its filters back from the URL.
 */
export function Filters({ route, specs }: { route: Route; specs: FilterSpec[] }) {
  const set = (name: string, value: string) => (location.hash = withQuery(route, { [name]: value || undefined, page: undefined }));
  return (
    <form class="filters" role="search" aria-label="Filters" onSubmit={(event) => event.preventDefault()}>
      {specs.map((spec) => {
        const value = route.query.get(spec.name) ?? '';
        return (
          <label key={spec.name}>
            {spec.label}
            {spec.options ? (
              <select name={spec.name} value={value} onChange={(event) => set(spec.name, event.currentTarget.value)}>
                <option value="">any</option>
                {spec.options.map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
              </select>
            ) : (
              <input name={spec.name} value={value} onChange={(event) => set(spec.name, event.currentTarget.value.trim())} />
            )}
          </label>
        );
      })}
    </form>
  );
}

export const distinct = (values: Array<string | null | undefined>) =>
  [...new Set(values.filter((value): value is string => !!value))].sort();

// Filters live in the page URL (?county=…&from=2019&t=…) so that a view can be shared and reloaded.
// Controls read their initial value from here and write every change back with history.replaceState
// (no reload, no new history entry per click).

/** The current query parameters (a fresh copy). */
export function urlParams() {
  return new URLSearchParams(location.search);
}

/** One parameter, or undefined. */
export function urlParam(name) {
  return urlParams().get(name) ?? undefined;
}

/** All values of a repeated parameter (?t=a&t=b); [] for "?t=" (explicitly none); undefined when absent. */
export function urlParamAll(name) {
  const params = urlParams();
  return params.has(name) ? params.getAll(name).filter((v) => v !== "") : undefined;
}

/**
 * Sets (or, for null/undefined/""/[] or the default, removes) a parameter in the address bar.
 * Arrays become repeated parameters.
 */
export function setUrlParam(name, value, defaultValue) {
  const params = urlParams();
  params.delete(name);
  const isDefault = defaultValue !== undefined ? sameValue(value, defaultValue) : value == null || value === "" || (Array.isArray(value) && !value.length);
  if (!isDefault) {
    // a value that differs from the default is always written, even "" or [] (e.g. 全部, nothing checked)
    if (Array.isArray(value) && value.length) for (const v of value) params.append(name, String(v));
    else params.set(name, Array.isArray(value) ? "" : String(value ?? ""));
  }
  const query = params.toString();
  history.replaceState(history.state, "", `${location.pathname}${query ? `?${query}` : ""}${location.hash}`);
}

function sameValue(a, b) {
  if (Array.isArray(a) || Array.isArray(b)) {
    const x = [].concat(a ?? []);
    const y = [].concat(b ?? []);
    return x.length === y.length && x.every((v, i) => String(v) === String(y[i]));
  }
  return String(a ?? "") === String(b ?? "");
}

/** A link to another page of the site that keeps the given parameters, e.g. pageLink("report", {id}). */
export function pageLink(page, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (Array.isArray(value)) for (const v of value) query.append(key, String(v));
    else if (value != null && value !== "") query.set(key, String(value));
  }
  const q = query.toString();
  return `./${page}${q ? `?${q}` : ""}`;
}

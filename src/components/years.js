// The years the pages span: the corpus's own. Pure (d3 only), so the unit tests import it.
import * as d3 from "npm:d3";

/** The corpus's own years, first to last (filters and grids span what the folder holds); the last
 * year that can have a report when no report's year was read. */
export function yearDomain(reports) {
  const [lo, hi] = d3.extent(reports, (r) => r.year);
  if (lo == null) return [new Date().getFullYear() - 1];
  return d3.range(lo, hi + 1);
}

/** Years that actually have reports (for the range defaults). */
export function yearsPresent(reports) {
  return d3.extent(reports, (r) => r.year);
}


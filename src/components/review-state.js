// Decisions and corrections made in the browser and not yet in the built tables: kept in the
// browser (localStorage, per reports folder) until a build has read them from 核查记录.csv /
// 更正记录.csv. Decisions take effect at once on every page: corpus.js's loadTable lays them over
// the findings, the quality scores and reports' n_checks_failed (the same rules as the build,
// loaders/review/decisions.ts: a dismissed finding deducts nothing and does not count as failed).
// Corrections need a new parse, so they take effect at the next build; until then they are listed.

const STORE = "nianbao.review.v1";

function storage() {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage disabled (private mode, file:// in some browsers)
  }
}

function keyOf(root) {
  return `${STORE}:${root ?? ""}`;
}

/** {decisions: row[], corrections: row[]} not yet in the built tables, for the folder `root`. */
export function readPending(root) {
  try {
    const saved = JSON.parse(storage()?.getItem(keyOf(root)) ?? "null");
    return {decisions: saved?.decisions ?? [], corrections: saved?.corrections ?? []};
  } catch {
    return {decisions: [], corrections: []};
  }
}

export function writePending(root, pending) {
  const s = storage();
  if (!s) throw new Error("浏览器不允许保存本地数据（可能是隐私模式）：请直接下载核查记录文件");
  if (!pending.decisions.length && !pending.corrections.length) s.removeItem(keyOf(root));
  else s.setItem(keyOf(root), JSON.stringify(pending));
}

const sameDecision = (a, b) =>
  a.finding_id === b.finding_id && a.decision === b.decision && (a.note ?? "") === (b.note ?? "") && (a.by ?? "") === (b.by ?? "") && (a.date ?? "") === (b.date ?? "");
const sameCorrection = (a, b) =>
  ["report_id", "target", "value", "reason", "by", "date"].every((k) => String(a[k] ?? "") === String(b[k] ?? ""));

/**
 * The pending rows the build has not read yet: a row that is in the built decisions/corrections
 * table (its file was saved into the folder and the site rebuilt) is dropped from the browser.
 * `decisions` rows use the file's words (确认/排除/已整改) as the built table does.
 */
export function prunePending(root, built) {
  const pending = readPending(root);
  const kept = {
    decisions: pending.decisions.filter((p) => !built.decisions.some((b) => sameDecision(b, {...p, decision: p.word}))),
    corrections: pending.corrections.filter((p) => !built.corrections.some((b) => sameCorrection(b, p)))
  };
  if (kept.decisions.length !== pending.decisions.length || kept.corrections.length !== pending.corrections.length) {
    try {
      writePending(root, kept);
    } catch {
      // nothing kept anyway
    }
  }
  return kept;
}

/** Adds a decision ({finding_id, report_id, file, township, year, rule, decision, word, note, by, date}). */
export function addDecision(root, row) {
  const pending = readPending(root);
  pending.decisions = [...pending.decisions.filter((d) => d.finding_id !== row.finding_id), row];
  writePending(root, pending);
  return pending;
}

export function addCorrection(root, row) {
  const pending = readPending(root);
  pending.corrections = [...pending.corrections.filter((c) => !(c.report_id === row.report_id && c.target === row.target)), row];
  writePending(root, pending);
  return pending;
}

export function clearPending(root) {
  writePending(root, {decisions: [], corrections: []});
}

/** The findings with the pending decisions laid over them (review_state "pending"). */
export function overlayFindings(findings, pendingDecisions) {
  if (!pendingDecisions.length) return findings;
  const byId = new Map(pendingDecisions.map((d) => [d.finding_id, d]));
  return findings.map((f) => {
    const d = byId.get(f.finding_id);
    return d ? {...f, decision: d.decision, decision_note: d.note || null, decided_by: d.by || null, decided_on: d.date || null, review_state: "pending"} : f;
  });
}

const pairKey = (reportId, rule) => `${reportId}\u0000${rule}`;

/** (report, rule) pairs whose every finding is dismissed: the rule deducts nothing there. */
function dismissedRules(findings) {
  const open = new Set();
  const all = new Set();
  for (const f of findings) {
    const k = f.report_id ? pairKey(f.report_id, f.rule) : f.finding_id;
    all.add(k);
    if (f.decision !== "dismissed") open.add(k);
  }
  return new Set([...all].filter((k) => !open.has(k)));
}

/**
 * Quality rows (quality.csv) with the effect of the decisions in `findings` (overlaid): a deduction
 * whose findings are all dismissed is removed and the unit's score recomputed (100 − Σ points, ≥ 0).
 */
export function overlayQuality(quality, findings) {
  const gone = dismissedRules(findings);
  const missingId = (q) => `missing:${q.county}|${q.township}|${q.year}`;
  const dropped = (q) => q.rule && (q.rule === "report_missing" && !q.report_id ? gone.has(missingId(q)) : gone.has(pairKey(q.report_id, q.rule)));
  if (!quality.some(dropped)) return quality;
  const groups = new Map();
  for (const q of quality) {
    const k = `${q.level}\u0000${q.unit_id}`;
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(q);
  }
  const out = [];
  for (const rows of groups.values()) {
    if (!rows.some(dropped)) {
      out.push(...rows);
      continue;
    }
    const kept = rows.filter((q) => q.rule && !dropped(q));
    const score = Math.max(0, 100 - kept.reduce((s, q) => s + (q.points ?? 0), 0));
    if (kept.length) out.push(...kept.map((q) => ({...q, score})));
    else out.push({...rows[0], score, rule: null, status: null, weight: null, points: 0, message: null});
  }
  return out;
}

/** reports.csv rows with n_checks_failed less the failed findings dismissed in the browser. */
export function overlayReports(reports, builtFindings, findings) {
  const before = new Map(builtFindings.map((f) => [f.finding_id, f.decision]));
  const less = new Map();
  for (const f of findings) {
    if (f.status !== "fail" || !f.report_id) continue;
    const was = before.get(f.finding_id) === "dismissed";
    const now = f.decision === "dismissed";
    if (was !== now) less.set(f.report_id, (less.get(f.report_id) ?? 0) + (now ? 1 : -1));
  }
  if (!less.size) return reports;
  return reports.map((r) => (less.has(r.report_id) && r.n_checks_failed != null ? {...r, n_checks_failed: Math.max(0, r.n_checks_failed - less.get(r.report_id))} : r));
}

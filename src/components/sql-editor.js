// A plain SQL editor: a textarea, 运行 (also Ctrl/⌘+Enter) and a list of example queries.
// Its value is the SQL last run; it fires "input" only when the user runs a query.
import {html} from "npm:htl";

/**
 * @param {{value: string, examples?: {label: string, sql: string}[], onRun?: (sql: string) => void, reset?: string, held?: boolean}} options
 *   onRun: called when the user runs SQL (e.g. to store it in the URL); reset: the SQL of the 恢复 button
 *   (default `value`); held: `value` came from a link: shown but not run (the editor's value stays null)
 *   until the user clicks 运行, so that opening a link never runs someone else's query by itself
 */
export function sqlEditor({value, examples = [], onRun, reset: resetSql = value, held = false}) {
  const textarea = html`<textarea class="sql-input" spellcheck="false" rows="9" aria-label="SQL 查询"></textarea>`;
  textarea.value = value;
  const run = html`<button type="button" class="primary" data-run-sql>运行查询</button>`;
  const reset = html`<button type="button">恢复为筛选条件生成的查询</button>`;
  const exampleSelect = examples.length
    ? html`<select aria-label="示例查询"><option value="">示例查询…</option>${examples.map((e, i) => html`<option value=${i}>${e.label}</option>`)}</select>`
    : null;
  const root = html`<div class="sql-editor">
    ${textarea}
    <div class="toolbar">${run}${reset}${exampleSelect}<span class="muted">Ctrl+Enter 运行；可查询的表：reports、cells、checks、evidence、similar_reports、coverage、quality（首次用到时载入）</span></div>
  </div>`;
  const heldNote = held ? html`<p class="sql-held-note" role="status" data-sql-held>来自链接的查询，点击运行后执行。</p>` : null;
  if (heldNote) root.prepend(heldNote);
  root.value = held ? null : value;
  const submit = () => {
    heldNote?.remove();
    root.value = textarea.value;
    onRun?.(textarea.value);
    root.dispatchEvent(new Event("input", {bubbles: true}));
  };
  run.onclick = submit;
  reset.onclick = () => {
    textarea.value = resetSql;
    submit();
  };
  if (exampleSelect) {
    exampleSelect.onchange = () => {
      const example = examples[+exampleSelect.value];
      if (!example) return;
      textarea.value = example.sql;
      exampleSelect.value = "";
      submit();
    };
    exampleSelect.oninput = (event) => event.stopPropagation();
  }
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  });
  // typing is not a result change: keep the textarea's own input events inside
  textarea.addEventListener("input", (event) => event.stopPropagation());
  return root;
}

// Page furniture shared by the pages: the banner about the data shown, the current-filter line,
// loading notes.
import {html} from "npm:htl";
import {loadParseInfo} from "./corpus.js";
import {formatNumber} from "./format.js";

/** A wait shorter than this shows no "正在解析" line (the data is already made: no flash). */
const PARSING_NOTE_DELAY_MS = 400;

/**
 * The banner every page shows first, given the folder (loadCorpusInfo()):
 *  - what is wrong with the folder and what to do (missing, not a folder, unreadable, empty, or
 *    none of its files read as a report), in place of the charts' empty states;
 *  - while the tables are still being made (the first page after `npm start`, or after the folder
 *    changed): 正在解析 N 个文件;
 *  - the 示例数据 banner when the corpus holds the simulated demo; on one report's page (`report`), only
 *    when that report is simulated (a file of the demo folder, loaders/site-corpus.ts).
 * It is shown at once (the folder is known before the parse ends) and updates itself.
 */
export function demoBanner(folder, report) {
  const box = html`<div data-corpus-status></div>`;
  if (folder?.problem) {
    box.append(problemNotice(folder.problem));
    return box;
  }
  const note = setTimeout(() => box.replaceChildren(parsingNote(folder)), PARSING_NOTE_DELAY_MS);
  loadParseInfo().then(
    (parsed) => {
      clearTimeout(note);
      box.replaceChildren(
        parsed.problem
          ? problemNotice(parsed.problem)
          : (report ? String(report.file ?? "").split(/[\\/]/).includes("demo") : parsed.demo)
          ? html`<div class="warning demo-banner" label="注意" data-demo-banner>${report ? "示例数据，模拟生成：这份报告是虚构的，不是任何真实乡镇的报告。" : "示例数据，模拟生成：以下图表不反映任何真实乡镇的情况。"}</div>`
          : html`<span></span>`
      );
    },
    () => clearTimeout(note) // the tables' own cells show a failed load
  );
  return box;
}

function problemNotice(problem) {
  return html`<div class="caution corpus-problem" label="报告文件夹有问题" data-corpus-problem=${problem.code} role="alert">
    <p><strong>${problem.message}</strong></p>
    <p>${problem.hint}</p>
  </div>`;
}

function parsingNote(folder) {
  return html`<p class="loading-note" role="status" data-parsing-note>正在解析 ${formatNumber(folder?.files ?? 0)} 个文件（${
    folder?.root ?? ""
  }）…首次解析需要一些时间，之后只解析新增或改动的文件。</p>`;
}

/** "当前筛选：岚东区 · 2019–2024年 · …（共 123 条数据）" — also printed, so a printout says what it shows. */
export function filterSummary(text, count, unit = "条数据") {
  return html`<p class="filter-summary" data-filter-summary><strong>当前筛选：</strong>${text}${
    count == null ? "" : html`<span class="muted">（共 <span data-filter-count>${formatNumber(count)}</span> ${unit}）</span>`
  }</p>`;
}

export function loadingNote(text) {
  return html`<p class="loading-note" role="status">${text}</p>`;
}

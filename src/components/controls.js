// Small form controls for the filters, all bound to the URL (see url-state.js).
// Each returns an element with a `value` that fires "input" when it changes, so a page can write
// `const county = view(selectInput({…}))`. Labels and options go through htl, which escapes them.
import {html} from "npm:htl";
import {setUrlParam, urlParam, urlParamAll} from "./url-state.js";

/** Normalises options given as values or {value, label}; `aliases`: other spellings a URL may use. */
function normalise(options) {
  return options.map((o) =>
    o !== null && typeof o === "object"
      ? {value: o.value, label: o.label ?? String(o.value), group: o.group, aliases: o.aliases ?? [], count: o.count}
      : {value: o, label: String(o), aliases: []}
  );
}

function findOption(options, raw) {
  return raw === undefined ? undefined : options.find((o) => String(o.value) === raw);
}

/**
 * The option a URL value stands for: its value, else the one option that has it as an alias or label
 * ("?county=桐川县" for 岚江省/岚州市/桐川县). `notice` says, in words, why a value was not taken: no
 * option has it, or several do (two 鼓楼区).
 */
export function optionFromUrl(options, raw, what = "选项") {
  if (raw === undefined || raw === "") return {option: findOption(options, raw)};
  const exact = findOption(options, raw);
  if (exact) return {option: exact};
  const named = options.filter((o) => o.label === raw || o.aliases?.includes(raw));
  if (named.length === 1) return {option: named[0]};
  if (named.length > 1) {
    return {notice: `网址中的${what}“${raw}”有 ${named.length} 个同名（${named.map((o) => o.label).join("、")}），请在下拉框中选择`};
  }
  return {notice: `网址中的${what}“${raw}”不在可选范围内，已改用默认`};
}

/** A short notice shown beside a control when the URL asked for something it could not show. */
function noticeOf(text) {
  return text ? html`<span class="control-notice" role="status" data-control-notice>${text}</span>` : null;
}

/**
 * A drop-down list.
 * @param {{name: string, label: string, options: any[], value?: any, width?: string}} options
 *   name: the URL parameter; value: the default (not written to the URL). An option may carry
 *   `aliases` (other names a URL may use); a URL value that names no option, or several, is shown
 *   as a notice beside the list (never ignored silently).
 */
export function selectInput({name, label, options, value: defaultValue, width}) {
  const opts = normalise(options);
  const fallback = findOption(opts, defaultValue === undefined ? undefined : String(defaultValue)) ?? opts[0];
  const fromUrl = optionFromUrl(opts, urlParam(name), label);
  const initial = fromUrl.option ?? fallback;
  const option = (o) => html`<option value=${opts.indexOf(o)} selected=${o === initial}>${o.label}</option>`;
  const groups = [...new Set(opts.map((o) => o.group))];
  const select = html`<select name=${name} style=${width ? {width} : {}}>${
    groups.length > 1 || groups[0] !== undefined
      ? groups.map((g) => html`<optgroup label=${g ?? ""}>${opts.filter((o) => o.group === g).map(option)}</optgroup>`)
      : opts.map(option)
  }</select>`;
  const notice = noticeOf(fromUrl.notice);
  const control = html`<label class="control" data-control=${name}><span class="control-label">${label}</span>${select}${notice}</label>`;
  control.value = initial?.value;
  select.addEventListener("input", () => {
    notice?.remove();
    const option = opts[+select.value];
    control.value = option?.value;
    setUrlParam(name, option?.value, fallback?.value);
  });
  return control;
}

/**
 * Two drop-down lists for a range of years; value [from, to] (from ≤ to).
 * URL parameters `${name}from` and `${name}to` (default names "from" and "to").
 */
export function yearRangeInput({name = "", label = "年份", years, value: [defaultFrom, defaultTo] = [years[0], years.at(-1)]}) {
  const fromName = `${name}from`;
  const toName = `${name}to`;
  const parse = (raw, fallback) => (raw !== undefined && years.includes(+raw) ? +raw : fallback);
  let from = parse(urlParam(fromName), defaultFrom);
  let to = parse(urlParam(toName), defaultTo);
  if (from > to) [from, to] = [to, from];
  const options = (selected) => years.map((y) => html`<option value=${y} selected=${y === selected}>${y}</option>`);
  const fromSelect = html`<select name=${fromName} aria-label="起始年份">${options(from)}</select>`;
  const toSelect = html`<select name=${toName} aria-label="截止年份">${options(to)}</select>`;
  const control = html`<span class="control" data-control=${fromName + toName}><span class="control-label">${label}</span>${fromSelect}<span class="control-sep">至</span>${toSelect}</span>`;
  control.value = [from, to];
  const update = (changed) => {
    let a = +fromSelect.value;
    let b = +toSelect.value;
    if (a > b) {
      // keep the range valid: move the other end along
      if (changed === fromSelect) toSelect.value = String((b = a));
      else fromSelect.value = String((a = b));
    }
    control.value = [a, b];
    setUrlParam(fromName, a, defaultFrom);
    setUrlParam(toName, b, defaultTo);
  };
  fromSelect.addEventListener("input", () => update(fromSelect));
  toSelect.addEventListener("input", () => update(toSelect));
  return control;
}

/**
 * Buttons of which exactly one is chosen (a segmented control), e.g. 数量 / 占比.
 * @param {{name: string, label?: string, options: any[], value?: any}} options
 */
export function radioInput({name, label, options, value: defaultValue}) {
  const opts = normalise(options);
  const fallback = findOption(opts, defaultValue === undefined ? undefined : String(defaultValue)) ?? opts[0];
  const initial = findOption(opts, urlParam(name)) ?? fallback;
  const inputs = opts.map(
    (o, i) => html`<label class="radio-option"><input type="radio" name=${name} value=${i} checked=${o === initial}><span>${o.label}</span></label>`
  );
  const control = html`<span class="control radio-group" role="radiogroup" data-control=${name}>${
    label ? html`<span class="control-label">${label}</span>` : null
  }${inputs}</span>`;
  control.value = initial?.value;
  control.addEventListener("input", (event) => {
    if (event.target?.type !== "radio") return;
    const option = opts[+event.target.value];
    control.value = option?.value;
    setUrlParam(name, option?.value, fallback?.value);
  }, {capture: true});
  return control;
}

/**
 * A scrollable list of check boxes (e.g. townships), with 全选 / 清空; value: the checked values.
 * URL: one repeated parameter per checked value. Options may carry a `group` (e.g. the county) shown
 * as a heading.
 * @param {{name: string, label: string, options: any[], value?: any[]}} options
 */
export function checkboxListInput({name, label, options, value: defaultValue = []}) {
  const opts = normalise(options);
  const fromUrl = urlParamAll(name)?.map((raw) => findOption(opts, raw)).filter(Boolean);
  // absent from the URL, or naming none of these options (e.g. townships of another county): the default
  const useUrl = fromUrl && (fromUrl.length > 0 || urlParamAll(name).length === 0);
  const initial = new Set(useUrl ? fromUrl : opts.filter((o) => defaultValue.some((v) => String(v) === String(o.value))));
  const boxes = opts.map(
    (o, i) => html`<label class="check-option" title=${o.label}><input type="checkbox" value=${i} checked=${initial.has(o)}><span>${o.label}</span></label>`
  );
  const items = [];
  let group;
  opts.forEach((o, i) => {
    if (o.group !== undefined && o.group !== group) items.push(html`<div class="check-group">${(group = o.group)}</div>`);
    items.push(boxes[i]);
  });
  const selectAll = html`<button type="button">全选</button>`;
  const clear = html`<button type="button">清空</button>`;
  const count = html`<span class="check-count"></span>`;
  const control = html`<fieldset class="control check-list" data-control=${name}>
    <legend><span class="control-label">${label}</span> ${count} ${selectAll} ${clear}</legend>
    <div class="check-list-items">${items}</div>
  </fieldset>`;
  const read = () => {
    control.value = boxes.filter((b) => b.querySelector("input").checked).map((b) => opts[+b.querySelector("input").value].value);
    count.textContent = `已选 ${control.value.length} / ${opts.length}`;
    setUrlParam(name, control.value, defaultValue);
  };
  const setAll = (checked) => {
    for (const b of boxes) b.querySelector("input").checked = checked;
    read();
    control.dispatchEvent(new Event("input", {bubbles: true}));
  };
  selectAll.onclick = () => setAll(true);
  clear.onclick = () => setAll(false);
  control.addEventListener("input", (event) => {
    if (event.target?.type === "checkbox") read();
  }, {capture: true});
  control.value = opts.filter((o) => initial.has(o)).map((o) => o.value);
  count.textContent = `已选 ${control.value.length} / ${opts.length}`;
  return control;
}

/**
 * A row of check boxes, each with a count (e.g. the levels: 乡镇/街道 1,078 · 县区 2); value: the checked
 * values. URL: one repeated parameter per checked value ("?level=" for none); an option may carry
 * `aliases` (its Chinese name) that the URL may use. `buttons`: [{label, values}] that check exactly
 * those values (全部 / 只看乡镇). `valueOf`: turns the checked values into the control's value.
 * @param {{name: string, label: string, options: any[], value?: any[], buttons?: {label: string, values: any[]}[], valueOf?: (checked: any[]) => any}} options
 */
export function checkboxRowInput({name, label, options, value: defaultValue = [], buttons = [], valueOf = (checked) => checked}) {
  const opts = normalise(options);
  const raw = urlParamAll(name);
  const found = (raw ?? []).map((v) => optionFromUrl(opts, v, label));
  const fromUrl = found.filter((f) => f.option).map((f) => f.option);
  const useUrl = raw !== undefined && (fromUrl.length > 0 || raw.length === 0);
  const initial = new Set(useUrl ? fromUrl : opts.filter((o) => defaultValue.some((v) => String(v) === String(o.value))));
  const boxes = opts.map((o, i) => html`<label class="check-option" data-option=${o.value}><input type="checkbox" value=${i} checked=${initial.has(o)}><span>${o.label}</span>${
    o.count == null ? null : html`<span class="check-count" data-count>${o.count.toLocaleString("zh-CN")}</span>`
  }</label>`);
  const inputOf = (b) => b.querySelector("input");
  const controlButtons = buttons.map((b) => {
    const button = html`<button type="button">${b.label}</button>`;
    button.onclick = () => {
      for (const box of boxes) inputOf(box).checked = b.values.some((v) => String(v) === String(opts[+inputOf(box).value].value));
      read();
      control.dispatchEvent(new Event("input", {bubbles: true}));
    };
    return button;
  });
  const notices = found.filter((f) => f.notice).map((f) => noticeOf(f.notice));
  const control = html`<span class="control check-row" role="group" aria-label=${label} data-control=${name}><span class="control-label">${label}</span>${boxes}${controlButtons}${notices}</span>`;
  const read = () => {
    const checked = boxes.filter((b) => inputOf(b).checked).map((b) => opts[+inputOf(b).value].value);
    control.value = valueOf(checked);
    setUrlParam(name, checked, defaultValue);
    for (const n of notices) n?.remove();
  };
  control.addEventListener("input", (event) => {
    if (event.target?.type === "checkbox") read();
  }, {capture: true});
  control.value = valueOf(opts.filter((o) => initial.has(o)).map((o) => o.value));
  return control;
}

/** A row of controls. */
export function controlBar(...controls) {
  return html`<div class="control-bar">${controls}</div>`;
}

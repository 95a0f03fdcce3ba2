// Small form controls for the filters, all bound to the URL (see url-state.js).
// Each returns an element with a `value` that fires "input" when it changes, so a page can write
// `const county = view(selectInput({…}))`. Labels and options go through htl, which escapes them.
import {html} from "npm:htl";
import {setUrlParam, urlParam, urlParamAll} from "./url-state.js";

/** Normalises options given as values or {value, label}. */
function normalise(options) {
  return options.map((o) =>
    o !== null && typeof o === "object" ? {value: o.value, label: o.label ?? String(o.value), group: o.group} : {value: o, label: String(o)}
  );
}

function findOption(options, raw) {
  return raw === undefined ? undefined : options.find((o) => String(o.value) === raw);
}

/**
 * A drop-down list.
 * @param {{name: string, label: string, options: any[], value?: any, width?: string}} options
 *   name: the URL parameter; value: the default (not written to the URL)
 */
export function selectInput({name, label, options, value: defaultValue, width}) {
  const opts = normalise(options);
  const fallback = findOption(opts, defaultValue === undefined ? undefined : String(defaultValue)) ?? opts[0];
  const initial = findOption(opts, urlParam(name)) ?? fallback;
  const option = (o) => html`<option value=${opts.indexOf(o)} selected=${o === initial}>${o.label}</option>`;
  const groups = [...new Set(opts.map((o) => o.group))];
  const select = html`<select name=${name} style=${width ? {width} : {}}>${
    groups.length > 1 || groups[0] !== undefined
      ? groups.map((g) => html`<optgroup label=${g ?? ""}>${opts.filter((o) => o.group === g).map(option)}</optgroup>`)
      : opts.map(option)
  }</select>`;
  const control = html`<label class="control" data-control=${name}><span class="control-label">${label}</span>${select}</label>`;
  control.value = initial?.value;
  select.addEventListener("input", () => {
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

/** A row of controls. */
export function controlBar(...controls) {
  return html`<div class="control-bar">${controls}</div>`;
}

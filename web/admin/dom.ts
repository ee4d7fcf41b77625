/** DOM helpers: every value is inserted as text (textContent, text nodes), never as HTML. */

export type Child = Node | string | number | null | undefined | false | Child[];
type AttrValue = string | number | boolean | null | undefined | ((event: Event) => void);
export type Attrs = Record<string, AttrValue>;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (typeof v === 'function') {
      if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    } else if (k === 'class') node.className = String(v);
    else if (k === 'text') node.textContent = String(v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  append(node, ...children);
  return node;
}

/** Appends children (nodes, strings as text, arrays of either); null, undefined and false are skipped. */
export function append(node: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, ...child);
    else node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

const SVG = 'http://www.w3.org/2000/svg';

export function svg(tag: string, attrs: Record<string, string | number>, ...children: Array<Node | null | undefined>): SVGElement {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'text') node.textContent = String(v);
    else node.setAttribute(k, String(v));
  }
  for (const child of children) if (child) node.appendChild(child);
  return node;
}

export interface TableOptions {
  className?: string;
  rowHeaders?: boolean;
  numeric?: number[];
  scrollable?: boolean;
  /** False keeps the grid on narrow screens (the box scrolls sideways); by default each row becomes a card. */
  stacked?: boolean;
}

function textOf(child: Child): string {
  if (child === null || child === undefined || child === false) return '';
  if (Array.isArray(child)) return child.map(textOf).join('');
  return child instanceof Node ? child.textContent ?? '' : String(child);
}

/**
 * A table in its box. Below 40rem a stacked table shows each row as a card whose cells are preceded by
 * their column heading (data-label, admin.css); the explicit ARIA roles keep it a table for screen
 * readers, since Chromium drops the semantics of a table whose display is changed.
 */
export function table(caption: string, headers: Child[], rows: Child[][], options: TableOptions = {}): HTMLDivElement {
  const o = options;
  const numeric = (i: number): string | null => (o.numeric && o.numeric.indexOf(i) >= 0 ? 'num' : null);
  const stacked = o.stacked !== false;
  const labels = headers.map(textOf);
  // A table that may be wider than a phone (375 px) scrolls in its box, reached and scrolled with the keyboard.
  const scrollable = o.scrollable !== false;
  return el(
    'div',
    { class: stacked ? 'table-scroll table-stacked' : 'table-scroll', tabindex: scrollable ? '0' : null, role: scrollable ? 'region' : null, 'aria-label': scrollable ? caption : null },
    el(
      'table',
      { class: o.className || null, role: stacked ? 'table' : null },
      el('caption', { text: caption }),
      el(
        'thead',
        { role: stacked ? 'rowgroup' : null },
        el(
          'tr',
          { role: stacked ? 'row' : null },
          headers.map((h, i) => el('th', { scope: 'col', class: numeric(i), role: stacked ? 'columnheader' : null }, h)),
        ),
      ),
      el(
        'tbody',
        { role: stacked ? 'rowgroup' : null },
        rows.map((r) =>
          el(
            'tr',
            { role: stacked ? 'row' : null },
            r.map((c, i) => {
              const tag = i === 0 && o.rowHeaders ? 'th' : 'td';
              const attrs = tag === 'th' ? { scope: 'row' } : { class: numeric(i) };
              return stacked ? stackedCell(tag, labels[i], c, attrs) : el(tag, attrs, c);
            }),
          ),
        ),
      ),
    ),
  );
}

/**
 * A body cell of a table shown as cards below 40rem (admin.css): its column heading as data-label, its
 * content in one grid item beside that heading, and its ARIA role kept.
 */
export function stackedCell(tag: 'td' | 'th', label: string, content: Child, attrs: Attrs = {}): HTMLTableCellElement {
  return el(tag, { ...attrs, role: tag === 'th' ? 'rowheader' : 'cell', 'data-label': label || null }, el('span', { class: 'cell-value' }, content));
}

export function section(id: string, heading: string, ...children: Child[]): HTMLElement {
  const h = el('h2', { id: `${id}-title`, text: heading });
  const s = el('section', { class: 'panel', 'aria-labelledby': `${id}-title`, id }, h);
  append(s, ...children);
  return s;
}

/** An element of index.html the script cannot work without. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing from the page`);
  return node as T;
}

/** A labelled control: its label (for the control's id), what goes between (a hint), then the control. */
export function field(control: HTMLElement, labelText: string, ...between: Child[]): HTMLDivElement {
  return el('div', { class: 'field' }, el('label', { for: control.id }, labelText), between, control);
}

/** A check box or a radio button, then its label. */
export function inlineField(control: HTMLInputElement, labelText: string): HTMLDivElement {
  return el('div', { class: 'field-inline' }, control, el('label', { for: control.id }, labelText));
}

/** A form of one fieldset: its legend, the fields, and the submit button. */
export function fieldsetForm(className: string, legend: string, submit: string, ...fields: Child[]): HTMLFormElement {
  return el('form', { class: className, novalidate: true }, el('fieldset', {}, el('legend', {}, legend), fields, el('button', { type: 'submit' }, submit)));
}

/** A term and its value at the end of a description list; an empty value reads « — ». */
export function addTerm(list: HTMLElement, term: Child, value: Child, className?: string): void {
  append(list, el('div', {}, el('dt', {}, term), el('dd', { class: className || null }, value === null || value === undefined || value === '' ? '—' : value)));
}

/*
 * Dashboard of the CA-dotation assistant's staff tools (issue 7).
 * - Every text comes from the strings the server rendered from locales (admin namespace).
 * - Every value from the API is inserted with textContent / createTextNode: never as HTML.
 * - The bearer token is typed by the person and kept in sessionStorage for this tab only; it is sent
 *   in the Authorization header, never in a URL.
 */
(function () {
  'use strict';

  var S = JSON.parse(document.getElementById('admin-strings').textContent);
  var lang = S.lang === 'en' ? 'en' : 'fr';
  var locale = lang === 'en' ? 'en-CA' : 'fr-CA';
  var TOKEN_KEY = 'caDotationAdminToken';
  var plural = new Intl.PluralRules(locale);
  var percentFormat = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  var targetFormat = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  var numberFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  var monthFormat = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  var langQuery = lang === 'en' ? '?lang=en' : '';

  var view = document.getElementById('view');
  var statusRegion = document.getElementById('status');
  var alertRegion = document.getElementById('alert');
  var title = document.getElementById('page-title');
  var me = null;

  // ---------- strings ----------
  function lookup(path) {
    return path.split('.').reduce(function (o, k) {
      return o && typeof o === 'object' ? o[k] : undefined;
    }, S);
  }
  function t(path, vars) {
    var s;
    if (vars && typeof vars.count === 'number') s = lookup(path + '_' + plural.select(vars.count)) || lookup(path + '_other');
    if (s === undefined) s = lookup(path);
    if (typeof s !== 'string') return path;
    return s.replace(/\{\{(\w+)\}\}/g, function (m, k) {
      return vars && Object.prototype.hasOwnProperty.call(vars, k) ? String(vars[k]) : m;
    });
  }
  /** A label owned by another feature (complaint statuses, services, exam kinds), or the raw key. */
  function label(group, key) {
    var v = S[group] && S[group][key];
    return typeof v === 'string' ? v : String(key);
  }
  function pct(value) {
    return value === null || value === undefined ? '—' : percentFormat.format(value / 100);
  }
  function num(value) {
    return value === null || value === undefined ? '—' : numberFormat.format(value);
  }
  function when(iso) {
    return iso ? String(iso).slice(0, 16).replace('T', ' ') : '—';
  }
  var dayFormat = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  /** « 1er avril 2026 », « 14 octobre 2026 » from a local date (YYYY-MM-DD). */
  function dayText(date) {
    if (!date) return '—';
    var p = String(date).slice(0, 10).split('-');
    var text = dayFormat.format(new Date(Date.UTC(Number(p[0]), Number(p[1]) - 1, Number(p[2]), 12)));
    return lang === 'fr' ? text.replace(/^1 /, '1er ') : text;
  }
  /** « 15 octobre 2026 à 9 h 05 » from an ISO instant written with the Québec offset (its local part is Québec time). */
  function instantText(iso) {
    if (!iso) return '—';
    var hh = Number(String(iso).slice(11, 13));
    var mm = String(iso).slice(14, 16);
    if (lang === 'en') return dayText(iso) + ' at ' + String(iso).slice(11, 16);
    return dayText(iso) + ' à ' + hh + '\u00a0h' + (mm === '00' ? '' : '\u00a0' + mm);
  }
  /** An FAQ entry as managers read it: its French (or English) title, never its id. */
  function faqTitle(entryId) {
    return (S.faqTitles && S.faqTitles[entryId]) || String(entryId);
  }
  function monthLabel(yyyymm) {
    var parts = String(yyyymm).split('-');
    return monthFormat.format(new Date(Date.UTC(Number(parts[0]), Number(parts[1]) - 1, 15)));
  }

  // ---------- DOM helpers (text only) ----------
  function el(tag, attrs) {
    var node = document.createElement(tag);
    var a = attrs || {};
    Object.keys(a).forEach(function (k) {
      var v = a[k];
      if (v === undefined || v === null || v === false) return;
      if (k === 'class') node.className = v;
      else if (k === 'text') node.textContent = v;
      else if (k.indexOf('on') === 0) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : String(v));
    });
    for (var i = 2; i < arguments.length; i += 1) append(node, arguments[i]);
    return node;
  }
  /** Appends children (nodes, strings as text, arrays of either); null, undefined and false are skipped. */
  function append(node) {
    for (var i = 1; i < arguments.length; i += 1) {
      var child = arguments[i];
      if (child === null || child === undefined || child === false) continue;
      if (Array.isArray(child))
        child.forEach(function (c) {
          append(node, c);
        });
      else node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  var SVG = 'http://www.w3.org/2000/svg';
  function svg(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k];
      else node.setAttribute(k, String(attrs[k]));
    });
    for (var i = 2; i < arguments.length; i += 1) if (arguments[i]) node.appendChild(arguments[i]);
    return node;
  }
  function table(caption, headers, rows, options) {
    var o = options || {};
    // Any table may be wider than a phone (375 px): its box scrolls, and can be reached and scrolled with the keyboard.
    var scrollable = o.scrollable !== false;
    return el(
      'div',
      { class: 'table-scroll', tabindex: scrollable ? '0' : null, role: scrollable ? 'region' : null, 'aria-label': scrollable ? caption : null },
      el(
        'table',
        { class: o.className || null },
        el('caption', { text: caption }),
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            headers.map(function (h, i) {
              return el('th', { scope: 'col', class: o.numeric && o.numeric.indexOf(i) >= 0 ? 'num' : null }, h);
            }),
          ),
        ),
        el(
          'tbody',
          {},
          rows.map(function (r) {
            return el(
              'tr',
              {},
              r.map(function (c, i) {
                if (i === 0 && o.rowHeaders) return el('th', { scope: 'row' }, c);
                return el('td', { class: o.numeric && o.numeric.indexOf(i) >= 0 ? 'num' : null }, c);
              }),
            );
          }),
        ),
      ),
    );
  }
  function section(id, heading) {
    var h = el('h2', { id: id + '-title', text: heading });
    var s = el('section', { class: 'panel', 'aria-labelledby': id + '-title', id: id }, h);
    for (var i = 2; i < arguments.length; i += 1) append(s, arguments[i]);
    return s;
  }
  function say(message) {
    statusRegion.textContent = '';
    window.setTimeout(function () {
      statusRegion.textContent = message;
    }, 50);
  }
  function showError(message) {
    alertRegion.textContent = '';
    if (message) append(alertRegion, el('p', { class: 'alert' }, message));
  }
  function setTitle(text) {
    title.textContent = text;
    document.title = text + ' — ' + t('page.brand');
  }

  // ---------- API ----------
  function token() {
    try {
      return window.sessionStorage.getItem(TOKEN_KEY);
    } catch (e) {
      return null;
    }
  }
  function ApiError(status, code, message) {
    this.status = status;
    this.code = code;
    this.message = message;
  }
  function request(path, options) {
    var o = options || {};
    var headers = { Accept: 'application/json', Authorization: 'Bearer ' + (o.token || token() || '') };
    if (o.body !== undefined) headers['Content-Type'] = 'application/json';
    return fetch(path, {
      method: o.method || 'GET',
      headers: headers,
      body: o.body !== undefined ? JSON.stringify(o.body) : undefined,
      credentials: 'omit',
      cache: 'no-store',
    })
      .catch(function () {
        throw new ApiError(0, 'network', '');
      })
      .then(function (res) {
        if (res.ok) return o.raw ? res : res.json();
        return res
          .json()
          .catch(function () {
            return {};
          })
          .then(function (body) {
            var code = body && body.error && body.error.code ? body.error.code : 'InternalError';
            if (res.status === 401 && !o.token) signOut(t('page.errors.sessionEnded'));
            throw new ApiError(res.status, code, body && body.error ? body.error.message : '');
          });
      });
  }
  function errorText(err) {
    if (!(err instanceof ApiError)) return t('page.errors.InternalError');
    var known = lookup('page.errors.' + err.code) || lookup('officerPage.errors.' + err.code);
    if (typeof known === 'string') return known;
    return err.status >= 500 || err.status === 0
      ? t('page.errors.InternalError')
      : t('page.errors.InvalidRequest') + (err.message ? ' (' + err.message + ')' : '');
  }

  // ---------- session ----------
  var loginSection = document.getElementById('login');
  var loginForm = document.getElementById('login-form');
  var tokenInput = document.getElementById('token');
  var tokenError = document.getElementById('token-error');
  var sessionBox = document.getElementById('session');

  function showLogin(message) {
    me = null;
    view.textContent = '';
    sessionBox.hidden = true;
    loginSection.hidden = false;
    setTitle(t('page.login.title'));
    if (message) {
      tokenError.textContent = message;
      tokenError.hidden = false;
      tokenInput.setAttribute('aria-invalid', 'true');
      tokenInput.setAttribute('aria-describedby', 'token-error token-help');
    }
    tokenInput.focus();
  }
  function signOut(message) {
    try {
      window.sessionStorage.removeItem(TOKEN_KEY);
    } catch (e) {
      /* private mode */
    }
    showLogin(message);
  }
  loginForm.addEventListener('submit', function (event) {
    event.preventDefault();
    var value = tokenInput.value.trim();
    tokenError.hidden = true;
    tokenInput.removeAttribute('aria-invalid');
    tokenInput.setAttribute('aria-describedby', 'token-help');
    if (!value) return showLogin(t('page.login.empty'));
    request('/api/admin/me', { token: value })
      .then(function (who) {
        try {
          window.sessionStorage.setItem(TOKEN_KEY, value);
        } catch (e) {
          /* kept for this page only */
        }
        tokenInput.value = '';
        start(who);
      })
      .catch(function (err) {
        showLogin(err instanceof ApiError && err.status === 401 ? t('page.login.invalid') : errorText(err));
      });
  });
  document.getElementById('logout').addEventListener('click', function () {
    signOut();
    say(t('page.loggedOut'));
  });

  function start(who) {
    me = who;
    loginSection.hidden = true;
    sessionBox.hidden = false;
    document.getElementById('signed-in').textContent = t('page.signedIn', { name: who.name, role: t('page.roles.' + who.role) });
    showError('');
    loadOutbox();
    route();
  }

  function route() {
    var v = document.body.getAttribute('data-view');
    var links = document.querySelectorAll('[data-nav]');
    var nav = { complaint: 'complaints', incident: 'incidents' }[v] || v;
    // Staff on /admin see the complaint list: that item is the current one, not the statistics.
    if (nav === 'dashboard' && me.role !== 'manager') nav = 'complaints';
    for (var i = 0; i < links.length; i += 1) {
      if (links[i].getAttribute('data-nav') === nav) links[i].setAttribute('aria-current', 'page');
      else links[i].removeAttribute('aria-current');
    }
    if (v === 'complaint') {
      var match = /\/admin\/complaints\/([^/?#]+)/.exec(window.location.pathname);
      return renderComplaint(match ? decodeURIComponent(match[1]) : '');
    }
    if (v === 'incident') {
      var found = /\/admin\/incidents\/([^/?#]+)/.exec(window.location.pathname);
      return renderIncident(found ? decodeURIComponent(found[1]) : '');
    }
    if (v === 'incidents') return renderIncidents();
    if (v === 'mine') return renderList(false, true);
    if (v === 'complaints' || me.role !== 'manager') return renderList(v !== 'complaints' && me.role !== 'manager');
    return renderDashboard();
  }

  // ---------- outbox failures (everyone) ----------
  var outboxBox = el('div', { id: 'outbox' });
  function loadOutbox() {
    request('/api/admin/reminders/outbox')
      .then(function (outbox) {
        outboxBox.textContent = '';
        if (!outbox.failing) return;
        var box = el(
          'div',
          { class: 'warning', role: 'note' },
          el('p', { class: 'warning-title' }, t('page.outbox.failing', { count: outbox.failing })),
          el('p', {}, t('page.outbox.help')),
        );
        var list = el('ul');
        outbox.failures.forEach(function (f) {
          append(list, el('li', {}, t('page.outbox.failure', { id: f.id, attempts: f.attempts, code: f.lastErrorCode || '—', next: when(f.nextAttemptAt) })));
        });
        append(box, list);
        append(outboxBox, box);
      })
      .catch(function () {
        /* shown by the next request's error, if any */
      });
  }

  // ---------- dashboard (managers) ----------
  function currentFiscalYearStart() {
    var now = new Date();
    return now.getMonth() >= 3 ? now.getFullYear() : now.getFullYear() - 1;
  }
  function renderDashboard() {
    setTitle(t('page.heading'));
    view.textContent = '';
    var start = currentFiscalYearStart();
    var select = el('select', { id: 'fiscal-year', name: 'fiscalYear' });
    for (var y = start; y > start - 5; y -= 1)
      append(select, el('option', { value: y + '-' + (y + 1) }, t('page.period.fiscalYearOption', { start: y, end: y + 1 })));
    var month = el('input', { id: 'month', name: 'period', type: 'month', 'aria-describedby': 'month-help', pattern: '\\d{4}-\\d{2}' });
    var form = el(
      'form',
      { class: 'period-form', novalidate: true },
      el(
        'fieldset',
        {},
        el('legend', {}, t('page.period.legend')),
        el('div', { class: 'field' }, el('label', { for: 'fiscal-year' }, t('page.period.fiscalYear')), select),
        el(
          'div',
          { class: 'field' },
          el('label', { for: 'month' }, t('page.period.month')),
          el('p', { id: 'month-help', class: 'hint' }, t('page.period.monthHelp')),
          month,
        ),
        el('button', { type: 'submit' }, t('page.period.submit')),
      ),
    );
    var results = el('div', { id: 'results' });
    append(view, outboxBox, form, results, exportsSection());
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var m = month.value.trim();
      if (m && !/^\d{4}-\d{2}$/.test(m)) return showError(t('page.errors.InvalidPeriod'));
      loadStats(m ? 'period=' + encodeURIComponent(m) : 'fiscalYear=' + encodeURIComponent(select.value), results);
    });
    loadStats('fiscalYear=' + encodeURIComponent(select.value), results);
  }

  function loadStats(query, results) {
    results.setAttribute('aria-busy', 'true');
    say(t('page.loading'));
    request('/api/admin/stats?' + query)
      .then(function (report) {
        showError('');
        results.textContent = '';
        append(results, statsView(report));
        results.removeAttribute('aria-busy');
        say(t('page.period.shown', { label: report.period.label, from: dayText(report.period.from), to: dayText(report.period.to) }));
      })
      .catch(function (err) {
        results.removeAttribute('aria-busy');
        showError(errorText(err));
      });
  }

  function statsView(report) {
    var c = report.complaints;
    var totals = c.totals;
    var out = [];
    out.push(
      el(
        'p',
        { class: 'period-line' },
        t('page.period.current', { label: report.period.label, from: dayText(report.period.from), to: dayText(report.period.to), asOf: instantText(report.asOf) }),
      ),
    );

    // Headline figures against the targets.
    out.push(
      section(
        'standards',
        t('page.standards.title'),
        el('p', { class: 'hint' }, t('page.standards.source')),
        el('div', { class: 'cards' }, clockCard('firstContact', totals.firstContact), clockCard('answer', totals.answer)),
      ),
    );

    var counts = ['received', 'contacted', 'answered', 'closed', 'abandoned', 'carriedOver', 'openAtEnd'];
    var dl = el('dl', { class: 'counts' });
    counts.forEach(function (k) {
      append(dl, el('div', {}, el('dt', {}, t('page.counts.' + k)), el('dd', {}, num(totals[k]))));
    });
    append(dl, el('div', {}, el('dt', {}, t('page.counts.breaches')), el('dd', {}, num(c.breaches.total))));
    out.push(section('counts', t('page.counts.title'), dl));

    out.push(section('monthly', t('page.chart.title'), monthlyChart(c.byMonth, report.standards)));

    if (c.byFiscalYear.length > 1) {
      out.push(
        section(
          'fiscal-years',
          t('page.fiscalYears.title'),
          bucketTable(
            t('page.fiscalYears.caption'),
            c.byFiscalYear.map(function (y) {
              return { label: y.label, figures: y.figures };
            }),
          ),
        ),
      );
    }
    out.push(
      section(
        'services',
        t('page.services.title'),
        bucketTable(
          t('page.services.caption'),
          c.byService.map(function (s) {
            return { label: label('services', s.service), figures: s.figures };
          }),
        ),
      ),
    );
    out.push(section('breaches', t('page.breaches.title', { count: c.breaches.total }), breachesView(c.breaches)));
    if (c.outcomes) out.push(section('outcomes', t('page.outcomes.title'), outcomesView(c.outcomes)));
    out.push(conversationsView(report.conversations));
    if (report.satisfaction) out.push(satisfactionView(report.satisfaction));
    out.push(remindersView(report.reminders));
    out.push(
      el(
        'details',
        { class: 'panel definitions' },
        el('summary', {}, t('page.definitions.title')),
        ['complaints', 'rate', 'days', 'conversations', 'months'].map(function (k) {
          return el('p', {}, t('page.definitions.' + k));
        }),
      ),
    );
    return out;
  }

  function clockCard(name, f) {
    var state = f.met === null ? 'none' : f.met ? 'met' : 'missed';
    var badge = el(
      'p',
      { class: 'badge badge-' + state },
      el('span', { 'aria-hidden': 'true', class: 'badge-icon' }, state === 'met' ? '✓' : state === 'missed' ? '✗' : '–'),
      ' ',
      state === 'none' ? t('page.card.noData') : t('page.card.' + state),
    );
    return el(
      'article',
      { class: 'card card-' + state, 'aria-labelledby': 'card-' + name },
      el('h3', { id: 'card-' + name }, t('clock.' + name)),
      el('p', { class: 'big' }, pct(f.percentOnTime)),
      el('p', {}, t('page.card.target', { target: targetFormat.format(f.targetPercent / 100) })),
      badge,
      el('p', {}, f.measured ? t('page.card.measured', { onTime: f.onTime, measured: f.measured }) : t('page.card.nothingMeasured')),
      el('p', {}, t('page.card.meanMedian', { mean: num(f.meanBusinessDays), median: num(f.medianBusinessDays) })),
      f.pending ? el('p', { class: 'hint' }, t('page.card.pending', { count: f.pending })) : null,
    );
  }

  function rateCell(f) {
    return f.measured ? pct(f.percentOnTime) + ' (' + f.onTime + '/' + f.measured + ')' : '—';
  }

  function bucketTable(caption, items) {
    var headers = ['name', 'received', 'carriedOver', 'contacted', 'answered', 'openAtEnd', 'firstContactRate', 'answerRate'].map(function (h) {
      return t('page.columns.' + h);
    });
    return table(
      caption,
      headers,
      items.map(function (i) {
        var f = i.figures;
        return [
          i.label,
          num(f.received),
          num(f.carriedOver),
          num(f.contacted),
          num(f.answered),
          num(f.openAtEnd),
          rateCell(f.firstContact),
          rateCell(f.answer),
        ];
      }),
      { rowHeaders: true, numeric: [1, 2, 3, 4, 5, 6, 7], scrollable: true },
    );
  }

  /**
   * Monthly compliance as an inline SVG bar chart (two bars a month, target lines), with the same
   * figures in a table right under it: the chart is for looking, the table for reading and for
   * screen readers (the SVG is one image with a title and a description).
   */
  function monthlyChart(months, standards) {
    if (!months.length) return el('p', {}, t('page.chart.none'));
    var fcTarget = standards.firstContactTargetPercent;
    var anTarget = standards.answerTargetPercent;
    var slot = 72,
      left = 52,
      top = 16,
      plotH = 220,
      bottom = 52,
      right = 150;
    var width = left + months.length * slot + right;
    var height = top + plotH + bottom;
    var y = function (p) {
      return top + plotH - (p * plotH) / 100;
    };
    var chart = svg('svg', {
      viewBox: '0 0 ' + width + ' ' + height,
      width: width,
      height: height,
      role: 'img',
      'aria-labelledby': 'chart-title chart-desc',
      class: 'chart',
      focusable: 'false',
    });
    chart.appendChild(svg('title', { id: 'chart-title', text: t('page.chart.title') }));
    chart.appendChild(
      svg('desc', { id: 'chart-desc', text: t('page.chart.desc', { fc: targetFormat.format(fcTarget / 100), an: targetFormat.format(anTarget / 100) }) }),
    );
    var defs = svg(
      'defs',
      {},
      svg(
        'pattern',
        { id: 'hatch', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
        svg('rect', { width: 6, height: 6, class: 'bar-answer-bg' }),
        svg('line', { x1: 0, y1: 0, x2: 0, y2: 6, class: 'hatch-line' }),
      ),
    );
    chart.appendChild(defs);
    [0, 25, 50, 75, 100].forEach(function (p) {
      chart.appendChild(svg('line', { x1: left, x2: width - right, y1: y(p), y2: y(p), class: 'grid' }));
      chart.appendChild(svg('text', { x: left - 6, y: y(p) + 4, class: 'axis', 'text-anchor': 'end', text: targetFormat.format(p / 100) }));
    });
    months.forEach(function (m, i) {
      var x = left + i * slot + 12;
      [
        ['firstContact', 'bar-first'],
        ['answer', 'bar-answer'],
      ].forEach(function (pair, j) {
        var f = m.figures[pair[0]];
        var bx = x + j * 24;
        if (f.percentOnTime === null) {
          chart.appendChild(svg('text', { x: bx + 11, y: y(0) - 4, class: 'axis', 'text-anchor': 'middle', text: '–' }));
          return;
        }
        var rect = svg('rect', { x: bx, y: y(f.percentOnTime), width: 22, height: Math.max(1, y(0) - y(f.percentOnTime)), class: pair[1] });
        rect.appendChild(
          svg('title', { text: t('page.chart.barTitle', { clock: t('clock.' + pair[0]), month: monthLabel(m.label), value: pct(f.percentOnTime) }) }),
        );
        chart.appendChild(rect);
      });
      var parts = monthLabel(m.label).split(/\s+(?=\d{4}$)/);
      var label = svg('text', { x: x + 23, y: top + plotH + 18, class: 'axis', 'text-anchor': 'middle' });
      label.appendChild(svg('tspan', { x: x + 23, text: parts[0] }));
      if (parts[1]) label.appendChild(svg('tspan', { x: x + 23, dy: 15, text: parts[1] }));
      chart.appendChild(label);
    });
    [
      [fcTarget, 'target-first', t('page.chart.targetFirstContact', { target: targetFormat.format(fcTarget / 100) })],
      [anTarget, 'target-answer', t('page.chart.targetAnswer', { target: targetFormat.format(anTarget / 100) })],
    ].forEach(function (tl, i) {
      chart.appendChild(svg('line', { x1: left, x2: width - right, y1: y(tl[0]), y2: y(tl[0]), class: tl[1] }));
      chart.appendChild(svg('text', { x: width - right + 6, y: y(tl[0]) + (i === 0 ? -3 : 13), class: 'axis target-label', text: tl[2] }));
    });
    var legend = el(
      'ul',
      { class: 'legend' },
      el('li', {}, el('span', { class: 'swatch swatch-first', 'aria-hidden': 'true' }), t('clock.firstContact')),
      el('li', {}, el('span', { class: 'swatch swatch-answer', 'aria-hidden': 'true' }), t('clock.answer')),
      el('li', {}, el('span', { class: 'swatch swatch-target', 'aria-hidden': 'true' }), t('page.chart.targets')),
    );
    var data = table(
      t('page.chart.tableCaption'),
      [t('page.columns.month'), t('page.columns.received'), t('page.columns.firstContactRate'), t('page.columns.answerRate')],
      months.map(function (m) {
        return [monthLabel(m.label), num(m.figures.received), rateCell(m.figures.firstContact), rateCell(m.figures.answer)];
      }),
      { rowHeaders: true, numeric: [1, 2, 3], scrollable: true },
    );
    return el('figure', { class: 'chart-figure' }, el('div', { class: 'chart-scroll' }, chart), legend, el('figcaption', {}, t('page.chart.caption')), data);
  }

  function breachesView(breaches) {
    if (!breaches.total) return el('p', {}, t('page.breaches.none'));
    var rows = breaches.items.map(function (b) {
      return [
        complaintLink(b.reference),
        t('clock.' + b.clock),
        label('services', b.service),
        dayText(b.dueDate),
        b.eventAt ? t('page.breaches.done', { at: instantText(b.eventAt), days: b.businessDays }) : t('page.breaches.missing'),
      ];
    });
    return [
      table(
        t('page.breaches.caption'),
        ['reference', 'clock', 'service', 'due', 'done'].map(function (h) {
          return t('page.breaches.columns.' + h);
        }),
        rows,
        { scrollable: true },
      ),
      breaches.truncated ? el('p', { class: 'hint' }, t('page.breaches.truncated', { shown: breaches.items.length, total: breaches.total })) : null,
    ];
  }

  function conversationsView(v) {
    var dl = el('dl', { class: 'counts' });
    [
      ['conversations', num(v.conversations)],
      ['messagesIn', num(v.messagesIn)],
      ['messagesOut', num(v.messagesOut)],
      ['faqAnswered', num(v.faq.answered)],
      ['notUnderstood', num(v.notUnderstood.count) + ' (' + pct(v.notUnderstood.percent) + ')'],
      ['handoffs', num(v.handoffs.count)],
      ['examIncidents', num(v.examIncidents.total)],
    ].forEach(function (p) {
      append(dl, el('div', {}, el('dt', {}, t('page.conversations.' + p[0])), el('dd', {}, p[1])));
    });
    var parts = [dl];
    if (v.faq.topEntries.length) {
      parts.push(
        table(
          t('page.conversations.topEntries'),
          [t('page.conversations.entry'), t('page.conversations.answers'), t('page.conversations.helpfulRate')],
          v.faq.topEntries.map(function (e) {
            return [faqTitle(e.entryId), num(e.answers), e.responses ? pct(e.helpfulPercent) + ' (' + e.responses + ')' : '—'];
          }),
          { rowHeaders: true, numeric: [1, 2] },
        ),
      );
    }
    if (v.faq.feedback.length) {
      parts.push(
        table(
          t('page.conversations.feedback'),
          [
            t('page.conversations.entry'),
            t('page.conversations.helpful'),
            t('page.conversations.notHelpful'),
            t('page.conversations.helpfulRate'),
            t('page.conversations.responseRate'),
          ],
          v.faq.feedback.map(function (e) {
            return [faqTitle(e.entryId), num(e.helpful), num(e.notHelpful), pct(e.helpfulPercent), pct(e.responsePercent)];
          }),
          { rowHeaders: true, numeric: [1, 2, 3, 4] },
        ),
      );
    }
    if (v.notUnderstood.examples.length) {
      parts.push(
        table(
          t('page.conversations.examples'),
          [t('page.conversations.example'), t('page.conversations.occurrences')],
          v.notUnderstood.examples.map(function (e) {
            return [e.text, num(e.n)];
          }),
          { numeric: [1] },
        ),
      );
    }
    parts.push(
      el(
        'div',
        { class: 'two-columns' },
        table(
          t('page.incidents.byKind'),
          [t('page.incidents.kind'), t('page.incidents.count')],
          v.examIncidents.byKind.map(function (k) {
            return [label('kinds', k.key), num(k.n)];
          }),
          { rowHeaders: true, numeric: [1] },
        ),
        table(
          t('page.incidents.byRoute'),
          [t('page.incidents.route'), t('page.incidents.count')],
          v.examIncidents.byRoute.map(function (k) {
            return [label('routes', k.key), num(k.n)];
          }),
          { rowHeaders: true, numeric: [1] },
        ),
      ),
    );
    return section('conversations', t('page.conversations.title'), parts);
  }

  /** Complaints closed in the period by outcome: fondée, partiellement fondée, non fondée (and not recorded, for older ones). */
  function outcomesView(outcomes) {
    var keys = ['founded', 'partlyFounded', 'unfounded', 'unspecified'];
    var total = keys.reduce(function (n, k) {
      return n + (outcomes[k] || 0);
    }, 0);
    if (!total) return el('p', {}, t('page.outcomes.none'));
    return table(
      t('page.outcomes.caption'),
      [t('page.outcomes.outcome'), t('page.outcomes.count'), t('page.outcomes.share')],
      keys
        .filter(function (k) {
          return k !== 'unspecified' || outcomes[k];
        })
        .map(function (k) {
          return [label('outcomes', k), num(outcomes[k] || 0), pct(((outcomes[k] || 0) / total) * 100)];
        }),
      { numeric: [1, 2], rowHeaders: true },
    );
  }

  /** The one-question survey's rates beside what the declaration commits to (it publishes no satisfaction target). */
  function satisfactionView(s) {
    var c = S.commitments || {};
    var sat = function (key, vars) {
      return t('satisfaction.' + key, vars);
    };
    var rating = function (f) {
      return f.responses ? pct(f.percentSatisfied) : '—';
    };
    var serviceLabel = function (b) {
      if (b.source === 'complaint') return label('services', b.service);
      return (S.faqTitles && S.faqTitles[b.service]) || label('satisfactionTopics', b.service);
    };
    var cols = function (first) {
      return [first, 'responses', 'percent', 'mean', 'distribution'].map(function (k) {
        return sat('columns.' + k);
      });
    };
    var cells = function (f) {
      return [num(f.responses), rating(f), num(f.meanRating), f.distribution.join(' · ')];
    };
    var dl = el('dl', { class: 'counts' });
    [
      ['responses', num(s.totals.responses)],
      ['percent', rating(s.totals)],
      ['mean', num(s.totals.meanRating)],
      ['comments', num(s.totals.comments)],
    ].forEach(function (p) {
      append(dl, el('div', {}, el('dt', {}, sat(p[0])), el('dd', {}, p[1])));
    });
    var commitments = el(
      'div',
      { class: 'commitments', role: 'note', 'aria-labelledby': 'commitments-title' },
      el('h3', { id: 'commitments-title' }, sat('commitmentsTitle')),
      el('p', {}, c.intro),
      el(
        'ul',
        {},
        (c.items || []).map(function (item) {
          return el('li', {}, item);
        }),
      ),
      c.noTarget ? el('p', {}, el('strong', {}, c.noTarget)) : null,
      el('p', {}, c.rateDefinition),
      el(
        'p',
        { class: 'hint' },
        sat('sources', {
          list: (c.sources || [])
            .map(function (x) {
              return x.document + ' (' + x.section + ')';
            })
            .join('; '),
        }),
      ),
    );
    var parts = [dl, commitments];
    if (!s.totals.responses) parts.push(el('p', {}, sat('none')));
    else {
      parts.push(
        table(
          sat('byMonth'),
          cols('month'),
          s.byMonth.map(function (m) {
            return [monthLabel(m.label)].concat(cells(m.figures));
          }),
          { rowHeaders: true, numeric: [1, 2, 3], scrollable: true },
        ),
        table(
          sat('bySource'),
          cols('source'),
          s.bySource.map(function (b) {
            return [label('satisfactionSources', b.source)].concat(cells(b.figures));
          }),
          { rowHeaders: true, numeric: [1, 2, 3], scrollable: true },
        ),
        table(
          sat('byService'),
          cols('service'),
          s.byService.map(function (b) {
            return [serviceLabel(b)].concat(cells(b.figures));
          }),
          { rowHeaders: true, numeric: [1, 2, 3], scrollable: true },
        ),
      );
      if (s.comments.length) {
        parts.push(
          table(
            sat('latestComments'),
            [sat('columns.date'), sat('columns.service'), sat('columns.rating'), sat('columns.comment')],
            s.comments.map(function (m) {
              return [instantText(m.ratedAt), serviceLabel(m), num(m.rating), el('span', { class: 'citizen-text' }, m.text)];
            }),
            { scrollable: true },
          ),
        );
      }
    }
    return section('satisfaction', sat('title'), parts);
  }

  function remindersView(r) {
    var rows = r.byLevel.map(function (l) {
      return [label('levels', l.level), num(l.raised), num(l.sent), num(l.superseded)];
    });
    return section(
      'reminders',
      t('page.reminders.title'),
      table(
        t('page.reminders.caption'),
        [t('page.reminders.level'), t('page.reminders.raised'), t('page.reminders.sent'), t('page.reminders.superseded')],
        rows,
        { rowHeaders: true, numeric: [1, 2, 3] },
      ),
      el('p', {}, t('page.reminders.digests', r.digests)),
      el('p', {}, r.outbox.failing ? t('page.outbox.failing', { count: r.outbox.failing }) : t('page.outbox.ok', { count: r.outbox.queued })),
    );
  }

  // ---------- exports (managers) ----------
  function exportsSection() {
    var semicolon = el('input', { type: 'checkbox', id: 'export-semicolon', checked: lang === 'fr' });
    var personal = el('input', { type: 'checkbox', id: 'export-personal', 'aria-describedby': 'export-personal-help' });
    var sectionSelect = el(
      'select',
      { id: 'export-section' },
      ['complaints', 'breaches', 'outcomes', 'conversations'].map(function (s) {
        return el('option', { value: s }, t('page.exports.sections.' + s));
      }),
      el('option', { value: 'satisfaction' }, t('satisfaction.exportSection')),
    );
    var periodHint = el('p', { class: 'hint' }, t('page.exports.periodHint'));
    function query(extra) {
      var fy = document.getElementById('fiscal-year');
      var month = document.getElementById('month');
      var parts = ['lang=' + lang];
      if (semicolon.checked) parts.push('delimiter=semicolon');
      var period = month && month.value ? 'period=' + encodeURIComponent(month.value) : fy ? 'fiscalYear=' + encodeURIComponent(fy.value) : '';
      return parts.concat(extra(period)).filter(Boolean).join('&');
    }
    function rangeOf() {
      var month = document.getElementById('month');
      var fy = document.getElementById('fiscal-year');
      if (month && month.value) {
        var p = month.value.split('-');
        var last = new Date(Date.UTC(Number(p[0]), Number(p[1]), 0)).getUTCDate();
        return ['from=' + month.value + '-01', 'to=' + month.value + '-' + String(last).padStart(2, '0')];
      }
      var start = Number((fy ? fy.value : String(currentFiscalYearStart())).slice(0, 4));
      return ['from=' + start + '-04-01', 'to=' + (start + 1) + '-03-31'];
    }
    var buttons = [
      [
        'complaintsCsv',
        function () {
          return (
            '/api/admin/exports/complaints?' +
            query(function () {
              return rangeOf().concat(['format=csv', personal.checked ? 'includePersonal=true' : '']);
            })
          );
        },
      ],
      [
        'complaintsJson',
        function () {
          return (
            '/api/admin/exports/complaints?' +
            query(function () {
              return rangeOf().concat(['format=json', personal.checked ? 'includePersonal=true' : '']);
            })
          );
        },
      ],
      [
        'statsCsv',
        function () {
          return (
            '/api/admin/exports/statistics?' +
            query(function (period) {
              return [period, 'format=csv', 'section=' + sectionSelect.value];
            })
          );
        },
      ],
      [
        'incidentsCsv',
        function () {
          return (
            '/api/admin/exports/incidents?' +
            query(function () {
              return rangeOf().concat(['format=csv']);
            })
          );
        },
      ],
    ].map(function (b) {
      return el(
        'button',
        {
          type: 'button',
          class: 'button-secondary',
          onclick: function () {
            download(b[1]());
          },
        },
        t('page.exports.' + b[0]),
      );
    });
    return section(
      'exports',
      t('page.exports.title'),
      periodHint,
      el('div', { class: 'field-inline' }, semicolon, el('label', { for: 'export-semicolon' }, t('page.exports.semicolon'))),
      el('div', { class: 'field-inline' }, personal, el('label', { for: 'export-personal' }, t('page.exports.includePersonal'))),
      el('p', { id: 'export-personal-help', class: 'hint' }, t('page.exports.includePersonalHelp')),
      el('div', { class: 'field' }, el('label', { for: 'export-section' }, t('page.exports.section')), sectionSelect),
      el('div', { class: 'button-row' }, buttons),
    );
  }

  function download(path) {
    say(t('page.exports.downloading'));
    request(path, { raw: true })
      .then(function (res) {
        var disposition = res.headers.get('Content-Disposition') || '';
        var match = /filename="([^"]+)"/.exec(disposition);
        var name = match ? match[1] : 'export';
        return res.blob().then(function (blob) {
          var url = URL.createObjectURL(blob);
          var a = el('a', { href: url, download: name, class: 'visually-hidden' }, name);
          document.body.appendChild(a);
          a.click();
          window.setTimeout(function () {
            URL.revokeObjectURL(url);
            a.remove();
          }, 1000);
          say(t('page.exports.done', { file: name }));
        });
      })
      .catch(function (err) {
        showError(errorText(err));
      });
  }

  // ---------- complaint list (staff) ----------
  function renderList(fromDashboard, mine) {
    setTitle(mine ? t('officerPage.mine.title') : t('page.list.title'));
    view.textContent = '';
    if (fromDashboard) append(view, el('p', { class: 'hint' }, t('page.managerOnly')));
    var params = new URLSearchParams(window.location.search);
    var status = el(
      'select',
      { id: 'filter-status', name: 'status' },
      el('option', { value: '' }, t('page.list.allStatuses')),
      el('option', { value: 'received,contacted,answered' }, t('page.list.openStatuses')),
      Object.keys(S.statuses || {}).map(function (k) {
        return el('option', { value: k }, label('statuses', k));
      }),
    );
    var service = el(
      'select',
      { id: 'filter-service', name: 'service' },
      el('option', { value: '' }, t('page.list.allServices')),
      Object.keys(S.services || {}).map(function (k) {
        return el('option', { value: k }, label('services', k));
      }),
    );
    var atRisk = el('input', { type: 'checkbox', id: 'filter-at-risk', name: 'atRisk' });
    var overdue = el('input', { type: 'checkbox', id: 'filter-overdue', name: 'overdue' });
    var from = el('input', { type: 'date', id: 'filter-from', name: 'from' });
    var to = el('input', { type: 'date', id: 'filter-to', name: 'to' });
    var search = el('input', { type: 'search', id: 'filter-q', name: 'q', maxlength: '200', 'aria-describedby': 'filter-q-help' });
    var assignment = el(
      'select',
      { id: 'filter-assignment', name: 'assignment' },
      el('option', { value: '' }, t('officerPage.list.allAssignments')),
      el('option', { value: 'me' }, t('officerPage.list.mine')),
      el('option', { value: 'none' }, t('officerPage.list.unassigned')),
    );
    loadStaff().then(function (members) {
      members.forEach(function (m) {
        append(assignment, el('option', { value: 'name:' + m.name }, t('officerPage.list.assignedToName', { name: m.name })));
      });
      if (params.get('assignedTo') && params.get('assignedTo') !== 'me') assignment.value = 'name:' + params.get('assignedTo');
    });
    search.value = params.get('q') || '';
    assignment.value = mine || params.get('assignedTo') === 'me' ? 'me' : params.get('unassigned') === 'true' ? 'none' : '';
    status.value = params.get('status') || 'received,contacted,answered';
    service.value = params.get('service') || '';
    atRisk.checked = params.get('atRisk') === 'true';
    overdue.checked = params.get('overdue') === 'true';
    var form = el(
      'form',
      { class: 'filters', novalidate: true },
      el(
        'fieldset',
        {},
        el('legend', {}, t('page.list.filters')),
        el(
          'div',
          { class: 'field' },
          el('label', { for: 'filter-q' }, t('officerPage.list.search')),
          el('p', { id: 'filter-q-help', class: 'hint' }, t('officerPage.list.searchHelp')),
          search,
        ),
        el('div', { class: 'field' }, el('label', { for: 'filter-assignment' }, t('officerPage.list.assignment')), assignment),
        el('div', { class: 'field' }, el('label', { for: 'filter-status' }, t('page.list.status')), status),
        el('div', { class: 'field' }, el('label', { for: 'filter-service' }, t('page.list.service')), service),
        el('div', { class: 'field-inline' }, atRisk, el('label', { for: 'filter-at-risk' }, t('page.list.atRisk'))),
        el('div', { class: 'field-inline' }, overdue, el('label', { for: 'filter-overdue' }, t('page.list.overdue'))),
        el('div', { class: 'field' }, el('label', { for: 'filter-from' }, t('page.list.from')), from),
        el('div', { class: 'field' }, el('label', { for: 'filter-to' }, t('page.list.to')), to),
        el('button', { type: 'submit' }, t('page.list.submit')),
      ),
    );
    var results = el('div', { id: 'results' });
    append(view, outboxBox, form, results);
    function load() {
      var q = [];
      if (status.value) q.push('status=' + encodeURIComponent(status.value));
      if (service.value) q.push('service=' + encodeURIComponent(service.value));
      if (atRisk.checked) q.push('atRisk=true');
      if (overdue.checked) q.push('overdue=true');
      if (from.value) q.push('from=' + encodeURIComponent(from.value));
      if (to.value) q.push('to=' + encodeURIComponent(to.value));
      if (search.value.trim()) q.push('q=' + encodeURIComponent(search.value.trim()));
      if (assignment.value === 'me') q.push('assignedTo=me');
      else if (assignment.value === 'none') q.push('unassigned=true');
      else if (assignment.value.indexOf('name:') === 0) q.push('assignedTo=' + encodeURIComponent(assignment.value.slice(5)));
      results.setAttribute('aria-busy', 'true');
      request('/api/admin/complaints?' + q.join('&'))
        .then(function (page) {
          showError('');
          results.textContent = '';
          results.removeAttribute('aria-busy');
          if (!page.items.length) {
            var none = assignment.value === 'me' ? t('officerPage.mine.none') : t('page.list.none');
            append(results, el('p', {}, none));
            return say(none);
          }
          var rows = page.items.map(function (c) {
            return [
              complaintLink(c.reference),
              label('statuses', c.status),
              label('services', c.service),
              when(c.receivedAt),
              c.assignedTo || '—',
              clockCell(c.clocks.firstContact),
              clockCell(c.clocks.answer),
            ];
          });
          append(
            results,
            table(
              t('page.list.caption', { count: page.items.length }),
              ['reference', 'status', 'service', 'received', 'assignedTo', 'firstContact', 'answer'].map(function (h) {
                return h === 'assignedTo' ? t('officerPage.columns.assignedTo') : t('page.columns.' + h);
              }),
              rows,
              { scrollable: true },
            ),
          );
          if (page.more) append(results, el('p', { class: 'hint' }, t('page.list.more')));
          say(t('page.list.caption', { count: page.items.length }));
        })
        .catch(function (err) {
          results.removeAttribute('aria-busy');
          showError(errorText(err));
        });
    }
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      load();
    });
    load();
  }

  function complaintLink(reference) {
    return el('a', { href: '/admin/complaints/' + encodeURIComponent(reference) + langQuery, class: 'ref' }, reference);
  }

  function clockCell(status) {
    var count = status.businessDaysLeft !== undefined ? status.businessDaysLeft : status.businessDaysLate !== undefined ? status.businessDaysLate : 0;
    var urgent = status.state === 'overdue' || status.state === 'dueToday' || status.state === 'atRisk';
    return el(
      'span',
      { class: 'clock clock-' + status.state },
      urgent ? el('strong', {}, t('clockState.' + status.state, { count: count })) : t('clockState.' + status.state, { count: count }),
      el('br'),
      el('span', { class: 'hint' }, t('page.clock.due', { date: status.dueDate })),
    );
  }

  // ---------- one complaint (the reminder e-mails link here) ----------
  // The first contact is recorded as a contact attempt (contactView), closing with its outcome (closeView).
  var ACTIONS = {
    received: ['answer', 'abandon'],
    contacted: ['answer', 'abandon'],
    answered: ['abandon'],
    closed: [],
    abandoned: [],
  };

  function renderComplaint(reference, message) {
    setTitle(t('page.detail.title', { reference: reference }));
    view.textContent = '';
    append(view, outboxBox);
    request('/api/admin/complaints/' + encodeURIComponent(reference))
      .then(function (c) {
        showError('');
        setTitle(t('page.detail.title', { reference: c.reference }));
        view.textContent = '';
        append(view, outboxBox, el('p', {}, el('a', { href: '/admin/complaints' + langQuery }, t('page.detail.back'))), complaintView(c));
        if (message) {
          say(message);
          title.focus();
        }
      })
      .catch(function (err) {
        showError(errorText(err));
      });
  }

  function complaintView(c) {
    var fields = el('dl', { class: 'fields' });
    function field(name, value, className) {
      append(
        fields,
        el(
          'div',
          {},
          el('dt', {}, t('fields.' + name)),
          el('dd', { class: className || null }, value === null || value === undefined || value === '' ? '—' : value),
        ),
      );
    }
    field('status', label('statuses', c.status));
    field('service', label('services', c.service));
    field('receivedAt', when(c.receivedAt));
    if (c.anonymized) {
      append(fields, el('div', {}, el('dt', {}, t('fields.name')), el('dd', {}, t('fields.anonymized'))));
    } else {
      field('name', c.name);
      field('contact', label('contactMethods', c.contactMethod) + ' — ' + (c.contactDisplay || c.contactValue));
    }
    field('incidentDate', c.incidentDate);
    if (c.status === 'closed') {
      append(fields, el('div', {}, el('dt', {}, t('officerPage.detail.outcome')), el('dd', {}, label('outcomes', c.outcome || 'unspecified'))));
      if (c.correctiveMeasures)
        append(fields, el('div', {}, el('dt', {}, t('officerPage.detail.measures')), el('dd', { class: 'citizen-text' }, c.correctiveMeasures)));
    }
    if (!c.anonymized) {
      field('description', c.description, 'citizen-text');
      field('desiredOutcome', c.desiredOutcome, 'citizen-text');
    }
    var clocks = el(
      'dl',
      { class: 'fields' },
      el('div', {}, el('dt', {}, t('fields.firstContactClock')), el('dd', {}, clockCell(c.clocks.firstContact))),
      el('div', {}, el('dt', {}, t('fields.answerClock')), el('dd', {}, clockCell(c.clocks.answer))),
    );
    var history = table(
      t('page.detail.history'),
      [t('page.detail.when'), t('page.detail.what'), t('page.detail.who'), t('page.detail.note')],
      c.history.map(function (e) {
        return [when(e.occurredAt), eventText(e), e.actor, e.note ? el('span', { class: 'citizen-text' }, e.note) : '—'];
      }),
      { scrollable: true },
    );
    return [
      section('complaint', t('page.detail.information'), fields),
      section('clocks', t('page.detail.clocks'), clocks),
      assignmentView(c),
      contactView(c),
      actionsView(c),
      closeView(c),
      section('history', t('fields.history'), history),
    ];
  }

  function actionsView(c) {
    var allowed = ACTIONS[c.status] || [];
    var note = el('textarea', { id: 'note', name: 'note', rows: '3', maxlength: '2000', 'aria-describedby': 'note-help' });
    var help = el('p', { id: 'note-help', class: 'hint' }, t('page.detail.noteHelp'));
    var buttons = allowed.map(function (action) {
      return el(
        'button',
        {
          type: 'button',
          class: action === 'abandon' ? 'button-secondary' : null,
          onclick: function () {
            act(c, action, note.value);
          },
        },
        t('page.detail.actions.' + action),
      );
    });
    buttons.push(
      el(
        'button',
        {
          type: 'button',
          class: 'button-secondary',
          onclick: function () {
            act(c, 'notes', note.value);
          },
        },
        t('page.detail.actions.notes'),
      ),
    );
    return section(
      'actions',
      t('page.detail.actionsTitle'),
      allowed.length ? null : el('p', {}, t('page.detail.final', { status: label('statuses', c.status) })),
      el('div', { class: 'field' }, el('label', { for: 'note' }, t('page.detail.noteLabel')), help, note),
      el('div', { class: 'button-row' }, buttons),
    );
  }

  function act(c, action, noteValue) {
    var note = noteValue.trim();
    if ((action === 'abandon' || action === 'notes') && !note) {
      showError(t('page.errors.noteRequired'));
      document.getElementById('note').focus();
      return;
    }
    if ((action === 'close' || action === 'abandon') && !window.confirm(t('page.detail.confirm.' + action, { reference: c.reference }))) return;
    request('/api/admin/complaints/' + encodeURIComponent(c.reference) + '/' + action, { method: 'POST', body: note ? { note: note } : {} })
      .then(function () {
        showError('');
        loadOutbox();
        renderComplaint(c.reference, t('page.detail.done.' + action, { reference: c.reference }));
      })
      .catch(function (err) {
        showError(errorText(err));
      });
  }

  // ---------- officers: staff list, history wording, assignment, contact attempts, closing ----------
  var staffList = null;
  function loadStaff() {
    if (staffList) return Promise.resolve(staffList);
    return request('/api/admin/staff')
      .then(function (r) {
        staffList = r.items;
        return staffList;
      })
      .catch(function () {
        return [];
      });
  }

  function eventText(e) {
    if (e.type === 'contact_attempt')
      return t('officerHistory.contactAttempt', { channel: label('contactChannels', e.contactChannel), result: label('contactResults', e.contactResult) });
    if (e.type === 'assigned')
      return e.previousAssignee
        ? t('officerHistory.reassigned', { from: e.previousAssignee, to: e.assignee })
        : t('officerHistory.assigned', { to: e.assignee });
    if (e.type === 'unassigned') return t('officerHistory.unassigned', { from: e.previousAssignee || '—' });
    return label('events', e.type);
  }

  /** POSTs a step, then shows the complaint (or incident) again with a message; errors go to the alert region. */
  function post(path, body, after) {
    return request(path, { method: 'POST', body: body })
      .then(function (result) {
        showError('');
        loadOutbox();
        after(result);
      })
      .catch(function (err) {
        showError(errorText(err));
      });
  }
  function complaintPath(c, step) {
    return '/api/admin/complaints/' + encodeURIComponent(c.reference) + '/' + step;
  }
  function radios(name, legend, options, checked) {
    return el(
      'fieldset',
      { class: 'radios' },
      el('legend', {}, legend),
      options.map(function (o) {
        var id = name + '-' + o[0];
        return el('div', { class: 'field-inline' }, el('input', { type: 'radio', name: name, id: id, value: o[0], checked: o[0] === checked }), el('label', { for: id }, o[1]));
      }),
    );
  }
  function checkedValue(name) {
    var input = document.querySelector('input[name="' + name + '"]:checked');
    return input ? input.value : '';
  }

  function assignmentView(c) {
    var final = c.status === 'closed' || c.status === 'abandoned';
    var current = el(
      'p',
      { id: 'assigned-to' },
      c.assignedTo ? t('officerPage.detail.assignedTo', { name: c.assignedTo, since: when(c.assignedAt) }) : t('officerPage.detail.unassigned'),
    );
    if (final) return section('assignment', t('officerPage.detail.assignTitle'), current);
    var select = el('select', { id: 'officer' }, el('option', { value: '' }, t('officerPage.detail.officerLabel')));
    loadStaff().then(function (members) {
      members.forEach(function (m) {
        append(select, el('option', { value: m.name, selected: m.name === c.assignedTo }, m.name));
      });
    });
    function assign(officer) {
      post(complaintPath(c, 'assign'), { officer: officer }, function (updated) {
        renderComplaint(
          c.reference,
          updated.assignedTo
            ? t('officerPage.detail.done.assigned', { reference: c.reference, name: updated.assignedTo })
            : t('officerPage.detail.done.unassigned', { reference: c.reference }),
        );
      });
    }
    var buttons = [
      el(
        'button',
        {
          type: 'button',
          onclick: function () {
            if (!select.value) {
              showError(t('officerPage.errors.officerRequired'));
              return select.focus();
            }
            assign(select.value);
          },
        },
        t('officerPage.detail.assign'),
      ),
    ];
    if (c.assignedTo !== me.name)
      buttons.push(el('button', { type: 'button', class: 'button-secondary', onclick: function () { assign('me'); } }, t('officerPage.detail.assignMe')));
    if (c.assignedTo)
      buttons.push(el('button', { type: 'button', class: 'button-secondary', onclick: function () { assign(null); } }, t('officerPage.detail.unassign')));
    return section(
      'assignment',
      t('officerPage.detail.assignTitle'),
      current,
      el('div', { class: 'field' }, el('label', { for: 'officer' }, t('officerPage.detail.officerLabel')), select),
      el('div', { class: 'button-row' }, buttons),
    );
  }

  function contactView(c) {
    if (c.status === 'closed' || c.status === 'abandoned') return null;
    var note = el('textarea', { id: 'contact-note', rows: '2', maxlength: '2000' });
    return section(
      'contact',
      t('officerPage.detail.contactTitle'),
      el('p', { class: 'hint', id: 'contact-help' }, t('officerPage.detail.contactHelp')),
      radios('contact-channel', t('officerPage.detail.channel'), [['phone', label('contactChannels', 'phone')], ['email', label('contactChannels', 'email')]], c.contactMethod),
      radios('contact-result', t('officerPage.detail.result'), [['reached', label('contactResults', 'reached')], ['leftMessage', label('contactResults', 'leftMessage')]], ''),
      el('div', { class: 'field' }, el('label', { for: 'contact-note' }, t('officerPage.detail.contactNoteLabel')), note),
      el(
        'div',
        { class: 'button-row' },
        el(
          'button',
          {
            type: 'button',
            id: 'record-attempt',
            onclick: function () {
              var result = checkedValue('contact-result');
              if (!result) {
                showError(t('officerPage.errors.resultRequired'));
                return document.getElementById('contact-result-reached').focus();
              }
              var body = { channel: checkedValue('contact-channel') || c.contactMethod, result: result };
              if (note.value.trim()) body.note = note.value.trim();
              post(complaintPath(c, 'contact-attempts'), body, function (updated) {
                var key = result === 'leftMessage' ? 'leftMessage' : c.firstContactAt ? 'reachedAgain' : 'reached';
                renderComplaint(c.reference, t('officerPage.detail.done.' + key, { reference: updated.reference }));
              });
            },
          },
          t('officerPage.detail.recordAttempt'),
        ),
      ),
    );
  }

  function closeView(c) {
    if (c.status !== 'answered') return null;
    var outcome = el(
      'select',
      { id: 'outcome' },
      el('option', { value: '' }, t('officerPage.detail.chooseOutcome')),
      ['founded', 'partlyFounded', 'unfounded'].map(function (o) {
        return el('option', { value: o }, label('outcomes', o));
      }),
    );
    var measures = el('textarea', { id: 'measures', rows: '3', maxlength: '4000', 'aria-describedby': 'measures-help' });
    return section(
      'closing',
      t('officerPage.detail.closeTitle'),
      el('div', { class: 'field' }, el('label', { for: 'outcome' }, t('officerPage.detail.outcomeLabel')), outcome),
      el(
        'div',
        { class: 'field' },
        el('label', { for: 'measures' }, t('officerPage.detail.measuresLabel')),
        el('p', { id: 'measures-help', class: 'hint' }, t('officerPage.detail.measuresHelp')),
        measures,
      ),
      el(
        'div',
        { class: 'button-row' },
        el(
          'button',
          {
            type: 'button',
            onclick: function () {
              if (!outcome.value) {
                showError(t('officerPage.errors.outcomeRequired'));
                return outcome.focus();
              }
              if (outcome.value !== 'unfounded' && !measures.value.trim()) {
                showError(t('officerPage.errors.measuresRequired'));
                return measures.focus();
              }
              var name = label('outcomes', outcome.value);
              if (!window.confirm(t('officerPage.detail.confirmClose', { reference: c.reference, outcome: name }))) return;
              var body = { outcome: outcome.value };
              if (measures.value.trim()) body.correctiveMeasures = measures.value.trim();
              post(complaintPath(c, 'close'), body, function () {
                renderComplaint(c.reference, t('officerPage.detail.done.close', { reference: c.reference, outcome: name }));
              });
            },
          },
          t('officerPage.detail.close'),
        ),
      ),
    );
  }

  // ---------- exam incidents ----------
  var INCIDENT_STEPS = { open: ['take', 'resolve', 'notes'], inProgress: ['resolve', 'notes'], resolved: ['notes'] };

  function incidentLink(reference) {
    return el('a', { href: '/admin/incidents/' + encodeURIComponent(reference) + langQuery }, reference);
  }

  function renderIncidents() {
    setTitle(t('officerPage.incidents.title'));
    view.textContent = '';
    var status = el(
      'select',
      { id: 'incident-status' },
      el('option', { value: 'open,inProgress' }, t('officerPage.incidents.notResolved')),
      el('option', { value: '' }, t('officerPage.incidents.allStatuses')),
      ['open', 'inProgress', 'resolved'].map(function (k) {
        return el('option', { value: k }, label('incidentStatus', k));
      }),
    );
    var mine = el('input', { type: 'checkbox', id: 'incident-mine' });
    var form = el(
      'form',
      { class: 'filters', novalidate: true },
      el(
        'fieldset',
        {},
        el('legend', {}, t('officerPage.incidents.filters')),
        el('div', { class: 'field' }, el('label', { for: 'incident-status' }, t('officerPage.incidents.status')), status),
        el('div', { class: 'field-inline' }, mine, el('label', { for: 'incident-mine' }, t('officerPage.incidents.mine'))),
        el('button', { type: 'submit' }, t('officerPage.incidents.submit')),
      ),
    );
    var results = el('div', { id: 'results' });
    append(view, outboxBox, form, results);
    function load() {
      var q = [];
      if (status.value) q.push('status=' + encodeURIComponent(status.value));
      if (mine.checked) q.push('assignedTo=me');
      request('/api/admin/incidents?' + q.join('&'))
        .then(function (page) {
          showError('');
          results.textContent = '';
          if (!page.items.length) {
            append(results, el('p', {}, t('officerPage.incidents.none')));
            return say(t('officerPage.incidents.none'));
          }
          var caption = t('officerPage.incidents.caption', { count: page.items.length });
          append(
            results,
            table(
              caption,
              ['reference', 'createdAt', 'kind', 'priority', 'status', 'takenBy'].map(function (h) {
                return t('officerPage.incidents.columns.' + h);
              }),
              page.items.map(function (i) {
                return [incidentLink(i.reference), when(i.createdAt), label('kinds', i.problemKind), label('priorities', i.priority), label('incidentStatus', i.status), i.assignedTo || '—'];
              }),
              { scrollable: true },
            ),
          );
          if (page.more) append(results, el('p', { class: 'hint' }, t('officerPage.incidents.more')));
          say(caption);
        })
        .catch(function (err) {
          showError(errorText(err));
        });
    }
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      load();
    });
    load();
  }

  function renderIncident(reference, message) {
    setTitle(t('officerPage.incidents.detailTitle', { reference: reference }));
    view.textContent = '';
    request('/api/admin/incidents/' + encodeURIComponent(reference))
      .then(function (i) {
        showError('');
        setTitle(t('officerPage.incidents.detailTitle', { reference: i.reference }));
        view.textContent = '';
        var fields = el('dl', { class: 'fields' });
        function field(name, value) {
          append(fields, el('div', {}, el('dt', {}, name), el('dd', {}, value === null || value === undefined || value === '' ? '—' : value)));
        }
        field(t('fields.status'), label('incidentStatus', i.status));
        field(t('officerPage.incidents.columns.createdAt'), when(i.createdAt));
        field(t('officerPage.incidents.columns.kind'), label('kinds', i.problemKind));
        field(t('officerPage.incidents.columns.priority'), label('priorities', i.priority));
        field(t('officerPage.incidents.examInProgress'), i.examInProgress ? t('officerPage.yes') : t('officerPage.no'));
        field(t('officerPage.incidents.examName'), i.examName);
        field(t('officerPage.incidents.problemAt'), i.problemAt ? when(i.problemAt) : null);
        field(t('officerPage.incidents.device'), [i.device, i.browser].filter(Boolean).join(' · '));
        field(t('officerPage.incidents.route'), label('routes', i.route));
        field(t('officerPage.incidents.takenBy'), i.assignedTo ? i.assignedTo + ' (' + when(i.takenAt) + ')' : null);
        field(t('officerPage.incidents.resolvedAt'), i.resolvedAt ? when(i.resolvedAt) : null);
        var note = el('textarea', { id: 'incident-note', rows: '3', maxlength: '2000', 'aria-describedby': 'incident-note-help' });
        var buttons = (INCIDENT_STEPS[i.status] || []).map(function (step) {
          return el(
            'button',
            {
              type: 'button',
              class: step === 'notes' ? 'button-secondary' : null,
              onclick: function () {
                var text = note.value.trim();
                if (step !== 'take' && !text) {
                  showError(t('page.errors.noteRequired'));
                  return note.focus();
                }
                post('/api/admin/incidents/' + encodeURIComponent(i.reference) + '/' + step, text ? { note: text } : {}, function () {
                  renderIncident(i.reference, t('officerPage.incidents.done.' + step, { reference: i.reference }));
                });
              },
            },
            t('officerPage.incidents.' + step),
          );
        });
        var history = table(
          t('officerPage.incidents.historyCaption'),
          [t('page.detail.when'), t('page.detail.what'), t('page.detail.who'), t('page.detail.note')],
          i.history.map(function (e) {
            return [when(e.occurredAt), label('incidentEvents', e.type), e.actor, e.note ? el('span', { class: 'citizen-text' }, e.note) : '—'];
          }),
          { scrollable: true },
        );
        append(
          view,
          outboxBox,
          el('p', {}, el('a', { href: '/admin/incidents' + langQuery }, t('officerPage.incidents.back'))),
          section('incident', t('officerPage.incidents.information'), fields),
          section(
            'incident-actions',
            t('officerPage.incidents.actionsTitle'),
            el(
              'div',
              { class: 'field' },
              el('label', { for: 'incident-note' }, t('officerPage.incidents.noteLabel')),
              el('p', { id: 'incident-note-help', class: 'hint' }, t('officerPage.incidents.noteHelp')),
              note,
            ),
            el('div', { class: 'button-row' }, buttons),
          ),
          section('incident-history', t('fields.history'), history),
        );
        if (message) {
          say(message);
          title.focus();
        }
      })
      .catch(function (err) {
        showError(errorText(err));
      });
  }

  // ---------- start ----------
  var existing = token();
  if (!existing) showLogin();
  else {
    request('/api/admin/me')
      .then(start)
      .catch(function (err) {
        if (!(err instanceof ApiError && err.status === 401)) showLogin(errorText(err));
      });
  }
})();

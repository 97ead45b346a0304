// The instructor's pages: sign in with the instructor token; make an assessment from a
// template and copy the candidate's invitation (the link and the access code); the
// assessments, filtered, with their exports (JSON, CSV); the templates, with the ones that do
// not load and why; the problems with their verification state; and each report as a page.

import { get, post, request, tokens } from './api.js';
import { alertError, announce, clear, h, showSignedIn, signInForm, span, table, when, words } from './ui.js';
import { renderReport } from './report.js';
import { languageName } from './workspace.js';

const main = document.getElementById('main');
const store = tokens.instructor;

function signIn() {
  clear(main, h('h1', {}, 'Instructor'), signInForm({
    title: 'Sign in as the instructor',
    intro: 'The instructor token is the one the service printed when it started (MOCKJUDGE_ADMIN_TOKEN). This tab keeps it until you close it or sign out; it is never put in a link.',
    label: 'Instructor token',
    button: 'Sign in',
    check: async (token) => {
      await get(token, '/v1/assessment-templates');
      store.set(token);
      start();
    },
  }));
}

// Copies `text` to the clipboard, or selects `field` for a copy by hand where the browser
// does not let the page write the clipboard.
async function copy(text, field, status, what) {
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = 'Copied ' + what + '.';
  } catch {
    if (field) {
      field.focus();
      field.select();
    }
    status.textContent = 'This browser did not let the page copy; ' + what + ' is selected: press Ctrl+C (⌘C) to copy it.';
  }
  status.dataset.copied = text;
}

function invitation(created) {
  const a = created.assessment;
  const link = location.origin + '/assessments/' + a.id;
  const status = h('p', { id: 'copy-status', role: 'status' });
  const linkField = h('input', { id: 'invite-link', type: 'text', readonly: true, value: link });
  const codeField = h('input', { id: 'invite-code', type: 'text', readonly: true, value: created.token, spellcheck: 'false' });
  const both = 'Your assessment "' + a.name + '": ' + link + '\nAccess code: ' + created.token + '\n';
  return h('section', { class: 'invitation', id: 'invitation', 'aria-labelledby': 'invitation-title', tabindex: '-1' },
    h('h3', { id: 'invitation-title' }, 'Invitation for ', a.candidate),
    h('p', {}, 'Send the candidate the link and the access code (separately, if you can). The access code is shown only now and works for this assessment only.'),
    h('div', { class: 'copy-row' }, h('label', { for: 'invite-link' }, 'Link'), linkField,
      h('button', { type: 'button', id: 'copy-link', onclick: () => copy(link, linkField, status, 'the link') }, 'Copy link')),
    h('div', { class: 'copy-row' }, h('label', { for: 'invite-code' }, 'Access code'), codeField,
      h('button', { type: 'button', id: 'copy-code', onclick: () => copy(created.token, codeField, status, 'the access code') }, 'Copy access code')),
    h('p', {}, h('button', { type: 'button', id: 'copy-both', class: 'primary', onclick: () => copy(both, null, status, 'the invitation') }, 'Copy the invitation (link and code)'),
      ' ', h('a', { href: '/instructor/assessments/' + a.id }, 'Its report page')),
    status);
}

function newAssessment(token, templates, onCreated) {
  const template = h('select', { id: 'new-template', required: true }, templates.map((t) => h('option', { value: t.id }, t.name + ' (' + t.id + ', ' + t.level + ', ' + span(t.duration_ms) + ')')));
  const candidate = h('input', { id: 'new-candidate', type: 'text', required: true, maxlength: 200, autocomplete: 'off' });
  const result = h('div', { id: 'created' });
  const form = h('form', { class: 'stack', id: 'new-form', 'aria-labelledby': 'new-title' },
    h('div', {}, h('label', { for: 'new-template' }, 'Template'), template),
    h('div', {}, h('label', { for: 'new-candidate' }, 'Candidate\'s name'), candidate),
    h('button', { type: 'submit', class: 'primary', id: 'create' }, 'Create the assessment'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    alertError(null);
    try {
      const { body } = await post(token, '/v1/assessments', { template: template.value, candidate: candidate.value });
      const invite = invitation(body);
      clear(result, invite);
      invite.focus();
      announce('Assessment created for ' + body.assessment.candidate + '.');
      onCreated();
    } catch (err) {
      alertError(err);
    }
  });
  return h('section', { id: 'new', 'aria-labelledby': 'new-title' }, h('h2', { id: 'new-title' }, 'New assessment'),
    templates.length ? form : h('p', {}, 'No template loads: see the templates below.'), result);
}

function assessments(token, templates) {
  const filters = {
    template: h('select', { id: 'filter-template' }, h('option', { value: '' }, 'any'), templates.map((t) => h('option', { value: t.id }, t.id))),
    candidate: h('input', { id: 'filter-candidate', type: 'search', autocomplete: 'off' }),
    state: h('select', { id: 'filter-state' }, ['', 'created', 'started', 'finished'].map((s) => h('option', { value: s }, s || 'any'))),
  };
  const query = () => {
    const q = new URLSearchParams();
    for (const [k, el] of Object.entries(filters)) if (el.value.trim()) q.set(k, el.value.trim());
    return q;
  };
  const body = h('div', { id: 'assessment-list' });
  const more = h('button', { type: 'button', id: 'more', hidden: true }, 'Show more');
  const exportStatus = h('p', { id: 'export-status', role: 'status' });
  const preview = h('div', { id: 'export-preview' });
  let rows = [];
  let cursor = null;

  const draw = () => clear(body, rows.length
    ? table('Assessments', ['Candidate', 'Template', 'State', 'Created', 'Started', 'Finished', 'Report'], rows.map((a) => h('tr', { 'data-assessment': a.id, 'data-state': a.state },
      h('td', {}, a.candidate), h('td', {}, a.template), h('td', {}, a.state + (a.finish_reason ? ' (' + words(a.finish_reason) + ')' : '')),
      h('td', {}, when(a.created_ms)), h('td', {}, a.started_ms ? when(a.started_ms) : '—'), h('td', {}, a.finished_ms ? when(a.finished_ms) : '—'),
      h('td', {}, h('a', { href: '/instructor/assessments/' + a.id }, 'Report', h('span', { class: 'visually-hidden' }, ' for ' + a.candidate))))), { id: 'assessments-table', class: 'hide-caption' })
    : h('p', {}, 'No assessment matches.'));
  const load = async (next) => {
    alertError(null);
    try {
      const q = query();
      if (next) q.set('cursor', next);
      const { body: page } = await get(token, '/v1/assessments?' + q);
      rows = next ? rows.concat(page.items) : page.items;
      cursor = page.next_cursor;
      more.hidden = !cursor;
      draw();
    } catch (err) {
      alertError(err);
    }
  };
  more.addEventListener('click', () => load(cursor));

  const exportAs = async (format) => {
    alertError(null);
    const q = query();
    q.set('format', format);
    try {
      const { body: data } = await request(token, 'GET', '/v1/assessments/export?' + q, undefined, { accept: format === 'csv' ? 'text/csv' : 'application/json' });
      const text = format === 'csv' ? data : JSON.stringify(data, null, 2);
      const count = format === 'csv' ? Math.max(0, text.trim().split(/\r?\n/).length - 1) : data.length;
      const name = 'assessments-' + new Date().toISOString().slice(0, 10) + '.' + format;
      const url = URL.createObjectURL(new Blob([text], { type: format === 'csv' ? 'text/csv' : 'application/json' }));
      const a = h('a', { href: url, download: name, hidden: true });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
      exportStatus.textContent = 'Exported ' + count + ' assessment' + (count === 1 ? '' : 's') + ' as ' + format.toUpperCase() + ' (' + name + ').';
      clear(preview, h('details', {}, h('summary', {}, 'What was exported'), h('pre', { class: 'export', 'data-format': format }, text)));
    } catch (err) {
      alertError(err);
    }
  };

  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter assessments' },
    h('div', {}, h('label', { for: 'filter-template' }, 'Template'), filters.template),
    h('div', {}, h('label', { for: 'filter-candidate' }, 'Candidate'), filters.candidate),
    h('div', {}, h('label', { for: 'filter-state' }, 'State'), filters.state),
    h('div', {}, h('button', { type: 'submit', id: 'filter' }, 'Show')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    load(null);
  });
  const section = h('section', { id: 'assessments', 'aria-labelledby': 'assessments-title' },
    h('h2', { id: 'assessments-title' }, 'Assessments'), form, body, more,
    h('div', { class: 'actions' },
      h('button', { type: 'button', id: 'export-json', onclick: () => exportAs('json') }, 'Export JSON'),
      h('button', { type: 'button', id: 'export-csv', onclick: () => exportAs('csv') }, 'Export CSV'),
      h('span', { class: 'hint' }, 'Exports follow the filters above.')),
    exportStatus, preview);
  load(null);
  return { section, reload: () => load(null) };
}

function pickText(p) {
  if (p.problem) return p.problem + (p.weight !== 1 ? ' (weight ' + p.weight + ')' : '');
  const d = p.draw || {};
  const parts = [d.kind, d.stage && words(d.stage), d.level, d.tags && d.tags.length ? 'tags ' + d.tags.join(', ') : null].filter(Boolean);
  return 'drawn: ' + (parts.join(', ') || 'any problem') + (p.weight !== 1 ? ' (weight ' + p.weight + ')' : '');
}

function templatesSection(list) {
  return h('section', { id: 'templates', 'aria-labelledby': 'templates-title' },
    h('h2', { id: 'templates-title' }, 'Templates'),
    list.templates.map((t) => h('article', { class: 'template', 'data-template': t.id },
      h('h3', {}, t.name, ' ', h('span', { class: 'muted' }, '(' + t.id + ')')),
      h('p', {}, t.level + ' level · ' + span(t.duration_ms) + ' · graded: ' + t.graded + ' submission · the candidate ' + (t.candidate_report ? 'reads' : 'does not read') + ' the report'),
      h('ol', {}, t.sections.map((s) => h('li', {}, h('strong', {}, words(s.stage)), ', ' + span(s.duration_ms) + (s.progressive ? ', progressive' : '') + (s.languages ? ', in ' + s.languages.map(languageName).join(', ') : '') + ': ' + s.problems.map(pickText).join('; ')))))),
    list.invalid.length ? [h('h3', {}, 'Files that do not load'),
      h('ul', { class: 'invalid-templates' }, list.invalid.map((i) => h('li', { 'data-file': i.file }, h('strong', {}, i.file), ': ', i.error)))] : null);
}

function problemsSection(problems) {
  const state = (p) => (p.verified === true ? h('span', { class: 'verified', 'data-verified': 'true' }, '✓ verified')
    : p.verified === false ? h('span', { class: 'verified', 'data-verified': 'false' }, '✗ not verified') : h('span', { class: 'verified', 'data-verified': 'unknown' }, 'unknown'));
  return h('section', { id: 'problems', 'aria-labelledby': 'problems-title' },
    h('h2', { id: 'problems-title' }, 'Problems'),
    table('Problems on offer', ['Problem', 'Kind', 'Stage', 'Level', 'Tags', 'Time limit', 'Verification'], problems.map((p) => h('tr', { 'data-slug': p.slug },
      h('td', {}, h('a', { href: '/problems/' + encodeURIComponent(p.slug) }, p.name), h('br'), h('code', {}, p.slug)),
      h('td', {}, words(p.kind)), h('td', {}, p.stage ? words(p.stage) : '—'), h('td', {}, p.level || '—'), h('td', {}, p.tags.join(', ')),
      h('td', {}, p.time_limit_ms / 1000 + ' s'), h('td', {}, state(p))))));
}

async function home(token) {
  document.title = 'Instructor — mockjudge';
  const [{ body: templates }, { body: problems }] = await Promise.all([get(token, '/v1/assessment-templates'), get(token, '/v1/problems')]);
  const list = assessments(token, templates.templates);
  clear(main,
    h('h1', {}, 'Instructor'),
    h('nav', { class: 'in-page', 'aria-label': 'On this page' }, h('a', { href: '#new' }, 'New assessment'), ' · ', h('a', { href: '#assessments' }, 'Assessments'), ' · ', h('a', { href: '#templates' }, 'Templates'), ' · ', h('a', { href: '#problems' }, 'Problems')),
    newAssessment(token, templates.templates, list.reload),
    list.section,
    templatesSection(templates),
    problemsSection(problems));
}

async function reportPage(token) {
  const id = decodeURIComponent(location.pathname.split('/')[3] || '');
  const base = '/v1/assessments/' + encodeURIComponent(id);
  const host = h('div', { id: 'report' });
  const facts = h('div', { id: 'session-facts' });
  const draw = async () => {
    const [{ body: session }, { body: report }] = await Promise.all([get(token, base), get(token, base + '/report')]);
    document.title = 'Report: ' + report.candidate + ' — mockjudge';
    clear(facts, h('p', {}, session.state + (session.finish_reason ? ' (' + words(session.finish_reason) + ')' : ''),
      ' · made ' + when(session.created_ms),
      session.started_ms ? ' · started ' + when(session.started_ms) : '',
      session.finished_ms ? ' · finished ' + when(session.finished_ms) : '',
      ' · ' + session.submissions.length + ' submission' + (session.submissions.length === 1 ? '' : 's')));
    clear(host);
    renderReport(host, report, { instructor: true, token, onChanged: load });
  };
  const load = async () => {
    try {
      await draw();
    } catch (err) {
      alertError(err);
    }
  };
  const refresh = h('button', { type: 'button', id: 'refresh' }, 'Refresh');
  refresh.addEventListener('click', async () => {
    await load();
    announce('Report refreshed.');
  });
  clear(main, h('p', { class: 'crumbs' }, h('a', { href: '/instructor#assessments' }, '← Assessments')), h('h1', {}, 'Assessment report'), facts, h('p', {}, refresh), host);
  // The first read's refusal goes to start(): a token no longer accepted brings the sign-in form.
  await draw();
}

async function start() {
  const token = store.get();
  showSignedIn(store, 'Signed in as the instructor.');
  if (!token) return signIn();
  try {
    if (document.body.dataset.page === 'report') await reportPage(token);
    else await home(token);
  } catch (err) {
    if (err.code === 'invalid_token' || err.code === 'forbidden') {
      store.clear();
      showSignedIn(store);
      signIn();
    }
    alertError(err);
  }
}

start();

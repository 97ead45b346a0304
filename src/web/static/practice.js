// Practice: the problem list (filters by kind, stage, level and tag, kept in the page's query)
// and a problem's page (the workspace, plus the candidate's earlier submissions). Practising
// takes a candidate token, asked for once per tab.

import { get, tokens } from './api.js';
import { alertError, clear, h, score as fmtScore, showSignedIn, signInForm, table, verdictBadge, when, words } from './ui.js';
import { followSubmission, languageName, mountWorkspace, resultView } from './workspace.js';

const main = document.getElementById('main');
const store = tokens.practice;

const KINDS = ['algorithm', 'api', 'database'];
const STAGES = ['phone-screen', 'coding-assessment', 'technical-interview'];
const LEVELS = ['entry', 'mid', 'senior'];

function signIn() {
  clear(main, signInForm({
    title: 'Sign in to practise',
    intro: 'Your instructor gives you an access token. This tab keeps it until you close it or sign out; it is never put in a link.',
    label: 'Access token',
    button: 'Sign in',
    check: async (token) => {
      await get(token, '/v1/languages');
      await get(token, '/v1/problems?kind=algorithm');
      store.set(token);
      start();
    },
  }));
}

function select(id, label, values, chosen) {
  return [h('label', { for: id }, label),
    h('select', { id, name: id }, h('option', { value: '' }, 'any'), values.map((v) => h('option', { value: v, selected: v === chosen }, words(v))))];
}

async function list(token) {
  document.title = 'Practice — mockjudge';
  const params = new URLSearchParams(location.search);
  const chosen = { kind: params.get('kind') || '', stage: params.get('stage') || '', level: params.get('level') || '', tag: params.get('tag') || '' };
  const { body: all } = await get(token, '/v1/problems');
  const tags = [...new Set(all.flatMap((p) => p.tags))].sort();
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter problems' },
    h('div', {}, select('kind', 'Kind', KINDS, chosen.kind)),
    h('div', {}, select('stage', 'Stage', STAGES, chosen.stage)),
    h('div', {}, select('level', 'Level', LEVELS, chosen.level)),
    h('div', {}, select('tag', 'Tag', tags, chosen.tag)));
  const count = h('p', { id: 'count', 'aria-live': 'polite' });
  const results = h('div', { id: 'problems' });
  clear(main, h('h1', {}, 'Practice problems'), h('p', {}, 'Interview questions to practise: pick one, write your solution, run it on the samples, submit it.'), form, count, results);

  const render = async () => {
    const query = new URLSearchParams();
    for (const key of ['kind', 'stage', 'level', 'tag']) if (chosen[key]) query.set(key, chosen[key]);
    history.replaceState(null, '', query.toString() ? '?' + query : location.pathname);
    const api = new URLSearchParams();
    for (const key of ['kind', 'stage', 'level']) if (chosen[key]) api.set(key, chosen[key]);
    try {
      const { body } = await get(token, '/v1/problems' + (api.toString() ? '?' + api : ''));
      const shown = body.filter((p) => !chosen.tag || p.tags.includes(chosen.tag));
      count.textContent = 'Showing ' + shown.length + ' of ' + all.length + ' problems.';
      clear(results, shown.length ? h('ul', { class: 'problem-list' }, shown.map((p) => h('li', { 'data-slug': p.slug },
        h('a', { href: '/problems/' + encodeURIComponent(p.slug) }, p.name),
        h('p', { class: 'meta' }, [words(p.kind), p.stage && words(p.stage), p.level].filter(Boolean).join(' · ')),
        p.tags.length ? h('p', { class: 'tags' }, h('span', { class: 'visually-hidden' }, 'Tags: '), p.tags.map((t) => h('span', { class: 'tag' }, t))) : null,
        h('p', { class: 'langs' }, 'Languages: ' + p.languages.map(languageName).join(', '))))) : h('p', {}, all.length ? 'No problem matches these filters.' : 'There are no problems to practise yet.'));
    } catch (err) {
      alertError(err);
    }
  };
  form.addEventListener('change', (e) => {
    chosen[e.target.name] = e.target.value;
    render();
  });
  form.addEventListener('submit', (e) => e.preventDefault());
  await render();
}

async function earlier(token, slug, host, resultsHost) {
  try {
    const { body } = await get(token, '/v1/submissions?problem=' + encodeURIComponent(slug) + '&limit=20');
    const rows = body.items.map((s) => h('tr', { 'data-submission': s.id },
      h('td', {}, when(s.created_at)),
      h('td', {}, languageName(s.language)),
      h('td', {}, s.status === 'finished' ? verdictBadge(s.verdict) : words(s.status)),
      h('td', {}, fmtScore(s.score)),
      h('td', {}, h('button', { type: 'button', class: 'link', onclick: async () => {
        try {
          const { body: view } = await get(token, '/v1/submissions/' + s.id);
          if (view.status === 'finished') resultsHost.prepend(resultView(view, { title: 'Submission ' + s.id.slice(0, 8) }));
          else await followSubmission(token, s.id, resultsHost);
        } catch (err) {
          alertError(err);
        }
      } }, 'Show', h('span', { class: 'visually-hidden' }, ' submission ' + s.id.slice(0, 8))))));
    clear(host, h('h2', { class: 'sub', id: 'earlier-title' }, 'Your earlier submissions'),
      rows.length ? table('Your earlier submissions', ['When', 'Language', 'Verdict', 'Score', ''], rows, { class: 'hide-caption' }) : h('p', {}, 'None yet.'));
  } catch (err) {
    alertError(err);
  }
}

async function problem(token) {
  const slug = decodeURIComponent(location.pathname.split('/')[2] || '');
  const { body: p } = await get(token, '/v1/problems/' + encodeURIComponent(slug));
  document.title = p.name + ' — practice — mockjudge';
  const work = h('div', { id: 'workspace' });
  const past = h('section', { class: 'earlier', id: 'earlier', 'aria-labelledby': 'earlier-title' });
  clear(main, h('p', { class: 'crumbs' }, h('a', { href: '/' }, '← All problems')), work, past);
  const space = await mountWorkspace(work, p, {
    token,
    runPath: '/v1/runs',
    submitPath: '/v1/submissions',
    drafts: 'mockjudge.draft.practice.' + slug,
    onFinished: () => earlier(token, slug, past, document.getElementById('submission-results')),
  });
  await earlier(token, slug, past, document.getElementById('submission-results'));
  return space;
}

async function start() {
  const token = store.get();
  showSignedIn(store, 'Signed in to practise.');
  if (!token) return signIn();
  try {
    if (document.body.dataset.page === 'problem') await problem(token);
    else await list(token);
  } catch (err) {
    alertError(err);
    if (err.code === 'invalid_token' || err.code === 'missing_token' || err.status === 403) {
      store.clear();
      showSignedIn(store);
      signIn();
      alertError(err);
    }
  }
}

start();

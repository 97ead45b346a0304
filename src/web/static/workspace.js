// One problem as a candidate works on it, in practice and in an assessment alike: the
// statement with its math, the samples (a database problem's tables, an API problem's
// scenarios), the language picker and the editor, "Run" (each sample's output beside the
// expected one) and "Submit" (each test's verdict as it arrives, then the samples' diffs).
// The page around it says where runs and submissions go and what happens after.

import { followEvents, get, post, untilFinished } from './api.js';
import { createEditor } from './editor.js';
import { alertError, announce, clear, h, kib, table, verdictBadge, verdictWords, words, score as fmtScore } from './ui.js';

let katexLoading = null;

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const el = Object.assign(document.createElement('script'), { src });
    el.onload = resolve;
    el.onerror = () => reject(new Error(src));
    document.head.append(el);
  });
}

// KaTeX and its auto-render from Debian's libjs-katex, or null where the server has none.
function katex() {
  if (!katexLoading) {
    katexLoading = loadScript('/vendor/katex/katex.min.js')
      .then(() => {
        document.head.append(Object.assign(document.createElement('link'), { rel: 'stylesheet', href: '/vendor/katex/katex.min.css' }));
        return loadScript('/vendor/katex/contrib/auto-render.js').catch(() => {});
      })
      .then(() => window.katex || null)
      .catch(() => null);
  }
  return katexLoading;
}

// Typesets the math in `el`: the spans the Markdown renderer marks as math, and any `$...$`,
// `$$...$$`, `\(...\)`, `\[...\]` left in text. Without KaTeX the math stays as its source.
export async function renderMath(el) {
  const k = await katex();
  el.classList.toggle('math-as-source', !k);
  if (!k) return false;
  for (const span of el.querySelectorAll('.math-inline, .math-display')) {
    const display = span.classList.contains('math-display');
    try {
      k.render(span.textContent, span, { displayMode: display, throwOnError: false });
    } catch {
      // Left as its source.
    }
  }
  if (window.renderMathInElement) {
    window.renderMathInElement(el, {
      delimiters: [
        { left: '$$', right: '$$', display: true },
        { left: '\\[', right: '\\]', display: true },
        { left: '$', right: '$', display: false },
        { left: '\\(', right: '\\)', display: false },
      ],
      ignoredTags: ['script', 'noscript', 'style', 'textarea', 'pre', 'code', 'option'],
      throwOnError: false,
    });
  }
  el.classList.add('math-typeset');
  return true;
}

const LANGUAGE_NAMES = { python: 'Python', javascript: 'JavaScript', java: 'Java', go: 'Go', cpp: 'C++', c: 'C', rust: 'Rust', sqlite: 'SQL (SQLite)', postgresql: 'SQL (PostgreSQL)' };
export const languageName = (l) => LANGUAGE_NAMES[l] || l;

const pre = (text, attrs = {}) => h('pre', attrs, h('code', {}, text));

// A database sample's expected result set ({columns, rows}) as a table; a schema task's steps
// as a list; anything else as it is.
function resultSet(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return pre(text);
  }
  if (value && Array.isArray(value.columns) && Array.isArray(value.rows)) {
    const cell = (v) => (v === null ? h('em', {}, 'NULL') : String(v));
    return table('Expected rows', value.columns, value.rows.map((r) => h('tr', {}, r.map((v) => h('td', {}, cell(v))))));
  }
  if (Array.isArray(value) && value.every((s) => s && typeof s === 'object' && 'expect' in s)) {
    return h('ol', { class: 'steps' }, value.map((s) => h('li', {}, h('strong', {}, s.expect), s.says ? ' — ' + s.says : '')));
  }
  return pre(JSON.stringify(value, null, 2));
}

function samples(problem) {
  if (!problem.samples.length) return [];
  const kind = problem.kind;
  const isFunction = Boolean(problem.starter && Object.keys(problem.starter).length) && kind === 'algorithm';
  const items = problem.samples.map((s, i) => {
    let body;
    if (kind === 'database') {
      body = [h('h4', {}, 'Data'), pre(s.input), h('h4', {}, 'Expected'), resultSet(s.output)];
    } else if (kind === 'api') {
      body = [h('h4', {}, 'Scenario'), pre(s.input)];
    } else {
      body = h('div', { class: 'io' },
        h('div', {}, h('h4', {}, isFunction ? 'Arguments (one per line)' : 'Input'), pre(s.input)),
        h('div', {}, h('h4', {}, isFunction ? 'Returns' : 'Output'), pre(s.output)));
    }
    return h('section', { class: 'sample', 'aria-label': 'Sample ' + (i + 1) }, h('h3', {}, 'Sample ' + (i + 1)), body);
  });
  return [h('h2', { class: 'sub' }, kind === 'api' ? 'Sample scenarios' : 'Samples'), items];
}

// The problem's statement, schema and samples, under a heading `titleTag` (h1 where the
// problem is the page, h2 inside an assessment's page).
export function statement(problem, titleTag = 'h1') {
  const meta = [words(problem.kind), problem.stage && words(problem.stage), problem.level, 'time limit ' + problem.time_limit_ms / 1000 + ' s', 'memory ' + problem.memory_mib + ' MiB'].filter(Boolean).join(' · ');
  const body = h('div', { class: 'statement-body' });
  if (problem.statement && problem.statement.html) {
    // The problem author's Markdown, rendered by the server; the page's CSP runs no script in it.
    body.innerHTML = problem.statement.html;
    // The page's title is the problem's name: a first heading saying it again goes, and the
    // statement's headings move one level down, under it.
    const first = body.firstElementChild;
    if (first && /^H[1-6]$/.test(first.tagName) && first.textContent.trim() === problem.name.trim()) first.remove();
    for (const heading of [...body.querySelectorAll('h1, h2, h3, h4, h5')]) {
      const lower = h('h' + Math.min(6, Number(heading.tagName[1]) + 1));
      lower.append(...heading.childNodes);
      heading.replaceWith(lower);
    }
  } else if (problem.statement) {
    body.append(pre(problem.statement.source, { class: 'tex' }));
  } else {
    body.append(h('p', {}, 'This problem has no statement.'));
  }
  const article = h('article', { class: 'statement', 'aria-labelledby': 'problem-title' },
    h(titleTag, { id: 'problem-title', class: 'problem-title' }, problem.name),
    h('p', { class: 'meta' }, meta),
    problem.tags && problem.tags.length ? h('p', { class: 'tags' }, h('span', { class: 'visually-hidden' }, 'Tags: '), problem.tags.map((t) => h('span', { class: 'tag' }, t))) : null,
    body,
    problem.schema ? [h('h2', { class: 'sub' }, 'Tables'), h('p', {}, 'Every test starts from these tables:'), pre(problem.schema, { class: 'schema' })] : null,
    samples(problem));
  renderMath(article);
  return article;
}

function testRows(tests) {
  return tests.map((t, i) =>
    h('tr', { 'data-verdict': t.verdict },
      h('td', {}, String((t.index ?? i) + 1)),
      h('td', {}, (t.group ? t.group + '/' : '') + t.name),
      h('td', {}, t.category || ''),
      h('td', {}, verdictBadge(t.verdict)),
      h('td', {}, t.time_ms + ' ms'),
      h('td', {}, kib(t.memory_kib))));
}

// A sample's input, the expected answer and the code's output side by side, the checker's
// message (the diff) and what the code printed.
function sampleDetail(t) {
  return h('section', { class: 'sample-result', 'data-verdict': t.verdict, 'aria-label': 'Sample ' + t.name },
    h('h4', {}, 'Sample ', t.name, ': ', verdictBadge(t.verdict)),
    h('div', { class: 'io three' },
      h('div', {}, h('h5', {}, 'Input'), pre(t.input ?? '')),
      h('div', {}, h('h5', {}, 'Expected'), pre(t.expected ?? '', { class: 'expected' })),
      h('div', {}, h('h5', {}, 'Your output'), pre(t.output ?? '', { class: 'output' }))),
    t.stdout ? [h('h5', {}, 'Printed'), pre(t.stdout)] : null,
    t.message ? [h('h5', {}, 'Checker'), pre(t.message, { class: 'message' })] : null);
}

// A finished submission's or run's view (as GET /v1/submissions/{id} gives it).
export function resultView(view, { title }) {
  const tests = view.tests || [];
  const samplesShown = tests.filter((t) => t.sample && 'expected' in t);
  const passed = tests.filter((t) => t.verdict === 'AC').length;
  return h('div', { class: 'result', 'data-verdict': view.verdict || 'none', 'data-status': view.status },
    h('p', { class: 'final' }, title, ': ', verdictBadge(view.verdict),
      view.score !== undefined && view.score !== null ? ' · score ' + fmtScore(view.score) : '',
      tests.length ? ' · ' + passed + ' of ' + tests.length + ' tests passed' : ''),
    view.message ? h('p', { class: 'message' }, view.message) : null,
    view.invalid_input ? h('p', { class: 'message' }, view.invalid_input) : null,
    view.compile_output ? [h('h4', {}, 'Compiler output'), pre(view.compile_output, { class: 'compile' })] : null,
    (view.categories || []).length ? h('p', { class: 'categories' }, view.categories.map((c) => c.category + ' ' + c.passed + '/' + c.total).join(' · ')) : null,
    samplesShown.map(sampleDetail),
    tests.length ? table('Tests', ['#', 'Test', 'Category', 'Verdict', 'CPU time', 'Memory'], testRows(tests), { class: 'tests' }) : null);
}

// Follows submission `id` live into `host`: a line per phase and a row per test as each
// arrives, then the whole result. Resolves to the final view.
export async function followSubmission(token, id, host, { signal } = {}) {
  const status = h('p', { class: 'live-status' }, 'Queued: waiting for a judge.');
  const rows = h('tbody');
  const t = h('table', { class: 'live-tests' }, h('caption', {}, 'Tests as they are judged'),
    h('thead', {}, h('tr', {}, ['#', 'Test', 'Category', 'Verdict', 'CPU time', 'Memory'].map((x) => h('th', { scope: 'col' }, x)))), rows);
  const live = h('div', { class: 'live', 'data-submission': id, 'aria-busy': 'true' }, h('h3', {}, 'Submission ', h('code', {}, id.slice(0, 8))), status, h('div', { class: 'table-wrap', role: 'region', 'aria-label': 'Tests as they are judged', tabindex: '0' }, t));
  host.prepend(live);
  const phase = (text) => {
    status.textContent = text;
  };
  const onEvent = (name, data) => {
    if (name === 'queued') phase(data && data.requeued ? 'Queued again: ' + data.requeued : 'Queued: waiting for a judge.');
    else if (name === 'running') phase('Judging' + (data && data.attempt > 1 ? ' (attempt ' + data.attempt + ')' : '') + '.');
    else if (name === 'compiling') phase('Compiling.');
    else if (name === 'testing') phase('Running test ' + (data.index + 1) + ' of ' + data.total + '.');
    else if (name === 'test') rows.append(...testRows([data]));
    else if (name === 'finished') {
      phase('Finished: ' + verdictWords(data.verdict) + (data.score !== null && data.score !== undefined ? ', score ' + fmtScore(data.score) : '') + '.');
      announce('Submission finished: ' + verdictWords(data.verdict) + '.');
    }
  };
  try {
    if (!(await followEvents(token, id, onEvent, { signal }))) return null;
  } catch (err) {
    // Too many streams open for this token (other tabs): ask now and then instead.
    if (err.code !== 'too_many_streams') throw err;
    phase('Judging; the result will show when it is ready.');
    await untilFinished(token, '/v1/submissions/' + id, { signal, every: 2000 });
  }
  const { body: view } = await get(token, '/v1/submissions/' + id, { signal });
  live.setAttribute('aria-busy', 'false');
  live.setAttribute('data-verdict', view.verdict || 'none');
  live.append(resultView(view, { title: 'Verdict' }));
  t.closest('.table-wrap').remove();
  return view;
}

// Mounts the workspace for `problem` in `host`. Options:
//   token, runPath, submitPath — where runs and submissions go;
//   drafts — a sessionStorage key prefix for the chosen language and each language's code;
//   titleTag — the problem's heading (h1 unless the page has its own);
//   onPaste(chars) — text pasted into the editor; onSubmitted(id), onFinished(view);
//   onRefused(error) — a run or submission the API refused (the page may learn why).
export async function mountWorkspace(host, problem, options) {
  const { token, runPath, submitPath, drafts } = options;
  const languages = problem.languages;
  const starter = problem.starter || {};
  const stored = sessionStorage.getItem(drafts + '.language');
  let language = languages.includes(stored) ? stored : languages.includes('python') ? 'python' : languages[0];
  const draftOf = (lang) => sessionStorage.getItem(drafts + '.code.' + lang);
  const initial = (lang) => draftOf(lang) ?? starter[lang] ?? '';

  const picker = h('select', { id: 'language' }, languages.map((l) => h('option', { value: l, selected: l === language }, languageName(l))));
  const starterButton = h('button', { type: 'button', id: 'load-starter' }, 'Load starter code');
  const starterNote = h('p', { class: 'hint', id: 'starter-note' });
  const codeLabel = h('label', { for: 'code', id: 'code-label' }, 'Your code');
  const keys = h('p', { class: 'hint', id: 'code-keys' }, 'Tab indents (Shift+Tab outdents). To leave the editor with the keyboard, press Esc, then Tab.');
  const editorHost = h('div', { class: 'editor' });
  const closedNote = h('p', { class: 'closed-note', id: 'closed-note', hidden: true });
  const custom = h('textarea', { id: 'custom-input', rows: 4, spellcheck: 'false', 'aria-describedby': 'custom-help' });
  const customBox = problem.kind === 'api' ? null : h('details', { class: 'custom' },
    h('summary', {}, 'Run on an input of your own'),
    h('label', { for: 'custom-input' }, 'Input'),
    custom,
    h('p', { class: 'hint', id: 'custom-help' }, problem.kind === 'database' ? 'SQL that fills the tables; the reference query answers it.' : 'The reference solution gives the expected output. Leave it empty to run on the samples.'));
  const runButton = h('button', { type: 'button', id: 'run' }, 'Run on samples');
  const submitButton = h('button', { type: 'button', id: 'submit', class: 'primary' }, 'Submit');
  const runResults = h('div', { class: 'run-results', id: 'run-results' });
  const submissions = h('div', { class: 'submissions-live', id: 'submission-results' });

  const updateStarter = () => {
    const has = language in starter;
    starterButton.hidden = !has;
    starterNote.textContent = has ? '' : problem.kind === 'algorithm'
      ? 'This problem reads standard input and writes standard output: there is no starter code.'
      : 'There is no starter code for this language.';
    codeLabel.textContent = 'Your code (' + languageName(language) + ')';
  };

  const codePanel = h('section', { class: 'code', 'aria-label': 'Your solution' },
    h('div', { class: 'toolbar' }, h('label', { for: 'language' }, 'Language'), picker, starterButton),
    starterNote, closedNote, codeLabel, keys, editorHost, customBox,
    h('div', { class: 'actions' }, runButton, submitButton),
    h('section', { class: 'results', 'aria-labelledby': 'results-title' },
      h('h2', { id: 'results-title', class: 'sub' }, 'Results'),
      runResults, submissions));

  clear(host, h('div', { class: 'workspace' }, statement(problem, options.titleTag || 'h1'), codePanel));
  updateStarter();

  let saving = null;
  const editor = await createEditor(editorHost, {
    id: 'code',
    describedBy: 'code-keys',
    label: 'Your code',
    language,
    value: initial(language),
    onPaste: (chars) => options.onPaste && options.onPaste(chars),
    onChange: (text) => {
      clearTimeout(saving);
      const lang = language;
      saving = setTimeout(() => sessionStorage.setItem(drafts + '.code.' + lang, text), 200);
    },
  });
  const saveNow = () => {
    clearTimeout(saving);
    sessionStorage.setItem(drafts + '.code.' + language, editor.getValue());
  };
  host.dataset.editor = editor.kind;

  picker.addEventListener('change', async () => {
    saveNow();
    language = picker.value;
    sessionStorage.setItem(drafts + '.language', language);
    updateStarter();
    await editor.setLanguage(language);
    editor.setValue(initial(language));
  });
  starterButton.addEventListener('click', () => {
    editor.setValue(starter[language] ?? '');
    saveNow();
    announce('Starter code loaded.');
    editor.focus();
  });

  let closed = false;
  const busy = { run: false, submit: false };
  const updateButtons = () => {
    runButton.disabled = closed || busy.run;
    submitButton.disabled = closed || busy.submit;
  };
  custom.addEventListener('input', () => {
    runButton.textContent = custom.value.trim() ? 'Run on my input' : 'Run on samples';
  });

  runButton.addEventListener('click', async () => {
    alertError(null);
    saveNow();
    busy.run = true;
    updateButtons();
    const input = custom.value.trim() ? custom.value : undefined;
    clear(runResults, h('p', { class: 'live-status' }, input ? 'Running on your input…' : 'Running on the samples…'));
    try {
      let { status, body } = await post(token, runPath, { problem: problem.slug, language, source: editor.getValue(), input });
      if (status === 202) body = await untilFinished(token, '/v1/runs/' + body.id);
      clear(runResults, resultView(body, { title: input ? 'Run on your input' : 'Run on the samples' }));
      announce('Run finished: ' + verdictWords(body.verdict) + '.');
    } catch (err) {
      clear(runResults);
      alertError(err);
      options.onRefused && options.onRefused(err);
    } finally {
      busy.run = false;
      updateButtons();
    }
  });

  submitButton.addEventListener('click', async () => {
    alertError(null);
    saveNow();
    busy.submit = true;
    updateButtons();
    let id;
    try {
      const { body } = await post(token, submitPath, { problem: problem.slug, language, source: editor.getValue() });
      id = body.id;
      announce('Submitted; judging.');
      options.onSubmitted && options.onSubmitted(id);
    } catch (err) {
      alertError(err);
      options.onRefused && options.onRefused(err);
      busy.submit = false;
      updateButtons();
      return;
    }
    busy.submit = false;
    updateButtons();
    try {
      const view = await followSubmission(token, id, submissions);
      if (view && options.onFinished) options.onFinished(view);
    } catch (err) {
      alertError(err);
    }
  });

  return {
    editor,
    language: () => language,
    // Closes (or opens) the editor: read-only, no runs or submissions, and why, in words.
    setClosed(on, why) {
      closed = on;
      editor.setReadOnly(on);
      closedNote.hidden = !on;
      closedNote.textContent = on ? why : '';
      picker.disabled = on;
      starterButton.disabled = on;
      custom.readOnly = on;
      updateButtons();
    },
    isClosed: () => closed,
    save: saveNow,
  };
}

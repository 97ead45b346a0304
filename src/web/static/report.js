// A report as a page: the recommendation and the level, each stage's score, grade and band
// against its marks, the reasons in words, skill areas, per problem the evidence (attempts,
// failed hidden tests by name, levels, time taken) and the measured complexity as a small
// log–log chart, the integrity signals as plain facts, and, for instructors, the reviews.
// Used by the instructor's report page and by the candidate's page at the end.

import { put } from './api.js';
import { alertError, announce, bandBadge, clock, h, score as fmtScore, seconds, span, table, verdictBadge, words } from './ui.js';

const RECOMMENDATIONS = { strong_hire: 'Strong hire', hire: 'Hire', lean_no_hire: 'Lean no hire', no_hire: 'No hire' };

const SVG = 'http://www.w3.org/2000/svg';
function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined && v !== null) el.setAttribute(k, String(v));
  for (const c of children.flat()) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

const SLOPES = { '1': 0, 'log n': 0.1, n: 1, 'n log n': 1.1, 'n^2': 2, 'n^3': 3 };
const finishedRung = (r) => r.verdict === 'AC' || r.verdict === 'WA';

// The graded submission's CPU time (above its start-up) against n, both axes logarithmic:
// fitted rungs filled, others hollow, rungs that did not finish as crosses; the fitted slope
// as a line, the expected one dashed. The numbers are in a table beside it, for anyone who
// does not read the picture.
export function complexityChart(fit, title) {
  const W = 360, H = 220, L = 52, R = 12, T = 12, B = 40;
  const rungs = fit.rungs.filter((r) => r.n > 0);
  const net = (r) => Math.max(0.5, (r.cpu_ms ?? 0) - fit.startup_ms);
  const measured = rungs.filter((r) => r.cpu_ms !== null && r.cpu_ms !== undefined);
  const figure = h('figure', { class: 'complexity' });
  if (!measured.length) {
    figure.append(h('figcaption', {}, 'Measured complexity: ', fit.summary));
    return figure;
  }
  const log = Math.log10;
  const nMin = Math.min(...rungs.map((r) => r.n)), nMax = Math.max(...rungs.map((r) => r.n));
  const yValues = measured.map(net);
  const x0 = Math.floor(log(nMin) * 2) / 2, x1 = Math.max(Math.ceil(log(nMax) * 2) / 2, x0 + 0.5);
  const y0 = Math.floor(log(Math.min(...yValues))), y1 = Math.max(Math.ceil(log(Math.max(...yValues))), y0 + 1);
  const X = (n) => L + ((log(n) - x0) / (x1 - x0)) * (W - L - R);
  const Y = (ms) => T + (1 - (log(ms) - y0) / (y1 - y0)) * (H - T - B);
  const grid = [];
  for (let e = Math.ceil(x0); e <= x1; e++) {
    grid.push(s('line', { x1: X(10 ** e), x2: X(10 ** e), y1: T, y2: H - B, class: 'grid' }));
    grid.push(s('text', { x: X(10 ** e), y: H - B + 16, 'text-anchor': 'middle', class: 'tick' }, e >= 3 ? '10' : String(10 ** e), e >= 3 ? s('tspan', { dy: -5, 'font-size': '8' }, String(e)) : null));
  }
  for (let e = y0; e <= y1; e++) {
    grid.push(s('line', { x1: L, x2: W - R, y1: Y(10 ** e), y2: Y(10 ** e), class: 'grid' }));
    grid.push(s('text', { x: L - 6, y: Y(10 ** e) + 4, 'text-anchor': 'end', class: 'tick' }, 10 ** e >= 1 ? String(10 ** e) : (10 ** e).toFixed(1)));
  }
  const lines = [];
  const fitted = measured.filter((r) => r.fitted);
  if (fit.exponent !== null && fit.exponent !== undefined && fitted.length) {
    const mx = fitted.reduce((a, r) => a + log(r.n), 0) / fitted.length;
    const my = fitted.reduce((a, r) => a + log(net(r)), 0) / fitted.length;
    const through = (slope) => {
      const at = (lx) => my + slope * (lx - mx);
      return [x0, x1].map((lx) => [L + ((lx - x0) / (x1 - x0)) * (W - L - R), T + (1 - (at(lx) - y0) / (y1 - y0)) * (H - T - B)]);
    };
    const [[ax, ay], [bx, by]] = through(fit.exponent);
    lines.push(s('line', { x1: ax, y1: ay, x2: bx, y2: by, class: 'fit-line' }));
    if (fit.expected in SLOPES) {
      const [[cx, cy], [dx, dy]] = through(SLOPES[fit.expected]);
      lines.push(s('line', { x1: cx, y1: cy, x2: dx, y2: dy, class: 'expected-line' }));
    }
  }
  const points = measured.map((r) => {
    const x = X(r.n), y = Y(net(r));
    if (!finishedRung(r)) return s('g', { class: 'rung unfinished' }, s('path', { d: `M${x - 4},${y - 4}L${x + 4},${y + 4}M${x - 4},${y + 4}L${x + 4},${y - 4}` }), s('title', {}, 'n = ' + r.n + ': ' + r.verdict));
    return s('circle', { cx: x, cy: y, r: 4, class: r.fitted ? 'rung fitted' : 'rung' }, s('title', {}, 'n = ' + r.n + ': ' + r.cpu_ms + ' ms CPU'));
  });
  const label = (title || 'Measured complexity') + ': ' + fit.summary;
  const clip = 'plot-' + Math.random().toString(36).slice(2, 10);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label, class: 'chart' },
    s('title', {}, label),
    s('defs', {}, s('clipPath', { id: clip }, s('rect', { x: L, y: T, width: W - L - R, height: H - T - B }))),
    grid,
    s('rect', { x: L, y: T, width: W - L - R, height: H - T - B, class: 'frame' }),
    s('g', { 'clip-path': `url(#${clip})` }, lines), points,
    s('text', { x: (L + W - R) / 2, y: H - 6, 'text-anchor': 'middle', class: 'axis' }, 'n (input size, log scale)'),
    s('text', { x: 12, y: (T + H - B) / 2, 'text-anchor': 'middle', class: 'axis', transform: `rotate(-90 12 ${(T + H - B) / 2})` }, 'CPU ms above start-up (log)'));
  const rows = rungs.map((r) => h('tr', {}, h('td', {}, String(r.n)), h('td', {}, r.cpu_ms === null || r.cpu_ms === undefined ? '—' : r.cpu_ms + ' ms'), h('td', {}, r.verdict ? verdictBadge(r.verdict) : 'did not run'), h('td', {}, r.fitted ? 'yes' : 'no')));
  figure.append(svg,
    h('figcaption', {}, h('strong', {}, 'Measured complexity: '), fit.summary, '. Expected ', h('em', {}, fit.expected), '; start-up of ', fit.startup_ms, ' ms taken off each rung. ',
      h('span', { class: 'legend' }, '● fitted, ○ not fitted, ✕ did not finish; solid line: measured slope, dashed: expected.')),
    h('details', {}, h('summary', {}, 'The numbers'), table('CPU time per rung', ['n', 'CPU', 'Verdict', 'Fitted'], rows)));
  return figure;
}

function attemptsTable(p) {
  const graded = p.graded && p.graded.id;
  return table('Attempts at ' + p.title, ['Taken at', 'Language', 'Verdict', 'Score', 'Complexity', ''], p.attempts.map((a) => h('tr', { 'data-verdict': a.verdict || 'none' },
    h('td', {}, clock(a.received_ms)), h('td', {}, a.language), h('td', {}, verdictBadge(a.verdict)), h('td', {}, fmtScore(a.score)),
    h('td', {}, a.complexity || ''), h('td', {}, a.id === graded ? 'graded' : ''))));
}

function problemEvidence(p) {
  return h('section', { class: 'problem-evidence', 'data-problem': p.problem, 'aria-label': p.title },
    h('h4', {}, p.title, ' ', h('span', { class: 'muted' }, '(' + p.problem + ', ' + words(p.kind) + ', weight ' + p.weight + ')')),
    h('p', {}, 'Score ', h('strong', { class: 'problem-score' }, fmtScore(p.score)),
      p.graded ? [' from the graded submission: ', verdictBadge(p.graded.verdict), ' in ', p.graded.language, '.'] : ' — nothing submitted.',
      p.best && p.graded && p.best.id !== p.graded.id ? ' Best: ' + fmtScore(p.best.score) + '.' : '',
      p.opened_ms ? ' First opened at ' + clock(p.opened_ms) + '.' : '',
      p.time_to_graded_ms !== undefined ? ' ' + span(p.time_to_graded_ms) + ' from opening it to the graded submission.' : ''),
    p.categories && p.categories.length ? h('p', { class: 'categories' }, 'Hidden tests passed: ', p.categories.map((c) => c.category + ' ' + c.passed + '/' + c.total).join(' · ')) : null,
    p.levels && p.levels.length ? table('Levels of ' + p.title, ['Level', 'Passed', 'Counted'], p.levels.map((l, i) => h('tr', {}, h('td', {}, (i + 1) + ' (' + l.group + ')'), h('td', {}, l.passed + ' of ' + l.total), h('td', {}, l.counted ? 'yes' : 'no, an earlier level did not pass whole')))) : null,
    p.failed_tests.length ? h('details', {}, h('summary', {}, p.failed_tests.length + ' failed hidden tests'), h('ul', {}, p.failed_tests.map((t) => h('li', {}, t.group + '/' + t.name + ' (' + t.category + '): ', verdictBadge(t.verdict)))))
      : null,
    p.failed_groups.length ? h('p', {}, 'Failed groups: ' + p.failed_groups.join(', ')) : null,
    p.attempts.length ? attemptsTable(p) : null,
    p.complexity ? complexityChart(p.complexity, p.title) : null);
}

function integrityFacts(report, titles) {
  const events = report.integrity;
  const section = h('section', { class: 'integrity', id: 'integrity', 'aria-labelledby': 'integrity-title' },
    h('h2', { id: 'integrity-title' }, 'Integrity signals'),
    h('p', { class: 'muted' }, 'What the candidate\'s page reported as it happened: pastes into the editor and time away from the page. Facts, not judgements: a paste may be the candidate\'s own snippet, time away may be a glance at notes allowed.'));
  if (events === undefined) {
    section.append(h('p', {}, 'This server does not record integrity signals.'));
  } else if (!events.length) {
    section.append(h('p', {}, 'None recorded.'));
  } else {
    section.append(h('ol', { class: 'facts' }, events.map((e) => {
      let fact;
      if (e.kind === 'paste') fact = 'Pasted ' + e.size + ' character' + (e.size === 1 ? '' : 's') + ' into the editor' + (e.problem ? ' (' + (titles[e.problem] || e.problem) + ')' : '') + '.';
      else if (e.kind === 'focus_loss') fact = 'Left the page for ' + seconds(e.duration_ms) + '.';
      else fact = words(e.kind) + '.';
      return h('li', { 'data-kind': e.kind }, h('time', {}, clock(e.at_ms)), ' ', fact);
    })));
    const pastes = events.filter((e) => e.kind === 'paste');
    const away = events.filter((e) => e.kind === 'focus_loss');
    section.append(h('p', {}, pastes.length + ' paste' + (pastes.length === 1 ? '' : 's') + ' (' + pastes.reduce((a, e) => a + (e.size || 0), 0) + ' characters), ' +
      away.length + ' time' + (away.length === 1 ? '' : 's') + ' away (' + seconds(away.reduce((a, e) => a + (e.duration_ms || 0), 0)) + ' in all).'));
  }
  return section;
}

function reviewForm(stage, token, assessment, onChanged) {
  const key = 'review-' + stage.stage;
  const scoreField = h('input', { id: key + '-score', type: 'number', min: 0, max: 100, step: 0.1, inputmode: 'decimal', value: stage.review && stage.review.score !== undefined ? stage.review.score : '' });
  const notes = h('textarea', { id: key + '-notes', rows: 3, maxlength: 10000 }, stage.review && stage.review.notes ? stage.review.notes : '');
  const status = h('span', { class: 'saved', 'aria-live': 'polite' });
  const form = h('form', { class: 'review', 'data-stage': stage.stage, 'aria-label': 'Review of the ' + words(stage.stage) },
    h('div', {}, h('label', { for: key + '-score' }, 'Manual score (0–100, optional)'), scoreField),
    h('div', {}, h('label', { for: key + '-notes' }, 'Notes'), notes),
    h('button', { type: 'submit' }, 'Save the review of the ' + words(stage.stage)), ' ', status);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    alertError(null);
    const body = {};
    if (scoreField.value !== '') body.score = Number(scoreField.value);
    if (notes.value.trim()) body.notes = notes.value;
    try {
      await put(token, '/v1/assessments/' + encodeURIComponent(assessment) + '/reviews/' + stage.stage, body);
      status.textContent = 'Saved.';
      announce('Review saved.');
      onChanged && onChanged();
    } catch (err) {
      alertError(err);
    }
  });
  return form;
}

// Renders `report` into `host`. Instructors (with their token) also get the review forms;
// onChanged is called after a review is saved.
export function renderReport(host, report, { instructor = false, token = null, onChanged = null } = {}) {
  const titles = {};
  for (const st of report.stages) for (const p of st.problems) titles[p.problem] = p.title;
  const stageRows = report.stages.map((st) => h('tr', { 'data-stage': st.stage, 'data-band': st.band },
    h('th', { scope: 'row' }, words(st.stage)),
    h('td', {}, fmtScore(st.score)),
    h('td', {}, st.review && st.review.score !== undefined ? fmtScore(st.review.score) : '—'),
    h('td', { class: 'grade' }, fmtScore(st.grade)),
    h('td', {}, bandBadge(st.band)),
    h('td', {}, 'pass ' + st.marks.pass + ', borderline ' + st.marks.borderline + ', strong ' + st.marks.strong)));
  const skills = report.skills.map((k) => h('li', { 'data-skill': k.skill },
    h('span', { class: 'skill-name' }, words(k.skill)), ' ',
    h('meter', { min: 0, max: 100, value: k.share, 'aria-label': words(k.skill) + ' share' }), ' ',
    fmtScore(k.share) + '% (' + fmtScore(k.earned) + ' of ' + fmtScore(k.possible) + ' points)',
    report.practise.includes(k.skill) ? h('strong', {}, ' — to practise') : ''));
  host.append(h('article', { class: 'report', 'data-final': String(report.final) },
    h('h2', { id: 'report-title' }, 'Report: ', report.candidate, ' — ', report.name),
    h('p', { class: report.final ? 'final-note' : 'notice' }, report.final ? 'Final: every submission taken is judged and the assessment is over.' : 'Provisional: the assessment is not over or submissions are still being judged; this page shows the report as it stands.'),
    h('dl', { class: 'summary' },
      h('dt', {}, 'Recommendation'), h('dd', { id: 'recommendation' }, RECOMMENDATIONS[report.recommendation] || words(report.recommendation)),
      h('dt', {}, 'Level the evidence supports'), h('dd', { id: 'level' }, report.level || 'none (not even entry\'s pass mark in every stage)'),
      h('dt', {}, 'Assessed for'), h('dd', {}, report.target_level + ' level')),
    table('Stages', ['Stage', 'Score', 'Manual', 'Grade', 'Band', 'Marks'], stageRows, { id: 'stages' }),
    h('h3', {}, 'Why'), h('ul', { class: 'reasons' }, report.reasons.map((r) => h('li', {}, r))),
    h('h3', {}, 'Skill areas'), skills.length ? h('ul', { class: 'skills' }, skills) : h('p', {}, 'No skill area was assessed.'),
    report.stages.map((st) => h('section', { class: 'stage', 'data-stage': st.stage, 'aria-labelledby': 'stage-' + st.stage },
      h('h3', { id: 'stage-' + st.stage }, words(st.stage), ': ', fmtScore(st.grade), ' ', bandBadge(st.band)),
      st.review && st.review.notes ? h('blockquote', { class: 'notes' }, st.review.notes) : null,
      st.problems.map(problemEvidence),
      instructor ? reviewForm(st, token, report.assessment, onChanged) : null)),
    instructor || report.integrity !== undefined ? integrityFacts(report, titles) : null));
}

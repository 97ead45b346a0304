// An assessment as its candidate sits it, from the link the instructor sent: sign in with the
// access code, start, the open section's problems in the workspace, the countdown, move on,
// finish, and the report at the end when the template shows it to candidates.
//
// The server keeps the time: every read of the session (GET /v1/assessments/{id}) gives its
// clock and the time left, and the countdown restarts from there, so a wrong clock on the
// candidate's machine changes nothing. When the countdown reaches the section's end or the
// deadline the editor closes; a submission that still arrives late is the server's to refuse,
// and its refusal is shown in words. A reload resumes: the session comes from the server, and
// the chosen problem, language and code from this tab's sessionStorage.
//
// Integrity signals: text pasted into the editor (its size) and time away from the page
// (window blur to focus, or hidden to visible) are reported to the API as they happen, and the
// candidate is told so before starting.

import { get, post, tokens } from './api.js';
import { alertError, announce, clear, clock, describe, duration, h, showSignedIn, signInForm, span, table, verdictBadge, words } from './ui.js';
import { languageName, mountWorkspace } from './workspace.js';
import { renderReport } from './report.js';

const main = document.getElementById('main');
const id = decodeURIComponent(location.pathname.split('/')[2] || '');
const store = tokens.assessment(id);
const base = '/v1/assessments/' + encodeURIComponent(id);
const chosenKey = 'mockjudge.assessment.' + id + '.problem';

let token = store.get();
let session = null;
// performance.now() at which the deadline and the open section's end fall, by the server's clock.
let deadlineAt = null;
let sectionEndsAt = null;
let expired = { section: false, deadline: false };
let ui = null;
let workspace = null;
let workspaceSlug = null;
let syncing = null;
// What the alert says because a read of the session failed, cleared by the next read that works.
let syncAlert = null;
// The section shown last, and whether the candidate chose a problem outside the open section.
let shownSection = null;
let pinned = false;

const running = () => session && session.state === 'started';

// ---- integrity signals -------------------------------------------------------------------

function signal(kind, fields) {
  if (!running()) return;
  post(token, base + '/integrity', Object.assign({ kind }, fields)).catch((err) => console.warn('integrity signal not recorded', err));
}

let awaySince = null;
function wentAway() {
  if (awaySince === null && running()) awaySince = Date.now();
}
function cameBack() {
  if (awaySince === null) return;
  const ms = Date.now() - awaySince;
  awaySince = null;
  signal('focus_loss', { duration_ms: ms });
}
window.addEventListener('blur', wentAway);
window.addEventListener('focus', cameBack);
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') wentAway();
  else if (document.hasFocus()) cameBack();
});

// ---- the session -------------------------------------------------------------------------

function signIn() {
  clear(main, h('h1', {}, 'Assessment'), signInForm({
    title: 'Sign in to your assessment',
    intro: 'Type the access code your instructor sent with the link. This tab keeps it until you close it or sign out; it is never put in a link.',
    label: 'Access code',
    button: 'Sign in',
    check: async (code) => {
      const { body } = await get(code, base);
      store.set(code);
      token = code;
      showSignedIn(store, 'Signed in as ' + body.candidate + '.');
      show(body);
    },
  }));
}

// Reads the session again and shows it; `sentAt` is taken before asking, so that the
// countdown ends no later than the server's.
async function sync() {
  if (syncing) return syncing;
  syncing = (async () => {
    const sentAt = performance.now();
    try {
      const { body } = await get(token, base);
      if (syncAlert !== null && document.getElementById('alert').textContent === syncAlert) alertError(null);
      syncAlert = null;
      show(body, sentAt);
    } catch (err) {
      alertError(err);
      syncAlert = describe(err);
    } finally {
      syncing = null;
    }
  })();
  return syncing;
}

function show(next, sentAt = performance.now()) {
  session = next;
  deadlineAt = session.time_left_ms !== undefined && session.time_left_ms !== null ? sentAt + session.time_left_ms : null;
  const open = session.current_section !== undefined && session.current_section !== null ? session.sections[session.current_section] : null;
  sectionEndsAt = open && open.window ? sentAt + (open.window.closes_ms - session.now_ms) : null;
  expired = { section: false, deadline: false };
  document.title = session.name + ' — mockjudge';
  if (session.state === 'created') return intro();
  if (!ui) layout();
  update();
}

function intro() {
  ui = null;
  const sections = session.sections.map((s) => h('li', {}, h('strong', {}, words(s.stage)), ': ' + span(s.duration_ms) + (s.progressive ? ', one task in levels' : '')));
  const startButton = h('button', { type: 'button', class: 'primary', id: 'start' }, 'Start the assessment');
  startButton.addEventListener('click', async () => {
    startButton.disabled = true;
    alertError(null);
    const sentAt = performance.now();
    try {
      const { body } = await post(token, base + '/start');
      show(body, sentAt);
    } catch (err) {
      alertError(err);
      startButton.disabled = false;
      if (err.code === 'already_started') sync();
    }
  });
  clear(main,
    h('h1', {}, session.name),
    h('p', {}, 'For ', h('strong', {}, session.candidate), ', at ', session.level, ' level. It takes up to ', span(session.duration_ms), ' and has ', session.sections.length === 1 ? 'one section' : session.sections.length + ' sections', ', taken in order:'),
    h('ol', { class: 'plain' }, sections),
    h('p', {}, 'Each section opens when the one before it closes; you may move on early, but not come back. The clock starts when you press Start and is kept by the server: reloading the page or closing it does not stop it.'),
    h('p', { class: 'notice', id: 'integrity-notice' }, 'While the assessment runs, this page tells your instructor when text is pasted into the editor (and how much) and when you leave the page (and for how long). These are recorded as facts, not judged.'),
    startButton);
}

function layout() {
  const countdown = h('span', { id: 'countdown', role: 'timer', 'aria-live': 'off' }, '—');
  const sectionTimer = h('span', { id: 'section-timer', role: 'timer', 'aria-live': 'off' }, '—');
  const over = h('div', { id: 'over', class: 'over', hidden: true, tabindex: '-1' });
  const sections = h('ol', { class: 'sections', id: 'sections' });
  const work = h('div', { id: 'workspace', class: 'workspace-host' }, h('p', {}, 'Choose a problem from the open section.'));
  const confirmBox = h('div', { class: 'confirm', id: 'confirm', hidden: true });
  const advance = h('button', { type: 'button', id: 'advance' }, 'Move on to the next section');
  const finish = h('button', { type: 'button', id: 'finish' }, 'Finish the assessment');
  const taken = h('section', { id: 'taken', 'aria-labelledby': 'taken-title' });
  const reportHost = h('section', { id: 'candidate-report' });
  ui = { countdown, sectionTimer, over, sections, work, confirmBox, advance, finish, taken, reportHost, actions: null };
  ui.actions = h('div', { class: 'session-actions' }, advance, finish, confirmBox);

  const ask = (button, question, label, action) => {
    button.addEventListener('click', () => {
      const yes = h('button', { type: 'button', class: 'primary', id: 'confirm-yes' }, label);
      const no = h('button', { type: 'button', id: 'confirm-no' }, 'Cancel');
      clear(confirmBox, h('p', {}, question), yes, ' ', no);
      confirmBox.hidden = false;
      no.addEventListener('click', () => {
        confirmBox.hidden = true;
        button.focus();
      });
      yes.addEventListener('click', async () => {
        yes.disabled = true;
        alertError(null);
        workspace && workspace.save();
        const sentAt = performance.now();
        try {
          const { body } = await post(token, action);
          confirmBox.hidden = true;
          show(body, sentAt);
        } catch (err) {
          alertError(err);
          confirmBox.hidden = true;
          sync();
        }
      });
      yes.focus();
    });
  };
  ask(advance, 'Move on to the next section? This section closes for good: you cannot come back to it.', 'Yes, move on', base + '/advance');
  ask(finish, 'Finish the assessment now? Nothing more can be submitted after this.', 'Yes, finish', base + '/finish');

  clear(main,
    h('div', { class: 'assessment-head' },
      h('h1', { id: 'assessment-title' }, session.name),
      h('div', { class: 'timers', role: 'group', 'aria-label': 'Time left' },
        h('p', {}, 'Section: ', sectionTimer),
        h('p', { class: 'total' }, 'Assessment: ', countdown))),
    over,
    h('p', { class: 'notice small', id: 'integrity-reminder' }, 'Pastes into the editor and time away from this page are reported to your instructor.'),
    h('div', { class: 'assessment' },
      h('nav', { class: 'section-nav', 'aria-label': 'Sections and problems' }, h('h2', { class: 'sub' }, 'Sections'), sections, ui.actions),
      work),
    taken,
    reportHost);
}

function sectionStatus(s) {
  if (s.status === 'open') return 'open';
  if (s.status === 'closed') return 'closed';
  return 'upcoming, ' + span(s.duration_ms);
}

// Replaces `host`'s content with make()'s when `key` differs from the one it was drawn from,
// so that re-reading the session every few seconds leaves the focus where it is.
function redraw(host, key, make) {
  if (host.dataset.drawn === key) return;
  host.dataset.drawn = key;
  clear(host, make());
}

function update() {
  const current = session.current_section;
  const sectionsKey = JSON.stringify([current, workspaceSlug, session.state, session.sections.map((s) => [s.status, (s.problems || []).map((p) => p.slug)])]);
  redraw(ui.sections, sectionsKey, () => session.sections.map((s, i) => h('li', { class: 'section', 'data-status': s.status, 'aria-current': i === current ? 'step' : null },
    h('h3', {}, words(s.stage), ' ', h('span', { class: 'status' }, '(' + sectionStatus(s) + ')')),
    s.problems ? h('ul', { class: 'problems' }, s.problems.map((p) => h('li', {},
      h('button', { type: 'button', class: 'problem-link', 'data-slug': p.slug, 'aria-current': p.slug === workspaceSlug ? 'true' : null, onclick: () => {
        pinned = i !== session.current_section;
        open(p.slug, true);
      } }, p.title)))) : null)));

  const finished = session.state === 'finished';
  const last = current === session.sections.length - 1;
  ui.advance.hidden = finished || current === undefined || current === null || last;
  ui.finish.hidden = finished;
  if (finished) {
    ui.confirmBox.hidden = true;
    ui.actions.hidden = true;
    document.getElementById('integrity-reminder').hidden = true;
  }

  // The taken submissions, with their verdicts as the server knows them.
  const titleOf = (slug) => {
    for (const s of session.sections) for (const p of s.problems || []) if (p.slug === slug) return p.title;
    return slug;
  };
  redraw(ui.taken, JSON.stringify(session.submissions), () => [h('h2', { class: 'sub', id: 'taken-title' }, 'Your submissions'),
    session.submissions.length
      ? table('Your submissions', ['Problem', 'Language', 'Taken at', 'Verdict'], session.submissions.map((s) => h('tr', { 'data-submission': s.id },
        h('td', {}, titleOf(s.problem)), h('td', {}, languageName(s.language)), h('td', {}, clock(s.received_ms)),
        h('td', {}, s.status === 'finished' ? verdictBadge(s.verdict) : words(s.status) + '…'))), { class: 'hide-caption' }) : h('p', {}, 'None yet.')]);

  // Which problem to show: the one chosen before (this tab), else the open section's first.
  // A problem of a closed section stays shown only when the candidate chose it to read again;
  // a new section brings its first problem.
  if (current !== shownSection) pinned = false;
  shownSection = current;
  const known = session.sections.flatMap((s) => (s.problems || []).map((p) => p.slug));
  let slug = sessionStorage.getItem(chosenKey);
  if (!known.includes(slug)) slug = null;
  const openProblems = current !== undefined && current !== null ? session.sections[current].problems || [] : [];
  const inOpen = openProblems.some((p) => p.slug === slug);
  if (!finished && openProblems.length && (!slug || (!inOpen && !pinned))) slug = openProblems[0].slug;
  if (slug && slug !== workspaceSlug) open(slug, false);
  else applyClosure();

  if (finished) showOver();
  tick();
}

function sectionOf(slug) {
  return session.sections.findIndex((s) => (s.problems || []).some((p) => p.slug === slug));
}

// Closes the editor unless its problem's section is open now.
function applyClosure() {
  if (!workspace) return;
  const at = sectionOf(workspaceSlug);
  const open = running() && at === session.current_section && !expired.section && !expired.deadline;
  let why = '';
  if (!open) {
    if (session.state === 'finished') why = 'The editor is closed: the assessment is over.';
    else if (expired.deadline) why = 'The editor is closed: time is up.';
    else why = 'The editor is closed: the ' + words(session.sections[at] ? session.sections[at].stage : '') + ' section has closed.';
  }
  if (open !== !workspace.isClosed()) workspace.setClosed(!open, why);
}

async function open(slug, focus) {
  if (slug === workspaceSlug) return;
  workspace && workspace.save();
  sessionStorage.setItem(chosenKey, slug);
  workspaceSlug = slug;
  workspace = null;
  clear(ui.work, h('p', { class: 'live-status' }, 'Loading the problem…'));
  for (const b of ui.sections.querySelectorAll('.problem-link')) b.setAttribute('aria-current', String(b.dataset.slug === slug));
  try {
    const { body: problem } = await get(token, base + '/problems/' + encodeURIComponent(slug));
    if (workspaceSlug !== slug) return;
    const space = await mountWorkspace(ui.work, problem, {
      token,
      runPath: base + '/runs',
      submitPath: base + '/submissions',
      drafts: 'mockjudge.draft.assessment.' + id + '.' + slug,
      titleTag: 'h2',
      onPaste: (chars) => signal('paste', { size: chars, problem: slug }),
      onSubmitted: () => sync(),
      onFinished: () => sync(),
      onRefused: (err) => {
        if (['assessment_closed', 'already_finished', 'not_started'].includes(err.code)) sync();
      },
    });
    if (workspaceSlug !== slug) return;
    workspace = space;
    applyClosure();
    if (focus) {
      const title = document.getElementById('problem-title');
      title.setAttribute('tabindex', '-1');
      title.focus();
    }
  } catch (err) {
    alertError(err);
  }
}

let reportTries = 0;
async function showOver() {
  const reason = session.finish_reason === 'deadline'
    ? 'Time ran out at ' + clock(session.finished_ms || session.deadline_ms) + '.'
    : 'It was finished at ' + clock(session.finished_ms || Date.now()) + '.';
  if (ui.over.hidden) {
    clear(ui.over, h('h2', {}, 'The assessment is over'), h('p', {}, reason, ' Thank you. Submissions taken in time are still judged and count.'));
    ui.over.hidden = false;
    ui.over.focus();
    announce('The assessment is over.');
  }
  if (!session.candidate_report) {
    clear(ui.reportHost, h('p', {}, 'Your instructor will go through the results with you.'));
    return;
  }
  try {
    const { body: report } = await get(token, base + '/report');
    clear(ui.reportHost);
    renderReport(ui.reportHost, report, { instructor: false });
    if (!report.final && reportTries++ < 60) setTimeout(showOver, 3000);
  } catch (err) {
    alertError(err);
  }
}

// ---- the clock ---------------------------------------------------------------------------

let lastWarned = null;
function tick() {
  if (!ui || !session) return;
  const now = performance.now();
  const finished = session.state === 'finished';
  const left = deadlineAt === null || finished ? 0 : Math.max(0, deadlineAt - now);
  const sectionLeft = sectionEndsAt === null || finished ? 0 : Math.max(0, sectionEndsAt - now);
  const text = finished ? 'over' : duration(left);
  if (ui.countdown.textContent !== text) ui.countdown.textContent = text;
  const stext = finished || session.current_section === undefined || session.current_section === null ? '—' : duration(sectionLeft);
  if (ui.sectionTimer.textContent !== stext) ui.sectionTimer.textContent = stext;
  ui.countdown.dataset.leftMs = String(Math.round(left));
  if (!finished) {
    for (const mark of [5 * 60000, 60000]) {
      if (left <= mark && left > mark - 2000 && lastWarned !== mark) {
        lastWarned = mark;
        announce(span(mark) + ' left.');
      }
    }
    if (deadlineAt !== null && left <= 0 && !expired.deadline) {
      expired.deadline = true;
      applyClosure();
      announce('Time is up.');
      setTimeout(sync, 300);
    } else if (sectionEndsAt !== null && sectionLeft <= 0 && !expired.section) {
      expired.section = true;
      applyClosure();
      const open = session.sections[session.current_section];
      announce('The ' + words(open ? open.stage : '') + ' section has closed.');
      setTimeout(sync, 300);
    }
  }
}

setInterval(tick, 250);
// Verdicts and the clock again, now and then, while the assessment runs; the countdown
// restarts from the server's clock. (Before the start there is nothing to refresh, and drawing
// the introduction again would take the focus off its Start button.)
setInterval(() => {
  if (token && running() && document.visibilityState === 'visible') sync();
}, 15000);

async function startPage() {
  if (!/^[0-9a-fA-F-]{36}$/.test(id)) {
    clear(main, h('h1', {}, 'Assessment'), h('p', {}, 'This link does not name an assessment; check the link you were sent.'));
    return;
  }
  if (!token) return signIn();
  try {
    const { body } = await get(token, base);
    showSignedIn(store, 'Signed in as ' + body.candidate + '.');
    show(body);
  } catch (err) {
    if (err.code === 'invalid_token' || err.code === 'forbidden') {
      store.clear();
      signIn();
    }
    alertError(err);
  }
}

startPage();

// The code editor: CodeMirror 5 from Debian's libjs-codemirror (served under
// /vendor/codemirror/) with the language's mode, or, where the server has no such package, a
// plain textarea that still indents with Tab. Either way Tab indents, and Esc then Tab leaves
// the editor, so a keyboard alone can get in and out.
//
// CodeMirror 5 and its modes are scripts that register on window.CodeMirror, not ES modules:
// they are loaded as <script> elements, once.

const VENDOR = '/vendor/codemirror/';

// The modes (and the addons they need) and MIME types, by the API's language names.
const MODES = {
  python: { files: ['mode/python/python.js'], mime: 'text/x-python' },
  javascript: { files: ['mode/javascript/javascript.js'], mime: 'text/javascript' },
  c: { files: ['mode/clike/clike.js'], mime: 'text/x-csrc' },
  cpp: { files: ['mode/clike/clike.js'], mime: 'text/x-c++src' },
  java: { files: ['mode/clike/clike.js'], mime: 'text/x-java' },
  go: { files: ['mode/go/go.js'], mime: 'text/x-go', tabs: true },
  rust: { files: ['addon/mode/simple.js', 'mode/rust/rust.js'], mime: 'text/x-rustsrc' },
  sqlite: { files: ['mode/sql/sql.js'], mime: 'text/x-sqlite' },
  postgresql: { files: ['mode/sql/sql.js'], mime: 'text/x-pgsql' },
};

const scripts = new Map();

function script(src) {
  if (!scripts.has(src)) {
    scripts.set(src, new Promise((resolve, reject) => {
      const el = document.createElement('script');
      el.src = src;
      el.onload = () => resolve();
      el.onerror = () => reject(new Error('could not load ' + src));
      document.head.append(el);
    }));
  }
  return scripts.get(src);
}

function stylesheet(href) {
  if (!document.querySelector('link[href="' + href + '"]')) {
    document.head.append(Object.assign(document.createElement('link'), { rel: 'stylesheet', href }));
  }
}

let loading = null;

// window.CodeMirror, or null when the server has no CodeMirror to give.
function codemirror() {
  if (!loading) {
    loading = script(VENDOR + 'lib/codemirror.js')
      .then(() => {
        stylesheet(VENDOR + 'lib/codemirror.css');
        return script(VENDOR + 'addon/edit/matchbrackets.js').catch(() => {});
      })
      .then(() => window.CodeMirror || null)
      .catch(() => null);
  }
  return loading;
}

async function mode(language) {
  const m = MODES[language];
  if (!m) return null;
  try {
    for (const file of m.files) await script(VENDOR + file);
    return m.mime;
  } catch {
    return null;
  }
}

const indentOf = (language) => (MODES[language] && MODES[language].tabs ? '\t' : '    ');

// Makes an editor in `host`. `id` is given to the focusable input, so that a <label for=id>
// names it; `describedBy` points at the text that explains the keys. Calls onPaste(chars)
// for text pasted in, onChange(text) on every change.
export async function createEditor(host, { id, describedBy, label, language, value = '', onPaste, onChange }) {
  const CodeMirror = await codemirror();
  return CodeMirror
    ? codeMirrorEditor(CodeMirror, host, { id, describedBy, label, language, value, onPaste, onChange })
    : textareaEditor(host, { id, describedBy, language, value, onPaste, onChange });
}

function pastedChars(event) {
  const text = event.clipboardData ? event.clipboardData.getData('text/plain') || event.clipboardData.getData('text') : '';
  return [...text].length;
}

async function codeMirrorEditor(CodeMirror, host, { id, describedBy, label, language, value, onPaste, onChange }) {
  let lang = language;
  // After Esc, Tab and Shift+Tab are the browser's again (they move the focus): a key map
  // binding them to false makes CodeMirror leave them alone, until any other key.
  const leave = { Tab: false, 'Shift-Tab': false };
  let leaving = false;
  const stay = () => {
    if (leaving) cm.removeKeyMap(leave);
    leaving = false;
  };
  const cm = CodeMirror(host, {
    value,
    mode: (await mode(lang)) || null,
    lineNumbers: true,
    indentUnit: 4,
    tabSize: 4,
    indentWithTabs: indentOf(lang) === '\t',
    matchBrackets: true,
    screenReaderLabel: label,
    extraKeys: {
      Tab: (cm) => {
        if (cm.somethingSelected()) cm.indentSelection('add');
        else cm.execCommand(cm.getOption('indentWithTabs') ? 'insertTab' : 'insertSoftTab');
      },
      'Shift-Tab': (cm) => cm.indentSelection('subtract'),
      Esc: (cm) => {
        if (!leaving) cm.addKeyMap(leave);
        leaving = true;
      },
    },
  });
  const input = cm.getInputField();
  input.id = id;
  if (describedBy) input.setAttribute('aria-describedby', describedBy);
  cm.on('keydown', (_, e) => {
    if (!['Escape', 'Tab', 'Shift'].includes(e.key)) stay();
  });
  cm.on('focus', stay);
  cm.on('paste', (_, e) => onPaste && onPaste(pastedChars(e)));
  cm.on('change', () => onChange && onChange(cm.getValue()));
  host.classList.add('has-codemirror');
  return {
    kind: 'codemirror',
    input,
    getValue: () => cm.getValue(),
    setValue: (text) => cm.setValue(text),
    async setLanguage(next) {
      lang = next;
      cm.setOption('indentWithTabs', indentOf(lang) === '\t');
      cm.setOption('mode', (await mode(lang)) || null);
    },
    setReadOnly(on) {
      cm.setOption('readOnly', on);
      host.classList.toggle('read-only', on);
      input.setAttribute('aria-readonly', String(on));
    },
    focus: () => cm.focus(),
    refresh: () => cm.refresh(),
  };
}

function textareaEditor(host, { id, describedBy, language, value, onPaste, onChange }) {
  let lang = language;
  let leaving = false;
  const area = document.createElement('textarea');
  Object.assign(area, { id, value, spellcheck: false, wrap: 'off', rows: 18 });
  area.setAttribute('autocapitalize', 'off');
  area.setAttribute('autocomplete', 'off');
  area.className = 'plain-editor';
  if (describedBy) area.setAttribute('aria-describedby', describedBy);
  host.append(area);
  host.classList.add('has-textarea');

  // Inserts `text` at the selection, keeping the browser's undo history where it can.
  const insert = (text) => {
    if (!document.execCommand || !document.execCommand('insertText', false, text)) {
      area.setRangeText(text, area.selectionStart, area.selectionEnd, 'end');
      onChange && onChange(area.value);
    }
  };
  // The lines the selection touches, as [start of first line, end of last line].
  const selectedLines = () => {
    const start = area.value.lastIndexOf('\n', area.selectionStart - 1) + 1;
    let end = area.value.indexOf('\n', Math.max(area.selectionEnd - (area.selectionEnd > area.selectionStart ? 1 : 0), area.selectionStart));
    if (end < 0) end = area.value.length;
    return [start, end];
  };
  const reindent = (outdent) => {
    const unit = indentOf(lang);
    const [start, end] = selectedLines();
    const lines = area.value.slice(start, end).split('\n');
    const changed = lines.map((line) => {
      if (!outdent) return unit + line;
      if (line.startsWith(unit)) return line.slice(unit.length);
      return line.replace(/^( {1,4}|\t)/, '');
    }).join('\n');
    area.setSelectionRange(start, end);
    insert(changed);
    area.setSelectionRange(start, start + changed.length);
  };

  area.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      leaving = true;
      return;
    }
    if (e.key === 'Tab' && !leaving && !area.readOnly && !e.ctrlKey && !e.altKey && !e.metaKey) {
      e.preventDefault();
      const multiline = area.value.slice(area.selectionStart, area.selectionEnd).includes('\n');
      if (e.shiftKey || multiline) reindent(e.shiftKey);
      else insert(indentOf(lang));
      return;
    }
    if (e.key === 'Enter' && !area.readOnly && !e.ctrlKey && !e.altKey && !e.metaKey && !e.shiftKey) {
      // Keeps the line's indentation, one level more after an opening `:`, `{`, `(` or `[`.
      e.preventDefault();
      const lineStart = area.value.lastIndexOf('\n', area.selectionStart - 1) + 1;
      const before = area.value.slice(lineStart, area.selectionStart);
      let indent = before.match(/^[ \t]*/)[0];
      if (/[:{(\[]\s*$/.test(before)) indent += indentOf(lang);
      insert('\n' + indent);
      return;
    }
    if (e.key !== 'Shift' && e.key !== 'Tab') leaving = false;
  });
  area.addEventListener('focus', () => {
    leaving = false;
  });
  area.addEventListener('paste', (e) => onPaste && onPaste(pastedChars(e)));
  area.addEventListener('input', () => onChange && onChange(area.value));
  return {
    kind: 'textarea',
    input: area,
    getValue: () => area.value,
    setValue: (text) => {
      area.value = text;
      onChange && onChange(text);
    },
    async setLanguage(next) {
      lang = next;
    },
    setReadOnly(on) {
      area.readOnly = on;
      host.classList.toggle('read-only', on);
    },
    focus: () => area.focus(),
    refresh: () => {},
  };
}

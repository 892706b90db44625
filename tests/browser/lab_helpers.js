// Installed by labdriver.py in every page before JupyterLab's own scripts, as window.__lab.
// Everything refers to a notebook by its path, so nothing depends on which tab is current.
(() => {
// The end of a traceback says what went wrong; colour codes are noise.
const tail = text => {
  text = text.replace(/\x1b\[[0-9;]*m/g, '');
  return text.length > 3000 ? '...' + text.slice(-3000) : text;
};
// Errors and stderr from code run outside a cell's execute request -- above all widget callbacks
// fired by the browser -- go to JupyterLab's log console, not into any cell: record them from
// every notebook's kernel messages, hooked as the panel is added (before its kernel exists).
// Left out, and only these: the two lines the widget manager itself causes when, on connecting,
// it asks a kernel that has not imported ipywidgets yet for its widgets (comm target
// 'jupyter.widget.control' not registered, then 'No such comm' for that same comm).
// Uncaught exceptions in the page (widget views' JavaScript among them).
const pageErrors = [];
window.addEventListener('error', e => pageErrors.push(String(e.error?.stack || e.message)));
window.addEventListener('unhandledrejection',
                        e => pageErrors.push(String(e.reason?.stack || e.reason)));
const CONTROL = 'jupyter.widget.control';
const watch = panel => {
  if (!panel.sessionContext || panel.__kernelLog) return;
  const log = panel.__kernelLog = [], control = new Set();
  const hook = kernel => kernel && kernel.anyMessage.connect((_, {msg, direction}) => {
    const type = msg.header.msg_type, content = msg.content;
    if (direction === 'send') {
      if (type === 'comm_open' && content.target_name === CONTROL) control.add(content.comm_id);
      return;
    }
    if (msg.channel !== 'iopub' || msg.parent_header?.msg_type === 'execute_request') return;
    if (type === 'error') log.push(content.traceback.join('\n'));
    if (type !== 'stream' || content.name !== 'stderr') return;
    const text = content.text.trim(), id = /^No such comm: (\S+)$/.exec(text)?.[1];
    if (text === `No such comm target registered: ${CONTROL}` || control.has(id)) return;
    log.push(content.text);
  });
  panel.sessionContext.kernelChanged.connect((_, change) => hook(change.newValue));
  hook(panel.sessionContext.session?.kernel);
};
const start = setInterval(() => {
  const app = window.jupyterapp;
  if (!app) return;
  clearInterval(start);
  const scan = () => { for (const w of app.shell.widgets('main')) watch(w); };
  app.shell.layoutModified.connect(scan);
  scan();
}, 5);
window.__lab = {
  panel(path) {
    const app = window.jupyterapp;
    if (!app) return null;
    for (const w of app.shell.widgets('main')) {
      if (w.context && w.context.path === path && w.content && w.content.widgets) return w;
    }
    return null;
  },
  kernelIdle(path) {
    const kernel = this.panel(path)?.sessionContext?.session?.kernel;
    return !!kernel && kernel.connectionStatus === 'connected' && kernel.status === 'idle';
  },
  dialog() {
    const d = document.querySelector('.jp-Dialog');
    return d ? d.innerText.trim() || 'a dialog' : null;
  },
  runAll(path) {
    const app = window.jupyterapp;
    const panel = this.panel(path);
    app.shell.activateById(panel.id);
    if (app.shell.currentWidget !== panel) throw new Error('could not activate ' + path);
    window.__runAll = undefined;
    app.commands.execute('notebook:run-all-cells').then(
      ok => { window.__runAll = {ok}; },
      err => { window.__runAll = {ok: false, error: String(err)}; });
  },
  running(path) {
    const prompts = this.panel(path).node.querySelectorAll('.jp-InputPrompt');
    return [...prompts].some(p => p.textContent.includes('*'));
  },
  loadingWidgets(path) {
    return [...this.panel(path).node.querySelectorAll('.jp-OutputArea-output')]
      .filter(o => o.textContent.trim() === 'Loading widget...').length;
  },
  problems(path) {
    const out = [];
    const panel = this.panel(path);
    panel.content.widgets.forEach((cell, i) => {
      const model = cell.model;
      if (!cell.node.isConnected)  // never expected with windowingMode 'none'; never silent
        out.push({cell: i, kind: 'not in the page, so not checked', text: ''});
      if (model.type === 'code' && model.sharedModel.getSource().trim() &&
          model.executionCount == null) {
        out.push({cell: i, kind: 'not run', text: model.sharedModel.getSource().slice(0, 200)});
      }
      for (const el of cell.node.querySelectorAll(
          '[data-mime-type="application/vnd.jupyter.stderr"]')) {
        out.push({cell: i, kind: 'stderr/traceback', text: tail(el.innerText)});
      }
      for (const el of cell.node.querySelectorAll('.jp-OutputArea-output')) {
        const text = el.textContent.trim();
        if (text.includes('Error displaying widget') || /model not found/i.test(text))
          out.push({cell: i, kind: 'widget error', text: text.slice(0, 500)});
        else if (text === 'Loading widget...')
          out.push({cell: i, kind: 'widget never rendered', text});
      }
    });
    for (const text of new Set(panel.__kernelLog || []))
      out.push({cell: null, kind: 'kernel output outside any cell (a widget callback?)',
                text: tail(text)});
    for (const text of new Set(pageErrors))
      out.push({cell: null, kind: 'uncaught in the browser', text: tail(text)});
    return out;
  },
};
})();

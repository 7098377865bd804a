// The queue panel: counts per queue, the last hour as two bar charts drawn in SVG, live
// workers and the newest tasks, refreshed every few seconds and at once when a task of
// this user changes. All text goes in through textContent.
(function () {
  'use strict';

  const panel = document.querySelector('main.queue-panel');
  if (!panel) {
    return;
  }
  const staff = panel.dataset.scope === 'all';
  const REFRESH_MS = 3000;
  const SVG = 'http://www.w3.org/2000/svg';
  let timer;

  async function refresh() {
    clearTimeout(timer);
    try {
      const response = await fetch('/api/queues', { headers: { Accept: 'application/json' } });
      if (response.ok) {
        render(await response.json());
        document.getElementById('queues-updated').textContent = 'Updated ' + new Date().toLocaleTimeString();
      } else {
        document.getElementById('queues-updated').textContent = 'Could not refresh (' + response.status + ')';
      }
    } catch (error) {
      document.getElementById('queues-updated').textContent = 'Could not refresh: the server is unreachable';
    }
    timer = setTimeout(refresh, REFRESH_MS);
  }

  function render(overview) {
    fillTable('queue-table', overview.queues, (q) => {
      const cells = [q.name, q.pending, q.scheduled, q.processing, q.failed, q.completed];
      return staff ? cells.concat([q.dead_lettered]) : cells;
    });
    fillTable('worker-table', overview.workers, (w) => [w.host || 'hidden', w.queues.join(', '), w.concurrency,
      w.in_hand, ageText(w.heartbeat_age_seconds), new Date(w.started_at).toLocaleString()]);
    fillTable('task-table', overview.tasks, (row) => {
      const t = row.task;
      const cells = [taskLink(t), chip(t.status), t.queue, t.task_type, t.attempts + ' / ' + (t.max_retries + 1)];
      if (staff) {
        cells.push(row.username || '');
      }
      cells.push(new Date(t.created_at).toLocaleString());
      return cells;
    });
    const minutes = overview.last_hour;
    drawBars('throughput-chart', minutes, [{ key: 'completed', className: 'completed' }]);
    drawBars('failure-chart', minutes, [{ key: 'failed', className: 'failed' }, { key: 'retried', className: 'retried' }]);
    setTotal('throughput-total', minutes, 'completed');
    setTotal('failed-total', minutes, 'failed');
    setTotal('retried-total', minutes, 'retried');
  }

  function fillTable(id, rows, cellsOf) {
    const body = document.querySelector('#' + id + ' tbody');
    const columns = document.querySelectorAll('#' + id + ' thead th').length;
    body.replaceChildren();
    if (rows.length === 0) {
      const tr = body.insertRow();
      const td = tr.insertCell();
      td.colSpan = columns;
      td.className = 'empty';
      td.textContent = 'Nothing to show.';
      return;
    }
    rows.forEach((row) => {
      const tr = body.insertRow();
      cellsOf(row).forEach((value) => {
        const td = tr.insertCell();
        if (value instanceof Node) {
          td.append(value);
        } else {
          td.textContent = String(value);
        }
      });
    });
  }

  function taskLink(task) {
    const text = task.uuid.slice(0, 8);
    if (!staff) {
      const code = document.createElement('code');
      code.textContent = text;
      code.title = task.uuid;
      return code;
    }
    const link = document.createElement('a');
    link.href = '/admin/tasks/' + task.uuid;
    link.textContent = text;
    link.title = task.uuid;
    return link;
  }

  function chip(status) {
    const span = document.createElement('span');
    span.className = 'chip ' + status;
    span.textContent = status;
    return span;
  }

  function ageText(seconds) {
    return seconds < 1 ? 'just now' : Math.round(seconds) + ' s ago';
  }

  function setTotal(id, minutes, key) {
    const total = minutes.reduce((sum, minute) => sum + minute[key], 0);
    document.getElementById(id).textContent = '(' + total + ')';
  }

  // One group of bars per minute, side by side per series, scaled to the busiest
  // minute; each bar's <title> gives the exact number on hover and to screen readers.
  function drawBars(id, minutes, series) {
    const svg = document.getElementById(id);
    const title = svg.querySelector('title');
    svg.replaceChildren(title);
    const width = 600;
    const height = 140;
    const top = 10;
    const bottom = 16;
    const max = Math.max(1, ...minutes.flatMap((m) => series.map((s) => m[s.key])));
    const slot = width / minutes.length;
    const barWidth = Math.max(1, (slot - 2) / series.length);
    axis(svg, width, height - bottom, max, top);
    minutes.forEach((minute, i) => {
      series.forEach((s, j) => {
        const value = minute[s.key];
        if (value === 0) {
          return;
        }
        const barHeight = (height - top - bottom) * value / max;
        const bar = document.createElementNS(SVG, 'rect');
        bar.setAttribute('x', String(i * slot + 1 + j * barWidth));
        bar.setAttribute('y', String(height - bottom - barHeight));
        bar.setAttribute('width', String(barWidth));
        bar.setAttribute('height', String(barHeight));
        bar.setAttribute('class', 'bar ' + s.className);
        const tip = document.createElementNS(SVG, 'title');
        tip.textContent = new Date(minute.minute).toLocaleTimeString() + ': ' + value + ' ' + s.key;
        bar.append(tip);
        svg.append(bar);
      });
    });
    label(svg, 2, height - 3, '60 min ago', 'start');
    label(svg, width - 2, height - 3, 'now', 'end');
  }

  function axis(svg, width, baseline, max, top) {
    const line = document.createElementNS(SVG, 'line');
    line.setAttribute('x1', '0');
    line.setAttribute('x2', String(width));
    line.setAttribute('y1', String(baseline));
    line.setAttribute('y2', String(baseline));
    line.setAttribute('class', 'axis');
    svg.append(line);
    label(svg, 2, top + 2, 'max ' + max + '/min', 'start');
  }

  function label(svg, x, y, text, anchor) {
    const element = document.createElementNS(SVG, 'text');
    element.setAttribute('x', String(x));
    element.setAttribute('y', String(y));
    element.setAttribute('text-anchor', anchor);
    element.setAttribute('class', 'chart-label');
    element.textContent = text;
    svg.append(element);
  }

  document.addEventListener('atenea:task-update', () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 200);
  });
  refresh();
}());

// Live updates for Atenea's pages: one WebSocket per tab carries notifications, task
// progress and the unread count. Everything the user sees is put in with textContent,
// never innerHTML, so prompts and titles can hold any text.
(function () {
  'use strict';

  const csrfToken = document.querySelector('meta[name="_csrf"]')?.content;
  const csrfHeader = document.querySelector('meta[name="_csrf_header"]')?.content;
  const badge = document.getElementById('unread-badge');
  if (!badge) {
    return; // the login page has no live parts
  }
  let socket;
  let retryDelay = 1000;

  function connect() {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    socket = new WebSocket(scheme + '//' + location.host + '/ws/notifications/');
    socket.addEventListener('open', () => { retryDelay = 1000; });
    socket.addEventListener('message', (event) => handleFrame(JSON.parse(event.data)));
    socket.addEventListener('close', () => {
      setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 30000);
    });
  }

  function handleFrame(frame) {
    if (frame.type === 'pending_count' || (frame.status === 'success' && 'count' in frame)) {
      setUnread(frame.count);
    } else if (frame.type === 'notification_message') {
      showToast(frame.data);
      setUnread(Number(badge.textContent || 0) + 1);
      prependNotification(frame.data);
    } else if (frame.type === 'task_update') {
      updateItem(frame.data);
      document.dispatchEvent(new CustomEvent('atenea:task-update', { detail: frame.data }));
    }
  }

  function setUnread(count) {
    badge.textContent = String(count);
    badge.classList.toggle('hidden', count === 0);
  }

  function showToast(notification) {
    const toast = document.createElement('div');
    toast.className = 'toast ' + notification.type;
    const title = document.createElement('strong');
    title.textContent = notification.title;
    const message = document.createElement('div');
    message.textContent = notification.message;
    toast.append(title, message);
    if (notification.action_url) {
      const link = document.createElement('a');
      link.href = notification.action_url;
      link.textContent = 'Open';
      toast.append(link);
    }
    document.getElementById('toasts').append(toast);
    setTimeout(() => toast.remove(), 8000);
  }

  function updateItem(update) {
    document.querySelectorAll('[data-item-uuid="' + CSS.escape(update.item_uuid) + '"]').forEach((card) => {
      const chip = card.querySelector('.chip');
      const status = update.status === 'cancelled' ? 'draft' : update.status;
      chip.className = 'chip ' + status;
      chip.textContent = status;
      const bar = card.querySelector('.progress');
      bar.classList.toggle('hidden', update.status !== 'processing');
      bar.setAttribute('aria-valuenow', String(update.progress));
      bar.querySelector('span').style.width = update.progress + '%';
      if (update.status === 'completed' || update.status === 'failed') {
        refreshItem(card);
      }
    });
    refreshHistory();
  }

  // The item page's task history is rendered by the server; after a change it is
  // fetched again and swapped in. DOMParser runs no scripts, and the server escaped
  // every text in it.
  let historyRefresh;
  function refreshHistory() {
    const history = document.querySelector('section.history');
    if (!history) {
      return;
    }
    clearTimeout(historyRefresh);
    historyRefresh = setTimeout(async () => {
      const response = await fetch(location.pathname, { headers: { Accept: 'text/html' } });
      if (!response.ok) {
        return;
      }
      const page = new DOMParser().parseFromString(await response.text(), 'text/html');
      const fresh = page.querySelector('section.history');
      if (fresh) {
        history.replaceWith(document.importNode(fresh, true));
      }
    }, 300);
  }

  async function refreshItem(card) {
    const kind = card.dataset.kind;
    const response = await fetch('/api/' + kind + '/' + card.dataset.itemUuid, { headers: { Accept: 'application/json' } });
    if (!response.ok) {
      return;
    }
    const item = await response.json();
    const media = card.querySelector('.media');
    media.replaceChildren();
    if (item.output_url) {
      const tag = kind === 'images' ? 'img' : (kind === 'videos' ? 'video' : 'audio');
      const element = document.createElement(tag);
      element.src = item.output_url + '?v=' + encodeURIComponent(item.updated_at);
      if (tag === 'img') {
        element.alt = item.title;
      } else {
        element.controls = true;
      }
      media.append(element);
    }
    let error = card.querySelector('p.error');
    if (item.error) {
      if (!error) {
        error = document.createElement('p');
        error.className = 'error';
        media.after(error);
      }
      error.textContent = item.error;
    } else if (error) {
      error.remove();
    }
  }

  function post(url, body) {
    const headers = { Accept: 'application/json' };
    if (csrfHeader) {
      headers[csrfHeader] = csrfToken;
    }
    return fetch(url, { method: 'POST', headers, body });
  }

  // Generate buttons post in the background; the WebSocket reports what happens next.
  document.addEventListener('submit', async (event) => {
    const form = event.target;
    if (!form.classList.contains('generate')) {
      return;
    }
    event.preventDefault();
    const response = await post(form.action, new URLSearchParams(new FormData(form)));
    if (response.ok) {
      const { task } = await response.json();
      updateItem({ item_uuid: task.item_uuid, status: task.status, progress: 0 });
    } else {
      showToast({ type: 'generation_failed', title: 'Could not queue', message: 'The server answered ' + response.status + '.' });
    }
  });

  // Creation forms post JSON to the API; a 422 puts each message beside its field, a
  // 201 adds the new item to the top of its list.
  document.addEventListener('submit', async (event) => {
    const form = event.target;
    if (!form.classList.contains('create')) {
      return;
    }
    event.preventDefault();
    clearErrors(form);
    if (!checkFields(form)) {
      return;
    }
    const kind = form.dataset.kind;
    const headers = { Accept: 'application/json', 'Content-Type': 'application/json' };
    if (csrfHeader) {
      headers[csrfHeader] = csrfToken;
    }
    const response = await fetch('/api/' + kind, { method: 'POST', headers, body: JSON.stringify(formBody(form)) });
    const body = await response.json().catch(() => ({}));
    if (response.status === 201) {
      addItemCard(kind, body);
      form.querySelector('textarea').value = '';
      form.querySelector('[name=title]').value = '';
      showToast({ type: 'info', title: 'Created', message: '"' + body.title + '" is ready to generate.' });
    } else if (body.error) {
      showErrors(form, body.error);
    } else {
      showErrors(form, { message: 'The server answered ' + response.status + '.', fields: {} });
    }
  });

  function formBody(form) {
    const body = {};
    new FormData(form).forEach((value, name) => {
      if (name === '_csrf' || value === '') {
        return;
      }
      const field = form.elements[name];
      const numeric = field.type === 'number' || field.name === 'duration_seconds';
      body[name] = numeric && /^-?\d+$/.test(value) ? Number(value) : value;
    });
    return body;
  }

  function checkFields(form) {
    let valid = true;
    form.querySelectorAll('input, textarea, select').forEach((field) => {
      if (field.type !== 'hidden' && !field.checkValidity()) {
        setFieldError(form, field.name, field.validationMessage);
        valid = false;
      }
    });
    if (!valid) {
      form.querySelector('[aria-invalid=true]')?.focus();
    }
    return valid;
  }

  function clearErrors(form) {
    form.querySelectorAll('.field-error').forEach((span) => { span.textContent = ''; });
    form.querySelectorAll('[aria-invalid]').forEach((field) => field.removeAttribute('aria-invalid'));
    const summary = form.querySelector('.errors');
    summary.replaceChildren();
    summary.classList.add('hidden');
  }

  function showErrors(form, error) {
    const unplaced = [];
    Object.entries(error.fields || {}).forEach(([name, message]) => {
      if (!setFieldError(form, name, message)) {
        unplaced.push(name + ': ' + message);
      }
    });
    if (unplaced.length > 0 || Object.keys(error.fields || {}).length === 0) {
      const summary = form.querySelector('.errors');
      (unplaced.length > 0 ? unplaced : [error.message]).forEach((text) => {
        const line = document.createElement('p');
        line.textContent = text;
        summary.append(line);
      });
      summary.classList.remove('hidden');
    }
    form.querySelector('[aria-invalid=true]')?.focus();
  }

  function setFieldError(form, name, message) {
    const span = form.querySelector('[data-error-for="' + CSS.escape(name) + '"]');
    const field = form.elements[name];
    if (!span || !field) {
      return false;
    }
    span.textContent = message;
    field.setAttribute('aria-invalid', 'true');
    return true;
  }

  function addItemCard(kind, item) {
    const section = document.getElementById(kind);
    const template = document.getElementById('item-card');
    if (!section || !template) {
      return;
    }
    const card = template.content.firstElementChild.cloneNode(true);
    card.dataset.itemUuid = item.uuid;
    card.dataset.kind = kind;
    const link = card.querySelector('a.title');
    link.href = '/' + kind + '/' + item.uuid;
    link.textContent = item.title;
    const form = card.querySelector('form.generate');
    form.action = '/' + kind + '/generate';
    const hidden = form.querySelector('input[type=hidden]');
    hidden.name = item.kind + '_uuid';
    hidden.value = item.uuid;
    form.querySelector('button').setAttribute('aria-label', 'Generate: ' + item.title);
    section.querySelector('ul.items').prepend(card);
    section.querySelector('p.empty').classList.add('hidden');
  }

  // Provider choices: the models and options each provider accepts come from
  // /api/providers (keyed by the singular kind), so switching provider offers only
  // what it takes.
  const SINGULAR = { videos: 'video', images: 'image', audio: 'audio' };
  let providerCatalog;
  document.addEventListener('change', async (event) => {
    const select = event.target;
    if (!select.classList.contains('provider-select')) {
      return;
    }
    if (!providerCatalog) {
      const response = await fetch('/api/providers', { headers: { Accept: 'application/json' } });
      providerCatalog = response.ok ? await response.json() : {};
    }
    const form = select.form;
    const descriptor = (providerCatalog[SINGULAR[form.dataset.kind]] || []).find((p) => p.name === select.value);
    if (descriptor) {
      applyDescriptor(form, descriptor);
    }
  });

  function applyDescriptor(form, descriptor) {
    const options = descriptor.options || {};
    const defaults = descriptor.defaults || {};
    fillSelect(form.querySelector('.model-select'), descriptor.models, descriptor.default_model);
    form.querySelectorAll('select[data-option]').forEach((select) => {
      const choices = options[select.dataset.option] || [];
      fillSelect(select, choices, defaults[select.name] ?? choices[0]);
    });
    form.querySelectorAll('input[type=number]').forEach((input) => {
      const range = options[input.name];
      if (range && range.max) {
        input.min = String(range.min);
        input.max = String(range.max);
      }
    });
  }

  function fillSelect(select, choices, chosen) {
    if (!select) {
      return;
    }
    select.replaceChildren(...choices.map((choice) => {
      const option = document.createElement('option');
      option.value = String(choice);
      option.textContent = String(choice);
      option.selected = choice === chosen;
      return option;
    }));
  }

  const bell = document.getElementById('bell');
  const panel = document.getElementById('notification-panel');
  const list = document.getElementById('notification-list');

  bell.addEventListener('click', () => {
    const open = panel.classList.toggle('hidden') === false;
    bell.setAttribute('aria-expanded', String(open));
    if (open) {
      loadNotifications();
    }
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !panel.classList.contains('hidden')) {
      panel.classList.add('hidden');
      bell.setAttribute('aria-expanded', 'false');
      bell.focus();
    }
  });
  document.getElementById('mark-all-read').addEventListener('click', () => {
    sendAction({ action: 'mark_all_read' });
    list.querySelectorAll('li.unread').forEach((li) => markShownRead(li));
  });

  async function loadNotifications() {
    const response = await fetch('/api/notifications?page_size=20', { headers: { Accept: 'application/json' } });
    if (!response.ok) {
      return;
    }
    const page = await response.json();
    list.replaceChildren();
    if (page.results.length === 0) {
      const empty = document.createElement('li');
      empty.className = 'empty';
      empty.textContent = 'No notifications yet.';
      list.append(empty);
    }
    page.results.forEach((n) => list.append(notificationEntry(n)));
  }

  function prependNotification(notification) {
    list.querySelector('li.empty')?.remove();
    list.prepend(notificationEntry(notification));
  }

  function notificationEntry(notification) {
    const li = document.createElement('li');
    li.dataset.uuid = notification.uuid;
    if (!notification.read) {
      li.className = 'unread';
    }
    const title = document.createElement('strong');
    title.textContent = notification.title;
    const message = document.createElement('div');
    message.textContent = notification.message;
    const actions = document.createElement('div');
    actions.className = 'actions';
    if (notification.action_url) {
      const link = document.createElement('a');
      link.href = notification.action_url;
      link.textContent = 'Open';
      actions.append(link);
    }
    if (!notification.read) {
      const mark = document.createElement('button');
      mark.type = 'button';
      mark.className = 'link';
      mark.textContent = 'Mark read';
      mark.addEventListener('click', () => {
        sendAction({ action: 'mark_read', notification_uuid: notification.uuid });
        markShownRead(li);
      });
      actions.append(mark);
    }
    li.append(title, message, actions);
    return li;
  }

  function markShownRead(li) {
    li.classList.remove('unread');
    li.querySelector('.actions button')?.remove();
  }

  function sendAction(action) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(action));
    }
  }

  connect();
}());

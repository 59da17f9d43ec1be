// After-sales case documents in Tasklist (Community Edition plugin API, an ES module listed in config.js): a tab
// of the task detail that lists the photos and documents of the task's case with links that open in a new tab,
// readable before the task is claimed, and an upload for the people who work the task (inspectors' and
// technicians' photos). Reads and writes /api/tasks/{taskId}/documents with the Tasklist login; an upload sends
// Tasklist's CSRF token. Chinese labels, English when Tasklist runs in English.

function english() {
  const chosen = (window.localStorage && window.localStorage.getItem('camunda-locale')) || navigator.language || '';
  return chosen.toLowerCase().startsWith('en');
}

const TEXTS = {
  zh: {
    tab: '资料与照片', none: '本服务单暂无资料。', failed: '资料无法读取：', file: '文件', added: '添加时间',
    by: '添加方', upload: '上传照片或 PDF', description: '说明（可选）', send: '上传', sent: '已上传：',
    refused: '上传被拒绝：', choose: '请先选择文件。', customer: '顾客', seller: '商家', agent: '售后人员'
  },
  en: {
    tab: 'Documents', none: 'This case has no documents yet.', failed: 'The documents could not be read: ',
    file: 'File', added: 'Added', by: 'Added by', upload: 'Add a photo or PDF', description: 'Description (optional)',
    send: 'Upload', sent: 'Uploaded: ', refused: 'The upload was refused: ', choose: 'Choose a file first.',
    customer: 'customer', seller: 'seller', agent: 'staff'
  }
};

function texts() {
  return english() ? TEXTS.en : TEXTS.zh;
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
  children.flat().forEach(c => node.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c))));
  return node;
}

function when(instant) {
  const options = { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' };
  return new Date(instant).toLocaleString(english() ? 'en-GB' : 'zh-CN', options);
}

function cookie(name) {
  const found = document.cookie.split('; ').find(c => c.startsWith(name + '='));
  return found ? decodeURIComponent(found.substring(name.length + 1)) : '';
}

async function problem(response) {
  try {
    const body = await response.json();
    return body.detail || body.message || response.statusText;
  } catch (e) {
    return response.statusText;
  }
}

function documentsView(node, taskId, csrf) {
  const t = texts();
  const list = el('div', { class: 'aftersales-documents-list' });
  const message = el('p', { class: 'aftersales-documents-message', role: 'status' });

  async function load() {
    const response = await fetch('/api/tasks/' + encodeURIComponent(taskId) + '/documents',
      { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    list.replaceChildren();
    if (!response.ok) {
      list.append(el('p', { class: 'text-danger' }, t.failed + await problem(response)));
      return;
    }
    const body = await response.json();
    if (!body.documents.length) {
      list.append(el('p', {}, t.none));
      return;
    }
    list.append(el('table', { class: 'table table-condensed cam-table' },
      el('thead', {}, el('tr', {}, [t.file, t.added, t.by].map(h => el('th', {}, h)))),
      el('tbody', {}, body.documents.map(d => el('tr', {},
        el('td', {}, el('a', { href: d.href, target: '_blank', rel: 'noopener', class: 'aftersales-document' }, d.fileName),
          d.description ? el('div', { class: 'text-muted' }, d.description) : ''),
        el('td', {}, when(d.addedAt)),
        el('td', {}, t[String(d.addedBy).toLowerCase()] || d.addedBy))))));
  }

  const file = el('input', { type: 'file', name: 'file', accept: 'image/jpeg,image/png,image/webp,application/pdf',
    class: 'aftersales-document-file' });
  const description = el('input', { type: 'text', name: 'description', maxlength: '500', class: 'form-control',
    placeholder: t.description });
  const send = el('button', { type: 'button', class: 'btn btn-default aftersales-document-upload' }, t.send);
  send.addEventListener('click', async () => {
    if (!file.files.length) {
      message.textContent = t.choose;
      return;
    }
    const form = new FormData();
    form.append('file', file.files[0]);
    if (description.value.trim()) {
      form.append('description', description.value.trim());
    }
    const response = await fetch('/api/tasks/' + encodeURIComponent(taskId) + '/documents',
      { method: 'POST', credentials: 'same-origin', body: form, headers: { 'X-XSRF-TOKEN': csrf || '' } });
    if (response.ok) {
      const added = await response.json();
      message.textContent = t.sent + added.fileName;
      file.value = '';
      description.value = '';
      await load();
    } else {
      message.textContent = t.refused + await problem(response);
    }
  });

  node.replaceChildren(list, el('h4', {}, t.upload), el('div', { class: 'form-group' }, file),
    el('div', { class: 'form-group' }, description), send, message);
  load();
}

export default {
  id: 'aftersales-documents',
  pluginPoint: 'tasklist.task.detail',
  priority: 950,
  properties: { label: texts().tab },
  render: (node, { api, taskId }) => documentsView(node, taskId, (api && api.CSRFToken) || cookie('XSRF-TOKEN'))
};

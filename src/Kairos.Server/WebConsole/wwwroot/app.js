// The Kairos console: one page, hash routes, the REST API underneath. Every text on screen is set with textContent
// (never innerHTML), so job names, descriptions and log lines that contain markup are shown as text.
import { views as pages } from './views.js';
import { flows } from './flows.js';

const views = { ...pages, flows };

const state = { texts: {}, language: 'en', me: null, csrf: null, timers: [], navigation: 0 };

export function t(key, ...args) {
  const text = state.texts[key] ?? key;
  return text.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)] ?? ''));
}

/** Builds an element: attributes (on* are listeners), then children (strings become text nodes). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'class') node.className = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export async function api(method, path, body) {
  const headers = { 'Accept': 'application/json', 'Accept-Language': state.language };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && state.csrf) headers['X-CSRF-Token'] = state.csrf;
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, { detail: t('error.network') });
  }
  if (response.status === 401 && path !== '/api/auth/login') {
    state.me = null;
    showSignIn();
    throw new ApiError(401, null);
  }
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

/** A job's time zone decides how its times are shown; Asia/Seoul is named KST as operators say it. */
export function formatTime(iso, zone = 'Asia/Seoul') {
  if (!iso) return '';
  const date = new Date(iso);
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).formatToParts(date).map(p => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second} ${zone === 'Asia/Seoul' ? 'KST' : zone}`;
}

export function flash(message, isError = false) {
  const box = document.getElementById('flash');
  box.textContent = message;
  box.className = isError ? 'error' : '';
  box.hidden = !message;
}

/** Runs fn every ms while the current page is shown; a route change stops it. */
export function every(ms, fn) {
  state.timers.push(setInterval(fn, ms));
}

export const session = state;

/**
 * Asks before an action, always with a reason; extra holds more inputs (a business date). Resolves with the reason
 * and the extra inputs' values, or null when cancelled. The action's own errors are shown inside the dialog.
 */
export function confirmAction(message, action, extra = []) {
  const dialog = document.getElementById('confirm');
  const reason = document.getElementById('confirm-reason');
  const error = document.getElementById('confirm-error');
  document.getElementById('confirm-message').textContent = message;
  document.getElementById('confirm-extra').replaceChildren(...extra);
  reason.value = '';
  error.hidden = true;
  return new Promise(resolve => {
    const form = document.getElementById('confirm-form');
    const cancel = document.getElementById('confirm-cancel');
    const done = value => { form.onsubmit = null; cancel.onclick = null; dialog.close(); resolve(value); };
    cancel.onclick = () => done(null);
    form.onsubmit = async event => {
      event.preventDefault();
      if (!reason.value.trim()) { error.textContent = t('common.reasonRequired'); error.hidden = false; return; }
      try {
        done(await action(reason.value.trim()));
      } catch (e) {
        error.textContent = e.message;
        error.hidden = false;
      }
    };
    dialog.showModal();
    reason.focus();
  });
}

async function loadTexts(language) {
  state.language = language;
  state.texts = await (await fetch(`/console/text/${language}`)).json();
  document.documentElement.lang = language;
  document.title = t('app.title');
  for (const node of document.querySelectorAll('[data-text]')) node.textContent = t(node.dataset.text);
  document.getElementById('language').value = language;
}

function preferredLanguage() {
  const saved = localStorage.getItem('kairos.language');
  if (saved === 'ko' || saved === 'en') return saved;
  return (navigator.languages ?? [navigator.language]).some(l => l?.toLowerCase().startsWith('ko')) ? 'ko' : 'en';
}

function showSignIn() {
  state.timers.forEach(clearInterval);
  state.timers = [];
  document.getElementById('nav').hidden = true;
  document.getElementById('sign-out').hidden = true;
  document.getElementById('who').textContent = '';
  const user = el('input', { name: 'user', autocomplete: 'username', required: true });
  const password = el('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const error = el('p', { class: 'error', hidden: true });
  const form = el('form', {
    class: 'login', onsubmit: async event => {
      event.preventDefault();
      try {
        state.me = await api('POST', '/api/auth/login', { user: user.value, password: password.value });
        state.csrf = state.me.csrfToken;
        signedIn();
      } catch (e) {
        error.textContent = e.status === 401 ? t('error.signIn') : e.message;
        error.hidden = false;
      }
    },
  },
  el('h1', {}, t('login.title')),
  el('label', {}, t('login.user'), user),
  el('label', {}, t('login.password'), password),
  el('button', { type: 'submit' }, t('login.submit')),
  error,
  el('p', { class: 'muted' }, t('login.noUsers')));
  document.getElementById('main').replaceChildren(el('section', {}, form));
  user.focus();
  offerSingleSignOn(form, error);
}

/** Adds "Sign in with <provider>" when the server has one: a plain link, since the provider's pages need a navigation. */
async function offerSingleSignOn(form, error) {
  try {
    const sso = await (await fetch('/api/auth/sso', { headers: { 'Accept': 'application/json' } })).json();
    if (sso.enabled) form.insertBefore(el('a', { id: 'sso-sign-in', class: 'button', href: '/api/auth/sso/start' }, t('login.sso', sso.displayName)), error);
  } catch {
    // No button then: the password form still works.
  }
}

function signedIn() {
  document.getElementById('nav').hidden = false;
  document.getElementById('sign-out').hidden = false;
  document.getElementById('who').textContent = t('common.role', state.me.name, state.me.role);
  document.getElementById('nav-users').hidden = state.me.role !== 'admin';
  route();
}

async function route() {
  // A view renders after its requests answer; by then the operator may have gone elsewhere, and the late page
  // must not replace the one they went to.
  const current = ++state.navigation;
  state.timers.forEach(clearInterval);
  state.timers = [];
  if (!state.me) return showSignIn();
  const hash = location.hash.replace(/^#/, '').split('?')[0] || '/';
  const parts = hash.split('/').filter(Boolean).map(decodeURIComponent);
  for (const link of document.querySelectorAll('#nav a')) {
    const target = link.getAttribute('href').replace(/^#/, '');
    link.classList.toggle('active', target === '/' ? parts.length === 0 : hash.startsWith(target));
  }
  const main = document.getElementById('main');
  main.replaceChildren(el('p', { class: 'muted' }, t('common.loading')));
  flash('');
  const view = views[parts[0] ?? 'dashboard'] ?? views.dashboard;
  try {
    const content = [await view(parts.slice(1))].flat();
    if (current === state.navigation) main.replaceChildren(...content);
  } catch (e) {
    if (e.status !== 401 && current === state.navigation) main.replaceChildren(el('section', {}, el('p', { class: 'error' }, `${t('common.error')}: ${e.message}`)));
  }
}

async function start() {
  await loadTexts(preferredLanguage());
  document.getElementById('language').addEventListener('change', async event => {
    localStorage.setItem('kairos.language', event.target.value);
    await loadTexts(event.target.value);
    if (state.me) signedIn(); else showSignIn();
  });
  document.getElementById('sign-out').addEventListener('click', async () => {
    try { await api('POST', '/api/auth/logout'); } finally { state.me = null; state.csrf = null; showSignIn(); }
  });
  window.addEventListener('hashchange', route);
  try {
    state.me = await api('GET', '/api/auth/me');
    state.csrf = state.me.csrfToken;
    signedIn();
  } catch {
    showSignIn();
  }
}

start();

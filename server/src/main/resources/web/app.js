// deepfer web UI: plain JS, no dependencies, same-origin calls only.
'use strict';

const $ = (id) => document.getElementById(id);
const TOKEN_KEY = 'deepfer.token';
const EMOTIONS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'];
const css = getComputedStyle(document.documentElement);
const colour = (e) => css.getPropertyValue('--' + e).trim() || '#0b5fff';
const canvas = $('canvas');
const ctx = canvas.getContext('2d');

/**
 * fetch with the stored bearer token; on 401 asks for a token once and retries. A `background`
 * call (the model panel, refreshed by the health poll) does not ask again once the user has
 * cancelled the dialog: only what the user does (a photo, the webcam, Explain) asks then.
 */
async function api(path, options = {}, retried = false, background = false) {
  const headers = new Headers(options.headers || {});
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.set('Authorization', 'Bearer ' + token);
  const res = await fetch(path, { ...options, headers });
  if (res.status === 401 && !retried && !(background && askToken.declined) && await askToken()) {
    return api(path, options, true, background);
  }
  return res;
}

/** Asks for the token; calls that get 401 while the dialog is open share its answer. */
function askToken() {
  if (askToken.pending) return askToken.pending;
  const dialog = $('token-dialog');
  askToken.pending = new Promise((resolve) => {
    $('token').value = '';
    dialog.returnValue = ''; // else Escape after an earlier OK would read as OK
    dialog.onclose = () => {
      askToken.pending = null;
      const value = $('token').value.trim();
      const given = dialog.returnValue === 'ok' && value;
      askToken.declined = !given;
      if (given) sessionStorage.setItem(TOKEN_KEY, value);
      resolve(Boolean(given));
    };
    dialog.showModal();
  });
  return askToken.pending;
}

async function errorText(res) {
  try {
    const body = await res.json();
    return `${body.message} (${body.error}, HTTP ${res.status})`;
  } catch (e) {
    return `HTTP ${res.status}`;
  }
}

function showError(text) {
  $('error').textContent = text;
  $('error').hidden = !text;
}

// ---- health and model panel ----
async function pollHealth() {
  const badge = $('health');
  try {
    const res = await fetch('/health');
    const body = await res.json();
    badge.textContent = body.status === 'ready' ? 'model ready' : 'model ' + body.status;
    badge.className = 'badge ' + (res.ok ? 'ready' : 'down');
    if (body.limits) showLimits(body.limits);
    if (res.ok && !pollHealth.modelShown) pollHealth.modelShown = await showModel();
  } catch (e) {
    badge.textContent = 'server unreachable';
    badge.className = 'badge down';
  }
  setTimeout(pollHealth, pollHealth.modelShown ? 15000 : 2000);
}

/** The upload hint states the server's own limits, not a fixed text. */
function showLimits(limits) {
  const mb = limits.max_bytes / (1 << 20);
  const mp = limits.max_pixels / 1e6;
  $('limit').textContent = `${mb >= 1 ? mb.toFixed(mb < 10 ? 1 : 0) + ' MB' : Math.round(limits.max_bytes / 1024) + ' KB'}`
    + ` and ${mp >= 1 ? Math.round(mp) + ' megapixels' : Math.round(limits.max_pixels / 1000) + ' kilopixels'}`;
}

async function showModel() {
  const box = $('model');
  const res = await api('/api/v1/model', {}, false, true);
  if (!res.ok) {
    box.textContent = await errorText(res);
    return false;
  }
  const m = await res.json();
  box.replaceChildren();
  const dl = document.createElement('dl');
  const facts = [['name', m.name], ['architecture', m.architecture], ['input', m.inputSize ? `${m.inputSize}x${m.inputSize} grey` : undefined],
    ['weights', m.dtype], ['created', (m.created || '').slice(0, 10)], ['code', m.codeVersion]];
  for (const [k, v] of facts) {
    if (v === undefined || v === '') continue;
    dl.append(el('dt', k), el('dd', String(v)));
  }
  box.append(dl);
  const splits = Object.entries(m.metrics || {}).filter(([, v]) => v && typeof v === 'object' && 'accuracy' in v);
  if (splits.length) {
    const table = el('table');
    table.append(el('caption', 'Measured accuracy', 'visually-hidden'));
    const head = el('tr');
    ['split', 'images', 'accuracy', 'macro F1'].forEach((h) => head.append(el('th', h)));
    table.append(head);
    for (const [name, s] of splits) {
      const row = el('tr');
      row.append(el('td', name.replace(/_/g, ' ')), el('td', String(s.n ?? ''), 'num'),
        el('td', pct(s.accuracy), 'num'), el('td', s.macro_f1 === undefined ? '' : s.macro_f1.toFixed(3), 'num'));
      table.append(row);
    }
    box.append(table);
  }
  return true;
}

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

const pct = (p) => (100 * p).toFixed(1) + '%';

// ---- drawing ----
function blankCanvas() {
  ctx.fillStyle = '#20242a';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
}

/**
 * Draws `source` (null: a grey canvas) scaled into the canvas and the faces' boxes and labels over
 * it; with `photo` (the uploaded file) each face in the list gets an "Explain" button.
 */
function draw(source, sw, sh, result, photo) {
  const maxWidth = 960;
  const scale = Math.min(1, maxWidth / sw);
  canvas.width = Math.round(sw * scale);
  canvas.height = Math.round(sh * scale);
  if (source) ctx.drawImage(source, 0, 0, canvas.width, canvas.height);
  else blankCanvas(); // a format the browser cannot show (TIFF): the boxes on grey
  if (!result) return;
  const k = canvas.width / result.width;
  const line = Math.max(2, Math.round(canvas.width / 300));
  ctx.font = `${Math.max(12, Math.round(canvas.width / 45))}px system-ui, sans-serif`;
  result.faces.forEach((f, i) => {
    const b = f.box;
    const c = colour(f.emotion);
    ctx.lineWidth = line;
    ctx.strokeStyle = c;
    ctx.strokeRect(b.x * k, b.y * k, b.width * k, b.height * k);
    const label = `${i + 1}. ${f.emotion} ${pct(f.confidence)}`;
    const tw = ctx.measureText(label).width + 8;
    const th = parseInt(ctx.font, 10) + 6;
    const y = b.y * k > th ? b.y * k - th : b.y * k;
    ctx.fillStyle = c;
    ctx.fillRect(b.x * k - line / 2, y, tw, th);
    ctx.fillStyle = '#fff';
    ctx.fillText(label, b.x * k + 4 - line / 2, y + th - 6);
  });
  // probability bars for the faces, in the side list
  const list = $('faces');
  list.replaceChildren();
  if (result.faces.length === 0) list.append(el('li', 'No face found in this image.', 'hint'));
  result.faces.forEach((f, i) => {
    const item = el('li');
    item.append(el('h3', `Face ${i + 1}: ${f.emotion} (${pct(f.confidence)})`));
    for (const e of EMOTIONS) {
      const p = f.probabilities[e] ?? 0;
      const bar = el('div', undefined, 'bar');
      const track = el('div', undefined, 'track');
      track.setAttribute('role', 'meter');
      track.setAttribute('aria-label', e);
      track.setAttribute('aria-valuemin', '0');
      track.setAttribute('aria-valuemax', '100');
      track.setAttribute('aria-valuenow', (100 * p).toFixed(0));
      const fill = el('div', undefined, 'fill');
      fill.style.width = pct(p);
      fill.style.background = colour(e);
      track.append(fill);
      bar.append(el('span', e), track, el('span', pct(p), 'pct'));
      item.append(bar);
    }
    if (photo) {
      const button = el('button', 'Explain', 'explain-toggle');
      button.type = 'button';
      button.setAttribute('aria-expanded', 'false');
      button.addEventListener('click', () => explainFace(photo, i, item, button));
      item.append(button);
    }
    list.append(item);
  });
  const n = result.faces.length;
  const summary = n === 0 ? 'No face found.' : `${n} face${n > 1 ? 's' : ''}: ` + result.faces.map((f) => f.emotion).join(', ') + '.';
  canvas.setAttribute('aria-label', `${result.image}, ${result.width}x${result.height}. ${summary}`);
  return summary;
}

// ---- explanations ----
/** Asks the server why it said what it said about face `i` of `photo`, and shows the heat maps under its bars. */
async function explainFace(photo, i, item, button) {
  const shown = item.querySelector('figure.explain');
  if (shown) {
    shown.remove();
    button.textContent = 'Explain';
    button.setAttribute('aria-expanded', 'false');
    return;
  }
  const seq = photoSeq; // a later photo or the webcam replaces this face: its answer is dropped then
  button.disabled = true;
  button.textContent = 'Explaining…';
  const form = new FormData();
  form.append('image', photo, photo.name);
  const res = await api(`/api/v1/explain?face=${i}`, { method: 'POST', body: form }).catch(() => null);
  button.disabled = false;
  button.textContent = 'Explain';
  if (seq !== photoSeq) return;
  if (!res || !res.ok) {
    showError(res ? await errorText(res) : 'Server unreachable.');
    return;
  }
  const body = await res.json();
  if (seq !== photoSeq) return;
  const f = body.faces[0];
  const several = f.members.length > 1;
  const figure = el('figure', undefined, 'explain');
  const tile = (src, text, cls) => {
    const box = el('div', undefined, 'tile');
    const img = el('img', undefined, cls);
    img.src = src;
    img.alt = `${text}: heat map over face ${i + 1}`;
    box.append(img, el('span', text));
    figure.append(box);
  };
  tile(f.overlay, several ? 'ensemble Grad-CAM' : 'Grad-CAM', 'explain-overlay');
  for (const m of f.members) {
    if (several) tile(m.overlay, `${m.name} (w ${m.weight.toFixed(2)}): ${m.emotion}`);
    if (m.attention_overlay) tile(m.attention_overlay, `${m.name}: CBAM attention`);
  }
  const agree = several ? (f.members_agree ? ' The members agree.' : ' The members disagree.') : '';
  figure.append(el('figcaption', `Where the evidence for “${f.target}” lies (warm = more).${agree} `
    + `${body.timing_ms.explain.toFixed(0)} ms.`));
  item.append(figure);
  button.textContent = 'Hide explanation';
  button.setAttribute('aria-expanded', 'true');
}

// ---- photo mode ----
let photoSeq = 0; // the latest photo (the webcam starting counts as one); an answer for an earlier one is dropped

async function recognizePhoto(file) {
  if (!file) return;
  const seq = ++photoSeq;
  showError('');
  stopWebcam();
  $('faces').replaceChildren(); // the earlier photo's faces must not stay beside this one
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' }).catch(() => null);
  try {
    if (seq !== photoSeq) return;
    if (bitmap) draw(bitmap, bitmap.width, bitmap.height, null);
    else blankCanvas();
    $('summary').textContent = 'Recognising…';
    const form = new FormData();
    form.append('image', file, file.name);
    let res;
    try {
      res = await api('/api/v1/recognize', { method: 'POST', body: form });
    } catch (e) {
      if (seq !== photoSeq) return;
      showError('Server unreachable: ' + e.message);
      $('summary').textContent = 'Not recognised.';
      return;
    }
    if (seq !== photoSeq) return;
    if (!res.ok) {
      showError(await errorText(res));
      $('summary').textContent = 'Not recognised.';
      return;
    }
    const result = await res.json();
    if (seq !== photoSeq) return;
    const summary = bitmap ? draw(bitmap, bitmap.width, bitmap.height, result, file)
      : draw(null, result.width, result.height, result, file);
    $('summary').textContent = `${summary} (${result.width}x${result.height}, ${result.timing_ms.total.toFixed(0)} ms)`;
  } finally {
    if (bitmap) bitmap.close(); // drawn into the canvas, or stale: its pixels are not needed again
  }
}

$('file').addEventListener('change', (e) => recognizePhoto(e.target.files[0]));
const drop = $('drop');
['dragenter', 'dragover'].forEach((t) => drop.addEventListener(t, (e) => { e.preventDefault(); drop.classList.add('over'); }));
['dragleave', 'drop'].forEach((t) => drop.addEventListener(t, (e) => { e.preventDefault(); drop.classList.remove('over'); }));
drop.addEventListener('drop', (e) => recognizePhoto(e.dataTransfer.files[0]));

// ---- webcam mode ----
// `generation` changes at every start and stop, so a loop left from before a quick stop-start ends
const cam = { stream: null, running: false, times: [], generation: 0 };
const frame = document.createElement('canvas');

/**
 * Starts the camera. The generation is taken before the first wait, so a stop meanwhile (Photo, a
 * dropped file) wins: a stream that arrives after it is stopped at once. The button is disabled
 * until the start ends, so a double click asks for one camera, not two.
 */
async function startWebcam() {
  showError('');
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    showError('This browser gives no camera access here (it needs https or localhost).');
    return;
  }
  const generation = ++cam.generation;
  photoSeq++; // a photo's answer still on its way must not draw over the camera
  const toggle = $('cam-toggle');
  toggle.disabled = true;
  try {
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 640 } }, audio: false });
    } catch (e) {
      if (generation === cam.generation) showError('Camera not available: ' + e.message);
      return;
    }
    if (generation !== cam.generation) {
      stream.getTracks().forEach((t) => t.stop());
      return;
    }
    cam.stream = stream;
    const video = $('video');
    video.srcObject = stream;
    try {
      await video.play();
    } catch (e) {
      if (generation === cam.generation) {
        showError('The camera picture cannot be shown: ' + e.message);
        stopWebcam();
      }
      return;
    }
    if (generation !== cam.generation) return; // stopped while starting: stopWebcam stopped the stream
    cam.running = true;
    cam.times = [];
    toggle.textContent = 'Stop webcam';
    loop(generation);
  } finally {
    toggle.disabled = false;
  }
}

function stopWebcam() {
  cam.running = false;
  cam.generation++;
  if (cam.stream) cam.stream.getTracks().forEach((t) => t.stop());
  cam.stream = null;
  $('cam-toggle').textContent = 'Start webcam';
}

/**
 * One frame in flight at a time: grab → downscale to 320 px → JPEG → recognise with the live
 * detector settings (?mode=live: faces of 48 px and up, coarser scale steps) → draw → repeat.
 */
async function loop(generation) {
  const video = $('video');
  const mine = () => cam.running && cam.generation === generation;
  while (mine()) {
    const w = 320;
    const h = Math.round(video.videoHeight * w / video.videoWidth) || 240;
    frame.width = w;
    frame.height = h;
    frame.getContext('2d').drawImage(video, 0, 0, w, h);
    const blob = await new Promise((r) => frame.toBlob(r, 'image/jpeg', 0.8));
    let res;
    try {
      res = await api('/api/v1/recognize?mode=live', { method: 'POST', body: blob, headers: { 'Content-Type': 'image/jpeg' } });
    } catch (e) {
      if (mine()) showError('Server unreachable: ' + e.message);
      break;
    }
    if (!mine()) break;
    if (res.ok) {
      let result;
      try {
        result = await res.json();
      } catch (e) {
        if (mine()) showError('The server answer could not be read: ' + e.message);
        break;
      }
      if (!mine()) break;
      const summary = draw(frame, w, h, result);
      const now = performance.now();
      cam.times.push(now);
      while (cam.times.length && now - cam.times[0] > 3000) cam.times.shift();
      const fps = cam.times.length > 1 ? (cam.times.length - 1) / ((now - cam.times[0]) / 1000) : 0;
      $('fps').textContent = `${fps.toFixed(1)} frames/s`;
      $('summary').textContent = summary;
      showError('');
    } else if (res.status === 503 || res.status === 429) {
      await new Promise((r) => setTimeout(r, 1000 * (Number(res.headers.get('Retry-After')) || 1)));
    } else {
      showError(await errorText(res));
      break;
    }
  }
  if (mine()) stopWebcam();
}

function setMode(webcam) {
  $('mode-photo').setAttribute('aria-pressed', String(!webcam));
  $('mode-webcam').setAttribute('aria-pressed', String(webcam));
  $('photo-panel').hidden = webcam;
  $('webcam-panel').hidden = !webcam;
  if (!webcam) stopWebcam();
}

$('mode-photo').addEventListener('click', () => setMode(false));
$('mode-webcam').addEventListener('click', () => setMode(true));
$('cam-toggle').addEventListener('click', () => (cam.running ? stopWebcam() : startWebcam()));

// empty canvas placeholder
blankCanvas();
pollHealth();

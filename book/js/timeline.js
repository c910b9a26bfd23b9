// The book's own script: draws every timeline an example printed as a picture, from the very text
// of its output block, and replays a run at its real speed. Nothing here holds a copy of an output:
// each block is read from the page, and the text stays in the page (search and print use it).
//
// The format is the one `workbook::output` parses (src/output.rs is its home; tests/browser.rs checks
// that this reading of it agrees, block by block, on every page of the built book):
//
//   [ 2.0s] First                       a line stamped with the time it was printed
//   Total: 3.0 s                        the run's total
//               0s   1s   2s   3s       the axis: the bars start under "0s"
//   dishwasher  ░░░░░░▒▒▒▒               a row: the job's name, then its bars
//               █ working  ░ waiting    the legend, when more than one kind is used
//
// Open any page with `#wb-selftest` (or `#wb-selftest-all` for every page) to see what the browser
// test checks; the findings are written into the page as JSON.
(function () {
  'use strict';

  const KINDS = { '\u2588': 'working', '\u2591': 'waiting', '\u2592': 'noticed' };
  const KIND_ORDER = ['working', 'waiting', 'noticed'];
  const KIND_TEXT = { working: 'working', waiting: 'waiting', noticed: 'done, not yet noticed' };
  const STAMP = /^\[\s*(\d+(?:\.\d+)?)s\]/;
  const TOTAL = /^Total: (\d+(?:\.\d+)?) s\s*$/;
  const AXIS = /^(\s*)0s((?:\s+\d+s)*)\s*$/;
  const LEGEND = /^(?:[\u2588\u2591\u2592] [a-z, ]+?)(?: {2}[\u2588\u2591\u2592] [a-z, ]+?)*\s*$/;
  // Columns per second the terminal drawing may use; with a single axis mark ("0s"), the finest.
  const FINEST = 10;
  const TICK = 50; // ms between two frames of a replay
  const PHONE = 390; // the widths `#wb-selftest-all` checks every page at
  const DESKTOP = 1280;
  const SVGNS = 'http://www.w3.org/2000/svg';
  // The pictures' font, as book/css/workbook.css sets it, to measure the names with.
  const FONT = '13px "Source Code Pro", Consolas, "Ubuntu Mono", Menlo, monospace';

  // ---- Reading a block ---------------------------------------------------------------------

  // One output block's text, read line by line: { lines, total, timeline }.
  function parse(text) {
    const lines = text.replace(/\n$/, '').split('\n');
    const out = { lines: lines, total: null, timeline: null, stamps: 0 };
    for (let i = 0; i < lines.length; i++) {
      if (STAMP.test(lines[i])) out.stamps++;
      const total = TOTAL.exec(lines[i]);
      if (total) out.total = parseFloat(total[1]);
      // An axis is the line right after the total.
      const axis = i > 0 && TOTAL.test(lines[i - 1]) && AXIS.exec(lines[i]);
      if (axis && !out.timeline) out.timeline = timeline(lines, i, axis);
    }
    return out;
  }

  // The timeline whose axis is line `at`: its rows (each a job and its segments) and legend.
  function timeline(lines, at, axis) {
    const origin = axis[1].length;
    const marks = [];
    const re = /(\d+)s/g;
    let m;
    const axisLine = lines[at];
    while ((m = re.exec(axisLine))) marks.push({ s: parseInt(m[1], 10), col: m.index });
    const last = marks[marks.length - 1];
    const perSecond = last.s > 0 ? (last.col - origin) / last.s : FINEST;
    const tl = { first: at, last: at, origin: origin, perSecond: perSecond, rows: [], legend: null };
    for (let i = at + 1; i < lines.length; i++) {
      const chars = Array.from(lines[i]);
      if (chars.length <= origin) break;
      const label = chars.slice(0, origin).join('').trim();
      const rest = chars.slice(origin);
      const restText = rest.join('');
      if (label === '' && LEGEND.test(restText)) {
        tl.legend = restText.trim();
        tl.last = i;
        break;
      }
      if (!/^[\u2588\u2591\u2592 ]+$/.test(restText) || !/[\u2588\u2591\u2592]/.test(restText)) break;
      const segments = [];
      let start = -1;
      for (let c = 0; c <= rest.length; c++) {
        const ch = rest[c];
        if (start >= 0 && ch !== rest[start]) {
          segments.push({ kind: KINDS[rest[start]], from: start / perSecond, to: c / perSecond });
          start = -1;
        }
        if (start < 0 && KINDS[ch]) start = c;
      }
      tl.rows.push({ job: label, segments: segments });
      tl.last = i;
    }
    tl.end = 0;
    for (const row of tl.rows) for (const s of row.segments) tl.end = Math.max(tl.end, s.to);
    return tl;
  }

  // When each line of a block appears in a replay: at its stamp; an unstamped line with the line
  // before it; the total and the timeline at the total.
  function appearTimes(block) {
    const times = [];
    let t = 0;
    for (let i = 0; i < block.lines.length; i++) {
      const line = block.lines[i];
      const stamp = STAMP.exec(line);
      const total = TOTAL.exec(line);
      if (stamp) t = parseFloat(stamp[1]);
      if (total) t = Math.max(t, parseFloat(total[1]));
      if (block.timeline && i >= block.timeline.first) t = Math.max(t, block.timeline.end);
      times.push(t);
    }
    return times;
  }

  // ---- Drawing -------------------------------------------------------------------------------

  let measurer = null;
  function textWidth(text, font) {
    measurer = measurer || document.createElement('canvas').getContext('2d');
    measurer.font = font;
    return measurer.measureText(text).width;
  }

  function niceStep(pxPerSecond) {
    const steps = [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 20, 30, 60, 120, 300];
    for (const s of steps) if (s * pxPerSecond >= 48) return s;
    return steps[steps.length - 1];
  }

  function fmt(s) {
    return (Math.round(s * 10) / 10).toString();
  }

  function el(name, attrs, text) {
    const node = document.createElementNS(SVGNS, name);
    for (const k in attrs) node.setAttribute(k, attrs[k]);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Draws `block`'s timeline into its figure, on the chapter's `scale`, up to `now` seconds
  // (Infinity: the whole run).
  function draw(view, scale, now) {
    const tl = view.block.timeline;
    // The figure's padding lines the picture up with the text of the block above it.
    const style = getComputedStyle(view.figure);
    const width = Math.floor(view.figure.clientWidth - parseFloat(style.paddingLeft) -
      parseFloat(style.paddingRight));
    if (width <= 0) return;
    const font = FONT;
    const pad = 0;
    let labelWidth = scale.labelWidth + 10;
    // On a narrow screen a long name goes above its bars rather than beside them.
    const stacked = labelWidth > width * 0.38;
    if (stacked) labelWidth = 0;
    const barLeft = pad + labelWidth;
    const barWidth = Math.max(40, width - barLeft - pad - 16); // room for the last tick's label
    const pxs = barWidth / scale.seconds;
    const rowH = 20;
    const barH = 13;
    const labelH = stacked ? 15 : 0;
    const axisY = 17;
    let y = axisY + 8;
    const svg = el('svg', {
      class: 'wb-timeline',
      width: width,
      role: 'img',
      'data-seconds-per-px': 1 / pxs,
      'data-origin-px': barLeft,
    });
    const title = el('title', {}, 'Timeline of the run: ' + tl.rows.map(function (r) {
      return r.job + ' ' + r.segments.map(function (s) {
        return KIND_TEXT[s.kind] + ' ' + fmt(s.from) + ' to ' + fmt(s.to) + ' s';
      }).join(', ');
    }).join('; '));
    svg.appendChild(title);
    // The axis, drawn to this run's own end: a faster run is a shorter line.
    const end = Math.max(view.block.total || 0, tl.end);
    const step = niceStep(pxs);
    const axis = el('g', { class: 'wb-axis' });
    axis.appendChild(el('line', { x1: barLeft, x2: barLeft + end * pxs, y1: axisY, y2: axisY }));
    for (let s = 0; s <= end + 1e-9; s += step) {
      const x = barLeft + s * pxs;
      axis.appendChild(el('line', { x1: x, x2: x, y1: axisY - 3, y2: axisY + 3 }));
      // The last tick's label gives way to the total's if they would overlap.
      if (end - s >= step * 0.6 || Math.abs(end - s) < 1e-9) {
        axis.appendChild(el('text', { x: x, y: axisY - 5, 'text-anchor': 'middle' }, fmt(s) + 's'));
      }
    }
    if (Math.abs(end / step - Math.round(end / step)) > 1e-6) {
      const x = barLeft + end * pxs;
      axis.appendChild(el('line', { x1: x, x2: x, y1: axisY - 3, y2: axisY + 3 }));
      axis.appendChild(el('text', { x: x, y: axisY - 5, 'text-anchor': 'middle', class: 'wb-end' },
        fmt(end) + 's'));
    }
    svg.appendChild(axis);
    const used = {};
    for (const row of tl.rows) {
      const g = el('g', { class: 'wb-row', 'data-job': row.job });
      if (stacked) {
        g.appendChild(el('text', { x: barLeft, y: y + 12, class: 'wb-label' }, row.job));
        y += labelH;
      } else {
        g.appendChild(el('text', { x: pad, y: y + 14, class: 'wb-label' }, row.job));
      }
      for (const s of row.segments) {
        used[s.kind] = true;
        if (s.from >= now) continue;
        const to = Math.min(s.to, now);
        const rect = el('rect', {
          x: barLeft + s.from * pxs,
          y: y + (rowH - barH) / 2 - 1,
          width: Math.max(1, (to - s.from) * pxs),
          height: barH,
          class: 'wb-bar wb-' + s.kind,
          'data-kind': s.kind,
        });
        rect.appendChild(el('title', {}, row.job + ': ' + KIND_TEXT[s.kind] + ', ' + fmt(s.from) +
          ' s to ' + fmt(s.to) + ' s'));
        g.appendChild(rect);
      }
      svg.appendChild(g);
      y += rowH;
    }
    if (now < Infinity) {
      const x = barLeft + Math.min(now, end) * pxs;
      svg.appendChild(el('line', { class: 'wb-now', x1: x, x2: x, y1: axisY, y2: y }));
    }
    // The legend: the kinds this timeline uses, in the terminal's order.
    const legend = el('g', { class: 'wb-legend' });
    let x = stacked ? pad : barLeft;
    y += 6;
    let line = 0;
    for (const kind of KIND_ORDER) {
      if (!used[kind]) continue;
      const w = 16 + textWidth(KIND_TEXT[kind], font) + 14;
      if (x + w > width - pad && x > pad) {
        x = stacked ? pad : barLeft;
        line++;
      }
      const ly = y + line * 17;
      legend.appendChild(el('rect', { x: x, y: ly, width: 12, height: 11, class: 'wb-bar wb-' + kind }));
      legend.appendChild(el('text', { x: x + 16, y: ly + 10 }, KIND_TEXT[kind]));
      x += w;
    }
    svg.appendChild(legend);
    y += (line + 1) * 17 + 2;
    svg.setAttribute('height', y);
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + y);
    view.figure.replaceChildren(svg);
    view.drawnWidth = width;
  }

  // ---- One output block ----------------------------------------------------------------------

  const views = [];

  function enhance(code, index) {
    const text = code.textContent;
    const block = parse(text);
    const times = appearTimes(block);
    // A replay needs time to pass: a run that prints everything at 0.0 s has nothing to replay.
    const stamped = block.lines.map(function (l) { return STAMP.exec(l); }).filter(Boolean);
    const replayable = stamped.length > 0 && (block.total > 0 || stamped.some(function (m) {
      return parseFloat(m[1]) > 0;
    }));
    if (!block.timeline && !replayable) return null;
    const pre = code.parentElement;
    const view = { index: index, code: code, pre: pre, block: block, text: text, lines: [],
      times: times, replayable: replayable };

    // The text, one span a line, so that a replay can show the lines as they were printed.
    code.replaceChildren();
    block.lines.forEach(function (line, i) {
      const span = document.createElement('span');
      span.className = 'wb-line';
      if (block.timeline && i >= block.timeline.first && i <= block.timeline.last) {
        span.classList.add('wb-timeline-text');
      }
      span.textContent = line + '\n';
      code.appendChild(span);
      view.lines.push(span);
    });

    const wrap = document.createElement('div');
    wrap.className = 'wb-output';
    pre.parentNode.insertBefore(wrap, pre);
    const tools = document.createElement('div');
    tools.className = 'wb-tools';
    wrap.appendChild(tools);
    wrap.appendChild(pre);
    view.wrap = wrap;

    view.clock = document.createElement('span');
    view.clock.className = 'wb-clock';
    tools.appendChild(view.clock);
    if (replayable) {
      view.play1 = button(tools, '\u25b6 1\u00d7', 'Replay the run at its real speed', function () {
        toggleReplay(view, 1);
      });
      view.play4 = button(tools, '\u25b6 4\u00d7', 'Replay the run four times as fast', function () {
        toggleReplay(view, 4);
      });
    }
    if (block.timeline) {
      wrap.classList.add('wb-has-picture', 'wb-picture');
      view.figure = document.createElement('figure');
      view.figure.className = 'wb-figure';
      wrap.appendChild(view.figure);
      view.toggle = button(tools, 'Text', 'Show the timeline as the program printed it', function () {
        const picture = wrap.classList.toggle('wb-picture');
        view.toggle.textContent = picture ? 'Text' : 'Picture';
        view.toggle.title = picture ? 'Show the timeline as the program printed it'
          : 'Show the timeline as a picture';
        if (picture) redraw(view);
      });
    }
    return view;
  }

  function button(parent, label, title, onclick) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'wb-button';
    b.textContent = label;
    b.title = title;
    b.addEventListener('click', onclick);
    parent.appendChild(b);
    return b;
  }

  function redraw(view) {
    if (view.figure) draw(view, view.scale, view.replay ? view.replay.now : Infinity);
  }

  // ---- Replay --------------------------------------------------------------------------------

  function toggleReplay(view, speed) {
    const was = view.replay && view.replay.speed;
    stopReplay(view);
    if (was !== speed) startReplay(view, speed);
  }

  function startReplay(view, speed, onEnd) {
    const end = view.times[view.times.length - 1];
    const started = performance.now();
    view.replay = { speed: speed, now: 0, end: end, onEnd: onEnd, shownAt: [], frameBefore: [],
      lastFrame: -1 };
    view.wrap.classList.add('wb-replaying');
    (speed === 1 ? view.play1 : view.play4).textContent = '\u25a0 stop';
    function frame() {
      const replay = view.replay;
      if (!replay) return;
      replay.now = Math.min(end, (performance.now() - started) / 1000 * speed);
      show(view, replay.now);
      if (replay.now >= end) {
        const done = replay.onEnd;
        const lastShown = !view.lines[view.lines.length - 1].classList.contains('wb-later');
        stopReplay(view);
        if (done) done(replay, lastShown);
      } else {
        replay.timer = setTimeout(frame, TICK);
      }
    }
    frame();
  }

  function show(view, now) {
    const replay = view.replay;
    view.lines.forEach(function (span, i) {
      const visible = view.times[i] <= now + 1e-9;
      if (visible && replay.shownAt[i] === undefined) {
        replay.shownAt[i] = now;
        replay.frameBefore[i] = replay.lastFrame;
      }
      span.classList.toggle('wb-later', !visible);
    });
    replay.lastFrame = now;
    view.clock.textContent = (Math.floor(now * 10) / 10).toFixed(1) + ' s';
    redraw(view);
  }

  function stopReplay(view) {
    if (!view.replay) return;
    clearTimeout(view.replay.timer);
    view.replay = null;
    view.wrap.classList.remove('wb-replaying');
    view.play1.textContent = '\u25b6 1\u00d7';
    view.play4.textContent = '\u25b6 4\u00d7';
    view.clock.textContent = '';
    view.lines.forEach(function (span) { span.classList.remove('wb-later'); });
    redraw(view);
  }

  // ---- The page ------------------------------------------------------------------------------

  // One scale for all the timelines of a chapter: the same seconds per pixel and the same room for
  // the names, so that the bars of two runs line up and the faster run looks shorter.
  function chapterScale(list) {
    const font = FONT;
    const scale = { seconds: 0.1, labelWidth: 0 };
    for (const view of list) {
      const tl = view.block.timeline;
      scale.seconds = Math.max(scale.seconds, view.block.total || 0, tl.end);
      for (const row of tl.rows) scale.labelWidth = Math.max(scale.labelWidth, textWidth(row.job, font));
    }
    return scale;
  }

  function outputBlocks() {
    const main = document.querySelector('main') || document.body;
    return Array.from(main.querySelectorAll('pre > code')).filter(function (code) {
      return !/\blanguage-(rust|python|console|toml|sh|bash|markdown|md|json)\b/.test(code.className);
    });
  }

  // A long path in a table's code (`tokio::task::yield_now().await`) may break after a `::` or a
  // `.`, as a desktop table's narrow columns need, and nowhere else.
  function breakablePaths() {
    document.querySelectorAll('main table code').forEach(function (code) {
      if (code.children.length || code.textContent.length < 16) return;
      const parts = code.textContent.split(/(?<=::|\.)(?=\w)/);
      if (parts.length < 2) return;
      code.replaceChildren();
      parts.forEach(function (part, i) {
        if (i > 0) code.appendChild(document.createElement('wbr'));
        code.appendChild(document.createTextNode(part));
      });
    });
  }

  function init() {
    breakablePaths();
    outputBlocks().forEach(function (code, i) {
      const view = enhance(code, i);
      if (view) views.push(view);
    });
    const pictured = views.filter(function (v) { return v.figure; });
    const scale = chapterScale(pictured);
    for (const view of pictured) {
      view.scale = scale;
      redraw(view);
    }
    let pending = null;
    window.addEventListener('resize', function () {
      clearTimeout(pending);
      pending = setTimeout(function () {
        for (const view of pictured) {
          if (view.figure.clientWidth !== view.drawnWidth) redraw(view);
        }
      }, 100);
    });
    // Printing shows every <details> block's text (teacher notes, hints) and the printed text of
    // every timeline; book.css opens them too, for browsers that print without this event.
    const opened = [];
    window.addEventListener('beforeprint', function () {
      document.querySelectorAll('details:not([open])').forEach(function (d) {
        d.open = true;
        opened.push(d);
      });
    });
    window.addEventListener('afterprint', function () {
      while (opened.length) opened.pop().open = false;
    });
    if (location.hash === '#wb-selftest') selfTest();
    if (location.hash === '#wb-selftest-all') selfTestAll();
  }

  // ---- Self-test: what tests/browser.rs checks, written into the page --------------------------

  function visible(node) {
    return node.checkVisibility ? node.checkVisibility({ contentVisibilityAuto: true,
      visibilityProperty: true }) : node.offsetParent !== null;
  }

  // What the page looks like at this width: the widest element outside anything meant to scroll,
  // the blocks that scroll, and what every timeline's picture drew (read back from the SVG).
  function layoutFindings() {
    const main = document.querySelector('main');
    const vw = document.documentElement.clientWidth;
    const findings = { width: vw, pageScrollWidth: document.documentElement.scrollWidth,
      widest: 0, widestWhat: '', tooWide: [], scrolling: [], directives: 0, dashFlags: [] };
    const text = main.innerText;
    findings.directives = (text.match(/\{\{#/g) || []).length;
    // A `--flag` in prose that the markdown renderer turned into an en dash.
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      if (node.parentElement.closest('code, pre, svg')) continue;
      const m = node.nodeValue.match(/\u2013[a-z][a-z-]+/g);
      if (m) findings.dashFlags.push.apply(findings.dashFlags, m);
    }
    function walk(elem) {
      for (const child of elem.children) {
        const r = child.getBoundingClientRect();
        if (r.width > 0 && visible(child)) {
          const right = Math.max(r.right, r.width);
          if (right > findings.widest) {
            findings.widest = right;
            findings.widestWhat = describe(child);
          }
          if (r.right > vw + 0.5 || r.left < -0.5) findings.tooWide.push(describe(child) + ' ' +
            Math.round(r.left) + '..' + Math.round(r.right));
        }
        const style = getComputedStyle(child);
        const scrolls = style.overflowX === 'auto' || style.overflowX === 'scroll';
        if (scrolls) {
          if (child.scrollWidth > child.clientWidth + 1) {
            findings.scrolling.push({ what: describe(child), scrollWidth: child.scrollWidth,
              clientWidth: child.clientWidth, kind: child.closest('pre') ? 'code'
                : child.matches('.table-wrapper') ? 'table' : 'other',
              line: longestLine(child) });
          }
          continue; // what is inside a scroller may be wider than the page
        }
        walk(child);
      }
    }
    walk(main);
    findings.widest = Math.round(findings.widest);
    return findings;
  }

  function longestLine(elem) {
    return elem.textContent.split('\n').reduce(function (a, b) { return b.length > a.length ? b : a; }, '')
      .slice(0, 140);
  }

  function describe(elem) {
    let s = elem.tagName.toLowerCase();
    if (elem.id) s += '#' + elem.id;
    if (elem.classList.length) s += '.' + Array.from(elem.classList).join('.');
    return s;
  }

  // What each picture shows, read back from its drawing: rows, and each bar's kind and extent.
  // Every output block, pictured or not, so that a timeline the script missed shows up too.
  function pictureFindings() {
    return outputBlocks().map(function (code) {
      const view = views.find(function (v) { return v.code === code; });
      if (!view) return { text: code.textContent, picture: null, replay: false };
      const found = { index: view.index, text: view.text, picture: null,
        replay: Boolean(view.play1) };
      const svg = view.figure && view.figure.querySelector('svg');
      if (svg) {
        const spp = parseFloat(svg.getAttribute('data-seconds-per-px'));
        const origin = parseFloat(svg.getAttribute('data-origin-px'));
        const fig = view.figure.getBoundingClientRect();
        const box = svg.getBoundingClientRect();
        found.picture = {
          width: Math.round(box.width),
          top: Math.round(box.top + window.scrollY),
          fits: box.right <= fig.right + 0.5 && box.right <= document.documentElement.clientWidth + 0.5,
          rows: Array.from(svg.querySelectorAll('g.wb-row')).map(function (g) {
            return {
              job: g.querySelector('text.wb-label').textContent,
              bars: Array.from(g.querySelectorAll('rect.wb-bar')).map(function (r) {
                const x = parseFloat(r.getAttribute('x'));
                const w = parseFloat(r.getAttribute('width'));
                return { kind: r.getAttribute('data-kind'), fill: getComputedStyle(r).fill,
                  from: (x - origin) * spp, to: (x + w - origin) * spp };
              }),
            };
          }),
          legend: Array.from(svg.querySelectorAll('g.wb-legend rect')).map(function (r) {
            return getComputedStyle(r).fill;
          }),
        };
      }
      return found;
    });
  }

  // Every block replayed at once, four times as fast as it ran. Each line must appear in the first
  // frame at or after its stamp: not before, and not a frame later. How far apart the frames were
  // is the browser's business (a frame is due every 50 ms); the widest gap is reported.
  const SELFTEST_SPEED = 4;
  function replayFindings(done) {
    const results = [];
    const replayable = views.filter(function (v) { return v.replayable; });
    let left = replayable.length;
    if (left === 0) done(results);
    replayable.forEach(function (view, n) {
      startReplay(view, SELFTEST_SPEED, function (replay, lastShown) {
        const lines = view.lines.length;
        let shown = 0;
        const wrong = [];
        let gap = 0;
        view.times.forEach(function (t, i) {
          const at = replay.shownAt[i];
          if (at === undefined) return;
          shown++;
          const before = replay.frameBefore[i];
          gap = Math.max(gap, (at - Math.max(before, 0)) / SELFTEST_SPEED);
          if (at < t - 1e-9 || before >= t - 1e-9) {
            wrong.push({ line: view.block.lines[i], at: t, shownAt: at, frameBefore: before });
          }
        });
        results[n] = { index: view.index, lines: lines, shown: shown, speed: SELFTEST_SPEED,
          end: view.times[lines - 1], wrong: wrong, widestGap: gap,
          lastShown: lastShown ? 'shown' : 'hidden' };
        if (--left === 0) done(results);
      });
    });
  }

  // Printing, as far as a page can see it: every stylesheet's print rules applied and the screen
  // rules left out, the beforeprint handlers run; then which <details> text can be seen.
  function printFindings() {
    function retarget(list) {
      if (!list || !list.mediaText) return;
      const media = list.mediaText;
      if (/\bprint\b/.test(media)) list.mediaText = 'all';
      else if (/\bscreen\b/.test(media)) list.mediaText = 'not all';
    }
    function rules(sheet) {
      let list;
      try { list = sheet.cssRules; } catch (e) { return; }
      for (const rule of list) {
        if (rule.media) retarget(rule.media);
        if (rule.cssRules) rules(rule);
        if (rule.styleSheet) rules(rule.styleSheet);
      }
    }
    for (const sheet of document.styleSheets) {
      retarget(sheet.media);
      rules(sheet);
    }
    window.dispatchEvent(new Event('beforeprint'));
    const main = document.querySelector('main');
    void main.offsetHeight; // the layout of the opened blocks, before asking what is visible
    const details = Array.from(main.querySelectorAll('details')).map(function (d) {
      const parts = Array.from(d.children).filter(function (c) { return c.tagName !== 'SUMMARY'; });
      return {
        summary: (d.querySelector('summary') || {}).textContent || '',
        chars: parts.map(function (p) { return p.textContent; }).join('').trim().length,
        hidden: parts.filter(function (p) { return !visible(p) && p.textContent.trim(); }).length,
      };
    });
    const timelines = views.filter(function (v) { return v.figure; }).map(function (view) {
      return {
        index: view.index,
        textShown: view.lines.every(visible),
        pictureShown: visible(view.figure),
        toolsShown: visible(view.wrap.querySelector('.wb-tools')),
      };
    });
    return { details: details, timelines: timelines };
  }

  // JSON that cannot end the <script> element it is written into.
  function json(value) {
    return JSON.stringify(value).replace(/</g, '\\u003c');
  }

  function writeReport(id, value) {
    const out = document.createElement('script');
    out.type = 'application/json';
    out.id = id;
    out.textContent = json(value);
    document.body.appendChild(out);
  }

  // This page at the width it has: layout, pictures and replays. In a frame of `selfTestAll`, the
  // frame is then made a desktop's width, and the layout is checked again, then print.
  function selfTest() {
    const framed = window.parent !== window;
    const report = { page: location.pathname, phone: null, desktop: null };
    const first = { layout: layoutFindings(), pictures: pictureFindings() };
    replayFindings(function (replays) {
      first.replays = replays;
      if (!framed) {
        first.print = printFindings();
        report.phone = first;
        writeReport('wb-selftest', report);
        return;
      }
      report.phone = first;
      window.addEventListener('message', function wide(e) {
        if (e.data !== 'wb-selftest-desktop') return;
        window.removeEventListener('message', wide);
        // After the resize has been handled (pictures redrawn at the new width).
        setTimeout(function () {
          report.desktop = { layout: layoutFindings(), pictures: pictureFindings(),
            print: printFindings() };
          window.parent.postMessage({ wbSelftest: report }, '*');
        }, 300);
      });
      window.parent.postMessage({ wbSelftestPhone: true }, '*');
    });
  }

  // Every page of the book, each in a frame of a phone's width and then of a desktop's, a few at
  // a time; the reports are gathered into this page.
  function selfTestAll() {
    const links = Array.from(document.querySelectorAll('.sidebar a[href], mdbook-sidebar-scrollbox a[href]'));
    const pages = [];
    for (const a of links) {
      const url = new URL(a.getAttribute('href'), location.href);
      url.hash = '';
      if (url.origin === location.origin && /\.html$/.test(url.pathname) &&
          pages.indexOf(url.href) < 0) pages.push(url.href);
    }
    const reports = [];
    const box = document.createElement('div');
    document.body.replaceChildren(box);
    let next = 0;
    let running = 0;
    const frames = new Map();
    window.addEventListener('message', function (e) {
      const frame = frames.get(e.source);
      if (!frame || !e.data) return;
      if (e.data.wbSelftestPhone) {
        frame.iframe.style.width = DESKTOP + 'px';
        e.source.postMessage('wb-selftest-desktop', '*');
        return;
      }
      if (!e.data.wbSelftest) return;
      frames.delete(e.source);
      reports.push({ url: frame.page, report: e.data.wbSelftest });
      frame.iframe.remove();
      running--;
      start();
    });
    function start() {
      while (running < 4 && next < pages.length) {
        const page = pages[next++];
        const iframe = document.createElement('iframe');
        iframe.style.cssText = 'border:0;display:block;height:900px;width:' + PHONE + 'px';
        iframe.src = page + '#wb-selftest';
        box.appendChild(iframe);
        frames.set(iframe.contentWindow, { page: page, iframe: iframe });
        running++;
      }
      if (running === 0) {
        writeReport('wb-selftest-all', { pages: pages.length, phone: PHONE, desktop: DESKTOP,
          reports: reports });
      }
    }
    start();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();

// The sandbox Calendar's one script (plain browser JavaScript, no build). Everything works without
// it; it only enhances: scroll the day to about 08:00, bring the opened event into view, refresh the
// grid when the add-on changed something, and move an event by dragging its chip (the form stays).
(function () {
  'use strict';

  function scrollGrid() {
    var body = document.querySelector('[data-grid-body]');
    if (!body) return;
    var current = body.querySelector('.chip[aria-current="true"]');
    body.scrollTop = current ? Math.max(0, current.offsetTop - 48) : Number(body.getAttribute('data-scroll-to') || 0);
  }

  // The add-on's sidebar posts this after any action (booked, moved, cancelled): fetch the page again and swap the grid and forms, keeping the sidebar as it is.
  function refresh() {
    var scroll = document.querySelector('[data-grid-body]');
    var top = scroll ? scroll.scrollTop : 0;
    fetch(location.href, { headers: { accept: 'text/html' }, credentials: 'same-origin' })
      .then(function (response) {
        return response.ok ? response.text() : Promise.reject(new Error(String(response.status)));
      })
      .then(function (html) {
        var next = new DOMParser().parseFromString(html, 'text/html');
        document.querySelectorAll('[data-refresh]').forEach(function (region) {
          var fresh = next.querySelector('[data-refresh="' + region.getAttribute('data-refresh') + '"]');
          if (fresh) region.replaceWith(document.adoptNode(fresh));
        });
        var body = document.querySelector('[data-grid-body]');
        if (body) body.scrollTop = top;
        enableDragging();
      })
      .catch(function () {
        location.reload();
      });
  }

  window.addEventListener('message', function (event) {
    if (event.origin === location.origin && event.data && event.data.type === 'together-sidebar-changed') refresh();
  });

  function pad(value) {
    return String(value).padStart(2, '0');
  }

  function clock(minutes) {
    return pad(Math.floor(minutes / 60)) + ':' + pad(minutes % 60);
  }

  // Dragging a chip to another time (15-minute steps) posts the same form as "Move the event".
  function move(chip, date, startMinute) {
    var duration = Number(chip.getAttribute('data-duration'));
    var end = Math.min(startMinute + duration, 24 * 60 - 1);
    var form = document.createElement('form');
    form.method = 'post';
    form.action = '/calendar/events/move';
    var fields = {
      user: chip.getAttribute('data-calendar-id'),
      eventId: chip.getAttribute('data-event-id'),
      date: date,
      start: clock(startMinute),
      end: clock(end),
    };
    Object.keys(fields).forEach(function (name) {
      var input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = fields[name];
      form.appendChild(input);
    });
    document.body.appendChild(form);
    form.submit();
  }

  var dragged = null;
  var grab = 0;

  function enableDragging() {
    document.querySelectorAll('.chip[draggable="true"]').forEach(function (chip) {
      chip.addEventListener('dragstart', function (event) {
        dragged = chip;
        grab = event.clientY - chip.getBoundingClientRect().top;
        chip.classList.add('chip-dragging');
        event.dataTransfer.effectAllowed = 'move';
        event.dataTransfer.setData('text/plain', chip.getAttribute('data-event-id'));
      });
      chip.addEventListener('dragend', function () {
        chip.classList.remove('chip-dragging');
        dragged = null;
      });
    });
    document.querySelectorAll('.day-column').forEach(function (column) {
      column.addEventListener('dragover', function (event) {
        if (!dragged) return;
        event.preventDefault();
        column.classList.add('drop-target');
      });
      column.addEventListener('dragleave', function () {
        column.classList.remove('drop-target');
      });
      column.addEventListener('drop', function (event) {
        if (!dragged) return;
        event.preventDefault();
        column.classList.remove('drop-target');
        var y = event.clientY - grab - column.getBoundingClientRect().top;
        var minute = Math.max(0, Math.min(24 * 60 - 15, Math.round(y / 12) * 15));
        move(dragged, column.getAttribute('data-date'), minute);
      });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    scrollGrid();
    enableDragging();
    var opened = document.getElementById('event-title');
    if (opened) opened.focus({ preventScroll: false });
  });
})();

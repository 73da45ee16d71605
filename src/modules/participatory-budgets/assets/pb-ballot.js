// Participatory budgets ballot: a live status line and meter (budget spent and left, supports,
// points or projects chosen) updated as the person marks the ballot. The page works without
// this script: the server validates every ballot and explains any problem.
(function () {
  'use strict';
  var form = document.querySelector('form.ballot-form');
  var config = form && form.querySelector('.ballot-config');
  var status = document.getElementById('ballot-status');
  var text = document.getElementById('ballot-status-text');
  var meter = document.getElementById('ballot-meter');
  if (!form || !config || !status || !text || !meter) return;

  var rule = config.getAttribute('data-rule');
  var budget = Number(config.getAttribute('data-budget')) || 0;
  var maxProjects = Number(config.getAttribute('data-max')) || 0;
  var points = Number(config.getAttribute('data-points')) || 0;
  var support = Number(config.getAttribute('data-support')) || 0;
  var wallet = Number(config.getAttribute('data-wallet')) || 0;
  var lang = document.documentElement.lang || 'es-CO';
  var moneyFormat = new Intl.NumberFormat(lang, { style: 'currency', currency: 'COP', maximumFractionDigits: 0, minimumFractionDigits: 0 });
  var numberFormat = new Intl.NumberFormat(lang);
  var money = function (value) { return moneyFormat.format(value); };
  var count = function (value) { return numberFormat.format(value); };

  function fill(template, vars) {
    return (template || '').replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : whole;
    });
  }

  function checked() {
    return Array.prototype.slice.call(form.querySelectorAll('input[name="proyecto"]:checked'));
  }

  function measure() {
    if (rule === 'knapsack') {
      var spent = checked().reduce(function (sum, box) { return sum + (Number(box.getAttribute('data-cost')) || 0); }, 0);
      return {
        used: spent,
        max: budget,
        vars: { spent: money(spent), budget: money(budget), remaining: money(Math.max(budget - spent, 0)), over: money(Math.max(spent - budget, 0)) },
      };
    }
    if (rule === 'wallet') {
      var supports = checked().length;
      return { used: supports, max: maxProjects, vars: { used: count(supports), max: count(maxProjects), spent: money(supports * support), total: money(wallet) } };
    }
    if (rule === 'cumulative') {
      var given = Array.prototype.reduce.call(
        form.querySelectorAll('input.ballot-points'),
        function (sum, input) {
          var value = /^\d+$/.test(input.value.trim()) ? Number(input.value.trim()) : 0;
          return sum + value;
        },
        0,
      );
      return { used: given, max: points, vars: { used: count(given), points: count(points), remaining: count(Math.max(points - given, 0)), over: count(Math.max(given - points, 0)) } };
    }
    var chosen =
      rule === 'ranking'
        ? Array.prototype.filter.call(form.querySelectorAll('select.ballot-rank'), function (select) { return select.value !== ''; }).length
        : checked().length;
    return { used: chosen, max: maxProjects, vars: { used: count(chosen), max: count(maxProjects) } };
  }

  function update() {
    var m = measure();
    var over = m.used > m.max;
    var sentence = fill(over ? status.getAttribute('data-template-over') : status.getAttribute('data-template'), m.vars);
    if (text.textContent !== sentence) text.textContent = sentence;
    meter.max = Math.max(m.max, 1);
    meter.value = Math.min(m.used, m.max);
    meter.high = m.max;
    meter.optimum = 0;
    status.classList.toggle('ballot-status-over', over);
  }

  update();
  status.hidden = false;
  form.addEventListener('input', update);
  form.addEventListener('change', update);
})();

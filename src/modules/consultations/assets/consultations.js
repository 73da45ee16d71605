// Consultas ciudadanas: shows a conditional question only when the answer it depends on is given.
// The page works without this script (every question shows, with "Responda solo si…"); the
// server applies the same rule when the form is submitted, so this only spares people questions
// that do not apply to them.
(function () {
  'use strict';
  var form = document.querySelector('form.cq-answer-form');
  if (!form) return;
  var blocks = Array.prototype.slice.call(form.querySelectorAll('[data-show-if]'));
  if (blocks.length === 0) return;

  function chosen(questionId) {
    var inputs = form.querySelectorAll('input[name="q_' + questionId + '"]');
    var values = [];
    for (var i = 0; i < inputs.length; i++) if (inputs[i].checked && !inputs[i].disabled) values.push(inputs[i].value);
    return values;
  }

  function update() {
    // In document order, so a question hidden earlier hides the ones that depend on it.
    blocks.forEach(function (block) {
      var wanted = (block.getAttribute('data-show-values') || '').split(' ');
      var show = chosen(block.getAttribute('data-show-if')).some(function (v) { return wanted.indexOf(v) !== -1; });
      block.hidden = !show;
      var controls = block.querySelectorAll('input, select, textarea');
      for (var i = 0; i < controls.length; i++) controls[i].disabled = !show;
    });
  }

  form.addEventListener('change', update);
  update();
})();

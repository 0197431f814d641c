// Knowledge-base suggestions while the person types the title (R2, R15): an article may answer before a ticket is filed.
(function () {
  var title = document.getElementById('title');
  var box = document.getElementById('kb-suggestions');
  if (!title || !box) return;
  var timer = null;
  var last = '';
  function show(items) {
    box.textContent = '';
    if (!items.length) return;
    var h = document.createElement('p');
    h.className = 'hint';
    h.textContent = box.getAttribute('data-title');
    box.appendChild(h);
    var ul = document.createElement('ul');
    items.forEach(function (a) {
      var li = document.createElement('li');
      var link = document.createElement('a');
      link.href = '/kb/articles/' + encodeURIComponent(a.id);
      link.target = '_blank';
      link.textContent = a.title;
      var p = document.createElement('p');
      p.className = 'meta';
      p.textContent = a.excerpt;
      li.appendChild(link);
      li.appendChild(p);
      ul.appendChild(li);
    });
    box.appendChild(ul);
  }
  function ask() {
    var q = (title.value + ' ' + (document.getElementById('description') || { value: '' }).value).trim();
    if (q === last) return;
    last = q;
    if (q.length < 3) return show([]);
    fetch('/kb/suggest?q=' + encodeURIComponent(q.slice(0, 500)), { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : { items: [] }; })
      .then(function (b) { if (last === q) show(b.items || []); })
      .catch(function () {});
  }
  function later() { clearTimeout(timer); timer = setTimeout(ask, 300); }
  title.addEventListener('input', later);
  var desc = document.getElementById('description');
  if (desc) desc.addEventListener('input', later);
})();

// "Try the bot": the chat in a browser. What the person writes goes to /bot/message; the bot's
// answers are Adaptive Cards rendered by Microsoft's renderer; a card's buttons go to /bot/action.
(function () {
  var log = document.getElementById('chat-log');
  var form = document.getElementById('chat-form');
  var input = document.getElementById('chat-text');
  var csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content;
  if (!log || !form || !window.AdaptiveCards) return;
  var AC = window.AdaptiveCards;

  function esc(s) { return s.replace(/[&<>"']/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]; }); }
  // The cards use **bold** and [text](url) only: a tiny Markdown that escapes everything else.
  AC.AdaptiveCard.onProcessMarkdown = function (text, result) {
    result.outputHtml = esc(text)
      .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
      .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+|\/[^)\s]*)\)/g, '<a href="$2">$1</a>')
      .replace(/\n/g, '<br>');
    result.didProcess = true;
  };

  function add(cls, node) {
    var li = document.createElement('li');
    li.className = cls;
    li.appendChild(node);
    log.appendChild(li);
    li.scrollIntoView({ block: 'nearest' });
    return li;
  }
  // The bot's answers are the chat's Markdown (*bold* as in Slack, **bold**, `code`, links): shown
  // formatted, never as raw asterisks; everything else is escaped.
  function chatMarkdown(text) {
    return esc(text)
      .replace(/`([^`]+)`/g, '<code>$1</code>')
      .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
      .replace(/(^|[^\w*])\*([^*\s][^*]*)\*(?!\w)/g, '$1<strong>$2</strong>')
      .replace(/(^|[^\w])_([^_\s][^_]*)_(?!\w)/g, '$1<em>$2</em>')
      .replace(/&lt;(https?:\/\/[^|&\s]+)\|([^&]+)&gt;/g, '<a href="$1">$2</a>')
      .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+|\/[^)\s]*)\)/g, '<a href="$2">$1</a>')
      .replace(/\n/g, '<br>');
  }
  function say(text) {
    var b = document.createElement('div');
    b.className = 'bubble';
    b.innerHTML = chatMarkdown(text || '');
    add('from-bot', b);
  }
  function card(json) {
    var c = new AC.AdaptiveCard();
    c.hostConfig = new AC.HostConfig({ fontFamily: 'system-ui, sans-serif', supportsInteractivity: true });
    c.onExecuteAction = function (action) {
      var data = action.data || {};
      var verb = action.verb || data.verb || '';
      post('/bot/action', { verb: verb, data: data });
    };
    c.parse(json);
    add('from-bot', c.render());
  }
  function post(url, body) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, accept: 'application/json' },
      body: JSON.stringify(body),
    })
      .then(function (r) { if (!r.ok && r.status !== 200) throw new Error(String(r.status)); return r.json(); })
      .then(function (b) { (b.replies || []).forEach(function (x) { x.card ? card(x.card) : say(x.text); }); })
      .catch(function () { say(log.getAttribute('data-error')); });
  }
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    var b = document.createElement('div');
    b.textContent = text;
    add('from-you', b);
    input.value = '';
    post('/bot/message', { text: text });
  });
})();

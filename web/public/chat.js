/*
 * The chat page's script: gets a Direct Line token from the server (built-in Direct Line, or a token
 * exchanged with Azure), renders Bot Framework Web Chat in French with Québec wording, keeps the
 * conversation across a reload (sessionStorage, this tab only), and lets the citizen download their
 * own transcript as a text file built here, in the browser. No cookies, nothing sent elsewhere.
 */
(function () {
  'use strict';

  var config = JSON.parse(document.getElementById('chat-config').textContent);
  var strings = config.strings;
  var host = document.getElementById('webchat');
  var statusRegion = document.getElementById('chat-status');
  var actions = document.getElementById('chat-actions');
  var downloadButton = document.getElementById('download-transcript');
  var newConversationButton = document.getElementById('new-conversation');
  var TIME_ZONE = 'America/Toronto';

  // Colours of the Québec design system, each checked for contrast (WCAG 2.1 AA) against its background.
  var PIV_BLUE = '#095797';
  var DARK_BLUE = '#223654';
  var STYLE_OPTIONS = {
    accent: PIV_BLUE,
    backgroundColor: '#FFFFFF',
    subtle: '#4E5662',
    primaryFont: "'Open Sans', Arial, sans-serif",
    fontSizeSmall: '87.5%',
    bubbleBackground: '#F1F1F2',
    bubbleBorderColor: '#C5CAD2',
    bubbleBorderRadius: 4,
    bubbleBorderWidth: 1,
    bubbleTextColor: DARK_BLUE,
    bubbleFromUserBackground: PIV_BLUE,
    bubbleFromUserBorderColor: PIV_BLUE,
    bubbleFromUserBorderRadius: 4,
    bubbleFromUserTextColor: '#FFFFFF',
    bubbleMinWidth: 0,
    bubbleMaxWidth: 640,
    // Raw HTML in a message is shown as text, never rendered (Markdown stays on for the assistant).
    markdownRenderHTML: false,
    hideUploadButton: true,
    maxMessageLength: 5000,
    sendBoxBackground: '#FFFFFF',
    sendBoxTextColor: DARK_BLUE,
    sendBoxPlaceholderColor: '#4E5662',
    sendBoxBorderTop: 'solid 2px #808A9D',
    sendBoxButtonColor: PIV_BLUE,
    sendBoxButtonColorOnHover: DARK_BLUE,
    sendBoxButtonColorOnFocus: DARK_BLUE,
    sendBoxButtonKeyboardFocusIndicatorBorderColor: DARK_BLUE,
    sendBoxButtonKeyboardFocusIndicatorBorderWidth: 2,
    sendBoxHeight: 48,
    sendBoxTextWrap: true,
    suggestedActionLayout: 'flow',
    suggestedActionHeight: 44,
    suggestedActionBorderRadius: 4,
    suggestedActionBorderWidth: 2,
    suggestedActionBorderColor: PIV_BLUE,
    suggestedActionTextColor: PIV_BLUE,
    suggestedActionBackgroundColor: '#FFFFFF',
    suggestedActionBackgroundColorOnHover: '#DAE6F0',
    suggestedActionTextColorOnHover: DARK_BLUE,
    suggestedActionBackgroundColorOnActive: '#C5CAD2',
    suggestedActionTextColorOnActive: DARK_BLUE,
    suggestedActionKeyboardFocusIndicatorBorderColor: DARK_BLUE,
    suggestedActionKeyboardFocusIndicatorBorderStyle: 'solid',
    suggestedActionKeyboardFocusIndicatorBorderWidth: 2,
    suggestedActionsStackedLayoutButtonTextWrap: true,
    suggestedActionsVisualKeyboardIndicatorColor: DARK_BLUE,
    transcriptActivityVisualKeyboardIndicatorColor: DARK_BLUE,
    transcriptActivityVisualKeyboardIndicatorStyle: 'solid',
    transcriptActivityVisualKeyboardIndicatorWidth: 2,
    transcriptVisualKeyboardIndicatorColor: PIV_BLUE,
    transcriptVisualKeyboardIndicatorWidth: 3,
    timestampColor: '#4E5662',
    notificationText: '#4E5662',
    failedConnectivity: '#CB381F',
    slowConnectivity: '#AD781C',
    transcriptTerminatorBackgroundColor: DARK_BLUE,
    transcriptOverlayButtonBackground: DARK_BLUE,
    transcriptOverlayButtonBackgroundOnFocus: PIV_BLUE,
    transcriptOverlayButtonBackgroundOnHover: PIV_BLUE,
    showAvatarInGroup: false,
    cardEmphasisBackgroundColor: '#F1F1F2',
    cardPushButtonBackgroundColor: PIV_BLUE,
    cardPushButtonTextColor: '#FFFFFF',
    richCardWrapTitle: true,
  };

  var current; // { session, directLine, store, element, refreshTimer }

  function announce(text) {
    // Emptied first, so that the same sentence twice is announced twice.
    statusRegion.textContent = '';
    window.setTimeout(function () {
      statusRegion.textContent = text;
    }, 50);
  }

  function readSession() {
    try {
      var saved = JSON.parse(window.sessionStorage.getItem(config.storageKey) || 'null');
      if (saved && saved.mode === config.mode && typeof saved.token === 'string' && typeof saved.conversationId === 'string') return saved;
    } catch (ignored) {
      // Storage disabled or corrupted: start a new conversation.
    }
    return null;
  }

  function saveSession(session) {
    try {
      window.sessionStorage.setItem(
        config.storageKey,
        JSON.stringify({
          mode: session.mode,
          token: session.token,
          conversationId: session.conversationId,
          userId: session.userId,
          domain: session.domain,
          expiresAt: session.expiresAt,
        }),
      );
    } catch (ignored) {
      // Without storage, a reload starts a new conversation.
    }
  }

  function forgetSession() {
    try {
      window.sessionStorage.removeItem(config.storageKey);
    } catch (ignored) {
      // Nothing to forget.
    }
  }

  async function postJson(url, token, body) {
    var headers = { Accept: 'application/json' };
    if (token) headers.Authorization = 'Bearer ' + token;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    var response = await window.fetch(url, {
      method: 'POST',
      headers: headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
    });
    if (!response.ok) {
      var error = new Error('HTTP ' + response.status);
      error.status = response.status;
      throw error;
    }
    return response.json();
  }

  async function newSession() {
    var grant = await postJson(config.tokenUrl, undefined, { locale: config.locale });
    return {
      mode: config.mode,
      token: grant.token,
      conversationId: grant.conversationId,
      userId: grant.userId,
      domain: grant.domain,
      expiresAt: Date.now() + grant.expires_in * 1000,
      resumed: false,
    };
  }

  async function refresh(session) {
    var renewed = await postJson(session.domain + '/tokens/refresh', session.token);
    session.token = renewed.token;
    session.expiresAt = Date.now() + renewed.expires_in * 1000;
    saveSession(session);
    return session;
  }

  /** The conversation of this tab if its token can still be refreshed, otherwise a new one. */
  async function obtainSession(options) {
    var saved = options.fresh ? null : readSession();
    var expired = false;
    if (saved) {
      if (saved.expiresAt > Date.now() + 5000) {
        try {
          await refresh(saved);
          saved.resumed = true;
          return { session: saved, expired: false };
        } catch (error) {
          if (!error.status || error.status >= 500 || error.status === 429) throw error;
        }
      }
      expired = true;
    }
    var session = await newSession();
    saveSession(session);
    return { session: session, expired: expired };
  }

  function scheduleRefresh(state) {
    window.clearTimeout(state.refreshTimer);
    var delay = Math.max(10000, (state.session.expiresAt - Date.now()) / 2);
    state.refreshTimer = window.setTimeout(function () {
      refresh(state.session).then(
        function () {
          state.directLine.reconnect({ token: state.session.token });
          scheduleRefresh(state);
        },
        function () {
          // Direct Line keeps refreshing its own token; try again later.
          state.refreshTimer = window.setTimeout(function () {
            scheduleRefresh(state);
          }, 30000);
        },
      );
    }, delay);
  }

  // Keeps « 418 528-7157 », « 1 866 672-3460 » and « 8 h 30 » on one line in the assistant's messages.
  var NBSP = '\u00a0';
  function keepTogether(text) {
    return text
      .replace(/\b1 (\d{3}) (\d{3}-\d{4})\b/g, '1' + NBSP + '$1' + NBSP + '$2')
      .replace(/\b(\d{3}) (\d{3}-\d{4})\b/g, '$1' + NBSP + '$2')
      .replace(/\b(\d{1,2}) h(?: (\d{2}))?\b/g, function (match, hours, minutes) {
        return hours + NBSP + 'h' + (minutes ? NBSP + minutes : '');
      });
  }

  function fromAssistant(action) {
    var activity = action.type === 'DIRECT_LINE/INCOMING_ACTIVITY' && action.payload && action.payload.activity;
    return activity && activity.from && activity.from.role === 'bot' && typeof activity.text === 'string' ? activity : undefined;
  }

  function typographyMiddleware() {
    return function (next) {
      return function (action) {
        var activity = fromAssistant(action);
        if (!activity) return next(action);
        var payload = Object.assign({}, action.payload, { activity: Object.assign({}, activity, { text: keepTogether(activity.text) }) });
        return next(Object.assign({}, action, { payload: payload }));
      };
    };
  }

  function render(session) {
    var element = document.createElement('div');
    element.className = 'webchat-host__root';
    host.replaceChildren(element);
    var store = window.WebChat.createStore({}, typographyMiddleware);
    var directLine = window.WebChat.createDirectLine({
      token: session.token,
      domain: session.domain,
      // Activities are pushed on a WebSocket (streamUrl); polling once a second only where there is none.
      webSocket: typeof window.WebSocket === 'function',
      pollingInterval: 1000,
      conversationId: session.resumed ? session.conversationId : undefined,
      // Azure Direct Line passes it to the welcome conversationUpdate (the built-in one reads it from the token).
      conversationStartProperties: { locale: config.locale },
    });
    window.WebChat.renderWebChat(
      {
        directLine: directLine,
        store: store,
        locale: config.locale,
        nonce: config.nonce,
        overrideLocalizedStrings: config.webChatStrings,
        styleOptions: STYLE_OPTIONS,
        sendTypingIndicator: false,
      },
      element,
    );
    return { session: session, directLine: directLine, store: store, element: element };
  }

  async function start(options) {
    if (current) {
      window.clearTimeout(current.refreshTimer);
      current.directLine.end();
      current = undefined;
    }
    host.setAttribute('aria-busy', 'true');
    try {
      var obtained = await obtainSession(options);
      current = render(obtained.session);
      scheduleRefresh(current);
      actions.hidden = false;
      if (options.fresh) announce(strings.newConversationDone);
      else if (obtained.expired) announce(strings.expired);
      else if (obtained.session.resumed) announce(strings.resumed);
    } catch (error) {
      host.replaceChildren();
      var paragraph = document.createElement('p');
      paragraph.className = 'notice notice--warning';
      paragraph.textContent = strings.unavailable;
      host.appendChild(paragraph);
      announce(strings.unavailable);
    } finally {
      host.removeAttribute('aria-busy');
    }
  }

  // ----- Transcript -----

  function formatter(options) {
    return new Intl.DateTimeFormat(config.locale, Object.assign({ timeZone: TIME_ZONE }, options));
  }

  function isoDate(date) {
    // en-CA formats dates as YYYY-MM-DD.
    return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
  }

  function cardLines(card) {
    var lines = [];
    (function walk(node) {
      if (!node || typeof node !== 'object') return;
      if (Array.isArray(node)) return node.forEach(walk);
      if ((node.type === 'TextBlock' || node.type === 'TextRun') && typeof node.text === 'string') lines.push(node.text);
      if (node.type === 'FactSet' && Array.isArray(node.facts)) {
        node.facts.forEach(function (fact) {
          lines.push(fact.title + ' ' + fact.value);
        });
      }
      ['body', 'items', 'columns', 'inlines'].forEach(function (key) {
        walk(node[key]);
      });
    })(card && card.body);
    if (!lines.length && card && typeof card.fallbackText === 'string') lines.push(card.fallbackText);
    return lines;
  }

  function attachmentLines(attachment) {
    var content = attachment && attachment.content;
    if (!content) return attachment && attachment.name ? [attachment.name] : [];
    if (attachment.contentType === 'application/vnd.microsoft.card.adaptive') return cardLines(content);
    return [content.title, content.subtitle, content.text].filter(function (value) {
      return typeof value === 'string' && value;
    });
  }

  function transcriptText() {
    var t = strings.transcript;
    var stamp = formatter({ dateStyle: 'long', timeStyle: 'short' });
    var messages = current.store.getState().activities.filter(function (activity) {
      return activity.type === 'message' && (activity.text || (activity.attachments && activity.attachments.length));
    });
    if (!messages.length) return null;
    var out = [t.title, t.downloadedAt.replace('{date}', stamp.format(new Date())), t.notice, ''];
    messages.forEach(function (activity) {
      var fromUser = activity.from && activity.from.role === 'user';
      var when = activity.timestamp || (activity.channelData && activity.channelData.clientTimestamp);
      var header = (fromUser ? t.you : t.assistant) + (when ? ' (' + stamp.format(new Date(when)) + ')' : '') + ' :';
      if (config.lang === 'en') header = header.replace(/ :$/, ':');
      out.push(header);
      if (activity.text) out.push(activity.text);
      (activity.attachments || []).forEach(function (attachment) {
        attachmentLines(attachment).forEach(function (line) {
          out.push(line);
        });
      });
      var suggested = activity.suggestedActions && activity.suggestedActions.actions;
      if (suggested && suggested.length) {
        out.push(
          t.choices +
            (config.lang === 'en' ? ': ' : ' : ') +
            suggested
              .map(function (action) {
                return action.title || action.value;
              })
              .join(' | '),
        );
      }
      out.push('');
    });
    // The page keeps numbers and times on one line with no-break spaces; the file gets plain ones.
    return out.join('\r\n').replace(/\u00a0/g, ' ');
  }

  downloadButton.addEventListener('click', function () {
    if (!current) return;
    var text = transcriptText();
    if (!text) return announce(strings.nothingToDownload);
    var fileName = strings.transcript.fileName + '-' + isoDate(new Date()) + '.txt';
    var url = URL.createObjectURL(new Blob(['\ufeff' + text], { type: 'text/plain;charset=utf-8' }));
    var link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () {
      URL.revokeObjectURL(url);
    }, 10000);
    announce(strings.downloaded.replace('{file}', fileName));
  });

  /** Moves the focus to Web Chat's send box once it is rendered (Web Chat renders asynchronously). */
  function focusSendBox(attemptsLeft) {
    var input = host.querySelector('textarea, input[type="text"]');
    if (input) input.focus();
    else if (attemptsLeft > 0) {
      window.setTimeout(function () {
        focusSendBox(attemptsLeft - 1);
      }, 100);
    }
  }

  newConversationButton.addEventListener('click', function () {
    forgetSession();
    start({ fresh: true }).then(function () {
      focusSendBox(30);
    });
  });

  if (!window.WebChat) {
    host.replaceChildren();
    announce(strings.unavailable);
    return;
  }
  start({ fresh: false });
})();

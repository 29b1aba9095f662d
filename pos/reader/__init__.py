"""The card reader as the app sees it: one watcher per process, each reader's taps streamed to its own counter.

Each terminal names the PC/SC reader standing at it (terminal.reader_name, set on /terminals or by
`canteen terminals add --reader`): its exact name as pcscd lists it, "*" for every reader (a canteen
with one counter), or "" for none. A counter's stream and status carry only its own reader's events,
so a tap at one counter never lands on another's order; a terminal without a reader gets the
status of a reader that is off (enabled false) and no events.

Contract (the cashier screen relies on it):

* ``POST /api/v1/reader/ticket`` — with the terminal's bearer token, as every
  API call: ``201 {ticket, expires_at}``, a ticket that opens one stream within
  30 s. A browser's EventSource cannot send headers, and a terminal token in a
  URL would land in proxy logs; a spent ticket there is worth nothing.
* ``GET /api/v1/reader/events?ticket=<ticket>`` — Server-Sent Events (a client
  that can send headers may give its bearer token instead). A token in the URL,
  or a ticket unknown, used or expired, is a 401. The stream starts with
  ``retry: 2000`` and an ``event: status`` whose data is the status below plus
  ``kind: "status"``; then one ``event: <kind>`` per reader event
  (reader_online, reader_offline, card_inserted, card_removed, card_error,
  pcsc_available, pcsc_unavailable) of the terminal's own reader with JSON data
  ``{kind, reader, uid, message, card_number, at}``; and a ``: heartbeat`` comment every ~15 s. A
  browser's own reconnect would show the spent ticket again, so the counter
  closes the stream on error and opens a new one with a new ticket.
* ``GET /api/v1/reader/status`` — ``{enabled, watching, pcsc_available,
  message, readers: [{name, online, card_present, uid}]}``, of this terminal's own reader.

The watcher (cards.pcsc.ReaderWatcher) starts on the first subscriber or
status call when CANTEEN_READER=auto, never under TESTING unless a test
installs a hub with ``pos.reader.api.init_app(app, ReaderHub(True, pcsc))``.
Without pyscard or pcscd the stream still serves, saying so in its status.

Threads: waitress serves each open stream on one of its threads (16 by
default, CANTEEN_THREADS), so at most CANTEEN_READER_STREAMS (8) streams are
kept, leaving threads for requests (pos/serving.py). Streams are counted per
terminal: a third from one terminal closes that terminal's oldest (a reloaded
page briefly has two), and one past the overall cap is refused with
``503 reader_streams_full`` and Retry-After, never closing another counter's.
Waitress notices a closed tab at the next write (the heartbeat, within ~15 s),
or within a second when it runs with ``channel_request_lookahead=1``.
"""
